"""Candidate ranking: every hard rule just inside and just outside, the score parts, order."""

import math
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.core.afstand import EARTH_RADIUS_KM, bounding_box, haversine_km
from coop.engines.matching import (
    AMSTERDAM,
    Beoordeling,
    Dienstvenster,
    JobEis,
    Kandidaat,
    MatchConfig,
    beoordeel,
    rangschik,
)

LAT, LON = 52.0907, 5.1214  # Utrecht, Domplein


def t(dag: int, uur: int, minuut: int = 0) -> datetime:
    return datetime(2026, 3, dag, uur, minuut, tzinfo=AMSTERDAM)  # 9 March 2026 is a Monday


def noordwaarts(km: float) -> float:
    """The latitude `km` due north of the job: the great-circle distance is exactly `km`."""
    return LAT + math.degrees(km / EARTH_RADIUS_KM)


JOB = JobEis(
    id=1,
    werkgever_id=10,
    locatie_id=100,
    latitude=LAT,
    longitude=LON,
    wijk="Binnenstad",
    diensten=(Dienstvenster(t(10, 9), t(10, 17)), Dienstvenster(t(11, 9), t(11, 17))),
    vaardigheden={1: 3},
    certificaten=frozenset({7}),
)

BASIS = Kandidaat(
    id=1,
    actief=True,
    geboortedatum=date(1990, 1, 1),
    latitude=LAT,
    longitude=LON,
    wijk="Binnenstad",
    max_reisafstand_km=5.0,
    vaardigheden={1: 3, 2: 1},
    certificaten={7: ((date(2025, 1, 1), None),)},
    beschikbaarheid=tuple((dag, time(8), time(18)) for dag in range(5)),
    uren_gewenst_per_week=10,
)


def regels(uitkomst) -> list[str]:
    assert isinstance(uitkomst, list), uitkomst
    return [u.regel for u in uitkomst]


def test_the_base_candidate_is_eligible():
    assert isinstance(beoordeel(BASIS, JOB, MatchConfig()), Beoordeling)


GRENZEN = {
    "actief": ({"actief": True}, {"actief": False}, "actief"),
    "vaardigheidsniveau": ({"vaardigheden": {1: 4}}, {"vaardigheden": {1: 2}}, "vaardigheid"),
    "vaardigheid ontbreekt": ({"vaardigheden": {1: 3}}, {"vaardigheden": {2: 5}}, "vaardigheid"),
    # Valid through the last shift date, vs expiring the day before it.
    "certificaat": (
        {"certificaten": {7: ((date(2025, 1, 1), date(2026, 3, 11)),)}},
        {"certificaten": {7: ((date(2025, 1, 1), date(2026, 3, 10)),)}},
        "certificaat",
    ),
    "certificaat in twee perioden": (
        {"certificaten": {7: ((date(2025, 1, 1), date(2026, 3, 10)), (date(2026, 3, 11), None))}},
        {"certificaten": {7: ((date(2025, 1, 1), date(2026, 3, 9)), (date(2026, 3, 11), None))}},
        "certificaat",
    ),
    "afstand": ({"latitude": noordwaarts(4.99)}, {"latitude": noordwaarts(5.01)}, "afstand"),
    "beschikbaar tot 17:00 vs 16:59": (
        {"beschikbaarheid": ((1, time(9), time(17)), (2, time(9), time(17)))},
        {"beschikbaarheid": ((1, time(9), time(17)), (2, time(9), time(16, 59)))},
        "beschikbaarheid",
    ),
    "beschikbaar in aansluitende blokken": (
        {
            "beschikbaarheid": (
                (1, time(8), time(12)),
                (1, time(12), time(18)),
                (2, time(8), time(0)),
            )
        },
        {
            "beschikbaarheid": (
                (1, time(8), time(12)),
                (1, time(12, 1), time(18)),
                (2, time(8), time(0)),
            )
        },
        "beschikbaarheid",
    ),
    "afwezig": (
        {"afwezig": ((date(2026, 3, 1), date(2026, 3, 9)),)},
        {"afwezig": ((date(2026, 3, 1), date(2026, 3, 10)),)},
        "afwezig",
    ),
    "overlap met een bestaande inzet": (
        {"bestaande_diensten": (Dienstvenster(t(12, 4), t(12, 8)),)},  # 11 h after 17:00
        # A short overlap: together 8.5 h at work, which the job's own 30 min break covers.
        {"bestaande_diensten": (Dienstvenster(t(11, 16, 59), t(11, 17, 30)),)},
        "overlap",
    ),
    # 20-22 and the job's 09-17: with 10 h 59 between them one dienst of 21 h span.
    "rust 11 uur vs 10 uur 59": (
        {"bestaande_diensten": (Dienstvenster(t(9, 20), t(9, 22)),)},
        {"bestaande_diensten": (Dienstvenster(t(9, 20), t(9, 22, 1)),)},
        "rust",
    ),
    # A split shift (art. 1:7 ATW): the job's 09-17 (7.5 h worked after its 30 min break)
    # and 17.15-21.45 elsewhere (4.5 h, no break of its own) are one dienst of 12 h worked;
    # the 15 min between them completes the 45 min break 12.5 h at work needs (art. 5:4).
    "gebroken dienst 12 uur gewerkt": (
        {"bestaande_diensten": (Dienstvenster(t(10, 17, 15), t(10, 21, 45)),)},
        {"bestaande_diensten": (Dienstvenster(t(10, 17, 15), t(10, 21, 46)),)},
        "max_dienst",
    ),
    "weekuren": (
        # Worked hours, breaks excluded: 2 x 7.5 h of the job + 4 x 11.25 h (12 h less 45 min)
        # Thursday to Sunday = 60 h; then 4 minutes more.
        {"bestaande_diensten": tuple(Dienstvenster(t(d, 8), t(d, 20)) for d in (12, 13, 14, 15))},
        {"bestaande_diensten": tuple(Dienstvenster(t(d, 7, 59), t(d, 20)) for d in range(12, 16))},
        "max_week",
    ),
}


