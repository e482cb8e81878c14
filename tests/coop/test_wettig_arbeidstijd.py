"""Breaks, weekly rest, the 4-week average of minors and the 16-week average of adults through
the one legal check: an offer, the hand-over, planning and acceptance refuse the same work
with the same Dutch reason."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from coop.core.exceptions import Conflict
from coop.models import Aanbod, Inzet
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import plannen
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_wettig import dienst, ingezet, maandag, zeventien


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever)


# --- breaks -----------------------------------------------------------------------------------


def test_a_shift_planned_with_too_short_a_break_is_refused_at_offer(
    api_as, staff, locatie, catalogus
):
    volwassen = lid(catalogus)
    zes_uur = dienst(locatie, maandag(), 8, 14)
    zes_uur.pauze_minuten = 15
    zes_uur.save()
    response = api_as(staff).post(
        f"diensten/{zes_uur.pk}/aanbieden", {"werknemer_id": volwassen.pk}
    )
    assert response.status_code == 409, response.body
    assert "heeft 15 min pauze gepland" in response.body["detail"]
    assert "recht op ten minste 30 min pauze (Arbeidstijdenwet art. 5:4)" in response.body["detail"]
    assert not Aanbod.objects.exists()
    zes_uur.pauze_minuten = 30
    zes_uur.save()
    response = api_as(staff).post(
        f"diensten/{zes_uur.pk}/aanbieden", {"werknemer_id": volwassen.pk}
    )
    assert response.status_code in (200, 201), response.body


def _pauze_in_admin(client, dienst, minuten):
    return client.post(f"/admin/coop/dienst/{dienst.pk}/change/", {"pauze_minuten": minuten})


def test_the_admin_refuses_a_planned_break_too_short_at_save(client, staff, locatie, catalogus):
    client.force_login(staff)
    zes_uur = dienst(locatie, maandag(), 8, 14)
    fout = _pauze_in_admin(client, zes_uur, 15)
    assert fout.status_code == 200
    tekst = fout.content.decode()
    assert "Geplande pauze te kort" in tekst and "heeft 15 min pauze gepland" in tekst
    assert "recht op ten minste 30 min pauze (Arbeidstijdenwet art. 5:4)" in tekst
    assert fout.context["adminform"].form.errors["pauze_minuten"]
    zes_uur.refresh_from_db()
    assert zes_uur.pauze_minuten is None
    assert _pauze_in_admin(client, zes_uur, 30).status_code == 302
    zes_uur.refresh_from_db()
    assert zes_uur.pauze_minuten == 30
    # Five hours without a break suit an adult; not the minor who holds an offer for it.
    vijf_uur = dienst(locatie, maandag() + timedelta(days=1), 8, 13)
    assert _pauze_in_admin(client, vijf_uur, 0).status_code == 302
    vijf_uur.pauze_minuten = None
    vijf_uur.save()
    jong = lid(catalogus, geboortedatum=zeventien())
    aanbod_services.aanbod_create(dienst=vijf_uur, werknemer=jong)
    fout = _pauze_in_admin(client, vijf_uur, 0)
    assert fout.status_code == 200
    assert "een werknemer van 17 jaar heeft bij deze dienstlengte recht" in fout.content.decode()


def test_a_five_hour_shift_without_a_break_suits_an_adult_not_a_minor(locatie, catalogus):
    vijf_uur = dienst(locatie, maandag(), 8, 13)
    vijf_uur.pauze_minuten = 0
    vijf_uur.save()
    jong = lid(catalogus, geboortedatum=zeventien())
    with pytest.raises(Conflict, match="heeft geen pauze gepland; een werknemer van 17 jaar"):
        aanbod_services.aanbod_create(dienst=vijf_uur, werknemer=jong)
    aanbod = aanbod_services.aanbod_create(dienst=vijf_uur, werknemer=lid(catalogus))
    assert aanbod.status == Aanbod.Status.OPEN


def test_the_offer_shows_the_break_the_member_gets(api_as, locatie, catalogus):
    jong = lid(catalogus, user=f.UserFactory(username="youssef"), geboortedatum=zeventien())
    vijf_uur = dienst(locatie, maandag(), 8, 13)  # no planned break: the statutory one
    aanbod = aanbod_services.aanbod_create(dienst=vijf_uur, werknemer=jong)
    response = api_as(jong.user).get(f"aanbiedingen/{aanbod.pk}")
    assert response.status_code == 200, response.body
    assert response.body["pauze_minuten"] == 30  # over 4.5 h at 17
    assert response.body["dienst"]["pauze_minuten"] is None


def test_two_shifts_back_to_back_without_a_break_are_refused(locatie, catalogus):
    volwassen = lid(catalogus)
    ingezet(volwassen, locatie, maandag(), 8, 12)
    middag = dienst(locatie, maandag(), 12, 16)
    with pytest.raises(Conflict, match="8 uur werk achter elkaar zonder pauze"):
        aanbod_services.aanbod_create(dienst=middag, werknemer=volwassen)
    later = dienst(locatie, maandag(), 12.5, 16.5)  # a 30 min gap is the break
    assert aanbod_services.aanbod_create(dienst=later, werknemer=volwassen).pk


# --- weekly rest --------------------------------------------------------------------------------


def _week_van_een_minderjarige(catalogus, locatie, dagen: int = 6, **kwargs):
    """A minor working 09-13 from Monday on for `dagen` days."""
    jong = lid(catalogus, geboortedatum=zeventien(), **kwargs)
    for i in range(dagen):
        ingezet(jong, locatie, maandag() + timedelta(days=i), 9, 13)
    return jong


def test_a_seventh_day_in_a_row_of_a_minor_is_refused_at_offer(api_as, staff, locatie, catalogus):
    jong = _week_van_een_minderjarige(catalogus, locatie)
    zondag = dienst(locatie, maandag() + timedelta(days=6), 9, 13)
    response = api_as(staff).post(f"diensten/{zondag.pk}/aanbieden", {"werknemer_id": jong.pk})
    assert response.status_code == 409, response.body
    assert "Te weinig wekelijkse rust" in response.body["detail"]
    assert "(148 uur) zonder 36 uur aaneengesloten rust" in response.body["detail"]
    assert "(Arbeidstijdenwet art. 5:2)" in response.body["detail"]
    # The next Monday, after 44 h off, is fine.
    maandag_erna = dienst(locatie, maandag() + timedelta(days=7), 9, 13)
    response = api_as(staff).post(
        f"diensten/{maandag_erna.pk}/aanbieden", {"werknemer_id": jong.pk}
    )
    assert response.status_code in (200, 201), response.body


def test_acceptance_checks_the_weekly_rest_again(locatie, catalogus):
    jong = _week_van_een_minderjarige(catalogus, locatie, dagen=5, user=f.UserFactory())
    zaterdag = dienst(locatie, maandag() + timedelta(days=5), 9, 13)
    aanbod = aanbod_services.aanbod_create(dienst=zaterdag, werknemer=jong)
    # Meanwhile the Sunday was given to the member too: Saturday would now close the gap.
    ingezet(jong, locatie, maandag() + timedelta(days=6), 9, 13)
    with pytest.raises(Conflict, match="Te weinig wekelijkse rust"):
        aanbod_services.aanbod_accept(user=jong.user, aanbod_id=aanbod.pk)
    assert not Inzet.objects.filter(dienst=zaterdag).exists()


def _minderjarige_voor_en_ouder(catalogus, locatie):
    jong = _week_van_een_minderjarige(catalogus, locatie, niveau=3)
    ouder = lid(catalogus, niveau=2, latitude=Decimal("52.090000"))
    return jong, ouder, dienst(locatie, maandag() + timedelta(days=6), 9, 13)


def test_hand_over_passes_over_a_minor_without_weekly_rest(api_as, staff, locatie, catalogus):
    jong, ouder, zondag = _minderjarige_voor_en_ouder(catalogus, locatie)
    aanbod = aanbod_services.dienst_offer_next(dienst_id=zondag.pk)
    assert aanbod is not None and aanbod.werknemer_id == ouder.pk
    # Matching already leaves the minor out, and says why.
    response = api_as(staff).get(f"diensten/{zondag.pk}/kandidaten/{jong.pk}")
    assert response.status_code == 200, response.body
    assert "Te weinig wekelijkse rust" in str(response.body)


def test_planning_passes_over_a_minor_without_weekly_rest(staff, locatie, catalogus):
    jong, ouder, zondag = _minderjarige_voor_en_ouder(catalogus, locatie)
    dag = maandag() + timedelta(days=6)
    uitkomst = plannen.periode_plan(user=staff, van=dag, tot=dag)
    assert uitkomst.diensten == 1 and uitkomst.aanbiedingen == 1
    (aanbod,) = Aanbod.objects.filter(dienst=zondag)
    assert aanbod.werknemer_id == ouder.pk


# --- the 4-week average of a minor ------------------------------------------------------------------


def test_a_minor_averages_at_most_40_hours_over_4_weeks(locatie, catalogus):
    jong = lid(catalogus, geboortedatum=zeventien())
    ma = maandag()
    # Three weeks of 45 h worked (9.5 h at work less 30 min, Monday to Friday), then Monday
    # and Tuesday of the fourth: 153 h. 160 h is 4 x 40.
    for week in range(3):
        for dag in range(5):
            ingezet(jong, locatie, ma + timedelta(weeks=week, days=dag), 9, 18.5)
    for dag in range(2):
        ingezet(jong, locatie, ma + timedelta(weeks=3, days=dag), 9, 18.5)
    woensdag = ma + timedelta(weeks=3, days=2)
    te_lang = dienst(locatie, woensdag, 9, 16.75)  # 7.25 h worked: 160 h 15
    with pytest.raises(Conflict) as fout:
        aanbod_services.aanbod_create(dienst=te_lang, werknemer=jong)
    assert "gemiddeld 40 uur 3 min per week gewerkt als minderjarige" in fout.value.message
    assert "gemiddelde van 40 uur per week over 4 weken (Arbeidstijdenwet art. 5:2)" in (
        fout.value.message
    )
    precies = dienst(locatie, woensdag, 9, 16.5)  # 7 h worked: exactly 160 h
    assert aanbod_services.aanbod_create(dienst=precies, werknemer=jong).pk


# --- the 16-week average of an adult ------------------------------------------------------------


def _zestien_weken_van_een_volwassene(catalogus, locatie):
    """An adult working Monday to Friday 08:00-18:15 for 16 weeks from Monday: 9.5 h a day
    (10.25 h at work less the 45 min break over 10 h), 47.5 h a week, 760 h; 768 h is
    16 x 48."""
    volwassen = lid(catalogus, user=f.UserFactory())
    for week in range(16):
        for dag in range(5):
            ingezet(volwassen, locatie, maandag() + timedelta(weeks=week, days=dag), 8, 18.25)
    return volwassen


def test_an_adult_averages_at_most_48_hours_over_16_weeks_at_offer(
    api_as, staff, locatie, catalogus
):
    volwassen = _zestien_weken_van_een_volwassene(catalogus, locatie)
    zaterdag = maandag() + timedelta(weeks=15, days=5)
    te_lang = dienst(locatie, zaterdag, 9, 18.5)  # 9 h worked: 769 h
    response = api_as(staff).post(
        f"diensten/{te_lang.pk}/aanbieden", {"werknemer_id": volwassen.pk}
    )
    assert response.status_code == 409, response.body
    uitleg = response.body["detail"]
    assert "gemiddeld 48 uur 3 min per week gewerkt (wettelijke pauzes niet meegeteld)" in uitleg
    assert "gemiddelde van 48 uur per week over 16 weken (Arbeidstijdenwet art. 5:7)" in uitleg
    assert not Aanbod.objects.filter(dienst=te_lang).exists()
    precies = dienst(locatie, zaterdag, 9, 17.5)  # 8 h worked: exactly 768 h
    response = api_as(staff).post(
        f"diensten/{precies.pk}/aanbieden", {"werknemer_id": volwassen.pk}
    )
    assert response.status_code in (200, 201), response.body


def test_acceptance_checks_the_16_week_average_again(locatie, catalogus):
    volwassen = _zestien_weken_van_een_volwassene(catalogus, locatie)
    zaterdag = dienst(locatie, maandag() + timedelta(weeks=15, days=5), 9, 17.5)  # to 768 h
    aanbod = aanbod_services.aanbod_create(dienst=zaterdag, werknemer=volwassen)
    # Meanwhile an hour on the first Saturday was given to the member: now 769 h.
    ingezet(volwassen, locatie, maandag() + timedelta(days=5), 9, 10)
    with pytest.raises(Conflict) as fout:
        aanbod_services.aanbod_accept(user=volwassen.user, aanbod_id=aanbod.pk)
    assert "gemiddeld 48 uur 3 min per week gewerkt" in fout.value.message
    assert "gemiddelde van 48 uur per week over 16 weken (Arbeidstijdenwet art. 5:7)" in (
        fout.value.message
    )
    assert not Inzet.objects.filter(dienst=zaterdag).exists()
