"""Geocoding: the postcode table, fill_address, the PDOK adapter (recorded answers) and the
CSV import with its management command. No test touches the network."""

import io
import json
import urllib.error
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from coop.core import geo
from coop.core.models import Postcode

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_CSV = Path(geo.__file__).parent / "data" / "postcodes_demo.csv"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def marshallaan(db):
    return Postcode.objects.create(
        postcode="3527 TM",
        latitude=Decimal("52.073400"),
        longitude=Decimal("5.094900"),
        plaats="Utrecht",
        gemeente="Utrecht",
        wijk="Zuidwest",
        buurt="Kanaleneiland-Zuid",
    )


def adres(**kwargs):
    base = dict(
        postcode="", huisnummer="", plaats="", wijk="", buurt="", latitude=None, longitude=None
    )
    return SimpleNamespace(**{**base, **kwargs})


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def pdok(settings, monkeypatch):
    """PDOK switched on, with urlopen replaced by a recorder that plays a fixture file."""
    settings.PDOK_ENABLED = True
    settings.PDOK_URL = "https://pdok.invalid/free"
    calls: list[str] = []
    state = {"answer": "pdok_free_3527TM_1.json"}

    def fake_urlopen(url, timeout):
        calls.append(url)
        assert timeout == geo.PDOK_TIMEOUT_SECONDS
        answer = state["answer"]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, bytes):
            return FakeResponse(answer)
        return FakeResponse((FIXTURES / answer).read_bytes())

    monkeypatch.setattr(geo.urllib.request, "urlopen", fake_urlopen)
    return SimpleNamespace(calls=calls, state=state)


# --- geocode_address and fill_address ---------------------------------------------------


def test_geocode_from_postcode_table(marshallaan):
    result = geo.geocode_address("3527tm", "12")
    assert result == geo.GeoResult(
        Decimal("52.073400"),
        Decimal("5.094900"),
        "Zuidwest",
        "Kanaleneiland-Zuid",
        "Utrecht",
        gemeente="Utrecht",
    )


def test_unknown_postcode_without_pdok_is_none_and_no_http(db, monkeypatch):
    monkeypatch.setattr(geo.urllib.request, "urlopen", lambda *a, **k: pytest.fail("network"))
    assert geo.geocode_address("3526 KL") is None


def test_fill_address_sets_coordinates_wijk_buurt_plaats(marshallaan):
    obj = adres(postcode="3527tm", huisnummer="3")
    geo.fill_address(obj)
    assert obj.postcode == "3527 TM"
    assert (obj.latitude, obj.longitude) == (Decimal("52.073400"), Decimal("5.094900"))
    assert (obj.wijk, obj.buurt, obj.plaats) == ("Zuidwest", "Kanaleneiland-Zuid", "Utrecht")


def test_fill_address_keeps_given_plaats_and_coordinates(marshallaan):
    obj = adres(postcode="3527 TM", plaats="Utrecht-Zuid", latitude="52.0800001", longitude=5.1)
    geo.fill_address(obj)
    assert obj.latitude == Decimal("52.080000")
    assert obj.longitude == Decimal("5.100000")
    assert obj.plaats == "Utrecht-Zuid"
    assert obj.wijk == "Zuidwest"  # still filled from the table


def test_fill_address_unknown_postcode_refused_naming_postcode(db):
    with pytest.raises(ValidationError) as exc:
        geo.fill_address(adres(postcode="3526 KL"))
    assert exc.value.message_dict == {"postcode": ["Postcode onbekend; geef coördinaten op."]}


def test_fill_address_unknown_postcode_accepted_with_coordinates(db):
    obj = adres(postcode="3526 KL", latitude="52.07", longitude="5.09")
    assert geo.fill_address(obj) is None
    assert (obj.latitude, obj.longitude) == (Decimal("52.070000"), Decimal("5.090000"))
    assert obj.wijk == ""


@pytest.mark.parametrize(
    ("kwargs", "veld", "fragment"),
    [
        ({"postcode": "35 KL"}, "postcode", "vier cijfers en twee letters"),
        ({"postcode": ""}, "postcode", "Vul een postcode in"),
        ({"postcode": "3527 TM", "latitude": "5.09", "longitude": "52.07"}, "latitude", "50.5"),
        ({"postcode": "3527 TM", "latitude": "52.07", "longitude": "52.07"}, "longitude", "7.5"),
        ({"postcode": "3527 TM", "latitude": "noord", "longitude": "5.1"}, "latitude", "getal"),
        ({"postcode": "3527 TM", "latitude": "52.07"}, "longitude", "geen van beide"),
        ({"postcode": "3527 TM", "longitude": "5.1"}, "latitude", "geen van beide"),
        ({"postcode": "3527 TM", "latitude": "NaN", "longitude": "5.1"}, "latitude", "getal"),
    ],
)
def test_fill_address_validation_names_the_field(marshallaan, kwargs, veld, fragment):
    with pytest.raises(ValidationError) as exc:
        geo.fill_address(adres(**kwargs))
    assert list(exc.value.message_dict) == [veld]
    assert fragment in exc.value.message_dict[veld][0]


