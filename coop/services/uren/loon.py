"""Wages, pay periods and the payroll export.

The export of a period takes every approved or settled line up to the period's last day
that no earlier export paid (late approvals and corrections land in the first period
exported after them), checks each day's wage against the statutory minimum for the
member's age, adds the lines up per member and employer (cost share) in chunks with
pandas, writes the three files atomically, and only then, in one transaction, locks the
lines, closes the period and marks the export done. Any failure removes the files this run
created and locks nothing. A rerun of an exported period rebuilds the same files from the
lines locked to it: byte-identical, no line twice.

Decisions: the wage is a dated Loonafspraak per member; a new one may not start inside an
exported period (those days are paid; a back-dated raise is a correction). Holiday pay is
8% of the gross for all paid hours, holiday hours accrue over all paid hours (worked,
kept at a late cancellation, the minimum-call top-up: all are hours with wage, 7:634),
both by the rule valid on the member's last working day in the period.

A period is exported only once it has ended: hours of a running or future period are never
locked. Staff may run an advance (voorschot, a proefrun) of a period that has not ended: it
writes files marked as such next to (never over) the real ones, locks nothing, leaves the
period open, and is recorded in the audit log.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contracten import regels as contracten_regels
from contracten import services as contracten
from contracten.feiten import GeenRegelVoorDatum
from contracten.gegevens import vastleggen as gegevens_vastleggen
from contracten.regels import (
    RegelFout,
    leeftijd_op,
    minimumloon_per_uur,
    vakantie_uren_opbouw,
    vakantiegeld,
)
from contracten.regels.geld import bedrag_centen
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict
from coop.core.models import audit
from coop.exports import Exportdata, Loonstaatregel, csv_export, nmbrs, schrijf_atomair, xlsx
from coop.models import Loonafspraak, Loonexport, Loonperiode, Urenregel
from coop.selectors import lonen
from coop.services.uren.urenregels import annuleringsregels_aanmaken
from coop.services.werk import papieren
from werkgevers.models import Werkgever
from werknemers.models import Werknemer

logger = logging.getLogger(__name__)

GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)
VERLATEN_NA = timedelta(minutes=15)  # a run silent this long has died (the task timeout is 10)
MAX_MELDINGEN = 20
WRITERS = {
    "xlsx": ("loonexport-{code}.xlsx", xlsx.render),
    "nmbrs": ("nmbrs-{code}.xlsx", nmbrs.render),
    "csv": ("loon-{code}.csv", csv_export.render),
}


def vandaag() -> date:
    """Today in Amsterdam: the one clock that decides whether a period has ended."""
    return timezone.localdate()


def controleer_periode_voorbij(periode: Loonperiode, *, handeling: str = "exporteren") -> None:
    """Refuse a period that has not ended (409): its hours may still change or be worked,
    so they are neither paid nor billed in it yet."""
    if periode.eind < vandaag():
        return
    melding = (
        f"Periode {periode.code} is nog niet voorbij (loopt tot en met "
        f"{periode.eind:%d-%m-%Y}); {handeling} kan vanaf "
        f"{periode.eind + timedelta(days=1):%d-%m-%Y}."
    )
    if handeling == "exporteren":
        melding += " Een voorschot (proefrun) kan wel: dat vergrendelt geen uren."
    raise Conflict(melding, fields={"periode_id": [melding]})


def _laatst_geexporteerd() -> date | None:
    periode = Loonperiode.objects.filter(status=Loonperiode.Status.GEEXPORTEERD).last()
    return periode.eind if periode else None


def _rond_cent(bedrag: Decimal) -> str:
    return f"{bedrag:.2f}".replace(".", ",")


@transaction.atomic
def loonafspraak_create(
    *, user, werknemer_id: int, geldig_van: date, uurloon: Decimal, toelichting: str = ""
) -> Loonafspraak:
    """Record a member's hourly wage from a date; never inside an exported period.

    The documents whose days it covers get a new version, each with a message owed to the
    member (papieren.bij_loonafspraak); all in this transaction.
    """
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    werknemer = Werknemer.objects.filter(pk=werknemer_id).first()
    if werknemer is None:
        raise ApplicationError("Onbekende werknemer.", fields={"werknemer_id": ["Bestaat niet."]})
    loonafspraak_controleer(werknemer=werknemer, geldig_van=geldig_van, uurloon=uurloon)
    afspraak = Loonafspraak.objects.create(
        werknemer=werknemer, geldig_van=geldig_van, uurloon=uurloon, toelichting=toelichting
    )
    papieren.bij_loonafspraak(afspraak=afspraak, user=user)
    return afspraak


def loonafspraak_controleer(*, werknemer: Werknemer, geldig_van: date, uurloon: Decimal) -> None:
    """The checks on a new wage (shared with the admin form): not back into paid periods,
    not below the statutory minimum on any day it covers, one agreement per start date."""
    betaald_tot = _laatst_geexporteerd()
    if betaald_tot and geldig_van <= betaald_tot:
        raise ApplicationError(
            f"Tot en met {betaald_tot:%d-%m-%Y} is het loon al uitbetaald.",
            fields={"geldig_van": [f"Kies een datum na {betaald_tot:%d-%m-%Y}."]},
        )
    _controleer_minimum(werknemer, geldig_van, _dekt_tot(werknemer, geldig_van), uurloon)
    if Loonafspraak.objects.filter(werknemer=werknemer, geldig_van=geldig_van).exists():
        raise Conflict(
            "Er is al een loonafspraak vanaf deze datum.",
            fields={"geldig_van": ["Er is al een loonafspraak vanaf deze datum."]},
        )


def _dekt_tot(werknemer: Werknemer, geldig_van: date) -> date | None:
    """The last day a new agreement from `geldig_van` holds: the day before the next one."""
    volgende = (
        Loonafspraak.objects.filter(werknemer=werknemer, geldig_van__gt=geldig_van)
        .order_by("geldig_van")
        .values_list("geldig_van", flat=True)
        .first()
    )
    return volgende - timedelta(days=1) if volgende else None


def _kenmerk(dag: date) -> str:
    try:
        return contracten_regels.minimumloon_kenmerk(dag)
    except GeenRegelVoorDatum:
        return " (het laatst bekendgemaakte minimum; het bedrag voor die datum is nog niet bekend)"


def _controleer_minimum(werknemer: Werknemer, van: date, tot: date | None, uurloon: Decimal):
    """Not below the minimum for the member's age on any day of van..tot the tables cover
    (birthdays and indexations count); a first day no table covers is checked at export."""
    try:
        verloop = contracten.minimumloon_verloop(werknemer.geboortedatum, van, tot)
    except GeenRegelVoorDatum:
        # After the published table: its last minimum is a floor (the minimum only rises).
        ondergrens = contracten.laatst_gepubliceerd_minimum(werknemer.geboortedatum, van)
        verloop = [ondergrens] if ondergrens else []
    except RegelFout as exc:
        raise ApplicationError(str(exc), fields={"werknemer_id": [str(exc)]}) from exc
    for dag, minimum in verloop:
        if uurloon < minimum:
            melding = (
                f"Lager dan het wettelijk minimumloon van € {_rond_cent(minimum)} per uur "
                f"vanaf {dag:%d-%m-%Y} (leeftijd {leeftijd_op(werknemer.geboortedatum, dag)})"
                f"{_kenmerk(dag)}."
            )
            raise ApplicationError(melding, fields={"uurloon": [melding]})


def periode_eind(soort: str, begin: date) -> date:
    """The last day of a period of `soort` starting on `begin` (weeks start on Monday)."""
    if soort == Loonperiode.Soort.MAAND:
        if begin.day != 1:
            raise ApplicationError(
                "Een maandperiode begint op de eerste.",
                fields={"begin": ["Kies de eerste dag van een maand."]},
            )
        volgende = date(begin.year + begin.month // 12, begin.month % 12 + 1, 1)
        return volgende - timedelta(days=1)
    if begin.weekday() != 0:
        raise ApplicationError(
            "Een week- of vierwekenperiode begint op maandag.",
            fields={"begin": ["Kies een maandag."]},
        )
    return begin + timedelta(days=6 if soort == Loonperiode.Soort.WEEK else 27)


@transaction.atomic
def loonperiode_create(*, user, soort: str, begin: date) -> Loonperiode:
    """A new pay period; periods never overlap."""
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    if soort not in Loonperiode.Soort.values:
        raise ApplicationError(
            "Onbekende soort periode.",
            fields={"soort": ["Kies week, vier_weken of maand."]},
        )
    eind = periode_eind(soort, begin)
    botsing = Loonperiode.objects.filter(begin__lte=eind, eind__gte=begin).first()
    if botsing is not None:
        raise Conflict(
            f"Deze periode overlapt met {botsing}.",
            fields={"begin": [f"Overlapt met periode {botsing.code}."]},
        )
    return Loonperiode.objects.create(soort=soort, begin=begin, eind=eind)


@transaction.atomic
def loonexport_start(*, user, periode_id: int, voorschot: bool = False) -> Loonexport:
    """Queue the export of a period (staff); its progress shows on the Loonexport.

    With `voorschot` it is an advance run of a period that need not have ended: it locks
    nothing and is recorded in the audit log.
    """
    vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    export = loonexport_nieuw(periode_id=periode_id, user=user, voorschot=voorschot)
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


@transaction.atomic
def loonexport_nieuw(*, periode_id: int, user=None, voorschot: bool = False) -> Loonexport:
    """A new export record for a period, unless one is running, an earlier period is open,
    or the period has not ended (then only a voorschot by staff, audited, is possible).

    A run silent for longer than the task timeout has died (a killed worker): it is marked
    failed so the period can be exported again.
    """
    if voorschot:
        vereis_staff(user, "Alleen medewerkers van de makelaar doen dit.")
    periode = Loonperiode.objects.select_for_update().filter(pk=periode_id).first()
    if periode is None:
        raise ApplicationError("Onbekende periode.", fields={"periode_id": ["Bestaat niet."]})
    lopend = Loonexport.objects.filter(
        periode=periode, status__in=[Loonexport.Status.QUEUED, Loonexport.Status.RUNNING]
    )
    verlaten = lopend.filter(updated_at__lt=timezone.now() - VERLATEN_NA)
    verlaten.update(status=Loonexport.Status.FAILED, melding="Afgebroken: geen voortgang meer.")
    if lopend.exists():
        raise Conflict("De export van deze periode loopt al.")
    _controleer_volgorde(periode)
    if not voorschot:
        controleer_periode_voorbij(periode)
        return Loonexport.objects.create(periode=periode, gestart_door=user)
    if periode.status != Loonperiode.Status.OPEN:
        raise Conflict(f"Periode {periode.code} is al geëxporteerd; een voorschot kan niet meer.")
    export = Loonexport.objects.create(periode=periode, gestart_door=user, voorschot=True)
    audit(
        user=user,
        action="loonexport_voorschot",
        obj=export,
        detail=f"Voorschot (proefrun) van loonperiode {periode.code} gestart; "
        "er worden geen uren vergrendeld.",
    )
    return export


def _enqueue(export_id: int) -> None:
    from django_q.tasks import async_task

    async_task("coop.tasks.run_loonexport", export_id)


def _controleer_volgorde(periode: Loonperiode) -> None:
    if periode.status != Loonperiode.Status.OPEN:
        return
    eerder = Loonperiode.objects.filter(
        status=Loonperiode.Status.OPEN, begin__lt=periode.begin
    ).first()
    if eerder is not None:
        raise Conflict(
            f"Exporteer eerst de eerdere periode {eerder.code}.",
            fields={"periode_id": [f"Periode {eerder.code} is nog niet geëxporteerd."]},
        )


def export_map(periode: Loonperiode) -> Path:
    return Path(settings.MEDIA_ROOT) / "loon" / f"{periode.soort}-{periode.code}"


def _bestemming(export: Loonexport) -> tuple[Path, str]:
    """Where a run writes and the prefix of its file names: an advance never overwrites
    (or is mistaken for) the real export's files."""
    if export.voorschot:
        return export_map(export.periode) / f"voorschot-{export.pk}", "voorschot-"
    return export_map(export.periode), ""


