"""Excel imports: the template, all-or-nothing, dry runs, every kind of bad row and bad file."""

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test.client import MULTIPART_CONTENT
from openpyxl import Workbook, load_workbook

from coop.core.models import Postcode
from coop.models import Importrun, Werkpakket
from coop.services.facturen import importeren
from tests import factories as f
from werknemers.models import Werknemer

DATA = Path(__file__).resolve().parents[2] / "coop" / "data"
KOPPEN = [k.naam for k in importeren.WERKPAKKET_KOLOMMEN]


def werkmap(rijen: list[dict], koppen: list[str] | None = None, kolommen=None) -> bytes:
    """An XLSX with the template's header and one row per dict (keyed by column key)."""
    kolommen = kolommen or importeren.WERKPAKKET_KOLOMMEN
    wb = Workbook()
    ws = wb.active
    ws.append(koppen or [k.naam for k in kolommen])
    for rij in rijen:
        ws.append([rij.get(k.sleutel) for k in kolommen])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, soort: str, inhoud: bytes, naam: str = "planning.xlsx", **velden):
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return client.post(
        f"importeren/{soort}", {"bestand": bestand, **velden}, content_type=MULTIPART_CONTENT
    )


EENMALIG = {
    "locatie": "Marshallaan 1-99",
    "titel": "Trappenhuizen schoonmaken",
    "categorie": "schoonmaak",
    "soort": "eenmalig",
    "tarief_per_uur": 32.5,
    "vroegste_start": datetime(2026, 12, 7),
    "uiterlijk_eind": "18-12-2026",
    "totaal_uren": 24,
    "dagen": "ma, di, wo",
    "vaardigheden": "schoonmaak:2",
    "certificaten": "vca",
}
TERUGKEREND = {
    "locatie": "Marshallaan 1-99",
    "titel": "Hal bijhouden",
    "categorie": "schoonmaak",
    "soort": "terugkerend",
    "tarief_per_uur": "28,75",
    "regie": "opdrachtgever",
    "startdatum": date(2027, 1, 4),
    "tijdvakken": "ma 08:00-12:00; wo 13:00-17:00",
}


@pytest.fixture
def locatie(werkgever, db):
    f.VaardigheidFactory(code="schoonmaak")
    f.CertificaatSoortFactory(code="vca")
    return f.LocatieFactory(werkgever=werkgever, naam="Marshallaan 1-99")


def test_committed_templates_are_current_and_readable():
    for soort, kolommen in importeren.KOLOMMEN.items():
        vastgelegd = (DATA / f"sjabloon_{soort}.xlsx").read_bytes()
        assert vastgelegd == importeren.sjabloon(soort), "run manage.py maak_sjablonen"
        wb = load_workbook(io.BytesIO(vastgelegd))
        assert [c.value for c in wb.worksheets[0][1]] == [k.naam for k in kolommen]
        assert wb.sheetnames[1] == "Toelichting"


def test_employer_imports_the_filled_template(api_as, werkgever_user, locatie):
    inhoud = werkmap([EENMALIG, TERUGKEREND])
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud)
    assert response.status_code == 201, response.body
    assert (response.body["rijen"], response.body["aangemaakt"], response.body["fouten"]) == (
        2,
        2,
        [],
    )
    eenmalig = Werkpakket.objects.get(titel="Trappenhuizen schoonmaken")
    assert (eenmalig.tarief_per_uur, eenmalig.totaal_uren, eenmalig.dagen) == (
        Decimal("32.50"),
        Decimal("24.00"),
        [0, 1, 2],
    )
    assert (eenmalig.vroegste_start, eenmalig.uiterlijk_eind) == (
        date(2026, 12, 7),
        date(2026, 12, 18),
    )
    assert eenmalig.vaardigheden.get().min_niveau == 2
    assert [c.code for c in eenmalig.vereiste_certificaten.all()] == ["vca"]
    vast = Werkpakket.objects.get(titel="Hal bijhouden")
    assert (vast.tarief_per_uur, vast.regie, vast.status) == (
        Decimal("28.75"),
        "opdrachtgever",
        "concept",
    )
    assert [(t.weekdag, t.begin, t.eind) for t in vast.tijdvakken.all()] == [
        (0, time(8), time(12)),
        (2, time(13), time(17)),
    ]
    assert Importrun.objects.get().uitkomst == "geimporteerd"


