"""Reading a VERA work order: the message's fields to plain order data, with Dutch errors per field.

A message that cannot be read is an IntakeFout naming the field; a repeat is recognised by
its fingerprint (the whole message) and its work fingerprint (what the work package is made
of).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coop.core.exceptions import ApplicationError
from coop.intake import referentiedata as ref
from coop.intake.models import OnderhoudsoortCategorie, SpecialismeVaardigheid
from coop.intake.spec import veldnaam


class IntakeFout(ApplicationError):
    """A refused order: `code` is the Foutbericht code, the message names the field."""

    def __init__(self, code: str, melding: str, *, status_code: int = 400, veld: str = ""):
        super().__init__(melding, fields={veld: [melding]} if veld else {})
        self.code = code
        self.status_code = status_code


def veldfout(veld: str, melding: str, code: str = "ONGELDIGE_WAARDE", status: int = 400):
    return IntakeFout(code, f"{veld}: {melding}", status_code=status, veld=veld)


@dataclass
class Blok:
    """An appointment's time block with the tenant, and where its begin and end are in the
    message (bloktijdBegin/-Eind, or begindatum/einddatum of a fixed appointment)."""

    begin: datetime
    eind: datetime
    veld_begin: str = ""
    veld_eind: str = ""


@dataclass
class Huurder:
    naam: str
    contact: list[str] = field(default_factory=list)


@dataclass
class OrderGegevens:
    order_id: str
    omschrijving: str
    categorie: str
    uiterlijk: date
    uren: Decimal | None
    vaardigheden: dict[str, int]
    adres: dict
    adres_veld: str
    blokken: list[Blok]
    taken: list[str]
    defecten: list[str]
    huurders: list[Huurder]


def _code(waarde, veld: str, lijst: dict[str, str], naam_lijst: str) -> str | None:
    if waarde is None:
        return None
    code = (waarde or {}).get("code")
    if not code:
        raise veldfout(f"{veld}.code", f"vul een code uit de VERA-lijst {naam_lijst} in.")
    if code not in lijst:
        raise veldfout(
            f"{veld}.code",
            f"'{code}' is geen geldige waarde van de VERA-lijst {naam_lijst}.",
            "ONBEKENDE_WAARDE",
            422,
        )
    return code


def _tijd(waarde: str | None, veld: str) -> datetime | None:
    if not waarde:
        return None
    moment = parse_datetime(waarde)
    if moment is None:
        raise veldfout(veld, "vul datum en tijd in, bijv. 2026-12-01T09:00:00Z.")
    if timezone.is_naive(moment):
        raise veldfout(veld, "geef een tijdzone mee (bijv. Z voor UTC).")
    return moment


def _relaties(relaties, veld: str, huurders: list[Huurder]) -> None:
    for i, relatie in enumerate(relaties or []):
        pad = f"{veld}[{i}]"
        rollen = [
            _code(
                rol.get("soort"), f"{pad}.rollen[{j}].soort", ref.RELATIEROLSOORT, "RELATIEROLSOORT"
            )
            for j, rol in enumerate(relatie.get("rollen") or [])
        ]
        contact = []
        for j, gegeven in enumerate(relatie.get("contactgegevens") or []):
            soort = _code(
                gegeven.get("soort"),
                f"{pad}.contactgegevens[{j}].soort",
                ref.CONTACTGEGEVENSOORT,
                "CONTACTGEGEVENSOORT",
            )
            waarde = gegeven.get("waarde") or "".join(
                gegeven.get(k) or "" for k in ("netnummer", "abonneenummer")
            )
            if waarde:
                contact.append(f"{ref.CONTACTGEGEVENSOORT.get(soort, 'contact')}: {waarde}")
        if not any(rol in ref.HUURDER_ROLLEN for rol in rollen):
            continue
        delen = [relatie.get(k) for k in ("roepnaam", "voornaam", "voorletters")]
        voor = next((d for d in delen if d), "")
        naam = " ".join(
            d for d in (voor, relatie.get("tussenvoegsels"), relatie.get("achternaam")) if d
        )
        huurders.append(
            Huurder(naam or relatie.get("aanschrijfnaam") or "(naam onbekend)", contact)
        )


def _afspraken(afspraken, veld: str, blokken: list[Blok], adressen: list, huurders) -> None:
    for i, afspraak in enumerate(afspraken or []):
        pad = f"{veld}[{i}]"
        _code(afspraak.get("status"), f"{pad}.status", ref.AFSPRAAKSTATUS, "AFSPRAAKSTATUS")
        veld_begin = f"{pad}.{'bloktijdBegin' if afspraak.get('bloktijdBegin') else 'begindatum'}"
        veld_eind = f"{pad}.{'bloktijdEind' if afspraak.get('bloktijdEind') else 'einddatum'}"
        begin = _tijd(afspraak.get("bloktijdBegin") or afspraak.get("begindatum"), veld_begin)
        eind = _tijd(afspraak.get("bloktijdEind") or afspraak.get("einddatum"), veld_eind)
        if begin and eind:
            if eind <= begin:
                raise veldfout(veld_eind, "ligt niet na het begin van het blok.")
            blokken.append(Blok(begin, eind, veld_begin, veld_eind))
        if afspraak.get("locatie"):
            adressen.append((f"{pad}.locatie", afspraak["locatie"]))
        _relaties(afspraak.get("relaties"), f"{pad}.relaties", huurders)


def _uren_uit_voorcalculatie(taak: dict, pad: str) -> Decimal:
    totaal = Decimal(0)
    for j, calc in enumerate(taak.get("voorcalculaties") or []):
        cpad = f"{pad}.voorcalculaties[{j}]"
        _code(
            calc.get("bestedingsoort"),
            f"{cpad}.bestedingsoort",
            ref.ONDERHOUDSBESTEDINGSOORT,
            "ONDERHOUDSBESTEDINGSOORT",
        )
        eenheid = _code(
            calc.get("meeteenheid"), f"{cpad}.meeteenheid", ref.MEETEENHEID, "MEETEENHEID"
        )
        aantal = calc.get("aantal")
        if aantal is None or eenheid not in ("UUR", "MIN"):
            continue
        if aantal < 0:
            raise veldfout(f"{cpad}.aantal", "mag niet negatief zijn.")
        totaal += Decimal(str(aantal)) / (60 if eenheid == "MIN" else 1)
    return totaal


def _waarden(data, plaats: tuple[str, ...], pad: list):
    """(path, value) of every value at `plaats` in the message ('*': each item of a list)."""
    if not plaats:
        yield pad, data
        return
    stap, rest = plaats[0], plaats[1:]
    if stap == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from _waarden(item, rest, [*pad, i])
    elif isinstance(data, dict) and data.get(stap) is not None:
        yield from _waarden(data[stap], rest, [*pad, stap])


def referenties_controleren(bericht: dict, velden) -> None:
    """Refuse the first reference value that is not in its VERA list (for every list the
    broker holds, also in fields the intake does not read): refused, never guessed."""
    for plaats, naam in velden:
        codes = ref.lijst(naam)
        if codes is None:
            continue
        for pad, waarde in _waarden(bericht, plaats, []):
            code = waarde.get("code") if isinstance(waarde, dict) else None
            if code is not None and code not in codes:
                raise veldfout(
                    veldnaam([*pad, "code"]),
                    f"'{code}' is geen geldige waarde van de VERA-lijst {naam}.",
                    "ONBEKENDE_WAARDE",
                    422,
                )


def lees_order(bericht: dict) -> OrderGegevens:
    """Check the reference values and read what the broker needs; refuse, never guess."""
    order_id = (bericht.get("id") or bericht.get("idExtern") or "").strip()
    if not order_id:
        raise veldfout("id", "is verplicht: het eigen nummer van de order bij de corporatie.")
    if len(order_id) > 200:
        raise veldfout("id", "is langer dan 200 tekens.")
    _code(bericht.get("status"), "status", ref.ONDERHOUDSORDERSTATUS, "ONDERHOUDSORDERSTATUS")
    soort = _code(
        bericht.get("onderhoudSoort"), "onderhoudSoort", ref.ONDERHOUDSOORT, "ONDERHOUDSOORT"
    )
    if soort is None:
        raise veldfout("onderhoudSoort", "is verplicht (VERA-lijst ONDERHOUDSOORT).")
    koppel = OnderhoudsoortCategorie.objects.filter(code=soort).first()
    if koppel is None:
        raise veldfout(
            "onderhoudSoort.code",
            f"onderhoudsoort '{soort}' ({ref.ONDERHOUDSOORT[soort]}) is bij de makelaar nog "
            "niet gekoppeld aan een categorie; de order is niet verwerkt.",
            "NIET_GEKOPPELD",
            422,
        )
    uiterst = _tijd(bericht.get("uitersteGereeddatum"), "uitersteGereeddatum")
    if uiterst is None:
        raise veldfout(
            "uitersteGereeddatum", "is verplicht: de uiterste datum waarop het werk klaar is."
        )
    blokken: list[Blok] = []
    adressen: list = []
    huurders: list[Huurder] = []
    _afspraken(bericht.get("afspraken"), "afspraken", blokken, adressen, huurders)
    _relaties(bericht.get("relaties"), "relaties", huurders)
    vaardigheden: dict[str, int] = {}
    taken: list[str] = []
    uren = Decimal(0)
    for i, taak in enumerate(bericht.get("onderhoudstaken") or []):
        pad = f"onderhoudstaken[{i}]"
        _code(taak.get("status"), f"{pad}.status", ref.ONDERHOUDSTAAKSTATUS, "ONDERHOUDSTAAKSTATUS")
        specialisme = _code(
            taak.get("specialisme"),
            f"{pad}.specialisme",
            ref.ONDERHOUDSPECIALISME,
            "ONDERHOUDSPECIALISME",
        )
        if specialisme is not None:
            koppel_v = (
                SpecialismeVaardigheid.objects.select_related("vaardigheid")
                .filter(code=specialisme)
                .first()
            )
            if koppel_v is None:
                raise veldfout(
                    f"{pad}.specialisme.code",
                    f"specialisme '{specialisme}' ({ref.ONDERHOUDSPECIALISME[specialisme]}) is "
                    "bij de makelaar nog niet gekoppeld aan een vaardigheid; de order is niet "
                    "verwerkt.",
                    "NIET_GEKOPPELD",
                    422,
                )
            code = koppel_v.vaardigheid.code
            vaardigheden[code] = max(vaardigheden.get(code, 0), koppel_v.min_niveau)
        uren += _uren_uit_voorcalculatie(taak, pad)
        _afspraken(taak.get("afspraken"), f"{pad}.afspraken", blokken, adressen, huurders)
        _relaties(taak.get("relaties"), f"{pad}.relaties", huurders)
        naam = ref.ONDERHOUDSPECIALISME.get(specialisme or "", "")
        taken.append((taak.get("omschrijving") or "taak") + (f" ({naam})" if naam else ""))
    defecten = []
    for i, defect in enumerate(bericht.get("defecten") or []):
        _relaties(defect.get("relaties"), f"defecten[{i}].relaties", huurders)
        if defect.get("omschrijving"):
            defecten.append(defect["omschrijving"])
    if not adressen:
        raise veldfout(
            "afspraken[0].locatie",
            "is verplicht: het adres van de eenheid waar het werk plaatsvindt.",
        )
    adres_veld, adres = adressen[0]
    for sleutel in ("postcode", "huisnummer"):
        if not (adres.get(sleutel) or "").strip():
            raise veldfout(f"{adres_veld}.{sleutel}", "is verplicht voor het adres van de eenheid.")
    return OrderGegevens(
        order_id=order_id,
        omschrijving=(bericht.get("omschrijving") or ref.ONDERHOUDSOORT[soort]).strip(),
        categorie=koppel.categorie,
        uiterlijk=timezone.localtime(uiterst).date(),
        uren=uren if uren > 0 else None,
        vaardigheden=vaardigheden,
        adres=adres,
        adres_veld=adres_veld,
        blokken=sorted(blokken, key=lambda b: b.begin),
        taken=taken,
        defecten=defecten,
        huurders=huurders,
    )


def vingerafdruk(bericht: dict) -> str:
    return hashlib.sha256(
        json.dumps(bericht, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


def werkafdruk(gegevens: OrderGegevens) -> str:
    """SHA-256 of everything the work package and its briefing are made of (where in the
    message a block stood is not part of the work)."""
    data = asdict(gegevens)
    for blok in data["blokken"]:
        del blok["veld_begin"], blok["veld_eind"]
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()
