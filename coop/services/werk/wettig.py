"""May this member legally do this work? One answer for every path that gives a member work.

Offers of a shift or a permanent job, the hand-over to the next candidate after a decline or
expiry, batch planning and acceptance all ask `bezwaren` (or `eis_wettig`, which refuses with
the reasons in Dutch). What counts as the member's other work:

- always: their active assignments around the new work (the working-time law looks at most
  16 weeks either side of a window, for the 16-week average);
- for an offer also the work of every other offer they hold open, as if accepted: a member
  may accept all their open offers, so an offer is only made when all of them together stay
  within the law. At acceptance only assignments count (open offers are not work yet).

What is checked, exactly as acceptance does:

- the working-time law (contracten.arbeidstijd.controleer_diensten): overlap, worked hours per
  dienst and week, the 4- and 16-week averages, daily and weekly rest, breaks (a shift's
  planned break at least the statutory one), night rules, the youth night ban, no work under 16;
- the wage: for a call (an incidental shift) the statutory minimum of its day must be known
  (no table for next year yet: refused, never guessed); a contract the work would start (the
  employment contract of a permanent job, the on-call contract of a first call) needs the
  minimum of its first day and must not state an agreed wage under the minimum of any of its
  days the tables cover.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from contracten import arbeidstijd
from contracten import voorwaarden as contracten
from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import RegelFout, minimumloon_per_uur
from coop.core.exceptions import ApplicationError, Conflict
from coop.models import Aanbod, Inzet, Job
from coop.selectors import lonen
from coop.selectors.rooster import Venster, aangeboden_vensters, toegewezen_vensters
from werknemers.models import Werknemer

# Further than any working-time rule looks around a window: the 16-week average.
RONDOM = timedelta(weeks=17)

# New work: (start, end) or (start, end, planned break in minutes; None: the statutory break).
GeplandVenster = Venster | tuple[datetime, datetime, int | None]


@dataclass(frozen=True)
class Bezwaar:
    """Why the law refuses this work to this member; `melding` is Dutch with the numbers."""

    code: str
    melding: str
    veld: str = "werknemer_id"


def bezwaren(
    *,
    werknemer: Werknemer,
    vensters: Sequence[GeplandVenster],
    job: Job | None = None,
    open_aanbiedingen: bool,
    behalve_aanbod: int | None = None,
    afspraken: lonen.Afspraken | None = None,
    bestaande_contracten: contracten.Contracten | None = None,
) -> list[Bezwaar]:
    """Every legal objection to `werknemer` working `vensters` (the shifts of `job`).

    `open_aanbiedingen`: count the member's other open offers as work (offers; not at
    acceptance). `behalve_aanbod`: an offer not to count (the one being accepted).
    `afspraken`, `bestaande_contracten`: the member's wage agreements and contracts when the
    caller read them already (an acceptance reads them once for the check and its papers).
    """
    if not vensters:
        return []
    bestaand = _ander_werk(
        werknemer,
        min(v[0] for v in vensters) - RONDOM,
        max(v[1] for v in vensters) + RONDOM,
        open_aanbiedingen=open_aanbiedingen,
        behalve_aanbod=behalve_aanbod,
    )
    return _tijdbezwaren(werknemer, bestaand, vensters) + _loonbezwaren(
        werknemer, vensters, job, afspraken, bestaande_contracten
    )


def _ander_werk(
    werknemer: Werknemer,
    van,
    tot,
    *,
    open_aanbiedingen: bool,
    behalve_aanbod: int | None = None,
) -> list:
    """The member's other work overlapping van..tot: assignments, and open offers if asked."""
    bestaand = toegewezen_vensters([werknemer.pk], van, tot).get(werknemer.pk, [])
    if open_aanbiedingen:
        bestaand += aangeboden_vensters(
            [werknemer.pk], van, tot, behalve_aanbod=behalve_aanbod
        ).get(werknemer.pk, [])
    return bestaand


def _tijdbezwaren(
    werknemer: Werknemer, bestaand: Sequence, vensters: Sequence[GeplandVenster]
) -> list[Bezwaar]:
    """The working-time law's objections to `vensters` given the member's other work."""
    fouten = arbeidstijd.controleer_diensten(
        werknemer.geboortedatum,
        [arbeidstijd.Dienstvenster(*v[:2]) for v in bestaand],
        [_dienstvenster(v) for v in vensters],
    )
    return [Bezwaar(f.code, f.melding) for f in fouten]


def _dienstvenster(venster: GeplandVenster) -> arbeidstijd.Dienstvenster:
    pauze = venster[2] if len(venster) > 2 else None
    return arbeidstijd.Dienstvenster(venster[0], venster[1], None if pauze is None else 60 * pauze)


def dienst_venster(dienst) -> GeplandVenster:
    """A shift as the legal check takes it: its times and its planned break."""
    return (dienst.start, dienst.eind, dienst.pauze_minuten)


def pauze_bezwaar(
    *, start: datetime, eind: datetime, pauze_minuten: int | None, dienst_id: int | None = None
) -> str | None:
    """Why a shift may not have this planned break (art. 5:4), as offers and acceptance
    refuse it: too short for an adult, or for a member who holds the shift or an open offer
    for it (a minor is owed a longer break). None: the break is allowed."""
    venster = _dienstvenster((start, eind, pauze_minuten))
    geboortedata: list[date | None] = [None]
    if dienst_id is not None:
        geboortedata += list(
            Werknemer.objects.filter(
                Q(inzetten__dienst_id=dienst_id, inzetten__status=Inzet.Status.ACTIEF)
                | Q(aanbiedingen__dienst_id=dienst_id, aanbiedingen__status=Aanbod.Status.OPEN)
            )
            .distinct()
            .values_list("geboortedatum", flat=True)
        )
    for geboortedatum in geboortedata:
        fout = arbeidstijd.geplande_pauze_tekort(venster, geboortedatum)
        if fout is not None:
            return fout.melding
    return None


