"""Key rotation: `manage.py sleutel_roteren` re-encrypts BSN and IBAN with the first key and
recomputes the BSN index, after which the old key can be removed."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from coop.core.fields import blind_index
from tests import factories as f
from werknemers.models import Werknemer

OUD = Fernet.generate_key().decode()
NIEUW = Fernet.generate_key().decode()


def _ruw(werknemer) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT bsn, iban FROM {Werknemer._meta.db_table} WHERE id = %s", [werknemer.pk]
        )
        return cursor.fetchone()


def _roteren(*args) -> str:
    uit = io.StringIO()
    call_command("sleutel_roteren", *args, stdout=uit)
    return uit.getvalue()


@pytest.fixture
def onder_oude_sleutel(db, settings):
    settings.FIELD_ENCRYPTION_KEY = OUD
    leden = [
        f.WerknemerFactory(bsn="111222333", iban="NL91ABNA0417164300"),
        f.WerknemerFactory(bsn="123456782", iban=""),
    ]
    return leden


def test_rotation_re_encrypts_with_the_first_key_and_the_old_key_can_go(
    onder_oude_sleutel, settings
):
    eerste, tweede = onder_oude_sleutel
    bsn_oud, iban_oud = _ruw(eerste)
    Fernet(OUD.encode()).decrypt(bsn_oud.encode())

    settings.FIELD_ENCRYPTION_KEY = f"{NIEUW},{OUD}"
    # Before the rotation: still readable through the old key, but not found by BSN.
    assert Werknemer.objects.get(pk=eerste.pk).bsn == "111222333"
    assert not Werknemer.objects.filter(bsn_index=blind_index("111222333")).exists()

    proef = _roteren("--proef")
    assert "werknemers.Werknemer.bsn: 2 te versleutelen" in proef
    assert "werknemers.Werknemer.iban: 1 te versleutelen" in proef
    assert _ruw(eerste) == (bsn_oud, iban_oud)  # a trial changes nothing

    uit = _roteren()
    assert "werknemers.Werknemer.bsn: 2 opnieuw versleuteld, 0 al met de eerste sleutel" in uit
    assert "werknemers.Werknemer.iban: 1 opnieuw versleuteld" in uit
    assert "bsn_index: 2 herberekend" in uit
    bsn_nieuw, iban_nieuw = _ruw(eerste)
    assert Fernet(NIEUW.encode()).decrypt(bsn_nieuw.encode()) == b"111222333"
    assert Fernet(NIEUW.encode()).decrypt(iban_nieuw.encode()) == b"NL91ABNA0417164300"
    with pytest.raises(InvalidToken):
        Fernet(OUD.encode()).decrypt(bsn_nieuw.encode())
    assert _ruw(tweede)[1] == ""

    # The old key removed: everything reads and is found by BSN.
    settings.FIELD_ENCRYPTION_KEY = NIEUW
    gelezen = Werknemer.objects.get(pk=eerste.pk)
    assert (gelezen.bsn, gelezen.iban) == ("111222333", "NL91ABNA0417164300")
    assert Werknemer.objects.get(bsn_index=blind_index("123456782")).pk == tweede.pk

    # Again: nothing left to do.
    settings.FIELD_ENCRYPTION_KEY = f"{NIEUW},{OUD}"
    opnieuw = _roteren()
    assert "werknemers.Werknemer.bsn: 0 opnieuw versleuteld, 2 al met de eerste sleutel" in opnieuw
    assert "bsn_index: 0 herberekend" in opnieuw


def test_dropping_an_old_key_keeps_the_bsn_index(onder_oude_sleutel, settings):
    settings.FIELD_ENCRYPTION_KEY = f"{OUD},{NIEUW}"
    index = blind_index("111222333")
    settings.FIELD_ENCRYPTION_KEY = OUD
    assert blind_index("111222333") == index
    assert Werknemer.objects.filter(bsn_index=index).exists()
