"""Hours waiting for the employers in the demo: the working days of the last week before the
reference date (within its month: the month before is a finished, exported period) as
historic shifts at each employer's first location, with the hours the members handed in and
no one has judged yet, so an employer login can approve a week at once on its pages. One
shift of Woonstichting Kanaleneiland was called off two days before: its pay is kept.

Like the finished month (coop/demo/periode.py) the work is written as historic records and
everything after it runs through the services: members with a login submit their own hours,
the broker types in the paper timesheets of the others. Idempotent (the week's job is looked
up by its reason) and deterministic (one `random.Random` seeded from the seed and the week).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from contracten.feiten import GeenRegelVoorDatum
from coop.core.exceptions import ApplicationError
from coop.demo.buurt import WERKGEVERS
from coop.demo.periode import (
    DIENSTTIJDEN,
    Lid,
    _bereikbaar,
    _demo_locaties,
    _inzet,
    _late_annulering,
    _leden,
    _makelaar,
    _op_papier,
    _pakket,
    werkdagen,
)
from coop.models import Job, Loonafspraak, Urenregel, Werkpakket
from coop.services.uren.urenregels import annuleringsregel, urenregel_submit
from werkgevers.models import Locatie

REDEN = "Losse diensten (demo, uren ter goedkeuring)"
PER_WERKGEVER = 4  # shifts per employer in the week


def week_dagen(vandaag: date) -> list[date]:
    """Monday to Friday of the last week before `vandaag` (this week's days before today;
    on a Monday the week before), not before the first of `vandaag`'s month."""
    maandag = vandaag - timedelta(days=vandaag.weekday() or 7)
    maandag -= timedelta(days=maandag.weekday())
    begin = max(maandag, vandaag.replace(day=1))
    eind = min(maandag + timedelta(days=4), vandaag - timedelta(days=1))
    return werkdagen(begin, eind) if begin <= eind else []


def _diensten(ctx, loc: Locatie, leden: list[Lid], dagen: list[date], rng) -> list:
    """Up to PER_WERKGEVER shifts at `loc` by members who live near and are free then."""
    job = None
    inzetten = []
    for dag in dagen:
        kandidaten = [lid for lid in leden if loc in _bereikbaar(lid, [loc])]
        rng.shuffle(kandidaten)
        van, tot, _pauze = rng.choice(DIENSTTIJDEN)
        lid = next((lid for lid in kandidaten if lid.kan(dag, van, tot)), None)
        if lid is None:
            continue
        if job is None:
            pakket = _pakket(
                loc,
                f"Losse klussen {loc.naam}",
                Werkpakket.Soort.EENMALIG,
                dagen[0],
                dagen[-1],
                rng,
            )
            job = Job.objects.create(
                soort=Job.Soort.INCIDENTEEL,
                reden=REDEN,
                werkpakket=pakket,
                status=Job.Status.VERVULD,
                startdatum=dagen[0],
                einddatum=dagen[-1],
            )
        inzetten.append(_inzet(ctx, job, loc, lid, dag, van, tot))
        if len(inzetten) == PER_WERKGEVER:
            break
    return inzetten


def _indienen(ctx, inzetten: list, makelaar) -> None:
    """Each member hands in the planned times; lines wait for the employer."""
    for inzet in inzetten:
        user = inzet.werknemer.user
        if user is None:
            _op_papier(inzet, inzet.start, inzet.eind, 0, makelaar)
        else:
            urenregel_submit(user=user, inzet_id=inzet.pk, start=inzet.start, eind=inzet.eind)
        ctx.tel("uren ter goedkeuring", True)


def _bouw(ctx, dagen: list[date]) -> None:
    rng = random.Random(f"{ctx.seed}-uren-{dagen[0].isoformat()}")
    makelaar = _makelaar()
    # Members the broker already pays (a wage agreement from the finished month): a new
    # agreement would reissue their coming calls' documents.
    leden = [
        lid
        for lid in _leden(dagen[0], dagen[-1])
        if Loonafspraak.objects.filter(werknemer=lid.werknemer, geldig_van__lte=dagen[0]).exists()
    ] or _leden(dagen[0], dagen[-1])
    eerste: dict[str, Locatie] = {}
    for loc in _demo_locaties():
        eerste.setdefault(loc.werkgever.kvk_nummer, loc)
    alle = []
    for spec in WERKGEVERS:
        if spec.kvk not in eerste:
            continue
        inzetten = _diensten(ctx, eerste[spec.kvk], leden, dagen, rng)
        if spec.username == "woonstichting" and len(inzetten) > 1:
            _late_annulering(inzetten[-1])
            annuleringsregel(inzetten.pop())
            ctx.tel("late annuleringen", True)
        alle += inzetten
    _indienen(ctx, alle, makelaar)


def stap_uren_ter_goedkeuring(ctx) -> None:
    """The last week's hours, handed in and waiting for each employer (once)."""
    dagen = week_dagen(ctx.vandaag)
    if not dagen:
        ctx.say("  geen werkdagen vóór de peildatum in deze maand")
        return
    if not Job.objects.filter(reden=REDEN, startdatum=dagen[0]).exists():
        try:
            with transaction.atomic():
                _bouw(ctx, dagen)
        except (GeenRegelVoorDatum, ApplicationError) as exc:
            ctx.say(f"  geen uren ter goedkeuring: {exc}")
            return
    wachtend = Urenregel.objects.filter(
        inzet__dienst__job__reden=REDEN,
        datum__gte=dagen[0],
        status=Urenregel.Status.INGEDIEND,
    ).count()
    ctx.say(
        f"  {dagen[0]:%d-%m} t/m {dagen[-1]:%d-%m-%Y}: {wachtend} urenregels wachten op de "
        "werkgevers (werkgeverspagina's, Uren)"
    )
