"""The demo for the planning board (issue 14): after `make run` the demo login `makelaar`
(password `makelaar-demo`) opens the board on the week `make run` prints (the first with
open work: the demo's work starts after today, and the board opens on this week), sees its
unfilled shifts, opens a shift's candidate panel and sees the members ranked for it."""

import re
from io import StringIO

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from coop.demo import build_demo
from coop.models import Dienst


@pytest.fixture(scope="class")
def _gebouwde_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo as `make run` builds it, once for the class, inside a transaction
    rolled back after it; each test's own transaction (`db`) nests in it. Yields the
    files' folder and what `make run` prints."""
    media = tmp_path_factory.mktemp("demo-planbord-media")
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media):
            build_demo(stdout=out, vandaag=timezone.localdate())
        yield media, out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def makelaar(_gebouwde_demo, db, settings) -> Client:
    settings.MEDIA_ROOT = _gebouwde_demo[0]
    client = Client()
    ingelogd = client.post(
        "/inloggen/", {"gebruikersnaam": "makelaar", "wachtwoord": "makelaar-demo"}
    )
    assert ingelogd.status_code == 302, ingelogd.content.decode()[:2000]
    return client


class TestTheDemoBrokerPlans:
    def test_the_printed_board_shows_the_demo_week_with_unfilled_shifts(
        self, makelaar, _gebouwde_demo
    ):
        dienst = _eerste_open_dienst()
        jaar, week, _ = timezone.localtime(dienst.start).isocalendar()
        url = f"/planning/?week={jaar}-W{week:02d}"
        assert (
            f"Planbord:         http://127.0.0.1:8000{url}  (met de makelaar-login)"
            in (_gebouwde_demo[1])
        )
        bord = makelaar.get(url)
        assert bord.status_code == 200
        html = bord.content.decode()
        onbezet = re.search(r"<strong>(\d+) onbezet</strong>", html)
        assert onbezet and int(onbezet.group(1)) > 0, html[:3000]
        assert f'id="dienst-{dienst.pk}" class="dienst onbezet"' in html

    def test_a_shifts_candidate_panel_ranks_demo_members(self, makelaar):
        dienst = _eerste_open_dienst()
        paneel = makelaar.get(f"/planning/diensten/{dienst.pk}/", headers={"HX-Request": "true"})
        assert paneel.status_code == 200
        html = paneel.content.decode()
        assert '<ol class="kandidatenlijst">' in html, html[:3000]
        scores = [float(s) for s in re.findall(r"· score (\d+[.,]\d+)", html.replace(",", "."))]
        assert len(scores) >= 2 and scores == sorted(scores, reverse=True)
        assert f"/planning/diensten/{dienst.pk}/aanbieden/" in html  # one click to offer

    def test_its_own_page_without_javascript(self, makelaar):
        dienst = _eerste_open_dienst()
        pagina = makelaar.get(f"/planning/diensten/{dienst.pk}/")
        assert pagina.status_code == 200
        assert '<ol class="kandidatenlijst">' in pagina.content.decode()


def _eerste_open_dienst() -> Dienst:
    """The first open shift of the demo's work from now on, no one placed on it."""
    dienst = (
        Dienst.objects.filter(status="open", start__gt=timezone.now(), inzetten__isnull=True)
        .order_by("start", "pk")
        .first()
    )
    assert dienst is not None, "the demo has no open shift"
    return dienst
