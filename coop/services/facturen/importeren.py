"""Imports from Excel: work packages (staff and employers) and members (staff).

Every row goes through the same service as the API (werkpakket_create, werknemer_create), so
validation is the same. All rows run in one transaction, each in its own savepoint: by
default nothing is kept unless every row is valid; `proef` (a dry run) always rolls back and
shows what would have been made. Every refused row is reported with its row number, column
and a Dutch message.

A file that is not a readable workbook is refused as a whole with a 400: too large, not an
XLSX (whatever its name), a zip that unpacks to too much, an empty sheet, missing required
columns, too many rows. Formulas are not evaluated: a cell holding one is a row error asking
for the value instead (a cached result may be stale or absent).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, PermissionDenied
from coop.models import Importrun, Werkpakket
from coop.models.werk import Categorie
from coop.services.werk import werkpakket as pakket_services
from werkgevers.models import Locatie, Werkgever
from werknemers import services as werknemer_services
from werknemers.models import Werknemer

MAX_BYTES = 5 * 1024 * 1024
MAX_UITGEPAKT = 50 * 1024 * 1024  # a zip bomb unpacks to far more than this
MAX_RIJEN = 1000
MAX_KOLOMMEN = 60
MAX_LEGE_RIJEN = 200  # formatting far below the data: stop reading after this many empty rows
MAX_FOUTEN_IN_MELDING = 5
DAGEN = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
DAGNAMEN = {
    "maandag": 0,
    "dinsdag": 1,
    "woensdag": 2,
    "donderdag": 3,
    "vrijdag": 4,
    "zaterdag": 5,
    "zondag": 6,
}


class Bestandsfout(ApplicationError):
    """The file as a whole cannot be imported (400, nothing read)."""


class Celfout(ValueError):
    """A cell's value cannot be used; the message is Dutch and says what to fill in."""


# --- reading cells --------------------------------------------------------------------------


def _tekst(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date | time):
        raise Celfout("Vul tekst in, geen datum of tijd.")
    return str(v).strip()


def _decimaal(v: Any) -> Decimal:
    if isinstance(v, bool) or isinstance(v, datetime | date | time):
        raise Celfout("Vul een getal in.")
    try:
        d = Decimal(str(v).strip().replace(",", ".")) if not isinstance(v, int) else Decimal(v)
    except InvalidOperation as exc:
        raise Celfout("Vul een getal in, zoals 32,50.") from exc
    if not d.is_finite():
        raise Celfout("Vul een getal in, zoals 32,50.")
    if d != d.quantize(Decimal("0.01")):
        raise Celfout("Gebruik ten hoogste twee decimalen.")
    return d.quantize(Decimal("0.01"))


def _geheel(v: Any) -> int:
    d = _decimaal(v)
    if d != d.to_integral_value():
        raise Celfout("Vul een geheel getal in.")
    return int(d)


