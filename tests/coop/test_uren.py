"""Hours through the API: the member claims, the employer approves or disputes, staff settle;
the break, minimum-call and late-cancellation rules show on the line."""

from datetime import date
from decimal import Decimal

import pytest

from coop.models import Urenregel
from tests.coop.test_uren_fixtures import *  # noqa: F403
from tests.coop.test_uren_fixtures import geannuleerd, inzet, tijden

MAANDAG = date(2026, 10, 5)


def test_member_claims_and_employer_approves(
    api_as, werknemer_user, werkgever_user, andere_werkgever_user, locatie
):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 13)
    ingediend = api_as(werknemer_user).post("uren/", tijden(mijn, "09:00", "13:15"))
    assert ingediend.status_code == 201, ingediend.body
    regel = ingediend.body
    assert regel["status"] == "ingediend"
    assert Decimal(regel["gewerkte_uren"]) == Decimal("4.25")
    assert Decimal(regel["betaalde_uren"]) == Decimal("4.25")
    assert regel["toelichting_regels"] == []
    assert regel["werkgever"] == "Woonstichting Kanaleneiland"

    # Another organisation neither sees nor judges the line.
    ander = api_as(andere_werkgever_user)
    assert ander.get("uren/").body == []
    assert ander.post(f"uren/{regel['id']}/goedkeuren").status_code == 404

    planner = api_as(werkgever_user)
    assert [r["id"] for r in planner.get("uren/").body] == [regel["id"]]
    goedgekeurd = planner.post(f"uren/{regel['id']}/goedkeuren")
    assert goedgekeurd.status_code == 200, goedgekeurd.body
    assert goedgekeurd.body["status"] == "goedgekeurd"
    assert goedgekeurd.body["beoordeeld_op"] is not None
    # The member cannot approve their own hours.
    assert api_as(werknemer_user).post(f"uren/{regel['id']}/goedkeuren").status_code == 403


def test_member_corrects_before_approval_and_line_goes_back(
    api_as, werknemer_user, werkgever_user, locatie
):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 13)
    lid = api_as(werknemer_user)
    eerste = lid.post("uren/", tijden(mijn, "09:00", "13:00")).body
    api_as(werkgever_user).post(f"uren/{eerste['id']}/goedkeuren")
    tweede = lid.post("uren/", tijden(mijn, "09:00", "12:30"))
    assert tweede.status_code == 201
    assert tweede.body["id"] == eerste["id"]  # the same line, not a second one
    assert tweede.body["status"] == "ingediend"
    assert Decimal(tweede.body["gewerkte_uren"]) == Decimal("3.50")
    assert Urenregel.objects.count() == 1


def test_others_cannot_claim_my_shift(api_as, werknemer_user, andere_werknemer_user, locatie):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 13)
    response = api_as(andere_werknemer_user).post("uren/", tijden(mijn, "09:00", "13:00"))
    assert response.status_code == 404
    assert api_as(andere_werknemer_user).get("uren/").body == []
    assert Urenregel.objects.count() == 0


def test_three_hour_minimum_on_call(api_as, werknemer_user, locatie):
    kort = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 11)
    regel = api_as(werknemer_user).post("uren/", tijden(kort, "09:00", "11:00")).body
    assert Decimal(regel["gewerkte_uren"]) == Decimal("2.00")
    assert Decimal(regel["aanvulling_uren"]) == Decimal("1.00")
    assert Decimal(regel["betaalde_uren"]) == Decimal("3.00")
    assert regel["toelichting_regels"] == [
        "Minimum per oproep (art. 7:628a lid 1 BW): 2,00 uur aangevuld met 1,00 uur tot 3,00 uur."
    ]


def test_no_minimum_on_a_permanent_job_with_fixed_times(api_as, werknemer_user, locatie):
    vast = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 11, soort="vast")
    regel = api_as(werknemer_user).post("uren/", tijden(vast, "09:00", "11:00")).body
    assert Decimal(regel["betaalde_uren"]) == Decimal("2.00")
    assert Decimal(regel["aanvulling_uren"]) == Decimal("0")


@pytest.mark.parametrize(
    "van, tot, opgegeven, verplicht, toegepast, gewerkt",
    [
        ("09:00", "14:30", 0, 0, 0, "5.50"),  # exactly 5.5 hours: no break required
        ("09:00", "16:00", 0, 30, 30, "6.50"),  # the law's 30 minutes are deducted
        ("09:00", "16:00", 45, 30, 45, "6.25"),  # a longer break taken counts as taken
        ("08:00", "18:30", 0, 45, 45, "9.75"),  # over 10 hours: 45 minutes
    ],
)
def test_statutory_break_shows_on_the_line(
    api_as, werknemer_user, locatie, van, tot, opgegeven, verplicht, toegepast, gewerkt
):
    lang = inzet(werknemer_user.werknemer, locatie, MAANDAG, 8, 19)
    regel = api_as(werknemer_user).post("uren/", tijden(lang, van, tot, opgegeven)).body
    assert regel["verplichte_pauze_minuten"] == verplicht
    assert regel["pauze_toegepast_minuten"] == toegepast
    assert Decimal(regel["gewerkte_uren"]) == Decimal(gewerkt)
    if verplicht:
        assert f"{verplicht} min (Arbeidstijdenwet art. 5:4)" in regel["toelichting_regels"][0]
    if opgegeven < verplicht:
        assert f"{toegepast} min afgetrokken" in regel["toelichting_regels"][0]


