"""The employer's flow in a real browser (Chromium, a 1280 px desktop; the hours page also on
an 820 px tablet): log in, post recurring work through the guided form, read the split
preview, publish; later dispute one line in place (htmx) and approve the rest of the week at
once; open the invoice and download its PDF. Another organisation's user gets a 404. Every
page passes the axe check; screenshots land in var/schermafdrukken/werkgever-*.png."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from coop.models import Urenregel, Werkpakket
from tests.pages.browser import (
    DESKTOP,
    TABLET,
    nodig,
    pagina_controleren,
    paginatekst,
    schermmaat,
    start_chromium,
    wacht_tot,
)
from tests.pages.conftest import WACHTWOORD
from tests.pages.werkgever_hulp import *  # noqa: F403
from tests.pages.werkgever_hulp import WEEK

pytestmark = [pytest.mark.browser, nodig, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_instellingen(settings):
    # The suite's clock is its reference moment while the browser keeps its own: cookies
    # without an expiry date (until the browser closes) are valid on both clocks.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture
def driver(tmp_path):
    chromium = start_chromium(tmp_path / "downloads", *DESKTOP)
    chromium.download_map = tmp_path / "downloads"
    yield chromium
    chromium.quit()


def _knop(driver, tekst: str):
    return driver.find_element("xpath", f"//button[normalize-space()='{tekst}']")


def _zet(driver, veld_id: str, waarde: str) -> None:
    """A date or time input set the way the browser's own picker would (its typing format
    follows the browser's locale)."""
    veld = driver.find_element("id", veld_id)
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        veld,
        waarde,
    )


def _inloggen(driver, url: str, gebruikersnaam: str) -> None:
    driver.get(url + "/")
    driver.find_element("id", "id_gebruikersnaam").send_keys(gebruikersnaam)
    driver.find_element("id", "id_wachtwoord").send_keys(WACHTWOORD)
    _knop(driver, "Inloggen").click()
    wacht_tot(driver, lambda: urlparse(driver.current_url).path == "/werkgever/")


def _bestand_binnen(driver, naam: str, begin: bytes) -> bool:
    pad: Path = driver.download_map / naam
    return pad.exists() and pad.read_bytes().startswith(begin)


