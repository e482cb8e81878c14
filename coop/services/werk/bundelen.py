"""Bundling unassigned structural fragments into permanent jobs, one run at a time."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contracten.services import weekdag_naam
from coop.core.exceptions import ApplicationError
from coop.engines import bundling
from coop.engines.splitting import Tijdvak, fmt_uren
from coop.models import Bundelrun, Fragment, Gebeurtenis, Instellingen, Job
from coop.services.werk.geschiedenis import gebeurtenis_create


def bundel_config(inst: Instellingen) -> bundling.BundelConfig:
    return bundling.BundelConfig(
        min_uren=inst.bundel_min_uren,
        max_uren=inst.bundel_max_uren,
        reissnelheid_kmh=float(inst.reissnelheid_kmh),
        max_afstand_km=float(inst.bundel_max_afstand_km),
    )


def _als_fragment(f: Fragment) -> bundling.Fragment:
    locatie = f.werkpakket.locatie
    return bundling.Fragment(
        id=f.pk,
        werkgever_id=f.werkpakket.werkgever_id,
        locatie_id=locatie.pk,
        latitude=float(locatie.latitude),
        longitude=float(locatie.longitude),
        tijdvak=Tijdvak(f.weekdag, f.begin, f.eind),
    )


def fragment_omschrijving(f: Fragment) -> str:
    """'Huismeester (Bo-Ex), dinsdag 09:00-13:00': a fragment as staff recognise it."""
    return (
        f"{f.werkpakket.titel} ({f.werkpakket.werkgever.naam}), {weekdag_naam(f.weekdag)} "
        f"{f.begin:%H:%M}-{f.eind:%H:%M}"
    )


def _reden(fragmenten: list[Fragment], uren: Decimal) -> str:
    werkgevers = Counter(f.werkpakket.werkgever.naam for f in fragmenten)
    return (
        f"Gebundeld: {len(fragmenten)} vaste fragmenten van {len(werkgevers)} werkgever(s) "
        f"({', '.join(sorted(werkgevers))}), {fmt_uren(uren)} uur per week"
    )


def _looptijd(fragmenten: list[Fragment]) -> tuple[date, date | None]:
    """The days the jobs of a run can be worked: from today to the last package's end (None:
    open); the legal day limit is the working-time table's for those days."""
    vandaag = timezone.localdate()
    einden = [f.werkpakket.einddatum for f in fragmenten]
    if not einden or None in einden:
        return vandaag, None
    return vandaag, max(vandaag, *(e for e in einden if e is not None))


@transaction.atomic
def bundel_run(*, user=None) -> Bundelrun:
    """Bundle every structural fragment that has no job yet; leftovers wait for the next run.

    The run returned also carries, unsaved, the jobs it made (`nieuwe_jobs`) and the
    fragments left over (`overgebleven`), so the caller can show which ones.
    """
    open_fragmenten = list(
        Fragment.objects.select_for_update(of=("self",))
        .filter(job__isnull=True, werkpakket__status__in=["gesplitst", "deels_gevuld", "gevuld"])
        .select_related("werkpakket__locatie", "werkpakket__werkgever")
        .order_by("pk")
    )
    per_id = {f.pk: f for f in open_fragmenten}
    nieuwe_jobs: list[Job] = []
    van, tot = _looptijd(open_fragmenten)
    try:
        resultaat = bundling.bundle(
            [_als_fragment(f) for f in open_fragmenten],
            bundel_config(Instellingen.huidig()),
            van=van,
            tot=tot,
        )
    except bundling.BundelFout as exc:
        raise ApplicationError(exc.melding, fields=exc.fields) from exc
    for bundel in resultaat.bundels:
        leden = [per_id[b.id] for b in bundel.fragmenten]
        pakketten = {f.werkpakket for f in leden}
        einden = [p.einddatum for p in pakketten]
        job = Job.objects.create(
            soort=Job.Soort.VAST,
            reden=_reden(leden, bundel.uren_per_week),
            werkpakket=pakketten.pop() if len(pakketten) == 1 else None,
            startdatum=max(p.startdatum for p in {f.werkpakket for f in leden}),
            einddatum=None if None in einden else min(einden),
            uren_per_week=bundel.uren_per_week,
        )
        Fragment.objects.filter(pk__in=[f.pk for f in leden]).update(job=job)
        gebeurtenis_create(user=user, job=job, soort=Gebeurtenis.Soort.GEBUNDELD, tekst=job.reden)
        nieuwe_jobs.append(job)
    gebundeld = {b.id for bundel in resultaat.bundels for b in bundel.fragmenten}
    run = Bundelrun.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        fragmenten=len(open_fragmenten),
        totale_uren=resultaat.totale_uren,
        gebundelde_uren=resultaat.gebundelde_uren,
        bovengrens_uren=resultaat.bovengrens_uren,
        banen=len(resultaat.bundels),
        per_grootte=resultaat.per_grootte,
        over_uren=resultaat.totale_uren - resultaat.gebundelde_uren,
    )
    run.nieuwe_jobs = nieuwe_jobs
    run.overgebleven = [f for f in open_fragmenten if f.pk not in gebundeld]
    return run
