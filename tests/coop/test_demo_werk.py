"""The demo's broker data: packages, bundling, offers in every state, a late cancellation."""

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from coop.demo import DEFAULT_SEED, build_demo
from coop.demo.werk import (
    eerste_werkdag_na,
    pakket_specs,
    volgend_voorjaar,
    volgende_maandag,
    werk_basis,
)
from coop.models import (
    Aanbod,
    Bundelrun,
    Dienst,
    Fragment,
    Gebeurtenis,
    Inzet,
    Job,
    Werkpakket,
)

BROKER = [Werkpakket, Fragment, Job, Dienst, Aanbod, Inzet, Bundelrun, Gebeurtenis]
MIJN_STAPPEN = ("werkpakketten", "bundelen", "aanbiedingen en inzetten")


def _bouw(vandaag: date | None = None, seed: int = DEFAULT_SEED):
    out = StringIO()
    ctx = build_demo(seed=seed, stdout=out, vandaag=vandaag or timezone.localdate())
    return ctx, out.getvalue()


@pytest.fixture(scope="class")
def _gebouwde_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once for TestTheBuiltWork, inside a transaction that is rolled back
    after the class, with its files in a folder of its own. Each test's own transaction
    (`db`) nests in it and is rolled back per test, so every test sees the demo as built.
    Class scope, not module scope: the tests below the class need an empty database."""
    media = tmp_path_factory.mktemp("demo-werk-media")
    with pytest.MonkeyPatch.context() as mp:
        _zonder_historie(mp)
        with django_db_blocker.unblock(), transaction.atomic():
            with override_settings(MEDIA_ROOT=media):
                ctx, out = _bouw()
            yield media, ctx, out
            transaction.set_rollback(True)


@pytest.fixture
def demo(_gebouwde_demo, db, settings):
    """(context, output) of the built demo; the test's files go where the demo's are."""
    media, ctx, out = _gebouwde_demo
    settings.MEDIA_ROOT = media
    return ctx, out


def _aantallen() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in BROKER}


# --- the dates, without the database ---------------------------------------------------------


@pytest.mark.parametrize("dag", [date(2026, 11, 23) + timedelta(days=n) for n in range(7)])
def test_dates_hang_on_the_reference_day(dag):
    maandag = volgende_maandag(dag)
    assert maandag.weekday() == 0 and 1 <= (maandag - dag).days <= 7
    spoed = eerste_werkdag_na(dag)
    assert spoed.weekday() < 5 and 1 <= (spoed - dag).days <= 3
    for spec in pakket_specs(dag):
        eerste = spec.data.vroegste_start or spec.data.startdatum
        assert eerste > dag, spec.data.titel  # every shift lies after the reference day


def test_spring_work_lands_in_spring():
    assert volgend_voorjaar(date(2026, 11, 25)) == date(2027, 3, 8)  # a Monday
    assert volgend_voorjaar(date(2027, 1, 10)) == date(2027, 3, 8)
    assert volgend_voorjaar(date(2027, 4, 1)) == date(2027, 4, 12)
    assert volgend_voorjaar(date(2027, 6, 1)) == date(2028, 3, 13)


def test_work_never_starts_before_today():
    assert werk_basis(date(2026, 2, 28), date(2026, 11, 25)) == date(2026, 11, 25)
    assert werk_basis(date(2026, 12, 1), date(2026, 11, 25)) == date(2026, 12, 1)


def test_specs_are_a_pure_function_of_the_day():
    a = [(s.werkgever, s.locatie, s.data) for s in pakket_specs(date(2026, 11, 25))]
    b = [(s.werkgever, s.locatie, s.data) for s in pakket_specs(date(2026, 11, 25))]
    assert a == b and len(a) == 19
    assert len({(w, d.titel) for w, _, d in a}) == 19  # the natural key is unique


# --- the demo in the database ----------------------------------------------------------------


class TestTheBuiltWork:
    """Tests that read the broker data as the demo builds it: built once for them all."""

    def test_packages_of_both_kinds_published_and_two_drafts(self, demo):
        pakketten = Werkpakket.objects.all()
        assert pakketten.count() == 19
        assert Counter(pakketten.values_list("soort", flat=True)) == {
            "terugkerend": 13,
            "eenmalig": 6,
        }
        assert sorted(pakketten.filter(status="concept").values_list("titel", flat=True)) == [
            "Kozijnen schilderen Edelstenenbuurt",
            "Zolder dependance opruimen",
        ]
        assert pakketten.filter(status__in=["deels_gevuld", "gevuld"]).count() >= 4
        assert pakketten.values("werkgever").distinct().count() == 6
        # Every package was posted by the employer's own login, through the service.
        gebeurtenissen = Gebeurtenis.objects.filter(soort="aangemaakt")
        assert gebeurtenissen.count() == 19
        assert all(g.user.werkgever_gebruiker.werkgever_id == g.werkpakket.werkgever_id
                   for g in gebeurtenissen.select_related("user__werkgever_gebruiker", "werkpakket"))  # fmt: skip
        assert Gebeurtenis.objects.filter(soort="gepubliceerd").count() == 17
        # Incidental shifts: 8 + 6 + 4 + 6 + 2 + 1 + 3 + 8, none in the past.
        incidenteel = Dienst.objects.filter(job__soort="incidenteel")
        assert incidenteel.count() == 38
        assert not incidenteel.filter(start__lte=timezone.now()).exists()

    def test_bundling_makes_permanent_jobs_across_employers(self, demo):
        run = Bundelrun.objects.get()
        assert (run.fragmenten, run.banen) == (14, 3)
        assert run.totale_uren == run.gebundelde_uren == Decimal("42")
        jobs = Job.objects.filter(soort="vast")
        assert sum(j.uren_per_week for j in jobs) == Decimal("42")
        for job in jobs:
            assert job.fragmenten.values("werkpakket__werkgever").distinct().count() >= 2
            assert 12 <= job.uren_per_week <= 32
        vervuld = jobs.filter(status="vervuld", werknemer__isnull=False)
        assert vervuld.count() == 2
        for job in vervuld:  # accepted: the coming weeks are planned as shifts of that member
            inzetten = Inzet.objects.filter(dienst__job=job, status="actief")
            assert inzetten.count() >= 20
            assert set(inzetten.values_list("werknemer", flat=True)) == {job.werknemer_id}
        open_job = jobs.get(status="open")
        assert open_job.aanbiedingen.get().status == "open"

    def test_offers_in_every_state_and_the_flow_behind_them(self, demo):
        per_status = Counter(Aanbod.objects.values_list("status", flat=True))
        assert per_status["verlopen"] == 1 and per_status["afgewezen"] == 1
        assert per_status["open"] >= 8 and per_status["geaccepteerd"] >= 8
        for status in ("verlopen", "afgewezen"):  # both handed the shift on to the next member
            aanbod = Aanbod.objects.get(status=status)
            volgende = Aanbod.objects.filter(dienst=aanbod.dienst).exclude(pk=aanbod.pk)
            assert volgende.filter(status__in=["open", "geaccepteerd"]).exists()
            assert aanbod.werknemer_id not in volgende.values_list("werknemer", flat=True)
            assert Gebeurtenis.objects.filter(aanbod=aanbod, soort=status).exists()
        afgewezen = Aanbod.objects.get(status="afgewezen")
        assert afgewezen.werknemer.user.username == "agnieszka"
        # Every accepted incidental offer is exactly one active assignment on a taken shift.
        for aanbod in Aanbod.objects.filter(status="geaccepteerd", dienst__isnull=False):
            inzet = aanbod.inzetten.get()
            assert inzet.werknemer_id == aanbod.werknemer_id
            assert inzet.dienst.status == ("bezet" if inzet.status == "actief" else "geannuleerd")
        assert (
            Dienst.objects.filter(status="bezet").count()
            == Inzet.objects.filter(status="actief").count()
        )

    def test_featured_members_have_offers_accepted_and_pending(self, demo):
        def statussen(username):
            return Counter(
                Aanbod.objects.filter(werknemer__user__username=username).values_list(
                    "status", flat=True
                )
            )

        assert statussen("fatima")["geaccepteerd"] == 2 and statussen("fatima")["open"] >= 1
        assert statussen("daan")["geaccepteerd"] == 1 and statussen("daan")["open"] >= 1
        assert statussen("youssef")["open"] >= 1
        assert statussen("mehmet")["geaccepteerd"] >= 2
        assert statussen("agnieszka") >= Counter({"afgewezen": 1, "geaccepteerd": 1})
        # Members with a login answered themselves; the history names them.
        geaccepteerd = Gebeurtenis.objects.filter(
            soort="geaccepteerd", aanbod__werknemer__user__username="fatima"
        )
        assert {g.user.username for g in geaccepteerd} == {"fatima"}

    def test_late_cancellation_keeps_the_pay(self, demo):
        inzet = Inzet.objects.get(status="geannuleerd")
        assert inzet.late_annulering is True
        assert inzet.uren_doorbetaald == Decimal("4.00") == inzet.dienst.uren
        assert inzet.dienst.job.werkpakket.titel == "Dieptereiniging na verbouwing"
        assert inzet.start - inzet.geannuleerd_op < timedelta(days=4)
        tekst = Gebeurtenis.objects.get(inzet=inzet, soort="geannuleerd")
        assert tekst.user.username == "bakkerij"
        assert "4.00 uur wordt doorbetaald" in tekst.tekst

    def test_fatima_sees_her_offers_after_logging_in(self, demo, api_as):
        client = api_as(None)
        login = client.post("auth/login", {"username": "fatima", "password": "fatima-demo"})
        assert login.status_code == 200, login.body
        token = {"HTTP_AUTHORIZATION": f"Bearer {login.body['token']}"}
        mine = client.get("aanbiedingen/", **token)
        assert mine.status_code == 200, mine.body
        verwacht = Aanbod.objects.filter(werknemer__user__username="fatima")
        assert sorted(a["id"] for a in mine.body) == sorted(verwacht.values_list("pk", flat=True))
        assert Counter(a["status"] for a in mine.body)["geaccepteerd"] == 2
        open_ = client.get("aanbiedingen/", {"status": "open"}, **token)
        assert len(open_.body) == verwacht.filter(status="open").count() >= 1

    def test_second_run_creates_nothing(self, demo):
        voor = _aantallen()
        ctx, out = _bouw()
        assert _aantallen() == voor
        assert sum(ctx.aangemaakt.values()) == 0
        for naam in MIJN_STAPPEN:
            assert f"- {naam}: niets nieuw" in out
        assert "aanbiedingen: " in out  # the summary is printed on every run

    def test_summary_lists_every_status(self, demo):
        _, out = demo
        assert "- werkpakketten: werkpakketten +19, gepubliceerd +17" in out
        assert "14 fragmenten (42 uur per week): 3 vaste banen met samen 42 uur, 0 uur wacht" in out
        regel = next(r for r in out.splitlines() if r.strip().startswith("aanbiedingen:"))
        for status in ("afgewezen", "geaccepteerd", "open", "verlopen"):
            assert status in regel
        assert "1 laat geannuleerd" in out

    def test_every_shift_fits_its_day(self, demo):
        """Shifts sit where the packages ask: the recurring ones at their pattern's times."""
        for dienst in Dienst.objects.filter(job__soort="vast").select_related("fragment"):
            lokaal = timezone.localtime(dienst.start)
            assert (lokaal.weekday(), lokaal.time()) == (dienst.fragment.weekdag, time(9, 0))
        spoed = Dienst.objects.get(job__werkpakket__titel="Dieptereiniging na verbouwing")
        assert timezone.localtime(spoed.start).time() == time(8, 0)
        assert spoed.start.date() <= (datetime.now() + timedelta(days=3)).date()