def _selectie(periode: Loonperiode):
    if periode.status == Loonperiode.Status.GEEXPORTEERD:
        return Urenregel.objects.filter(periode=periode)
    return Urenregel.objects.filter(
        status__in=GOEDGEKEURD, vergrendeld_op__isnull=True, datum__lte=periode.eind
    )


# --- the chunked computation --------------------------------------------------------------

# Per component the hours field of a line; a correction pays what it adds to its predecessor.
UREN_VELDEN = ("gewerkte_uren", "doorbetaalde_uren", "aanvulling_uren", "toeslag_uren")
VELDEN = (
    "pk",
    "inzet__werknemer_id",
    "inzet__dienst__locatie__werkgever_id",
    "inzet__werknemer__geboortedatum",
    "datum",
    *UREN_VELDEN,
    *(f"corrigeert__{veld}" for veld in UREN_VELDEN),
)
KOLOMMEN = ("id", "werknemer_id", "werkgever_id", "geboortedatum", "datum")
SOORTEN = ("normaal", "doorbetaald", "aanvulling", "feestdagtoeslag")
# Surcharge hours are pay, not time: they accrue no holiday hours.
TIJD = ("normaal", "doorbetaald", "aanvulling")


def _honderdsten(uren: Decimal | None) -> int:
    return int(uren * 100) if uren is not None else 0


