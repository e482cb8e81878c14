"""Hours lines: the member claims, the employer approves or disputes, staff settle.

The rules apply themselves when a line is saved and are written on it, in Dutch
(coop.services.uren.berekening: the statutory break, the 3-hour minimum per call, a late
cancellation's pay, a public holiday's surcharge); a late cancellation is a line of its own,
which the law settles: it needs no approval.
A line that has been exported is locked; a later change is a correction line that refers
to it and is paid in the next export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from contracten.gegevens import vastleggen as gegevens_vastleggen
from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from coop.models import Inzet, Urenregel
from coop.selectors.uren import urenregel_get, urenregel_list
from coop.selectors.werk import inzet_get
from coop.services.uren.berekening import (
    bereken_annulering,
    bereken_gewerkt,
    berekening_apply,
    feestdag_apply,
    oproepvoorwaarden,
)

MAX_AFWIJKING = timedelta(hours=12)  # how far reported times may lie from the planned shift
MAX_DUUR = timedelta(hours=16)


def _controleer_tijden(inzet: Inzet, start: datetime, eind: datetime, pauze: int) -> None:
    fouten: dict[str, list[str]] = {}
    if eind <= start:
        fouten["eind"] = ["Het eind moet na het begin liggen."]
    elif eind - start > MAX_DUUR:
        fouten["eind"] = ["Een dienst duurt hoogstens 16 uur; controleer begin en eind."]
    elif eind > timezone.now():
        fouten["eind"] = ["U kunt uren pas opgeven als het werk klaar is."]
    if abs(start - inzet.start) > MAX_AFWIJKING:
        fouten["start"] = ["Het begin ligt te ver van de geplande dienst."]
    if not fouten and pauze * 60 >= (eind - start).total_seconds():
        fouten["pauze_minuten"] = ["De pauze is langer dan de dienst."]
    if fouten:
        veld, meldingen = next(iter(fouten.items()))
        raise ApplicationError(f"Ongeldige uren: {meldingen[0]}", fields=fouten)


def _laatste(inzet: Inzet) -> Urenregel | None:
    """The current version of an assignment's line: the one no correction replaces yet."""
    return (
        Urenregel.objects.select_for_update(of=("self",))
        .filter(inzet=inzet, correctie__isnull=True)
        .first()
    )


def _refuse_locked(regel: Urenregel) -> None:
    if regel.vergrendeld:
        raise Conflict(
            f"Deze uren zijn al uitbetaald in periode {regel.periode.code} en kunnen niet meer "
            "worden gewijzigd; dien een correctie in."
        )


@transaction.atomic
def urenregel_submit(
    *, user, inzet_id: int, start: datetime, eind: datetime, pauze_minuten: int = 0
) -> Urenregel:
    """A member confirms or corrects the hours of their own assignment.

    A line not yet exported is updated and goes back to the employer for approval; an
    exported one gets a correction line (paid in the next period).
    """
    if actor_van(user).werknemer_id is None:
        raise PermissionDenied("Alleen het lid zelf geeft gewerkte uren op.")
    inzet = Inzet.objects.select_for_update(of=("self",)).get(pk=inzet_get(user, inzet_id).pk)
    if inzet.status == Inzet.Status.VRIJGEGEVEN:
        raise Conflict(
            "Deze dienst is vrijgegeven omdat u afwezig was; er zijn geen gewerkte uren op te "
            "geven (ziekte of verlof staat al op uw urenoverzicht).",
            fields={"inzet_id": ["Vrijgegeven wegens afwezigheid."]},
        )
    if inzet.status == Inzet.Status.GEANNULEERD:
        regel = annuleringsregel(inzet)
        if regel is None:
            raise ApplicationError(
                "Deze inzet is geannuleerd zonder doorbetaling; er zijn geen uren op te geven.",
                fields={"inzet_id": ["Geannuleerd zonder doorbetaling."]},
            )
        return regel
    _controleer_tijden(inzet, start, eind, pauze_minuten)
    vorige = _laatste(inzet)
    if vorige is not None and not vorige.vergrendeld:
        if vorige.status == Urenregel.Status.VASTGESTELD:
            raise Conflict("De makelaar heeft deze uren vastgesteld; wijzigen kan niet meer.")
        regel = vorige
    else:
        regel = Urenregel(inzet=inzet, soort=Urenregel.Soort.GEWERKT, corrigeert=vorige)
    regel.datum = timezone.localtime(start).date()
    regel.start, regel.eind, regel.pauze_minuten = start, eind, pauze_minuten
    berekening_apply(
        regel,
        bereken_gewerkt(
            start,
            eind,
            pauze_minuten,
            inzet.werknemer.geboortedatum,
            oproepvoorwaarden(inzet.dienst.job),
        ),
    )
    feestdag_apply(regel, inzet)
    regel.status = Urenregel.Status.INGEDIEND
    regel.ingediend_door, regel.ingediend_op = user, timezone.now()
    regel.beoordeeld_door, regel.beoordeeld_op, regel.betwist_reden = None, None, ""
    regel.save()
    gegevens_vastleggen(regel.datum)
    return regel


