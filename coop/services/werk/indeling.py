"""What publishing makes of a work package: its split into jobs (through the pure splitting
engine), without what already passed, and the jobs, shifts and fragments stored for it.
Used when a package is published and when a published package is changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone

from contracten.regels.uren import honderdste_uur
from coop.core.exceptions import ApplicationError
from coop.engines import splitting
from coop.models import Dienst, Fragment, Instellingen, Job, Werkpakket
from coop.selectors import feestdagen

if TYPE_CHECKING:
    from coop.services.werk.pakket_invoer import WerkpakketData

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def tijdvak_uren(begin: time, eind: time) -> Decimal:
    minuten = (eind.hour * 60 + eind.minute) - (begin.hour * 60 + begin.minute)
    return honderdste_uur(Decimal(minuten) / 60)


def aware(dag: date, tijd: time) -> datetime:
    return datetime.combine(dag, tijd, tzinfo=AMSTERDAM)


def split_config(inst: Instellingen) -> splitting.SplitConfig:
    return splitting.SplitConfig(
        structureel_min_weken=inst.structureel_min_weken, max_dienst_uren=inst.max_dienst_uren
    )


def werk_van(
    pakket: Werkpakket | WerkpakketData, vanaf: date | None = None
) -> splitting.EenmaligWerk | splitting.TerugkerendWerk:
    """The pure splitting module's view of a package (stored, or the data it is posted or
    changed with); with `vanaf`, only the work from that day on (what already passed can no
    longer be done)."""
    if isinstance(pakket, Werkpakket):
        vensters = [(v.datum, v.begin, v.eind) for v in pakket.vensters.all()]
        tijdvakken = [(t.weekdag, t.begin, t.eind) for t in pakket.tijdvakken.all()]
    else:
        vensters = [(v.datum, v.begin, v.eind) for v in pakket.vensters]
        tijdvakken = [(t.weekdag, t.begin, t.eind) for t in pakket.tijdvakken]
    if pakket.soort == Werkpakket.Soort.EENMALIG:
        extra: dict = {"dagen": frozenset(pakket.dagen)} if pakket.dagen else {}
        if pakket.dag_begin is not None:
            extra["dag_begin"] = pakket.dag_begin
        assert pakket.vroegste_start is not None and pakket.uiterlijk_eind is not None
        assert pakket.totaal_uren is not None
        return splitting.EenmaligWerk(
            vroegste_start=max(pakket.vroegste_start, vanaf or pakket.vroegste_start),
            uiterlijk_eind=pakket.uiterlijk_eind,
            totaal_uren=pakket.totaal_uren,
            max_uren_per_dag=pakket.max_uren_per_dag,
            max_personen=pakket.max_personen,
            vensters=tuple(splitting.Venster(*v) for v in vensters),
            **extra,
        )
    assert pakket.startdatum is not None
    return splitting.TerugkerendWerk(
        patroon=tuple(splitting.Tijdvak(*t) for t in tijdvakken),
        startdatum=max(pakket.startdatum, vanaf or pakket.startdatum),
        einddatum=pakket.einddatum,
    )


def _vensters_vanaf(
    vensters: tuple[splitting.Venster, ...], nu: datetime
) -> tuple[splitting.Venster, ...]:
    """The windows still to come: a window that already opened keeps its part from the next
    quarter hour on; one that (nearly) closed is left out."""
    lokaal = timezone.localtime(nu, AMSTERDAM)
    kwartier = (lokaal.hour * 60 + lokaal.minute) // 15 * 15 + 15
    uit = []
    for v in vensters:
        if aware(v.datum, v.begin) > nu:
            uit.append(v)
        elif v.datum == lokaal.date() and kwartier < v.eind.hour * 60 + v.eind.minute:
            uit.append(splitting.Venster(v.datum, time(kwartier // 60, kwartier % 60), v.eind))
    return tuple(uit)


def indeling_van(pakket: Werkpakket | WerkpakketData, *, nu: datetime) -> list[splitting.JobSpec]:
    """The jobs publishing makes of a package at `nu`: split, without what already passed.
    ApplicationError, naming the field, when it cannot be split or all of it would be past."""
    try:
        werk = werk_van(pakket, timezone.localdate(nu))
        if isinstance(werk, splitting.EenmaligWerk) and werk.vensters:
            werk = replace(werk, vensters=_vensters_vanaf(werk.vensters, nu))
            if not werk.vensters:
                melding = "Alle tijdvensters van dit werk zijn al voorbij; kies latere."
                raise ApplicationError(melding, fields={"vensters": [melding]}, status_code=422)
        specs = splitting.split(werk, split_config(Instellingen.huidig()))
    except splitting.SplitFout as exc:
        raise ApplicationError(
            f"Het werk kan zo niet worden ingedeeld: {exc.melding}", fields=exc.fields
        ) from exc
    specs = _toekomstig(specs, nu)
    if not specs:
        melding = "Alle diensten van dit werk zouden al voorbij zijn; kies latere data."
        raise ApplicationError(melding, fields={"vroegste_start": [melding]}, status_code=422)
    return specs


def _toekomstig(specs: list[splitting.JobSpec], nu: datetime) -> list[splitting.JobSpec]:
    """The specs without shifts that start before `nu`; a job left without shifts goes."""
    uit = []
    for spec in specs:
        if spec.soort == "vast":
            uit.append(spec)
            continue
        diensten = tuple(d for d in spec.diensten if aware(d.datum, d.begin) > nu)
        if diensten:
            eerste = min(d.datum for d in diensten)
            uit.append(replace(spec, diensten=diensten, startdatum=eerste))
    return uit


@dataclass(frozen=True)
class Deel:
    """One part of a package as publishing makes it: a permanent weekly pattern (`spec.patroon`,
    fragments for bundling) or incidental shifts (`diensten`, without the public holidays a
    recurring package keeps free: those are in `vrije_feestdagen`, with their name)."""

    spec: splitting.JobSpec
    diensten: tuple[splitting.Dienst, ...] = ()
    vrije_feestdagen: tuple[tuple[date, str], ...] = ()

    @property
    def uren(self) -> Decimal:
        """Incidental: the hours of the shifts kept; permanent: the hours per week."""
        if self.spec.soort == splitting.VAST:
            return self.spec.uren_per_week
        return sum((d.uren for d in self.diensten), Decimal(0))


def delen_van(pakket: Werkpakket, specs: list[splitting.JobSpec]) -> list[Deel]:
    """The split as it is stored: a weekly pattern skips the holidays the package keeps free;
    one-off work is placed on the days the employer allowed."""
    return [_deel(pakket, spec) for spec in specs]


def _deel(pakket: Werkpakket, spec: splitting.JobSpec) -> Deel:
    if spec.soort == splitting.VAST:
        return Deel(spec)
    patroon = pakket.soort == Werkpakket.Soort.TERUGKEREND
    diensten, vrij = [], []
    for d in spec.diensten:
        if patroon and feestdagen.vrij_op(d.datum, pakket):
            vrij.append((d.datum, feestdagen.feestdag_naam(d.datum) or ""))
        else:
            diensten.append(d)
    return Deel(spec, tuple(diensten), tuple(dict.fromkeys(vrij)))


def indeling_opslaan(pakket: Werkpakket, specs: list[splitting.JobSpec]) -> None:
    """Store the split: permanent fragments, and incidental jobs with their shifts."""
    for deel in delen_van(pakket, specs):
        _store_deel(pakket, deel)


def _store_deel(pakket: Werkpakket, deel: Deel) -> None:
    spec = deel.spec
    if spec.soort == "vast":
        Fragment.objects.bulk_create(
            Fragment(
                werkpakket=pakket,
                weekdag=t.weekdag,
                begin=t.begin,
                eind=t.eind,
                uren=tijdvak_uren(t.begin, t.eind),
                reden=spec.reden,
            )
            for t in spec.patroon
        )
        return
    job = Job.objects.create(
        soort=Job.Soort.INCIDENTEEL,
        reden=spec.reden,
        werkpakket=pakket,
        startdatum=spec.startdatum,
        einddatum=spec.einddatum,
    )
    Dienst.objects.bulk_create(
        Dienst(
            job=job,
            locatie=pakket.locatie,
            start=aware(d.datum, d.begin),
            eind=aware(d.datum, d.eind),
        )
        for d in deel.diensten
    )
