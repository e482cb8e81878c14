"""The neighbourhood-economy report: what the coop's work did for each wijk and employer.

Definitions (per period, over approved or settled hours lines by working day; a correction
counts what it adds to the line it corrects):
* uren: hours worked; loon: gross wage for the paid hours (hours x the member's hourly wage
  on that day, from coop.selectors.lonen as payroll takes it; sick hours at the line's sick
  pay per hour, contracten.regels.ziekte.ziekteloon_per_uur; leave hours at the wage; rounded to
  the cent per line and wage component as payroll rounds it, contracten.regels.geld;
  holiday pay not included), so the report's wage equals the payroll export's gross for the
  same lines;
* a wijk is where the work was done (the location's wijk); a member is a resident of the
  wijk they live in (their home address);
* leden_met_werk: distinct members who worked there; bewoners_met_werk: distinct residents
  of the wijk who worked anywhere (in the total: distinct residents of any wijk);
* aandeel_bewoners: the share of the hours in a wijk worked by residents of that wijk;
* geld_in_wijk ("money kept in the wijk"): the wages for work in a wijk paid to residents of
  that same wijk; loon_naar_bewoners: everything the wijk's residents earned, anywhere;
* vast/incidenteel: hours in permanent jobs vs incidental shifts;
* SROI (per employer): hours of members in a target group (recorded with their consent) and
  their value under the configured SroiModel: (value per full-time year for the group, plus
  the extras for 50+, status holders and permanent jobs) / full-time hours per year x hours.
Employers see the report of their own work only; staff see everything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import RegelFout, leeftijd_op, minimumloon_per_uur
from contracten.regels.geld import bedrag
from contracten.regels.ziekte import ziekteloon_per_uur
from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, PermissionDenied
from coop.engines.rapport import NUL, Cijfers, Regel, optellen
from coop.models import Job, SroiModel, Urenregel
from coop.models.uren import LOONCOMPONENTEN
from coop.selectors import lonen
from werknemers.models import Werknemer

GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)
ONBEKENDE_WIJK = "(wijk onbekend)"


@dataclass
class Rapport:
    van: date
    tot: date
    alleen_werkgever: str | None
    model: SroiModel
    wijken: list[Cijfers]
    werkgevers: list[Cijfers]
    totaal: Cijfers
    meldingen: list[str]
    werkgever_ids: dict[str, int] = field(default_factory=dict)


# --- reading the lines ------------------------------------------------------------------------


def _queryset(user, van: date, tot: date):
    qs = Urenregel.objects.filter(status__in=GOEDGEKEURD, datum__gte=van, datum__lte=tot)
    if is_staff(user):
        return qs, None
    werkgever_id = actor_van(user).werkgever_id
    if werkgever_id is None:
        raise PermissionDenied("Alleen werkgevers en medewerkers van de makelaar zien dit rapport.")
    return qs.filter(inzet__dienst__locatie__werkgever_id=werkgever_id), werkgever_id


def _verschil(waarde: Decimal, oud: Decimal | None) -> Decimal:
    return waarde - (oud if oud is not None else NUL)


# The paid components of an hours line, as payroll pays them: the holiday surcharge, sick
# pay and leave are wage too, so the report's total equals payroll's gross.
COMPONENTEN = LOONCOMPONENTEN
ZIEK = COMPONENTEN.index("ziek_uren")


def _loon(
    nieuw: tuple, oud: tuple, uurloon: Decimal | None, ziek_uurloon: Decimal = NUL
) -> Decimal:
    """The line's wage: per component what it adds to the line it corrects, rounded once;
    sick hours at the line's sick pay per hour (contracten.regels.ziekte.ziekteloon_per_uur)."""
    if uurloon is None:
        return NUL
    return sum(
        (
            bedrag(_verschil(n, o), ziek_uurloon if i == ZIEK else uurloon)
            for i, (n, o) in enumerate(zip(nieuw, oud, strict=True))
        ),
        NUL,
    )


def _ziek_uurloon(uurloon, procent, garantie, geboortedatum, dag, meldingen) -> Decimal:
    """The sick pay per hour of a line, with the minimum-wage floor of the member's age on
    the day while the line says it applies (as payroll pays it)."""
    if uurloon is None or not procent:
        return NUL
    minimum = None
    if garantie:
        try:
            minimum = minimumloon_per_uur(geboortedatum, dag)
        except (GeenRegelVoorDatum, RegelFout) as exc:
            meldingen.append(f"Ziekteloon op {dag:%d-%m-%Y} zonder minimumloon geteld: {exc}")
    return ziekteloon_per_uur(uurloon, procent, minimum)


