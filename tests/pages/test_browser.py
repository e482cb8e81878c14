"""The member's flow in a real browser (Chromium, 360 x 740): staff publish and offer a
shift, the member opens the link from the message, accepts, sees the schedule and the call,
downloads the PDF; a second member loses the race for an open shift in words; Arabic is
right-to-left; every page passes the axe check; screenshots land in var/schermafdrukken/."""

import re
import time
from urllib.parse import urlparse

import pytest

from coop.models import Aanbod, Dienst, Inzet
from coop.notificaties.kanalen import GeheugenSms
from coop.notificaties.services import meldingsvoorkeur_update
from coop.services.werk import claimen
from tests.notificaties.conftest import cm_gateway, opname, smtp_server  # noqa: F401
from tests.pages.browser import nodig, pagina_controleren, paginatekst, start_chromium, wacht_tot
from tests.pages.conftest import WACHTWOORD, pakket

pytestmark = [pytest.mark.browser, nodig, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_instellingen(settings):
    # The suite's clock is its reference moment while the browser keeps its own: cookies
    # without an expiry date (until the browser closes) are valid on both clocks.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    settings.SMS_BACKEND = "coop.notificaties.kanalen.GeheugenSms"
    settings.COOP_BASIS_URL = "http://testserver"
    GeheugenSms.outbox.clear()


@pytest.fixture
def driver(tmp_path):
    chromium = start_chromium(tmp_path / "downloads")
    chromium.download_map = tmp_path / "downloads"
    yield chromium
    chromium.quit()


def _knop(driver, tekst: str):
    return driver.find_element("xpath", f"//button[normalize-space()='{tekst}']")


def _klik(driver, tekst: str) -> None:
    """Click a button by its text; htmx may swap it for a fresh copy just then: find it anew."""
    from selenium.common.exceptions import StaleElementReferenceException

    for _ in range(20):
        try:
            _knop(driver, tekst).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.2)
    _knop(driver, tekst).click()


def _publiceer(api_as, werkgever_user, locatie, publiceerder=None, **opties):
    """The employer posts a one-off package; it (or staff, `publiceerder`) publishes it."""
    gemaakt = api_as(werkgever_user).post("werkpakketten/", pakket(locatie, **opties))
    assert gemaakt.status_code == 201, gemaakt.body
    gepubliceerd = api_as(publiceerder or werkgever_user).post(
        f"werkpakketten/{gemaakt.body['id']}/publiceer"
    )
    assert gepubliceerd.status_code == 200, gepubliceerd.body
    return Dienst.objects.filter(job__werkpakket_id=gemaakt.body["id"]).order_by("start").first()


