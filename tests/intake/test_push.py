"""Each status change is pushed to the corporation's callback address by a django-q2 task:
to a local test server (127.0.0.1 only), retried after a failure, idempotent, and on staff's
worklist (contracten's Verplichtingen, soort vera_status) after the last failed attempt,
until a later message arrives."""

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_q.models import Schedule

from contracten.models import Verplichting
from coop.intake import spec, tasks
from coop.intake.models import Statusmelding
from tests.intake.conftest import order

MAANDAG = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


class Corporatie:
    """A corporation's OHD server on 127.0.0.1 that answers with the statuses it is given."""

    def __init__(self, antwoorden):
        self.antwoorden = list(antwoorden)
        self.ontvangen = []
        buiten = self

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self):
                lengte = int(self.headers["Content-Length"])
                buiten.ontvangen.append(
                    (self.path, dict(self.headers), json.loads(self.rfile.read(lengte)))
                )
                status = buiten.antwoorden.pop(0) if buiten.antwoorden else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/ohd/v4"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def corporatie(koppeling):
    servers = []

    def start(*antwoorden):
        server = Corporatie(antwoorden)
        servers.append(server)
        koppeling.callback_url = server.url
        koppeling.callback_sleutel = "sleutel-van-de-corporatie"
        koppeling.save()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def tijd():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def test_status_change_is_pushed_and_retried_after_a_failure(
    ohd, sleutel, corporatie, django_capture_on_commit_callbacks, settings
):
    settings.VERA_PUSH_POGINGEN = 3
    server = corporatie(503)
    with django_capture_on_commit_callbacks(execute=True):
        assert ohd(sleutel).post("onderhoudsorders", order()).status_code == 201
    melding = Statusmelding.objects.get()
    assert (melding.status, melding.verzending, melding.pogingen) == ("GUN", "wachtend", 1)
    assert "HTTP 503" in melding.laatste_fout
    herhaling = Schedule.objects.get(func="coop.intake.tasks.statusmelding_versturen")
    assert herhaling.args == f"({melding.pk},)"
    assert herhaling.schedule_type == Schedule.ONCE

    # The scheduled retry sends the same message again, now accepted.
    assert tasks.statusmelding_versturen(melding.pk) == "verzonden"
    assert len(server.ontvangen) == 2
    (pad1, kop1, body1), (pad2, kop2, body2) = server.ontvangen
    assert pad1 == pad2 == "/ohd/v4/onderhoudsorders/WO-2026-0412"
    assert kop1["X-Stuurgegevens-Referentienummer"] == kop2["X-Stuurgegevens-Referentienummer"]
    assert kop1["X-Stuurgegevens-Referentienummer"] == str(melding.referentie)
    assert kop1["X-Api-Key"] == "sleutel-van-de-corporatie"
    assert body1 == body2
    assert body1["status"] == {"code": "GUN", "naam": "Order gegund"}
    assert spec.fouten_in_schema(body1) == []

    # Idempotent: a duplicate run of the task sends nothing more.
    assert tasks.statusmelding_versturen(melding.pk) == "verzonden"
    assert len(server.ontvangen) == 2


def _werklijst(api_as, staff, **filters):
    antwoord = api_as(staff).get("documenten/verplichtingen", {"soort": "vera_status", **filters})
    assert antwoord.status_code == 200, antwoord.body
    return antwoord.body["items"]


def test_after_the_last_failure_the_message_is_on_the_staff_worklist(
    ohd,
    sleutel,
    corporatie,
    django_capture_on_commit_callbacks,
    settings,
    api_as,
    staff,
    werkgever_user,
):
    settings.VERA_PUSH_POGINGEN = 2
    server = corporatie(500, 500, 500)
    with django_capture_on_commit_callbacks(execute=True):
        ohd(sleutel).post("onderhoudsorders", order())
    melding = Statusmelding.objects.get()
    assert _werklijst(api_as, staff) == []  # one failure: retried, not listed yet
    assert tasks.statusmelding_versturen(melding.pk) == "mislukt"
    assert len(server.ontvangen) == 2
    # On staff's one worklist (contracten's Verplichtingen), with what failed and what to do.
    [item] = _werklijst(api_as, staff)
    assert (item["soort"], item["status"], item["werknemer_id"]) == ("vera_status", "open", None)
    assert item["soort_label"] == "statusbericht aan corporatie niet aangekomen"
    assert item["vervaldatum"] == "2026-11-02"
    toelichting = item["toelichting"]
    for deel in ("WO-2026-0412", "GUN Order gegund", "Woonstichting", "2 poging(en)", "HTTP 500"):
        assert deel in toelichting, toelichting
    assert "Opnieuw versturen" in toelichting
    assert Verplichting.objects.get().statusmelding == melding
    # Staff only: an employer does not see the worklist.
    assert api_as(werkgever_user).get("documenten/verplichtingen").status_code == 403
    # No further attempt once it failed for good, and no second item.
    assert tasks.statusmelding_versturen(melding.pk) == "mislukt"
    assert len(server.ontvangen) == 2
    assert Verplichting.objects.count() == 1