def lees_regels(qs, meldingen: list[str], met_namen: bool) -> list[Regel]:
    rijen = list(
        qs.values_list(
            "datum",
            *COMPONENTEN,
            *(f"corrigeert__{c}" for c in COMPONENTEN),
            "inzet__werknemer_id",
            "inzet__dienst__locatie__werkgever_id",
            "inzet__dienst__locatie__werkgever__naam",
            "inzet__dienst__locatie__wijk",
            "inzet__dienst__job__soort",
            "doorbetaling_procent",
            "minimumloon_garantie",
        ).order_by("datum", "pk")
    )
    werknemers = Werknemer.objects.in_bulk({r[1 + 2 * len(COMPONENTEN)] for r in rijen})
    reeksen = lonen.afspraken(set(werknemers))
    zonder_loon: dict[int, int] = defaultdict(int)
    regels = []
    for dag, *uren, wn_id, wg_id, wg_naam, wijk, soort, procent, garantie in rijen:
        nieuw, oud = tuple(uren[: len(COMPONENTEN)]), tuple(uren[len(COMPONENTEN) :])
        wn = werknemers[wn_id]
        uurloon = lonen.afgesproken_op(reeksen.get(wn_id, []), dag)
        if uurloon is None:
            zonder_loon[wn_id] += 1
        regels.append(
            Regel(
                werknemer_id=wn_id,
                woonwijk=wn.wijk,
                werkgever_id=wg_id,
                werkgever=wg_naam,
                wijk=wijk or ONBEKENDE_WIJK,
                vast=soort == Job.Soort.VAST,
                uren=_verschil(nieuw[0], oud[0]),
                loon=_loon(
                    nieuw,
                    oud,
                    uurloon,
                    _ziek_uurloon(uurloon, procent, garantie, wn.geboortedatum, dag, meldingen),
                ),
                doelgroep=wn.sroi_doelgroep if wn.sroi_toestemming else "",
                leeftijd=leeftijd_op(wn.geboortedatum, dag),
            )
        )
    _meld_zonder_loon(zonder_loon, werknemers, meldingen, met_namen)
    return regels


def _meld_zonder_loon(zonder_loon, werknemers, meldingen: list[str], met_namen: bool) -> None:
    if not zonder_loon:
        return
    if met_namen:
        for wn_id, aantal in sorted(zonder_loon.items()):
            meldingen.append(
                f"{werknemers[wn_id].volledige_naam}: {aantal} urenregel(s) zonder loonafspraak; "
                "hun loon telt als € 0."
            )
    else:
        aantal = sum(zonder_loon.values())
        meldingen.append(f"{aantal} urenregel(s) zonder loonafspraak; hun loon telt als € 0.")


# --- adding up ----------------------------------------------------------------------------


def _meld_model(model: SroiModel, regels: list[Regel], meldingen: list[str]) -> None:
    zonder = sorted(
        {r.doelgroep for r in regels if r.doelgroep and not model.waarden.get(r.doelgroep)}
    )
    for groep in zonder:
        label = Werknemer.Doelgroep(groep).label
        meldingen.append(
            f"Het SROI-model '{model.naam}' kent doelgroep '{label}' geen basiswaarde toe; "
            "alleen de toeslagen tellen. Pas het model aan in de beheeromgeving."
        )


def rapport_create(*, user, van: date, tot: date) -> Rapport:
    """The report for the period van..tot (inclusive), scoped to the asking user."""
    if tot < van:
        raise ApplicationError(
            "De einddatum ligt vóór de begindatum.", fields={"tot": ["Ligt vóór 'van'."]}
        )
    qs, werkgever_id = _queryset(user, van, tot)
    meldingen: list[str] = []
    model = SroiModel.huidig()
    regels = lees_regels(qs, meldingen, met_namen=werkgever_id is None)
    _meld_model(model, regels, meldingen)
    wijken, werkgevers, totaal = optellen(regels, model)
    return Rapport(
        van=van,
        tot=tot,
        alleen_werkgever=next(iter(werkgevers.values())).naam
        if werkgever_id and werkgevers
        else None,
        model=model,
        wijken=sorted(wijken.values(), key=lambda c: (-c.uren, c.naam)),
        werkgevers=sorted(werkgevers.values(), key=lambda c: (-c.uren, c.naam)),
        totaal=totaal,
        meldingen=meldingen,
        werkgever_ids={c.naam: wid for wid, c in werkgevers.items()},
    )


def als_json(rapport: Rapport) -> dict:
    """The report as the API returns it (amounts and hours as decimal strings)."""

    def wijk(c: Cijfers) -> dict:
        return {
            "wijk": c.naam,
            **c.als_dict(),
            "loon_naar_bewoners": c.loon_naar_bewoners,
            "bewoners_met_werk": len(c.bewoners_met_werk),
        }

    def werkgever(c: Cijfers) -> dict:
        return {
            "werkgever_id": rapport.werkgever_ids.get(c.naam),
            "werkgever": c.naam,
            **c.als_dict(),
            "sroi_uren": c.sroi_uren,
            "sroi_waarde": c.sroi_waarde,
            "sroi_per_doelgroep": c.sroi_per_doelgroep,
        }

    m = rapport.model
    return _tekst(
        {
            "van": rapport.van.isoformat(),
            "tot": rapport.tot.isoformat(),
            "totaal": {
                **wijk(rapport.totaal),
                "sroi_uren": rapport.totaal.sroi_uren,
                "sroi_waarde": rapport.totaal.sroi_waarde,
            },
            "wijken": [wijk(c) for c in rapport.wijken],
            "werkgevers": [werkgever(c) for c in rapport.werkgevers],
            "sroi_model": {
                "naam": m.naam,
                "bron": m.bron,
                "uren_per_jaar": m.jaaruren,
                "waarden": m.waarden,
                "bonus_50plus": m.bonus_50plus,
                "bonus_statushouder": m.bonus_statushouder,
                "bonus_vast_contract": m.bonus_vast_contract,
            },
            "meldingen": rapport.meldingen,
        }
    )


def _tekst(waarde):
    """Decimals as strings, so no figure passes through a float on its way to the client."""
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, dict):
        return {k: _tekst(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_tekst(v) for v in waarde]
    return waarde
