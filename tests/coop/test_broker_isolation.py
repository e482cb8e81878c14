"""Every broker endpoint keeps organisations and members apart: others' objects are a 404,
staff-only actions are a 403 for everyone else."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coop.models import Dienst, Job
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from tests import factories as f


@pytest.fixture
def wereld(werkgever_user, werknemer_user, catalogus):
    werkgever = werkgever_user.werkgever_gebruiker.werkgever
    locatie = f.LocatieFactory(werkgever=werkgever)
    start = timezone.localdate() + timedelta(days=9)
    pakket = pakket_services.werkpakket_create(
        user=werkgever_user,
        data=pakket_invoer.WerkpakketData(
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
    ("get", "werkpakketten/{pakket}/fragmenten"),
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


# --- a permanent job bundled from several organisations' work ---------------------------


def _terugkerend(locatie, tijdvakken):
    start = timezone.localdate() + timedelta(days=3)
    return {
        "locatie_id": locatie.pk,
        "titel": f"Huismeester {locatie.pk}",
        "categorie": "huismeester",
        "soort": "terugkerend",
        "tarief_per_uur": "30.00",
        "startdatum": start.isoformat(),
        "einddatum": (start + timedelta(weeks=26)).isoformat(),
        "tijdvakken": tijdvakken,
    }


@pytest.fixture
def gedeelde_baan(api_as, staff, werkgever_user, andere_werkgever_user, catalogus):
    """Our 2 blocks of 4 h and the other organisation's block of 6 h, bundled into one job."""
    hier = f.LocatieFactory(werkgever=werkgever_user.werkgever_gebruiker.werkgever)
    daar = f.LocatieFactory(
        werkgever=andere_werkgever_user.werkgever_gebruiker.werkgever,
        latitude=Decimal("52.076500"),
        longitude=Decimal("5.100000"),
    )
    ons = api_as(werkgever_user).post(
        "werkpakketten/",
        _terugkerend(
            hier,
            [
                {"weekdag": 1, "begin": "09:00", "eind": "13:00"},
                {"weekdag": 3, "begin": "09:00", "eind": "13:00"},
            ],
        ),
    )
    hun = api_as(andere_werkgever_user).post(
        "werkpakketten/", _terugkerend(daar, [{"weekdag": 0, "begin": "09:00", "eind": "15:00"}])
    )
    assert ons.status_code == hun.status_code == 201, (ons.body, hun.body)
    for wie, pakket in ((werkgever_user, ons), (andere_werkgever_user, hun)):
        assert api_as(wie).post(f"werkpakketten/{pakket.body['id']}/publiceer").status_code == 200
    return {"ons": ons.body["id"], "hun": hun.body["id"]}


def _dienst_bij(job: Job, pakket_id: int) -> Dienst:
    fragment = job.fragmenten.filter(werkpakket_id=pakket_id).first()
    start = timezone.now() + timedelta(days=7)
    return Dienst.objects.create(
        job=job,
        locatie=fragment.werkpakket.locatie,
        fragment=fragment,
        start=start,
        eind=start + timedelta(hours=4),
    )


def _bundel(api_as, staff) -> Job:
    assert api_as(staff).post("bundelen").body["banen"] == 1
    return Job.objects.get(soort="vast")


def test_employer_sees_only_its_own_share_of_a_bundled_job(
    api_as, staff, werkgever_user, andere_werkgever_user, gedeelde_baan
):
    job = _bundel(api_as, staff)
    _dienst_bij(job, gedeelde_baan["ons"])  # as once a member took the job
    jobs = api_as(werkgever_user).get("jobs/").body
    assert [j["id"] for j in jobs] == [job.pk]
    (baan,) = jobs
    assert {fr["werkpakket_id"] for fr in baan["fragmenten"]} == {gedeelde_baan["ons"]}
    assert [(fr["weekdag"], fr["uren"]) for fr in baan["fragmenten"]] == [
        (1, "4.00"),
        (3, "4.00"),
    ]
    assert {fr["werkgever"] for fr in baan["fragmenten"]} == {"Woonstichting Kanaleneiland"}
    assert Decimal(baan["uren_per_week"]) == Decimal("8")  # not the job's 14
    assert baan["werkpakket_id"] is None
    assert "Bo-Ex" not in str(baan)
    # The other organisation sees its own 6 hours and nothing of ours.
    _dienst_bij(job, gedeelde_baan["hun"])
    (hun,) = api_as(andere_werkgever_user).get("jobs/").body
    assert [fr["werkpakket_id"] for fr in hun["fragmenten"]] == [gedeelde_baan["hun"]]
    assert Decimal(hun["uren_per_week"]) == Decimal("6")
    assert "Kanaleneiland" not in str(hun)
    # Staff see the whole job.
    (heel,) = api_as(staff).get("jobs/?soort=vast").body
    assert len(heel["fragmenten"]) == 3
    assert Decimal(heel["uren_per_week"]) == Decimal("14")
    assert heel["reden"] == job.reden


