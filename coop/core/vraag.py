"""A hot read compiled once: Django builds a queryset's SQL anew on every call (about 1 ms for
a read that joins five tables, several times what PostgreSQL then needs to run it prepared).
`VasteVraag` builds it once per process and database, from a function of named key values,
and runs that SQL with the values of each call; the rows become model instances with their
joined relations as the ORM makes them (the compiler's column converters and Django's related
populators, as `QuerySet.__iter__` uses them).

Only for reads whose SQL depends on nothing but those values: the function must not read the
clock, settings or the user (a value baked in at the first call would stay). Each value must
reach the SQL unchanged as one parameter (an equality or `in` on a key or a code); the first
call checks that every value was found and refuses the read otherwise. No
`prefetch_related`. `select_for_update` works inside a transaction, as in the ORM.

It leans on Django's query compiler as `QuerySet.__iter__` does (`klass_info`, `select`,
`get_converters`, `get_related_populators`: Django 5.2, as pinned); tests/coop/test_vaste_vraag.py
compares its rows with the ORM's, so a Django release that changes those fails there first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]

# Stand-ins the first call compiles with, one per value and type; never sent to the database.
_INVUL: dict[type, Callable[[int], Any]] = {
    int: lambda i: -7_300_000_000_000 - i,
    str: lambda i: f"\x1fvaste-vraag-{i}\x1f",
}


@dataclass(frozen=True)
class _Gecompileerd:
    sql: str
    params: tuple[Any, ...]
    plekken: dict[int, str]  # parameter position -> value name
    omzetters: list[tuple[int, tuple[list[Any], Any]]]  # column -> (from_db converters, field)
    model: type[Model] | None  # None: a values_list() read
    velden: list[str]
    van: int
    tot: int
    populators: list[Any]


class VasteVraag:
    """`VasteVraag(bouw, werknemer_id=int)`: `bouw(werknemer_id=…)` returns the queryset;
    `rijen(werknemer_id=5)` its rows as model instances."""

    def __init__(self, bouw: Callable[..., QuerySet[Any]], **soorten: type) -> None:
        onbekend = [naam for naam, soort in soorten.items() if soort not in _INVUL]
        if onbekend:
            raise TypeError(f"VasteVraag: alleen int en str als waarde ({', '.join(onbekend)})")
        self._bouw = bouw
        self._soorten = soorten
        self._slot = threading.Lock()
        self._per_database: dict[tuple[str, str], _Gecompileerd] = {}

    def rijen(self, using: str = "default", **waarden: Any) -> list[Any]:
        """The rows as model instances with their joined relations (a queryset of models)."""
        vraag, resultaat = self._uitvoeren(using, waarden)
        if vraag.model is None:
            raise TypeError("VasteVraag: een values_list-vraag geeft tupels(), geen rijen()")
        uit = []
        for rij in resultaat:
            obj = vraag.model.from_db(using, vraag.velden, rij[vraag.van : vraag.tot])
            for populator in vraag.populators:
                populator.populate(rij, obj)
            uit.append(obj)
        return uit

    def tupels(self, using: str = "default", **waarden: Any) -> list[tuple[Any, ...]]:
        """The rows of a `values_list()` queryset, as tuples of converted values."""
        vraag, resultaat = self._uitvoeren(using, waarden)
        if vraag.model is not None:
            raise TypeError("VasteVraag: een vraag naar modellen geeft rijen(), geen tupels()")
        return [tuple(rij[: vraag.tot]) for rij in resultaat]

    def _uitvoeren(
        self, using: str, waarden: dict[str, Any]
    ) -> tuple[_Gecompileerd, list[list[Any]]]:
        if set(waarden) != set(self._soorten):
            raise TypeError(f"VasteVraag verwacht {sorted(self._soorten)}, kreeg {sorted(waarden)}")
        verbinding = connections[using]
        vraag = self._gecompileerd(using, verbinding.vendor)
        params = list(vraag.params)
        for plek, naam in vraag.plekken.items():
            # as the declared type: a TextChoices member becomes its code, as in the ORM
            params[plek] = self._soorten[naam](waarden[naam])
        with verbinding.cursor() as cursor:
            cursor.execute(vraag.sql, params)
            resultaat = cursor.fetchall()
        rijen = []
        for ruw in resultaat:
            rij = list(ruw)
            for plek, (omzetters, veld) in vraag.omzetters:
                for omzetter in omzetters:
                    rij[plek] = omzetter(rij[plek], veld, verbinding)
            rijen.append(rij)
        return vraag, rijen

    def _gecompileerd(self, using: str, vendor: str) -> _Gecompileerd:
        sleutel = (using, vendor)
        vraag = self._per_database.get(sleutel)
        if vraag is None:
            with self._slot:
                vraag = self._per_database.get(sleutel)
                if vraag is None:
                    vraag = self._per_database[sleutel] = self._compileer(using)
        return vraag

    def _compileer(self, using: str) -> _Gecompileerd:
        invul = {naam: _INVUL[soort](i) for i, (naam, soort) in enumerate(self._soorten.items())}
        qs = self._bouw(**invul)
        if getattr(qs, "_prefetch_related_lookups", ()) or getattr(
            qs, "_known_related_objects", {}
        ):
            raise TypeError("VasteVraag: geen prefetch_related of bekende relaties")
        compiler = qs.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        plekken = {i: naam for i, p in enumerate(params) for naam, v in invul.items() if p == v}
        ontbreekt = set(invul) - set(plekken.values())
        if ontbreekt:
            raise TypeError(
                f"VasteVraag: {', '.join(sorted(ontbreekt))} komt niet als parameter in de SQL"
            )
        klass_info, select = compiler.klass_info, compiler.select
        omzetters = list(
            compiler.get_converters([kolom[0] for kolom in select[: compiler.col_count]]).items()
        )
        if qs.query.values_select:  # values_list(): the selected columns, nothing to build
            return _Gecompileerd(
                sql=sql,
                params=tuple(params),
                plekken=plekken,
                omzetters=omzetters,
                model=None,
                velden=[],
                van=0,
                tot=compiler.col_count,
                populators=[],
            )
        velden = klass_info["select_fields"]
        van, tot = velden[0], velden[-1] + 1
        return _Gecompileerd(
            sql=sql,
            params=tuple(params),
            plekken=plekken,
            omzetters=omzetters,
            model=klass_info["model"],
            velden=[kolom[0].target.attname for kolom in select[van:tot]],
            van=van,
            tot=tot,
            populators=get_related_populators(klass_info, select, using),
        )
