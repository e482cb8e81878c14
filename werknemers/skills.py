"""The skill hierarchy as plain functions over plain data (no database).

The catalogue is a directed graph: an edge `a -> b` means "whoever holds skill a also masters
skill b" (Vaardigheid.omvat). Staff maintain it by hand, so it may contain cycles; every
function here terminates on any graph.
"""

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def effectieve_niveaus(omvat: Mapping[K, Iterable[K]], gehouden: Mapping[K, int]) -> dict[K, int]:
    """Every skill a member effectively has, with its level.

    A held skill keeps its own level; a skill implied (directly or transitively) by held
    skills gets the highest level among the held skills that imply it. A skill held at a
    low level but implied by a skill held higher gets the higher level: the member has
    shown that mastery.

    Walking from the held skills in descending level order means the first visit of a
    skill is at its final (highest) level, so each skill is visited once: O(skills + edges).
    """
    effectief: dict[K, int] = {}
    for bron, niveau in sorted(gehouden.items(), key=lambda item: item[1], reverse=True):
        if bron in effectief:
            continue
        effectief[bron] = niveau
        wachtrij = deque([bron])
        while wachtrij:
            for doel in omvat.get(wachtrij.popleft(), ()):
                if doel not in effectief:
                    effectief[doel] = niveau
                    wachtrij.append(doel)
    return effectief


def implicerende(omvat: Mapping[K, Iterable[K]], doel: K) -> set[K]:
    """All skills whose holding implies `doel`, `doel` itself included.

    The matching code uses this to turn "needs skill X" into a database filter
    `vaardigheid__in=implicerende(...)` without loading every member's skills.
    """
    omgekeerd: dict[K, list[K]] = {}
    for bron, doelen in omvat.items():
        for d in doelen:
            omgekeerd.setdefault(d, []).append(bron)
    gevonden = {doel}
    wachtrij = deque([doel])
    while wachtrij:
        for bron in omgekeerd.get(wachtrij.popleft(), ()):
            if bron not in gevonden:
                gevonden.add(bron)
                wachtrij.append(bron)
    return gevonden
