"""The one error the engines raise for input they refuse. Pure: no Django."""

from __future__ import annotations


class InvoerFout(ValueError):
    """Input an engine refuses; `veld` names the offending field, `melding` is Dutch."""

    def __init__(self, veld: str, melding: str) -> None:
        super().__init__(melding)
        self.veld = veld
        self.melding = melding

    @property
    def fields(self) -> dict[str, list[str]]:
        """In the shape coop.core.exceptions.ApplicationError takes as `fields`."""
        return {self.veld: [self.melding]}