@pytest.mark.parametrize("naam", GRENZEN)
def test_hard_rule_just_inside_and_just_outside(naam):
    binnen, buiten, regel = GRENZEN[naam]
    assert isinstance(beoordeel(replace(BASIS, **binnen), JOB), Beoordeling)
    assert regels(beoordeel(replace(BASIS, **buiten), JOB)) == [regel]


def test_split_shift_with_other_work_on_the_same_day():
    # Bundling gives a member 09-12 at one employer; 13-17 here makes one dienst of 7 h.
    altijd = replace(BASIS, beschikbaarheid=tuple((d, time(0), time(0)) for d in range(7)))
    middag = replace(JOB, diensten=(Dienstvenster(t(10, 13), t(10, 17)),))
    ochtend = (Dienstvenster(t(10, 9), t(10, 12)),)
    assert isinstance(beoordeel(replace(altijd, bestaande_diensten=ochtend), middag), Beoordeling)
    # 07-13 elsewhere and 14-21.30 here: 13.5 h at work, 12.5 h worked in one dienst.
    lang = replace(JOB, diensten=(Dienstvenster(t(10, 14), t(10, 21, 30)),))
    vroeg = (Dienstvenster(t(10, 7), t(10, 13)),)
    uit = beoordeel(replace(altijd, bestaande_diensten=vroeg), lang)
    assert regels(uit) == ["max_dienst", "rust"]
    assert uit[0].melding == (
        "Dienst van 12 uur 30 min gewerkt (07:00-13:00 en 14:00-21:30; wettelijke pauze van "
        "1 uur niet meegeteld) op 10-03-2026 is langer dan de toegestane 12 uur gewerkt per "
        "dienst (leeftijd 36)."
    )


def test_the_18th_birthday_on_the_shift_day():
    lang = replace(JOB, diensten=(Dienstvenster(t(10, 8), t(10, 18)),))  # 10 h on Tuesday
    achttien_die_dag = replace(BASIS, geboortedatum=date(2008, 3, 10))
    assert isinstance(beoordeel(achttien_die_dag, lang), Beoordeling)
    een_dag_later = replace(BASIS, geboortedatum=date(2008, 3, 11))
    (uit,) = beoordeel(een_dag_later, lang)
    assert uit.regel == "max_dienst"
    assert "toegestane 9 uur gewerkt per dienst (leeftijd 17)" in uit.melding


