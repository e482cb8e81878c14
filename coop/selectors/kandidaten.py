"""From the database to the pure matching module: prefilter in SQL, score in Python.

A ranking costs a constant number of queries whatever the number of members: the prefilter
(active, bounding box around the work, required skills through the hierarchy, certificates) is
one query, and each kind of detail for the remaining members is loaded with one query on that
prefilter as a subquery.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils import timezone

from coop.core.afstand import bounding_box, graden_per_km
from coop.engines import matching
from coop.models import Dienst, Instellingen, Inzet, Job, PakketVaardigheid, Werkpakket
from coop.selectors.rooster import aangeboden_vensters, occurrences
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    Werknemer,
    WerknemerVaardigheid,
)
from werknemers.selectors import vaardigheden_graaf
from werknemers.skills import effectieve_niveaus, implicerende

MAX_IDS = 20_000  # above this the prefilter stays a subquery (SQLite allows 32,766 parameters)


@dataclass
class Ranking:
    job: matching.JobEis
    geschikt: list[matching.Beoordeling] = field(default_factory=list)
    uitgesloten: dict[int, list[matching.Uitsluiting]] = field(default_factory=dict)
    voorgefilterd: int = 0


def match_config(inst: Instellingen) -> matching.MatchConfig:
    return matching.MatchConfig(
        afstand=inst.gewicht_afstand,
        zelfde_wijk=inst.gewicht_zelfde_wijk,
        eerlijkheid=inst.gewicht_eerlijkheid,
        doelgroep_bonus=inst.doelgroep_bonus,
        continuiteit=inst.gewicht_continuiteit,
    )


def _pakketeisen(pakket_ids: set[int]) -> dict[int, tuple[dict, dict, dict]]:
    """Per work package: required skill levels, their names, and required certificates by
    id and name (two queries for any number of packages)."""
    eisen: dict[int, tuple[dict, dict, dict]] = {pk: ({}, {}, {}) for pk in pakket_ids}
    for pid, vid, niveau, naam in PakketVaardigheid.objects.filter(
        werkpakket_id__in=pakket_ids
    ).values_list("werkpakket_id", "vaardigheid_id", "min_niveau", "vaardigheid__naam"):
        eisen[pid][0][vid], eisen[pid][1][vid] = niveau, naam
    for pid, sid, naam in Werkpakket.vereiste_certificaten.through.objects.filter(
        werkpakket_id__in=pakket_ids
    ).values_list("werkpakket_id", "certificaatsoort_id", "certificaatsoort__naam"):
        eisen[pid][2][sid] = naam
    return eisen


def _job_eis(
    diensten: list[Dienst], eisen: tuple[dict, dict, dict] = ({}, {}, {})
) -> matching.JobEis:
    eerste = diensten[0]
    locatie = eerste.locatie
    vaardigheden, vaardigheid_namen, certificaat_namen = eisen
    return matching.JobEis(
        id=eerste.job.pk,
        werkgever_id=locatie.werkgever_id,
        locatie_id=locatie.pk,
        latitude=float(locatie.latitude),
        longitude=float(locatie.longitude),
        wijk=locatie.wijk,
        diensten=tuple(matching.Dienstvenster(d.start, d.eind, d.pauze_seconden) for d in diensten),
        vaardigheden=vaardigheden,
        certificaten=frozenset(certificaat_namen),
        vaardigheid_namen=vaardigheid_namen,
        certificaat_namen=certificaat_namen,
    )


def job_eis_voor(diensten: list[Dienst]) -> matching.JobEis:
    """The requirements of one or more shifts of the same job."""
    eerste = diensten[0]
    pakket_id = eerste.job.werkpakket_id
    if pakket_id is None and eerste.fragment is not None:
        # A shift of a permanent job carries its package on the fragment (a released shift).
        pakket_id = eerste.fragment.werkpakket_id
    if pakket_id is None:
        return _job_eis(diensten)
    return _job_eis(diensten, _pakketeisen({pakket_id})[pakket_id])


def prefilter(job: matching.JobEis, graaf: dict[int, set[int]]) -> QuerySet[Werknemer]:
    """Members who could possibly qualify, found with indexes: one SQL query when evaluated."""
    radius = Werknemer.objects.filter(status=Werknemer.Status.ACTIEF).aggregate(
        m=Max("max_reisafstand_km")
    )["m"] or Decimal("0")
    min_lat, max_lat, min_lon, max_lon = bounding_box(job.latitude, job.longitude, float(radius))
    qs = Werknemer.objects.filter(
        status=Werknemer.Status.ACTIEF,
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    )
    # The box above uses the largest radius of any member; keep only members whose own radius
    # box reaches the work (1% margin; the exact distance rule stays in coop.engines.matching).
    graad = graden_per_km() * 1.01
    dlat = ExpressionWrapper(F("max_reisafstand_km") * Value(graad), output_field=FloatField())
    dlon = ExpressionWrapper(
        F("max_reisafstand_km") * Value(graad / max(math.cos(math.radians(job.latitude)), 0.01)),
        output_field=FloatField(),
    )
    qs = qs.alias(dlat=dlat, dlon=dlon).filter(
        latitude__gte=Value(job.latitude) - F("dlat"),
        latitude__lte=Value(job.latitude) + F("dlat"),
        longitude__gte=Value(job.longitude) - F("dlon"),
        longitude__lte=Value(job.longitude) + F("dlon"),
    )
    for vaardigheid_id, niveau in job.vaardigheden.items():
        bronnen = implicerende(graaf, vaardigheid_id) | {vaardigheid_id}
        qs = qs.filter(
            Exists(
                WerknemerVaardigheid.objects.filter(
                    werknemer=OuterRef("pk"), vaardigheid_id__in=bronnen, niveau__gte=niveau
                )
            )
        )
    eerste = min(d.start for d in job.diensten).astimezone(timezone.get_current_timezone()).date()
    laatste = max(d.eind for d in job.diensten).astimezone(timezone.get_current_timezone()).date()
    for soort_id in job.certificaten:
        qs = qs.filter(
            Exists(
                Certificaat.objects.filter(
                    Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=laatste),
                    werknemer=OuterRef("pk"),
                    soort_id=soort_id,
                    geldig_van__lte=eerste,
                )
            )
        )
    return qs


def kandidaten(
    ids: QuerySet | list[int],
    job: matching.JobEis,
    graaf: dict[int, set[int]],
    *,
    nu=None,
    met_open_aanbiedingen: bool = False,
) -> list[matching.Kandidaat]:
    """Load every detail the hard rules and the score need, one query per kind.

    `met_open_aanbiedingen`: the work of each member's open offers counts as their existing
    work, as it does when an offer is made (coop.services.werk.wettig); batch planning uses it so
    that it never proposes work the offer would then refuse.
    """
    nu = nu or timezone.now()
    rijen = list(
        Werknemer.objects.filter(pk__in=ids).values(
            "pk",
            "status",
            "geboortedatum",
            "latitude",
            "longitude",
            "wijk",
            "max_reisafstand_km",
            "uren_per_week_max",
            "sroi_doelgroep",
        )
    )
    sub = ids if isinstance(ids, list) else Werknemer.objects.filter(pk__in=ids).values("pk")
    gehouden: dict[int, dict[int, int]] = defaultdict(dict)
    for wid, vid, niveau in WerknemerVaardigheid.objects.filter(werknemer__in=sub).values_list(
        "werknemer_id", "vaardigheid_id", "niveau"
    ):
        gehouden[wid][vid] = niveau
    certs: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for wid, sid, van, tot in Certificaat.objects.filter(werknemer__in=sub).values_list(
        "werknemer_id", "soort_id", "geldig_van", "geldig_tot"
    ):
        certs[wid][sid].append((van, tot))
    beschikbaar: dict[int, list] = defaultdict(list)
    for wid, dag, begin, eind in Beschikbaarheid.objects.filter(werknemer__in=sub).values_list(
        "werknemer_id", "weekdag", "begin", "eind"
    ):
        beschikbaar[wid].append((dag, begin, eind))
    eerste = min(d.start for d in job.diensten)
    laatste = max(d.eind for d in job.diensten)
    afwezig: dict[int, list] = defaultdict(list)
    for wid, van, tot in Afwezigheid.objects.filter(
        werknemer__in=sub, van__lte=laatste.date(), tot_en_met__gte=eerste.date()
    ).values_list("werknemer_id", "van", "tot_en_met"):
        afwezig[wid].append((van, tot))
    # Reported sickness, "kan niet" and approved leave count as absence too.
    from coop.selectors.afwezigheid import afwezig_perioden

    for wid, van, tot in afwezig_perioden(sub, eerste.date(), laatste.date()):
        afwezig[wid].append((van, tot))
    bestaand: dict[int, list] = defaultdict(list)
    for wid, start, eind in Inzet.objects.filter(
        werknemer__in=sub,
        status=Inzet.Status.ACTIEF,
        start__lt=laatste + timedelta(days=8),
        eind__gt=eerste - timedelta(days=8),
    ).values_list("werknemer_id", "start", "eind"):
        bestaand[wid].append(matching.Dienstvenster(start, eind))
    if met_open_aanbiedingen:
        rondom = (eerste - timedelta(days=8), laatste + timedelta(days=8))
        for wid, vensters in aangeboden_vensters(sub, *rondom).items():
            bestaand[wid].extend(matching.Dienstvenster(s, e) for s, e in vensters)
    gekregen = {
        wid: uren
        for wid, uren in Inzet.objects.filter(
            werknemer__in=sub,
            status=Inzet.Status.ACTIEF,
            start__gte=nu - timedelta(weeks=4),
            start__lt=nu,
        )
        .values("werknemer_id")
        .annotate(uren=Sum(F("eind") - F("start")))
        .values_list("werknemer_id", "uren")
    }
    eerder: dict[int, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for wid, wg, loc in (
        Inzet.objects.filter(werknemer__in=sub)
        .values_list("werknemer_id", "dienst__locatie__werkgever_id", "dienst__locatie_id")
        .distinct()
    ):
        eerder[wid][0].add(wg)
        eerder[wid][1].add(loc)
    return [
        matching.Kandidaat(
            id=r["pk"],
            actief=r["status"] == Werknemer.Status.ACTIEF,
            geboortedatum=r["geboortedatum"],
            latitude=float(r["latitude"]),
            longitude=float(r["longitude"]),
            wijk=r["wijk"],
            max_reisafstand_km=float(r["max_reisafstand_km"]),
            vaardigheden=effectieve_niveaus(graaf, gehouden.get(r["pk"], {})),
            certificaten={s: tuple(p) for s, p in certs.get(r["pk"], {}).items()},
            beschikbaarheid=tuple(beschikbaar.get(r["pk"], ())),
            afwezig=tuple(afwezig.get(r["pk"], ())),
            bestaande_diensten=tuple(bestaand.get(r["pk"], ())),
            uren_gewenst_per_week=float(r["uren_per_week_max"]),
            uren_gekregen_4w=_uren(gekregen.get(r["pk"])),
            doelgroep=bool(r["sroi_doelgroep"]),
            eerdere_werkgevers=frozenset(eerder[r["pk"]][0]) if r["pk"] in eerder else frozenset(),
            eerdere_locaties=frozenset(eerder[r["pk"]][1]) if r["pk"] in eerder else frozenset(),
        )
        for r in rijen
        if r["latitude"] is not None and r["longitude"] is not None
    ]


def _uren(duur) -> float:
    if duur is None:
        return 0.0
    return duur.total_seconds() / 3600


def rank_for_diensten(diensten: list[Dienst], *, nu=None) -> Ranking:
    return rank_job_eis(job_eis_voor(diensten), nu=nu)


def rank_for_dienst(dienst: Dienst, *, nu=None) -> Ranking:
    return rank_for_diensten([dienst], nu=nu)


def explain_for_dienst(dienst: Dienst, werknemer_id: int):
    """One member against one shift without the SQL prefilter: every rule that excludes them."""
    return explain_per_dienst([dienst], werknemer_id)[dienst.pk]


def explain_per_dienst(diensten: list[Dienst], werknemer_id: int) -> dict[int, object]:
    """`explain_for_dienst` for many shifts at once (the open-shift list): the member's
    details and the packages' requirements are read once, whatever the number of shifts."""
    if not diensten:
        return {}
    pakket_ids = {d.job.werkpakket_id for d in diensten if d.job.werkpakket_id is not None}
    eisen = _pakketeisen(pakket_ids)
    # the member's details over the span of all the shifts; each shift is judged on its own
    lijst = kandidaten(
        Werknemer.objects.filter(pk=werknemer_id).values("pk"),
        _job_eis(diensten),
        vaardigheden_graaf(),
    )
    if not lijst:
        geen = [matching.Uitsluiting("adres", "Van dit lid zijn geen woon-coördinaten bekend.")]
        return {d.pk: geen for d in diensten}
    config = match_config(Instellingen.huidig())
    return {
        d.pk: matching.beoordeel(
            lijst[0], _job_eis([d], eisen.get(d.job.werkpakket_id or 0, ({}, {}, {}))), config
        )
        for d in diensten
    }


