"""Legal figures in the database: staff extend the tables of contracten/tabellen.py without a
release, the lookups (`tabel.op(dag)`) see those rows, and a row that was used stays as it was.

* Loading: every non-replaced row of `WettelijkGegeven` joins the code rows of its table
  (feiten.samenvoegen). The rows are read once per process and kept; a change in this process
  forgets them at once (signals), other processes re-read them after
  `WETTELIJKE_GEGEVENS_VERVERSEN` seconds, and a lookup for an uncovered date re-reads first
  (so a figure added for a new period is used by the very next acceptance everywhere).
* Seeding: `laden_uit_code` writes the code rows into the table (idempotent; after every
  migrate and by `manage.py wettelijke_gegevens_laden`).
* Use: `vastleggen(van, tot)` marks every row covering those days as used when a document,
  hours line, payroll export or invoice relies on them; from then on the row cannot change
  (model, admin and a database trigger refuse it).
* Demo: rows marked `demo` are used only while the demo runs (`COOP_DEMO`, or the demo
  command itself); `demo_aanvullen` makes them when the demo's dates pass the known figures.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from contracten.feiten import DatedTable, Feit, OngeldigeWaarde, naar_json, uit_json
from contracten.models import WettelijkGegeven
from contracten.tabellen import REGISTER

logger = logging.getLogger(__name__)

_slot = threading.Lock()
_rijen: dict[str, list[Feit[Any]]] | None = None
_gebruikt: set[int] = set()
_geladen_op = 0.0
_demo_modus = False
MISLUKT_OPNIEUW_NA = 5.0  # seconds before a failed read (no database yet) is tried again


# --- Reading -----------------------------------------------------------------------------------


def aanvulling(tabel: DatedTable[Any]) -> list[Feit[Any]]:
    """The hook DatedTable calls on every lookup: the database rows of this table."""
    rijen = _actueel()
    return rijen.get(tabel.sleutel, []) if rijen else []


def herladen() -> bool:
    """Called on a lookup for an uncovered date: read the rows again (at most once a second)."""
    if time.monotonic() - _geladen_op < 1.0:
        return False
    vergeten()
    return bool(_actueel())


def vergeten() -> None:
    """Forget the rows read, so the next lookup reads them again."""
    global _rijen, _geladen_op
    with _slot:
        _rijen, _geladen_op = None, 0.0
        _gebruikt.clear()  # re-read from the database with the rows


def demo_modus(aan: bool) -> None:
    """Let this process use demo rows (the demo command); the server uses settings.COOP_DEMO."""
    global _demo_modus
    _demo_modus = aan
    vergeten()


def demo_actief() -> bool:
    return _demo_modus or bool(getattr(settings, "COOP_DEMO", False))


def _actueel() -> dict[str, list[Feit[Any]]] | None:
    global _rijen, _geladen_op
    verversen = getattr(settings, "WETTELIJKE_GEGEVENS_VERVERSEN", 60)
    leeftijd = time.monotonic() - _geladen_op
    if _rijen is not None and (verversen is None or leeftijd < verversen):
        return _rijen
    if _rijen is None and _geladen_op and leeftijd < MISLUKT_OPNIEUW_NA:
        return None  # the last read failed a moment ago: code rows only, for now
    with _slot:
        gelezen = _lezen()
        _rijen, _geladen_op = gelezen, time.monotonic()
    return gelezen


def _lezen() -> dict[str, list[Feit[Any]]] | None:
    rijen = WettelijkGegeven.objects.filter(vervangen_door__isnull=True)
    if not demo_actief():
        rijen = rijen.filter(demo=False)
    try:
        gelezen = list(rijen.order_by("geldig_van", "id"))
    except (DatabaseError, RuntimeError):
        # No table yet (before migrate) or no database access (a pure test): the code rows
        # are the reference and hold on their own.
        return None
    per_tabel: dict[str, list[Feit[Any]]] = {}
    for rij in gelezen:
        feit = _als_feit(rij)
        if feit is not None:
            per_tabel.setdefault(rij.tabel, []).append(feit)
        if rij.gebruikt_op is not None:
            _gebruikt.add(rij.pk)
    return per_tabel


def _als_feit(rij) -> Feit[Any] | None:
    tabel = REGISTER.get(rij.tabel)
    if tabel is None:
        logger.error("Wettelijk gegeven %s: onbekende tabel %r, genegeerd", rij.pk, rij.tabel)
        return None
    try:
        waarde = waarde_lezen(tabel, rij.waarde)
    except OngeldigeWaarde as exc:
        logger.error("Wettelijk gegeven %s onleesbaar, genegeerd: %s", rij.pk, exc)
        return None
    return Feit(
        waarde,
        rij.geldig_van,
        rij.geldig_tot,
        rij.bron,
        rij.zekerheid,
        voorlopig=rij.voorlopig,
        demo=rij.demo,
        id=rij.pk,
    )


def waarde_lezen(tabel: DatedTable[Any], data: Any) -> Any:
    """A stored or entered value in the shape of the table (OngeldigeWaarde if it is not)."""
    return uit_json(data, tabel.sjabloon, vaste_sleutels=tabel.vaste_sleutels)


# --- Seeding from code -------------------------------------------------------------------------


def laden_uit_code() -> dict[str, int]:
    """Write the code rows into the table: new rows added, unused code rows brought up to date,
    used rows and staff's rows left alone. Idempotent."""
    teller = {"toegevoegd": 0, "bijgewerkt": 0, "ongewijzigd": 0}
    bestaand = {
        (r.tabel, r.geldig_van): r
        for r in WettelijkGegeven.objects.filter(vervangen_door__isnull=True, demo=False)
    }
    with transaction.atomic():
        for sleutel, tabel in REGISTER.items():
            for feit in tabel.code_rijen:
                rij = bestaand.get((sleutel, feit.geldig_van))
                velden = _velden(feit)
                if rij is None:
                    WettelijkGegeven.objects.create(
                        tabel=sleutel, herkomst=WettelijkGegeven.Herkomst.CODE, **velden
                    )
                    teller["toegevoegd"] += 1
                elif (
                    rij.herkomst == WettelijkGegeven.Herkomst.CODE
                    and rij.gebruikt_op is None
                    and any(getattr(rij, k) != v for k, v in velden.items())
                ):
                    for k, v in velden.items():
                        setattr(rij, k, v)
                    rij.save()
                    teller["bijgewerkt"] += 1
                else:
                    teller["ongewijzigd"] += 1
    vergeten()
    return teller


