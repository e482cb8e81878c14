"""Every request is checked against the specification and the reference lists: a bad order
gets a Foutbericht with a Dutch message naming the field, and nothing is stored."""

import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coop.intake import referentiedata, spec
from coop.intake.models import Onderhoudsorder
from coop.models import Werkpakket
from tests.intake.conftest import order
from werkgevers.models import Locatie

MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def tijd():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def _niets_opgeslagen():
    assert Onderhoudsorder.objects.count() == 0
    assert Werkpakket.objects.count() == 0
    assert Locatie.objects.count() == 0


def _zonder_adres():
    bericht = order()
    del bericht["afspraken"][0]["locatie"]
    return bericht


def _zonder_blok(**extra):
    bericht = order(**extra)
    for sleutel in ("bloktijdBegin", "bloktijdEind"):
        del bericht["afspraken"][0][sleutel]
    return bericht


def _met(pad, waarde):
    bericht = order()
    doel = bericht
    for stap in pad[:-1]:
        doel = doel[stap]
    doel[pad[-1]] = waarde
    return bericht


@pytest.mark.parametrize(
    ("bericht", "status", "code", "veld", "tekst"),
    [
        (
            order(uitersteGereeddatum="volgende week"),
            400,
            "ONGELDIG_BERICHT",
            "uitersteGereeddatum",
            "heeft niet de juiste vorm",
        ),
        (
            order(onderhoudSoort="REP"),
            400,
            "ONGELDIG_BERICHT",
            "onderhoudSoort",
            "heeft niet het juiste type (een object)",
        ),
        (
            order(onderhoudstaken={"code": "1"}),
            400,
            "ONGELDIG_BERICHT",
            "onderhoudstaken",
            "een lijst",
        ),
        (
            order(onderhoudSoort={"code": "XYZ", "naam": "?"}),
            422,
            "ONBEKENDE_WAARDE",
            "onderhoudSoort.code",
            "'XYZ' is geen geldige waarde van de VERA-lijst ONDERHOUDSOORT",
        ),
        (
            order(status={"code": "KLAAR"}),
            422,
            "ONBEKENDE_WAARDE",
            "status.code",
            "ONDERHOUDSORDERSTATUS",
        ),
        (
            _met(["onderhoudstaken", 0, "specialisme"], {"code": "ZAN"}),
            422,
            "ONBEKENDE_WAARDE",
            "onderhoudstaken[0].specialisme.code",
            "ONDERHOUDSPECIALISME",
        ),
        (
            _met(["afspraken", 0, "relaties", 0, "rollen", 0, "soort"], {"code": "HUR"}),
            422,
            "ONBEKENDE_WAARDE",
            "afspraken[0].relaties[0].rollen[0].soort.code",
            "RELATIEROLSOORT",
        ),
        (
            _met(["onderhoudstaken", 0, "voorcalculaties", 0, "meeteenheid"], {"code": "UREN"}),
            422,
            "ONBEKENDE_WAARDE",
            "onderhoudstaken[0].voorcalculaties[0].meeteenheid.code",
            "MEETEENHEID",
        ),
        # Lists the intake does not read are checked too: refused, not guessed.
        (
            order(afrekenwijze={"code": "NCX", "naam": "Nacalculatie"}),
            422,
            "ONBEKENDE_WAARDE",
            "afrekenwijze.code",
            "'NCX' is geen geldige waarde van de VERA-lijst AFREKENWIJZESOORT",
        ),
        (
            _met(["defecten", 0, "soort"], {"code": "KRAAN"}),
            422,
            "ONBEKENDE_WAARDE",
            "defecten[0].soort.code",
            "DEFECTSOORT",
        ),
        (
            _met(["afspraken", 0, "relaties", 0, "soort"], {"code": "PER"}),
            422,
            "ONBEKENDE_WAARDE",
            "afspraken[0].relaties[0].soort.code",
            "RELATIESOORT",
        ),
        (
            order(
                onderhoudstaken=[
                    {
                        "code": "1",
                        "onderhoudsbestedingen": [{"soort": {"code": "UUR"}, "aantal": 2}],
                    }
                ]
            ),
            422,
            "ONBEKENDE_WAARDE",
            "onderhoudstaken[0].onderhoudsbestedingen[0].soort.code",
            "ONDERHOUDSBESTEDINGSOORT",
        ),
        (
            order(onderhoudSoort={"code": "PLN"}),
            422,
            "NIET_GEKOPPELD",
            "onderhoudSoort.code",
            "nog niet gekoppeld aan een categorie",
        ),
        (
            _met(["onderhoudstaken", 0, "specialisme"], {"code": "DAK"}),
            422,
            "NIET_GEKOPPELD",
            "onderhoudstaken[0].specialisme.code",
            "nog niet gekoppeld aan een vaardigheid",
        ),
        (_zonder_adres(), 400, "ONGELDIGE_WAARDE", "afspraken[0].locatie", "is verplicht"),
        (
            _met(["afspraken", 0, "locatie", "postcode"], "9999ZZ"),
            400,
            "ONGELDIGE_WAARDE",
            "afspraken[0].locatie.postcode",
            "Postcode onbekend",
        ),
        (
            _zonder_blok(uitersteGereeddatum="2026-11-01T16:00:00Z"),
            400,
            "ONGELDIGE_WAARDE",
            "uitersteGereeddatum",
            "ligt vóór de eerste dag",
        ),
        (
            order(uitersteGereeddatum="2026-11-02T16:00:00Z"),
            400,
            "ONGELDIGE_WAARDE",
            "afspraken[0].bloktijdBegin",
            "het blok op 03-11-2026 ligt na de uitersteGereeddatum (02-11-2026)",
        ),
        (
            order(blok=("2026-11-03T08:00:00Z", "2026-11-03T10:00:00Z")),
            422,
            "BLOK_TE_KORT",
            "afspraken[0].bloktijdEind",
            "het blok met de huurder (03-11-2026 09:00-11:00, 2 uur) is korter dan het werk "
            "(3 uur); de order is niet verwerkt",
        ),
        (
            order(blok=("2026-11-03T08:00:00Z", "2026-11-05T16:00:00Z")),
            400,
            "ONGELDIGE_WAARDE",
            "afspraken[0].bloktijdEind",
            "een blok met de huurder ligt binnen één dag",
        ),
        (
            order(blok=("2026-10-27T08:00:00Z", "2026-10-27T12:00:00Z")),
            400,
            "ONGELDIGE_WAARDE",
            "afspraken[0].bloktijdEind",
            "geen enkel blok met de huurder ligt nog in de toekomst",
        ),
        (
            order(id=None, code="x"),
            400,
            "ONGELDIG_BERICHT",
            "id",
            "heeft niet het juiste type (tekst)",
        ),
        (
            {k: v for k, v in order().items() if k != "id"},
            400,
            "ONGELDIGE_WAARDE",
            "id",
            "is verplicht",
        ),
    ],
)
def test_bad_order_refused_naming_the_field(ohd, sleutel, bericht, status, code, veld, tekst):
    antwoord = ohd(sleutel).post("onderhoudsorders", bericht)
    assert antwoord.status_code == status, antwoord.body
    assert antwoord.body["code"] == code
    assert veld in antwoord.body["omschrijving"]
    assert tekst in antwoord.body["omschrijving"]
    _niets_opgeslagen()