def test_late_cancellation_keeps_pay_with_minimum(api_as, werknemer_user, werkgever_user, locatie):
    weg = geannuleerd(werknemer_user.werknemer, locatie, MAANDAG, 9, 11, doorbetaald="2.00")
    response = api_as(werknemer_user).post("uren/", {"inzet_id": weg.pk})
    assert response.status_code == 201, response.body
    regel = response.body
    assert regel["soort"] == "annulering"
    assert regel["status"] == "vastgesteld"  # the law settles it: no approval needed
    assert Decimal(regel["gewerkte_uren"]) == 0
    assert Decimal(regel["doorbetaalde_uren"]) == Decimal("2.00")
    assert Decimal(regel["aanvulling_uren"]) == Decimal("1.00")
    assert Decimal(regel["betaalde_uren"]) == Decimal("3.00")
    assert "Late annulering" in regel["toelichting_regels"][0]
    # Asking again gives the same line, and the employer cannot dispute the law.
    again = api_as(werknemer_user).post("uren/", {"inzet_id": weg.pk})
    assert again.body["id"] == regel["id"]
    betwist = api_as(werkgever_user).post(f"uren/{regel['id']}/betwisten", {"reden": "nee"})
    assert betwist.status_code == 409


def test_cancellation_in_time_has_no_hours(api_as, werknemer_user, locatie):
    weg = geannuleerd(werknemer_user.werknemer, locatie, MAANDAG, 9, 13, doorbetaald="0")
    response = api_as(werknemer_user).post("uren/", {"inzet_id": weg.pk})
    assert response.status_code == 400
    assert "inzet_id" in response.body["fields"]
    assert Urenregel.objects.count() == 0


def test_dispute_and_settle(api_as, werknemer_user, werkgever_user, staff, locatie):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 13)
    regel = api_as(werknemer_user).post("uren/", tijden(mijn, "09:00", "14:00")).body
    planner = api_as(werkgever_user)
    zonder = planner.post(f"uren/{regel['id']}/betwisten", {"reden": "  "})
    assert zonder.status_code == 400
    assert "reden" in zonder.body["fields"]
    betwist = planner.post(f"uren/{regel['id']}/betwisten", {"reden": "Om 13:00 vertrokken."})
    assert betwist.status_code == 200
    assert betwist.body["status"] == "betwist"
    assert betwist.body["betwist_reden"] == "Om 13:00 vertrokken."

    # Only staff settle; to the member and the employer the endpoint does not exist.
    body = {
        "toelichting": "Volgens de sleutellijst om 13:00 weg.",
        "eind": tijden(mijn, "09:00", "13:00")["eind"],
    }
    assert api_as(werknemer_user).post(f"uren/{regel['id']}/vaststellen", body).status_code == 404
    assert planner.post(f"uren/{regel['id']}/vaststellen", body).status_code == 404
    vastgesteld = api_as(staff).post(f"uren/{regel['id']}/vaststellen", body)
    assert vastgesteld.status_code == 200, vastgesteld.body
    assert vastgesteld.body["status"] == "vastgesteld"
    assert Decimal(vastgesteld.body["gewerkte_uren"]) == Decimal("4.00")
    assert vastgesteld.body["vaststelling_toelichting"].startswith("Volgens de sleutellijst")
    # Settled is final for the member and the employer.
    assert api_as(werknemer_user).post("uren/", tijden(mijn, "09:00", "15:00")).status_code == 409
    assert planner.post(f"uren/{regel['id']}/goedkeuren").status_code == 409


@pytest.mark.parametrize(
    "van, tot, pauze, veld",
    [
        ("13:00", "09:00", 0, "eind"),
        ("09:00", "10:00", 60, "pauze_minuten"),
        ("23:30", "23:45", 0, "start"),  # 14.5 hours after the planned start
    ],
)
def test_bad_hours_name_the_field_and_save_nothing(
    api_as, werknemer_user, locatie, van, tot, pauze, veld
):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 10)
    body = tijden(mijn, van, tot, pauze)
    response = api_as(werknemer_user).post("uren/", body)
    assert response.status_code == 400, response.body
    assert veld in response.body["fields"]
    assert Urenregel.objects.count() == 0


def test_future_hours_refused(api_as, werknemer_user, locatie):
    later = inzet(werknemer_user.werknemer, locatie, date(2099, 1, 5), 9, 13)
    response = api_as(werknemer_user).post("uren/", tijden(later, "09:00", "13:00"))
    assert response.status_code == 400
    assert "eind" in response.body["fields"]


def test_missing_times_name_the_field(api_as, werknemer_user, locatie):
    mijn = inzet(werknemer_user.werknemer, locatie, MAANDAG, 9, 13)
    response = api_as(werknemer_user).post("uren/", {"inzet_id": mijn.pk})
    assert response.status_code == 400
    assert "start" in response.body["fields"]