def test_fill_address_without_postcode_allowed_when_not_required(db):
    obj = adres(latitude="52.07", longitude="5.09")
    assert geo.fill_address(obj, require_postcode=False) is None
    with pytest.raises(ValidationError) as exc:
        geo.fill_address(adres(), require_postcode=False)
    assert "postcode" in exc.value.message_dict


# --- PDOK adapter -----------------------------------------------------------------------


def test_pdok_hit_is_parsed_and_stored(db, pdok):
    result = geo.geocode_address("3527 TM", "1")
    assert result == geo.GeoResult(
        Decimal("52.073410"),
        Decimal("5.094970"),
        "Zuidwest",  # "Wijk 08 Zuidwest" without the CBS number prefix
        "Kanaleneiland-Zuid",
        "Utrecht",
        bron="pdok",
        gemeente="Utrecht",
    )
    assert pdok.calls == ["https://pdok.invalid/free?q=3527TM+1&fq=type%3Aadres&rows=1"]
    stored = Postcode.objects.get(postcode="3527 TM")
    assert (stored.latitude, stored.wijk, stored.gemeente) == (
        Decimal("52.073410"),
        "Zuidwest",
        "Utrecht",
    )


def test_pdok_is_not_asked_twice_for_the_same_postcode(db, pdok):
    geo.geocode_address("3527 TM", "1")
    again = geo.geocode_address("3527TM", "15")
    assert len(pdok.calls) == 1
    assert again.bron == "postcodetabel"
    assert again.latitude == Decimal("52.073410")


def test_pdok_not_found_is_remembered(db, pdok):
    pdok.state["answer"] = "pdok_free_leeg.json"
    assert geo.geocode_address("9999 ZZ", "1") is None
    assert geo.geocode_address("9999 ZZ", "2") is None
    assert len(pdok.calls) == 1
    assert not Postcode.objects.exists()


@pytest.mark.parametrize(
    "answer",
    [
        TimeoutError("timed out"),
        urllib.error.URLError("no route"),
        urllib.error.HTTPError("u", 503, "Service Unavailable", {}, None),
        b"<html>onderhoud</html>",
        json.dumps(
            {"response": {"docs": [{"postcode": "3527TM", "centroide_ll": "POINT(x y)"}]}}
        ).encode(),
        json.dumps(
            {"response": {"docs": [{"postcode": "3527TM", "centroide_ll": "POINT(52.07 5.09)"}]}}
        ).encode(),
    ],
)
def test_pdok_failures_give_none_never_a_crash(db, pdok, answer):
    pdok.state["answer"] = answer
    assert geo.geocode_address("3527 TM", "1") is None
    assert not Postcode.objects.exists()


def test_pdok_fuzzy_match_in_another_postcode_is_no_answer(db, pdok):
    assert geo.geocode_address("3527 TN", "1") is None
    assert len(pdok.calls) == 1
    assert not Postcode.objects.exists()


def test_pdok_outage_is_retried_next_time(db, pdok):
    pdok.state["answer"] = TimeoutError("timed out")
    assert geo.geocode_address("3527 TM", "1") is None
    pdok.state["answer"] = "pdok_free_3527TM_1.json"
    assert geo.geocode_address("3527 TM", "1").wijk == "Zuidwest"
    assert len(pdok.calls) == 2


def test_fill_address_uses_pdok_when_enabled(db, pdok):
    obj = adres(postcode="3527 TM", huisnummer="1")
    geo.fill_address(obj)
    assert (obj.latitude, obj.buurt) == (Decimal("52.073410"), "Kanaleneiland-Zuid")


# --- CSV import -------------------------------------------------------------------------

HEADER_CSV = """postcode;latitude;longitude;plaats;gemeente;wijk;buurt
3526 EP;52,0758;5,0995;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Noord
3527tm;52.0734;5.0949;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Zuid
"""


def test_import_with_header_semicolons_and_decimal_commas(db):
    result = geo.import_postcodes_csv(io.StringIO(HEADER_CSV))
    assert (result.created, result.updated, result.errors) == (2, 0, [])
    row = Postcode.objects.get(postcode="3526 EP")
    assert (row.latitude, row.longitude, row.buurt) == (
        Decimal("52.075800"),
        Decimal("5.099500"),
        "Kanaleneiland-Noord",
    )
    assert Postcode.objects.filter(postcode="3527 TM").exists()


def test_import_without_header_with_commas_and_comments_upserts(db, marshallaan):
    text = "# demo\n3527TM,52.0740,5.0950,Utrecht,Utrecht,Zuidwest,Transwijk-Zuid\n\n"
    text += "3531 AB,52.0890,5.1000,Utrecht,Utrecht,West,Lombok-Oost\n"
    result = geo.import_postcodes_csv(io.BytesIO(text.encode()))
    assert (result.created, result.updated) == (1, 1)
    marshallaan.refresh_from_db()
    assert (marshallaan.latitude, marshallaan.buurt) == (Decimal("52.074000"), "Transwijk-Zuid")


