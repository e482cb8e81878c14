"""Changing a work package in place (werkpakket_update): the checks of posting; a published
package's open offers withdrawn and its work split again as publishing does; refused once
a member has taken any of it on, and for a cancelled package. Time windows on a date
(one-off work) decide where every shift falls."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.models import Aanbod, Dienst, Gebeurtenis, Inzet, Job, Werkpakket
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from tests import factories as f
from tests.coop.conftest import lid

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def locatie(werkgever):
    return f.LocatieFactory(werkgever=werkgever, wijk="Kanaleneiland")


def _dag(dagen: int):
    return timezone.localdate() + timedelta(days=dagen)


def _data(locatie, **extra) -> pakket_invoer.WerkpakketData:
    velden = {
        "locatie_id": locatie.pk,
        "titel": "Trappenhuizen schoonmaken",
        "categorie": "schoonmaak",
        "soort": "eenmalig",
        "tarief_per_uur": Decimal("32.50"),
        "vroegste_start": _dag(10),
        "uiterlijk_eind": _dag(23),
        "totaal_uren": Decimal("12"),
        "dagen": [0, 1, 2, 3, 4, 5, 6],
        "vaardigheden": {"schoonmaak": 2},
    }
    return pakket_invoer.WerkpakketData(**(velden | extra))


def _venster(dagen: int, van, tot) -> pakket_invoer.VensterData:
    return pakket_invoer.VensterData(_dag(dagen), time(*van), time(*tot))


def _plaatsen(user, locatie, *, publiceren=True, **extra) -> Werkpakket:
    pakket = pakket_services.werkpakket_create(user=user, data=_data(locatie, **extra))
    if publiceren:
        pakket = pakket_services.werkpakket_publish(user=user, werkpakket_id=pakket.pk)
    return pakket


def _diensten(pakket, status=Dienst.Status.OPEN):
    return [
        (timezone.localtime(d.start).date(), d.start.astimezone(AMS).time(), d.eind.astimezone(AMS).time())
        for d in Dienst.objects.filter(job__werkpakket=pakket, status=status).order_by("start")
    ]  # fmt: skip


def _stand(pakket):
    """What a refused change must leave as it was."""
    pakket.refresh_from_db()
    return (
        pakket.titel,
        pakket.totaal_uren,
        pakket.updated_at,
        _diensten(pakket),
        _diensten(pakket, Dienst.Status.BEZET),
        list(Aanbod.objects.order_by("pk").values_list("status", flat=True)),
        Job.objects.count(),
        Gebeurtenis.objects.count(),
    )


def test_a_published_package_is_changed_in_place_and_split_again(
    werkgever_user, locatie, catalogus, api_as
):
    pakket = _plaatsen(werkgever_user, locatie)
    assert [(d[1], d[2]) for d in _diensten(pakket)] == [(time(8), time(16)), (time(8), time(12))]
    eerste = Dienst.objects.filter(job__werkpakket=pakket).order_by("start").first()
    aanbod = aanbod_services.aanbod_create(dienst=eerste, werknemer=lid(catalogus))
    oude_jobs = list(Job.objects.filter(werkpakket=pakket).values_list("pk", flat=True))

    # Six hours, in the two windows agreed with the tenant.
    nieuw = _data(
        locatie,
        titel="Trappenhuizen en liften schoonmaken",
        totaal_uren=Decimal("6"),
        vensters=[_venster(13, (9, 0), (12, 0)), _venster(12, (13, 0), (17, 0))],
    )
    bijgewerkt = pakket_services.werkpakket_update(
        user=werkgever_user, werkpakket_id=pakket.pk, data=nieuw
    )
    assert bijgewerkt.pk == pakket.pk and Werkpakket.objects.count() == 1
    bijgewerkt.refresh_from_db()
    assert bijgewerkt.titel == "Trappenhuizen en liften schoonmaken"
    assert (bijgewerkt.status, bijgewerkt.totaal_uren) == (Werkpakket.Status.GESPLITST, 6)
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.INGETROKKEN
    assert set(Job.objects.filter(pk__in=oude_jobs).values_list("status", flat=True)) == {
        Job.Status.GEANNULEERD
    }
    assert len(_diensten(pakket, Dienst.Status.GEANNULEERD)) == 2
    # Split again as publishing does, every shift inside a window, from its start.
    assert _diensten(pakket) == [
        (_dag(12), time(13), time(17)),
        (_dag(13), time(9), time(11)),
    ]
    wijziging = Gebeurtenis.objects.get(werkpakket=pakket, soort=Gebeurtenis.Soort.GEWIJZIGD)
    assert "1 open aanbieding(en) ingetrokken" in wijziging.tekst
    assert "afgesproken tijdvensters" in wijziging.tekst
    # The employer reads the windows with the package.
    body = api_as(werkgever_user).get(f"werkpakketten/{pakket.pk}").body
    assert body["vensters"] == [
        {"datum": _dag(12).isoformat(), "begin": "13:00:00", "eind": "17:00:00"},
        {"datum": _dag(13).isoformat(), "begin": "09:00:00", "eind": "12:00:00"},
    ]


def test_work_that_does_not_fit_its_windows_is_refused_and_nothing_changes(
    werkgever_user, locatie, catalogus
):
    pakket = _plaatsen(werkgever_user, locatie)
    aanbod_services.aanbod_create(
        dienst=Dienst.objects.filter(job__werkpakket=pakket).first(), werknemer=lid(catalogus)
    )
    voor = _stand(pakket)
    te_veel = _data(locatie, vensters=[_venster(12, (13, 0), (17, 0))])  # 12 hours in 4
    with pytest.raises(ApplicationError) as fout:
        pakket_services.werkpakket_update(
            user=werkgever_user, werkpakket_id=pakket.pk, data=te_veel
        )
    assert "12 uur werk past niet in de tijdvensters" in fout.value.fields["vensters"][0]
    assert _stand(pakket) == voor


def test_a_package_a_member_took_on_is_not_changed(werkgever_user, locatie, catalogus):
    pakket = _plaatsen(werkgever_user, locatie)
    dienst = Dienst.objects.filter(job__werkpakket=pakket).order_by("start").first()
    werknemer = lid(catalogus, user=f.UserFactory(username="mehmet"))
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer)
    aanbod_services.aanbod_accept(user=werknemer.user, aanbod_id=aanbod.pk)
    voor = _stand(pakket)
    assert pakket_services.pakket_bemand(pakket)
    with pytest.raises(pakket_services.AlBemand) as fout:
        pakket_services.werkpakket_update(
            user=werkgever_user, werkpakket_id=pakket.pk, data=_data(locatie, titel="Anders")
        )
    assert fout.value.status_code == 409
    assert fout.value.eerste_dienst == dienst.start
    assert "al bemand" in fout.value.message
    assert _stand(pakket) == voor
    assert Inzet.objects.get().status == Inzet.Status.ACTIEF


def test_a_draft_is_changed_without_splitting(werkgever_user, locatie, catalogus):
    pakket = _plaatsen(werkgever_user, locatie, publiceren=False)
    pakket_services.werkpakket_update(
        user=werkgever_user,
        werkpakket_id=pakket.pk,
        data=_data(locatie, totaal_uren=Decimal("3"), vensters=[_venster(11, (7, 30), (11, 0))]),
    )
    pakket.refresh_from_db()
    assert (pakket.status, pakket.totaal_uren) == (Werkpakket.Status.CONCEPT, 3)
    assert not Job.objects.exists()
    pakket_services.werkpakket_publish(user=werkgever_user, werkpakket_id=pakket.pk)
    assert _diensten(pakket) == [(_dag(11), time(7, 30), time(10, 30))]


def test_a_cancelled_package_or_another_employers_is_not_changed(
    werkgever_user, locatie, andere_werkgever, catalogus
):
    pakket = _plaatsen(werkgever_user, locatie)
    ander = f.WerkgeverGebruikerFactory(werkgever=andere_werkgever).user
    with pytest.raises(NotFound):
        pakket_services.werkpakket_update(user=ander, werkpakket_id=pakket.pk, data=_data(locatie))
    andere_locatie = f.LocatieFactory(werkgever=andere_werkgever)
    with pytest.raises(ApplicationError, match="Onbekende locatie"):
        pakket_services.werkpakket_update(
            user=werkgever_user, werkpakket_id=pakket.pk, data=_data(andere_locatie)
        )
    pakket_services.werkpakket_cancel(user=werkgever_user, werkpakket_id=pakket.pk)
    with pytest.raises(Conflict, match="geannuleerd"):
        pakket_services.werkpakket_update(
            user=werkgever_user, werkpakket_id=pakket.pk, data=_data(locatie)
        )


@pytest.mark.parametrize(
    ("venster", "tekst"),
    [
        ((30, (9, 0), (12, 0)), "ligt buiten de periode van het werk"),
        ((12, (9, 10), (12, 0)), "niet op een kwartier"),
        ((12, (12, 0), (9, 0)), "ligt het begin niet vóór het eind"),
    ],
    ids=["buiten", "kwartier", "omgekeerd"],
)
def test_bad_windows_are_refused_at_posting(werkgever_user, locatie, catalogus, venster, tekst):
    data = _data(locatie, vensters=[_venster(*venster)])
    with pytest.raises(ApplicationError) as fout:
        pakket_services.werkpakket_create(user=werkgever_user, data=data)
    assert tekst in fout.value.fields["vensters"][0]
    assert not Werkpakket.objects.exists()


def test_windows_belong_to_one_off_work(werkgever_user, locatie, catalogus):
    terugkerend = _data(
        locatie,
        soort="terugkerend",
        startdatum=_dag(10),
        tijdvakken=[pakket_invoer.TijdvakData(0, time(9), time(12))],
        vensters=[_venster(12, (9, 0), (12, 0))],
    )
    with pytest.raises(ApplicationError, match="eenmalig werk"):
        pakket_services.werkpakket_create(user=werkgever_user, data=terugkerend)


def test_a_window_that_already_opened_keeps_only_what_is_still_to_come(
    werkgever_user, locatie, catalogus
):
    dag = _dag(1)
    with time_machine.travel(datetime.combine(dag, time(8, 0), tzinfo=AMS), tick=False):
        pakket = _plaatsen(
            werkgever_user,
            locatie,
            publiceren=False,
            vroegste_start=dag,
            uiterlijk_eind=dag,
            totaal_uren=Decimal("1.5"),
            vensters=[pakket_invoer.VensterData(dag, time(9), time(12))],
        )
    with time_machine.travel(datetime.combine(dag, time(10, 7), tzinfo=AMS), tick=False):
        pakket_services.werkpakket_publish(user=werkgever_user, werkpakket_id=pakket.pk)
        assert _diensten(pakket) == [(dag, time(10, 15), time(11, 45))]
    later = _plaatsen(
        werkgever_user,
        locatie,
        publiceren=False,
        vroegste_start=dag,
        uiterlijk_eind=dag,
        totaal_uren=Decimal("1"),
        vensters=[pakket_invoer.VensterData(dag, time(9), time(12))],
    )
    with time_machine.travel(datetime.combine(dag, time(11, 50), tzinfo=AMS), tick=False):
        with pytest.raises(ApplicationError) as fout:
            pakket_services.werkpakket_publish(user=werkgever_user, werkpakket_id=later.pk)
    assert "Alle tijdvensters van dit werk zijn al voorbij" in fout.value.message


# --- Through the API: PUT /werkpakketten/{id} --------------------------------------------


def _body(locatie, **extra) -> dict:
    from tests.coop.test_broker_flow import eenmalig

    return eenmalig(locatie, uren="12") | extra


def test_the_employer_changes_a_published_package_through_the_api(
    api_as, werkgever_user, locatie, catalogus
):
    planner = api_as(werkgever_user)
    aangemaakt = planner.post("werkpakketten/", _body(locatie))
    assert aangemaakt.status_code == 201, aangemaakt.body
    pakket_id = aangemaakt.body["id"]
    assert planner.post(f"werkpakketten/{pakket_id}/publiceer").status_code == 200
    eerste = Dienst.objects.filter(job__werkpakket_id=pakket_id).order_by("start").first()
    aanbod = aanbod_services.aanbod_create(dienst=eerste, werknemer=lid(catalogus))

    antwoord = planner.put(
        f"werkpakketten/{pakket_id}", _body(locatie, titel="Liften schoonmaken", totaal_uren="6")
    )
    assert antwoord.status_code == 200, antwoord.body
    assert antwoord.body["titel"] == "Liften schoonmaken"
    assert antwoord.body["status"] == "gesplitst"
    aanbod.refresh_from_db()
    assert aanbod.status == Aanbod.Status.INGETROKKEN
    open_uren = sum(
        d.uren for d in Dienst.objects.filter(job__werkpakket_id=pakket_id, status="open")
    )
    assert open_uren == Decimal("6")


def test_put_on_another_organisations_package_is_a_404_and_changes_nothing(
    api_as, werkgever_user, andere_werkgever_user, locatie, catalogus
):
    pakket = _plaatsen(werkgever_user, locatie)
    voor = _stand(pakket)
    antwoord = api_as(andere_werkgever_user).put(
        f"werkpakketten/{pakket.pk}", _body(locatie, titel="Overgenomen")
    )
    assert antwoord.status_code == 404
    assert _stand(pakket) == voor


def test_put_once_a_member_accepted_is_a_409_in_dutch_and_changes_nothing(
    api_as, werkgever_user, staff, locatie, catalogus
):
    pakket = _plaatsen(werkgever_user, locatie)
    eerste = Dienst.objects.filter(job__werkpakket=pakket).order_by("start").first()
    kandidaat = lid(catalogus)
    aanbod = aanbod_services.aanbod_create(dienst=eerste, werknemer=kandidaat)
    aanbod_services.aanbod_accept(user=staff, aanbod_id=aanbod.pk)
    voor = _stand(pakket)
    antwoord = api_as(werkgever_user).put(
        f"werkpakketten/{pakket.pk}", _body(locatie, titel="Anders")
    )
    assert antwoord.status_code == 409
    assert "al bemand" in antwoord.body["detail"]
    assert _stand(pakket) == voor


def test_put_with_bad_input_names_the_field_and_changes_nothing(
    api_as, werkgever_user, locatie, catalogus
):
    pakket = _plaatsen(werkgever_user, locatie)
    voor = _stand(pakket)
    antwoord = api_as(werkgever_user).put(
        f"werkpakketten/{pakket.pk}", _body(locatie, totaal_uren="0")
    )
    assert antwoord.status_code in (400, 422), antwoord.body
    assert "totaal_uren" in str(antwoord.body)
    assert _stand(pakket) == voor
