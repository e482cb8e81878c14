"""The payroll arithmetic: approved hour lines to one Loonstaatregel per member and employer.

The lines are read in chunks and computed with pandas as integers (hundredths of hours,
cents); each line's wage is the member's agreement on its day (coop.selectors.lonen, as
the documents), checked against the statutory minimum for the member's age. Holiday pay is 8%
of the gross for all paid hours, holiday hours accrue over all paid hours (worked, kept at a
late cancellation, the minimum-call top-up, sick and leave hours: all are hours with wage,
7:634), both by the rule valid on the member's last working day in the period. Sick hours are
paid at their line's percentage, not below the day's minimum wage while the floor applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import (
    RegelFout,
    leeftijd_op,
    minimumloon_per_uur,
    vakantie_uren_opbouw,
    vakantiegeld,
)
from contracten.regels.geld import bedrag_centen
from coop.exports import Loonstaatregel
from coop.models.uren import LOONCOMPONENTEN
from coop.selectors import lonen
from coop.services.uren.loonafspraken import bedrag_tekst
from werkgevers.models import Werkgever
from werknemers.models import Werknemer

# --- the chunked computation --------------------------------------------------------------

# Per component the hours field of a line; a correction pays what it adds to its predecessor.
UREN_VELDEN = LOONCOMPONENTEN
VELDEN = (
    "pk",
    "inzet__werknemer_id",
    "inzet__dienst__locatie__werkgever_id",
    "inzet__werknemer__geboortedatum",
    "datum",
    *UREN_VELDEN,
    *(f"corrigeert__{veld}" for veld in UREN_VELDEN),
    # Sick pay: the line's percentage and whether the minimum-wage floor applies.
    "doorbetaling_procent",
    "minimumloon_garantie",
)
KOLOMMEN = ("id", "werknemer_id", "werkgever_id", "geboortedatum", "datum")
SOORTEN = ("normaal", "doorbetaald", "aanvulling", "feestdagtoeslag", "ziek", "verlof")
# Surcharge hours are pay, not time: they accrue no holiday hours; sick and leave hours do
# (7:634: holiday accrues over every hour with a right to wage).
TIJD = ("normaal", "doorbetaald", "aanvulling", "ziek", "verlof")


def _honderdsten(uren: Decimal | None) -> int:
    return int(uren * 100) if uren is not None else 0


def _frame(rijen: list[tuple]) -> pd.DataFrame:
    """A chunk as integers: hundredths of hours, what a correction adds to its predecessor."""
    n = len(SOORTEN)
    data = [
        (
            *r[:5],
            *(_honderdsten(r[5 + i]) - _honderdsten(r[5 + n + i]) for i in range(n)),
            int((r[5 + 2 * n] or 0) * 100),
            bool(r[6 + 2 * n]),
        )
        for r in rijen
    ]
    df = pd.DataFrame(
        data, columns=[*KOLOMMEN, *(f"h_{s}" for s in SOORTEN), "procent_x100", "garantie"]
    )
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
                f"{naam}: uurloon € {bedrag_tekst(Decimal(int(rij.loon_cent)) / 100)} op "
                f"{rij.datum:%d-%m-%Y} is lager dan het wettelijk minimum van "
                f"€ {bedrag_tekst(Decimal(minimum) / 100)} "
                f"(leeftijd {leeftijd_op(rij.geboortedatum, rij.datum)})."
            )


def _bedragen(df: pd.DataFrame) -> pd.DataFrame:
    """Cents per line and component, by the one rounding rule (contracten.regels.geld).

    A sick hour is paid at the line's percentage of the wage (rounded to the cent), not
    below the minimum wage of the day while the line says the floor applies, never above
    the wage (contracten/regels/ziekte.py)."""
    loon = df["loon_cent"].fillna(0).astype("int64")
    for s in SOORTEN:
        df[f"c_{s}"] = bedrag_centen(df[f"h_{s}"].astype("int64"), loon)
    # The wage x percentage, in cents, halves up (percentages are stored to 0.01).
    procent = (df["procent_x100"].astype("int64") * loon + 5000) // 10000
    bodem = np.where(df["garantie"], np.minimum(df["min_cent"].astype("int64"), loon), 0)
    ziek_loon = np.where(df["procent_x100"] > 0, np.maximum(procent, bodem), 0)
    df["c_ziek"] = bedrag_centen(df["h_ziek"].astype("int64"), ziek_loon.astype("int64"))
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


def chunk_add(rijen: list[tuple], stand: Tussenstand, controle: Controle) -> None:
    df = _met_loon(_frame(rijen))
    namen = {
        w.pk: w.volledige_naam
        for w in Werknemer.objects.filter(pk__in=df["werknemer_id"].unique().tolist()).only(
            "voornaam", "tussenvoegsel", "achternaam"
        )
    }
    _controleer(df, controle, namen)
    df["min_cent"] = [
        m if isinstance(m := controle.minimum_cent(g, d), int) else 0
        for g, d in zip(df["geboortedatum"], df["datum"], strict=True)
    ]
    df = _bedragen(df)
    stand.ids.extend(int(i) for i in df["id"])
    gewerkt = df[df["h_normaal"] > 0]
    stand.werkdagen.update(
        zip(gewerkt["werknemer_id"], gewerkt["werkgever_id"], gewerkt["datum"], strict=True)
    )
    stand.delen.append(_samenvatten(df))


def chunks_read(qs, grootte: int):
    laatste = 0
    while True:
        rijen = list(qs.filter(pk__gt=laatste).order_by("pk").values_list(*VELDEN)[:grootte])
        if not rijen:
            return
        yield rijen
        laatste = rijen[-1][0]


# --- from totals to pay-slip lines ----------------------------------------------------------------


def _uren(honderdsten) -> Decimal:
    return Decimal(int(honderdsten)) / 100


def _met_teken(functie, waarde: Decimal, dag: date) -> Decimal:
    # Corrections may be negative; the rules take amounts of zero or more.
    return functie(abs(waarde), dag) * (-1 if waarde < 0 else 1)


def werkdagen_count(stand: Tussenstand) -> tuple[tuple[int, int], ...]:
    per_werknemer: dict[int, set[date]] = {}
    for wn, _wg, dag in stand.werkdagen:
        per_werknemer.setdefault(int(wn), set()).add(dag)
    return tuple(sorted((wn, len(dagen)) for wn, dagen in per_werknemer.items()))


def loonstaat_build(stand: Tussenstand) -> tuple[Loonstaatregel, ...]:
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
        uren_ziek=uren["ziek"],
        bedrag_ziek=bedrag["ziek"],
        uren_verlof=uren["verlof"],
        bedrag_verlof=bedrag["verlof"],
        vakantiegeld=_met_teken(vakantiegeld, bruto, laatste),
        vakantie_uren=_met_teken(
            vakantie_uren_opbouw, sum((uren[s] for s in TIJD), Decimal(0)), laatste
        ),
    )