def test_employer_without_work_in_a_job_does_not_see_it(
    api_as, staff, gedeelde_baan, catalogus, db
):
    _bundel(api_as, staff)
    derde = f.WerkgeverGebruikerFactory().user
    assert api_as(derde).get("jobs/").body == []


def test_employer_sees_the_permanent_blocks_of_its_package_before_bundling(
    api_as, werkgever_user, andere_werkgever_user, staff, gedeelde_baan
):
    ons = api_as(werkgever_user).get(f"werkpakketten/{gedeelde_baan['ons']}/fragmenten")
    assert ons.status_code == 200, ons.body
    assert [(fr["weekdag"], fr["begin"], fr["eind"], fr["job_id"]) for fr in ons.body] == [
        (1, "09:00:00", "13:00:00", None),
        (3, "09:00:00", "13:00:00", None),
    ]
    # Not the other organisation's package: a 404, as every other object of theirs.
    hun = api_as(werkgever_user).get(f"werkpakketten/{gedeelde_baan['hun']}/fragmenten")
    assert hun.status_code == 404
    # After bundling the same blocks name their job.
    job = _bundel(api_as, staff)
    na = api_as(werkgever_user).get(f"werkpakketten/{gedeelde_baan['ons']}/fragmenten").body
    assert {fr["job_id"] for fr in na} == {job.pk}


def test_member_cannot_read_package_fragments(api_as, werknemer_user, gedeelde_baan):
    response = api_as(werknemer_user).get(f"werkpakketten/{gedeelde_baan['ons']}/fragmenten")
    assert response.status_code == 403


def test_package_shifts_include_its_blocks_in_a_bundled_job_and_no_others(
    api_as, staff, werkgever_user, gedeelde_baan
):
    job = _bundel(api_as, staff)
    ons = _dienst_bij(job, gedeelde_baan["ons"])
    _dienst_bij(job, gedeelde_baan["hun"])
    diensten = api_as(werkgever_user).get(f"werkpakketten/{gedeelde_baan['ons']}/diensten").body
    assert [d["id"] for d in diensten] == [ons.pk]


def test_employer_history_leaves_out_offers_to_members(
    api_as, wereld, werkgever_user, werknemer_user, staff
):
    """Who was asked, who declined and why is not the employer's to read."""
    afgewezen = api_as(werknemer_user).post(
        f"aanbiedingen/{wereld['aanbod']}/afwijzen", {"reden": "mantelzorg voor mijn moeder"}
    )
    assert afgewezen.status_code == 200, afgewezen.body
    pad = f"werkpakketten/{wereld['pakket']}/geschiedenis"
    planner = api_as(werkgever_user).get(pad).body
    assert {g["soort"] for g in planner} == {"aangemaakt", "gepubliceerd", "geaccepteerd"}
    assert "mantelzorg" not in str(planner)
    alles = api_as(staff).get(pad).body
    assert {"aangeboden", "afgewezen"} <= {g["soort"] for g in alles}
    assert "mantelzorg" in str(alles)


def test_employer_history_of_an_absence_names_no_offer_and_no_reason(
    api_as, wereld, werkgever_user, werknemer_user, staff
):
    """A member reports "kan niet" over both days: their open offer is withdrawn and their
    assignment released. The employer reads that the shift stays and is offered again, not
    that the member held an offer, nor that (or why) they are absent."""
    dag = timezone.localdate() + timedelta(days=9)
    r = api_as(werknemer_user).post(
        "afwezigheid/",
        {
            "soort": "kan_niet",
            "van": dag.isoformat(),
            "tot": (dag + timedelta(days=1)).isoformat(),
            "reden": "mantelzorg voor mijn moeder",
        },
    )
    assert r.status_code == 201, r.body
    pad = f"werkpakketten/{wereld['pakket']}/geschiedenis"
    planner = api_as(werkgever_user).get(pad).body
    assert "melding_werkgever" in {g["soort"] for g in planner}
    assert "ingetrokken" not in {g["soort"] for g in planner}
    tekst = str(planner)
    assert "afwezig" not in tekst and "mantelzorg" not in tekst
    alles = api_as(staff).get(pad).body
    assert "ingetrokken" in {g["soort"] for g in alles}