def test_employer_posts_recurring_work_previews_publishes_approves_a_week_and_downloads(
    live_server, driver, browser_instellingen, werkgever_user, locatie, org
):
    _inloggen(driver, live_server.url, "planner")
    assert "Woonstichting Kanaleneiland" in paginatekst(driver)
    pagina_controleren(driver, "werkgever-01-overzicht")

    # Post recurring work through the guided form.
    driver.find_element("link text", "Werk plaatsen").click()
    wacht_tot(driver, lambda: "Wat voor werk is het?" in paginatekst(driver))
    pagina_controleren(driver, "werkgever-02-soort-werk")
    driver.find_element("partial link text", "Terugkerend werk").click()
    wacht_tot(driver, lambda: driver.find_elements("id", "id_titel"))
    driver.find_element("id", "id_titel").send_keys("Portieken vegen")
    # Selects by typing, as a keyboard user does (a headless select popup would stay open).
    driver.find_element("id", "id_categorie").send_keys("schoonmaak")
    driver.find_element("id", "id_locatie_id").send_keys(locatie.naam)
    _zet(driver, "id_startdatum", "2026-12-07")
    _zet(driver, "id_van_0", "08:00")
    _zet(driver, "id_tot_0", "12:00")
    _zet(driver, "id_van_3", "13:00")
    _zet(driver, "id_tot_3", "15:30")
    driver.find_element("id", "id_vaardigheid_schoonmaak").send_keys("gevorderd")
    vca = driver.find_element("xpath", "//input[@name='certificaten' and @value='vca']")
    vca.click()
    assert vca.is_selected()
    driver.find_element("id", "id_tarief_per_uur").send_keys("34.50")
    pagina_controleren(driver, "werkgever-03-formulier-terugkerend")
    _knop(driver, "Verder: bekijk de indeling").click()

    # The preview: permanent work, with the reason; nothing published yet.
    wacht_tot(driver, lambda: "Zo deelt de coöperatie het werk in" in paginatekst(driver))
    tekst = paginatekst(driver)
    assert "Vast werk: 6,5 uur per week" in tekst
    assert "wekelijks terugkerend, zonder einddatum: structureel" in tekst
    pakket = Werkpakket.objects.get(titel="Portieken vegen")
    assert pakket.status == "concept" and pakket.locatie == locatie
    assert [(v.vaardigheid.code, v.min_niveau) for v in pakket.vaardigheden.all()] == [
        ("schoonmaak", 2)
    ]
    assert [c.code for c in pakket.vereiste_certificaten.all()] == ["vca"]
    pagina_controleren(driver, "werkgever-04-voorbeeld-indeling")
    _knop(driver, "Publiceren").click()
    wacht_tot(driver, lambda: "Gepubliceerd." in paginatekst(driver))
    assert "Wacht op bundeling" in paginatekst(driver)
    pakket.refresh_from_db()
    assert pakket.status == "gesplitst"
    pagina_controleren(driver, "werkgever-05-gepubliceerd")

    driver.find_element("link text", "Werk").click()
    wacht_tot(driver, lambda: driver.find_elements("id", f"pakket-{org.pakket.pk}"))
    assert "1 bezet, 1 open" in driver.find_element("id", f"pakket-{org.pakket.pk}").text
    pagina_controleren(driver, "werkgever-06-werk")
    driver.find_element("css selector", f"#pakket-{org.pakket.pk} a").click()
    wacht_tot(driver, lambda: "Fatima E." in paginatekst(driver))
    pagina_controleren(driver, "werkgever-07-bezetting")

    # Later: the week's hours. Dispute Daan's line in place, approve the rest at once.
    driver.find_element("link text", "Uren").click()
    wacht_tot(driver, lambda: "Week 46" in paginatekst(driver))
    assert "Minimum per oproep" in paginatekst(driver)
    pagina_controleren(driver, "werkgever-08-uren")
    regel = org.regel_kort.pk
    driver.find_element("id", f"reden-{regel}").send_keys("Daan was om 10:00 al weg.")
    driver.find_element("css selector", f"#regel-{regel} button.knop-licht").click()
    wacht_tot(driver, lambda: "Betwist. De coöperatie" in paginatekst(driver))
    assert driver.current_url.endswith("/werkgever/uren/")  # in place, no page load
    pagina_controleren(driver, "werkgever-09-uren-betwist")
    driver.refresh()
    wacht_tot(driver, lambda: "Week 46" in paginatekst(driver))
    _knop(driver, "Deze 1 regel goedkeuren").click()
    wacht_tot(driver, lambda: "1 urenregel goedgekeurd." in paginatekst(driver))
    org.regel_lang.refresh_from_db()
    org.regel_kort.refresh_from_db()
    assert (org.regel_lang.status, org.regel_kort.status) == ("goedgekeurd", "betwist")
    schermmaat(driver, *TABLET)
    driver.get(f"{live_server.url}/werkgever/uren/?week={WEEK.isoformat()}")
    wacht_tot(driver, lambda: "Week 46" in paginatekst(driver))
    pagina_controleren(driver, "werkgever-10-uren-tablet")
    schermmaat(driver, *DESKTOP)

    # The invoice, and its PDF.
    driver.find_element("link text", "Facturen").click()
    wacht_tot(driver, lambda: org.factuur.nummer in paginatekst(driver))
    pagina_controleren(driver, "werkgever-11-facturen")
    driver.find_element("link text", org.factuur.nummer).click()
    wacht_tot(driver, lambda: "Totaal met btw" in paginatekst(driver))
    pagina_controleren(driver, "werkgever-12-factuur")
    driver.find_element("link text", "Download PDF").click()
    wacht_tot(driver, lambda: _bestand_binnen(driver, f"{org.factuur.nummer}.pdf", b"%PDF"))

    for naam, pad in [
        ("werkgever-13-rapport", "/werkgever/rapport/?van=2026-10-01&tot=2026-10-31"),
        ("werkgever-14-organisatie", "/werkgever/organisatie/"),
        ("werkgever-15-uitnodigen", "/werkgever/organisatie/uitnodigen/"),
        ("werkgever-16-importeren", "/werkgever/importeren/"),
        ("werkgever-17-import-fouten", f"/werkgever/importeren/{org.importrun.pk}/"),
        ("werkgever-18-formulier-eenmalig", "/werkgever/werk/nieuw/?soort=eenmalig"),
    ]:
        driver.get(live_server.url + pad)
        pagina_controleren(driver, naam)
    assert Urenregel.objects.filter(status="goedgekeurd", inzet__werknemer__voornaam="Fatima")


def test_another_organisations_user_gets_a_404_on_those_urls(
    live_server, driver, browser_instellingen, andere_werkgever_user, org
):
    _inloggen(driver, live_server.url, "andere-planner")
    for pad in (
        f"/werkgever/werk/{org.pakket.pk}/",
        f"/werkgever/facturen/{org.factuur.pk}/",
        f"/werkgever/facturen/{org.factuur.pk}/pdf/",
        f"/werkgever/importeren/{org.importrun.pk}/",
    ):
        driver.get(live_server.url + pad)
        assert "Not Found" in driver.title or "Niet gevonden" in paginatekst(driver), pad
    driver.get(live_server.url + "/werkgever/uren/")
    assert "Fatima" not in paginatekst(driver) and "Daan" not in paginatekst(driver)