def test_dry_run_shows_and_saves_nothing(api_as, werkgever_user, locatie):
    response = upload(api_as(werkgever_user), "werkpakketten", werkmap([EENMALIG]), proef="true")
    assert response.status_code == 200, response.body
    assert response.body["proef"] is True and response.body["aangemaakt"] == 0
    voorbeeld = response.body["voorbeeld"]
    assert [(v["rij"], v["titel"], v["tarief_per_uur"]) for v in voorbeeld] == [
        (2, "Trappenhuizen schoonmaken", "32.50")
    ]
    assert Werkpakket.objects.count() == 0
    assert Importrun.objects.get().uitkomst == "proef"


SLECHT = [
    ({"locatie": "Bestaat niet"}, "Locatie", "B", "Onbekende locatie 'Bestaat niet'"),
    ({"tarief_per_uur": "veel"}, "Tarief per uur (€)", "G", "Vul een getal in"),
    ({"tarief_per_uur": 32.555}, "Tarief per uur (€)", "G", "ten hoogste twee decimalen"),
    ({"tarief_per_uur": -5}, "Tarief per uur (€)", "G", "Moet groter dan nul zijn."),
    ({"uiterlijk_eind": "morgen"}, "Uiterlijk klaar", "J", "Vul een datum in als dd-mm-jjjj."),
    ({"uiterlijk_eind": "01-12-2026"}, "Uiterlijk klaar", "J", "Ligt vóór de vroegste start."),
    ({"totaal_uren": None}, "Totaal uren", "K", "Verplicht bij eenmalig werk."),
    ({"categorie": "bakken"}, "Categorie", "E", "Onbekende categorie."),
    ({"soort": "soms"}, "Soort", "F", "Kies 'eenmalig' of 'terugkerend'."),
    ({"dagen": "ma, maan"}, "Dagen", "N", "Onbekende dag 'maan'"),
    ({"vaardigheden": "lassen:2"}, "Vaardigheden", "R", "Onbekende vaardigheid: lassen."),
    ({"certificaten": "bhv"}, "Certificaten", "S", "Onbekend certificaat: bhv."),
    ({"werkgever": "30654321"}, "Werkgever (KvK)", "A", "alleen voor uw eigen organisatie"),
    ({"max_personen": 1.5}, "Max. personen tegelijk", "M", "Vul een geheel getal in."),
]


@pytest.mark.parametrize("wijziging, kolom, letter, melding", SLECHT)
def test_every_bad_row_is_reported_and_nothing_imported(
    api_as, werkgever_user, locatie, wijziging, kolom, letter, melding
):
    inhoud = werkmap([EENMALIG, {**EENMALIG, **wijziging}])
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud)
    assert response.status_code == 400, response.body
    (fout,) = response.body["fouten"]
    assert (fout["rij"], fout["kolom"], fout["cel"]) == (3, kolom, f"{letter}3")
    assert melding in fout["melding"]
    assert response.body["detail"].startswith("Niets geïmporteerd: 1 fout(en)")
    assert Werkpakket.objects.count() == 0  # the good row 2 is not kept either
    assert Importrun.objects.get().uitkomst == "geweigerd"


def test_bad_tijdvak_and_formula_cells(api_as, werkgever_user, locatie):
    wb = load_workbook(io.BytesIO(werkmap([TERUGKEREND, {**TERUGKEREND, "tijdvakken": "maandag"}])))
    wb.active["G2"] = "=20+8.75"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = upload(api_as(werkgever_user), "werkpakketten", buffer.getvalue())
    assert response.status_code == 400
    fouten = [(f["cel"], f["melding"]) for f in response.body["fouten"]]
    assert fouten == [
        (
            "G2",
            "Deze cel bevat een formule; vul de waarde zelf in (kopiëren en 'plakken als waarde').",
        ),
        ("Q3", "'maandag' is geen tijdvak; schrijf bijvoorbeeld ma 08:00-12:00."),
    ]


