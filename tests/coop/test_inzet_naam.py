"""/inzetten/ names the member: in full for staff and the member, first name and initial for
the employer; never BSN or IBAN."""

from coop.models import Inzet
from coop.services.werk import aanbod as aanbod_services
from tests.coop.test_broker_flow import gepubliceerd, locatie  # noqa: F401


def test_assignment_shows_the_members_name_scoped_to_the_reader(
    api_as,
    staff,
    werkgever_user,
    werknemer_user,
    gepubliceerd,  # noqa: F811
):
    lid = werknemer_user.werknemer
    aanbod = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=lid)
    assert api_as(werknemer_user).post(f"aanbiedingen/{aanbod.pk}/accepteer").status_code == 200
    inzet = Inzet.objects.get()

    def naam(user) -> str:
        lijst = api_as(user).get("inzetten/")
        assert lijst.status_code == 200, lijst.body
        [regel] = lijst.body
        assert regel["id"] == inzet.pk and regel["werknemer_id"] == lid.pk
        for geheim in (lid.bsn, lid.iban):
            assert geheim not in str(regel)
        return regel["werknemer_naam"]

    assert naam(staff) == naam(werknemer_user) == lid.volledige_naam
    assert naam(werkgever_user) == f"{lid.voornaam} {lid.achternaam[0]}."
    assert lid.achternaam not in naam(werkgever_user)
