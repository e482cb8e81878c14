"""Public holidays in the broker's work: skipped or worked as the package's agreement says.

Each package (the agreement with its employer) says what happens to its recurring work on a
public holiday (contracten.regels.feestdagen): `vrij` (the default: not worked, not planned)
or `doorwerken` (worked, with the surcharge on the wage the agreement sets, if any). A
permanent job bundles fragments of several packages, so each fragment follows its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone

from contracten.regels import feestdagen as feestdagen_van
from coop.models import Dienst, Job, Werkpakket


@dataclass(frozen=True)
class Feestdag:
    """A holiday on which a job has work, and what the agreement makes of it."""

    datum: date
    naam: str
    werkgever: str
    gevolg: str  # "vrij" or "doorwerken"
    toeslag_procent: Decimal
    toelichting: str


@lru_cache(maxsize=64)
def _van_jaar(jaar: int) -> dict[date, str]:
    return feestdagen_van(jaar)


def feestdag_naam(dag: date) -> str | None:
    """The Dutch name of the public holiday on `dag`, or None."""
    return _van_jaar(dag.year).get(dag)


def vrij_op(dag: date, pakket: Werkpakket | None) -> bool:
    """Whether the package's work is skipped on `dag` (a holiday it keeps free)."""
    vrij = pakket is None or pakket.feestdagen == Werkpakket.Feestdagen.VRIJ
    return vrij and feestdag_naam(dag) is not None


def regeling(pakket: Werkpakket | None) -> str:
    """The holiday arrangement in a sentence, for offers and contracts."""
    if pakket is None or pakket.feestdagen == Werkpakket.Feestdagen.VRIJ:
        return (
            "Op algemeen erkende feestdagen wordt niet gewerkt; diensten die op een feestdag "
            "zouden vallen, worden niet ingepland."
        )
    toeslag = pakket.feestdagtoeslag_procent or Decimal(0)
    betaling = (
        f"met een toeslag van {_procent(toeslag)}% op het uurloon voor die uren"
        if toeslag
        else "tegen het gewone uurloon"
    )
    return f"Op algemeen erkende feestdagen wordt doorgewerkt, {betaling}."


def _procent(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}".replace(".", ",")


def gevolg(dag: date, pakket: Werkpakket | None) -> Feestdag | None:
    """The holiday on `dag` with what the package's agreement makes of it (None: no holiday)."""
    naam = feestdag_naam(dag)
    if naam is None:
        return None
    vrij = pakket is None or pakket.feestdagen == Werkpakket.Feestdagen.VRIJ
    toeslag = Decimal(0) if vrij or pakket is None else pakket.feestdagtoeslag_procent
    if vrij:
        toelichting = f"{naam}: vrij, er wordt niet gewerkt."
    elif toeslag:
        toelichting = f"{naam}: doorwerken, met {_procent(toeslag)}% toeslag op het uurloon."
    else:
        toelichting = f"{naam}: doorwerken tegen het gewone uurloon."
    return Feestdag(
        datum=dag,
        naam=naam,
        werkgever=pakket.werkgever.naam if pakket is not None else "",
        gevolg="vrij" if vrij else "doorwerken",
        toeslag_procent=toeslag,
        toelichting=toelichting,
    )


def pakket_van(dienst: Dienst) -> Werkpakket | None:
    """The package whose agreement governs a shift (a bundled job's: its fragment's)."""
    if dienst.job.werkpakket_id is not None:
        return dienst.job.werkpakket
    return dienst.fragment.werkpakket if dienst.fragment_id else None


def van_dienst(dienst: Dienst) -> Feestdag | None:
    """The holiday a shift falls on, with its outcome (None, without a query, on other days)."""
    dag = timezone.localtime(dienst.start).date()
    if feestdag_naam(dag) is None:
        return None
    return gevolg(dag, pakket_van(dienst))


def van_job(job: Job, *, tot: date | None = None, fragmenten: list | None = None) -> list[Feestdag]:
    """The holidays from tomorrow up to `tot` (default a year) on which the job has work:
    its weekly pattern for a permanent job (skipped or worked), its shifts otherwise."""
    morgen = timezone.localdate() + timedelta(days=1)
    tot = tot or morgen + timedelta(days=365)
    if job.soort != Job.Soort.VAST:
        diensten = job.diensten.exclude(status=Dienst.Status.GEANNULEERD).filter(
            start__date__gte=morgen
        )
        uit = [van_dienst(d) for d in diensten.select_related("job__werkpakket__werkgever")]
        return [f for f in uit if f is not None]
    begin = max(morgen, job.startdatum or morgen)
    eind = min(tot, job.einddatum) if job.einddatum else tot
    if fragmenten is None:  # else: only these (an employer's own share of a bundled job)
        fragmenten = list(job.fragmenten.select_related("werkpakket__werkgever"))
    uit = []
    for jaar in range(begin.year, eind.year + 1):
        for dag in _van_jaar(jaar):
            if not begin <= dag <= eind:
                continue
            pakketten = {
                f.werkpakket_id: f.werkpakket for f in fragmenten if f.weekdag == dag.weekday()
            }
            uit.extend(gevolg(dag, p) for p in pakketten.values())
    return uit