def test_member_opens_the_offer_link_accepts_and_finds_schedule_and_call(
    live_server,
    driver,
    browser_instellingen,
    smtp_server,  # noqa: F811
    cm_gateway,  # noqa: F811
    api_as,
    staff,
    werkgever_user,
    locatie,
    fatima,
):
    # The e-mail goes through a real SMTP server, the SMS through the CM.com adapter to a
    # local gateway answering with its recorded acceptance.
    cm_gateway.antwoorden.extend([opname("geaccepteerd")] * 10)
    driver.get(live_server.url + "/")
    pagina_controleren(driver, "01-inloggen")

    # Staff publish the employer's package and offer its shift to Fatima (the API, as staff do).
    dienst = _publiceer(api_as, werkgever_user, locatie, publiceerder=staff, dagen_vooruit=3)
    aangeboden = api_as(staff).post(f"diensten/{dienst.pk}/aanbieden", {"werknemer_id": fatima.pk})
    assert aangeboden.status_code == 201, aangeboden.body
    aanbod = Aanbod.objects.get(pk=aangeboden.body["id"])

    # The e-mail (read from the SMTP server) and the SMS (the request the gateway got)
    # carry the same kind of one-time link.
    (bericht,) = [m for m in smtp_server.berichten if m["To"] == "fatima@example.nl"]
    tekst = bericht.get_content()
    links = re.findall(r"http://testserver(/l/[^\s]+/)", tekst)
    assert links, tekst
    sms = [
        m["body"]["content"]
        for v in cm_gateway.verzoeken
        for m in v["body"]["messages"]["msg"]
        if m["to"] == [{"number": "0031612345678"}]
    ]
    assert sms and re.search(r"http://testserver/l/[^\s]+/", sms[0])

    driver.get(live_server.url + links[0])
    wacht_tot(driver, lambda: urlparse(driver.current_url).path == f"/aanbiedingen/{aanbod.pk}/")
    tekst = paginatekst(driver)
    assert "Trappenhuizen schoonmaken" in tekst and "per uur (bruto)" in tekst
    assert "Korter dan 4 dagen van tevoren: u mag weigeren" in tekst
    pagina_controleren(driver, "02-aanbod")

    _klik(driver, "Ja, ik neem dit werk")
    wacht_tot(driver, lambda: "U heeft het werk aangenomen" in paginatekst(driver))
    pagina_controleren(driver, "03-aanbod-aangenomen")
    inzet = Inzet.objects.get(werknemer=fatima, dienst=dienst)

    driver.find_element("link text", "Rooster").click()
    wacht_tot(driver, lambda: driver.find_elements("id", f"inzet-{inzet.pk}"))
    assert "Op de kaart" in paginatekst(driver)
    pagina_controleren(driver, "04-rooster")

    driver.find_element("link text", "Documenten").click()
    wacht_tot(driver, lambda: "Mijn documenten" in paginatekst(driver))
    pagina_controleren(driver, "05-documenten")
    oproep = fatima.documenten.get(soort="oproep")
    driver.find_element("partial link text", oproep.nummer).click()
    wacht_tot(driver, lambda: "Dit is een oproep" in paginatekst(driver))
    pagina_controleren(driver, "06-document")
    driver.find_element("link text", "Download (PDF)").click()
    wacht_tot(driver, lambda: _pdf_binnen(driver, oproep.bestandsnaam))

    for naam, pad in [
        ("07-start", "/"),
        ("08-open-werk", "/open-werk/"),
        ("09-uren", "/uren/"),
        ("10-berichten", "/meldingen/"),
        ("11-profiel", "/profiel/"),
        ("12-afwezigheid", "/afwezigheid/"),
        ("13-dagen-dat-ik-niet-kan", "/profiel/uitzonderingen/"),
    ]:
        driver.get(live_server.url + pad)
        # the member's page itself, not an error page (axe alone would pass a bare 500)
        wacht_tot(driver, lambda: driver.find_elements("css selector", "nav.menu"))
        assert "Server Error" not in paginatekst(driver), naam
        pagina_controleren(driver, naam)


def _pdf_binnen(driver, bestandsnaam: str) -> bool:
    map_ = driver.download_map
    pad = map_ / bestandsnaam
    return pad.exists() and pad.read_bytes().startswith(b"%PDF")


