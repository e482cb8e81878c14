"""Data and checks for the two-instance test (tests/deploy/test_meerdere_instanties.py).

Run inside `manage.py shell` against the test's own database: `bouw()` prints the members'
tokens and offers as JSON, `uitkomst()` prints what the database says afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

PLAATSEN = 50
PER_PLAATS = 4  # members racing for each place: 200 acceptances
VERLOPEND = 20  # offers whose deadline passes while the clusters run


@transaction.atomic
def bouw(verloopt_over_s: int = 20) -> None:
    from bench import db
    from bench.data import AMSTERDAM, Punt, leden
    from coop.models import Aanbod, ApiToken, Dienst, Job, Werkpakket
    from werknemers.models import Werknemer

    n = PLAATSEN * PER_PLAATS + VERLOPEND
    pks, _ = db.bouw_leden(leden(n, seed=23), db.catalogus())
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"multi-lid-{i}", password="!") for i in range(n)]
    )
    for pk, user in zip(pks, users, strict=True):
        Werknemer.objects.filter(pk=pk).update(user=user)
    sleutels = [f"multi-{i}-{os.urandom(16).hex()}" for i in range(n)]
    ApiToken.objects.bulk_create(
        ApiToken(
            user=u,
            key_hash=ApiToken.hash(s),
            prefix=s[:8],
            expires_at=timezone.now() + timedelta(days=1),
        )
        for u, s in zip(users, sleutels, strict=True)
    )
    wg = db.werkgever(9200, "Twee-instanties")
    loc = db.locatie(wg, Punt(52.0907, 5.1214, "Utrecht", "Utrecht Centrum"), "Multi-locatie")
    dag = timezone.localdate() + timedelta(days=10)
    plaatsen = PLAATSEN + VERLOPEND
    pakketten = Werkpakket.objects.bulk_create(
        Werkpakket(
            werkgever=wg,
            locatie=loc,
            titel=f"Klus {i}",
            categorie="schoonmaak",
            soort="eenmalig",
            tarief_per_uur=Decimal("30.00"),
            status="gesplitst",
        )
        for i in range(plaatsen)
    )
    jobs = Job.objects.bulk_create(
        Job(soort="incidenteel", reden="Twee instanties", werkpakket=p) for p in pakketten
    )
    # Each place its own hour, so a member who wins one place is free for an expired one.
    diensten = Dienst.objects.bulk_create(
        Dienst(
            job=j,
            locatie=loc,
            start=datetime.combine(dag + timedelta(days=i // 8), time(7 + i % 8), AMSTERDAM),
            eind=datetime.combine(dag + timedelta(days=i // 8), time(8 + i % 8), AMSTERDAM),
        )
        for i, j in enumerate(jobs)
    )
    lang = timezone.now() + timedelta(days=2)
    kort = timezone.now() + timedelta(seconds=verloopt_over_s)
    aanbiedingen = []
    for i, pk in enumerate(pks):
        if i < PLAATSEN * PER_PLAATS:
            dienst = diensten[i // PER_PLAATS]
            aanbiedingen.append(
                Aanbod(werknemer_id=pk, job=dienst.job, dienst=dienst, deadline=lang)
            )
        else:
            dienst = diensten[PLAATSEN + i - PLAATSEN * PER_PLAATS]
            aanbiedingen.append(
                Aanbod(werknemer_id=pk, job=dienst.job, dienst=dienst, deadline=kort)
            )
    aanbiedingen = Aanbod.objects.bulk_create(aanbiedingen)
    print(
        json.dumps(
            {
                "acceptaties": [
                    {"aanbod": a.pk, "token": t, "dienst": a.dienst_id}
                    for a, t in zip(aanbiedingen, sleutels, strict=True)
                ][: PLAATSEN * PER_PLAATS],
                "verlopend": [a.pk for a in aanbiedingen[PLAATSEN * PER_PLAATS :]],
            }
        )
    )


def schema_versnellen() -> None:
    """The schedules as apply_schedules made them, due now and every minute; and a second
    expiry run at the same moment, as when two clusters' schedulers both fire."""
    from django_q.models import Schedule

    nu = timezone.now()
    Schedule.objects.filter(name="aanbiedingen-laten-verlopen").update(
        minutes=1, next_run=nu + timedelta(seconds=25)
    )
    Schedule.objects.update_or_create(
        name="aanbiedingen-laten-verlopen-tweede",
        defaults={
            "func": "coop.tasks.expire_offers",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
            "next_run": nu + timedelta(seconds=25),
        },
    )
    # Everything else waits: the test looks at renders and expiries only.
    Schedule.objects.exclude(
        name__in=["aanbiedingen-laten-verlopen", "aanbiedingen-laten-verlopen-tweede"]
    ).update(next_run=nu + timedelta(days=1))
    print("ok")


def stand(verlopend: list[int]) -> None:
    """Progress: PDFs still waiting and expiring offers still open."""
    from contracten.models import Document
    from coop.models import Aanbod

    print(
        json.dumps(
            {
                "wachtend": Document.objects.exclude(weergave="klaar").count(),
                "documenten": Document.objects.count(),
                "open_verlopend": Aanbod.objects.filter(pk__in=verlopend, status="open").count(),
            }
        )
    )


def uitkomst(verlopend: list[int]) -> None:
    from contracten.models import Document
    from coop.models import Aanbod, Dienst, Gebeurtenis, Inzet

    inzetten = list(Inzet.objects.filter(status="actief").values_list("dienst_id", flat=True))
    documenten = list(
        Document.objects.values(
            "nummer", "versie", "soort", "weergave", "weergave_pogingen", "sha256", "bestand"
        )
    )
    bestanden_ok = all(
        d["bestand"]
        and hashlib.sha256((Path(settings.MEDIA_ROOT) / d["bestand"]).read_bytes()).hexdigest()
        == d["sha256"]
        for d in documenten
    )
    verlopen = Counter(
        Gebeurtenis.objects.filter(soort="verlopen", aanbod_id__in=verlopend).values_list(
            "aanbod_id", flat=True
        )
    )
    print(
        json.dumps(
            {
                "inzetten": len(inzetten),
                "diensten_met_inzet": len(set(inzetten)),
                "bezet": Dienst.objects.filter(status="bezet").count(),
                "nummers": sorted(d["nummer"] for d in documenten),
                "soorten": dict(Counter(d["soort"] for d in documenten)),
                "weergave": dict(Counter(d["weergave"] for d in documenten)),
                "pogingen": dict(Counter(d["weergave_pogingen"] for d in documenten)),
                "bestanden_ok": bestanden_ok,
                "verlopen_per_aanbod": {str(k): v for k, v in verlopen.items()},
                "status_verlopend": dict(
                    Counter(
                        Aanbod.objects.filter(pk__in=verlopend).values_list("status", flat=True)
                    )
                ),
            }
        )
    )
