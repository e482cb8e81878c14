"""The member's work on the pages: offers, one-tap answers, open shifts, the schedule,
hours, documents and the profile, through the same services as the API."""

import dataclasses
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from contracten import tabellen
from contracten.feiten import DatedTable
from coop.core.models import Postcode
from coop.models import Aanbod, Dienst, Inzet, Loonafspraak, Urenregel
from coop.notificaties.models import Notificatie, Soort
from coop.notificaties.services import meldingsvoorkeur_update
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from werknemers.models import Beschikbaarheid

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(publiceer, fatima, staff):
    dienst = publiceer(dagen_vooruit=2)[0]
    return aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)


def test_offer_page_shows_what_a_member_needs_to_decide(aanbod, fatima, ingelogd):
    tekst = ingelogd(fatima).get("/aanbiedingen/").content.decode()
    assert "Trappenhuizen schoonmaken" in tekst
    assert "Woonstichting Kanaleneiland" in tekst
    assert "per uur (bruto)" in tekst and "€ " in tekst
    assert "km van huis" in tekst
    assert "Wie zegt wat u doet" in tekst
    assert "openstreetmap.org" in tekst
    # Two days ahead: under the 4-day call term, so the member may refuse freely.
    assert aanbod.korte_termijn
    assert "Korter dan 4 dagen van tevoren: u mag weigeren" in tekst


def test_offer_page_and_message_name_the_call_term_of_the_table(
    publiceer, fatima, staff, ingelogd, monkeypatch
):
    rij = tabellen.OPROEP.code_rijen[0]
    anders = dataclasses.replace(rij, waarde=dataclasses.replace(rij.waarde, oproeptermijn_dagen=5))
    monkeypatch.setattr(tabellen, "OPROEP", DatedTable(tabellen.OPROEP.onderwerp, [anders]))
    dienst = publiceer(dagen_vooruit=4)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    assert aanbod.korte_termijn  # 4 days ahead is within a term of 5
    client = ingelogd(fatima)
    assert "Korter dan 5 dagen van tevoren" in client.get("/aanbiedingen/").content.decode()
    melding = Notificatie.objects.get(werknemer=fatima, soort=Soort.AANBOD)
    assert melding.gegevens["oproeptermijn_dagen"] == 5
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    assert "Less than 5 days ahead" in client.get("/aanbiedingen/").content.decode()


def test_accept_without_javascript_uses_the_service_and_lands_in_the_schedule(
    aanbod, fatima, ingelogd
):
    client = ingelogd(fatima)
    antwoord = client.post(f"/aanbiedingen/{aanbod.pk}/aannemen/", follow=True)
    assert antwoord.status_code == 200
    assert "U heeft het werk aangenomen" in antwoord.content.decode()
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.GEACCEPTEERD
    inzet = Inzet.objects.get(werknemer=fatima)
    rooster = client.get("/rooster/").content.decode()
    assert f"inzet-{inzet.pk}" in rooster and "Op de kaart" in rooster
    documenten = client.get("/documenten/").content.decode()
    assert "Oproep" in documenten


def test_accept_with_htmx_returns_the_card_only(aanbod, fatima, ingelogd):
    antwoord = ingelogd(fatima).post(f"/aanbiedingen/{aanbod.pk}/aannemen/", HTTP_HX_REQUEST="true")
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert tekst.lstrip().startswith("<article") and "<html" not in tekst
    assert "U heeft het werk aangenomen" in tekst


def test_a_lost_race_is_explained_in_words(publiceer, fatima, daan, staff, ingelogd):
    dienst = publiceer(dagen_vooruit=6)[0]
    voor_fatima = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    voor_daan = aanbod_services.aanbod_create(dienst=dienst, werknemer=daan, user=staff)
    aanbod_services.aanbod_accept(user=daan.user, aanbod_id=voor_daan.pk)
    antwoord = ingelogd(fatima).post(
        f"/aanbiedingen/{voor_fatima.pk}/aannemen/", HTTP_HX_REQUEST="true"
    )
    assert "iemand anders was u net voor" in antwoord.content.decode()
    assert not Inzet.objects.filter(werknemer=fatima).exists()