def _frame(rijen: list[tuple]) -> pd.DataFrame:
    """A chunk as integers: hundredths of hours, what a correction adds to its predecessor."""
    n = len(SOORTEN)
    data = [
        (*r[:5], *(_honderdsten(r[5 + i]) - _honderdsten(r[5 + n + i]) for i in range(n)))
        for r in rijen
    ]
    df = pd.DataFrame(data, columns=[*KOLOMMEN, *(f"h_{s}" for s in SOORTEN)])
    df["dag"] = pd.to_datetime(df["datum"]).astype("datetime64[ns]")
    return df


def _met_loon(df: pd.DataFrame) -> pd.DataFrame:
    """Each line with the member's wage (cents) on its day, from coop.selectors.lonen (as documents)."""
    reeksen = lonen.afspraken(df["werknemer_id"].unique().tolist())
    paren = {(int(w), d) for w, d in zip(df["werknemer_id"], df["datum"], strict=True)}
    per_paar = {}
    for wn, dag in paren:
        uurloon = lonen.afgesproken_op(reeksen.get(wn, []), dag)
        per_paar[(wn, dag)] = int(uurloon * 100) if uurloon is not None else np.nan
    df["loon_cent"] = [
        per_paar[(int(w), d)] for w, d in zip(df["werknemer_id"], df["datum"], strict=True)
    ]
    return df.sort_values("dag", kind="stable")