def test_partial_import_keeps_the_good_rows(api_as, werkgever_user, locatie):
    inhoud = werkmap([EENMALIG, {**EENMALIG, "categorie": "bakken"}, TERUGKEREND])
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud, alles_of_niets="false")
    assert response.status_code == 201, response.body
    assert response.body["aangemaakt"] == 2
    assert [f["rij"] for f in response.body["fouten"]] == [3]
    assert Werkpakket.objects.count() == 2


def test_employer_cannot_use_another_organisations_location(api_as, andere_werkgever_user, locatie):
    response = upload(api_as(andere_werkgever_user), "werkpakketten", werkmap([EENMALIG]))
    assert response.status_code == 400
    assert response.body["fouten"][0]["melding"].startswith("Onbekende locatie 'Marshallaan 1-99'")
    assert Werkpakket.objects.count() == 0


def test_staff_name_the_employer_by_kvk(api_as, staff, werkgever, locatie):
    zonder = upload(api_as(staff), "werkpakketten", werkmap([EENMALIG]))
    assert zonder.body["fouten"][0]["melding"] == "Vul het KvK-nummer van de werkgever in."
    met = upload(api_as(staff), "werkpakketten", werkmap([{**EENMALIG, "werkgever": 30123456}]))
    assert met.status_code == 201, met.body
    assert Werkpakket.objects.get().werkgever == werkgever


# --- bad files ----------------------------------------------------------------------------------


def _zip(bestanden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, data in bestanden.items():
            z.writestr(naam, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        (b"", "het bestand is leeg"),
        (b"titel;tarief\nSchoonmaak;32,50\n", "Dit is geen leesbaar Excel-bestand (.xlsx)."),
        (b"%PDF-1.7 not a workbook", "Dit is geen leesbaar Excel-bestand (.xlsx)."),
        (_zip({"word/document.xml": b"<w/>"}), "het is een ander soort bestand"),
        (_zip({"xl/workbook.xml": b"<kapot"}), "het bestand is beschadigd"),
        (b"PK\x03\x04" + b"\x00" * 100, "het bestand is beschadigd"),
        (werkmap([], koppen=["Titel *", "Tarief per uur (€) *"]), "Verplichte kolommen ontbreken"),
        (werkmap([]), "geen rijen om te importeren"),
    ],
)
def test_unreadable_files_are_a_400(api_as, werkgever_user, locatie, inhoud, melding):
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud)
    assert response.status_code == 400, response.body
    assert melding in response.body["detail"]
    assert "bestand" in response.body["fields"]
    assert Importrun.objects.get().uitkomst == "geweigerd"