def job_eis_vast(job: Job, weeks: int = 4) -> matching.JobEis:
    """A permanent job's requirements over its first weeks: all packages' skills and certificates."""
    van = max(timezone.localdate() + timedelta(days=1), job.startdatum or date.min)
    diensten = occurrences(job, van, van + timedelta(weeks=weeks) - timedelta(days=1))
    if not diensten:
        raise ValueError("Deze vaste baan heeft geen diensten in de komende weken.")
    fragmenten = list(job.fragmenten.select_related("werkpakket__locatie"))
    hoofd = max(fragmenten, key=lambda f: (f.uren, -f.pk)).werkpakket.locatie
    pakket_ids = {f.werkpakket_id for f in fragmenten}
    vaardigheden: dict[int, int] = {}
    vaardigheid_namen: dict[int, str] = {}
    for vid, niveau, naam in PakketVaardigheid.objects.filter(
        werkpakket_id__in=pakket_ids
    ).values_list("vaardigheid_id", "min_niveau", "vaardigheid__naam"):
        vaardigheden[vid] = max(niveau, vaardigheden.get(vid, 0))
        vaardigheid_namen[vid] = naam
    certificaat_namen = dict(
        Werkpakket.vereiste_certificaten.through.objects.filter(
            werkpakket_id__in=pakket_ids
        ).values_list("certificaatsoort_id", "certificaatsoort__naam")
    )
    return matching.JobEis(
        id=job.pk,
        werkgever_id=hoofd.werkgever_id,
        locatie_id=hoofd.pk,
        latitude=float(hoofd.latitude),
        longitude=float(hoofd.longitude),
        wijk=hoofd.wijk,
        diensten=tuple(matching.Dienstvenster(s, e) for s, e, _ in diensten),
        vaardigheden=vaardigheden,
        certificaten=frozenset(certificaat_namen),
        vaardigheid_namen=vaardigheid_namen,
        certificaat_namen=certificaat_namen,
    )


def rank_job_eis(job: matching.JobEis, *, nu=None) -> Ranking:
    graaf = vaardigheden_graaf()
    # Read the prefilter once: the detail queries then take the ids instead of re-running it
    # as a subquery each (a very large result stays a subquery: SQLite's parameter limit).
    voorfilter = prefilter(job, graaf)
    ids = list(voorfilter.values_list("pk", flat=True)[: MAX_IDS + 1])
    bron = ids if 0 < len(ids) <= MAX_IDS else voorfilter.values("pk")
    lijst = kandidaten(bron, job, graaf, nu=nu)
    geschikt, uitgesloten = matching.rangschik(lijst, job, match_config(Instellingen.huidig()))
    return Ranking(job=job, geschikt=geschikt, uitgesloten=uitgesloten, voorgefilterd=len(lijst))


def rank_for_job(job: Job, *, nu=None) -> Ranking:
    return rank_job_eis(job_eis_vast(job), nu=nu)