def test_second_member_loses_the_open_shift_in_words_and_arabic_is_right_to_left(
    live_server, driver, browser_instellingen, api_as, werkgever_user, locatie, fatima, daan
):
    dienst = _publiceer(api_as, werkgever_user, locatie, dagen_vooruit=9)
    driver.get(live_server.url + "/")
    driver.find_element("id", "id_gebruikersnaam").send_keys("daan")
    driver.find_element("id", "id_wachtwoord").send_keys(WACHTWOORD)
    _klik(driver, "Inloggen")
    wacht_tot(driver, lambda: "Hallo Daan" in paginatekst(driver))
    driver.get(live_server.url + "/open-werk/")
    assert driver.find_elements("id", f"dienst-{dienst.pk}")
    pagina_controleren(driver, "12-open-werk-daan")

    # Fatima's phone is faster.
    claimen.dienst_claim(user=fatima.user, dienst_id=dienst.pk)
    _klik(driver, "Dit werk wil ik doen")
    wacht_tot(driver, lambda: "iemand anders was u net voor" in paginatekst(driver))
    pagina_controleren(driver, "13-open-werk-verloren")
    assert not Inzet.objects.filter(werknemer=daan).exists()

    meldingsvoorkeur_update(werknemer=daan, taal="ar")
    driver.get(live_server.url + "/")
    html = driver.find_element("tag name", "html")
    assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar")
    assert "مرحبًا Daan" in paginatekst(driver)
    pagina_controleren(driver, "14-start-arabisch")
    driver.get(live_server.url + "/open-werk/")
    pagina_controleren(driver, "15-open-werk-arabisch")
    # the profile and the days-off form, right to left as well
    for naam, pad in [
        ("16-profiel-arabisch", "/profiel/"),
        ("17-dagen-arabisch", "/profiel/uitzonderingen/"),
    ]:
        driver.get(live_server.url + pad)
        assert driver.find_element("tag name", "html").get_attribute("dir") == "rtl", naam
        # a phone number and a postcode still read left to right
        velden = driver.find_elements("css selector", "#id_telefoon, #id_postcode")
        assert len(velden) == (2 if pad == "/profiel/" else 0), naam
        assert all(veld.get_attribute("dir") == "ltr" for veld in velden), naam
        assert "Server Error" not in paginatekst(driver), naam
        pagina_controleren(driver, naam)


def test_staff_plan_on_the_board(
    live_server,
    browser_instellingen,
    api_as,
    staff,
    werkgever_user,
    locatie,
    fatima,
    daan,
    tmp_path,
):
    """Staff log in, see the week with an unfilled shift, open its candidates, offer it with
    one click, and plan the rest of the week as a proposal they then send."""
    driver = start_chromium(tmp_path / "downloads", 1280, 900)
    try:
        eerste = _publiceer(api_as, werkgever_user, locatie, dagen_vooruit=9)
        tweede = _publiceer(api_as, werkgever_user, locatie, dagen_vooruit=10)
        jaar, week, _ = eerste.start.isocalendar()
        driver.get(live_server.url + "/")
        driver.find_element("id", "id_gebruikersnaam").send_keys("medewerker")
        driver.find_element("id", "id_wachtwoord").send_keys(WACHTWOORD)
        _klik(driver, "Inloggen")
        wacht_tot(driver, lambda: "Planbord week" in paginatekst(driver))
        driver.get(f"{live_server.url}/planning/?week={jaar}-W{week:02d}")
        wacht_tot(driver, lambda: "2 onbezet" in paginatekst(driver))
        pagina_controleren(driver, "planbord-01-week")

        driver.find_element("id", f"dienst-{eerste.pk}").click()  # htmx: the panel fills
        wacht_tot(driver, lambda: "Waarom deze score" in paginatekst(driver))
        assert driver.current_url.endswith(f"week={jaar}-W{week:02d}")  # still on the board
        pagina_controleren(driver, "planbord-02-kandidaten")
        _klik(driver, "Bied aan Fatima E. aan")
        wacht_tot(driver, lambda: "Aangeboden aan Fatima E." in paginatekst(driver))
        assert Aanbod.objects.get().werknemer == fatima

        driver.get(f"{live_server.url}/planning/?week={jaar}-W{week:02d}")
        _klik(driver, "Plan deze week in één keer")
        wacht_tot(driver, lambda: "Nog niets verstuurd" in paginatekst(driver))
        pagina_controleren(driver, "planbord-03-voorstel")
        assert Aanbod.objects.count() == 1
        _klik(driver, "Verstuur 1 aanbieding(en)")
        wacht_tot(driver, lambda: "1 aanbieding(en) verstuurd" in paginatekst(driver))
        assert Aanbod.objects.filter(dienst=tweede).count() == 1
    finally:
        driver.quit()