def test_decline_with_one_tap(aanbod, fatima, ingelogd):
    antwoord = ingelogd(fatima).post(f"/aanbiedingen/{aanbod.pk}/afwijzen/", follow=True)
    assert "U heeft het aanbod afgewezen" in antwoord.content.decode()
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.AFGEWEZEN


def test_another_members_offer_is_not_found(aanbod, daan, ingelogd):
    client = ingelogd(daan)
    assert client.get(f"/aanbiedingen/{aanbod.pk}/").status_code == 404
    assert client.post(f"/aanbiedingen/{aanbod.pk}/aannemen/").status_code == 404
    assert client.post(f"/aanbiedingen/{aanbod.pk}/afwijzen/").status_code == 404
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.OPEN


def test_pages_need_a_login(client, aanbod):
    antwoord = client.get(f"/aanbiedingen/{aanbod.pk}/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/?next=")


def test_open_shift_is_shown_to_an_eligible_member_and_taken_race_safe(
    publiceer, fatima, daan, ingelogd
):
    dienst = publiceer(dagen_vooruit=9)[0]
    fatima_client, daan_client = ingelogd(fatima), ingelogd(daan)
    assert f"dienst-{dienst.pk}" in fatima_client.get("/open-werk/").content.decode()
    assert f"dienst-{dienst.pk}" in daan_client.get("/open-werk/").content.decode()
    gewonnen = fatima_client.post(f"/open-werk/{dienst.pk}/nemen/", follow=True)
    assert "Deze dienst is van u" in gewonnen.content.decode()
    verloren = daan_client.post(f"/open-werk/{dienst.pk}/nemen/", HTTP_HX_REQUEST="true")
    assert "iemand anders was u net voor: deze dienst is al genomen" in verloren.content.decode()
    assert list(Inzet.objects.filter(dienst=dienst).values_list("werknemer", flat=True)) == [
        fatima.pk
    ]
    dienst.refresh_from_db()
    assert dienst.status == Dienst.Status.BEZET
    assert f"dienst-{dienst.pk}" not in daan_client.get("/open-werk/").content.decode()


def test_open_shift_outside_the_hard_rules_is_not_shown_nor_taken(publiceer, fatima, ingelogd):
    dienst = publiceer(dagen_vooruit=9)[0]
    fatima.max_reisafstand_km = 0
    fatima.save()
    Beschikbaarheid.objects.filter(werknemer=fatima).delete()
    client = ingelogd(fatima)
    assert f"dienst-{dienst.pk}" not in client.get("/open-werk/").content.decode()
    antwoord = client.post(f"/open-werk/{dienst.pk}/nemen/", follow=True)
    assert "U kunt deze dienst niet zelf nemen" in antwoord.content.decode()
    assert not Inzet.objects.exists()