def test_no_json_refused(ohd, sleutel):
    antwoord = ohd(sleutel).post("onderhoudsorders", "{dit is geen json")
    assert antwoord.status_code == 400
    assert antwoord.body["code"] == "ONGELDIG_BERICHT"
    _niets_opgeslagen()


def test_without_a_tariff_the_order_waits_for_staff(ohd, sleutel, koppeling):
    koppeling.tarief_per_uur = None
    koppeling.save()
    antwoord = ohd(sleutel).post("onderhoudsorders", order())
    assert antwoord.status_code == 422
    assert antwoord.body["code"] == "NIET_INGESTELD"
    assert "uurtarief" in antwoord.body["omschrijving"]
    _niets_opgeslagen()
    koppeling.tarief_per_uur = Decimal("42.50")
    koppeling.save()
    assert ohd(sleutel).post("onderhoudsorders", order()).status_code == 201


def test_a_bad_changed_repeat_keeps_the_stored_order(ohd, sleutel):
    klant = ohd(sleutel)
    klant.post("onderhoudsorders", order())
    pakket = Werkpakket.objects.get()
    slecht = order(onderhoudSoort={"code": "XYZ"})
    assert klant.post("onderhoudsorders", slecht).status_code == 422
    bewaard = Onderhoudsorder.objects.get()
    assert bewaard.versie == 1 and bewaard.werkpakket == pakket
    pakket.refresh_from_db()
    assert pakket.status == Werkpakket.Status.GESPLITST


