"""The broker's decisions reach the member: each event makes one notification with the
facts, the page, and (for e-mail and SMS) a one-time link; withdrawn, cancelled and
reminder messages follow the offer's and the shift's state."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from contracten.models import Document
from coop.models import Aanbod, Dienst, Loonafspraak
from coop.notificaties import gebeurtenissen
from coop.notificaties.berichten import opstellen
from coop.notificaties.kanalen import GeheugenSms
from coop.notificaties.links import use_link
from coop.notificaties.models import Levering, Notificatie, Soort
from coop.services.uren import loonafspraken as loon_services
from coop.services.uren import urenregels as uren_services
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import inzet as inzet_services
from coop.services.werk import werkpakket as werkpakket_services
from tests import factories as f
from tests.coop.test_broker_flow import eenmalig

LINK = re.compile(r"https://werk\.example\.nl/l/([^/\s]+)/")


@pytest.fixture
def overdag():
    """Monday 16 November 2026 at 10:00, outside the default quiet hours."""
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 10, 0, tzinfo=tz), tick=False):
        yield


@pytest.fixture
def binnenkort(api_as, werkgever_user, locatie, catalogus):
    """A published shift two days ahead (a cancellation now keeps the pay)."""
    created = api_as(werkgever_user).post(
        "werkpakketten/", eenmalig(locatie, dagen_vooruit=2, uren="6")
    )
    assert created.status_code == 201, created.body
    api_as(werkgever_user).post(f"werkpakketten/{created.body['id']}/publiceer")
    return Dienst.objects.get(job__werkpakket_id=created.body["id"])


def _van(werknemer, soort):
    return Notificatie.objects.get(werknemer=werknemer, soort=soort)


def test_offer_made_reaches_the_member_with_a_one_tap_link(
    bereikbaar,
    gepubliceerd,
    overdag,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)

    notificatie = _van(bereikbaar, Soort.AANBOD)
    assert notificatie.sleutel == f"aanbod-{aanbod.pk}"
    assert notificatie.pad == f"/aanbiedingen/{aanbod.pk}/"
    assert notificatie.geldig_tot == aanbod.deadline
    assert notificatie.gegevens["plaats"] == gepubliceerd.locatie.naam
    assert Decimal(notificatie.gegevens["uurloon"]) > 0

    [email] = mail.outbox
    assert email.subject == "Nieuw werk voor jou"
    assert gepubliceerd.locatie.naam in email.body and "per uur" in email.body
    [sms] = GeheugenSms.outbox
    assert len(sms["tekst"]) <= 160 and sms["tekst"].startswith("Werk voor je: ")
    for tekst in (email.body, sms["tekst"]):
        [token] = LINK.findall(tekst)
        assert use_link(token=token) == (bereikbaar, f"/aanbiedingen/{aanbod.pk}/")


def test_accepting_withdraws_the_others_offer_and_issues_the_call(
    bereikbaar,
    andere_werknemer,
    gepubliceerd,
    overdag,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        eerste = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    tweede = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=andere_werknemer)
    mail.outbox.clear()
    GeheugenSms.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        inzet = aanbod_services.aanbod_accept(user=andere_werknemer.user, aanbod_id=tweede.pk)

    ingetrokken = _van(bereikbaar, Soort.AANBOD_INGETROKKEN)
    assert (
        ingetrokken.sleutel == f"aanbod-{eerste.pk}" and ingetrokken.gegevens["reden"] == "vergeven"
    )
    assert "al aan iemand anders gegeven" in opstellen(ingetrokken).tekst
    [email] = mail.outbox
    assert email.subject == "Werk gaat niet door"
    assert "al vergeven" in GeheugenSms.outbox[0]["tekst"]
    # the member who accepted: planned (the call) and the on-call contract, in the inbox
    oproep = _van(andere_werknemer, Soort.OPROEP)
    assert oproep.sleutel == f"inzet-{inzet.pk}" and oproep.pad == "/rooster/"
    assert gepubliceerd.locatie.adresregel in opstellen(oproep).tekst
    document = _van(andere_werknemer, Soort.DOCUMENT)
    assert document.gegevens["naam"] == "oproepovereenkomst"
    assert not Levering.objects.filter(notificatie__werknemer=andere_werknemer).exists()
    # a waiting offer message for a taken shift is not sent any more
    assert gebeurtenissen.actueel(_van(bereikbaar, Soort.AANBOD)) is False


def test_offer_withdrawn_before_its_message_left_is_told_in_the_inbox_only(
    bereikbaar,
    andere_werknemer,
    gepubliceerd,
    overdag,
):
    aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)  # not sent
    tweede = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=andere_werknemer)
    aanbod_services.aanbod_accept(user=andere_werknemer.user, aanbod_id=tweede.pk)
    ingetrokken = _van(bereikbaar, Soort.AANBOD_INGETROKKEN)
    assert not ingetrokken.leveringen.exists()


def test_cancelled_package_withdraws_offers_as_not_going_ahead(
    bereikbaar,
    gepubliceerd,
    staff,
    overdag,
):
    aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    werkpakket_services.werkpakket_cancel(user=staff, werkpakket_id=gepubliceerd.job.werkpakket_id)
    ingetrokken = _van(bereikbaar, Soort.AANBOD_INGETROKKEN)
    assert ingetrokken.gegevens["reden"] == "vervallen"
    assert "gaat niet door" in opstellen(ingetrokken).tekst


def test_late_cancellation_tells_the_pay_kept_urgently(
    bereikbaar, binnenkort, staff, django_capture_on_commit_callbacks
):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 10, 0, tzinfo=tz), tick=False):
        aanbod = aanbod_services.aanbod_create(dienst=binnenkort, werknemer=bereikbaar)
        inzet = aanbod_services.aanbod_accept(user=bereikbaar.user, aanbod_id=aanbod.pk)
    mail.outbox.clear()
    # cancelled late in the evening, inside the quiet hours: urgent, so sent at once
    with time_machine.travel(datetime.datetime(2026, 11, 16, 23, 0, tzinfo=tz), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            inzet = inzet_services.inzet_cancel(user=staff, inzet_id=inzet.pk)
    assert inzet.late_annulering and inzet.uren_doorbetaald > 0
    notificatie = _van(bereikbaar, Soort.OPROEP_GEANNULEERD)
    assert notificatie.dringend
    uren = f"{inzet.uren_doorbetaald.normalize():f}".replace(".", ",")
    assert f"Je krijgt wel {uren} uur betaald" in opstellen(notificatie).tekst
    assert notificatie.gegevens["oproeptermijn_dagen"] == 4  # the table's, stored as a fact
    assert "minder dan 4 dagen van tevoren afgezegd" in opstellen(notificatie).tekst
    assert [m.subject for m in mail.outbox] == ["Je dienst gaat niet door"]
    assert f"Je krijgt {uren} uur betaald." in GeheugenSms.outbox[-1]["tekst"]
    assert LINK.search(GeheugenSms.outbox[-1]["tekst"])


def test_reminder_four_hours_before_the_deadline_once(
    bereikbaar,
    gepubliceerd,
    django_capture_on_commit_callbacks,
):
    tz = timezone.get_current_timezone()
    begin = datetime.datetime(2026, 11, 16, 15, 0, tzinfo=tz)
    with time_machine.travel(begin, tick=False):
        aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    vier_uur = aanbod.deadline - datetime.timedelta(hours=4)
    with time_machine.travel(vier_uur - datetime.timedelta(minutes=1), tick=False):
        assert gebeurtenissen.aanbiedingen_bijna_verlopen() == 0
    with time_machine.travel(vier_uur + datetime.timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert gebeurtenissen.aanbiedingen_bijna_verlopen() == 1
            assert gebeurtenissen.aanbiedingen_bijna_verlopen() == 0
    herinnering = _van(bereikbaar, Soort.AANBOD_VERLOOPT)
    assert herinnering.geldig_tot == aanbod.deadline
    assert herinnering.pad == f"/aanbiedingen/{aanbod.pk}/"
    assert "Nog 4 uur om te antwoorden" in [m.subject for m in mail.outbox]


def test_no_reminder_for_an_answered_offer(bereikbaar, gepubliceerd):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 9, 0, tzinfo=tz), tick=False):
        aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
        aanbod_services.aanbod_decline(user=bereikbaar.user, aanbod_id=aanbod.pk)
    with time_machine.travel(aanbod.deadline - datetime.timedelta(hours=1), tick=False):
        assert gebeurtenissen.aanbiedingen_bijna_verlopen() == 0
    assert Aanbod.objects.get(pk=aanbod.pk).status == "afgewezen"


def test_hours_to_confirm_after_the_shift_until_entered(bereikbaar, binnenkort):
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime.datetime(2026, 11, 16, 10, 0, tzinfo=tz), tick=False):
        aanbod = aanbod_services.aanbod_create(dienst=binnenkort, werknemer=bereikbaar)
        inzet = aanbod_services.aanbod_accept(user=bereikbaar.user, aanbod_id=aanbod.pk)
    with time_machine.travel(inzet.eind - datetime.timedelta(minutes=1), tick=False):
        assert gebeurtenissen.uren_te_bevestigen() == 0
    with time_machine.travel(inzet.eind + datetime.timedelta(hours=1), tick=False):
        assert gebeurtenissen.uren_te_bevestigen() == 1
        assert gebeurtenissen.uren_te_bevestigen() == 0
        notificatie = _van(bereikbaar, Soort.UREN_BEVESTIGEN)
        assert notificatie.pad == "/uren/" and notificatie.gegevens["inzet_id"] == inzet.pk
        uren_services.urenregel_submit(
            user=bereikbaar.user, inzet_id=inzet.pk, start=inzet.start, eind=inzet.eind
        )
    Notificatie.objects.filter(soort=Soort.UREN_BEVESTIGEN).delete()
    with time_machine.travel(inzet.eind + datetime.timedelta(hours=2), tick=False):
        assert gebeurtenissen.uren_te_bevestigen() == 0  # entered: nothing to ask


def test_expiring_certificate_once_unless_a_newer_one_is_held(bereikbaar, catalogus):
    vandaag = datetime.date(2026, 11, 16)
    bijna = f.CertificaatFactory(
        werknemer=bereikbaar,
        soort=catalogus["vca"],
        geldig_tot=vandaag + datetime.timedelta(days=20),
    )
    bhv = f.CertificaatSoortFactory(code="bhv", naam="BHV")
    f.CertificaatFactory(
        werknemer=bereikbaar, soort=bhv, geldig_tot=vandaag + datetime.timedelta(days=60)
    )
    assert gebeurtenissen.certificaten_verlopen(vandaag=vandaag) == 1
    assert gebeurtenissen.certificaten_verlopen(vandaag=vandaag) == 0
    notificatie = _van(bereikbaar, Soort.CERTIFICAAT_VERLOOPT)
    assert (
        "VCA Basis" in opstellen(notificatie).tekst and "6 dec 2026" in opstellen(notificatie).tekst
    )

    ander = f.WerknemerFactory()
    f.CertificaatFactory(werknemer=ander, soort=bijna.soort, geldig_tot=bijna.geldig_tot)
    f.CertificaatFactory(
        werknemer=ander, soort=bijna.soort, geldig_tot=vandaag + datetime.timedelta(days=400)
    )
    assert gebeurtenissen.certificaten_verlopen(vandaag=vandaag) == 0


def test_new_document_version_after_a_wage_agreement(
    bereikbaar,
    gepubliceerd,
    staff,
    overdag,
):
    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    aanbod_services.aanbod_accept(user=bereikbaar.user, aanbod_id=aanbod.pk)
    voor = set(Notificatie.objects.filter(soort=Soort.DOCUMENT).values_list("pk", flat=True))
    loon_services.loonafspraak_create(
        user=staff,
        werknemer_id=bereikbaar.pk,
        geldig_van=datetime.date(2026, 11, 1),
        uurloon=Decimal("19.50"),
    )
    assert Loonafspraak.objects.filter(werknemer=bereikbaar).exists()
    nieuw = Notificatie.objects.filter(soort=Soort.DOCUMENT).exclude(pk__in=voor)
    assert nieuw.count() >= 1
    assert {n.gegevens["reden"] for n in nieuw} == {"loon"}
    assert all(
        n.gegevens["document_soort"] == Document.objects.get(pk=n.gegevens["document_id"]).soort
        for n in nieuw
    )
    assert all(n.gegevens["versie"] > 1 for n in nieuw)
    assert "omdat je loon is aangepast" in opstellen(nieuw.first()).tekst


def test_a_failing_notification_never_undoes_the_decision(
    bereikbaar,
    gepubliceerd,
    overdag,
    monkeypatch,
):
    def kapot(**kwargs):
        raise RuntimeError("storing")

    monkeypatch.setattr(gebeurtenissen, "notificatie_create", kapot)
    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    inzet = aanbod_services.aanbod_accept(user=bereikbaar.user, aanbod_id=aanbod.pk)
    assert inzet.pk and Aanbod.objects.get(pk=aanbod.pk).status == "geaccepteerd"
    assert not Notificatie.objects.exists()


def test_a_notification_recorded_concurrently_is_no_error_and_no_second_one(
    bereikbaar, gepubliceerd, overdag, monkeypatch, caplog
):
    """Two runs of one event at once: the second passes the "not yet recorded" check before
    the first commits, and the unique key refuses its row. The decision stands, one
    notification remains and nothing is logged as an error."""
    from django.db.models import QuerySet

    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    assert Notificatie.objects.filter(werknemer=bereikbaar, soort=Soort.AANBOD).count() == 1
    echt = QuerySet.exists
    monkeypatch.setattr(
        QuerySet, "exists", lambda qs: False if qs.model is Notificatie else echt(qs)
    )
    with caplog.at_level("INFO", logger="coop.notificaties.gebeurtenissen"):
        assert gebeurtenissen.aanbod_gedaan(aanbod) is None
    assert Notificatie.objects.filter(werknemer=bereikbaar, soort=Soort.AANBOD).count() == 1
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]
    assert "al vastgelegd" in caplog.text


def test_the_call_of_an_assignment_is_recorded_once_when_told_twice(
    bereikbaar, gepubliceerd, overdag, caplog
):
    """The call's notification is not looked up before it is written (the assignment is new
    in the same transaction); told twice anyway, the unique key keeps it to one, without an
    error."""
    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=bereikbaar)
    inzet = aanbod_services.aanbod_accept(user=bereikbaar.user, aanbod_id=aanbod.pk)
    assert Notificatie.objects.filter(werknemer=bereikbaar, soort=Soort.OPROEP).count() == 1
    with caplog.at_level("INFO", logger="coop.notificaties.gebeurtenissen"):
        assert gebeurtenissen.oproep_uitgegeven(inzet) is None
    assert Notificatie.objects.filter(werknemer=bereikbaar, soort=Soort.OPROEP).count() == 1
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]
    assert "al vastgelegd" in caplog.text


def test_permanent_job_offer_and_its_contract(gebundeld, catalogus, overdag):
    from coop.models import Job
    from tests.coop.conftest import lid

    job = Job.objects.get(soort="vast")
    kandidaat = lid(
        catalogus, f.UserFactory(username="kandidaat"), email="k@example.nl", telefoon="0612345678"
    )
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=kandidaat)
    aangeboden = _van(kandidaat, Soort.AANBOD)
    assert aangeboden.gegevens["vast"] is True
    assert aangeboden.gegevens["uren_per_week"] == str(job.uren_per_week)
    tekst = opstellen(aangeboden).tekst
    assert tekst.startswith(f"Er is een vaste baan voor je: {job.uren_per_week} uur per week bij ")

    aanbod_services.aanbod_accept(user=kandidaat.user, aanbod_id=aanbod.pk)
    document = _van(kandidaat, Soort.DOCUMENT)
    assert document.gegevens["naam"] == "arbeidsovereenkomst"
    assert opstellen(document).titel == "Nieuw document: arbeidsovereenkomst"
    # a document is announced by e-mail; no SMS where an e-mail address is known
    assert [lev.kanaal for lev in document.leveringen.all()] == ["email"]
    assert not Notificatie.objects.filter(werknemer=kandidaat, soort=Soort.OPROEP).exists()


def _vast_aangenomen(catalogus):
    from coop.models import Job
    from tests.coop.conftest import lid

    job = Job.objects.get(soort="vast")
    kandidaat = lid(
        catalogus, f.UserFactory(username="kandidaat"), email="k@example.nl", telefoon="0612345678"
    )
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=kandidaat)
    mail.outbox.clear()
    aanbod_services.aanbod_accept(user=kandidaat.user, aanbod_id=aanbod.pk)
    return kandidaat


def test_contract_message_waits_for_its_pdf_and_goes_once_it_is_made(
    gebundeld, catalogus, overdag, django_capture_on_commit_callbacks
):
    """The contract's PDF is rendered after the commit: its message is held until the file
    exists (a member who follows the link can open it), then sent at once."""
    from contracten import weergave
    from contracten.models import Document
    from coop.notificaties import versturen

    kandidaat = _vast_aangenomen(catalogus)
    melding = _van(kandidaat, Soort.DOCUMENT)
    contract = Document.objects.get(pk=melding.gegevens["document_id"])
    assert contract.sha256 is None
    # Queued at the commit, before the render: nothing goes yet, nothing is used up.
    assert versturen.notificatie_versturen(notificatie_id=melding.pk) == {"email": "wacht"}
    assert versturen.wachtende_versturen() == 0
    levering = melding.leveringen.get()
    assert (levering.status, levering.pogingen, mail.outbox) == ("wacht", 0, [])
    # The render records the file and sends what waited for it.
    with django_capture_on_commit_callbacks(execute=True):
        assert weergave.weergeven(contract.pk) == "gemaakt"
    levering.refresh_from_db()
    assert (levering.status, levering.pogingen) == ("verzonden", 1)
    assert [m.subject for m in mail.outbox] == ["Nieuw document: arbeidsovereenkomst"]


def test_contract_message_after_the_commit_goes_once_with_its_pdf(
    gebundeld, catalogus, overdag, django_capture_on_commit_callbacks
):
    from contracten.models import Document

    with django_capture_on_commit_callbacks(execute=True):
        kandidaat = _vast_aangenomen(catalogus)
    melding = _van(kandidaat, Soort.DOCUMENT)
    assert Document.objects.get(pk=melding.gegevens["document_id"]).weergave == "klaar"
    assert melding.leveringen.get().status == "verzonden"
    assert [m.subject for m in mail.outbox] == ["Nieuw document: arbeidsovereenkomst"]