def test_open_shifts_are_checked_together_in_a_fixed_number_of_queries(publiceer, fatima):
    """The list asks the same as one-by-one checks would, but reads each kind of fact once
    (the wage rules once per day): more shifts cost no more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coop.engines import matching
    from coop.selectors.kandidaten import explain_for_dienst
    from coop.selectors.open_werk import open_diensten_voor
    from coop.services.werk import wettig

    publiceer(dagen_vooruit=9)
    publiceer(dagen_vooruit=10)
    with CaptureQueriesContext(connection) as twee:
        assert len(open_diensten_voor(fatima)) == 2
    for dag in (9, 9, 10, 10):  # more shifts on the same days: read once
        publiceer(dagen_vooruit=dag)
    with CaptureQueriesContext(connection) as zes:
        gevonden = open_diensten_voor(fatima)
    assert len(zes.captured_queries) == len(twee.captured_queries), "\n".join(
        q["sql"][:150] for q in zes.captured_queries
    )

    alle = Dienst.objects.filter(status=Dienst.Status.OPEN).order_by("start", "pk")
    los = [
        d.pk
        for d in alle
        if isinstance(explain_for_dienst(d, fatima.pk), matching.Beoordeling)
        and not wettig.bezwaren(
            werknemer=fatima, vensters=[(d.start, d.eind)], job=d.job, open_aanbiedingen=True
        )
    ]
    assert [o.dienst.pk for o in gevonden] == los and len(los) == 6
    assert all(o.uurloon is not None and o.afstand_km >= 0 for o in gevonden)


def test_hours_confirmed_and_corrected_through_the_service(publiceer, fatima, staff, ingelogd):
    dienst = publiceer(dagen_vooruit=1)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    inzet = aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    client = ingelogd(fatima)
    import time_machine

    with time_machine.travel(inzet.eind + timedelta(hours=1), tick=False):
        client = ingelogd(fatima)
        assert f"/uren/{inzet.pk}/" in client.get("/uren/").content.decode()
        begin = timezone.localtime(inzet.start)
        antwoord = client.post(
            f"/uren/{inzet.pk}/",
            {"begin": begin.strftime("%H:%M"), "eind": "14:00", "pauze_minuten": "30"},
            follow=True,
        )
        assert "Uw uren zijn doorgegeven" in antwoord.content.decode()
        regel = Urenregel.objects.get(inzet=inzet)
        assert timezone.localtime(regel.eind).time() == time(14, 0)
        assert regel.pauze_minuten == 30
        fout = client.post(
            f"/uren/{inzet.pk}/", {"begin": "14:00", "eind": "09:00", "pauze_minuten": "0"}
        )
        assert fout.status_code == 400
        assert "Het eind ligt niet na het begin" in fout.content.decode()


def test_another_members_hours_and_documents_are_not_found(
    publiceer, fatima, daan, staff, ingelogd
):
    dienst = publiceer(dagen_vooruit=1)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    inzet = aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    document = fatima.documenten.first()
    client = ingelogd(daan)
    assert client.get(f"/uren/{inzet.pk}/").status_code == 404
    assert client.post(f"/uren/{inzet.pk}/", {"begin": "09:00", "eind": "10:00"}).status_code == 404
    assert client.get(f"/documenten/{document.pk}/").status_code == 404
    assert client.get(f"/documenten/{document.pk}/pdf/").status_code == 404


def test_document_summary_in_the_members_language_and_pdf_download(
    publiceer, fatima, staff, ingelogd
):
    dienst = publiceer(dagen_vooruit=3)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    oproep = fatima.documenten.get(soort="oproep")
    client = ingelogd(fatima)
    pagina = client.get(f"/documenten/{oproep.pk}/").content.decode()
    assert "Dit is een oproep" in pagina and "Die tekst geldt" in pagina
    pdf = client.get(f"/documenten/{oproep.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    engels = client.get(f"/documenten/{oproep.pk}/").content.decode()
    assert "This is a call" in engels and 'lang="en"' in engels


def test_document_pdf_made_at_the_first_download_or_explained_when_it_cannot_be(
    publiceer, fatima, staff, ingelogd
):
    """The PDF is rendered after the commit; a download before the worker got to it renders
    it there, once. When that fails too, the document's page says so in the member's words."""
    from unittest import mock

    from contracten.models import Document

    dienst = publiceer(dagen_vooruit=3)[0]
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=fatima, user=staff)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    oproep = fatima.documenten.get(soort="oproep")
    assert (oproep.weergave, oproep.sha256) == ("wacht", None)
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    client = ingelogd(fatima)
    with mock.patch("contracten.documenten.html_naar_pdf", side_effect=OSError("kapot")):
        mislukt = client.get(f"/documenten/{oproep.pk}/pdf/")
    assert mislukt.status_code == 503
    tekst = mislukt.content.decode()
    assert "The PDF of this document is still being made" in tekst and "This is a call" in tekst
    assert Document.objects.get(pk=oproep.pk).weergave == "mislukt"
    pdf = client.get(f"/documenten/{oproep.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    oproep.refresh_from_db()
    assert oproep.weergave == "klaar" and pdf["X-Document-SHA256"] == oproep.sha256


def test_profile_changes_contact_radius_language_and_availability(fatima, ingelogd):
    client = ingelogd(fatima)
    pagina = client.get("/profiel/").content.decode()
    assert fatima.bsn not in pagina and fatima.iban not in pagina
    assert fatima.bsn_gemaskeerd in pagina and fatima.iban_gemaskeerd in pagina
    gegevens = {
        "telefoon": "0611112222",
        "email": "fatima@example.nl",
        "max_reisafstand_km": "7.5",
        "taal": "ar",
        "per_email": "on",
        "stil_van": "21:00",
        "stil_tot": "08:00",
        "van_0": "09:00",
        "tot_0": "13:00",
    }
    antwoord = client.post("/profiel/", gegevens, follow=True)
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert 'dir="rtl"' in tekst and 'lang="ar"' in tekst
    fatima.refresh_from_db()
    assert (fatima.telefoon, str(fatima.max_reisafstand_km)) == ("0611112222", "7.5")
    voorkeur = fatima.meldingsvoorkeur
    assert (voorkeur.taal, voorkeur.email, voorkeur.sms) == ("ar", True, False)
    assert (voorkeur.stil_van, voorkeur.stil_tot) == (time(21), time(8))
    assert list(fatima.beschikbaarheid.values_list("weekdag", "begin", "eind")) == [
        (0, time(9), time(13))
    ]


def test_profile_refuses_half_a_day_in_words(fatima, ingelogd):
    antwoord = ingelogd(fatima).post(
        "/profiel/",
        {"max_reisafstand_km": "5", "taal": "nl", "van_2": "09:00"},
    )
    assert antwoord.status_code == 400
    assert "Vul van én tot in" in antwoord.content.decode()
    assert fatima.beschikbaarheid.count() == 7  # nothing half-written


def test_gdpr_download_is_the_members_own_data(fatima, daan, ingelogd):
    """The download is everything stored about the logged-in member, and nobody else's."""
    antwoord = ingelogd(fatima).get("/profiel/mijn-gegevens.json")
    assert antwoord.status_code == 200
    assert "attachment" in antwoord["Content-Disposition"]
    data = antwoord.json()
    persoon = data["persoonsgegevens"]
    assert (persoon["id"], persoon["voornaam"], persoon["email"]) == (
        fatima.pk,
        "Fatima",
        "fatima@example.nl",
    )
    assert "Daan" not in antwoord.content.decode() and "daan@example.nl" not in str(data)


