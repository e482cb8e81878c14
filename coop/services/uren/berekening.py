"""The rules applied to an hours line when it is saved, written on it in Dutch:
- the statutory break (Arbeidstijdenwet) for the hours worked is deducted when the member
  reported less: breaks are unpaid and the law requires them, so the shorter break is
  taken to be a reporting gap, and the note shows both figures for a dispute;
- the 3-hour minimum per call (7:628a lid 1) for on-call work (incidental shifts: zero
  agreed hours, times not fixed); a permanent job has fixed times and agreed hours;
- a late cancellation keeps the called hours' pay (7:628a lid 4), as a line of its own;
- work on a public holiday is marked on the line with the holiday's name, and the surcharge
  the package's agreement sets for it (a percentage, not a legal figure) is stored as
  surcharge hours (worked hours x percentage), paid as their own wage component.
The line's life (claim, approval, dispute, settlement) is coop.services.uren.urenregels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from contracten.arbeidstijd import verplichte_pauze
from contracten.regels import leeftijd_op, minimum_oproep_uren, oproeptermijn_dagen
from contracten.regels.uren import honderdste_uur, uren_van_seconden
from coop.models import Inzet, Job, Urenregel
from coop.selectors import feestdagen

NUL = Decimal("0")


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


def feestdag_apply(regel: Urenregel, inzet: Inzet) -> None:
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


def berekening_apply(regel: Urenregel, b: Berekening) -> None:
    regel.verplichte_pauze_minuten = b.verplichte_pauze_minuten
    regel.pauze_toegepast_minuten = b.pauze_toegepast_minuten
    regel.gewerkte_uren = b.gewerkte_uren
    regel.doorbetaalde_uren = b.doorbetaalde_uren
    regel.aanvulling_uren = b.aanvulling_uren
    regel.betaalde_uren = b.betaalde_uren
    regel.toelichting_regels = b.regels