def annuleringsregel(inzet: Inzet) -> Urenregel | None:
    """The line for the pay a late cancellation keeps (created once; None if nothing kept)."""
    if inzet.status != Inzet.Status.GEANNULEERD or inzet.uren_doorbetaald <= 0:
        return None
    bestaand = Urenregel.objects.filter(inzet=inzet).order_by("pk").first()
    if bestaand is not None:
        return bestaand
    dag = timezone.localtime(inzet.start).date()
    regel = Urenregel(
        inzet=inzet,
        soort=Urenregel.Soort.ANNULERING,
        datum=dag,
        status=Urenregel.Status.VASTGESTELD,
        vastgesteld_op=timezone.now(),
        vaststelling_toelichting="Doorbetaling bij late annulering volgt uit de wet.",
    )
    berekening_apply(
        regel,
        bereken_annulering(inzet.uren_doorbetaald, dag, oproepvoorwaarden(inzet.dienst.job)),
    )
    regel.save()
    gegevens_vastleggen(dag)
    return regel


def annuleringsregels_create(*, tot: date) -> int:
    """Lines for every late cancellation up to `tot` that has none yet (before an export)."""
    inzetten = Inzet.objects.filter(
        status=Inzet.Status.GEANNULEERD,
        uren_doorbetaald__gt=0,
        start__lt=timezone.make_aware(
            datetime.combine(tot + timedelta(days=1), datetime.min.time())
        ),
        urenregels__isnull=True,
    ).select_related("dienst__job")
    aantal = 0
    for inzet in inzetten.iterator():
        with transaction.atomic():
            if annuleringsregel(inzet) is not None:
                aantal += 1
    return aantal


def _voor_werkgever(user, regel_id: int) -> Urenregel:
    if actor_van(user).werkgever_id is None:
        raise PermissionDenied("Alleen de werkgever van de dienst beoordeelt deze uren.")
    regel = urenregel_get(user, regel_id)
    return Urenregel.objects.select_for_update(of=("self",)).get(pk=regel.pk)


def _open_voor_beoordeling(regel: Urenregel, *toegestaan: str) -> None:
    _refuse_locked(regel)
    if regel.status not in toegestaan:
        raise Conflict(f"Deze uren zijn {regel.get_status_display()}; dat kan nu niet.")


@transaction.atomic
def urenregel_approve(*, user, regel_id: int) -> Urenregel:
    """The employer approves a claimed (or earlier disputed) line of its own shift."""
    regel = _voor_werkgever(user, regel_id)
    _open_voor_beoordeling(regel, Urenregel.Status.INGEDIEND, Urenregel.Status.BETWIST)
    regel.status = Urenregel.Status.GOEDGEKEURD
    regel.beoordeeld_door, regel.beoordeeld_op, regel.betwist_reden = user, timezone.now(), ""
    regel.save()
    return regel