@dataclass
class Controle:
    """Refusals found so far (all of them, so staff fix everything in one go)."""

    meldingen: list[str] = field(default_factory=list)
    minimum_cache: dict[tuple[date, date], int | str] = field(default_factory=dict)

    def minimum_cent(self, geboortedatum: date, dag: date) -> int | str:
        sleutel = (geboortedatum, dag)
        if sleutel not in self.minimum_cache:
            try:
                self.minimum_cache[sleutel] = int(minimumloon_per_uur(geboortedatum, dag) * 100)
            except (GeenRegelVoorDatum, RegelFout) as exc:
                self.minimum_cache[sleutel] = str(exc)
        return self.minimum_cache[sleutel]


def _controleer(df: pd.DataFrame, controle: Controle, namen: dict[int, str]) -> None:
    for rij in df.itertuples(index=False):
        naam = namen.get(rij.werknemer_id, f"werknemer {rij.werknemer_id}")
        minimum = controle.minimum_cent(rij.geboortedatum, rij.datum)
        if pd.isna(rij.loon_cent):
            controle.meldingen.append(f"{naam}: geen loonafspraak op {rij.datum:%d-%m-%Y}.")
        elif isinstance(minimum, str):
            controle.meldingen.append(f"{naam}, {rij.datum:%d-%m-%Y}: {minimum}")
        elif rij.loon_cent < minimum:
            controle.meldingen.append(
                f"{naam}: uurloon € {_rond_cent(Decimal(int(rij.loon_cent)) / 100)} op "
                f"{rij.datum:%d-%m-%Y} is lager dan het wettelijk minimum van "
                f"€ {_rond_cent(Decimal(minimum) / 100)} "
                f"(leeftijd {leeftijd_op(rij.geboortedatum, rij.datum)})."
            )


