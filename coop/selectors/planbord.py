"""The staff planning board's week: every shift of seven days, grouped per location or per
skill, with who works it, whether an offer is out, and the filters a planner narrows it by.

A fixed number of queries for any week: the shifts with their location and work, the active
assignments, the open offers and the packages' skills, each read once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from coop.core.auth import vereis_staff
from coop.models import Aanbod, Dienst, Inzet, Job, PakketVaardigheid
from werkgevers.models import Werkgever
from werknemers.models import Vaardigheid

ZONDER_VAARDIGHEID = "Zonder vaardigheid"


@dataclass
class Bordfilter:
    wijk: str = ""
    werkgever_id: int | None = None
    vaardigheid_id: int | None = None


@dataclass
class Bordregel:
    """One shift on the board."""

    dienst: Dienst
    werk: str
    vast: bool
    bezet_door: str = ""  # the member working it: first name and initial
    open_aanbiedingen: int = 0

    @property
    def onbezet(self) -> bool:
        return self.dienst.status == Dienst.Status.OPEN

    @property
    def incidenteel(self) -> bool:
        return not self.vast


@dataclass
class Bordgroep:
    naam: str
    dagen: list[list[Bordregel]] = field(default_factory=lambda: [[] for _ in range(7)])


@dataclass
class Week:
    maandag: date
    groepen: list[Bordgroep]
    aantal: int
    onbezet: int
    dienst_ids: set[int]

    @property
    def dagen(self) -> list[date]:
        return [self.maandag + timedelta(days=i) for i in range(7)]

    @property
    def zondag(self) -> date:
        return self.maandag + timedelta(days=6)


def _werk(dienst: Dienst) -> tuple[str, int | None]:
    """The work's title and its package (a permanent job's block names its own package)."""
    fragment = dienst.fragment
    pakket = fragment.werkpakket if fragment is not None else dienst.job.werkpakket
    if pakket is None:
        return dienst.job.reden, None
    return pakket.titel, pakket.pk


def planbord_week(user, maandag: date, keuze: Bordfilter, *, per: str = "locatie") -> Week:
    """The shifts of the week from `maandag`, staff only (others: 404)."""
    vereis_staff(user, "Niet gevonden.", verbergen=True)
    begin = timezone.make_aware(datetime.combine(maandag, time(0)))
    eind = timezone.make_aware(datetime.combine(maandag + timedelta(days=7), time(0)))
    qs = (
        Dienst.objects.filter(start__gte=begin, start__lt=eind)
        .exclude(status=Dienst.Status.GEANNULEERD)
        .select_related("job__werkpakket", "fragment__werkpakket", "locatie__werkgever")
        .order_by("start", "pk")
    )
    if keuze.wijk:
        qs = qs.filter(locatie__wijk__iexact=keuze.wijk)
    if keuze.werkgever_id:
        qs = qs.filter(locatie__werkgever_id=keuze.werkgever_id)
    diensten = list(qs)
    pakket_van = {d.pk: _werk(d) for d in diensten}
    vaardigheden: dict[int | None, list[str]] = defaultdict(list)
    vaardigheid_ids: dict[int | None, set[int]] = defaultdict(set)
    for pid, vid, naam in PakketVaardigheid.objects.filter(
        werkpakket_id__in={p for _, p in pakket_van.values() if p is not None}
    ).values_list("werkpakket_id", "vaardigheid_id", "vaardigheid__naam"):
        vaardigheden[pid].append(naam)
        vaardigheid_ids[pid].add(vid)
    if keuze.vaardigheid_id:
        diensten = [
            d for d in diensten if keuze.vaardigheid_id in vaardigheid_ids[pakket_van[d.pk][1]]
        ]
    ids = [d.pk for d in diensten]
    bezet = {
        inzet.dienst_id: inzet.werknemer.korte_naam
        for inzet in Inzet.objects.filter(dienst_id__in=ids, status=Inzet.Status.ACTIEF)
        .select_related("werknemer")
        .only("dienst_id", "werknemer__voornaam", "werknemer__achternaam")
    }
    aanbiedingen: dict[int, int] = defaultdict(int)
    for dienst_id in Aanbod.objects.filter(
        dienst_id__in=ids, status=Aanbod.Status.OPEN
    ).values_list("dienst_id", flat=True):
        aanbiedingen[dienst_id] += 1
    groepen: dict[str, Bordgroep] = {}
    for d in diensten:
        titel, pakket_id = pakket_van[d.pk]
        regel = Bordregel(
            dienst=d,
            werk=titel,
            vast=d.job.soort == Job.Soort.VAST,
            bezet_door=bezet.get(d.pk, ""),
            open_aanbiedingen=aanbiedingen[d.pk],
        )
        if per == "vaardigheid":
            sleutels = sorted(vaardigheden.get(pakket_id, [])) or [ZONDER_VAARDIGHEID]
        else:
            sleutels = [f"{d.locatie.naam} ({d.locatie.werkgever.naam})"]
        dag = (timezone.localtime(d.start).date() - maandag).days
        for sleutel in sleutels:
            groepen.setdefault(sleutel, Bordgroep(sleutel)).dagen[dag].append(regel)
    return Week(
        maandag=maandag,
        groepen=[groepen[k] for k in sorted(groepen, key=str.casefold)],
        aantal=len(diensten),
        onbezet=sum(d.status == Dienst.Status.OPEN for d in diensten),
        dienst_ids=set(ids),
    )


def planbord_keuzes() -> dict:
    """What the filters offer: the wijken with work, the employers, the skills."""
    wijken = (
        Dienst.objects.exclude(Q(locatie__wijk="") | Q(status=Dienst.Status.GEANNULEERD))
        .values_list("locatie__wijk", flat=True)
        .distinct()
        .order_by("locatie__wijk")
    )
    return {
        "wijken": list(wijken),
        "werkgevers": list(Werkgever.objects.order_by("naam").values_list("pk", "naam")),
        "vaardigheden": list(Vaardigheid.objects.order_by("naam").values_list("pk", "naam")),
    }