def test_address_variants_of_the_specification_are_read_as_any_of(ohd_spec):
    schemas = spec.lees(ohd_spec)["components"]["schemas"]
    for naam in ("Onderhoudsorders-Adres", "Onderhoudsorders-Contactgegeven"):
        assert "oneOf" not in schemas[naam] and len(schemas[naam]["anyOf"]) == 2
    # A real choice stays a oneOf.
    assert "oneOf" in schemas["Onderhoudsorders-Relatie"]


def test_schema_check_of_pushed_bodies_finds_errors():
    assert spec.fouten_in_schema({"id": "A1", "status": {"code": "GUN"}}) == []
    assert spec.fouten_in_schema({"id": "A1", "status": "GUN"}) == [
        ("status", "heeft niet het juiste type (een object)")
    ]


def test_without_the_specification_the_endpoints_answer_503(ohd, sleutel, settings):
    settings.VERA_OHD_SPEC = ""
    antwoord = ohd(sleutel).client.post(
        "/vera/ohd/v4/onderhoudsorders",
        json.dumps(order()),
        content_type="application/json",
        HTTP_X_API_KEY=sleutel,
    )
    assert antwoord.status_code == 503
    assert antwoord.json()["code"] == "NIET_BESCHIKBAAR"
    _niets_opgeslagen()


def test_bad_parameters_and_headers_are_named(ohd, sleutel):
    klant = ohd(sleutel)
    lijst = klant.get("onderhoudsorders?pagina=twee")
    assert lijst.status_code == 400
    assert "parameter pagina heeft niet de juiste vorm" in lijst.body["omschrijving"]
    kop = klant.post("onderhoudsorders", order(), HTTP_X_STUURGEGEVENS_TIJDSTIP_BERICHT="gisteren")
    assert kop.status_code == 400
    assert "header X-Stuurgegevens-Tijdstip-Bericht" in kop.body["omschrijving"]
    _niets_opgeslagen()
    goed = klant.post(
        "onderhoudsorders", order(), HTTP_X_STUURGEGEVENS_TIJDSTIP_BERICHT="2026-11-02T07:00:00Z"
    )
    assert goed.status_code == 201


def test_known_values_of_other_lists_and_own_labels_pass(ohd, sleutel):
    """Codes of VERA's lists pass wherever they stand; a list VERA does not publish (the
    corporation's own steering labels) is not checked."""
    bericht = order(
        afrekenwijze={"code": "VPR", "naam": "Vaste prijs"},
        uitvoerendeSoort={"code": "LEV", "naam": "Leverancier"},
        sturingslabels=[{"label": {"code": "EIGEN-7", "naam": "Eigen label"}}],
    )
    bericht["defecten"][0]["soort"] = {"code": sorted(referentiedata.lijst("DEFECTSOORT") or [])[0]}
    antwoord = ohd(sleutel).post("onderhoudsorders", bericht)
    assert antwoord.status_code == 201, antwoord.body
