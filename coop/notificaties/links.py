"""Signed one-time links: a member taps a link in a message and is logged in at one page.

`make_link` stores a random key with whom the link is for, where it leads and until when
(`EenmaligeLink`) and returns the key signed with Django's signing (the SECRET_KEY), so a
guessed or changed token is refused before the database is asked, and the link fits in an
SMS. `use_link` checks the signature and the expiry and marks the link used in one
conditional UPDATE: of two requests with the same link, exactly one wins. The page at
/l/<token>/ logs the member in and redirects to the path.
"""

import datetime
import secrets

from django.core import signing
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import ApplicationError
from coop.notificaties.models import EenmaligeLink
from werknemers.models import Werknemer

SALT = "coop.notificaties.link"
# The longest a link may live: a message lies in a phone for days, not months.
LANGSTE_GELDIGHEID = datetime.timedelta(days=14)
# Expired links are kept this long (to answer "already used" rather than "not ours"), then
# forgotten by a daily schedule.
BEWAREN = datetime.timedelta(days=30)

_signer = signing.Signer(salt=SALT)


class LinkOngeldig(ApplicationError):
    """The link is not one of ours (mistyped, cut off, changed) or its member cannot log in."""

    status_code = 404

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Deze link klopt niet. Log in om verder te gaan."), **kwargs)


class LinkVerlopen(LinkOngeldig):
    status_code = 410

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Deze link is verlopen. Log in om verder te gaan."), **kwargs)


class LinkGebruikt(LinkOngeldig):
    status_code = 410

    def __init__(self, message=None, **kwargs):
        super().__init__(
            message
            or _(
                "Deze link is al gebruikt. Een link werkt maar één keer. Log in om verder te gaan."
            ),
            **kwargs,
        )


def _veilig_pad(pad: str) -> bool:
    """A path on this site only (no other host, no scheme): a link never sends a member away."""
    return (
        isinstance(pad, str)
        and pad.startswith("/")
        and not pad.startswith("//")
        and "\\" not in pad
        and len(pad) <= 500
        and url_has_allowed_host_and_scheme(pad, allowed_hosts=None, require_https=False)
    )


def make_link(*, werknemer: Werknemer, next_path: str, ttl: datetime.timedelta) -> str:
    """The relative URL `/l/<token>/` that logs `werknemer` in once and leads to `next_path`."""
    if not _veilig_pad(next_path):
        raise ValueError(f"next_path must be a path on this site, not {next_path!r}")
    if not datetime.timedelta(0) < ttl <= LANGSTE_GELDIGHEID:
        raise ValueError(f"ttl must be positive and at most {LANGSTE_GELDIGHEID}, not {ttl}")
    link = EenmaligeLink.objects.create(
        sleutel=secrets.token_urlsafe(9),
        werknemer=werknemer,
        pad=next_path,
        verloopt_op=timezone.now() + ttl,
    )
    return f"/l/{_signer.sign(link.sleutel)}/"


def use_link(*, token: str) -> tuple[Werknemer, str]:
    """The member and the path of a valid link, which can then not be used again.

    Raises LinkOngeldig (changed, unknown, or the member has no active login), LinkVerlopen
    or LinkGebruikt, each with a Dutch sentence for the member."""
    try:
        sleutel = _signer.unsign(token)
    except signing.BadSignature as exc:
        raise LinkOngeldig() from exc
    link = EenmaligeLink.objects.filter(sleutel=sleutel).first()
    if link is None:
        raise LinkOngeldig()
    nu = timezone.now()
    if nu >= link.verloopt_op:
        raise LinkVerlopen()
    werknemer = (
        Werknemer.objects.select_related("user")
        .filter(pk=link.werknemer_id, user__is_active=True)
        .exclude(status=Werknemer.Status.UITGETREDEN)
        .first()
    )
    if werknemer is None:
        raise LinkOngeldig()
    gewonnen = EenmaligeLink.objects.filter(
        pk=link.pk, gebruikt_op__isnull=True, verloopt_op__gt=nu
    ).update(gebruikt_op=nu)
    if not gewonnen:
        raise LinkGebruikt()
    return werknemer, link.pad


def revoke_links(*, werknemer: Werknemer) -> int:
    """Make every unused link of a member unusable (a lost phone, a member who left)."""
    return EenmaligeLink.objects.filter(
        werknemer=werknemer, gebruikt_op__isnull=True, verloopt_op__gt=timezone.now()
    ).update(verloopt_op=timezone.now())


def links_opruimen(*, nu: datetime.datetime | None = None) -> int:
    """Forget links expired more than BEWAREN ago (used or not); returns how many."""
    grens = (nu or timezone.now()) - BEWAREN
    return EenmaligeLink.objects.filter(verloopt_op__lt=grens).delete()[0]
