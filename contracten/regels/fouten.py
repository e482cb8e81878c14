"""The error a rule raises for input the law does not cover, with a Dutch message.

It subclasses ValueError so plain callers can catch it; `veld` names the input field at
fault so a service can turn it into ApplicationError(message, fields={veld: [message]}).
Missing table rows raise contracten.feiten.GeenRegelVoorDatum instead.
"""

from __future__ import annotations


class RegelFout(ValueError):
    """Input outside what a labour-law rule covers (e.g. a minimum wage under 15)."""

    def __init__(self, melding: str, *, veld: str | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.veld = veld