def test_every_rule_that_excludes_is_listed_with_its_numbers():
    k = replace(
        BASIS,
        actief=False,
        vaardigheden={1: 1},
        latitude=noordwaarts(5.01),
        certificaten={},
        afwezig=((date(2026, 3, 11), date(2026, 3, 20)),),
    )
    uit = beoordeel(k, JOB)
    assert regels(uit) == ["actief", "afstand", "vaardigheid", "certificaat", "afwezig"]
    meldingen = {u.regel: u.melding for u in uit}
    assert meldingen["afstand"] == (
        "Reisafstand 5,01 km is meer dan de maximale 5,00 km van de kandidaat."
    )
    assert meldingen["vaardigheid"] == "Vaardigheid 1: niveau 1, vereist is niveau 3."
    assert meldingen["certificaat"] == "Certificaat 7 ontbreekt."
    assert meldingen["afwezig"] == "Afwezig van 11-03-2026 tot en met 20-03-2026."


def test_expired_certificate_names_the_dates():
    k = replace(BASIS, certificaten={7: ((date(2025, 1, 1), date(2026, 3, 10)),)})
    (uit,) = beoordeel(k, JOB)
    assert uit.melding == "Certificaat 7 is niet geldig op 11-03-2026."


def test_availability_for_a_shift_over_midnight():
    nacht = replace(JOB, diensten=(Dienstvenster(t(10, 22), t(11, 6)),))
    k = replace(BASIS, beschikbaarheid=((1, time(20), time(6)),))  # Tuesday 20:00 - Wed 06:00
    assert isinstance(beoordeel(k, nacht), Beoordeling)
    k = replace(BASIS, beschikbaarheid=((1, time(20), time(0)),))  # until midnight only
    (uit,) = beoordeel(k, nacht)
    assert uit.melding == "Niet beschikbaar op 11-03-2026 van 00:00 tot 06:00."


def test_score_parts():
    best = replace(
        BASIS,
        uren_gekregen_4w=0,
        doelgroep=True,
        eerdere_werkgevers=frozenset({10}),
        eerdere_locaties=frozenset({100}),
    )
    b = beoordeel(best, JOB)
    assert b.onderdelen == {
        "afstand": 1.0,
        "zelfde_wijk": 1.0,
        "eerlijkheid": 1.0,
        "doelgroep": 0.5,
        "continuiteit": 0.5,
    }
    assert b.score == 4.0 and b.afstand_km == 0.0

    verder = replace(
        BASIS,
        latitude=noordwaarts(5.0),
        max_reisafstand_km=10,
        wijk="Overvecht",
        uren_gewenst_per_week=10,
        uren_gekregen_4w=20,
        eerdere_werkgevers=frozenset({10}),
    )
    b = beoordeel(verder, JOB)
    assert b.onderdelen["afstand"] == pytest.approx(math.exp(-1))
    assert b.onderdelen["zelfde_wijk"] == 0.0
    assert b.onderdelen["eerlijkheid"] == pytest.approx(0.5)
    assert b.onderdelen["doelgroep"] == 0.0
    assert b.onderdelen["continuiteit"] == 0.25
    assert b.score == pytest.approx(math.exp(-1) + 0.75)
    assert b.afstand_km == pytest.approx(5.0)


def test_fairness_is_clamped_and_zero_without_wanted_hours():
    over = beoordeel(replace(BASIS, uren_gekregen_4w=60), JOB)
    assert over.onderdelen["eerlijkheid"] == 0.0
    niets = beoordeel(replace(BASIS, uren_gewenst_per_week=0), JOB)
    assert niets.onderdelen["eerlijkheid"] == 0.0


def test_ranking_order_weights_and_tie_break():
    lokaal = replace(BASIS, id=5)
    tweeling = replace(BASIS, id=3)
    ver_doelgroep = replace(BASIS, id=4, latitude=noordwaarts(3), wijk="Zuid", doelgroep=True)
    inactief = replace(BASIS, id=9, actief=False)
    geschikt, uitgesloten = rangschik([lokaal, ver_doelgroep, tweeling, inactief], JOB)
    assert [b.kandidaat_id for b in geschikt] == [3, 5, 4]
    assert list(uitgesloten) == [9]

    sociaal = MatchConfig(doelgroep_bonus=3.0)
    geschikt, _ = rangschik([lokaal, ver_doelgroep, tweeling], JOB, sociaal)
    assert [b.kandidaat_id for b in geschikt] == [4, 3, 5]
    assert geschikt[0].onderdelen["doelgroep"] == 3.0