def _datum(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        for formaat in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(v.strip(), formaat).date()
            except ValueError:
                continue
    raise Celfout("Vul een datum in als dd-mm-jjjj.")


def _ja_nee(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    tekst = _tekst(v).lower()
    if tekst in ("ja", "j", "1", "waar", "true"):
        return True
    if tekst in ("nee", "n", "0", "onwaar", "false"):
        return False
    raise Celfout("Vul ja of nee in.")


def _dag(tekst: str) -> int:
    t = tekst.strip().lower()
    if t.isdigit() and int(t) in range(7):
        return int(t)
    if t in DAGNAMEN:
        return DAGNAMEN[t]
    if t in DAGEN:
        return DAGEN[t]
    raise Celfout(f"Onbekende dag '{tekst.strip()}': gebruik ma, di, wo, do, vr, za of zo.")


def _dagen(v: Any) -> list[int]:
    return [_dag(d) for d in re.split(r"[,;\s]+", _tekst(v)) if d]


def _tijd(tekst: str) -> time:
    try:
        return datetime.strptime(tekst.strip().replace(".", ":"), "%H:%M").time()
    except ValueError as exc:
        raise Celfout(f"Onbekende tijd '{tekst.strip()}': gebruik uu:mm.") from exc


def _tijdvakken(v: Any) -> list[pakket_services.TijdvakData]:
    """'ma 08:00-12:00; wo 13:00-17:00' -> weekly blocks."""
    vakken = []
    for deel in [d for d in _tekst(v).split(";") if d.strip()]:
        m = re.fullmatch(r"\s*(\S+)\s+(\S+)\s*-\s*(\S+)\s*", deel)
        if m is None:
            raise Celfout(f"'{deel.strip()}' is geen tijdvak; schrijf bijvoorbeeld ma 08:00-12:00.")
        vakken.append(pakket_services.TijdvakData(_dag(m[1]), _tijd(m[2]), _tijd(m[3])))
    return vakken


def _vaardigheden(v: Any) -> dict[str, int]:
    """'schoonmaak:2, schilderen' -> {code: minimum level (1 when not given)}."""
    uit = {}
    for deel in [d.strip() for d in re.split(r"[,;]", _tekst(v)) if d.strip()]:
        code, _sep, niveau = deel.partition(":")
        uit[code.strip().lower()] = _geheel(niveau) if niveau.strip() else 1
    return uit


def _lijst(v: Any) -> list[str]:
    return [d.strip().lower() for d in re.split(r"[,;]", _tekst(v)) if d.strip()]


# --- columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    kop: str
    lees: Callable[[Any], Any]
    verplicht: bool = False
    uitleg: str = ""
    voorbeeld: str = ""
    keuzes: tuple[str, ...] = ()

    @property
    def naam(self) -> str:
        return self.kop + (" *" if self.verplicht else "")


def _norm(kop: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(kop or "").lower().replace("€", ""))


WERKPAKKET_KOLOMMEN = (
    Kolom(
        "werkgever",
        "Werkgever (KvK)",
        _tekst,
        uitleg="Alleen voor medewerkers: KvK-nummer van de werkgever. Werkgevers laten dit leeg.",
        voorbeeld="30123456",
    ),
    Kolom("locatie", "Locatie", _tekst, True, "Naam of nummer van uw locatie.", "Marshallaan 1-99"),
    Kolom("titel", "Titel", _tekst, True, "Korte naam van het werk.", "Trappenhuizen schoonmaken"),
    Kolom("omschrijving", "Omschrijving", _tekst, uitleg="Wat er moet gebeuren."),
    Kolom(
        "categorie", "Categorie", _tekst, True, "Soort werk.", "schoonmaak", tuple(Categorie.values)
    ),
    Kolom(
        "soort",
        "Soort",
        _tekst,
        True,
        "eenmalig of terugkerend.",
        "eenmalig",
        tuple(Werkpakket.Soort.values),
    ),
    Kolom(
        "tarief_per_uur", "Tarief per uur (€)", _decimaal, True, "Tarief exclusief btw.", "32,50"
    ),
    Kolom(
        "regie",
        "Regie",
        _tekst,
        uitleg="makelaar (wij sturen het werk aan) of opdrachtgever "
        "(u stuurt aan). Leeg: makelaar.",
        voorbeeld="makelaar",
        keuzes=tuple(Werkpakket.Regie.values),
    ),
    Kolom(
        "vroegste_start",
        "Vroegste start",
        _datum,
        uitleg="Eenmalig werk: eerste dag.",
        voorbeeld="05-10-2026",
    ),
    Kolom(
        "uiterlijk_eind",
        "Uiterlijk klaar",
        _datum,
        uitleg="Eenmalig werk: laatste dag.",
        voorbeeld="16-10-2026",
    ),
    Kolom(
        "totaal_uren",
        "Totaal uren",
        _decimaal,
        uitleg="Eenmalig werk: uren in totaal.",
        voorbeeld="24",
    ),
    Kolom("max_uren_per_dag", "Max. uren per dag", _decimaal, uitleg="Eenmalig werk (optioneel)."),
    Kolom("max_personen", "Max. personen tegelijk", _geheel, uitleg="Leeg: 1.", voorbeeld="2"),
    Kolom(
        "dagen",
        "Dagen",
        _dagen,
        uitleg="Eenmalig werk: toegestane dagen, zoals ma, di, wo. "
        "Leeg: maandag tot en met vrijdag.",
        voorbeeld="ma, di, wo",
    ),
    Kolom("startdatum", "Startdatum", _datum, uitleg="Terugkerend werk: eerste dag."),
    Kolom("einddatum", "Einddatum", _datum, uitleg="Terugkerend werk: laatste dag (optioneel)."),
    Kolom(
        "tijdvakken",
        "Weekpatroon",
        _tijdvakken,
        uitleg="Terugkerend werk: dag en tijden, gescheiden door ;",
        voorbeeld="ma 08:00-12:00; wo 13:00-17:00",
    ),
    Kolom(
        "vaardigheden",
        "Vaardigheden",
        _vaardigheden,
        uitleg="Code met minimaal niveau (1-3), gescheiden door komma's.",
        voorbeeld="schoonmaak:2",
    ),
    Kolom(
        "certificaten",
        "Certificaten",
        _lijst,
        uitleg="Codes, gescheiden door komma's.",
        voorbeeld="vca",
    ),
)

WERKNEMER_KOLOMMEN = (
    Kolom("voornaam", "Voornaam", _tekst, True, voorbeeld="Fatima"),
    Kolom("tussenvoegsel", "Tussenvoegsel", _tekst),
    Kolom("achternaam", "Achternaam", _tekst, True, voorbeeld="El Amrani"),
    Kolom("geboortedatum", "Geboortedatum", _datum, True, voorbeeld="17-05-1990"),
    Kolom("bsn", "BSN", _tekst, True, "Negen cijfers (elfproef).", "111222333"),
    Kolom("iban", "IBAN", _tekst, voorbeeld="NL91ABNA0417164300"),
    Kolom("straat", "Straat", _tekst, voorbeeld="Columbuslaan"),
    Kolom("huisnummer", "Huisnummer", _tekst, voorbeeld="12"),
    Kolom("toevoeging", "Toevoeging", _tekst),
    Kolom("postcode", "Postcode", _tekst, True, "Bepaalt coördinaten en wijk.", "3526 EP"),
    Kolom("plaats", "Plaats", _tekst, voorbeeld="Utrecht"),
    Kolom("telefoon", "Telefoon", _tekst),
    Kolom("email", "E-mail", _tekst),
    Kolom("lid_sinds", "Lid sinds", _datum, True, voorbeeld="01-03-2025"),
    Kolom("uren_per_week_min", "Uren per week minimaal", _geheel, voorbeeld="0"),
    Kolom("uren_per_week_max", "Uren per week maximaal", _geheel, voorbeeld="24"),
    Kolom("max_reisafstand_km", "Max. reisafstand (km)", _decimaal, voorbeeld="5"),
    Kolom("talen", "Talen", _lijst, uitleg="Taalcodes, zoals nl, ar, tr.", voorbeeld="nl, ar"),
    Kolom("sroi_toestemming", "Toestemming SROI", _ja_nee, uitleg="ja of nee.", voorbeeld="nee"),
    Kolom(
        "sroi_doelgroep",
        "SROI-doelgroep",
        _tekst,
        uitleg="Alleen met toestemming.",
        keuzes=tuple(v for v in Werknemer.Doelgroep.values if v),
    ),
)

KOLOMMEN = {"werkpakketten": WERKPAKKET_KOLOMMEN, "werknemers": WERKNEMER_KOLOMMEN}
BLADNAMEN = {"werkpakketten": "Werkpakketten", "werknemers": "Werknemers"}


# --- the file -------------------------------------------------------------------------------


def lees_upload(bestand) -> bytes:
    """The uploaded file's bytes, refusing one over the size limit before reading it all."""
    if bestand.size is not None and bestand.size > MAX_BYTES:
        raise _te_groot()
    inhoud = bestand.read(MAX_BYTES + 1)
    if len(inhoud) > MAX_BYTES:
        raise _te_groot()
    return inhoud


def _te_groot() -> Bestandsfout:
    return Bestandsfout(
        f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB; splits het op.",
        fields={"bestand": ["Het bestand is te groot."]},
    )


def _geen_xlsx(extra: str = "") -> Bestandsfout:
    return Bestandsfout(
        "Dit is geen leesbaar Excel-bestand (.xlsx)"
        + (f": {extra}" if extra else ".")
        + " Sla het op als Excel-werkmap en probeer het opnieuw.",
        fields={"bestand": ["Geen geldig .xlsx-bestand."]},
    )


def _controleer_zip(inhoud: bytes) -> None:
    if not inhoud:
        raise _geen_xlsx("het bestand is leeg")
    if not inhoud.startswith(b"PK\x03\x04"):
        raise _geen_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            namen = archief.namelist()
            uitgepakt = sum(i.file_size for i in archief.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _geen_xlsx("het bestand is beschadigd") from exc
    if "xl/workbook.xml" not in namen:
        raise _geen_xlsx("het is een ander soort bestand")
    if uitgepakt > MAX_UITGEPAKT:
        raise Bestandsfout(
            "Het werkblad is uitgepakt te groot om te lezen.",
            fields={"bestand": ["Het bestand is te groot."]},
        )


def _werkblad(inhoud: bytes, soort: str):
    _controleer_zip(inhoud)
    try:
        wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise _geen_xlsx("het bestand is beschadigd") from exc
    naam = BLADNAMEN[soort]
    return wb[naam] if naam in wb.sheetnames else wb.worksheets[0]


@dataclass(frozen=True)
class Fout:
    rij: int
    kolom: str
    cel: str
    melding: str


@dataclass
class Rij:
    nummer: int
    waarden: dict[str, Any]
    cellen: dict[str, str]  # sleutel -> cell reference ("E7")


def _kop(rij, kolommen) -> tuple[dict[int, Kolom], list[Fout]]:
    per_norm = {}
    for k in kolommen:
        per_norm[_norm(k.kop)] = k
        per_norm[_norm(k.sleutel)] = k
    indeling: dict[int, Kolom] = {}
    fouten = []
    for i, cel in enumerate(rij):
        if cel.value is None or str(cel.value).strip() == "":
            continue
        k = per_norm.get(_norm(str(cel.value).replace("*", "")))
        letter = get_column_letter(i + 1)
        if k is None:
            fouten.append(
                Fout(1, str(cel.value), f"{letter}1", "Onbekende kolom; zie het sjabloon.")
            )
        elif k in indeling.values():
            fouten.append(Fout(1, k.kop, f"{letter}1", "Deze kolom staat er twee keer in."))
        else:
            indeling[i] = k
    return indeling, fouten


def _rijen(ws, kolommen) -> tuple[list[Rij], list[Fout]]:
    regels = ws.iter_rows(max_col=MAX_KOLOMMEN)
    kop = next(regels, None)
    if kop is None:
        raise Bestandsfout("Het werkblad is leeg.", fields={"bestand": ["Geen kopregel."]})
    indeling, fouten = _kop(kop, kolommen)
    ontbrekend = [k.kop for k in kolommen if k.verplicht and k not in indeling.values()]
    if ontbrekend:
        raise Bestandsfout(
            f"Verplichte kolommen ontbreken: {', '.join(ontbrekend)}. Gebruik het sjabloon.",
            fields={"bestand": [f"Kolom ontbreekt: {k}" for k in ontbrekend]},
        )
    rijen: list[Rij] = []
    leeg = 0
    for nummer, rij in enumerate(regels, start=2):
        waarden, cellen = _lees_rij(rij, indeling, nummer, fouten)
        if not waarden and not any(f.rij == nummer for f in fouten):
            leeg += 1
            if leeg >= MAX_LEGE_RIJEN:
                break
            continue
        leeg = 0
        rijen.append(Rij(nummer, waarden, cellen))
        if len(rijen) > MAX_RIJEN:
            raise Bestandsfout(
                f"Te veel rijen: hoogstens {MAX_RIJEN} per bestand. Splits het bestand op.",
                fields={"bestand": [f"Meer dan {MAX_RIJEN} rijen."]},
            )
    if not rijen:
        raise Bestandsfout(
            "Het werkblad bevat geen rijen om te importeren.",
            fields={"bestand": ["Geen gegevens onder de kopregel."]},
        )
    return rijen, fouten


def _lees_rij(rij, indeling: dict[int, Kolom], nummer: int, fouten: list[Fout]):
    waarden: dict[str, Any] = {}
    cellen: dict[str, str] = {}
    for i, kolom in indeling.items():
        if i >= len(rij):
            continue
        cel = rij[i]
        ref = f"{get_column_letter(i + 1)}{nummer}"
        cellen[kolom.sleutel] = ref
        if cel.data_type == "f":
            fouten.append(
                Fout(
                    nummer,
                    kolom.kop,
                    ref,
                    "Deze cel bevat een formule; vul de "
                    "waarde zelf in (kopiëren en 'plakken als waarde').",
                )
            )
            continue
        if cel.value is None or (isinstance(cel.value, str) and not cel.value.strip()):
            continue
        try:
            waarden[kolom.sleutel] = kolom.lees(cel.value)
        except Celfout as exc:
            fouten.append(Fout(nummer, kolom.kop, ref, str(exc)))
    return waarden, cellen


# --- the rows through the services -------------------------------------------------------------


def _werkgever_van(user, rij: Rij) -> Werkgever:
    eigen = actor_van(user).werkgever_id
    kvk = rij.waarden.get("werkgever", "")
    if not is_staff(user):
        werkgever = Werkgever.objects.get(pk=eigen)
        if kvk and kvk != werkgever.kvk_nummer:
            raise ApplicationError(
                "",
                fields={
                    "werkgever": ["U importeert alleen voor uw eigen organisatie; laat dit leeg."]
                },
            )
        return werkgever
    if not kvk:
        raise ApplicationError(
            "", fields={"werkgever": ["Vul het KvK-nummer van de werkgever in."]}
        )
    werkgever = Werkgever.objects.filter(kvk_nummer=kvk).first()
    if werkgever is None:
        raise ApplicationError("", fields={"werkgever": [f"Geen werkgever met KvK-nummer {kvk}."]})
    return werkgever


def _locatie(werkgever: Werkgever, waarde: str) -> Locatie:
    qs = Locatie.objects.filter(werkgever=werkgever)
    locatie = qs.filter(naam__iexact=waarde).first()
    if locatie is None and waarde.isdigit():
        locatie = qs.filter(pk=int(waarde)).first()
    if locatie is None:
        raise ApplicationError(
            "", fields={"locatie": [f"Onbekende locatie '{waarde}' bij {werkgever.naam}."]}
        )
    return locatie


def _maak_werkpakket(user, rij: Rij) -> dict:
    werkgever = _werkgever_van(user, rij)
    locatie = _locatie(werkgever, rij.waarden["locatie"])
    velden = {k: v for k, v in rij.waarden.items() if k not in ("werkgever", "locatie")}
    data = pakket_services.WerkpakketData(locatie_id=locatie.pk, **velden)
    pakket = pakket_services.werkpakket_create(user=user, data=data)
    return {
        "rij": rij.nummer,
        "id": pakket.pk,
        "titel": pakket.titel,
        "werkgever": werkgever.naam,
        "locatie": locatie.naam,
        "soort": pakket.soort,
        "tarief_per_uur": str(pakket.tarief_per_uur),
    }


def _maak_werknemer(user, rij: Rij) -> dict:
    data = dict(rij.waarden)
    werknemer = werknemer_services.werknemer_create(user=user, data=data)
    return {
        "rij": rij.nummer,
        "id": werknemer.pk,
        "naam": werknemer.volledige_naam,
        "postcode": werknemer.postcode,
        "wijk": werknemer.wijk,
    }


MAKERS = {"werkpakketten": _maak_werkpakket, "werknemers": _maak_werknemer}
VELD_NAAR_KOLOM = {"locatie_id": "locatie"}


def _fouten_van(rij: Rij, kolommen, velden: dict[str, list[str]], algemeen: str) -> list[Fout]:
    per_sleutel = {k.sleutel: k for k in kolommen}
    uit = []
    for veld, meldingen in velden.items():
        sleutel = VELD_NAAR_KOLOM.get(veld, veld.split(".")[0])
        kolom = per_sleutel.get(sleutel)
        for melding in meldingen:
            uit.append(
                Fout(
                    rij.nummer,
                    kolom.kop if kolom else "",
                    rij.cellen.get(sleutel, "") if kolom else "",
                    str(melding),
                )
            )
    return uit or [Fout(rij.nummer, "", "", algemeen or "Deze rij kan niet worden ingelezen.")]


def _verwerk(user, soort: str, rij: Rij) -> tuple[dict | None, list[Fout]]:
    kolommen = KOLOMMEN[soort]
    try:
        with transaction.atomic():
            return MAKERS[soort](user, rij), []
    except ApplicationError as exc:
        return None, _fouten_van(rij, kolommen, exc.fields, exc.message)
    except ValidationError as exc:
        velden = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return None, _fouten_van(rij, kolommen, velden, " ".join(exc.messages))
    except IntegrityError:
        return None, [Fout(rij.nummer, "", "", "Deze rij botst met bestaande gegevens.")]


# --- the use case ---------------------------------------------------------------------------


@dataclass
class Uitkomst:
    soort: str
    proef: bool
    alles_of_niets: bool
    rijen: int = 0
    aangemaakt: int = 0
    fouten: list[Fout] = field(default_factory=list)
    voorbeeld: list[dict] = field(default_factory=list)

    @property
    def geweigerd(self) -> bool:
        return bool(self.fouten) and self.alles_of_niets and not self.proef

    def _fouten(self) -> list[dict]:
        return [
            {"rij": f.rij, "kolom": f.kolom, "cel": f.cel, "melding": f.melding}
            for f in self.fouten
        ]

    def samenvatting(self) -> str:
        eerste = "; ".join(
            f"rij {f.rij}{', ' + f.kolom if f.kolom else ''}: {f.melding}"
            for f in self.fouten[:MAX_FOUTEN_IN_MELDING]
        )
        meer = len(self.fouten) - MAX_FOUTEN_IN_MELDING
        return eerste + (f" (en nog {meer} fouten)" if meer > 0 else "")

    def als_fout(self) -> dict:
        return {
            "detail": f"Niets geïmporteerd: {len(self.fouten)} fout(en) in het bestand. "
            + self.samenvatting(),
            "fields": {
                f"rij {f.rij}" + (f" ({f.cel})" if f.cel else ""): [f.melding] for f in self.fouten
            },
            "fouten": self._fouten(),
        }

    def als_dict(self) -> dict:
        return {
            "soort": self.soort,
            "proef": self.proef,
            "alles_of_niets": self.alles_of_niets,
            "rijen": self.rijen,
            "aangemaakt": self.aangemaakt,
            "fouten": self._fouten(),
            "voorbeeld": self.voorbeeld,
        }


def _mag(user, soort: str) -> None:
    if soort not in KOLOMMEN:
        raise ApplicationError(
            "Onbekende soort import.", fields={"soort": ["Kies werkpakketten of werknemers."]}
        )
    if is_staff(user):
        return
    if soort == "werkpakketten" and actor_van(user).werkgever_id is not None:
        return
    raise PermissionDenied(
        "Alleen medewerkers van de makelaar importeren werknemers."
        if soort == "werknemers"
        else "Alleen werkgevers en medewerkers van de makelaar importeren werkpakketten."
    )


def importeer(
    *,
    user,
    soort: str,
    bestandsnaam: str,
    inhoud: bytes,
    proef: bool = False,
    alles_of_niets: bool = True,
) -> Uitkomst:
    """Import the workbook's rows; all or nothing unless `alles_of_niets` is False.

    Raises Bestandsfout (400) for a file that cannot be read at all; row errors are in the
    result. Every run is recorded as an Importrun.
    """
    _mag(user, soort)
    uitkomst = Uitkomst(soort, proef, alles_of_niets)
    try:
        rijen, uitkomst.fouten = _rijen(_werkblad(inhoud, soort), KOLOMMEN[soort])
    except Bestandsfout as exc:
        _vastleggen(user, uitkomst, bestandsnaam, inhoud, exc.message)
        raise
    uitkomst.rijen = len(rijen)
    met_celfout = {f.rij for f in uitkomst.fouten}
    with transaction.atomic():
        for rij in rijen:
            if rij.nummer in met_celfout:
                continue
            gemaakt, fouten = _verwerk(user, soort, rij)
            uitkomst.fouten.extend(fouten)
            if gemaakt is not None:
                uitkomst.voorbeeld.append(gemaakt)
        uitkomst.fouten.sort(key=lambda f: (f.rij, f.cel))
        if proef or uitkomst.geweigerd:
            transaction.set_rollback(True)
        else:
            uitkomst.aangemaakt = len(uitkomst.voorbeeld)
    _vastleggen(user, uitkomst, bestandsnaam, inhoud)
    return uitkomst


def _vastleggen(user, uitkomst: Uitkomst, naam: str, inhoud: bytes, melding: str = "") -> None:
    if melding or uitkomst.geweigerd:
        resultaat = Importrun.Uitkomst.GEWEIGERD
    elif uitkomst.proef:
        resultaat = Importrun.Uitkomst.PROEF
    else:
        resultaat = Importrun.Uitkomst.GEIMPORTEERD
    Importrun.objects.create(
        soort=uitkomst.soort,
        user=user if getattr(user, "is_authenticated", False) else None,
        bestandsnaam=(naam or "")[:255],
        sha256=hashlib.sha256(inhoud).hexdigest(),
        proef=uitkomst.proef,
        alles_of_niets=uitkomst.alles_of_niets,
        uitkomst=resultaat,
        rijen=uitkomst.rijen,
        aangemaakt=uitkomst.aangemaakt,
        melding=melding or uitkomst.samenvatting(),
        fouten=uitkomst._fouten(),
    )


# --- the template ---------------------------------------------------------------------------

SJABLOON_MOMENT = datetime(2026, 1, 1)


def sjabloon(soort: str) -> bytes:
    """The template workbook for `soort`: the header row, choice lists and an explanation sheet.

    Deterministic bytes, so the committed coop/data/sjabloon_*.xlsx can be checked against it.
    """
    if soort not in KOLOMMEN:
        raise ApplicationError(
            "Onbekend sjabloon.", fields={"soort": ["Kies werkpakketten of werknemers."]}
        )
    from coop.exports import vaste_zip

    kolommen = KOLOMMEN[soort]
    wb = Workbook()
    ws = wb.active
    ws.title = BLADNAMEN[soort]
    _sjabloon_kop(ws, kolommen)
    _sjabloon_toelichting(wb.create_sheet("Toelichting"), kolommen)
    wb.properties.creator = wb.properties.lastModifiedBy = "coop"
    wb.properties.title = f"Sjabloon {soort}"
    wb.properties.created = wb.properties.modified = SJABLOON_MOMENT
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        ExcelWriter(wb, archief).save()
    return vaste_zip(buffer.getvalue(), SJABLOON_MOMENT)


def _sjabloon_kop(ws, kolommen) -> None:
    ws.append([k.naam for k in kolommen])
    for i, k in enumerate(kolommen, start=1):
        cel = ws.cell(1, i)
        cel.font = Font(bold=True, color="FFFFFF")
        cel.fill = PatternFill("solid", fgColor="1F4E3D" if k.verplicht else "5B7F6E")
        if k.uitleg:
            cel.comment = Comment(k.uitleg, "coop")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, len(k.naam) + 2)
        if k.keuzes:
            lijst = DataValidation(
                type="list", formula1='"' + ",".join(k.keuzes) + '"', allow_blank=True
            )
            lijst.error = f"Kies een van: {', '.join(k.keuzes)}."
            lijst.errorTitle = k.kop
            ws.add_data_validation(lijst)
            lijst.add(f"{letter}2:{letter}{MAX_RIJEN + 1}")
    ws.freeze_panes = "A2"


def _sjabloon_toelichting(ws, kolommen) -> None:
    ws.append(["Kolom", "Verplicht", "Uitleg", "Voorbeeld"])
    for cel in ws[1]:
        cel.font = Font(bold=True)
    for k in kolommen:
        keuzes = f" Keuzes: {', '.join(k.keuzes)}." if k.keuzes else ""
        ws.append([k.kop, "ja" if k.verplicht else "nee", k.uitleg + keuzes, k.voorbeeld])
    ws.append([])
    ws.append(
        [
            f"Vul de gegevens in op het eerste blad, één regel per rij, hoogstens "
            f"{MAX_RIJEN} rijen. Geen formules: vul waarden in. Datums als dd-mm-jjjj."
        ]
    )
    for letter, breedte in zip("ABCD", (26, 10, 80, 32), strict=True):
        ws.column_dimensions[letter].width = breedte
