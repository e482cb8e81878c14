"""Who is asking: the Actor decided once at authentication, and the one staff-only guard."""

import pytest
from django.contrib.auth.models import AnonymousUser

from coop.core.auth import ANONIEM, Actor, TokenAuth, actor_van, vereis_staff
from coop.core.exceptions import NotFound, PermissionDenied
from coop.core.models import ApiToken
from tests import factories as f


@pytest.mark.django_db
def test_each_role_is_its_own_actor():
    staff = f.UserFactory(is_staff=True)
    gebruiker = f.WerkgeverGebruikerFactory(is_beheerder=True)
    lid = f.WerknemerFactory(user=f.UserFactory())
    assert actor_van(staff) == Actor(staff.pk, "staff")
    assert actor_van(gebruiker.user) == Actor(
        gebruiker.user.pk, "werkgever", werkgever_id=gebruiker.werkgever_id, beheerder=True
    )
    assert actor_van(lid.user) == Actor(lid.user.pk, "werknemer", werknemer_id=lid.pk)
    assert actor_van(AnonymousUser()) is ANONIEM and actor_van(None) is ANONIEM
    assert actor_van(actor_van(staff)) == actor_van(staff)


@pytest.mark.django_db
def test_authentication_decides_the_actor_once(rf, django_assert_num_queries):
    gebruiker = f.WerkgeverGebruikerFactory()
    _, sleutel = ApiToken.issue(user=gebruiker.user, name="test")
    verzoek = rf.get("/api/v1/auth/me")
    user = TokenAuth().authenticate(verzoek, sleutel)
    assert verzoek.actor.rol == "werkgever" and verzoek.actor.werkgever_id == gebruiker.werkgever_id
    with django_assert_num_queries(0):
        assert actor_van(user) is verzoek.actor


@pytest.mark.django_db
def test_a_tokens_last_use_is_written_at_most_once_a_minute(rf):
    import datetime

    import time_machine
    from django.utils import timezone

    lid = f.WerknemerFactory(user=f.UserFactory())
    token, sleutel = ApiToken.issue(user=lid.user, name="test")
    begin = timezone.now()
    with time_machine.travel(begin, tick=False):
        TokenAuth().authenticate(rf.get("/"), sleutel)
    token.refresh_from_db()
    assert token.last_used_at == begin
    with time_machine.travel(begin + datetime.timedelta(seconds=59), tick=False):
        TokenAuth().authenticate(rf.get("/"), sleutel)
    token.refresh_from_db()
    assert token.last_used_at == begin
    with time_machine.travel(begin + datetime.timedelta(seconds=61), tick=False):
        TokenAuth().authenticate(rf.get("/"), sleutel)
    token.refresh_from_db()
    assert token.last_used_at == begin + datetime.timedelta(seconds=61)


def test_the_staff_guard_refuses_with_403_or_hides_with_404():
    lid = Actor(7, "werknemer", werknemer_id=3)
    with pytest.raises(PermissionDenied, match="Alleen medewerkers"):
        vereis_staff(lid)
    with pytest.raises(NotFound):
        vereis_staff(lid, verbergen=True)
    vereis_staff(Actor(1, "staff"))