def test_profile_changes_the_hours_a_week_wanted_as_the_api_does(fatima, ingelogd):
    """PATCH /api/v1/werknemers/mij takes the hours a week wanted; the profile page too."""
    client = ingelogd(fatima)
    basis = {"max_reisafstand_km": "5", "taal": "nl"}
    antwoord = client.post(
        "/profiel/", basis | {"uren_per_week_min": "8", "uren_per_week_max": "20"}, follow=True
    )
    assert (
        antwoord.status_code == 200 and "Uw gegevens zijn opgeslagen" in antwoord.content.decode()
    )
    fatima.refresh_from_db()
    assert (fatima.uren_per_week_min, fatima.uren_per_week_max) == (8, 20)
    assert 'name="uren_per_week_min" value="8"' in client.get("/profiel/").content.decode()

    # more than the maximum: refused in words (the member's language), nothing changed
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    te_veel = client.post(
        "/profiel/", basis | {"taal": "en", "uren_per_week_min": "30", "uren_per_week_max": "10"}
    )
    assert te_veel.status_code == 400
    assert "The minimum number of hours is higher than the maximum." in te_veel.content.decode()
    assert "At least how many hours a week do you want to work?" in te_veel.content.decode()
    fatima.refresh_from_db()
    assert (fatima.uren_per_week_min, fatima.uren_per_week_max) == (8, 20)

    # left empty: the hours stay as they are
    client.post("/profiel/", basis | {"telefoon": "0611112222"})
    fatima.refresh_from_db()
    assert (fatima.telefoon, fatima.uren_per_week_max) == ("0611112222", 20)


