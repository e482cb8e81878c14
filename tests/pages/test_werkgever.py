"""The employer pages through Django's test client: logging in, posting work with the guided
form and its split preview, the packages with their staffing, hours one by one and per
week, invoices, the report, colleagues and Excel imports — through the same services as the
API, each refusal a sentence on the page."""

import io
import re
from datetime import date, time
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from coop.models import Dienst, Fragment, Importrun, Urenregel, Werkpakket
from tests import factories as f
from tests.coop.test_facturen_fixtures import vaste_baan
from tests.pages.conftest import WACHTWOORD
from tests.pages.werkgever_hulp import *  # noqa: F403
from tests.pages.werkgever_hulp import WEEK, importrij, ingelogd_als, werkmap
from werkgevers.models import WerkgeverGebruiker

pytestmark = pytest.mark.django_db


def tekst(antwoord) -> str:
    """The page's text without tags and with single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", antwoord.content.decode()))


def formulier(locatie, **anders) -> dict:
    """The recurring-work form as a planner fills it in: Mondays 8-12, Thursdays 13-15:30."""
    return {
        "soort": "terugkerend",
        "titel": "Portieken vegen",
        "omschrijving": "Vegen en dweilen.",
        "categorie": "schoonmaak",
        "locatie_id": locatie.pk,
        "tarief_per_uur": "34.50",
        "regie": "makelaar",
        "feestdagen": "vrij",
        "feestdagtoeslag_procent": "0",
        "startdatum": "2026-12-07",
        "einddatum": "",
        "van_0": "08:00",
        "tot_0": "12:00",
        "van_3": "13:00",
        "tot_3": "15:30",
        "vaardigheid_schoonmaak": "2",
        "certificaten": ["vca"],
    } | anders


# --- logging in ------------------------------------------------------------------------------


def test_an_employer_user_logs_in_at_the_root_and_lands_on_the_employer_pages(werkgever_user):
    client = Client()
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "planner", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/werkgever/"
    assert client.get("/")["Location"] == "/werkgever/"
    pagina = client.get("/werkgever/")
    assert pagina.status_code == 200
    assert "Woonstichting Kanaleneiland" in tekst(pagina)


def test_visitors_go_to_the_login_and_members_are_refused(fatima):
    assert Client().get("/werkgever/uren/")["Location"].startswith("/inloggen/?next=")
    lid = ingelogd_als(fatima.user)
    antwoord = lid.get("/werkgever/")
    assert antwoord.status_code == 403
    assert "Alleen voor werkgevers" in tekst(antwoord)


def test_a_removed_colleague_cannot_log_in(werkgever_user, werkgever):
    oud = f.WerkgeverGebruikerFactory(
        user=f.UserFactory(username="oud", is_active=False), werkgever=werkgever
    )
    antwoord = Client().post(
        "/inloggen/", {"gebruikersnaam": oud.user.username, "wachtwoord": WACHTWOORD}
    )
    assert antwoord.status_code == 400
    assert "Deze gegevens kloppen niet" in tekst(antwoord)


# --- posting work ----------------------------------------------------------------------------


def test_step_one_explains_both_kinds(planner):
    pagina = tekst(planner.get("/werkgever/werk/nieuw/"))
    assert "Eenmalig werk" in pagina and "Terugkerend werk" in pagina
    assert "13 weken of langer" in pagina


def test_recurring_form_makes_a_draft_and_shows_the_split_before_publishing(
    planner, locatie, catalogus
):
    antwoord = planner.post("/werkgever/werk/nieuw/?soort=terugkerend", formulier(locatie))
    assert antwoord.status_code == 302, tekst(antwoord)[:2000]
    pakket = Werkpakket.objects.get(titel="Portieken vegen")
    assert pakket.status == "concept" and pakket.soort == "terugkerend"
    assert pakket.einddatum is None
    assert [(t.weekdag, t.begin, t.eind) for t in pakket.tijdvakken.all()] == [
        (0, time(8), time(12)),
        (3, time(13), time(15, 30)),
    ]
    assert {(v.vaardigheid.code, v.min_niveau) for v in pakket.vaardigheden.all()} == {
        ("schoonmaak", 2)
    }
    assert [c.code for c in pakket.vereiste_certificaten.all()] == ["vca"]

    voorbeeld = tekst(planner.get(antwoord["Location"]))
    assert "Vast werk: 6,5 uur per week" in voorbeeld
    assert "wekelijks terugkerend, zonder einddatum: structureel" in voorbeeld
    assert "Maandag 08:00 12:00 4" in voorbeeld and "Donderdag 13:00 15:30 2,5" in voorbeeld
    assert not Fragment.objects.exists()  # a preview stores nothing

    gepubliceerd = planner.post(f"/werkgever/werk/{pakket.pk}/publiceren/", follow=True)
    assert "Gepubliceerd" in tekst(gepubliceerd)
    pakket.refresh_from_db()
    assert pakket.status == "gesplitst"
    assert Fragment.objects.filter(werkpakket=pakket).count() == 2
    assert "Wacht op bundeling" in tekst(gepubliceerd)


def test_short_recurring_work_previews_as_shifts_with_the_call_rules(planner, locatie, catalogus):
    antwoord = planner.post(
        "/werkgever/werk/nieuw/?soort=terugkerend",
        formulier(locatie, einddatum="2026-12-20"),
    )
    voorbeeld = tekst(planner.get(antwoord["Location"]))
    assert "Losse diensten: 4 diensten, 13 uur" in voorbeeld
    assert "korter dan 13 weken): incidenteel" in voorbeeld
    assert "wie korter dan 3 uur werkt, krijgt 3 uur betaald" in voorbeeld
    assert "minder dan 4 dagen van tevoren" in voorbeeld
    assert "maandag 7 december 2026 08:00 12:00 4 1" in voorbeeld


def test_one_off_form_with_people_at_once(planner, locatie, catalogus):
    antwoord = planner.post(
        "/werkgever/werk/nieuw/?soort=eenmalig",
        formulier(
            locatie,
            soort="eenmalig",
            vroegste_start="2026-12-07",
            uiterlijk_eind="2026-12-11",
            totaal_uren="16",
            max_personen="2",
            max_uren_per_dag="",
            dag_begin="08:00",
            dagen=["0", "1", "2", "3", "4"],
        ),
    )
    assert antwoord.status_code == 302, tekst(antwoord)[:2000]
    voorbeeld = tekst(planner.get(antwoord["Location"]))
    assert "Losse diensten: 2 diensten, 16 uur" in voorbeeld
    assert "maandag 7 december 2026 08:00 16:00 8 1" in voorbeeld
    assert "maandag 7 december 2026 08:00 16:00 8 2" in voorbeeld


def test_work_that_cannot_be_split_is_refused_on_the_form_and_not_kept(planner, locatie, catalogus):
    antwoord = planner.post(
        "/werkgever/werk/nieuw/?soort=eenmalig",
        formulier(
            locatie,
            soort="eenmalig",
            vroegste_start="2026-12-07",
            uiterlijk_eind="2026-12-07",
            totaal_uren="40",
            max_personen="1",
            dag_begin="08:00",
            dagen=["0"],
        ),
    )
    assert antwoord.status_code == 400
    assert "40 uur past niet tussen 07-12-2026 en 07-12-2026" in tekst(antwoord)
    assert not Werkpakket.objects.exists()


def test_form_says_what_is_missing(planner, locatie, catalogus):
    antwoord = planner.post(
        "/werkgever/werk/nieuw/?soort=terugkerend",
        formulier(locatie, van_0="", tot_0="", van_3="", tot_3="", tarief_per_uur=""),
    )
    assert antwoord.status_code == 400
    pagina = tekst(antwoord)
    assert "Vul minstens één dag in" in pagina
    assert not Werkpakket.objects.exists()


def test_a_location_of_another_organisation_is_not_offered_nor_accepted(
    planner, locatie, andere_werkgever, catalogus
):
    elders = f.LocatieFactory(werkgever=andere_werkgever, naam="Oog in Al-flat")
    assert (
        "Oog in Al-flat"
        not in planner.get("/werkgever/werk/nieuw/?soort=eenmalig").content.decode()
    )
    antwoord = planner.post(
        "/werkgever/werk/nieuw/?soort=terugkerend", formulier(locatie, locatie_id=elders.pk)
    )
    assert antwoord.status_code == 400
    assert not Werkpakket.objects.exists()


def test_adjusting_a_draft_changes_it_in_place(planner, locatie, catalogus):
    planner.post("/werkgever/werk/nieuw/?soort=terugkerend", formulier(locatie))
    pakket = Werkpakket.objects.get()
    vooraf = planner.get(f"/werkgever/werk/{pakket.pk}/wijzigen/").content.decode()
    assert 'value="Portieken vegen"' in vooraf and 'value="13:00"' in vooraf
    antwoord = planner.post(
        f"/werkgever/werk/{pakket.pk}/wijzigen/",
        formulier(locatie, titel="Portieken en liften", einddatum="2026-12-20"),
    )
    assert antwoord["Location"] == f"/werkgever/werk/{pakket.pk}/"
    pakket.refresh_from_db()
    assert (pakket.titel, pakket.status, Werkpakket.objects.count()) == (
        "Portieken en liften",
        "concept",
        1,
    )
    assert "Losse diensten: 4 diensten" in tekst(planner.get(antwoord["Location"]))


def test_a_published_package_nobody_took_is_changed_and_split_again(planner, locatie, catalogus):
    planner.post(
        "/werkgever/werk/nieuw/?soort=terugkerend", formulier(locatie, einddatum="2026-12-20")
    )
    pakket = Werkpakket.objects.get()
    planner.post(f"/werkgever/werk/{pakket.pk}/publiceren/")
    pagina = planner.get(f"/werkgever/werk/{pakket.pk}/").content.decode()
    assert f'href="/werkgever/werk/{pakket.pk}/wijzigen/"' in pagina
    antwoord = planner.post(
        f"/werkgever/werk/{pakket.pk}/wijzigen/",
        formulier(locatie, einddatum="2026-12-20", van_3="", tot_3=""),
        follow=True,
    )
    assert "Gewijzigd en opnieuw ingedeeld" in tekst(antwoord)
    open_ = Dienst.objects.filter(job__werkpakket=pakket).exclude(status="geannuleerd")
    assert sorted(d.start.weekday() for d in open_) == [0, 0]  # the Mondays 7 and 14 December


def test_a_package_a_member_took_on_is_not_changed(planner, org):
    pagina = tekst(planner.get(f"/werkgever/werk/{org.pakket.pk}/"))
    assert "Wijzigen kan niet meer" in pagina
    antwoord = planner.post(
        f"/werkgever/werk/{org.pakket.pk}/wijzigen/",
        {
            "soort": "eenmalig",
            "titel": "Anders",
            "categorie": "schoonmaak",
            "locatie_id": org.pakket.locatie_id,
            "tarief_per_uur": "32.50",
            "regie": "makelaar",
            "feestdagen": "vrij",
            "vroegste_start": "2026-11-30",
            "uiterlijk_eind": "2026-11-30",
            "totaal_uren": "8",
            "max_personen": "2",
            "dag_begin": "08:00",
            "dagen": ["0"],
        },
    )
    assert antwoord.status_code == 400
    assert "al bemand" in tekst(antwoord)
    org.pakket.refresh_from_db()
    assert org.pakket.titel == "Trappenhuizen schoonmaken"


# --- the packages and their staffing ---------------------------------------------------------


def test_package_list_and_page_show_status_and_who_fills_which_shift(planner, org):
    lijst = tekst(planner.get("/werkgever/werk/"))
    assert "Trappenhuizen schoonmaken" in lijst and "1 bezet, 1 open" in lijst
    pagina = planner.get(f"/werkgever/werk/{org.pakket.pk}/")
    html = pagina.content.decode()
    assert "Fatima E." in html and "El Amrani" not in html
    assert f'id="dienst-{org.open.pk}"' in html and "nog niemand" in html
    bsn = org.bezet.inzetten.get().werknemer.bsn
    assert bsn not in html


def test_own_share_of_a_bundled_permanent_job_without_the_other_organisation(
    planner, werkgever, locatie, andere_werkgever, fatima
):
    eigen = Werkpakket.objects.create(
        werkgever=werkgever,
        locatie=locatie,
        titel="Huismeester",
        categorie="huismeester",
        soort="terugkerend",
        startdatum=date(2026, 11, 2),
        tarief_per_uur=Decimal("30"),
        status="gevuld",
    )
    elders = f.LocatieFactory(werkgever=andere_werkgever, naam="Oog in Al-flat")
    hun = Werkpakket.objects.create(
        werkgever=andere_werkgever,
        locatie=elders,
        titel="Geheim werk van Bo-Ex",
        categorie="schoonmaak",
        soort="terugkerend",
        startdatum=date(2026, 11, 2),
        tarief_per_uur=Decimal("30"),
        status="gevuld",
    )
    vaste_baan(fatima, [(eigen, 0, 8, 12), (hun, 2, 8, 16)])
    html = planner.get(f"/werkgever/werk/{eigen.pk}/").content.decode()
    pagina = tekst(planner.get(f"/werkgever/werk/{eigen.pk}/"))
    assert "Vaste baan: uw deel is 4 uur per week" in pagina
    assert "Uw deel van een gebundelde vaste baan" in pagina
    assert "Geheim werk" not in html and "Bo-Ex" not in html and "Oog in Al" not in html


def test_cancelling_a_package(planner, org):
    antwoord = planner.post(f"/werkgever/werk/{org.pakket.pk}/annuleren/", follow=True)
    assert "Het werk is geannuleerd" in tekst(antwoord)
    org.pakket.refresh_from_db()
    assert org.pakket.status == "geannuleerd"
    assert not Dienst.objects.filter(job__werkpakket=org.pakket, status="open").exists()


# --- hours -----------------------------------------------------------------------------------


def test_the_week_shows_each_line_with_the_rules_applied(planner, org):
    pagina = tekst(planner.get("/werkgever/uren/"))
    assert "Week 46: 9 november tot en met 15 november 2026" in pagina
    assert "Minimum per oproep" in pagina and "Late annulering" in pagina
    # Daan worked 1.5 hours of a call: paid 3, the top-up named on his line.
    assert "1,50 uur aangevuld met 1,50 uur tot 3,00 uur" in pagina
    assert "Late annulering (binnen 4 dagen, art. 7:628a lid 4 BW): 3,00 uur doorbetaald" in pagina
    assert "Daan D." in pagina and "Fatima E." in pagina
    assert "El Amrani" not in pagina and "de Vries" not in pagina
    assert "2 urenregels van deze week wachten op uw oordeel" in pagina


def test_approve_one_line_with_htmx_returns_that_line(planner, org):
    antwoord = planner.post(
        f"/werkgever/uren/{org.regel_lang.pk}/goedkeuren/", HTTP_HX_REQUEST="true"
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert html.lstrip().startswith(f'<tbody id="regel-{org.regel_lang.pk}">')
    assert "Goedgekeurd." in html
    org.regel_lang.refresh_from_db()
    assert org.regel_lang.status == Urenregel.Status.GOEDGEKEURD


def test_dispute_needs_a_reason_and_then_goes_to_the_coop(planner, org):
    zonder = planner.post(f"/werkgever/uren/{org.regel_kort.pk}/betwisten/", follow=True)
    assert "Geef een reden op." in tekst(zonder)
    antwoord = planner.post(
        f"/werkgever/uren/{org.regel_kort.pk}/betwisten/",
        {"reden": "Daan was om 10:00 al weg."},
        follow=True,
    )
    assert "Betwist. De coöperatie zoekt het uit" in tekst(antwoord)
    org.regel_kort.refresh_from_db()
    assert org.regel_kort.status == "betwist"
    assert org.regel_kort.betwist_reden == "Daan was om 10:00 al weg."


def test_approve_a_week_at_once(planner, org):
    pagina = planner.get(f"/werkgever/uren/?week={WEEK.isoformat()}").content.decode()
    ids = re.findall(r'name="regel" value="(\d+)"', pagina)
    assert sorted(map(int, ids)) == sorted([org.regel_lang.pk, org.regel_kort.pk])
    antwoord = planner.post(
        "/werkgever/uren/week/goedkeuren/", {"week": WEEK.isoformat(), "regel": ids}, follow=True
    )
    assert "2 urenregels goedgekeurd." in tekst(antwoord)
    assert set(Urenregel.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "goedgekeurd"
    }
    org.annulering.refresh_from_db()
    assert org.annulering.status == "vastgesteld"  # the law settles it, not the employer


def test_a_week_approval_reports_a_line_that_changed_meanwhile(planner, org, werkgever_user):
    from coop.services.uren.urenregels import urenregel_approve

    urenregel_approve(user=werkgever_user, regel_id=org.regel_kort.pk)  # a colleague was first
    antwoord = planner.post(
        "/werkgever/uren/week/goedkeuren/",
        {"week": WEEK.isoformat(), "regel": [org.regel_lang.pk, org.regel_kort.pk]},
        follow=True,
    )
    assert "1 urenregel goedgekeurd. Niet goedgekeurd: Deze uren zijn goedgekeurd" in tekst(
        antwoord
    )


# --- invoices and the report -----------------------------------------------------------------


def test_invoices_list_page_and_downloads(planner, org):
    nummer = org.factuur.nummer
    assert nummer in tekst(planner.get("/werkgever/facturen/"))
    pagina = tekst(planner.get(f"/werkgever/facturen/{org.factuur.pk}/"))
    assert "Totaal met btw" in pagina and "gewerkte uren" in pagina
    pdf = planner.get(f"/werkgever/facturen/{org.factuur.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert f'filename="{nummer}.pdf"' in pdf["Content-Disposition"]
    xlsx = planner.get(f"/werkgever/facturen/{org.factuur.pk}/xlsx/")
    assert xlsx.content.startswith(b"PK")
    assert planner.get(f"/werkgever/facturen/{org.factuur.pk}/csv/").status_code == 404


def test_the_report_of_a_month_and_its_workbook(planner, org):
    pagina = planner.get("/werkgever/rapport/?van=2026-10-01&tot=2026-10-31")
    assert pagina.status_code == 200
    assert "Gewerkte uren" in tekst(pagina) and "Per wijk waar het werk was" in tekst(pagina)
    xlsx = planner.get("/werkgever/rapport/buurteconomie.xlsx?van=2026-10-01&tot=2026-10-31")
    assert xlsx.content.startswith(b"PK")
    fout = planner.get("/werkgever/rapport/?van=2026-10-31&tot=2026-10-01")
    assert fout.status_code == 400


def test_the_report_holds_only_the_own_organisations_work(andere, org):
    pagina = tekst(andere.get("/werkgever/rapport/?van=2026-10-01&tot=2026-10-31"))
    assert "geen goedgekeurde uren" in pagina


# --- colleagues ------------------------------------------------------------------------------


def test_a_beheerder_invites_a_colleague_who_sets_a_password_and_logs_in(
    planner, werkgever, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = planner.post(
            "/werkgever/organisatie/uitnodigen/",
            {
                "voornaam": "Ans",
                "achternaam": "de Boer",
                "email": "ans@example.nl",
                "gebruikersnaam": "ans",
            },
            follow=True,
        )
    assert "Ans de Boer is uitgenodigd" in tekst(antwoord)
    nieuw = WerkgeverGebruiker.objects.get(user__username="ans")
    assert nieuw.werkgever == werkgever and not nieuw.is_beheerder
    (bericht,) = mail.outbox
    assert bericht.to == ["ans@example.nl"] and "Woonstichting Kanaleneiland" in bericht.body
    link = re.search(r"https?://[^\s]+/werkgever/wachtwoord/[^\s]+/", bericht.body).group(0)
    pad = link.split("://", 1)[1].split("/", 1)[1]
    gast = Client()
    formulier_pagina = gast.get("/" + pad, follow=True)
    assert "Wachtwoord kiezen" in tekst(formulier_pagina)
    gezet = gast.post(
        formulier_pagina.redirect_chain[-1][0],
        {"new_password1": "Zonnebloem-2026!", "new_password2": "Zonnebloem-2026!"},
        follow=True,
    )
    assert "Uw wachtwoord is ingesteld" in tekst(gezet)
    inloggen = Client().post(
        "/inloggen/", {"gebruikersnaam": "ans", "wachtwoord": "Zonnebloem-2026!"}
    )
    assert inloggen["Location"] == "/werkgever/"
    # The link works once.
    assert "Deze link werkt niet meer" in tekst(Client().get("/" + pad, follow=True))


def test_an_invitation_with_a_taken_name_is_refused_on_the_form(planner, werkgever_user):
    antwoord = planner.post(
        "/werkgever/organisatie/uitnodigen/",
        {"voornaam": "P", "achternaam": "Q", "email": "p@example.nl", "gebruikersnaam": "planner"},
    )
    assert antwoord.status_code == 400
    assert "al in gebruik" in tekst(antwoord)
    assert not mail.outbox


def test_a_beheerder_removes_and_lets_back_a_colleague(planner, org):
    antwoord = planner.post(
        f"/werkgever/organisatie/gebruikers/{org.collega.pk}/verwijderen/", follow=True
    )
    assert "collega kan niet meer inloggen" in tekst(antwoord)
    org.collega.user.refresh_from_db()
    assert not org.collega.user.is_active
    planner.post(f"/werkgever/organisatie/gebruikers/{org.collega.pk}/terugzetten/")
    org.collega.user.refresh_from_db()
    assert org.collega.user.is_active


def test_the_last_beheerder_is_not_removed(planner, werkgever_user):
    eigen = werkgever_user.werkgever_gebruiker
    antwoord = planner.post(
        f"/werkgever/organisatie/gebruikers/{eigen.pk}/verwijderen/", follow=True
    )
    assert "de laatste actieve beheerder" in tekst(antwoord)


def test_a_user_who_is_no_beheerder_sees_no_colleagues_and_may_not_invite(org):
    collega = ingelogd_als(org.collega.user)
    pagina = tekst(collega.get("/werkgever/organisatie/"))
    assert "Alleen een beheerder" in pagina and "planner@example.nl" not in pagina
    assert collega.get("/werkgever/organisatie/uitnodigen/").status_code == 403
    verwijderen = collega.post(f"/werkgever/organisatie/gebruikers/{org.collega.pk}/verwijderen/")
    assert verwijderen.status_code == 403


# --- Excel imports ---------------------------------------------------------------------------


def _bestand(inhoud: bytes, naam: str = "planning.xlsx"):
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return bestand


def test_a_dry_run_saves_nothing_and_shows_what_would_be_made(planner, locatie, catalogus):
    antwoord = planner.post(
        "/werkgever/importeren/",
        {"bestand": _bestand(werkmap([importrij(locatie)])), "proef": "on"},
    )
    pagina = tekst(antwoord)
    assert "Proef: 1 rijen gelezen; 1 zouden worden aangemaakt" in pagina
    assert "Galerijen vegen" in pagina
    assert not Werkpakket.objects.exists()


def test_import_makes_drafts_and_a_bad_row_stops_all_with_row_and_column(
    planner, locatie, catalogus
):
    slecht = planner.post(
        "/werkgever/importeren/",
        {"bestand": _bestand(werkmap([importrij(locatie), importrij(locatie, totaal_uren=-4)]))},
    )
    assert slecht.status_code == 400
    pagina = tekst(slecht)
    assert "Niets geïmporteerd: 1 fout in het bestand" in pagina
    assert re.search(r"Rijen met een fout Rij Kolom Cel Wat is er mis 3 Totaal uren", pagina)
    assert not Werkpakket.objects.exists()
    goed = planner.post(
        "/werkgever/importeren/", {"bestand": _bestand(werkmap([importrij(locatie)]))}
    )
    assert "1 werkpakketten aangemaakt als concept" in tekst(goed)
    assert Werkpakket.objects.get().status == "concept"
    assert Importrun.objects.filter(uitkomst="geweigerd").count() == 1


def test_a_file_that_is_no_workbook_is_refused_whole(planner):
    antwoord = planner.post(
        "/werkgever/importeren/", {"bestand": _bestand(b"geen excel", "planning.xlsx")}
    )
    assert antwoord.status_code == 400
    assert "Dit is geen leesbaar Excel-bestand" in tekst(antwoord)


def test_earlier_runs_with_their_row_errors_and_the_template(planner, org):
    lijst = tekst(planner.get("/werkgever/importeren/"))
    assert "Eerdere imports" in lijst and "planning.xlsx" in lijst
    run = tekst(planner.get(f"/werkgever/importeren/{org.importrun.pk}/"))
    assert "Rijen met een fout" in run and "Titel" in run
    sjabloon = planner.get("/werkgever/importeren/sjabloon.xlsx")
    assert sjabloon.content.startswith(b"PK")


# --- another organisation's objects: a 404 on every URL ----------------------------------------

GET_URLS = [
    "/werkgever/werk/{pakket}/",
    "/werkgever/werk/nieuw/?soort=eenmalig&kopie={pakket}",
    "/werkgever/werk/{pakket}/wijzigen/",
    "/werkgever/facturen/{factuur}/",
    "/werkgever/facturen/{factuur}/pdf/",
    "/werkgever/facturen/{factuur}/xlsx/",
    "/werkgever/importeren/{importrun}/",
]
POST_URLS = [
    "/werkgever/werk/{pakket}/wijzigen/",
    "/werkgever/werk/{pakket}/publiceren/",
    "/werkgever/werk/{pakket}/annuleren/",
    "/werkgever/uren/{regel}/goedkeuren/",
    "/werkgever/uren/{regel}/betwisten/",
    "/werkgever/organisatie/gebruikers/{collega}/verwijderen/",
    "/werkgever/organisatie/gebruikers/{collega}/terugzetten/",
]


def _ids(org) -> dict:
    return {
        "pakket": org.pakket.pk,
        "factuur": org.factuur.pk,
        "importrun": org.importrun.pk,
        "regel": org.regel_lang.pk,
        "collega": org.collega.pk,
    }


@pytest.mark.parametrize("url", GET_URLS)
def test_another_organisations_object_is_not_found(andere, org, url):
    assert andere.get(url.format(**_ids(org))).status_code == 404


@pytest.mark.parametrize("url", POST_URLS)
def test_another_organisations_object_cannot_be_changed(andere, org, url):
    antwoord = andere.post(url.format(**_ids(org)), {"reden": "niet van mij"})
    assert antwoord.status_code == 404
    org.pakket.refresh_from_db()
    org.regel_lang.refresh_from_db()
    org.collega.user.refresh_from_db()
    assert org.pakket.status == "gesplitst"
    assert org.regel_lang.status == "ingediend"
    assert org.collega.user.is_active


def test_another_organisations_lines_in_a_week_approval_approve_nothing(andere, org):
    antwoord = andere.post(
        "/werkgever/uren/week/goedkeuren/",
        {"week": WEEK.isoformat(), "regel": [org.regel_lang.pk, org.regel_kort.pk]},
    )
    assert antwoord.status_code == 404
    assert set(
        Urenregel.objects.filter(pk__in=[org.regel_lang.pk, org.regel_kort.pk]).values_list(
            "status", flat=True
        )
    ) == {"ingediend"}


def test_lists_of_another_organisation_show_none_of_the_first(andere, org):
    for url in ("/werkgever/werk/", "/werkgever/uren/", "/werkgever/facturen/"):
        html = andere.get(url).content.decode()
        assert "Trappenhuizen" not in html and "Fatima" not in html and "Daan" not in html
        assert org.factuur.nummer not in html
    assert "planning.xlsx" not in andere.get("/werkgever/importeren/").content.decode()
    organisatie = andere.get("/werkgever/organisatie/").content.decode()
    assert "Kees" not in organisatie and "collega@example.nl" not in organisatie
