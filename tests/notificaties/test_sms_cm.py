"""The CM.com adapter: the request it sends and what it makes of the gateway's answers."""

import pytest

from coop.notificaties.kanalen import CmSms, KanaalFout, telefoon_internationaal
from tests.notificaties.conftest import opname


def test_sends_the_documented_request_and_reads_the_acceptance(cm_gateway):
    cm_gateway.antwoorden.append(opname("geaccepteerd"))
    kenmerk = CmSms().versturen(
        nummer="06-12345678", tekst="Werk voor je: di 17 nov", referentie="notificatie-1-sms"
    )
    assert kenmerk == "notificatie-1-sms"
    [verzoek] = cm_gateway.verzoeken
    assert verzoek["pad"] == "/v1.0/message"
    assert verzoek["type"].startswith("application/json")
    assert verzoek["body"] == {
        "messages": {
            "authentication": {"producttoken": "00000000-0000-0000-0000-000000000000"},
            "msg": [
                {
                    "allowedChannels": ["SMS"],
                    "from": "Buurtwerk",
                    "to": [{"number": "0031612345678"}],
                    "body": {"type": "auto", "content": "Werk voor je: di 17 nov"},
                    "reference": "notificatie-1-sms",
                }
            ],
        }
    }


def test_rejected_number_is_a_lasting_failure(cm_gateway):
    cm_gateway.antwoorden.append(opname("ongeldig_nummer"))
    with pytest.raises(KanaalFout) as fout:
        CmSms().versturen(nummer="0612345678", tekst="x", referentie="r")
    assert fout.value.blijvend
    assert "303" in fout.value.melding and "not a number" in fout.value.melding


@pytest.mark.parametrize("naam", ["onbekende_token", "storing"])
def test_account_or_gateway_trouble_is_retried(cm_gateway, naam):
    cm_gateway.antwoorden.append(opname(naam))
    with pytest.raises(KanaalFout) as fout:
        CmSms().versturen(nummer="0612345678", tekst="x", referentie="r")
    assert not fout.value.blijvend


def test_answer_that_is_not_json_is_a_failure(cm_gateway):
    cm_gateway.antwoorden.append((502, b"<html>Bad gateway</html>"))
    with pytest.raises(KanaalFout) as fout:
        CmSms().versturen(nummer="0612345678", tekst="x", referentie="r")
    assert "502" in fout.value.melding and not fout.value.blijvend


def test_unreachable_gateway_is_a_failure(settings):
    settings.SMS_CM_URL = "http://127.0.0.1:9/v1.0/message"
    settings.SMS_CM_PRODUCTTOKEN = "t"
    settings.SMS_TIMEOUT = 2
    with pytest.raises(KanaalFout) as fout:
        CmSms().versturen(nummer="0612345678", tekst="x", referentie="r")
    assert "niet bereikbaar" in fout.value.melding and not fout.value.blijvend


def test_without_product_token_nothing_is_sent(cm_gateway, settings):
    settings.SMS_CM_PRODUCTTOKEN = ""
    with pytest.raises(KanaalFout, match="SMS_CM_PRODUCTTOKEN"):
        CmSms().versturen(nummer="0612345678", tekst="x", referentie="r")
    assert cm_gateway.verzoeken == []


@pytest.mark.parametrize(
    "invoer, verwacht",
    [
        ("06-12345678", "0031612345678"),
        ("06 1234 5678", "0031612345678"),
        ("+31 6 12345678", "0031612345678"),
        ("0031612345678", "0031612345678"),
        ("+90 532 123 45 67", "00905321234567"),
    ],
)
def test_numbers_in_international_form(invoer, verwacht):
    assert telefoon_internationaal(invoer) == verwacht


@pytest.mark.parametrize("invoer", ["", "geen", "12", "06-1234567x", "+31"])
def test_not_a_number_is_refused_for_good(invoer):
    with pytest.raises(KanaalFout) as fout:
        telefoon_internationaal(invoer)
    assert fout.value.blijvend


def test_development_backends_write_the_text(settings, tmp_path, capsys):
    import json

    from coop.notificaties.kanalen import BestandSms, ConsoleSms, sms_backend

    settings.SMS_BACKEND = "bestand"
    settings.SMS_BESTAND_PAD = tmp_path / "sms"
    backend = sms_backend()
    assert isinstance(backend, BestandSms)
    backend.versturen(nummer="0612345678", tekst="Werk voor je", referentie="r1")
    backend.versturen(nummer="0612345678", tekst="Nog 4 uur", referentie="r2")
    [bestand] = (tmp_path / "sms").glob("sms-*.jsonl")
    regels = [json.loads(r) for r in bestand.read_text().splitlines()]
    assert [(r["referentie"], r["tekst"]) for r in regels] == [
        ("r1", "Werk voor je"),
        ("r2", "Nog 4 uur"),
    ]

    settings.SMS_BACKEND = "console"
    assert isinstance(sms_backend(), ConsoleSms)
    ConsoleSms().versturen(nummer="0612345678", tekst="Werk voor je", referentie="r3")
    assert "Werk voor je" in capsys.readouterr().out

    settings.SMS_BACKEND = ""
    assert sms_backend() is None