@dataclass(frozen=True)
class Goedkeuring:
    """What approving several lines at once did: the lines approved, and each refused one
    with the reason (already approved, disputed by a colleague meanwhile, locked, …)."""

    goedgekeurd: list[Urenregel]
    geweigerd: list[tuple[int, str]]


@transaction.atomic
def urenregels_approve(*, user, regel_ids: list[int]) -> Goedkeuring:
    """The employer approves the lines it was shown (a week's, say) in one go: each through
    urenregel_approve, so with the same checks. A line of another organisation makes the
    whole request a 404 before anything is approved."""
    ids = sorted(set(regel_ids))
    if actor_van(user).werkgever_id is None:
        raise PermissionDenied("Alleen de werkgever van de dienst beoordeelt deze uren.")
    zichtbaar = set(urenregel_list(user).filter(pk__in=ids).values_list("pk", flat=True))
    if zichtbaar != set(ids):
        raise NotFound("Urenregel niet gevonden.")
    goedgekeurd, geweigerd = [], []
    for regel_id in ids:
        try:
            with transaction.atomic():
                goedgekeurd.append(urenregel_approve(user=user, regel_id=regel_id))
        except Conflict as exc:
            geweigerd.append((regel_id, exc.message))
    return Goedkeuring(goedgekeurd, geweigerd)


@transaction.atomic
def urenregel_dispute(*, user, regel_id: int, reden: str) -> Urenregel:
    """The employer disputes a line, with a reason; staff then settle it."""
    if not reden.strip():
        raise ApplicationError(
            "Geef een reden op.", fields={"reden": ["Geef aan wat er niet klopt."]}
        )
    regel = _voor_werkgever(user, regel_id)
    _open_voor_beoordeling(regel, Urenregel.Status.INGEDIEND, Urenregel.Status.GOEDGEKEURD)
    regel.status = Urenregel.Status.BETWIST
    regel.beoordeeld_door, regel.beoordeeld_op = user, timezone.now()
    regel.betwist_reden = reden.strip()
    regel.save()
    return regel


@transaction.atomic
def urenregel_vaststellen(
    *,
    user,
    regel_id: int,
    toelichting: str,
    start: datetime | None = None,
    eind: datetime | None = None,
    pauze_minuten: int | None = None,
) -> Urenregel:
    """Staff settle a line (usually a disputed one), optionally with corrected times."""
    if not is_staff(user):
        raise NotFound("Urenregel niet gevonden.")
    if not toelichting.strip():
        raise ApplicationError(
            "Geef een toelichting.", fields={"toelichting": ["Leg de vaststelling uit."]}
        )
    regel = Urenregel.objects.select_for_update(of=("self",)).get(
        pk=urenregel_get(user, regel_id).pk
    )
    _refuse_locked(regel)
    if regel.soort == Urenregel.Soort.GEWERKT and (start or eind or pauze_minuten is not None):
        _herbereken(regel, start or regel.start, eind or regel.eind, pauze_minuten)
    regel.status = Urenregel.Status.VASTGESTELD
    regel.vastgesteld_door, regel.vastgesteld_op = user, timezone.now()
    regel.vaststelling_toelichting = toelichting.strip()
    regel.save()
    return regel


def _herbereken(regel: Urenregel, start: datetime, eind: datetime, pauze: int | None) -> None:
    inzet = Inzet.objects.select_related("werknemer", "dienst__job").get(pk=regel.inzet_id)
    pauze = regel.pauze_minuten if pauze is None else pauze
    _controleer_tijden(inzet, start, eind, pauze)
    regel.start, regel.eind, regel.pauze_minuten = start, eind, pauze
    regel.datum = timezone.localtime(start).date()
    berekening_apply(
        regel,
        bereken_gewerkt(
            start, eind, pauze, inzet.werknemer.geboortedatum, oproepvoorwaarden(inzet.dienst.job)
        ),
    )
    feestdag_apply(regel, inzet)