def _velden(feit: Feit[Any]) -> dict[str, Any]:
    return {
        "geldig_van": feit.geldig_van,
        "geldig_tot": feit.geldig_tot,
        "waarde": naar_json(feit.waarde),
        "bron": feit.bron[:500],
        "zekerheid": feit.zekerheid,
        "voorlopig": feit.voorlopig,
    }


# --- Use ---------------------------------------------------------------------------------------


def vastleggen(van: date, tot: date | None = None) -> None:
    """Mark every stored figure covering van..tot as used (a document, hours line, export or
    invoice relied on it). One query the first time, none once the rows are known used."""
    tot = tot or van
    rijen = _actueel() or {}
    kandidaten = [
        feit.id
        for feiten in rijen.values()
        for feit in feiten
        if feit.id is not None
        and not feit.demo
        and feit.id not in _gebruikt
        and feit.geldig_van <= tot
        and (feit.geldig_tot is None or feit.geldig_tot >= van)
    ]
    if not kandidaten:
        return
    WettelijkGegeven.objects.filter(pk__in=kandidaten, gebruikt_op__isnull=True).update(
        gebruikt_op=timezone.now()
    )
    transaction.on_commit(lambda: _gebruikt.update(kandidaten))


# --- Coverage, warnings and the demo -----------------------------------------------------------


def aflopend(vandaag: date, binnen: timedelta) -> list[tuple[DatedTable[Any], date]]:
    """Tables whose last known day falls before `vandaag + binnen`, with that day."""
    uit = []
    for tabel in REGISTER.values():
        eind = tabel.bekend_tot()
        if eind is not None and eind < vandaag + binnen:
            uit.append((tabel, eind))
    return uit


def voorlopig(vandaag: date, binnen: timedelta) -> list[tuple[DatedTable[Any], Feit[Any]]]:
    """Provisional rows in force now or starting before `vandaag + binnen`."""
    return [
        (tabel, feit)
        for tabel in REGISTER.values()
        for feit in tabel.rijen
        if feit.voorlopig
        and not feit.demo
        and feit.geldig_van < vandaag + binnen
        and (feit.geldig_tot is None or feit.geldig_tot >= vandaag)
    ]


def demo_aanvullen(tot: date) -> list[str]:
    """Make demo rows so every table covers the demo's dates up to `tot`: the last confirmed
    figures, carried forward and marked demo (used only while the demo runs). Returns the
    tables that needed it."""
    aangevuld = []
    demo_modus(True)
    for sleutel, tabel in REGISTER.items():
        eind = tabel.bekend_tot()
        if eind is None or eind >= tot:
            continue
        bevestigd = [f for f in tabel.rijen if not f.voorlopig] or tabel.rijen
        laatste = bevestigd[-1]
        WettelijkGegeven.objects.create(
            tabel=sleutel,
            geldig_van=eind + timedelta(days=1),
            geldig_tot=None,
            waarde=naar_json(laatste.waarde),
            bron=f"Demo: de bedragen vanaf {laatste.geldig_van:%d-%m-%Y} doorgetrokken; "
            "alleen voor de demo, nooit daarbuiten gebruikt.",
            zekerheid="L",
            demo=True,
            herkomst=WettelijkGegeven.Herkomst.DEMO,
        )
        aangevuld.append(f"{tabel.onderwerp} (bekend t/m {eind:%d-%m-%Y})")
    vergeten()
    return aangevuld
