"""Labour-law rules as pure functions over dates, ages, hours and amounts.

No database, no hidden "today": every rule takes its reference date. Figures come from
contracten/tabellen.py; a date no table covers raises contracten.feiten.GeenRegelVoorDatum,
input the law does not cover raises RegelFout (a ValueError naming the field).
Working-time limits live in contracten/arbeidstijd.py. Import the rules from here (or
their own module); shared arithmetic: `cent` (money), `honderdste_uur` (hours),
`leeftijd_op` (age), each defined once.
"""

from contracten.feiten import GeenRegelVoorDatum
from contracten.regels.contract import (
    aanzegdatum,
    aanzegplicht,
    aanzegvergoeding,
    einde_na_opzegging,
    max_proeftijd,
    opzegtermijn_werkgever,
    opzegtermijn_werknemer,
    proeftijd_einde,
)
from contracten.regels.feestdagen import feestdagen, is_feestdag, koningsdag, paaszondag
from contracten.regels.fouten import RegelFout
from contracten.regels.geld import bedrag, cent
from contracten.regels.kalender import (
    contractmaanden,
    duurt_langer_dan,
    duurt_ten_minste,
    hele_maanden,
    leeftijd_op,
    periode_einde,
    plus_maanden,
)
from contracten.regels.keten import ContractPeriode, KetenUitkomst, ketenregeling
from contracten.regels.loon import (
    dienstduur,
    minimumloon_kenmerk,
    minimumloon_per_uur,
    transitievergoeding,
    vakantie_uren_opbouw,
    vakantie_uren_per_jaar,
    vakantie_uren_vervallen_na,
    vakantiegeld,
    vakantiegeld_reservering,
)
from contracten.regels.oproep import (
    VasteUrenAanbod,
    minimum_oproep_uren,
    oproep_termijn_ok,
    oproeptermijn_dagen,
    uren_bij_late_annulering,
    vaste_uren_aanbod,
    vroegste_werkbegin,
)
from contracten.regels.uren import honderdste_uur, uren_van_duur, uren_van_seconden

__all__ = [
    "ContractPeriode",
    "GeenRegelVoorDatum",
    "KetenUitkomst",
    "RegelFout",
    "VasteUrenAanbod",
    "aanzegdatum",
    "aanzegplicht",
    "aanzegvergoeding",
    "bedrag",
    "cent",
    "contractmaanden",
    "dienstduur",
    "duurt_langer_dan",
    "duurt_ten_minste",
    "einde_na_opzegging",
    "feestdagen",
    "hele_maanden",
    "honderdste_uur",
    "is_feestdag",
    "ketenregeling",
    "koningsdag",
    "leeftijd_op",
    "max_proeftijd",
    "minimum_oproep_uren",
    "minimumloon_kenmerk",
    "minimumloon_per_uur",
    "oproep_termijn_ok",
    "oproeptermijn_dagen",
    "opzegtermijn_werkgever",
    "opzegtermijn_werknemer",
    "paaszondag",
    "periode_einde",
    "plus_maanden",
    "proeftijd_einde",
    "transitievergoeding",
    "uren_van_duur",
    "uren_van_seconden",
    "uren_bij_late_annulering",
    "vakantie_uren_opbouw",
    "vakantie_uren_per_jaar",
    "vakantie_uren_vervallen_na",
    "vakantiegeld",
    "vakantiegeld_reservering",
    "vaste_uren_aanbod",
    "vroegste_werkbegin",
]