def _bedragen(df: pd.DataFrame) -> pd.DataFrame:
    """Cents per line and component, by the one rounding rule (contracten.regels.geld)."""
    loon = df["loon_cent"].fillna(0).astype("int64")
    for s in SOORTEN:
        df[f"c_{s}"] = bedrag_centen(df[f"h_{s}"].astype("int64"), loon)
    return df


SOMMEN = {f"{p}_{s}": "sum" for p in ("h", "c") for s in SOORTEN}


def _samenvatten(df: pd.DataFrame) -> pd.DataFrame:
    return df.groupby(["werknemer_id", "werkgever_id"]).agg(
        regels=("id", "count"),
        eerste=("dag", "min"),
        laatste=("dag", "max"),
        **{k: (k, v) for k, v in SOMMEN.items()},
    )


@dataclass
class Tussenstand:
    delen: list[pd.DataFrame] = field(default_factory=list)
    werkdagen: set[tuple[int, int, date]] = field(default_factory=set)
    ids: list[int] = field(default_factory=list)


def _verwerk(rijen: list[tuple], stand: Tussenstand, controle: Controle) -> None:
    df = _met_loon(_frame(rijen))
    namen = {
        w.pk: w.volledige_naam
        for w in Werknemer.objects.filter(pk__in=df["werknemer_id"].unique().tolist()).only(
            "voornaam", "tussenvoegsel", "achternaam"
        )
    }
    _controleer(df, controle, namen)
    df = _bedragen(df)
    stand.ids.extend(int(i) for i in df["id"])
    gewerkt = df[df["h_normaal"] > 0]
    stand.werkdagen.update(
        zip(gewerkt["werknemer_id"], gewerkt["werkgever_id"], gewerkt["datum"], strict=True)
    )
    stand.delen.append(_samenvatten(df))


def _chunks(qs, grootte: int):
    laatste = 0
    while True:
        rijen = list(qs.filter(pk__gt=laatste).order_by("pk").values_list(*VELDEN)[:grootte])
        if not rijen:
            return
        yield rijen
        laatste = rijen[-1][0]


# --- from totals to files ----------------------------------------------------------------


def _uren(honderdsten) -> Decimal:
    return Decimal(int(honderdsten)) / 100


def _met_teken(functie, waarde: Decimal, dag: date) -> Decimal:
    # Corrections may be negative; the rules take amounts of zero or more.
    return functie(abs(waarde), dag) * (-1 if waarde < 0 else 1)


def _werkdagen(stand: Tussenstand) -> tuple[tuple[int, int], ...]:
    per_werknemer: dict[int, set[date]] = {}
    for wn, _wg, dag in stand.werkdagen:
        per_werknemer.setdefault(int(wn), set()).add(dag)
    return tuple(sorted((wn, len(dagen)) for wn, dagen in per_werknemer.items()))


