"""What every service of the supply registry checks first: who may, and the fields' errors at once.

Validation collects all field errors of a request and raises one Django ValidationError
({veld: [melding]}), which the API turns into a 400 naming the fields.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coop.core.auth import actor_van
from coop.core.exceptions import PermissionDenied
from werknemers.models import Werknemer


class Fouten(dict[str, list[str]]):
    """Field errors collected over a whole request, raised at once."""

    def add(self, veld: str, melding: str) -> None:
        self.setdefault(veld, []).append(str(melding))

    def merge(self, exc: ValidationError, prefix: str = "") -> None:
        if hasattr(exc, "error_dict"):
            for veld, meldingen in exc.message_dict.items():
                for melding in meldingen:
                    self.add(f"{prefix}{veld}", melding)
        else:
            for melding in exc.messages:
                self.add(prefix.rstrip(".") or "__all__", melding)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def vereis_staff_of_zelf(user, werknemer: Werknemer) -> None:
    """Staff, or the member themself (availability and absences are the member's own)."""
    actor = actor_van(user)
    if actor.is_staff or (actor.werknemer_id is not None and actor.werknemer_id == werknemer.pk):
        return
    raise PermissionDenied(_("U mag alleen uw eigen gegevens wijzigen."))