def test_import_header_in_other_order_with_aliases(db):
    text = "buurtnaam,pc6,lon,lat\nLombok-West,3531AB,5.0970,52.0895\n"
    result = geo.import_postcodes_csv(io.StringIO(text))
    assert result.created == 1
    row = Postcode.objects.get()
    assert (row.postcode, row.latitude, row.longitude, row.buurt, row.wijk) == (
        "3531 AB",
        Decimal("52.089500"),
        Decimal("5.097000"),
        "Lombok-West",
        "",
    )


BAD_CSV = """postcode;latitude;longitude;plaats;gemeente;wijk;buurt
3526 EP;52.0758;5.0995;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Noord
35 X;52.0758;5.0995;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Noord
3527 TM;;5.0949;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Zuid
3528 AA;5.0949;52.07;Utrecht;Utrecht;Zuidwest;Transwijk-Zuid
3526EP;52.0758;5.0995;Utrecht;Utrecht;Zuidwest;Kanaleneiland-Noord
3529 AB;52.0700;5.0900;Utrecht;Utrecht;Zuidwest;Transwijk-Zuid
"""


def test_import_is_all_or_nothing_with_line_numbers(db):
    result = geo.import_postcodes_csv(io.StringIO(BAD_CSV))
    assert not result.ok
    assert (result.created, result.updated, result.invalid) == (0, 0, 4)
    assert [e.split(":")[0] for e in result.errors] == [
        "Regel 3",
        "Regel 4",
        "Regel 5",
        "Regel 6",
    ]
    assert result.errors[0] == (
        "Regel 3: postcode '35 X': Ongeldige postcode: vier cijfers en twee letters, zoals 3526 KL."
    )
    assert "kolom latitude is leeg" in result.errors[1]
    assert "verwisseld" in result.errors[2]
    assert "staat ook op regel 2" in result.errors[3]
    assert not Postcode.objects.exists()


def test_import_skip_invalid_writes_the_valid_rows(db):
    result = geo.import_postcodes_csv(io.StringIO(BAD_CSV), skip_invalid=True)
    assert (result.created, result.invalid) == (2, 4)
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == ["3526 EP", "3529 AB"]


def test_import_empty_file_is_an_error(db):
    result = geo.import_postcodes_csv(io.StringIO("# alleen commentaar\n"), skip_invalid=True)
    assert result.errors == ["Het bestand bevat geen regels."]
    assert result.created == 0


def test_import_reports_progress_per_batch(db, monkeypatch):
    monkeypatch.setattr(geo, "BATCH_SIZE", 2)
    lines = [f"35{i:02d} AA;52.07;5.09;Utrecht;Utrecht;Zuidwest;X" for i in range(11, 16)]
    seen = []
    geo.import_postcodes_csv(io.StringIO("\n".join(lines)), progress=lambda d, t: seen.append(d))
    assert seen == [2, 4, 5]
    assert Postcode.objects.count() == 5


def test_demo_file_loads_kanaleneiland_and_surroundings(db):
    result = geo.import_postcodes_csv(DEMO_CSV)
    assert result.errors == []
    assert 60 <= result.created <= 100
    wijken = set(Postcode.objects.values_list("wijk", flat=True))
    assert {"Zuidwest", "West", "Zuid", "Binnenstad"} <= wijken
    kanaleneiland = Postcode.objects.filter(buurt__startswith="Kanaleneiland")
    assert kanaleneiland.count() >= 10
    for row in kanaleneiland:
        assert Decimal("52.060") <= row.latitude <= Decimal("52.085"), row.postcode
        assert Decimal("5.080") <= row.longitude <= Decimal("5.115"), row.postcode
    assert Postcode.objects.filter(gemeente="Nieuwegein").exists()
    again = geo.import_postcodes_csv(DEMO_CSV)
    assert (again.created, again.updated) == (0, result.created)


# --- management command -----------------------------------------------------------------


def test_command_imports_and_reports(db, tmp_path):
    path = tmp_path / "pc6.csv"
    path.write_text(HEADER_CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    text = out.getvalue()
    assert "2/2" in text
    assert "2 nieuw, 0 bijgewerkt" in text
    assert Postcode.objects.count() == 2


def test_command_refuses_invalid_file_and_writes_nothing(db, tmp_path):
    path = tmp_path / "pc6.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_postcodes", str(path), stderr=err)
    assert "4 ongeldige regels" in str(exc.value)
    assert "Regel 3:" in err.getvalue()
    assert not Postcode.objects.exists()


def test_command_skip_invalid(db, tmp_path):
    path = tmp_path / "pc6.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), "--skip-invalid", stdout=out, stderr=err)
    assert "2 nieuw, 0 bijgewerkt, 4 overgeslagen" in out.getvalue()
    assert "Regel 6:" in err.getvalue()
    assert Postcode.objects.count() == 2


def test_command_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import_postcodes", str(tmp_path / "weg.csv"))
    assert "niet gevonden" in str(exc.value)


def test_haversine_kanaleneiland_to_lombok():
    km = geo.haversine_km(52.0734, 5.0949, 52.0890, 5.1000)
    assert km == pytest.approx(1.77, abs=0.02)