def test_past_reference_date_plans_the_work_from_today(db):
    _, out = _bouw(vandaag=date(2026, 2, 28))
    if timezone.localdate() > date(2026, 2, 28):
        assert "peildatum ligt vóór vandaag" in out
    eerste = Dienst.objects.order_by("start").first().start
    assert eerste > timezone.now()
    assert Aanbod.objects.filter(status="verlopen").count() == 1


@pytest.mark.parametrize("seed", [7, DEFAULT_SEED + 1])
def test_other_seeds_tell_the_same_story(db, seed):
    _bouw(seed=seed)
    statussen = set(Aanbod.objects.values_list("status", flat=True))
    assert {"open", "geaccepteerd", "afgewezen", "verlopen"} <= statussen
    assert Inzet.objects.filter(late_annulering=True).count() == 1
    assert Job.objects.filter(soort="vast", status="vervuld").count() >= 1


def _verhaal() -> dict:
    """The broker data by natural values (no ids, no clock), to compare two builds."""
    return {
        "pakketten": sorted(Werkpakket.objects.values_list("werkgever__naam", "titel", "status")),
        "banen": sorted(
            (j.soort, j.status, j.uren_per_week, j.werknemer.bsn if j.werknemer else "")
            for j in Job.objects.select_related("werknemer")
        ),
        "diensten": sorted(Dienst.objects.values_list("locatie__naam", "start", "eind", "status")),
        "aanbiedingen": sorted(
            (a.werknemer.bsn, str(a.dienst.start) if a.dienst else "", a.job.reden, a.status)
            for a in Aanbod.objects.select_related("werknemer", "dienst", "job")
        ),
        "inzetten": sorted(
            (i.werknemer.bsn, i.start, i.status, i.uren_doorbetaald)
            for i in Inzet.objects.select_related("werknemer")
        ),
    }


def test_same_seed_same_story(db):
    verhalen = []
    for _ in range(2):
        with transaction.atomic():  # each build rolled back to the empty database
            _bouw()
            verhalen.append(_verhaal())
            transaction.set_rollback(True)
    assert Werkpakket.objects.count() == 0
    assert verhalen[0] == verhalen[1]
    assert len(verhalen[0]["aanbiedingen"]) >= 20


def test_manage_py_demo_builds_the_work(db):
    # How long it takes is a benchmark's business, not a unit test's.
    call_command("demo", stdout=StringIO())
    assert Werkpakket.objects.count() == 19


@pytest.fixture(autouse=True)
def _zonder_afgeronde_periode(monkeypatch):
    """These tests count the broker's current work; the past period (test_demo_periode) and
    the last week's hours waiting for the employers are left out so their historic rows do
    not enter the counts."""
    _zonder_historie(monkeypatch)


def _zonder_historie(monkeypatch: pytest.MonkeyPatch) -> None:
    from coop.demo import bouwen

    historisch = ("afgeronde periode (vorige maand)", "uren ter goedkeuring (laatste week)")
    monkeypatch.setattr(bouwen, "STAPPEN", [s for s in bouwen.STAPPEN if s[0] not in historisch])
