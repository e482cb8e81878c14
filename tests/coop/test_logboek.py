"""Request ids: kept or made, returned, on every log line of the request; JSON or text logs."""

import io
import json
import logging
import logging.config

import pytest
from django.core.exceptions import ImproperlyConfigured

from coop.core.logboek import HEADER, logging_config


@pytest.fixture
def vastgelegd():
    """Logging configured as the settings do for a LOG_FORMAT, its console handler writing into
    a buffer; the test settings' logging is restored afterwards."""
    from django.conf import settings

    def opzetten(formaat="json"):
        logging.config.dictConfig(logging_config(formaat, "INFO"))
        buffer = io.StringIO()
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(buffer)
        return buffer

    yield opzetten
    logging.config.dictConfig(settings.LOGGING)


def _regels(buffer) -> list[dict]:
    return [json.loads(r) for r in buffer.getvalue().splitlines() if r.strip()]


def test_incoming_request_id_is_kept_returned_and_on_every_line(client, db, vastgelegd):
    buffer = vastgelegd("json")
    response = client.get("/api/v1/auth/me", headers={HEADER: "lb-7f3a.42"})
    assert response[HEADER] == "lb-7f3a.42"
    regels = _regels(buffer)
    # Django's own warning (401) and the request line, both with the id.
    assert {r["logger"] for r in regels} >= {"django.request", "coop.verzoek"}
    assert {r["request_id"] for r in regels} == {"lb-7f3a.42"}
    verzoek = next(r for r in regels if r["logger"] == "coop.verzoek")
    assert verzoek["status"] == 401
    assert verzoek["route"] == "api/v1/auth/me"
    assert verzoek["method"] == "GET"
    assert verzoek["niveau"] == "INFO"


def test_a_request_without_id_gets_a_new_one_each_time(client, db, vastgelegd):
    buffer = vastgelegd("json")
    eerste = client.get("/gezondheid/")[HEADER]
    tweede = client.get("/gezondheid/")[HEADER]
    assert eerste and tweede and eerste != tweede
    assert [r["request_id"] for r in _regels(buffer) if r["logger"] == "coop.verzoek"] == [
        eerste,
        tweede,
    ]
    logging.getLogger("coop.iets").warning("na de verzoeken")
    assert _regels(buffer)[-1]["request_id"] == "-"


@pytest.mark.parametrize("kwaad", ["a b", "x" * 129, "id\ninjected", "<script>"])
def test_an_unsafe_incoming_id_is_replaced(client, db, kwaad):
    response = client.get("/gezondheid/", headers={HEADER: kwaad})
    assert response[HEADER] != kwaad
    assert len(response[HEADER]) == 32


def test_lines_outside_a_request_carry_a_dash(vastgelegd):
    buffer = vastgelegd("json")
    logging.getLogger("coop.iets").warning("buiten een verzoek")
    assert _regels(buffer)[-1]["request_id"] == "-"


def test_text_format_is_readable_with_the_id(client, db, vastgelegd):
    buffer = vastgelegd("tekst")
    client.get("/gezondheid/", headers={HEADER: "abc123"})
    regel = [r for r in buffer.getvalue().splitlines() if "coop.verzoek" in r][-1]
    assert "[abc123] GET gezondheid/ 200" in regel
    with pytest.raises(json.JSONDecodeError):
        json.loads(regel)


def test_log_format_from_the_environment_configures_logging():
    config = logging_config("json", "WARNING")
    assert config["handlers"]["console"]["formatter"] == "json"
    assert config["root"]["level"] == "WARNING"
    logging.config.dictConfig(config)  # the config the settings pass to Django is valid
    try:
        handler = logging.getLogger().handlers[0]
        assert type(handler.formatter).__name__ == "JsonFormatter"
    finally:
        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)
    with pytest.raises(ImproperlyConfigured):
        logging_config("xml", "INFO")
