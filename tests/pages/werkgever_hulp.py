"""Builders and fixtures for the employer pages' tests (no tests here): a logged-in client
per employer user, and one organisation's whole world: a published package with a filled and
an open shift, a week of submitted hours (one topped up to the minimum, one late-cancelled),
an October invoice, an import run and a colleague. Test modules take the fixtures with
`from tests.pages.werkgever_hulp import *`."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from openpyxl import Workbook

from coop.models import Dienst, Importrun, Inzet, Loonperiode
from coop.services.facturen import facturen as factuur_services
from coop.services.facturen import import_kolommen
from coop.services.facturen import importeren as import_services
from coop.services.uren import urenregels as uren_services
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from tests import factories as f
from tests.coop.test_facturen_fixtures import klus
from tests.coop.test_facturen_fixtures import pakket as factuur_pakket
from tests.coop.test_facturen_fixtures import uren as goedgekeurde_uren
from tests.coop.test_uren_fixtures import geannuleerd, inzet, moment
from tests.pages.conftest import WACHTWOORD

__all__ = ["andere", "org", "planner"]

WEEK = date(2026, 11, 9)  # the Monday before the suite's reference moment (16-11-2026)


def ingelogd_als(user) -> Client:
    """A test client with a session for this user (the password login at /inloggen/)."""
    client = Client()
    antwoord = client.post(
        "/inloggen/", {"gebruikersnaam": user.username, "wachtwoord": WACHTWOORD}
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:500]
    return client


@pytest.fixture
def planner(werkgever_user):
    return ingelogd_als(werkgever_user)


@pytest.fixture
def andere(andere_werkgever_user):
    return ingelogd_als(andere_werkgever_user)


def eenmalig(locatie, **anders) -> pakket_invoer.WerkpakketData:
    dag = date(2026, 11, 30)
    velden = dict(
        locatie_id=locatie.pk,
        titel="Trappenhuizen schoonmaken",
        categorie="schoonmaak",
        soort="eenmalig",
        tarief_per_uur=Decimal("32.50"),
        vroegste_start=dag,
        uiterlijk_eind=dag,
        totaal_uren=Decimal("8"),
        max_uren_per_dag=Decimal("4"),
        max_personen=2,
        dagen=[0, 1, 2, 3, 4],
    )
    return pakket_invoer.WerkpakketData(**(velden | anders))


def werkmap(rijen: list[dict]) -> bytes:
    """An XLSX in the import template's layout with one row per dict (by column key)."""
    kolommen = import_kolommen.WERKPAKKET_KOLOMMEN
    wb = Workbook()
    ws = wb.active
    ws.append([k.naam for k in kolommen])
    for rij in rijen:
        ws.append([rij.get(k.sleutel) for k in kolommen])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def importrij(locatie, **anders) -> dict:
    return {
        "locatie": locatie.naam,
        "titel": "Galerijen vegen",
        "categorie": "schoonmaak",
        "soort": "eenmalig",
        "tarief_per_uur": 31,
        "vroegste_start": "07-12-2026",
        "uiterlijk_eind": "11-12-2026",
        "totaal_uren": 12,
    } | anders


@pytest.fixture
def org(werkgever_user, staff, locatie, fatima, daan, catalogus):
    """Everything of the first organisation an employer page shows, by id."""
    # A published one-off package: two shifts at once on 30 November, Fatima on one.
    pakket = pakket_services.werkpakket_create(user=werkgever_user, data=eenmalig(locatie))
    pakket_services.werkpakket_publish(user=werkgever_user, werkpakket_id=pakket.pk)
    bezet, open_ = Dienst.objects.filter(job__werkpakket=pakket).order_by("pk")
    Inzet.objects.create(werknemer=fatima, dienst=bezet, start=bezet.start, eind=bezet.eind)
    Dienst.objects.filter(pk=bezet.pk).update(status=Dienst.Status.BEZET)

    # The week before: hours submitted by the members, waiting for the employer.
    lang = inzet(fatima, locatie, WEEK, 9, 13)
    kort = inzet(daan, locatie, WEEK + timedelta(days=2), 9, 11)
    regel_lang = uren_services.urenregel_submit(
        user=fatima.user, inzet_id=lang.pk, start=lang.start, eind=lang.eind
    )
    regel_kort = uren_services.urenregel_submit(
        user=daan.user,
        inzet_id=kort.pk,
        start=kort.start,
        eind=moment(WEEK + timedelta(days=2), 10, 30),
    )
    afgezegd = geannuleerd(fatima, locatie, WEEK + timedelta(days=3), 9, 12, "3")
    annulering = uren_services.annuleringsregel(afgezegd)

    # October, invoiced.
    oktober = Loonperiode.objects.create(
        soort="maand", begin=date(2026, 10, 1), eind=date(2026, 10, 31)
    )
    goedgekeurde_uren(fatima, klus(factuur_pakket(locatie)), locatie, date(2026, 10, 5), 9, 13)
    factuur, _ = factuur_services.factuur_create(
        user=staff, periode_id=oktober.pk, werkgever_id=locatie.werkgever_id
    )

    run_uitkomst = import_services.import_run(
        user=werkgever_user,
        soort="werkpakketten",
        bestandsnaam="planning.xlsx",
        inhoud=werkmap([importrij(locatie), importrij(locatie, titel="", totaal_uren=-1)]),
        proef=True,
    )
    assert run_uitkomst.fouten
    collega = f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="collega", first_name="Kees", last_name="Jansen"),
        werkgever=locatie.werkgever,
        is_beheerder=False,
    )
    return SimpleNamespace(
        pakket=pakket,
        bezet=bezet,
        open=open_,
        regel_lang=regel_lang,
        regel_kort=regel_kort,
        annulering=annulering,
        factuur=factuur,
        importrun=Importrun.objects.get(),
        collega=collega,
    )