def _loonstaat(stand: Tussenstand) -> tuple[Loonstaatregel, ...]:
    if not stand.delen:
        return ()
    totaal = (
        pd.concat(stand.delen)
        .groupby(level=[0, 1])
        .agg({"regels": "sum", "eerste": "min", "laatste": "max", **SOMMEN})
    )
    werknemers = Werknemer.objects.in_bulk(totaal.index.get_level_values(0).unique().tolist())
    werkgevers = Werkgever.objects.in_bulk(totaal.index.get_level_values(1).unique().tolist())
    dagen: dict[tuple[int, int], int] = {}
    for wn, wg, _dag in stand.werkdagen:
        dagen[(wn, wg)] = dagen.get((wn, wg), 0) + 1
    regels = [
        _regel(rij, werknemers[wn], werkgevers[wg], dagen.get((wn, wg), 0))
        for (wn, wg), rij in totaal.iterrows()
    ]
    return tuple(sorted(regels, key=lambda r: (r.werkgever_kvk, r.persnr)))


def _regel(rij, werknemer: Werknemer, werkgever: Werkgever, dagen: int) -> Loonstaatregel:
    laatste = rij["laatste"].date()
    uren = {s: _uren(rij[f"h_{s}"]) for s in SOORTEN}
    bedrag = {s: _uren(rij[f"c_{s}"]) for s in SOORTEN}
    bruto = sum(bedrag.values(), Decimal(0))
    return Loonstaatregel(
        persnr=werknemer.pk,
        naam=werknemer.volledige_naam,
        werkgever=werkgever.naam,
        werkgever_kvk=werkgever.kvk_nummer,
        dagen=dagen,
        eerste_dag=rij["eerste"].date(),
        laatste_dag=laatste,
        uren_normaal=uren["normaal"],
        bedrag_normaal=bedrag["normaal"],
        uren_doorbetaald=uren["doorbetaald"],
        bedrag_doorbetaald=bedrag["doorbetaald"],
        uren_aanvulling=uren["aanvulling"],
        bedrag_aanvulling=bedrag["aanvulling"],
        uren_feestdagtoeslag=uren["feestdagtoeslag"],
        bedrag_feestdagtoeslag=bedrag["feestdagtoeslag"],
        vakantiegeld=_met_teken(vakantiegeld, bruto, laatste),
        vakantie_uren=_met_teken(
            vakantie_uren_opbouw, sum((uren[s] for s in TIJD), Decimal(0)), laatste
        ),
    )


def _schrijf(data: Exportdata, export: Loonexport, nieuw: list[Path]) -> dict:
    """Render and write each file atomically; remember which ones did not exist before."""
    bestanden = {}
    map_, voorvoegsel = _bestemming(export)
    for soort, (patroon, render) in WRITERS.items():
        inhoud = render(data)
        pad = map_ / (voorvoegsel + patroon.format(code=export.periode.code))
        if not pad.exists():
            nieuw.append(pad)
        schrijf_atomair(pad, inhoud)
        bestanden[soort] = {
            "pad": str(pad.relative_to(settings.MEDIA_ROOT)),
            "sha256": hashlib.sha256(inhoud).hexdigest(),
            "grootte": len(inhoud),
        }
    return bestanden


# --- the run ------------------------------------------------------------------------------

Voortgang = Callable[[int, str], None]


def _voortgang(export: Loonexport, procent: int, tekst: str, melder: Voortgang | None) -> None:
    Loonexport.objects.filter(pk=export.pk).update(voortgang=procent, updated_at=timezone.now())
    if melder is not None:
        melder(procent, tekst)


def loonexport_run(
    *, export_id: int, chunk_grootte: int | None = None, melder: Voortgang | None = None
) -> Loonexport:
    """Run one queued export to the end; a failure is recorded on it, never half-applied."""
    export = Loonexport.objects.select_related("periode").get(pk=export_id)
    if export.status == Loonexport.Status.DONE:
        return export  # a task delivered twice does nothing the second time
    Loonexport.objects.filter(pk=export.pk).update(status=Loonexport.Status.RUNNING, melding="")
    nieuw: list[Path] = []
    try:
        _uitvoeren(export, chunk_grootte or getattr(settings, "LOON_CHUNK", 5000), melder, nieuw)
    except Exception as exc:
        for pad in nieuw:
            pad.unlink(missing_ok=True)
        melding = exc.message if isinstance(exc, ApplicationError) else f"Onverwachte fout: {exc}"
        if not isinstance(exc, ApplicationError):
            logger.exception("loonexport %s failed", export.pk)
        Loonexport.objects.filter(pk=export.pk).update(
            status=Loonexport.Status.FAILED, melding=melding, bestanden={}
        )
    export.refresh_from_db()
    return export