def test_profile_shows_the_members_certificates_where_the_expiry_message_leads(
    fatima, daan, ingelogd
):
    """The message 'certificaat verloopt' opens the profile: it lists the member's own
    certificates with their end date, an ended one marked, in the member's language."""
    eind = timezone.localdate() + timedelta(days=20)
    bhv = f.CertificaatSoortFactory(code="bhv", naam="BHV")
    f.CertificaatFactory(werknemer=fatima, soort=bhv, geldig_tot=eind)
    hygiene = f.CertificaatSoortFactory(code="hyg", naam="Hygiënecode")
    f.CertificaatFactory(
        werknemer=fatima, soort=hygiene, geldig_tot=timezone.localdate() - timedelta(days=1)
    )
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    tekst = ingelogd(fatima).get("/profiel/").content.decode()
    assert f"BHV: valid until and including {eind.day} {eind:%B} {eind.year}" in tekst
    assert "Hygiënecode: valid until and including" in tekst and "(expired)" in tekst
    assert "Have you got a new certificate? Let the cooperative know." in tekst
    anders = ingelogd(daan).get("/profiel/").content.decode()
    assert "BHV" not in anders and "Hygiënecode" not in anders and "VCA" in anders


def test_profile_shows_the_members_skills_and_own_wage_agreements(fatima, daan, ingelogd):
    """GET /api/v1/werknemers/{id}/vaardigheden and GET /api/v1/loonafspraken/ give a member
    their own skills and wage agreements; the profile page shows the same."""
    Loonafspraak.objects.create(
        werknemer=fatima, geldig_van=timezone.localdate().replace(day=1), uurloon="19.50"
    )
    meldingsvoorkeur_update(werknemer=fatima, taal="en")
    tekst = ingelogd(fatima).get("/profiel/").content.decode()
    skills = tekst[tekst.index('id="vaardigheden"') : tekst.index('id="loon"')]
    assert "Skills" in skills and "<li>Schoonmaak</li>" in skills
    assert "€ 19.50 an hour (gross)" in tekst
    anders = ingelogd(daan).get("/profiel/").content.decode()
    assert "19.50" not in anders and "19,50" not in anders
    assert "U heeft geen eigen loonafspraak" in anders


def test_profile_changes_address_and_languages_as_the_api_does(fatima, ingelogd):
    """PATCH /api/v1/werknemers/mij takes the address and the spoken languages; the profile
    page too, through the same service: a new postcode is looked up (position, wijk)."""
    Postcode.objects.create(
        postcode="3527 TM",
        latitude=Decimal("52.075800"),
        longitude=Decimal("5.099500"),
        plaats="Utrecht",
        wijk="Zuidwest",
        buurt="Kanaleneiland-Zuid",
    )
    client = ingelogd(fatima)
    pagina = client.get("/profiel/").content.decode()
    assert 'name="straat"' in pagina and 'name="talen"' in pagina
    basis = {"max_reisafstand_km": "5", "taal": "nl"}
    adres = {"straat": "Marshallaan", "huisnummer": "12", "toevoeging": "B", "plaats": "Utrecht"}
    antwoord = client.post(
        "/profiel/", basis | adres | {"postcode": "3527tm", "talen": "nl, AR tr"}, follow=True
    )
    assert "Uw gegevens zijn opgeslagen" in antwoord.content.decode()
    fatima.refresh_from_db()
    assert (fatima.straat, fatima.huisnummer, fatima.toevoeging) == ("Marshallaan", "12", "B")
    assert (fatima.postcode, fatima.wijk, fatima.buurt) == (
        "3527 TM",
        "Zuidwest",
        "Kanaleneiland-Zuid",
    )
    assert (fatima.latitude, fatima.longitude) == (Decimal("52.075800"), Decimal("5.099500"))
    assert fatima.talen == "nl,ar,tr"

    # an unknown postcode or a wrong language code: refused in words, nothing changed
    onbekend = client.post("/profiel/", basis | adres | {"postcode": "9999 ZZ", "talen": "nl"})
    assert onbekend.status_code == 400 and "Postcode onbekend" in onbekend.content.decode()
    foute_taal = client.post(
        "/profiel/", basis | adres | {"postcode": "3527 TM", "talen": "nederlands"}
    )
    assert foute_taal.status_code == 400
    assert "Gebruik taalcodes van twee of drie letters" in foute_taal.content.decode()
    fatima.refresh_from_db()
    assert (fatima.postcode, fatima.talen) == ("3527 TM", "nl,ar,tr")
