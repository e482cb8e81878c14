"""Reads of the supply registry, scoped to the asking user: the one place isolation lives.

Staff see every member; a worker sees only their own record (another member is a 404, so
ids are not even confirmed to exist); an employer user or a user without a role gets 403.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from coop.core.auth import is_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.core.fields import blind_index
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)
from werknemers.skills import effectieve_niveaus


def _werknemer_van(user) -> Werknemer | None:
    try:
        return user.werknemer
    except Werknemer.DoesNotExist:
        return None


def vereis_registertoegang(user) -> None:
    """Staff and workers may use the registry; employers and role-less users may not."""
    if is_staff(user) or _werknemer_van(user) is not None:
        return
    raise PermissionDenied(_("Alleen medewerkers van de makelaar en leden hebben hier toegang."))


def werknemer_list(
    user,
    *,
    status: str | None = None,
    wijk: str | None = None,
    vaardigheid: int | None = None,
    zoek: str | None = None,
) -> QuerySet[Werknemer]:
    """The members `user` may see, optionally filtered; a worker gets only themself."""
    vereis_registertoegang(user)
    qs = Werknemer.objects.all()
    if not is_staff(user):
        qs = qs.filter(user=user)
    if status:
        qs = qs.filter(status=status)
    if wijk:
        qs = qs.filter(wijk__iexact=wijk)
    if vaardigheid:
        qs = qs.filter(vaardigheden__vaardigheid_id=vaardigheid)
    if zoek:
        qs = qs.filter(_zoekfilter(zoek))
    return qs.distinct()


def _zoekfilter(zoek: str) -> Q:
    """Name, postcode or e-mail; a term that is a BSN matches through the blind index."""
    compact = zoek.replace(" ", "").replace(".", "")
    filt = (
        Q(voornaam__icontains=zoek)
        | Q(achternaam__icontains=zoek)
        | Q(email__icontains=zoek)
        | Q(postcode__iexact=zoek)
        | Q(postcode__iexact=f"{compact[:4]} {compact[4:]}".upper())
    )
    if compact.isdigit() and len(compact) in (8, 9):
        filt |= Q(bsn_index=blind_index(compact.zfill(9)))
    return filt


def werknemer_get(user, werknemer_id: int) -> Werknemer:
    """One member `user` may see, with skills, certificates and availability prefetched."""
    qs = werknemer_list(user).prefetch_related(
        Prefetch(
            "vaardigheden",
            queryset=WerknemerVaardigheid.objects.select_related("vaardigheid").order_by(
                "vaardigheid__naam"
            ),
        ),
        Prefetch("certificaten", queryset=Certificaat.objects.select_related("soort")),
        "beschikbaarheid",
        "afwezigheden",
    )
    werknemer = qs.filter(pk=werknemer_id).first()
    if werknemer is None:
        raise NotFound(_("Werknemer niet gevonden."))
    return werknemer


def werknemer_eigen(user) -> Werknemer:
    """The member record of the logged-in worker (404 for users who are not a member)."""
    werknemer = _werknemer_van(user)
    if werknemer is None:
        raise NotFound(_("Er is geen werknemer aan deze gebruiker gekoppeld."))
    return werknemer_get(user, werknemer.pk)


def certificaat_get(werknemer: Werknemer, certificaat_id: int) -> Certificaat:
    obj = werknemer.certificaten.filter(pk=certificaat_id).first()
    if obj is None:
        raise NotFound(_("Certificaat niet gevonden."))
    return obj


def afwezigheid_get(werknemer: Werknemer, afwezigheid_id: int) -> Afwezigheid:
    obj = werknemer.afwezigheden.filter(pk=afwezigheid_id).first()
    if obj is None:
        raise NotFound(_("Afwezigheid niet gevonden."))
    return obj


def beschikbaarheid_list(werknemer: Werknemer) -> QuerySet[Beschikbaarheid]:
    return werknemer.beschikbaarheid.order_by("weekdag", "begin")


# The catalogues are no personal data: every logged-in user may read them (an employer
# names required skills and certificates when posting work).


def vaardigheid_list() -> QuerySet[Vaardigheid]:
    return Vaardigheid.objects.prefetch_related("omvat").order_by("naam")


def vaardigheid_get(vaardigheid_id: int) -> Vaardigheid:
    obj = vaardigheid_list().filter(pk=vaardigheid_id).first()
    if obj is None:
        raise NotFound(_("Vaardigheid niet gevonden."))
    return obj


def certificaatsoort_list() -> QuerySet[CertificaatSoort]:
    return CertificaatSoort.objects.order_by("naam")


def certificaatsoort_get(soort_id: int) -> CertificaatSoort:
    obj = certificaatsoort_list().filter(pk=soort_id).first()
    if obj is None:
        raise NotFound(_("Soort certificaat niet gevonden."))
    return obj


def vaardigheden_graaf() -> dict[int, set[int]]:
    """The catalogue's `omvat` edges as {skill id: ids it includes} (one query)."""
    graaf: dict[int, set[int]] = {}
    rows = Vaardigheid.omvat.through.objects.values_list("from_vaardigheid_id", "to_vaardigheid_id")
    for bron, doel in rows:
        graaf.setdefault(bron, set()).add(doel)
    return graaf


def effectieve_vaardigheden(werknemer_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """{member id: {skill id: effective level}} for many members in two queries.

    Not scoped to a user: the broker's matching calls it for members it already selected.
    Members without skills map to an empty dict.
    """
    ids = list(werknemer_ids)
    gehouden: dict[int, dict[int, int]] = {wid: {} for wid in ids}
    rows = WerknemerVaardigheid.objects.filter(werknemer_id__in=ids).values_list(
        "werknemer_id", "vaardigheid_id", "niveau"
    )
    for werknemer_id, vaardigheid_id, niveau in rows:
        gehouden[werknemer_id][vaardigheid_id] = niveau
    graaf = vaardigheden_graaf() if any(gehouden.values()) else {}
    return {wid: effectieve_niveaus(graaf, held) for wid, held in gehouden.items()}


def werknemer_vaardigheden_overzicht(werknemer: Werknemer) -> dict[str, list]:
    """A member's held skills and the effective ones (held plus implied by the hierarchy)."""
    gehouden = list(werknemer.vaardigheden.select_related("vaardigheid"))
    effectief = effectieve_niveaus(
        vaardigheden_graaf(), {wv.vaardigheid_id: wv.niveau for wv in gehouden}
    )
    namen = Vaardigheid.objects.filter(pk__in=effectief).order_by("naam")
    eigen = {wv.vaardigheid_id for wv in gehouden}
    return {
        "gehouden": gehouden,
        "effectief": [
            {
                "vaardigheid_id": v.pk,
                "code": v.code,
                "naam": v.naam,
                "niveau": effectief[v.pk],
                "zelf_gehouden": v.pk in eigen,
            }
            for v in namen
        ],
    }