def _uitvoeren(export, chunk_grootte: int, melder: Voortgang | None, nieuw: list[Path]) -> None:
    periode = export.periode
    _controleer_volgorde(periode)
    if not export.voorschot:
        controleer_periode_voorbij(periode)  # never lock the hours of a running or future period
    if periode.status == Loonperiode.Status.OPEN:
        annuleringsregels_aanmaken(tot=min(periode.eind, vandaag() - timedelta(days=1)))
    gestart = timezone.now()
    qs = _selectie(periode)
    totaal = qs.count()
    _voortgang(export, 5, f"{totaal} urenregels", melder)
    stand, controle = Tussenstand(), Controle()
    for rijen in _chunks(qs, chunk_grootte):
        _verwerk(rijen, stand, controle)
        _voortgang(export, 5 + 75 * len(stand.ids) // max(totaal, 1), "berekenen", melder)
    if controle.meldingen:
        raise ApplicationError(_weigering(controle.meldingen))
    data = Exportdata(
        f"VOORSCHOT {periode.code}" if export.voorschot else periode.code,
        periode.soort,
        periode.begin,
        periode.eind,
        _loonstaat(stand),
        werkdagen=_werkdagen(stand),
    )
    bestanden = _schrijf(data, export, nieuw)
    _voortgang(export, 95, "bestanden geschreven", melder)
    _afronden(export, periode, stand.ids, data, bestanden, gestart)
    if melder is not None:
        melder(100, "klaar")


def _weigering(meldingen: list[str]) -> str:
    uniek = list(dict.fromkeys(meldingen))
    tekst = "De export is geweigerd; er is niets geschreven. " + " ".join(uniek[:MAX_MELDINGEN])
    if len(uniek) > MAX_MELDINGEN:
        tekst += f" (en nog {len(uniek) - MAX_MELDINGEN} meldingen)"
    return tekst


@transaction.atomic
def _afronden(export, periode, ids: list[int], data: Exportdata, bestanden: dict, gestart):
    """Lock the lines and close the period, all or nothing; refuse if lines moved meanwhile."""
    periode = Loonperiode.objects.select_for_update().get(pk=periode.pk)
    nu = timezone.now()
    if not export.voorschot:  # an advance run fixes nothing
        gegevens_vastleggen(periode.begin, periode.eind)
    if periode.status == Loonperiode.Status.OPEN and not export.voorschot:
        vergrendeld = 0
        for i in range(0, len(ids), 500):
            vergrendeld += Urenregel.objects.filter(
                pk__in=ids[i : i + 500],
                vergrendeld_op__isnull=True,
                status__in=GOEDGEKEURD,
                updated_at__lte=gestart,
            ).update(periode=periode, vergrendeld_op=nu)
        if vergrendeld != len(ids):
            raise Conflict("Tijdens de export zijn uren gewijzigd; start de export opnieuw.")
        periode.status, periode.geexporteerd_op = Loonperiode.Status.GEEXPORTEERD, nu
        periode.save(update_fields=["status", "geexporteerd_op", "updated_at"])
    Loonexport.objects.filter(pk=export.pk).update(
        status=Loonexport.Status.DONE,
        voortgang=100,
        aantal_regels=len(ids),
        aantal_werknemers=len({r.persnr for r in data.regels}),
        totaal_uren=sum((r.betaalde_uren for r in data.regels), Decimal(0)),
        totaal_bruto=sum((r.bruto for r in data.regels), Decimal(0)),
        bestanden=bestanden,
        klaar_op=nu,
    )


def sha256_van(pad: Path) -> str:
    """The file's SHA-256, read in blocks (an export file is checked before it is served)."""
    h = hashlib.sha256()
    with pad.open("rb") as fh:
        for blok in iter(lambda: fh.read(1 << 16), b""):
            h.update(blok)
    return h.hexdigest()
