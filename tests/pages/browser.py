"""Chromium through Selenium for the pages: a 360 x 740 phone for the member pages, a desktop
or tablet for the employer pages and the planning board, screenshots for review, and the
axe-core accessibility check (the axe script shipped by axe-playwright-python, run through
Selenium)."""

from __future__ import annotations

import base64
import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
BREEDTE, HOOGTE = 360, 740
DESKTOP = (1280, 800)
TABLET = (820, 1180)
SCHERMAFDRUKKEN = Path(settings.BASE_DIR) / "var" / "schermafdrukken"
ERNSTIG = {"serious", "critical"}

if os.environ.get("COOP_REQUIRE_BROWSER") and not (CHROMIUM and CHROMEDRIVER):
    # CI must run them: a missing browser there is a failure, not a skip.
    raise RuntimeError("COOP_REQUIRE_BROWSER is set but chromium or chromedriver is missing")
nodig = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium ontbreekt: apt-get install chromium chromium-driver (CI installeert ze)",
)


def start_chromium(downloads: Path, breedte: int = BREEDTE, hoogte: int = HOOGTE):
    """Chromium at a phone's size (the member pages) or, given, a desktop's."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={breedte},{hoogte}",
        "--lang=nl-NL",
    ):
        opties.add_argument(arg)
    opties.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "intl.accept_languages": "nl"}
    )
    # The browser runs on the machine's own clock: CI's run with libfaketime (LD_PRELOAD)
    # moves this process's clock, and Chromium does not start under it.
    omgeving = {
        k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")
    }
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=omgeving), options=opties)
    schermmaat(driver, breedte, hoogte)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    # Generous: CI also runs the suite under libfaketime, which slows the server down a lot.
    driver.set_page_load_timeout(180)
    return driver


def schermmaat(driver, breedte: int, hoogte: int) -> None:
    """The viewport: a phone's (touch, mobile) up to BREEDTE wide, a tablet's or desktop's
    above; also to change it during a test."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": breedte, "height": hoogte, "deviceScaleFactor": 1, "mobile": breedte <= BREEDTE},
    )
    driver.breedte, driver.hoogte = breedte, hoogte


def schermafdruk(driver, naam: str) -> Path:
    """The whole page at the browser's width (beyond the first screen), as PNG."""
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    pad = SCHERMAFDRUKKEN / f"{naam}.png"
    breedte = getattr(driver, "breedte", BREEDTE)
    hoogte = max(
        driver.execute_script("return document.documentElement.scrollHeight"),
        getattr(driver, "hoogte", HOOGTE),
    )
    beeld = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": breedte, "height": hoogte, "scale": 1},
        },
    )
    pad.write_bytes(base64.b64decode(beeld["data"]))
    # Capturing beyond the viewport leaves Chromium's layout viewport page-high, and native
    # clicks on a long page then land beside their target: the viewport is set again.
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    schermmaat(driver, getattr(driver, "breedte", BREEDTE), getattr(driver, "hoogte", HOOGTE))
    return pad


def axe_ernstig(driver) -> list[str]:
    """The serious and critical accessibility violations on the current page, described."""
    from axe_playwright_python.base import AXE_SCRIPT

    driver.execute_script(AXE_SCRIPT)
    uitkomst = driver.execute_async_script(
        "const klaar = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => klaar(r.violations)).catch(e => klaar({fout: String(e)}));"
    )
    assert isinstance(uitkomst, list), uitkomst
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in uitkomst
        if v.get("impact") in ERNSTIG
    ]


def pagina_controleren(driver, naam: str) -> None:
    """Screenshot at the browser's width and no serious or critical axe violation."""
    schermafdruk(driver, naam)
    fouten = axe_ernstig(driver)
    assert not fouten, f"{naam}: " + "; ".join(fouten)


def paginatekst(driver) -> str:
    """The page's text; while a page or an htmx swap replaces the body, nothing yet."""
    try:
        return driver.find_element("tag name", "body").text
    except (StaleElementReferenceException, NoSuchElementException):
        return ""


def wacht_tot(driver, voorwaarde, seconden: float = 90) -> None:
    """Wait until `voorwaarde()` holds; a page replaced while it was read is read again."""
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        try:
            if voorwaarde():
                return
        except (NoSuchElementException, StaleElementReferenceException):
            pass
        time.sleep(0.1)
    raise AssertionError(
        f"wachten duurde te lang op {driver.current_url}: {paginatekst(driver)[:1500]}"
    )
