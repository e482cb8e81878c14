"""The staff planning board: a week of shifts with the unfilled ones marked, the ranked
candidates with why, one-click offers, batch planning shown before it is sent; staff only."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from coop.models import Aanbod, Dienst
from coop.services.werk import aanbod as aanbod_services
from tests.pages.conftest import WACHTWOORD


@pytest.fixture
def staf(staff):
    client = Client()
    client.force_login(staff)
    return client


def _week(dienst: Dienst) -> str:
    jaar, week, _ = timezone.localtime(dienst.start).isocalendar()
    return f"{jaar}-W{week:02d}"


def test_staff_log_in_at_the_root_and_land_on_the_board(client, staff):
    antwoord = client.post("/inloggen/", {"gebruikersnaam": "medewerker", "wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/planning/"
    assert client.get("/")["Location"] == "/planning/"


def test_the_week_shows_every_shift_and_marks_the_unfilled(publiceer, staf, staff, fatima):
    open_, bezet = publiceer(dagen_vooruit=9)[0], publiceer(dagen_vooruit=9)[0]
    aanbod = aanbod_services.aanbod_create(dienst=bezet, werknemer=fatima, user=staff)
    aanbod_services.aanbod_accept(user=fatima.user, aanbod_id=aanbod.pk)
    tekst = staf.get(f"/planning/?week={_week(open_)}").content.decode()
    assert f'id="dienst-{open_.pk}" class="dienst onbezet"' in tekst
    assert f'id="dienst-{bezet.pk}" class="dienst bezet"' in tekst
    assert "Fatima E." in tekst and "El Amrani" not in tekst
    assert "2 dienst(en) deze week, <strong>1 onbezet</strong>" in tekst
    # another week has none of them
    volgende = timezone.localtime(open_.start) + timedelta(days=7)
    tekst = staf.get(f"/planning/?week={volgende:%G-W%V}").content.decode()
    assert f"dienst-{open_.pk}" not in tekst and "Geen diensten in deze week" in tekst


def test_filters_by_employer_wijk_and_skill(publiceer, staf, andere_werkgever, catalogus):
    dienst = publiceer(dagen_vooruit=9)[0]
    week = _week(dienst)
    assert f"dienst-{dienst.pk}" in staf.get(f"/planning/?week={week}").content.decode()
    anders = staf.get(f"/planning/?week={week}&werkgever={andere_werkgever.pk}").content.decode()
    assert f"dienst-{dienst.pk}" not in anders
    assert (
        f"dienst-{dienst.pk}"
        not in staf.get(f"/planning/?week={week}&wijk=Lombok").content.decode()
    )
    per_vaardigheid = staf.get(f"/planning/?week={week}&per=vaardigheid").content.decode()
    assert re.search(r'<th scope="row">[^<]*[Ss]choonma', per_vaardigheid)


@pytest.mark.parametrize("wie", ["werknemer_user", "werkgever_user"])
def test_the_board_does_not_exist_for_others(publiceer, request, wie):
    dienst = publiceer(dagen_vooruit=9)[0]
    client = Client()
    client.force_login(request.getfixturevalue(wie))
    for pad in (
        "/planning/",
        f"/planning/diensten/{dienst.pk}/",
    ):
        assert client.get(pad).status_code == 404, pad
    for pad in (
        f"/planning/diensten/{dienst.pk}/aanbieden/",
        "/planning/voorstel/",
        "/planning/voorstel/versturen/",
    ):
        assert client.post(pad, {"werknemer": 1}).status_code == 404, pad
    assert not Aanbod.objects.exists()


def test_anonymous_visitor_is_asked_to_log_in(client):
    antwoord = client.get("/planning/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_candidates_with_their_score_explained_and_one_click_offer(publiceer, staf, fatima, daan):
    dienst = publiceer(dagen_vooruit=9)[0]
    daan.beschikbaarheid.all().delete()  # available on no day
    paneel = staf.get(f"/planning/diensten/{dienst.pk}/", HTTP_HX_REQUEST="true")
    tekst = paneel.content.decode()
    assert "<html" not in tekst  # the panel only, for htmx
    assert "Fatima E." in tekst and "Waarom deze score" in tekst
    assert "Afstand" in tekst and "Eerlijke verdeling" in tekst
    assert "Waarom anderen niet" in tekst and "Daan D." in tekst and "beschikbaar" in tekst
    assert "El Amrani" not in tekst  # first name and initial only

    antwoord = staf.post(
        f"/planning/diensten/{dienst.pk}/aanbieden/",
        {"werknemer": fatima.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "Aangeboden aan Fatima E." in antwoord.content.decode()
    assert "Al eens aangeboden" in antwoord.content.decode()
    [aanbod] = Aanbod.objects.all()
    assert (aanbod.dienst, aanbod.werknemer, aanbod.status) == (dienst, fatima, "open")

    nogmaals = staf.post(
        f"/planning/diensten/{dienst.pk}/aanbieden/", {"werknemer": fatima.pk}, follow=True
    )
    assert "al eens aangeboden gekregen" in nogmaals.content.decode()
    assert Aanbod.objects.count() == 1


def test_the_panel_is_a_page_of_its_own_without_javascript(publiceer, staf):
    dienst = publiceer(dagen_vooruit=9)[0]
    tekst = staf.get(f"/planning/diensten/{dienst.pk}/?terug=/planning/").content.decode()
    assert "<html" in tekst and "Terug naar het planbord" in tekst


def test_batch_planning_shows_the_proposal_before_sending_it(publiceer, staf, fatima, daan):
    diensten = publiceer(dagen_vooruit=9) + publiceer(dagen_vooruit=9)
    week = _week(diensten[0])
    voorstel = staf.post("/planning/voorstel/", {"week": week})
    tekst = voorstel.content.decode()
    assert voorstel.status_code == 200 and "Nog niets verstuurd" in tekst
    assert "Fatima E." in tekst and "Daan D." in tekst
    assert not Aanbod.objects.exists()  # only shown

    teken = re.search(r'name="voorstel" value="([^"]+)"', tekst).group(1)
    knoeien = staf.post(
        "/planning/voorstel/versturen/", {"voorstel": teken[:-2] + "xx"}, follow=True
    )
    assert "niet geldig" in knoeien.content.decode() and not Aanbod.objects.exists()

    verstuurd = staf.post(
        "/planning/voorstel/versturen/", {"voorstel": teken, "terug": f"/planning/?week={week}"}
    )
    assert verstuurd.status_code == 302 and verstuurd["Location"] == f"/planning/?week={week}"
    assert sorted(Aanbod.objects.values_list("werknemer__voornaam", flat=True)) == [
        "Daan",
        "Fatima",
    ]
    assert "2 aanbieding(en) verstuurd" in staf.get(verstuurd["Location"]).content.decode()
    # sending the same proposal again offers nothing twice
    staf.post("/planning/voorstel/versturen/", {"voorstel": teken})
    assert Aanbod.objects.count() == 2


def test_batch_planning_plans_only_the_shifts_the_planner_sees(
    publiceer, staf, fatima, andere_werkgever
):
    dienst = publiceer(dagen_vooruit=9)[0]
    tekst = staf.post(
        "/planning/voorstel/", {"week": _week(dienst), "werkgever": andere_werkgever.pk}
    ).content.decode()
    assert "0 open dienst(en)" in tekst and "Verstuur" not in tekst


@pytest.mark.parametrize(
    "vandaag, maandag",
    [("2026-11-18", "2026-11-16"), ("2026-11-21", "2026-11-23"), ("2026-11-22", "2026-11-23")],
)
def test_the_board_opens_on_this_week_or_at_the_weekend_the_next(staf, vandaag, maandag):
    with time_machine.travel(f"{vandaag} 12:00 +01:00", tick=False):
        tekst = staf.get("/planning/").content.decode()
    jaar, week, _ = date.fromisoformat(maandag).isocalendar()
    assert f'name="week" value="{jaar}-W{week:02d}"' in tekst


def test_why_not_a_member_the_preselection_left_out(publiceer, staf, fatima, daan, werkgever_user):
    dienst = publiceer(dagen_vooruit=9)[0]
    daan.certificaten.all().delete()  # the work asks for VCA: not even preselected
    paneel = staf.get(f"/planning/diensten/{dienst.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Daan D." not in paneel
    uitleg = staf.get(f"/planning/diensten/{dienst.pk}/uitleg/?lid=daan", HTTP_HX_REQUEST="true")
    tekst = uitleg.content.decode()
    assert "Daan D." in tekst and "Certificaat" in tekst and "ontbreekt" in tekst
    fatima_uitleg = staf.get(
        f"/planning/diensten/{dienst.pk}/uitleg/?lid=Fatima El"
    ).content.decode()
    assert "Fatima E.</strong>:" in fatima_uitleg and "kan deze dienst doen" in fatima_uitleg
    assert "<html" in fatima_uitleg  # without JavaScript: the shift's page with the answer
    assert (
        "Geen lid gevonden"
        in staf.get(
            f"/planning/diensten/{dienst.pk}/uitleg/?lid=zzz", HTTP_HX_REQUEST="true"
        ).content.decode()
    )
    ander = Client()
    ander.force_login(werkgever_user)
    assert ander.get(f"/planning/diensten/{dienst.pk}/uitleg/?lid=daan").status_code == 404
