"""A read compiled once (coop/core/vraag.py) gives what the ORM gives: the same rows with the
same joined relations and converted values, for each call's own values; a read it cannot
serve is refused at its first call, never answered wrongly."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from coop.core.vraag import VasteVraag
from coop.models import Aanbod, Dienst
from coop.selectors import werk as selectors
from coop.services.werk import aanbod as aanbod_services
from tests import factories as f
from tests.coop.test_papieren import dienst, locatie  # noqa: F401

pytestmark = pytest.mark.django_db

WERK = ("job__werkpakket", "dienst__locatie__werkgever")
LIJST = VasteVraag(
    lambda werknemer_id: (
        Aanbod.objects.select_related(*WERK).defer("toelichting").filter(werknemer_id=werknemer_id)
    ),
    werknemer_id=int,
)


@pytest.fixture
def twee_leden(locatie):  # noqa: F811
    leden = []
    for i in range(2):
        lid = f.WerknemerFactory(user=f.UserFactory(username=f"vv{i}"))
        for dagen in (10 + i, 14 + i):
            aanbod_services.aanbod_create(
                dienst=dienst(locatie, dagen=dagen), werknemer=lid, toelichting={"i": i}
            )
        leden.append(lid)
    return leden


def _zicht(aanbod: Aanbod) -> tuple:
    d = aanbod.dienst
    return (
        aanbod.pk,
        aanbod.status,
        aanbod.deadline,
        aanbod.korte_termijn,
        aanbod.score,
        aanbod.job.werkpakket.titel if aanbod.job.werkpakket else None,
        d.start,
        d.eind,
        d.locatie.adresregel,
        d.locatie.latitude,
        d.locatie.werkgever.naam,
    )


def test_the_same_rows_and_relations_as_the_orm_for_each_calls_values(twee_leden):
    for lid in twee_leden:
        orm = list(
            Aanbod.objects.select_related(*WERK).defer("toelichting").filter(werknemer_id=lid.pk)
        )
        with CaptureQueriesContext(connection) as ctx:
            snel = LIJST.rijen(werknemer_id=lid.pk)
            gezien = [_zicht(a) for a in snel]  # the joined relations need no query
        assert len(ctx.captured_queries) == 1
        assert gezien == [_zicht(a) for a in orm] and len(gezien) == 2
        # a deferred field is loaded on use, as with the ORM
        assert snel[0].toelichting == orm[0].toelichting
    assert LIJST.rijen(werknemer_id=0) == []


def test_a_code_value_and_a_choices_member_as_its_code(twee_leden):
    vraag = VasteVraag(
        lambda werknemer_id, status: Aanbod.objects.filter(
            werknemer_id=werknemer_id, status=status
        ),
        werknemer_id=int,
        status=str,
    )
    lid = twee_leden[0]
    assert len(vraag.rijen(werknemer_id=lid.pk, status=Aanbod.Status.OPEN)) == 2
    assert vraag.rijen(werknemer_id=lid.pk, status="geaccepteerd") == []


def test_the_members_offer_list_reads_them_in_one_compiled_statement(twee_leden):
    lid = twee_leden[1]
    lid.user.werknemer  # the login read the member's row  # noqa: B018
    eigen, gelezen = selectors.aanbiedingen_te_tonen(lid.user)
    assert gelezen is lid.user.werknemer
    assert [a.pk for a in eigen] == list(
        Aanbod.objects.filter(werknemer=lid).order_by("-created_at").values_list("pk", flat=True)
    )
    open_, _ = selectors.aanbiedingen_te_tonen(lid.user, status="open")
    assert len(open_) == 2
    assert selectors.aanbiedingen_te_tonen(lid.user, status="verlopen")[0] == []


def test_select_for_update_inside_a_transaction(twee_leden):
    vergrendel = VasteVraag(
        lambda pk: Dienst.objects.select_for_update(of=("self",)).filter(pk=pk), pk=int
    )
    d = Dienst.objects.first()
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        assert [x.pk for x in vergrendel.rijen(pk=d.pk)] == [d.pk]
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in ctx.captured_queries[0]["sql"]


def test_a_value_that_does_not_reach_the_sql_is_refused():
    genegeerd = VasteVraag(lambda werknemer_id: Aanbod.objects.all(), werknemer_id=int)
    with pytest.raises(TypeError, match="werknemer_id komt niet als parameter"):
        genegeerd.rijen(werknemer_id=1)


def test_wrong_names_types_and_prefetches_are_refused():
    with pytest.raises(TypeError, match="alleen int en str"):
        VasteVraag(lambda dag: Aanbod.objects.all(), dag=float)
    with pytest.raises(TypeError, match="verwacht"):
        LIJST.rijen(lid=1)
    met_prefetch = VasteVraag(
        lambda pk: Aanbod.objects.prefetch_related("inzetten").filter(pk=pk), pk=int
    )
    with pytest.raises(TypeError, match="prefetch_related"):
        met_prefetch.rijen(pk=1)


def test_a_values_read_gives_converted_tuples_as_the_orm(twee_leden):
    from datetime import date
    from decimal import Decimal

    from coop.models import Loonafspraak
    from coop.selectors import lonen

    lid, ander = twee_leden
    for van, loon in ((date(2026, 11, 1), "15.10"), (date(2026, 7, 1), "14.75")):
        Loonafspraak.objects.create(werknemer=lid, geldig_van=van, uurloon=Decimal(loon))
    Loonafspraak.objects.create(werknemer=ander, geldig_van=date(2026, 1, 1), uurloon=Decimal("16"))
    vraag = lonen._VAN_EEN_LID  # the read every acceptance and own offer list makes
    orm = list(
        Loonafspraak.objects.filter(werknemer=lid)
        .order_by("geldig_van")
        .values_list("geldig_van", "uurloon")
    )
    assert vraag.tupels(werknemer_id=lid.pk) == orm
    assert [type(x) for x in orm[0]] == [date, Decimal]
    assert [type(x) for x in vraag.tupels(werknemer_id=lid.pk)[0]] == [date, Decimal]
    # one member (compiled once) and several members (one query) agree
    assert lonen.afspraken([lid.pk]) == {lid.pk: orm}
    assert lonen.afspraken([lid.pk, ander.pk])[lid.pk] == orm
    assert lonen.afspraken([0]) == {}
    with pytest.raises(TypeError, match="tupels"):
        vraag.rijen(werknemer_id=lid.pk)
    with pytest.raises(TypeError, match="rijen"):
        LIJST.tupels(werknemer_id=lid.pk)