def eis_wettig(
    *,
    werknemer: Werknemer,
    vensters: Sequence[GeplandVenster],
    job: Job | None = None,
    open_aanbiedingen: bool,
    behalve_aanbod: int | None = None,
    afspraken: lonen.Afspraken | None = None,
    bestaande_contracten: contracten.Contracten | None = None,
) -> None:
    """Refuse (409, Dutch reasons) work the law does not allow this member; see `bezwaren`."""
    gevonden = bezwaren(
        werknemer=werknemer,
        vensters=vensters,
        job=job,
        open_aanbiedingen=open_aanbiedingen,
        behalve_aanbod=behalve_aanbod,
        afspraken=afspraken,
        bestaande_contracten=bestaande_contracten,
    )
    if gevonden:
        velden: dict[str, list[str]] = defaultdict(list)
        for b in gevonden:
            velden[b.veld].append(b.melding)
        raise Conflict(
            f"Dit werk mag {werknemer} wettelijk niet doen: "
            + " ".join(dict.fromkeys(b.melding for b in gevonden)),
            fields=dict(velden),
        )


def _loonbezwaren(
    werknemer: Werknemer,
    vensters: Sequence[GeplandVenster],
    job: Job | None,
    afspraken: lonen.Afspraken | None = None,
    bestaand: contracten.Contracten | None = None,
) -> list[Bezwaar]:
    dagen = sorted({timezone.localtime(v[0]).date() for v in vensters})
    vast = job is not None and job.soort == Job.Soort.VAST
    # A call states the wage of its own day; a permanent job's contract states one wage,
    # checked below against every day its term the tables cover.
    for dag in [] if vast else dagen:
        try:
            minimumloon_per_uur(werknemer.geboortedatum, dag)
        except (GeenRegelVoorDatum, RegelFout) as exc:
            return [Bezwaar("minimumloon", f"Geen minimumloon voor {dag:%d-%m-%Y}: {exc}")]
    try:
        begin, eind = _nieuw_contract(werknemer, dagen[0], job, bestaand)
        if begin is not None:  # the wage steps of the term, as the contract would state them
            if afspraken is None:
                afspraken = lonen.afspraken_van(werknemer)
            contracten.loonverloop(werknemer.geboortedatum, begin, eind, afspraken)
    except ApplicationError as exc:
        return [Bezwaar("loon", exc.message, next(iter(exc.fields), "werknemer_id"))]
    return []


def _nieuw_contract(
    werknemer: Werknemer, dag: date, job: Job | None, bestaand: contracten.Contracten | None
) -> tuple[date | None, date | None]:
    """The term of the contract this work would start, as acceptance would write it (None:
    the work falls under a running contract: the on-call one, or the permanent job's own
    when its planning is extended). The member's contracts are read once for all of it."""
    if job is not None and job.soort == Job.Soort.VAST and job.werknemer_id == werknemer.pk:
        return None, None
    if bestaand is None:
        bestaand = contracten.contracten_van(werknemer)
    if job is not None and job.soort == Job.Soort.VAST:
        standaard = contracten.EERSTE_TERMIJN_MAANDEN
        term = contracten.termijn(
            werknemer, dag, job.einddatum, standaard_maanden=standaard, bestaand=bestaand
        )
        return term.begin, term.eind
    if contracten.oproepovereenkomst_op(werknemer, dag, bestaand) is not None:
        return None, None
    begin = contracten.volgend_oproepbegin(werknemer, timezone.localdate(), dag, bestaand)
    standaard = contracten.OPROEPOVEREENKOMST_MAANDEN
    term = contracten.termijn(
        werknemer, begin, None, standaard_maanden=standaard, bestaand=bestaand
    )
    return term.begin, term.eind


def bezwaren_per_dienst(
    *, werknemer: Werknemer, diensten: Sequence, open_aanbiedingen: bool
) -> dict[int, list[Bezwaar]]:
    """`bezwaren` for each of many incidental shifts on its own (the open-shift list): the
    member's other work, wage agreements and contracts are read once for all of them, and the
    wage rules once per day. The answer for each shift is the one `bezwaren` gives for it
    alone."""
    if not diensten:
        return {}
    bestaand = _ander_werk(
        werknemer,
        min(d.start for d in diensten) - RONDOM,
        max(d.eind for d in diensten) + RONDOM,
        open_aanbiedingen=open_aanbiedingen,
    )
    loon: dict[tuple[date, str], list[Bezwaar]] = {}
    afspraken = lonen.afspraken_van(werknemer)
    contracten_lid = contracten.contracten_van(werknemer)
    uit: dict[int, list[Bezwaar]] = {}
    for dienst in diensten:
        van, tot = dienst.start - RONDOM, dienst.eind + RONDOM
        rondom = [v for v in bestaand if v[0] < tot and v[1] > van]
        tijd = _tijdbezwaren(werknemer, rondom, [dienst_venster(dienst)])
        sleutel = (timezone.localtime(dienst.start).date(), dienst.job.soort)
        if sleutel not in loon:
            loon[sleutel] = _loonbezwaren(
                werknemer, [(dienst.start, dienst.eind)], dienst.job, afspraken, contracten_lid
            )
        uit[dienst.pk] = tijd + loon[sleutel]
    return uit
