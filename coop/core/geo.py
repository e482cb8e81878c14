"""Geocoding: postcode (and house number) to coordinates, wijk and buurt.

The offline Postcode table (loaded by `manage.py import_postcodes`) answers first; the PDOK
Locatieserver adapter is used only when PDOK_ENABLED is set, and what it finds is stored in
the Postcode table so the same postcode is never asked twice.

`fill_address(obj)` is the one entry point for registries: it completes any model with the
coop.models.Adres fields, or raises a Django ValidationError naming the field.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop.core.validators import normalize_postcode

logger = logging.getLogger(__name__)

# A generous box around the Netherlands (plus a border strip). Anything outside is almost
# always a typo or swapped latitude/longitude, which would silently break proximity matching.
LAT_MIN, LAT_MAX = Decimal("50.5"), Decimal("53.8")
LON_MIN, LON_MAX = Decimal("3.0"), Decimal("7.5")
SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class GeoResult:
    latitude: Decimal
    longitude: Decimal
    wijk: str = ""
    buurt: str = ""
    plaats: str = ""
    bron: str = "postcodetabel"
    gemeente: str = ""


def geocode_address(postcode: str, huisnummer: str = "") -> GeoResult | None:
    """Coordinates for an address, or None when no source knows the postcode.

    Raises ValidationError only for a malformed postcode.
    """
    from coop.core.models import Postcode

    pc = normalize_postcode(postcode)
    row = Postcode.objects.filter(postcode=pc).first()
    if row is not None:
        return GeoResult(
            row.latitude, row.longitude, row.wijk, row.buurt, row.plaats, gemeente=row.gemeente
        )
    if getattr(settings, "PDOK_ENABLED", False):
        return pdok_geocode(pc, huisnummer)
    return None


# --- filling an address on a model ------------------------------------------------------


def parse_coordinate(value: Any, veld: str) -> Decimal | None:
    """A latitude/longitude as a six-place Decimal inside the Dutch box, or ValidationError."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError({veld: [_("Vul een getal in, zoals 52.0734.")]}) from exc
    if not number.is_finite():
        raise ValidationError({veld: [_("Vul een getal in, zoals 52.0734.")]})
    low, high = (LAT_MIN, LAT_MAX) if veld == "latitude" else (LON_MIN, LON_MAX)
    if not low <= number <= high:
        raise ValidationError(
            {
                veld: [
                    _(
                        "Moet tussen %(low)s en %(high)s liggen (Nederland); lengte- en "
                        "breedtegraad verwisseld?"
                    )
                    % {"low": low, "high": high}
                ]
            }
        )
    return number.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _check_given_coordinates(obj) -> bool:
    """Validate coordinates given directly; True when both are present."""
    lat = parse_coordinate(obj.latitude, "latitude")
    lon = parse_coordinate(obj.longitude, "longitude")
    if (lat is None) != (lon is None):
        missing = "latitude" if lat is None else "longitude"
        raise ValidationError(
            {missing: [_("Geef breedtegraad én lengtegraad op, of geen van beide.")]}
        )
    obj.latitude, obj.longitude = lat, lon
    return lat is not None


def fill_address(obj, *, require_postcode: bool = True) -> GeoResult | None:
    """Complete an Adres-model instance in place; returns the geocoding result used, if any.

    Normalizes the postcode; validates coordinates given directly; when there are none, looks
    them up with `geocode_address` and refuses (ValidationError on `postcode`) when no source
    knows the postcode. wijk, buurt and plaats are filled from the lookup where still empty,
    also when the coordinates were given, so reports per wijk stay complete.
    """
    has_coordinates = _check_given_coordinates(obj)
    if not obj.postcode:
        if require_postcode or not has_coordinates:
            raise ValidationError({"postcode": [_("Vul een postcode in.")]})
        return None
    try:
        obj.postcode = normalize_postcode(obj.postcode)
    except ValidationError as exc:
        raise ValidationError({"postcode": exc.messages}) from exc
    result = geocode_address(obj.postcode, getattr(obj, "huisnummer", "") or "")
    if result is None:
        if has_coordinates:
            return None
        raise ValidationError({"postcode": [_("Postcode onbekend; geef coördinaten op.")]})
    if not has_coordinates:
        obj.latitude, obj.longitude = result.latitude, result.longitude
    for name in ("wijk", "buurt", "plaats"):
        if not getattr(obj, name, ""):
            setattr(obj, name, getattr(result, name))
    return result


