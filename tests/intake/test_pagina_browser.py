"""The member's page of a VERA order in a real browser (Chromium, 360 x 740): from the
schedule to the briefing, then reporting the work done with a note, travel time and a photo.
Both pages pass the axe check; screenshots land in var/schermafdrukken/opdracht-*.png."""

import pytest

from coop.intake.models import Gereedmelding, GereedmeldingFoto
from coop.models import Dienst
from coop.services.werk import aanbod as aanbod_services
from tests.intake.conftest import order
from tests.pages.browser import nodig, pagina_controleren, paginatekst, start_chromium, wacht_tot

pytestmark = [pytest.mark.browser, nodig, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "geheim-wachtwoord-1"
# A block with the tenant two days after the suite's reference moment (Monday 16-11-2026).
BLOK = ("2026-11-18T08:00:00Z", "2026-11-18T12:00:00Z")


@pytest.fixture
def browser_instellingen(settings):
    # The suite's clock is its reference moment while the browser keeps its own: cookies
    # without an expiry date (until the browser closes) are valid on both clocks.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


def test_member_reads_the_briefing_and_reports_done_with_a_photo(
    live_server, browser_instellingen, ohd, sleutel, werknemer_user, tmp_path
):
    bericht = order(blok=BLOK, uitersteGereeddatum="2026-11-27T16:00:00Z")
    assert ohd(sleutel).post("onderhoudsorders", bericht).status_code == 201
    dienst = Dienst.objects.get(job__werkpakket__vera_orders__order_id="WO-2026-0412")
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    aanbod_services.aanbod_accept(user=werknemer_user, aanbod_id=aanbod.pk)
    werknemer_user.set_password(WACHTWOORD)
    werknemer_user.save()
    foto = tmp_path / "kraan.jpg"
    foto.write_bytes(b"\xff\xd8\xff\xe0 de nieuwe kraan")

    driver = start_chromium(tmp_path / "downloads")
    try:
        driver.get(live_server.url + "/")
        driver.find_element("id", "id_gebruikersnaam").send_keys(werknemer_user.username)
        driver.find_element("id", "id_wachtwoord").send_keys(WACHTWOORD)
        driver.find_element("xpath", "//button[normalize-space()='Inloggen']").click()
        wacht_tot(driver, lambda: "Rooster" in paginatekst(driver))
        driver.get(live_server.url + "/rooster/")
        driver.find_element("link text", "Opdracht en gereed melden").click()
        wacht_tot(
            driver, lambda: "Samira Bouzid; Mobiele telefoon: 06-12345678" in paginatekst(driver)
        )
        assert driver.current_url.endswith(f"/opdracht/{dienst.job.werkpakket_id}/")
        pagina_controleren(driver, "opdracht-01-briefing")

        driver.find_element("id", "id_notitie").send_keys("Kraan vervangen, lekt niet meer.")
        reistijd = driver.find_element("id", "id_reistijd_minuten")
        reistijd.clear()
        reistijd.send_keys("20")
        driver.find_element("id", "id_fotos").send_keys(str(foto))
        driver.find_element("xpath", "//button[normalize-space()='Gereed melden']").click()
        wacht_tot(driver, lambda: "Uw gereedmelding is bewaard" in paginatekst(driver))
        wacht_tot(
            driver,
            lambda: "Gereed gemeld" in paginatekst(driver) and "1 foto" in paginatekst(driver),
        )
        pagina_controleren(driver, "opdracht-02-gereed-gemeld")
    finally:
        driver.quit()
    melding = Gereedmelding.objects.get()
    assert (melding.notitie, melding.reistijd_minuten) == ("Kraan vervangen, lekt niet meer.", 20)
    assert GereedmeldingFoto.objects.get().content_type == "image/jpeg"
