"""What a member sees of an offer: the hourly wage they will be paid, and for a permanent
job the employers, addresses, weekdays and times (nothing the member may not see)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from contracten.regels import minimumloon_per_uur
from coop.models import Job, Loonafspraak
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.conftest import lid
from tests.coop.test_broker_flow import gepubliceerd, locatie  # noqa: F401
from tests.coop.test_vast_flow import gebundeld  # noqa: F401


def _aanbod(api_as, user, aanbod_id):
    lijst = api_as(user).get("aanbiedingen/")
    assert lijst.status_code == 200, lijst.body
    detail = api_as(user).get(f"aanbiedingen/{aanbod_id}")
    assert detail.status_code == 200, detail.body
    [uit_lijst] = [a for a in lijst.body if a["id"] == aanbod_id]
    assert uit_lijst == detail.body
    return detail.body


def test_offer_shows_the_agreed_wage_or_the_minimum(
    api_as,
    werknemer_user,
    andere_werknemer_user,
    gepubliceerd,  # noqa: F811
):
    met = werknemer_user.werknemer
    Loonafspraak.objects.create(werknemer=met, geldig_van=date(2026, 1, 1), uurloon="16.25")
    zonder = andere_werknemer_user.werknemer
    a = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=met)
    b = aanbod_services.aanbod_create(dienst=gepubliceerd, werknemer=zonder)

    assert _aanbod(api_as, werknemer_user, a.pk)["uurloon"] == "16.25"
    dag = timezone.localtime(gepubliceerd.start).date()
    minimum = minimumloon_per_uur(zonder.geboortedatum, dag)
    assert Decimal(_aanbod(api_as, andere_werknemer_user, b.pk)["uurloon"]) == minimum
    # another member's offer stays out of sight
    assert api_as(werknemer_user).get(f"aanbiedingen/{b.pk}").status_code == 404


def test_permanent_offer_shows_employers_places_days_and_times(
    api_as,
    gebundeld,  # noqa: F811
    catalogus,
):
    job = Job.objects.get(soort="vast")
    kandidaat = lid(catalogus, f.UserFactory(username="kandidaat"), niveau=2)
    aanbod = aanbod_services.aanbod_create_vast(job=job, werknemer=kandidaat)
    body = _aanbod(api_as, kandidaat.user, aanbod.pk)

    fragmenten = sorted(
        job.fragmenten.select_related("werkpakket__locatie__werkgever"),
        key=lambda x: (x.weekdag, x.begin),
    )
    assert [(r["weekdag"], r["dag"], r["begin"], r["eind"]) for r in body["rooster"]] == [
        (0, "maandag", "09:00:00", "15:00:00"),
        (1, "dinsdag", "09:00:00", "13:00:00"),
        (3, "donderdag", "09:00:00", "13:00:00"),
    ]
    assert [(r["werkgever"], r["adres"]) for r in body["rooster"]] == [
        (x.werkpakket.locatie.werkgever.naam, x.werkpakket.locatie.adresregel) for x in fragmenten
    ]
    assert all(r["adres"] for r in body["rooster"])
    namen = {x.werkpakket.locatie.werkgever.naam for x in fragmenten}
    assert len(namen) == 2 and set(body["werkgever"].split(", ")) == namen
    # no agreement: the statutory minimum on the first day, as its contract states it
    verwacht = minimumloon_per_uur(kandidaat.geboortedatum, job.startdatum)
    assert Decimal(body["uurloon"]) == verwacht
    assert "tarief" not in str(body)


def test_listing_offers_never_decrypts_a_bsn_or_iban_and_asks_a_fixed_number_of_questions(
    api_as,
    werknemer_user,
    locatie,  # noqa: F811
    monkeypatch,
):
    """The offer list and one offer: the member's BSN and IBAN are not read (not even
    decrypted in memory), and more offers do not mean more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coop.core import fields

    ontsleuteld = []
    echt = fields.decrypt
    monkeypatch.setattr(fields, "decrypt", lambda token: ontsleuteld.append(1) or echt(token))
    lid = api_as(werknemer_user)

    def lijst():
        with CaptureQueriesContext(connection) as ctx:
            antwoord = lid.get("aanbiedingen/")
        assert antwoord.status_code == 200, antwoord.body
        return len(antwoord.body), len(ctx.captured_queries)

    from tests.coop.test_papieren import dienst

    def aanbieden(dagen):
        aanbod_services.aanbod_create(
            dienst=dienst(locatie, dagen=dagen), werknemer=werknemer_user.werknemer
        )

    aanbieden(10)
    lid.get("auth/me")  # the token's first use writes its last use (once a minute)
    een = lijst()
    for dagen in (11, 12, 13):
        aanbieden(dagen)
    vier = lijst()
    assert (een[0], vier[0]) == (1, 4)
    assert vier[1] == een[1]
    aanbod_id = lid.get("aanbiedingen/").body[0]["id"]
    assert lid.get(f"aanbiedingen/{aanbod_id}").status_code == 200
    assert ontsleuteld == []


def test_a_members_offer_list_reads_the_work_not_their_own_row_again(
    api_as,
    werknemer_user,
    andere_werknemer,
    locatie,  # noqa: F811
):
    """The login read the member's row already: their own list of offers joins only the work
    (shift, place, employer, job, package), and the wage and break still come from their row.
    Another member's offer stays out of it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.coop.test_papieren import dienst

    eigen = aanbod_services.aanbod_create(
        dienst=dienst(locatie, dagen=10), werknemer=werknemer_user.werknemer
    )
    aanbod_services.aanbod_create(dienst=dienst(locatie, dagen=11), werknemer=andere_werknemer)
    lid = api_as(werknemer_user)
    lid.get("auth/me")  # the token's first use writes its last use (once a minute)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = lid.get("aanbiedingen/")
    assert antwoord.status_code == 200, antwoord.body
    assert [a["id"] for a in antwoord.body] == [eigen.pk]
    lijst = next(q["sql"] for q in ctx.captured_queries if 'FROM "coop_aanbod"' in q["sql"])
    assert "werknemers_werknemer" not in lijst
    los = lid.get(f"aanbiedingen/{eigen.pk}").body
    assert antwoord.body[0]["uurloon"] == los["uurloon"] is not None
    assert antwoord.body[0]["pauze_minuten"] == los["pauze_minuten"]