# --- PDOK Locatieserver -----------------------------------------------------------------

PDOK_TIMEOUT_SECONDS = 5
# A "not found" answer is remembered for a day so a typo is not re-asked on every save.
PDOK_MISS_SECONDS = 24 * 3600
_POINT = re.compile(r"POINT\(\s*([-0-9.]+)\s+([-0-9.]+)\s*\)")
# PDOK names wijken "Wijk 08 Zuidwest"; the postcode table and reports use "Zuidwest".
_WIJK_PREFIX = re.compile(r"^Wijk\s+\d+\s+", re.IGNORECASE)


def _pdok_fetch(params: dict[str, str]) -> dict | None:
    """One GET to the Locatieserver; None on any network or decoding problem."""
    url = f"{settings.PDOK_URL}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=PDOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        logger.warning("PDOK Locatieserver niet bruikbaar: %s", exc)
        return None


def parse_pdok_doc(doc: dict) -> GeoResult | None:
    """A GeoResult from one Locatieserver document, or None when it has no usable point."""
    match = _POINT.match(str(doc.get("centroide_ll", "")))
    if not match:
        return None
    try:
        lon = parse_coordinate(match.group(1), "longitude")
        lat = parse_coordinate(match.group(2), "latitude")
    except ValidationError:
        return None
    return GeoResult(
        latitude=lat,
        longitude=lon,
        wijk=_WIJK_PREFIX.sub("", str(doc.get("wijknaam", ""))).strip(),
        buurt=str(doc.get("buurtnaam", "")).strip(),
        plaats=str(doc.get("woonplaatsnaam", "")).strip(),
        gemeente=str(doc.get("gemeentenaam", "")).strip(),
        bron="pdok",
    )


def pdok_geocode(postcode: str, huisnummer: str = "") -> GeoResult | None:
    """Ask PDOK for an address; store a hit in the Postcode table; errors give None.

    The address point stands in for the postcode's centre: a six-position postcode covers
    one side of a street, a few dozen metres, well within what proximity matching needs.
    """
    postcode = normalize_postcode(postcode)
    compact = postcode.replace(" ", "")
    miss_key = f"pdok-miss:{compact}"
    if cache.get(miss_key):
        return None
    data = _pdok_fetch({"q": f"{compact} {huisnummer}".strip(), "fq": "type:adres", "rows": "1"})
    if data is None:
        return None  # outage: not remembered, the next save may try again
    docs = (data.get("response") or {}).get("docs") or []
    # Free search is fuzzy: a best match in another postcode is no answer for this one.
    same = [d for d in docs if str(d.get("postcode", "")).replace(" ", "").upper() == compact]
    result = parse_pdok_doc(same[0]) if same else None
    if result is None:
        cache.set(miss_key, True, PDOK_MISS_SECONDS)
        return None
    _store_postcode(postcode, result)
    return result


def _store_postcode(postcode: str, result: GeoResult) -> None:
    from coop.core.models import Postcode

    Postcode.objects.update_or_create(
        postcode=postcode,
        defaults={
            "latitude": result.latitude,
            "longitude": result.longitude,
            "plaats": result.plaats[:100],
            "gemeente": result.gemeente[:100],
            "wijk": result.wijk[:100],
            "buurt": result.buurt[:100],
        },
    )


# --- CSV import of the postcode table ---------------------------------------------------

COLUMNS = ("postcode", "latitude", "longitude", "plaats", "gemeente", "wijk", "buurt")
# Header names seen in CBS/PDOK exports and spreadsheets, mapped onto our columns.
ALIASES = {
    "pc6": "postcode",
    "lat": "latitude",
    "breedtegraad": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "lengtegraad": "longitude",
    "woonplaats": "plaats",
    "woonplaatsnaam": "plaats",
    "gemeentenaam": "gemeente",
    "wijknaam": "wijk",
    "buurtnaam": "buurt",
}
BATCH_SIZE = 1000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _open_text(source: str | Path | IO) -> tuple[IO[str], bool]:
    if isinstance(source, str | Path):
        return open(source, encoding="utf-8-sig", newline=""), True
    if isinstance(source, io.TextIOBase) or hasattr(source, "encoding"):
        return source, False
    return io.TextIOWrapper(source, encoding="utf-8-sig", newline=""), False


