"""The employer hears by e-mail when a member's absence releases their shift: once, after the
commit, to their own active users, with the member's first name and initial only."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from coop.models import Gebeurtenis
from coop.services.werk.werkgeverbericht import werkgeverbericht_send
from tests import factories as f
from tests.coop.test_broker_isolation import wereld  # noqa: F401


def test_released_shift_is_mailed_to_the_employers_users_once(
    api_as,
    client,
    wereld,  # noqa: F811
    werknemer,
    werknemer_user,
    werkgever_user,
    andere_werkgever_user,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.COOP_MAKELAAR = {**settings.COOP_MAKELAAR, "naam": "Buurtwerk Kanaleneiland U.A."}
    werkgever = werkgever_user.werkgever_gebruiker.werkgever
    werkgever_user.first_name = "Sanne"
    werkgever_user.save()
    oud = f.UserFactory(username="oud-planner", is_active=False)
    f.WerkgeverGebruikerFactory(user=oud, werkgever=werkgever)
    zonder = f.UserFactory(username="zonder-adres", email="")
    f.WerkgeverGebruikerFactory(user=zonder, werkgever=werkgever)
    dag = timezone.localdate() + timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        r = api_as(werknemer_user).post(
            "afwezigheid/",
            {
                "soort": "kan_niet",
                "van": dag.isoformat(),
                "tot": dag.isoformat(),
                "reden": "mantelzorg voor mijn moeder",
            },
        )
    assert r.status_code == 201, r.body
    assert len(r.body["vrijgegeven"]) == 1

    # Only the employer's active users with an address; nothing to the other organisation.
    bericht = Gebeurtenis.objects.get(soort="melding_werkgever")
    werkgeverberichten = [m for m in mail.outbox if m.to == [werkgever_user.email]]
    assert len(werkgeverberichten) == 1
    assert not [m for m in mail.outbox if m.to in ([oud.email], [andere_werkgever_user.email])]
    [email] = werkgeverberichten
    assert email.subject == "Wijziging in de bezetting van uw dienst"
    assert email.body.startswith("Beste Sanne,")
    assert "Fatima E. kan dienst" in email.body and "Uw dienst blijft staan" in email.body
    assert f"/werkgever/werk/{wereld['pakket']}/" in email.body
    # Signed by the broker as configured (the legal employer), not a fixed name.
    assert email.body.rstrip().endswith("Buurtwerk Kanaleneiland U.A.")
    # No surname, BSN, IBAN or reason of the member.
    for geheim in ("Amrani", werknemer.bsn, werknemer.iban, "mantelzorg", "kan_niet", "afwezig"):
        assert geheim not in email.body
    bericht.refresh_from_db()
    assert bericht.gemaild_op is not None

    # A rerun of the task sends nothing again.
    aantal = len(mail.outbox)
    assert werkgeverbericht_send(gebeurtenis_id=bericht.pk) == 0
    assert len(mail.outbox) == aantal

    # The employer reads the same message on their package page.
    client.force_login(werkgever_user)
    pagina = client.get(f"/werkgever/werk/{wereld['pakket']}/").content.decode()
    assert "Fatima E. kan dienst" in pagina and "Uw dienst blijft staan" in pagina
    assert "mantelzorg" not in pagina