def test_config_is_validated():
    with pytest.raises(ValueError, match="negatief"):
        MatchConfig(afstand=-1)
    with pytest.raises(ValueError, match="afstandsschaal"):
        MatchConfig(afstand_schaal_km=0)


def _punt_op_afstand(lat: float, lon: float, km: float, koers: float) -> tuple[float, float]:
    """The destination from (lat, lon) after `km` on bearing `koers` (radians)."""
    d, p1, l1 = km / EARTH_RADIUS_KM, math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(koers))
    y = math.sin(koers) * math.sin(d) * math.cos(p1)
    l2 = l1 + math.atan2(y, math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


@given(
    st.floats(-75, 75),
    st.floats(-170, 170),
    st.floats(0.1, 200),
    st.floats(0, 1),
    st.floats(0, 2 * math.pi),
)
def test_bounding_box_holds_every_point_within_the_radius(lat, lon, radius, deel, koers):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    plat, plon = _punt_op_afstand(lat, lon, radius * deel, koers)
    eps = 1e-9
    assert min_lat - eps <= plat <= max_lat + eps
    assert min_lon - eps <= plon <= max_lon + eps


def test_bounding_box_of_5_km_in_utrecht():
    min_lat, max_lat, min_lon, max_lon = bounding_box(LAT, LON, 5)
    assert haversine_km(min_lat, LON, max_lat, LON) == pytest.approx(10, abs=1e-6)
    assert max_lon - min_lon == pytest.approx(2 * 5 / (111.195 * math.cos(math.radians(LAT))), 1e-3)


kandidaten = st.builds(
    lambda i, km, actief, niveau, wijk, gekregen, doelgroep, bestaand: replace(
        BASIS,
        id=i,
        latitude=noordwaarts(km),
        actief=actief,
        vaardigheden={1: niveau},
        wijk=wijk,
        uren_gekregen_4w=gekregen,
        doelgroep=doelgroep,
        bestaande_diensten=bestaand,
    ),
    st.integers(1, 10_000),
    st.sampled_from([0.0, 0.5, 1.0, 2.5, 4.99, 5.01]),
    st.booleans(),
    st.integers(1, 5),
    st.sampled_from(["Binnenstad", "Zuid", ""]),
    st.sampled_from([0.0, 10.0, 40.0]),
    st.booleans(),
    st.sampled_from([(), (Dienstvenster(t(9, 14), t(9, 22, 1)),)]),
)


@settings(max_examples=60)
@given(st.lists(kandidaten, max_size=30, unique_by=lambda k: k.id))
def test_ranking_is_a_sorted_permutation_of_the_eligible(lijst):
    geschikt, uitgesloten = rangschik(lijst, JOB)
    verwacht = {k.id for k in lijst if isinstance(beoordeel(k, JOB), Beoordeling)}
    ids = [b.kandidaat_id for b in geschikt]
    assert sorted(ids) == sorted(verwacht)
    assert set(uitgesloten) == {k.id for k in lijst} - verwacht
    assert all(uitgesloten.values())
    for eerder, later in zip(geschikt, geschikt[1:], strict=False):
        assert (-eerder.score, eerder.kandidaat_id) < (-later.score, later.kandidaat_id)


AANTAL = 3000


def test_ranking_thousands_of_candidates():
    # Distances 0.005 .. 5.995 km, never on the 5 km limit itself.
    lijst = [
        replace(
            BASIS, id=i, latitude=noordwaarts((i % 600) / 100 + 0.005), wijk=("Zuid", "")[i % 2]
        )
        for i in range(AANTAL)
    ]
    begin = datetime.now()
    geschikt, uitgesloten = rangschik(lijst, JOB)
    duur = datetime.now() - begin
    assert len(geschikt) == sum(1 for i in range(AANTAL) if i % 600 < 500)
    assert [b.kandidaat_id for b in geschikt[:3]] == [0, 600, 1200]
    assert all(regels(u) == ["afstand"] for u in uitgesloten.values())
    print(f"rangschik {AANTAL} kandidaten: {duur / timedelta(milliseconds=1):.0f} ms")
