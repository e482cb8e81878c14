"""The dated legal figures the rules in contracten/regels/ use, each with its source.

One module on purpose: it is the register of every dated figure, read side by side with
contracten/BRONNEN.md at each yearly update; split, a table could be missed.

Every figure is a `Feit` (value, valid from, valid until, source, confidence H/M/L; the
sources are listed in contracten/BRONNEN.md §0). A lookup for a date outside every row raises
GeenRegelVoorDatum.

These rows are the reference: they seed the database table `WettelijkGegeven`
(contracten/gegevens.py), where broker staff add the figures of a new period in the admin
without a release. `REGISTER` names every table by its stable key.

Policy on end dates: figures published per period (minimum wage, the transition-payment
cap) end where the publication ends. Statutory rules with no announced change stay open
(`geldig_tot=None`): the statute holds until amended. Rules with an announced change
(the chain rule and on-call rules from 2028, youth wage percentages from 2027) end the day
before it, so a date after it fails loudly until someone checks the new law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D
from typing import Any

from contracten.feiten import DatedTable, Feit, controleer_aansluiting
from contracten.regels.geld import cent

# --- 1. Minimum wage (Wet minimumloon en minimumvakantiebijslag), contracten/BRONNEN.md §1 -----------------

_BRON_WML = (
    "Wet minimumloon en minimumvakantiebijslag art. 8 en 12 (minimumuurloon sinds "
    "2024-01-01); bedragen: Rijksoverheid 'Bedragen minimumloon' en de SZW-besluiten "
    "over de halfjaarlijkse indexering"
)


def _wml(van: date, tot: date, bedragen: tuple[str, ...], zekerheid: str) -> Feit[dict[int, D]]:
    """One half-year of published hourly minimum wages, ages 21 (and over) down to 15."""
    leeftijden = (21, 20, 19, 18, 17, 16, 15)
    waarde = {leeftijd: D(b) for leeftijd, b in zip(leeftijden, bedragen, strict=True)}
    return Feit(waarde, van, tot, _BRON_WML, zekerheid)


# Published hourly amounts per age; key 21 means "21 and over". Stored as published
# (the decision lists amounts); tests check they equal adult rate x youth percentage.
MINIMUMLOON_PER_UUR: DatedTable[dict[int, D]] = DatedTable(
    "minimumloon per uur",
    [
        _wml(
            date(2025, 1, 1),
            date(2025, 6, 30),
            ("14.06", "11.25", "8.44", "7.03", "5.55", "4.85", "4.22"),
            "H",
        ),
        _wml(
            date(2025, 7, 1),
            date(2025, 12, 31),
            ("14.40", "11.52", "8.64", "7.20", "5.69", "4.97", "4.32"),
            "H",
        ),
        _wml(
            date(2026, 1, 1),
            date(2026, 6, 30),
            ("14.71", "11.77", "8.83", "7.36", "5.81", "5.07", "4.41"),
            "H",
        ),
        _wml(
            date(2026, 7, 1),
            date(2026, 12, 31),
            ("14.99", "11.99", "8.99", "7.50", "5.92", "5.17", "4.50"),
            "M",
        ),
    ],
)


# --- Provisional figures (voorlopig) ------------------------------------------------------------
# When a period's figures are not yet published, the next row is computed the documented way
# and marked provisional (confidence L) until staff confirm or replace it in the admin:
# the minimum wage is indexed every half year by the expected contract-wage development (WML
# art. 14); as the estimate we take the last published half-year step (14.71 -> 14.99). Youth
# amounts are the adult amount times the youth percentage, rounded half up to the cent as the
# published tables are (contracten/BRONNEN.md §1, §14).
_VOORLOPIG = (
    "Voorlopig: berekend met de halfjaarlijkse indexering (WML art. 14) met als schatting de "
    "laatst gepubliceerde stap ({stap}); nog niet bevestigd door een bekendmaking in de "
    "Staatscourant. Bevestig of vervang dit gegeven in het beheer zodra het bekend is."
)


def _wml_voorlopig(
    vorige: Feit[dict[int, D]],
    eerdere: Feit[dict[int, D]],
    van: date,
    tot: date,
    percentages: dict[int, D],
) -> Feit[dict[int, D]]:
    factor = vorige.waarde[21] / eerdere.waarde[21]
    volwassen = cent(vorige.waarde[21] * factor)
    waarde = {21: volwassen} | {
        leeftijd: cent(volwassen * p) for leeftijd, p in percentages.items()
    }
    stap = f"{eerdere.waarde[21]} -> {vorige.waarde[21]}"
    return Feit(waarde, van, tot, _VOORLOPIG.format(stap=stap), "L", voorlopig=True)


# Youth percentages of the adult rate (WML art. 8 lid 3 with the Besluit minimumjeugdloon-
# percentages, staffel since 2019-07-01). A new staffel is announced for 2027-01-01.
JEUGDPERCENTAGES: DatedTable[dict[int, D]] = DatedTable(
    "percentages minimumjeugdloon",
    [
        Feit(
            {
                20: D("0.80"),
                19: D("0.60"),
                18: D("0.50"),
                17: D("0.395"),
                16: D("0.345"),
                15: D("0.30"),
            },
            date(2019, 7, 1),
            date(2026, 12, 31),
            "WML art. 8; Rijksoverheid 'Percentages minimumjeugdloon' (contracten/BRONNEN.md §1)",
            "H",
        ),
        # The staffel raised by the amending AMvB from 2027-01-01 (consulted until 2026-01-15;
        # its Staatsblad publication not found, hence M).
        Feit(
            {
                20: D("0.875"),
                19: D("0.75"),
                18: D("0.625"),
                17: D("0.50"),
                16: D("0.40"),
                15: D("0.30"),
            },
            date(2027, 1, 1),
            None,
            "WML art. 8 lid 3; Rijksoverheid 2025-12-04 'Internetconsultatie: Verhoging "
            "minimumjeugdloon 2027'; Kamerstuk 36545 nr. 19 (contracten/BRONNEN.md §14)",
            "M",
        ),
    ],
)

MINIMUMLOON_PER_UUR.code_rijen.append(
    _wml_voorlopig(
        MINIMUMLOON_PER_UUR.code_rijen[-1],
        MINIMUMLOON_PER_UUR.code_rijen[-2],
        date(2027, 1, 1),
        date(2027, 6, 30),
        JEUGDPERCENTAGES.code_rijen[-1].waarde,
    )
)
controleer_aansluiting(MINIMUMLOON_PER_UUR.onderwerp, MINIMUMLOON_PER_UUR.code_rijen)

# Work-based learners (BBL) aged 18-20 kept the pre-2017 percentages; the rate rises with age
# (Rijksoverheid's BBL table, 2024: 18 EUR 6.04, 19 EUR 6.97, 20 EUR 8.16 on an adult 13.27,
# gives 18: 45.5%, 19: 52.5%, 20: 61.5%). Abolished from 2027-01-01 (contracten/BRONNEN.md §14).
BBL_PERCENTAGES: DatedTable[dict[int, D]] = DatedTable(
    "percentages minimumloon bbl",
    [
        Feit(
            {20: D("0.615"), 19: D("0.525"), 18: D("0.455")},
            date(2017, 7, 1),
            date(2026, 12, 31),
            "WML art. 8 lid 3 (uitzondering bbl); Rijksoverheid 'Bedragen minimumloon bbl'",
            "H",
        ),
        # Abolished from 2027-01-01 by the same AMvB: a learner gets the ordinary youth
        # minimum (no BBL exception, an empty row).
        Feit(
            {},
            date(2027, 1, 1),
            None,
            "Afgeschaft per 2027-01-01: Rijksoverheid 2025-12-04 'Internetconsultatie: "
            "Verhoging minimumjeugdloon 2027' (contracten/BRONNEN.md §14)",
            "M",
        ),
    ],
    vaste_sleutels=False,
)

MINIMUMLOON_VANAF_LEEFTIJD = 15  # WML: no statutory minimum below 15 (contracten/BRONNEN.md §1, H)


# --- 2. On-call contracts, art. 7:628a BW (WAB), contracten/BRONNEN.md §2 ---------------------------------


@dataclass(frozen=True)
class OproepFiguren:
    oproeptermijn_dagen: int  # 7:628a lid 2-3
    cao_oproeptermijn_min_uren: int  # 7:628a lid 9: a CAO may shorten, not below 24 h
    min_uren_per_oproep: D  # 7:628a lid 1
    grens_uren_per_week: D  # the 3-hour minimum holds below this agreed weekly figure
    aanbod_na_maanden: int  # 7:628a lid 5: fixed-hours offer after every 12 months
    aanbod_in_maand: int  # ... in writing within the 13th month


OPROEP: DatedTable[OproepFiguren] = DatedTable(
    "regels oproepovereenkomst",
    [
        # Ends before 2028: "Wet meer zekerheid flexwerkers" (Kamerstuk 36746) replaces
        # zero-hours and min-max contracts by band contracts (contracten/BRONNEN.md §2, M/L).
        Feit(
            OproepFiguren(4, 24, D("3"), D("15"), 12, 13),
            date(2020, 1, 1),
            date(2027, 12, 31),
            "Art. 7:628a BW (Wet arbeidsmarkt in balans, Stb. 2019, 219)",
            "H",
        )
    ],
)


# --- 3. Chain rule, art. 7:668a BW, contracten/BRONNEN.md §3 -----------------------------------------------


@dataclass(frozen=True)
class KetenFiguren:
    max_contracten: int
    max_maanden: int
    max_tussenpoos_maanden: int  # a gap of at most this keeps the chain going
    jongere_leeftijd: int  # under this age and ...
    jongere_max_uren_per_week: D  # ... at most this on average: outside the chain (lid 10)


KETEN: DatedTable[KetenFiguren] = DatedTable(
    "ketenregeling",
    [
        # Ends before 2028: the reset gap is reported to become 3 years then (contracten/BRONNEN.md §3, L).
        Feit(
            KetenFiguren(3, 36, 6, 18, D("12")),
            date(2020, 1, 1),
            date(2027, 12, 31),
            "Art. 7:668a BW zoals gewijzigd door de WAB (Stb. 2019, 219)",
            "H",
        )
    ],
)


# --- 4. Probation, notice of (non-)renewal, notice periods, contracten/BRONNEN.md §4 -------------------------


@dataclass(frozen=True)
class ProeftijdFiguren:
    geen_tot_en_met_maanden: int  # fixed term of at most 6 months: no probation
    kort_tot_maanden: int  # fixed term under 24 months (or no calendar end): 1 month
    kort_max: int
    lang_max: int  # indefinite, or fixed term of 24 months or more


PROEFTIJD: DatedTable[ProeftijdFiguren] = DatedTable(
    "proeftijd",
    [
        Feit(
            ProeftijdFiguren(6, 24, 1, 2),
            date(2015, 1, 1),
            None,
            "Art. 7:652 BW (Wet werk en zekerheid, Stb. 2014, 216)",
            "H",
        )
    ],
)


@dataclass(frozen=True)
class AanzegFiguren:
    min_duur_maanden: int  # aanzegplicht for fixed terms of 6 months or more
    maanden_voor_einde: int  # at least one month before the end
    vergoeding_maanden: int  # missed entirely: one month's wage


AANZEG: DatedTable[AanzegFiguren] = DatedTable(
    "aanzegplicht",
    [
        Feit(
            AanzegFiguren(6, 1, 1),
            date(2015, 1, 1),
            None,
            "Art. 7:668 BW (Wet werk en zekerheid, Stb. 2014, 216)",
            "H",
        )
    ],
)

# Employer's notice period by completed years of service: (from years, months).
OPZEGTERMIJN_WERKGEVER: DatedTable[tuple[tuple[int, int], ...]] = DatedTable(
    "opzegtermijn werkgever",
    [
        Feit(
            ((0, 1), (5, 2), (10, 3), (15, 4)),
            date(1999, 1, 1),
            None,
            "Art. 7:672 lid 2 BW (Wet flexibiliteit en zekerheid)",
            "H",
        )
    ],
)
OPZEGTERMIJN_WERKNEMER: DatedTable[int] = DatedTable(
    "opzegtermijn werknemer",
    [Feit(1, date(1999, 1, 1), None, "Art. 7:672 lid 3 BW", "H")],
)


# --- 5. Holiday pay, holidays, transition payment, contracten/BRONNEN.md §5 ----------------------------------

VAKANTIEGELD_PERCENTAGE: DatedTable[D] = DatedTable(
    "vakantiebijslag",
    [Feit(D("0.08"), date(1974, 1, 1), None, "WML art. 15 lid 1", "H")],
)


@dataclass(frozen=True)
class VakantieFiguren:
    weken_per_jaar: int  # statutory holiday: 4 x the agreed weekly hours (7:634)
    opbouw_per_gewerkt_uur: D  # 4/48 for hourly workers (derived, M)
    verval_maanden_na_jaar: int  # statutory hours lapse 6 months after the year (7:640a)


VAKANTIE: DatedTable[VakantieFiguren] = DatedTable(
    "wettelijke vakantie",
    [
        Feit(
            VakantieFiguren(4, D(4) / D(48), 6),
            date(2012, 1, 1),
            None,
            "Art. 7:634 en 7:640a BW; opbouw 4/48 per gewerkt uur afgeleid (contracten/BRONNEN.md §5)",
            "M",
        )
    ],
)

TRANSITIEVERGOEDING_MAXIMUM: DatedTable[D] = DatedTable(
    "maximum transitievergoeding",
    [
        Feit(D("98000"), date(2025, 1, 1), date(2025, 12, 31), "Art. 7:673 lid 2 BW; Stcrt.", "H"),
        Feit(D("102000"), date(2026, 1, 1), date(2026, 12, 31), "Art. 7:673 lid 2 BW; Stcrt.", "M"),
        # Indexed yearly by the expected contract-wage development, rounded to a multiple of
        # EUR 1,000 (art. 7:673 lid 2); estimate: last year's step 98,000 -> 102,000.
        Feit(
            D(round(D("102000") * D("102000") / D("98000") / 1000) * 1000),
            date(2027, 1, 1),
            date(2027, 12, 31),
            "Voorlopig: art. 7:673 lid 2 BW, jaarlijkse indexering afgerond op EUR 1.000 met als "
            "schatting de laatste stap (98.000 -> 102.000); bevestig of vervang in het beheer.",
            "L",
            voorlopig=True,
        ),
    ],
)
# 1/3 of a monthly wage per year of service, pro rata from day one (WAB, since 2020-01-01).
TRANSITIEVERGOEDING_DEEL_PER_JAAR: DatedTable[D] = DatedTable(
    "transitievergoeding per dienstjaar",
    [Feit(D(1) / D(3), date(2020, 1, 1), None, "Art. 7:673 lid 2 BW (WAB)", "H")],
)


# --- 16. Sickness and absence, contracten/BRONNEN.md §16 ------------------------------------------------


@dataclass(frozen=True)
class ZiekteFiguren:
    doorbetaling_procent: D  # 7:629 lid 1: at least 70% of the wage ...
    minimumloon_weken: int  # ... and not below the minimum wage in the first 52 weeks
    max_weken: int  # 104 weeks of wage continuation at most
    max_wachtdagen: int  # 7:629 lid 9: at most 2 waiting days, and only if agreed in writing
    samentellen_binnen_weken: int  # 7:629 lid 10: periods less than 4 weeks apart add up
    vermoeden_na_maanden: int  # 7:610b: after 3 months the average hours are presumed agreed
    vermoeden_over_maanden: int  # ... the average over those 3 months


ZIEKTE: DatedTable[ZiekteFiguren] = DatedTable(
    "loondoorbetaling bij ziekte",
    [
        Feit(
            ZiekteFiguren(D("70"), 52, 104, 2, 4, 3, 3),
            date(2004, 1, 1),
            None,
            "Art. 7:629 lid 1, 9 en 10 BW (Wet verlenging loondoorbetalingsverplichting bij "
            "ziekte, Stb. 2003, 555); art. 7:610b BW",
            "H",
        )
    ],
)


@dataclass(frozen=True)
class VerzuimTermijnen:
    arbodienst_dagen: int  # report to the occupational health service within a week
    probleemanalyse_weken: int  # the occupational physician's problem analysis within 6 weeks
    uwv_na_weken: int  # report long sickness to UWV after 42 weeks (first working day after)


VERZUIM_TERMIJNEN: DatedTable[VerzuimTermijnen] = DatedTable(
    "termijnen ziekmelding",
    [
        Feit(
            VerzuimTermijnen(7, 6, 42),
            date(2002, 4, 1),
            None,
            "Wet verbetering poortwachter; Regeling procesgang eerste en tweede ziektejaar "
            "art. 2 (probleemanalyse binnen 6 weken); art. 38 lid 2 Ziektewet (42e-weeksmelding); "
            "termijn arbodienst: UWV/Rijksoverheid werkgeversinformatie",
            "M",
        )
    ],
)


# --- 10. Public holidays, contracten/BRONNEN.md §10 -----------------------------------------------------------

# King's Day on 27 April (26 April when the 27th is a Sunday) since King Willem-Alexander's
# accession; before 2014 it was Queen's Day, which this table does not cover.
KONINGSDAG: DatedTable[tuple[int, int]] = DatedTable(
    "Koningsdag",
    [Feit((4, 27), date(2014, 1, 1), None, "Algemene termijnenwet art. 3 lid 1", "H")],
)


# --- VAT on the broker's invoices, contracten/BRONNEN.md §11 (coop/services/facturen.py)

# The standard rate of turnover tax. Work the broker invoices (cleaning, painting, moving
# help, gardening, building management) is taxed at the standard rate; the reduced rate for
# labour on older dwellings is a choice the broker's tax adviser makes, not assumed here.
BTW_TARIEF: DatedTable[D] = DatedTable(
    "btw-tarief (algemeen)",
    [
        Feit(
            D("0.21"),
            date(2012, 10, 1),
            None,
            "Wet op de omzetbelasting 1968 art. 9 lid 1 (21% sinds 1 oktober 2012)",
            "H",
        )
    ],
)


# --- 17. Working time: breaks, weekly rest, averages (Arbeidstijdenwet), contracten/BRONNEN.md §17

_BRON_ATW = "Arbeidstijdenwet (Stb. 1995, 598), zoals vereenvoudigd per 2007-04-01"


@dataclass(frozen=True)
class PauzeFiguren:
    """Art. 5:4: per dienst, (more than this many hours of work, at least this many minutes
    of break); the break may be split into parts of at least `min_deel_minuten`."""

    volwassen: tuple[tuple[D, int], ...]
    jeugdig: tuple[tuple[D, int], ...]  # 16 and 17
    min_deel_minuten: int


ARBEIDSTIJD_PAUZE: DatedTable[PauzeFiguren] = DatedTable(
    "pauze per dienst (Arbeidstijdenwet)",
    [
        Feit(
            PauzeFiguren(
                volwassen=((D("5.5"), 30), (D(10), 45)),
                jeugdig=((D("4.5"), 30),),
                min_deel_minuten=15,
            ),
            date(2007, 4, 1),
            None,
            f"{_BRON_ATW}, art. 5:4 lid 1 (jeugdige werknemer) en lid 2 (18 jaar en ouder)",
            "H",
        )
    ],
)


@dataclass(frozen=True)
class WekelijkseRustFiguren:
    """Art. 5:5: uninterrupted rest in every period of 7 x 24 hours, or (18 and older) in
    every period of 14 x 24 hours, which may be split into parts of at least 32 hours."""

    periode_uren: D  # 7 x 24
    rust_uren: D
    lange_periode_uren: D  # 14 x 24, 18 and older only
    lange_rust_uren: D
    min_deel_uren: D  # the parts of the 14-day rest
    jeugdig_rust_uren: D  # 16 and 17: per 7 x 24, no 14-day alternative


ARBEIDSTIJD_WEKELIJKSE_RUST: DatedTable[WekelijkseRustFiguren] = DatedTable(
    "wekelijkse rust (Arbeidstijdenwet)",
    [
        Feit(
            WekelijkseRustFiguren(D(168), D(36), D(336), D(72), D(32), D(36)),
            date(2007, 4, 1),
            None,
            f"{_BRON_ATW}, art. 5:5 (18 jaar en ouder) en art. 5:2 (jeugdige werknemer: "
            "36 uur per 7 x 24 uur)",
            "H",
        )
    ],
)


@dataclass(frozen=True)
class GemiddeldeFiguren:
    """Art. 5:7 and 5:2: (weeks, at most this many hours worked per week on average) in every
    period of that many consecutive weeks."""

    volwassen: tuple[tuple[int, D], ...]  # every hour worked counts
    jeugdig: tuple[tuple[int, D], ...]  # the hours worked at 16 or 17


ARBEIDSTIJD_GEMIDDELDE: DatedTable[GemiddeldeFiguren] = DatedTable(
    "gemiddelde arbeidstijd per week (Arbeidstijdenwet)",
    [
        Feit(
            GemiddeldeFiguren(
                volwassen=((4, D(55)), (16, D(48))),
                jeugdig=((4, D(40)),),
            ),
            date(2007, 4, 1),
            None,
            f"{_BRON_ATW}, art. 5:7 lid 3 en 4 (18 jaar en ouder: 55 uur over 4 weken, 48 uur "
            "over 16 weken) en art. 5:2 (jeugdige werknemer: 40 uur over 4 weken)",
            "H",
        )
    ],
)


# --- The register: every table by its stable key ------------------------------------------------

REGISTER: dict[str, DatedTable[Any]] = {
    naam.lower(): tabel for naam, tabel in list(globals().items()) if isinstance(tabel, DatedTable)
}
for _sleutel, _tabel in REGISTER.items():
    _tabel.sleutel = _sleutel