def test_truncated_workbook_is_a_400(api_as, werkgever_user, locatie):
    inhoud = werkmap([EENMALIG])
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud[: len(inhoud) // 2])
    assert response.status_code == 400
    assert "Excel" in response.body["detail"]


def test_size_row_and_unpacked_limits(api_as, werkgever_user, locatie, monkeypatch):
    client = api_as(werkgever_user)
    inhoud = werkmap([EENMALIG] * 4)
    monkeypatch.setattr(importeren, "MAX_RIJEN", 3)
    assert "Te veel rijen: hoogstens 3" in upload(client, "werkpakketten", inhoud).body["detail"]
    monkeypatch.setattr(importeren, "MAX_UITGEPAKT", 1000)
    assert "uitgepakt te groot" in upload(client, "werkpakketten", inhoud).body["detail"]
    monkeypatch.setattr(importeren, "MAX_BYTES", 100)
    response = upload(client, "werkpakketten", inhoud)
    assert response.status_code == 400
    assert "groter dan" in response.body["detail"]
    assert Werkpakket.objects.count() == 0


def test_unknown_column_is_reported(api_as, werkgever_user, locatie):
    inhoud = werkmap([EENMALIG], koppen=[*KOPPEN[:-1], "Kleur"])
    response = upload(api_as(werkgever_user), "werkpakketten", inhoud)
    assert response.status_code == 400
    assert response.body["fouten"][0] == {
        "rij": 1,
        "kolom": "Kleur",
        "cel": "S1",
        "melding": "Onbekende kolom; zie het sjabloon.",
    }


# --- members ------------------------------------------------------------------------------------

LID = {
    "voornaam": "Samira",
    "achternaam": "Bakker",
    "geboortedatum": date(1988, 2, 3),
    "bsn": "111222333",
    "postcode": "3526 EP",
    "huisnummer": 14,
    "lid_sinds": "01-03-2026",
    "uren_per_week_max": 24,
    "talen": "nl, ar",
    "sroi_toestemming": "ja",
    "sroi_doelgroep": "participatiewet",
}


@pytest.fixture
def postcode(db):
    return Postcode.objects.create(
        postcode="3526 EP",
        latitude=Decimal("52.075800"),
        longitude=Decimal("5.099500"),
        plaats="Utrecht",
        wijk="Zuidwest",
        buurt="Kanaleneiland-Noord",
    )


def test_staff_import_members(api_as, staff, postcode):
    kolommen = importeren.WERKNEMER_KOLOMMEN
    inhoud = werkmap([LID], kolommen=kolommen)
    response = upload(api_as(staff), "werknemers", inhoud)
    assert response.status_code == 201, response.body
    lid = Werknemer.objects.get()
    assert (lid.volledige_naam, lid.wijk, lid.talen, lid.sroi_doelgroep) == (
        "Samira Bakker",
        "Zuidwest",
        "nl,ar",
        "participatiewet",
    )
    assert response.body["voorbeeld"][0]["wijk"] == "Zuidwest"
    assert "bsn" not in response.body["voorbeeld"][0]


def test_bad_member_rows(api_as, staff, postcode):
    kolommen = importeren.WERKNEMER_KOLOMMEN
    rijen = [
        LID,
        {**LID, "bsn": "123456789"},
        {**LID, "bsn": "111222333", "sroi_toestemming": "nee"},
        {**LID, "bsn": "999999990", "postcode": "9999 ZZ"},
    ]
    response = upload(api_as(staff), "werknemers", werkmap(rijen, kolommen=kolommen))
    assert response.status_code == 400, response.body
    per_rij = {f["rij"]: (f["kolom"], f["melding"]) for f in response.body["fouten"]}
    assert per_rij[3][0] == "BSN"
    assert per_rij[4][0] == "SROI-doelgroep"
    assert per_rij[5] == ("Postcode", "Postcode onbekend; geef coördinaten op.")
    assert Werknemer.objects.count() == 0


def test_only_staff_import_members(api_as, werkgever_user, werknemer_user):
    inhoud = werkmap([LID], kolommen=importeren.WERKNEMER_KOLOMMEN)
    assert upload(api_as(werkgever_user), "werknemers", inhoud).status_code == 403
    assert upload(api_as(werknemer_user), "werkpakketten", werkmap([EENMALIG])).status_code == 403
    assert Importrun.objects.count() == 0


def test_template_download(api_as, werkgever_user):
    response = api_as(werkgever_user).get("importeren/sjablonen/werkpakketten")
    assert response.status_code == 200
    assert response.content == importeren.sjabloon("werkpakketten")
    assert api_as(werkgever_user).get("importeren/sjablonen/iets").status_code == 422


def test_management_command(tmp_path, werkgever_user, locatie, capsys):
    pad = tmp_path / "planning.xlsx"
    pad.write_bytes(werkmap([EENMALIG, {**EENMALIG, "soort": "soms"}]))
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 fout"):
        call_command("importeer_werkpakketten", str(pad), gebruiker="planner")
    assert "rij 3, Soort (F3): Kies 'eenmalig' of 'terugkerend'." in capsys.readouterr().err
    call_command("importeer_werkpakketten", str(pad), gebruiker="planner", deels=True)
    assert "2 rijen gelezen, 1 aangemaakt." in capsys.readouterr().out
    assert Werkpakket.objects.count() == 1
