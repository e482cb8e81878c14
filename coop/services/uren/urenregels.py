"""Hours lines: the member claims, the employer approves or disputes, staff settle.

The rules apply themselves when a line is saved and are written on it, in Dutch:
- the statutory break (Arbeidstijdenwet) for the hours worked is deducted when the member
  reported less: breaks are unpaid and the law requires them, so the shorter break is
  taken to be a reporting gap, and the note shows both figures for a dispute;
- the 3-hour minimum per call (7:628a lid 1) for on-call work (incidental shifts: zero
  agreed hours, times not fixed); a permanent job has fixed times and agreed hours;
- a late cancellation keeps the called hours' pay (7:628a lid 4), as a line of its own,
  which the law settles: it needs no approval;
- work on a public holiday is marked on the line with the holiday's name, and the surcharge
  the package's agreement sets for it (a percentage, not a legal figure) is stored as
  surcharge hours (worked hours x percentage), paid as their own wage component.
A line that has been exported is locked; a later change is a correction line that refers
to it and is paid in the next export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contracten.arbeidstijd import verplichte_pauze
from contracten.gegevens import vastleggen as gegevens_vastleggen
from contracten.regels import leeftijd_op, minimum_oproep_uren, oproeptermijn_dagen
from contracten.regels.uren import honderdste_uur, uren_van_seconden
from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from coop.models import Inzet, Job, Urenregel
from coop.selectors import feestdagen
from coop.selectors.uren import urenregel_get, urenregel_list
from coop.selectors.werk import inzet_get

NUL = Decimal("0")
MAX_AFWIJKING = timedelta(hours=12)  # how far reported times may lie from the planned shift
MAX_DUUR = timedelta(hours=16)


@dataclass(frozen=True)
class Oproepvoorwaarden:
    """What the 3-hour minimum looks at: agreed weekly hours and whether times are fixed."""

    afgesproken_uren_per_week: Decimal
    vaste_tijden: bool


@dataclass
class Berekening:
    verplichte_pauze_minuten: int = 0
    pauze_toegepast_minuten: int = 0
    gewerkte_uren: Decimal = NUL
    doorbetaalde_uren: Decimal = NUL
    aanvulling_uren: Decimal = NUL
    betaalde_uren: Decimal = NUL
    regels: list[str] = field(default_factory=list)


def _nl(uren: Decimal) -> str:
    return f"{uren:.2f}".replace(".", ",")


def _minimum(basis: Decimal, v: Oproepvoorwaarden, dag: date, b: Berekening) -> None:
    b.betaalde_uren = minimum_oproep_uren(
        basis, v.afgesproken_uren_per_week, v.vaste_tijden, dag=dag
    )
    b.aanvulling_uren = b.betaalde_uren - basis
    if b.aanvulling_uren > 0:
        b.regels.append(
            f"Minimum per oproep (art. 7:628a lid 1 BW): {_nl(basis)} uur aangevuld met "
            f"{_nl(b.aanvulling_uren)} uur tot {_nl(b.betaalde_uren)} uur."
        )


def bereken_gewerkt(
    start: datetime,
    eind: datetime,
    pauze_minuten: int,
    geboortedatum: date,
    voorwaarden: Oproepvoorwaarden,
) -> Berekening:
    """Hours worked and paid for one shift, with the break and minimum-call rules applied."""
    dag = timezone.localtime(start).date()
    b = Berekening()
    seconden = (eind - start).total_seconds()
    zonder_pauze = uren_van_seconden(seconden - 60 * pauze_minuten)
    b.verplichte_pauze_minuten = verplichte_pauze(
        zonder_pauze, leeftijd_op(geboortedatum, dag), dag=dag
    )
    b.pauze_toegepast_minuten = max(pauze_minuten, b.verplichte_pauze_minuten)
    b.gewerkte_uren = uren_van_seconden(seconden - 60 * b.pauze_toegepast_minuten)
    if b.verplichte_pauze_minuten:
        tekst = (
            f"Wettelijke pauze bij {_nl(zonder_pauze)} uur werk: "
            f"{b.verplichte_pauze_minuten} min (Arbeidstijdenwet art. 5:4)."
        )
        if pauze_minuten < b.verplichte_pauze_minuten:
            tekst += f" Opgegeven {pauze_minuten} min; {b.pauze_toegepast_minuten} min afgetrokken."
        b.regels.append(tekst)
    _minimum(b.gewerkte_uren, voorwaarden, dag, b)
    return b


def bereken_annulering(
    uren_doorbetaald: Decimal, dag: date, voorwaarden: Oproepvoorwaarden
) -> Berekening:
    """The pay a late cancellation keeps; a cancelled call of under 3 hours is paid as 3."""
    b = Berekening(doorbetaalde_uren=uren_doorbetaald)
    b.regels.append(
        f"Late annulering (binnen {oproeptermijn_dagen(dag)} dagen, art. 7:628a lid 4 BW): "
        f"{_nl(uren_doorbetaald)} uur doorbetaald."
    )
    _minimum(uren_doorbetaald, voorwaarden, dag, b)
    return b


def oproepvoorwaarden(job: Job) -> Oproepvoorwaarden:
    """Incidental shifts are on-call work (zero hours, times not fixed); a permanent job not."""
    if job.soort == Job.Soort.VAST:
        return Oproepvoorwaarden(job.uren_per_week or NUL, vaste_tijden=True)
    return Oproepvoorwaarden(NUL, vaste_tijden=False)


def _feestdag(regel: Urenregel, inzet: Inzet) -> None:
    """Mark a worked line on a public holiday and apply the agreed surcharge to it."""
    naam = feestdagen.feestdag_naam(regel.datum)
    pakket = feestdagen.pakket_van(inzet.dienst)
    procent = pakket.feestdagtoeslag_procent if naam and pakket is not None else NUL
    regel.feestdag = naam or ""
    regel.feestdagtoeslag_procent = procent
    regel.toeslag_uren = honderdste_uur(regel.gewerkte_uren * procent / 100)
    if not naam:
        return
    if procent:
        regel.toelichting_regels = [
            *regel.toelichting_regels,
            f"Gewerkt op {naam} (feestdag): {_nl(procent)}% toeslag volgens de afspraak, "
            f"{_nl(regel.toeslag_uren)} uur toeslag.",
        ]
    else:
        regel.toelichting_regels = [
            *regel.toelichting_regels,
            f"Gewerkt op {naam} (feestdag); de afspraak kent geen feestdagtoeslag.",
        ]


def _zet(regel: Urenregel, b: Berekening) -> None:
    regel.verplichte_pauze_minuten = b.verplichte_pauze_minuten
    regel.pauze_toegepast_minuten = b.pauze_toegepast_minuten
    regel.gewerkte_uren = b.gewerkte_uren
    regel.doorbetaalde_uren = b.doorbetaalde_uren
    regel.aanvulling_uren = b.aanvulling_uren
    regel.betaalde_uren = b.betaalde_uren
    regel.toelichting_regels = b.regels


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
    _zet(
        regel,
        bereken_gewerkt(
            start,
            eind,
            pauze_minuten,
            inzet.werknemer.geboortedatum,
            oproepvoorwaarden(inzet.dienst.job),
        ),
    )
    _feestdag(regel, inzet)
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
    _zet(
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
    _zet(
        regel,
        bereken_gewerkt(
            start, eind, pauze, inzet.werknemer.geboortedatum, oproepvoorwaarden(inzet.dienst.job)
        ),
    )
    _feestdag(regel, inzet)
