"""Every setting the code reads is declared in coop/settings.py and documented in the README."""

import re
from pathlib import Path

from django.conf import settings

from coop import settings as instellingen

ROOT = Path(__file__).resolve().parents[2]
GELEZEN = re.compile(r"""getattr\(settings, "([A-Z_]+)"|settings\.([A-Z][A-Z_]+)""")
# Django's and the libraries' own settings (not environment variables), not ours to document.
DJANGO = {
    "AUTH_USER_MODEL",
    "DEBUG",
    "MEDIA_ROOT",
    "FIELD_ENCRYPTION_KEY",
    "REDIS_URL",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "RATELIMIT_VIEW",
}


def _gelezen() -> set[str]:
    namen = set()
    for app in ("coop", "werkgevers", "werknemers", "contracten"):
        for pad in (ROOT / app).rglob("*.py"):
            if "migrations" in pad.parts or pad.name.startswith("settings"):
                continue
            for match in GELEZEN.finditer(pad.read_text(encoding="utf-8")):
                namen.add(match.group(1) or match.group(2))
    return namen


def test_every_setting_read_is_declared():
    assert {"FACTUUR_BETAALTERMIJN", "LOON_CHUNK", "LOON_NMBRS_CODES"} <= _gelezen()
    ontbreekt = sorted(n for n in _gelezen() - DJANGO if not hasattr(instellingen, n))
    assert ontbreekt == []


def test_every_setting_read_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tabel = set(re.findall(r"^\| `([A-Z_]+)`", readme, re.MULTILINE))
    tabel |= {"COOP_MAKELAAR", "OAUTH2_PROVIDER"}  # read as COOP_MAKELAAR_*, VERA_OAUTH_*
    ontbreekt = sorted(_gelezen() - tabel - DJANGO)
    assert ontbreekt == []


def test_the_declared_defaults():
    assert settings.FACTUUR_BETAALTERMIJN == 30
    assert settings.LOON_CHUNK == 5000
    assert settings.LOON_NMBRS_CODES == {}


def test_nmbrs_codes_from_the_environment(monkeypatch):
    monkeypatch.setenv("LOON_NMBRS_CODES", "bedrag_normaal=L6100, vakantiegeld = L6200")
    assert instellingen.env_dict("LOON_NMBRS_CODES") == {
        "bedrag_normaal": "L6100",
        "vakantiegeld": "L6200",
    }


def test_an_empty_identity_variable_gives_the_default(monkeypatch):
    monkeypatch.setenv("COOP_MAKELAAR_NAAM", "")
    assert instellingen._makelaar("COOP_MAKELAAR_NAAM") == "Buurtwerk Coöperatie U.A."
    monkeypatch.setenv("COOP_MAKELAAR_NAAM", "Buurtwerk Kanaleneiland U.A.")
    assert instellingen._makelaar("COOP_MAKELAAR_NAAM") == "Buurtwerk Kanaleneiland U.A."
