"""Signed one-time links: they lead the right member to the right page, once, until expiry."""

import datetime
import threading

import pytest
import time_machine
from django.core import signing
from django.db import connection

from coop.notificaties import links
from coop.notificaties.links import (
    LinkGebruikt,
    LinkOngeldig,
    LinkVerlopen,
    make_link,
    revoke_links,
    use_link,
)
from coop.notificaties.models import EenmaligeLink
from werknemers.models import Werknemer

UUR = datetime.timedelta(hours=1)


def _token(url: str) -> str:
    assert url.startswith("/l/") and url.endswith("/")
    return url[len("/l/") : -1]


def test_link_leads_the_member_to_the_page(werknemer):
    url = make_link(werknemer=werknemer, next_path="/aanbiedingen/7/", ttl=UUR)
    assert "/" not in _token(url)
    lid, pad = use_link(token=_token(url))
    assert lid == werknemer
    assert pad == "/aanbiedingen/7/"
    assert EenmaligeLink.objects.get(werknemer=werknemer).gebruikt_op is not None


def test_link_works_once(werknemer):
    token = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    use_link(token=token)
    with pytest.raises(LinkGebruikt) as fout:
        use_link(token=token)
    assert "al gebruikt" in fout.value.message
    assert fout.value.status_code == 410


def test_two_links_are_independent(werknemer):
    een = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    twee = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    assert een != twee
    use_link(token=een)
    assert use_link(token=twee)[0] == werknemer


def test_link_expires(werknemer):
    token = _token(make_link(werknemer=werknemer, next_path="/rooster/", ttl=UUR))
    with time_machine.travel(datetime.timedelta(hours=1, seconds=1)):
        with pytest.raises(LinkVerlopen) as fout:
            use_link(token=token)
    assert "verlopen" in fout.value.message
    assert not EenmaligeLink.objects.filter(gebruikt_op__isnull=False).exists()


def test_link_valid_until_just_before_expiry(werknemer):
    token = _token(make_link(werknemer=werknemer, next_path="/rooster/", ttl=UUR))
    with time_machine.travel(datetime.timedelta(minutes=59)):
        assert use_link(token=token)[1] == "/rooster/"


@pytest.mark.parametrize(
    "bederf",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: "x" + t,  # payload changed
        lambda t: t[: len(t) // 2],  # cut off (an SMS split badly)
        lambda t: "",
        lambda t: "niet-een-token",
    ],
)
def test_changed_or_cut_link_is_refused(werknemer, bederf):
    token = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    with pytest.raises(LinkOngeldig) as fout:
        use_link(token=bederf(token))
    assert type(fout.value) is LinkOngeldig
    assert "klopt niet" in fout.value.message
    assert not EenmaligeLink.objects.filter(gebruikt_op__isnull=False).exists()


def test_link_signed_for_another_purpose_is_refused(werknemer):
    """The same key signs other things (sessions, passwords): another salt is not a link."""
    make_link(werknemer=werknemer, next_path="/", ttl=UUR)
    sleutel = EenmaligeLink.objects.get().sleutel
    with pytest.raises(LinkOngeldig):
        use_link(token=signing.Signer(salt="iets-anders").sign(sleutel))
    with pytest.raises(LinkOngeldig):
        use_link(token=sleutel)


def test_well_signed_unknown_key_is_refused(werknemer):
    with pytest.raises(LinkOngeldig):
        use_link(token=signing.Signer(salt=links.SALT).sign("bestaat-niet"))


def test_revoked_links_no_longer_work(werknemer, andere_werknemer):
    een = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    ander = _token(make_link(werknemer=andere_werknemer, next_path="/", ttl=UUR))
    assert revoke_links(werknemer=werknemer) == 1
    with pytest.raises(LinkVerlopen):
        use_link(token=een)
    assert use_link(token=ander)[0] == andere_werknemer


def test_link_of_a_member_who_left_or_lost_the_login_is_refused(werknemer, andere_werknemer):
    een = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    twee = _token(make_link(werknemer=andere_werknemer, next_path="/", ttl=UUR))
    Werknemer.objects.filter(pk=werknemer.pk).update(status=Werknemer.Status.UITGETREDEN)
    andere_werknemer.user.is_active = False
    andere_werknemer.user.save()
    for token in (een, twee):
        with pytest.raises(LinkOngeldig):
            use_link(token=token)


@pytest.mark.parametrize(
    "pad", ["https://elders.example/", "//elders.example/", "aanbiedingen/", "/\\elders", ""]
)
def test_link_never_leads_off_the_site(werknemer, pad):
    with pytest.raises(ValueError):
        make_link(werknemer=werknemer, next_path=pad, ttl=UUR)


@pytest.mark.parametrize("ttl", [datetime.timedelta(0), -UUR, datetime.timedelta(days=15)])
def test_link_lifetime_is_bounded(werknemer, ttl):
    with pytest.raises(ValueError):
        make_link(werknemer=werknemer, next_path="/", ttl=ttl)


def test_link_fits_in_an_sms(werknemer):
    """The link goes into a message of at most 160 characters with room for words."""
    url = make_link(
        werknemer=werknemer, next_path="/aanbiedingen/123456/", ttl=links.LANGSTE_GELDIGHEID
    )
    assert len(url) <= 70


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_uses_one_wins(werknemer):
    """Two threads use one link at the same moment: exactly one gets in. On PostgreSQL, as the
    other race tests: two writers on the in-memory SQLite test database meet its shared-cache
    table lock ("database table is locked") before the race this test is about (the single
    use on SQLite: test_link_works_once)."""
    token = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    uitkomsten = []
    start = threading.Barrier(2)

    def gebruik():
        try:
            start.wait()
            use_link(token=token)
            uitkomsten.append("ok")
        except LinkGebruikt:
            uitkomsten.append("gebruikt")
        finally:
            connection.close()

    draden = [threading.Thread(target=gebruik) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert sorted(uitkomsten) == ["gebruikt", "ok"]
    assert EenmaligeLink.objects.filter(gebruikt_op__isnull=False).count() == 1


def test_long_expired_links_are_forgotten(werknemer):
    oud = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
    with time_machine.travel(links.BEWAREN + datetime.timedelta(hours=1, minutes=1)):
        nieuw = _token(make_link(werknemer=werknemer, next_path="/", ttl=UUR))
        assert links.links_opruimen() == 1
        with pytest.raises(LinkOngeldig):
            use_link(token=oud)
        assert use_link(token=nieuw)[0] == werknemer
