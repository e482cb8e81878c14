"""Every broker endpoint keeps organisations and members apart: others' objects are a 404,
staff-only actions are a 403 for everyone else."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coop.models import Dienst, Job
from coop.services import aanbod as aanbod_services
from coop.services import werkpakket as pakket_services
from tests import factories as f


@pytest.fixture
def wereld(werkgever_user, werknemer_user, catalogus):
    werkgever = werkgever_user.werkgever_gebruiker.werkgever
    locatie = f.LocatieFactory(werkgever=werkgever)
    start = timezone.localdate() + timedelta(days=9)
    pakket = pakket_services.werkpakket_create(
        user=werkgever_user,
        data=pakket_services.WerkpakketData(
            locatie_id=locatie.pk,
            titel="Tuin",
            categorie="tuinonderhoud",
            soort="eenmalig",
            tarief_per_uur=Decimal("30"),
            vroegste_start=start,
            uiterlijk_eind=start + timedelta(days=3),
            totaal_uren=Decimal("8"),
        ),
    )
    pakket_services.werkpakket_publish(user=werkgever_user, werkpakket_id=pakket.pk)
    dienst = Dienst.objects.get(job__werkpakket=pakket)
    aanbod = aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer_user.werknemer)
    tweede = Dienst.objects.create(
        job=Job.objects.create(soort="incidenteel", reden="x", werkpakket=pakket),
        locatie=locatie,
        start=dienst.start + timedelta(days=1),
        eind=dienst.eind + timedelta(days=1),
    )
    inzet = aanbod_services.aanbod_accept(
        user=werknemer_user,
        aanbod_id=aanbod_services.aanbod_create(
            dienst=tweede, werknemer=werknemer_user.werknemer
        ).pk,
    )
    return {"pakket": pakket.pk, "dienst": dienst.pk, "aanbod": aanbod.pk, "inzet": inzet.pk}


EMPLOYER_SCOPED = [
    ("get", "werkpakketten/{pakket}"),
    ("post", "werkpakketten/{pakket}/publiceer"),
    ("post", "werkpakketten/{pakket}/annuleer"),
    ("get", "werkpakketten/{pakket}/diensten"),
    ("get", "werkpakketten/{pakket}/geschiedenis"),
    ("post", "inzetten/{inzet}/annuleer"),
]
MEMBER_SCOPED = [
    ("post", "aanbiedingen/{aanbod}/accepteer"),
    ("post", "aanbiedingen/{aanbod}/afwijzen"),
    ("post", "inzetten/{inzet}/annuleer"),
]
STAFF_ONLY = [
    ("get", "diensten/{dienst}/kandidaten"),
    ("post", "diensten/{dienst}/aanbieden"),
    ("post", "bundelen"),
    ("get", "bundelruns/"),
    ("post", "planning"),
]


def _call(client, method, path, wereld):
    url = path.format(**wereld)
    if method == "get":
        return client.get(url)
    body = {"van": "2030-01-01", "tot": "2030-01-02"} if url == "planning" else {}
    return client.post(url, body)


@pytest.mark.parametrize("method, path", EMPLOYER_SCOPED)
def test_other_organisation_gets_404(api_as, andere_werkgever_user, wereld, method, path):
    assert _call(api_as(andere_werkgever_user), method, path, wereld).status_code == 404


@pytest.mark.parametrize("method, path", MEMBER_SCOPED)
def test_other_member_gets_404(api_as, andere_werknemer_user, wereld, method, path):
    assert _call(api_as(andere_werknemer_user), method, path, wereld).status_code == 404


@pytest.mark.parametrize("method, path", STAFF_ONLY)
@pytest.mark.parametrize("wie", ["werkgever_user", "werknemer_user"])
def test_staff_only_is_403_for_others(api_as, request, wereld, method, path, wie):
    user = request.getfixturevalue(wie)
    assert _call(api_as(user), method, path, wereld).status_code == 403


@pytest.mark.parametrize("method, path", EMPLOYER_SCOPED[:2] + MEMBER_SCOPED[:1] + STAFF_ONLY[:1])
def test_anonymous_gets_401(api_as, wereld, method, path):
    assert _call(api_as(None), method, path, wereld).status_code == 401


def test_lists_are_scoped(
    api_as,
    wereld,
    werkgever_user,
    andere_werkgever_user,
    werknemer_user,
    andere_werknemer_user,
    staff,
):
    assert len(api_as(werkgever_user).get("werkpakketten/").body) == 1
    assert api_as(andere_werkgever_user).get("werkpakketten/").body == []
    assert len(api_as(werknemer_user).get("aanbiedingen/").body) == 2
    assert api_as(andere_werknemer_user).get("aanbiedingen/").body == []
    assert len(api_as(werkgever_user).get("inzetten/").body) == 1
    assert api_as(andere_werkgever_user).get("inzetten/").body == []
    assert api_as(andere_werknemer_user).get("inzetten/").body == []
    assert len(api_as(staff).get("aanbiedingen/").body) == 2
    assert api_as(werknemer_user).get("werkpakketten/").status_code == 403
