"""The skill hierarchy: the pure function with examples and properties, and its loader."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from tests import factories as f
from werknemers.selectors import effectieve_vaardigheden
from werknemers.skills import effectieve_niveaus, implicerende

# --- examples --------------------------------------------------------------------------


def test_held_skill_keeps_its_level_and_implies_transitively():
    omvat = {"schilderen": ["kwasten"], "kwasten": ["schuren"]}
    assert effectieve_niveaus(omvat, {"schilderen": 3}) == {
        "schilderen": 3,
        "kwasten": 3,
        "schuren": 3,
    }


def test_implied_skill_takes_the_highest_implying_level():
    omvat = {"a": ["c"], "b": ["c"]}
    assert effectieve_niveaus(omvat, {"a": 1, "b": 2}) == {"a": 1, "b": 2, "c": 2}


def test_held_low_but_implied_higher_gets_the_higher_level():
    omvat = {"schilderen": ["kwasten"]}
    assert effectieve_niveaus(omvat, {"schilderen": 3, "kwasten": 1})["kwasten"] == 3


def test_held_high_is_not_lowered_by_a_lower_implying_skill():
    omvat = {"schilderen": ["kwasten"]}
    assert effectieve_niveaus(omvat, {"schilderen": 1, "kwasten": 3})["kwasten"] == 3


def test_skills_not_implied_are_absent():
    omvat = {"a": ["b"], "x": ["y"]}
    assert effectieve_niveaus(omvat, {"a": 2}) == {"a": 2, "b": 2}
    assert effectieve_niveaus(omvat, {}) == {}


def test_cycle_terminates_and_shares_the_level():
    omvat = {"a": ["b"], "b": ["c"], "c": ["a"]}
    assert effectieve_niveaus(omvat, {"b": 2}) == {"a": 2, "b": 2, "c": 2}
    assert effectieve_niveaus({"a": ["a"]}, {"a": 1}) == {"a": 1}


def test_implicerende_walks_the_edges_backwards():
    omvat = {"schilderen": ["kwasten"], "kwasten": ["schuren"], "tuin": []}
    assert implicerende(omvat, "schuren") == {"schuren", "kwasten", "schilderen"}
    assert implicerende(omvat, "schilderen") == {"schilderen"}
    assert implicerende({"a": ["b"], "b": ["a"]}, "a") == {"a", "b"}


# --- properties ------------------------------------------------------------------------

nodes = st.integers(min_value=0, max_value=12)
graphs = st.dictionaries(nodes, st.lists(nodes, max_size=4), max_size=13)
helds = st.dictionaries(nodes, st.integers(min_value=1, max_value=3), max_size=6)


def _reachable(omvat, start):
    seen, stack = {start}, [start]
    while stack:
        for nxt in omvat.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


@given(graphs, helds)
def test_matches_the_definition(omvat, gehouden):
    """Effective level of s = max level of the held skills from which s is reachable."""
    verwacht: dict[int, int] = {}
    for bron, niveau in gehouden.items():
        for s in _reachable(omvat, bron):
            verwacht[s] = max(verwacht.get(s, 0), niveau)
    assert effectieve_niveaus(omvat, gehouden) == verwacht


@given(graphs, helds)
def test_never_lowers_and_is_idempotent(omvat, gehouden):
    effectief = effectieve_niveaus(omvat, gehouden)
    assert all(effectief[s] >= n for s, n in gehouden.items())
    assert effectieve_niveaus(omvat, effectief) == effectief


@given(graphs, nodes)
def test_implicerende_is_the_inverse_of_reachability(omvat, doel):
    bronnen = {s for s in set(omvat) | {doel} if doel in _reachable(omvat, s)}
    assert implicerende(omvat, doel) == bronnen


# --- loading for many members ----------------------------------------------------------


@pytest.mark.django_db
def test_loader_uses_a_constant_number_of_queries(catalogus):
    leden = [f.WerknemerFactory() for _ in range(6)]
    for i, lid in enumerate(leden):
        f.WerknemerVaardigheidFactory(
            werknemer=lid, vaardigheid=catalogus["schilderen"], niveau=1 + i % 3
        )
        f.WerknemerVaardigheidFactory(werknemer=lid, vaardigheid=catalogus["tuin"], niveau=1)
    zonder = f.WerknemerFactory()

    with CaptureQueriesContext(connection) as ctx:
        result = effectieve_vaardigheden([lid.pk for lid in leden] + [zonder.pk])
    assert len(ctx.captured_queries) == 2

    s = catalogus
    assert result[leden[2].pk] == {
        s["schilderen"].pk: 3,
        s["kwasten"].pk: 3,
        s["schuren"].pk: 3,
        s["tuin"].pk: 1,
    }
    assert result[leden[0].pk][s["schuren"].pk] == 1
    assert result[zonder.pk] == {}
