"""The encrypted fields at the end of a relation path, as the reads that join a member defer
them: the member's BSN and IBAN, found from the model itself, by any path to the member."""

import pytest

from coop.core.fields import versleuteld_via
from coop.core.models import ApiToken
from coop.models import Aanbod, Inzet
from werknemers.models import Werknemer


def test_the_members_encrypted_fields_by_any_path():
    assert set(versleuteld_via(Aanbod, "werknemer")) == {"werknemer__bsn", "werknemer__iban"}
    assert set(versleuteld_via(Inzet, "werknemer")) == {"werknemer__bsn", "werknemer__iban"}
    # through the login's reverse one-to-one link, as the token check reads it
    assert set(versleuteld_via(ApiToken, "user__werknemer")) == {
        "user__werknemer__bsn",
        "user__werknemer__iban",
    }


def test_it_follows_the_model_not_a_list():
    """Every field of the member stored encrypted is named, and only those."""
    versleuteld = {
        veld.name
        for veld in Werknemer._meta.concrete_fields
        if type(veld).__name__ == "EncryptedCharField"
    }
    assert versleuteld >= {"bsn", "iban"}
    assert {n.split("__")[-1] for n in versleuteld_via(Aanbod, "werknemer")} == versleuteld


def test_a_path_without_encrypted_fields_gives_none():
    assert versleuteld_via(Aanbod, "dienst") == ()


def test_a_path_through_a_plain_field_is_refused():
    with pytest.raises(ValueError, match="geen relatie"):
        versleuteld_via(Aanbod, "status__x")