def test_a_later_push_that_arrives_takes_it_off_the_worklist(
    ohd, sleutel, corporatie, settings, api_as, staff
):
    settings.VERA_PUSH_POGINGEN = 1
    server = corporatie(500, 500, 200)
    ohd(sleutel).post("onderhoudsorders", order())  # GUN, queued after commit (not run here)
    eerste = Statusmelding.objects.get()
    assert tasks.statusmelding_versturen(eerste.pk) == "mislukt"
    [item] = _werklijst(api_as, staff)
    # A newer status that fails too replaces the item: one open item per order.
    tweede = Statusmelding.objects.create(order=eerste.order, status="PLN", bericht=eerste.bericht)
    assert tasks.statusmelding_versturen(tweede.pk) == "mislukt"
    [nieuw] = _werklijst(api_as, staff)
    assert nieuw["id"] != item["id"] and "PLN" in nieuw["toelichting"]
    vervangen = Verplichting.objects.get(pk=item["id"])
    assert vervangen.status == "afgehandeld" and "nieuwer statusbericht" in vervangen.afhandeling
    # A later message that arrives closes it.
    derde = Statusmelding.objects.create(order=eerste.order, status="INB", bericht=eerste.bericht)
    assert tasks.statusmelding_versturen(derde.pk) == "verzonden"
    assert len(server.ontvangen) == 3
    assert _werklijst(api_as, staff) == []
    gesloten = Verplichting.objects.get(pk=nieuw["id"])
    assert gesloten.status == "afgehandeld" and gesloten.afgehandeld_op is not None
    assert "'INB'" in gesloten.afhandeling and "kwam wel aan" in gesloten.afhandeling
    assert [i["id"] for i in _werklijst(api_as, staff, status="afgehandeld")] == sorted(
        [item["id"], nieuw["id"]]
    )


def test_staff_send_it_again_from_the_admin(
    ohd, sleutel, corporatie, settings, api_as, staff, client
):
    settings.VERA_PUSH_POGINGEN = 1
    server = corporatie(500, 500, 200)
    ohd(sleutel).post("onderhoudsorders", order())
    melding = Statusmelding.objects.get()
    assert tasks.statusmelding_versturen(melding.pk) == "mislukt"
    item = Verplichting.objects.get()
    # Staff mark it done, send it again (the test cluster runs the task at once) and it fails
    # again: the same item is open again.
    api_as(staff).post(f"documenten/verplichtingen/{item.pk}/afhandelen", {"afhandeling": "adres"})
    client.force_login(staff)
    actie = {"action": "opnieuw_versturen", "_selected_action": [melding.pk]}
    client.post("/admin/intake/statusmelding/", actie)
    melding.refresh_from_db()
    assert (melding.verzending, melding.pogingen) == ("mislukt", 1)
    item.refresh_from_db()
    assert (item.status, item.afhandeling, item.afgehandeld_op) == ("open", "", None)
    assert Verplichting.objects.count() == 1
    # Once more, now it arrives: off the list.
    client.post("/admin/intake/statusmelding/", actie)
    melding.refresh_from_db()
    assert melding.verzending == "verzonden"
    assert len(server.ontvangen) == 3
    assert _werklijst(api_as, staff) == []


def test_without_a_callback_address_nothing_is_queued(
    ohd, sleutel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ohd(sleutel).post("onderhoudsorders", order())
    assert Statusmelding.objects.count() == 0


def test_an_older_message_is_not_sent_after_a_newer_one(ohd, sleutel, corporatie, koppeling):
    server = corporatie()
    ohd(sleutel).post("onderhoudsorders", order())  # on_commit not run: nothing sent yet
    ouder = Statusmelding.objects.get()
    nieuwer = Statusmelding.objects.create(order=ouder.order, status="PLN", bericht=ouder.bericht)
    assert tasks.statusmelding_versturen(nieuwer.pk) == "verzonden"
    assert tasks.statusmelding_versturen(ouder.pk) == "vervangen"
    assert len(server.ontvangen) == 1


def test_scheduled_recompute_catches_a_change_made_without_signals(ohd, sleutel, corporatie):
    from coop.models import Werkpakket

    corporatie()
    ohd(sleutel).post("onderhoudsorders", order())
    Werkpakket.objects.update(status=Werkpakket.Status.GEANNULEERD)  # bulk: no signal
    assert Statusmelding.objects.get().status == "GUN"
    assert tasks.statussen_bijwerken() == 1
    assert [m.status for m in Statusmelding.objects.order_by("pk")] == ["GUN", "GEA"]
    assert tasks.statussen_bijwerken() == 0


def test_the_recompute_is_scheduled(db):
    from coop.schedules import SCHEDULES, apply_schedules

    apply_schedules()
    planning = Schedule.objects.get(name="vera-orderstatus-bijwerken")
    assert planning.func == "coop.intake.tasks.statussen_bijwerken"
    assert planning.schedule_type == Schedule.MINUTES and planning.minutes == 15
    assert "coop.intake.tasks.statussen_bijwerken" in {p.func for p in SCHEDULES}