def _data_lines(handle: IO[str]) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(handle, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _columns_from_header(cells: list[str]) -> list[str] | None:
    names = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in cells]
    if "postcode" not in names:
        return None
    return names


def _parse_row(values: dict[str, str]) -> dict[str, Any]:
    """One CSV row to Postcode fields; raises ValueError with a Dutch message."""
    try:
        postcode = normalize_postcode(values.get("postcode", ""))
    except ValidationError as exc:
        raise ValueError(f"postcode '{values.get('postcode', '')}': {exc.messages[0]}") from exc
    row: dict[str, Any] = {"postcode": postcode}
    for veld in ("latitude", "longitude"):
        raw = (values.get(veld) or "").strip()
        if not raw:
            raise ValueError(f"kolom {veld} is leeg")
        try:
            row[veld] = parse_coordinate(raw, veld)
        except ValidationError as exc:
            raise ValueError(f"{veld} '{raw}': {exc.messages[0]}") from exc
    for veld in ("plaats", "gemeente", "wijk", "buurt"):
        text = (values.get(veld) or "").strip()
        if len(text) > 100:
            raise ValueError(f"kolom {veld} is langer dan 100 tekens")
        row[veld] = text
    return row


def read_postcode_rows(handle: IO[str], result: ImportResult) -> dict[str, dict[str, Any]]:
    """Parse every row; errors go into result.errors with their line number."""
    lines = list(_data_lines(handle))
    rows: dict[str, dict[str, Any]] = {}
    seen_on: dict[str, int] = {}
    if not lines:
        result.errors.append(_("Het bestand bevat geen regels."))
        return rows
    delimiter = ";" if lines[0][1].count(";") >= lines[0][1].count(",") else ","
    columns = list(COLUMNS)
    first = next(csv.reader([lines[0][1]], delimiter=delimiter))
    header = _columns_from_header(first)
    if header is not None:
        columns, lines = header, lines[1:]
    for number, line in lines:
        cells = next(csv.reader([line], delimiter=delimiter))
        try:
            row = _parse_row(dict(zip(columns, cells, strict=False)))
        except ValueError as exc:
            result.invalid += 1
            result.errors.append(
                _("Regel %(n)d: %(fout)s.") % {"n": number, "fout": str(exc).rstrip(".")}
            )
            continue
        if row["postcode"] in seen_on:
            result.invalid += 1
            result.errors.append(
                _("Regel %(n)d: postcode %(pc)s staat ook op regel %(eerder)d.")
                % {"n": number, "pc": row["postcode"], "eerder": seen_on[row["postcode"]]}
            )
            continue
        seen_on[row["postcode"]] = number
        rows[row["postcode"]] = row
    return rows


def _upsert(rows: dict[str, dict[str, Any]], result: ImportResult, progress) -> None:
    from coop.core.models import Postcode

    keys = list(rows)
    fields = [c for c in COLUMNS if c != "postcode"]
    for start in range(0, len(keys), BATCH_SIZE):
        batch = keys[start : start + BATCH_SIZE]
        existing = Postcode.objects.in_bulk(batch, field_name="postcode")
        to_update = []
        for pc, obj in existing.items():
            for name in fields:
                setattr(obj, name, rows[pc][name])
            to_update.append(obj)
        to_create = [Postcode(**rows[pc]) for pc in batch if pc not in existing]
        Postcode.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Postcode.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
        result.created += len(to_create)
        result.updated += len(to_update)
        if progress:
            progress(start + len(batch), len(keys))


def import_postcodes_csv(
    source: str | Path | IO,
    *,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Load postcode rows from a CSV (path or file), upserting by postcode.

    Columns `postcode;latitude;longitude;plaats;gemeente;wijk;buurt`, ';' or ',' separated,
    with or without a header (a header may name the columns in any order). Lines starting
    with '#' are comments. All or nothing: when any row is invalid nothing is written, unless
    skip_invalid is set, in which case the valid rows are written and the invalid ones are
    counted (and listed) but left out. `progress(done, total)` is called after each batch.
    """
    result = ImportResult()
    handle, close = _open_text(source)
    try:
        rows = read_postcode_rows(handle, result)
    finally:
        if close:
            handle.close()
    if result.errors and not (skip_invalid and result.invalid == len(result.errors)):
        return result
    with transaction.atomic():
        _upsert(rows, result, progress)
    result.saved = True
    return result
