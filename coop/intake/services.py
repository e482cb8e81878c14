"""Intake of VERA work orders: keys, reading an order, turning it into a work package through
the broker's services, and the order's status as the broker's work proceeds.

An order is identified by the corporation and its own id. A repeat of the same message
changes nothing; a changed repeat replaces the order's work package (the old one is
cancelled through the broker's service, a new one posted) as long as no member is assigned,
and is refused once one is.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coop.exceptions import ApplicationError
from coop.intake import referentiedata as ref
from coop.intake.models import (
    Gereedmelding,
    Koppeling,
    OnderhoudsoortCategorie,
    Onderhoudsorder,
    Pakketbriefing,
    Sleutel,
    SpecialismeVaardigheid,
    Statusmelding,
)
from coop.models import Inzet, Urenregel, Werkpakket
from coop.services import werkpakket as werkpakket_services
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker

logger = logging.getLogger(__name__)

KWARTIER = Decimal("0.25")
GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)


class IntakeFout(ApplicationError):
    """A refused order: `code` is the Foutbericht code, the message names the field."""

    def __init__(self, code: str, melding: str, *, status_code: int = 400, veld: str = ""):
        super().__init__(melding, fields={veld: [melding]} if veld else {})
        self.code = code
        self.status_code = status_code


def _fout(veld: str, melding: str, code: str = "ONGELDIGE_WAARDE", status: int = 400):
    return IntakeFout(code, f"{veld}: {melding}", status_code=status, veld=veld)


# --- the link per corporation and its keys -------------------------------------------------


def koppeling_voor(werkgever: Werkgever) -> Koppeling:
    """The corporation's link, made on first use with its own system account: a login-less
    employer user, so the broker's services apply exactly an employer's rights."""
    bestaand = Koppeling.objects.filter(werkgever=werkgever).first()
    if bestaand is not None:
        return bestaand
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=f"vera-{werkgever.kvk_nummer}", password=None
        )
        WerkgeverGebruiker.objects.create(user=user, werkgever=werkgever, is_beheerder=False)
        return Koppeling.objects.create(werkgever=werkgever, gebruiker=user)


def sleutel_uitgeven(*, werkgever: Werkgever, naam: str = "") -> tuple[Sleutel, str]:
    """A new X-API-KEY for the corporation; the key itself is returned once, never stored."""
    return Sleutel.issue(koppeling=koppeling_voor(werkgever), naam=naam)


def oauth_client_maken(*, werkgever: Werkgever):
    """A new OAuth2 client (client credentials) for the corporation; returns (application,
    secret). The secret is stored hashed and shown only now."""
    from oauth2_provider.generators import generate_client_secret
    from oauth2_provider.models import get_application_model

    application_model = get_application_model()
    koppeling = koppeling_voor(werkgever)
    geheim = generate_client_secret()
    client = application_model.objects.create(
        name=f"VERA OHD {werkgever.naam}"[:255],
        user=koppeling.gebruiker,
        client_type=application_model.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application_model.GRANT_CLIENT_CREDENTIALS,
        client_secret=geheim,
        hash_client_secret=True,
    )
    return client, geheim


def koppeling_van_sleutel(key: str) -> Koppeling | None:
    if not key:
        return None
    sleutel = (
        Sleutel.objects.select_related("koppeling__werkgever", "koppeling__gebruiker")
        .filter(key_hash=Sleutel.hash(key), ingetrokken_op__isnull=True)
        .first()
    )
    if sleutel is None:
        return None
    Sleutel.objects.filter(pk=sleutel.pk).update(laatst_gebruikt_op=timezone.now())
    return sleutel.koppeling


# --- reading an order --------------------------------------------------------------------


@dataclass
class Blok:
    begin: datetime
    eind: datetime


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
        raise _fout(f"{veld}.code", f"vul een code uit de VERA-lijst {naam_lijst} in.")
    if code not in lijst:
        raise _fout(
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
        raise _fout(veld, "vul datum en tijd in, bijv. 2026-12-01T09:00:00Z.")
    if timezone.is_naive(moment):
        raise _fout(veld, "geef een tijdzone mee (bijv. Z voor UTC).")
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
        begin = _tijd(
            afspraak.get("bloktijdBegin") or afspraak.get("begindatum"), f"{pad}.bloktijdBegin"
        )
        eind = _tijd(
            afspraak.get("bloktijdEind") or afspraak.get("einddatum"), f"{pad}.bloktijdEind"
        )
        if begin and eind:
            if eind <= begin:
                raise _fout(f"{pad}.bloktijdEind", "ligt niet na het begin van het blok.")
            blokken.append(Blok(begin, eind))
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
            raise _fout(f"{cpad}.aantal", "mag niet negatief zijn.")
        totaal += Decimal(str(aantal)) / (60 if eenheid == "MIN" else 1)
    return totaal


def lees_order(bericht: dict) -> OrderGegevens:
    """Check the reference values and read what the broker needs; refuse, never guess."""
    order_id = (bericht.get("id") or bericht.get("idExtern") or "").strip()
    if not order_id:
        raise _fout("id", "is verplicht: het eigen nummer van de order bij de corporatie.")
    if len(order_id) > 200:
        raise _fout("id", "is langer dan 200 tekens.")
    _code(bericht.get("status"), "status", ref.ONDERHOUDSORDERSTATUS, "ONDERHOUDSORDERSTATUS")
    soort = _code(
        bericht.get("onderhoudSoort"), "onderhoudSoort", ref.ONDERHOUDSOORT, "ONDERHOUDSOORT"
    )
    if soort is None:
        raise _fout("onderhoudSoort", "is verplicht (VERA-lijst ONDERHOUDSOORT).")
    koppel = OnderhoudsoortCategorie.objects.filter(code=soort).first()
    if koppel is None:
        raise _fout(
            "onderhoudSoort.code",
            f"onderhoudsoort '{soort}' ({ref.ONDERHOUDSOORT[soort]}) is bij de makelaar nog "
            "niet gekoppeld aan een categorie; de order is niet verwerkt.",
            "NIET_GEKOPPELD",
            422,
        )
    uiterst = _tijd(bericht.get("uitersteGereeddatum"), "uitersteGereeddatum")
    if uiterst is None:
        raise _fout(
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
                raise _fout(
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
        raise _fout(
            "afspraken[0].locatie",
            "is verplicht: het adres van de eenheid waar het werk plaatsvindt.",
        )
    adres_veld, adres = adressen[0]
    for sleutel in ("postcode", "huisnummer"):
        if not (adres.get(sleutel) or "").strip():
            raise _fout(f"{adres_veld}.{sleutel}", "is verplicht voor het adres van de eenheid.")
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
    """SHA-256 of everything the work package and its briefing are made of."""
    return hashlib.sha256(
        json.dumps(asdict(gegevens), sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


# --- the work package ----------------------------------------------------------------------


def _locatie(koppeling: Koppeling, gegevens: OrderGegevens) -> Locatie:
    from werkgevers.services import locatie_create

    adres = gegevens.adres
    postcode = "".join((adres.get("postcode") or "").split()).upper()
    huisnummer = (adres.get("huisnummer") or "").strip()
    toevoeging = "".join(
        d for d in ((adres.get("huisletter") or ""), (adres.get("huisnummerToevoeging") or "")) if d
    ).strip()
    if len(postcode) == 6:
        postcode = f"{postcode[:4]} {postcode[4:]}"
    bestaand = Locatie.objects.filter(
        werkgever=koppeling.werkgever,
        postcode=postcode,
        huisnummer=huisnummer,
        toevoeging=toevoeging,
        actief=True,
    ).first()
    if bestaand is not None:
        return bestaand
    straat = (adres.get("straatnaam") or "").strip()
    plaats = ((adres.get("woonplaats") or {}).get("naam") or "").strip()
    data = {
        "naam": f"{straat} {huisnummer}{toevoeging}".strip() or f"{postcode} {huisnummer}",
        "straat": straat,
        "huisnummer": huisnummer,
        "toevoeging": toevoeging,
        "postcode": postcode,
        "plaats": plaats,
    }
    try:
        return locatie_create(
            user=koppeling.gebruiker, werkgever_id=koppeling.werkgever_id, data=data
        )
    except ValidationError as exc:
        velden = getattr(exc, "message_dict", {"adres": exc.messages})
        veld, meldingen = next(iter(velden.items()))
        naam = {"straat": "straatnaam", "toevoeging": "huisnummerToevoeging"}.get(veld, veld)
        raise _fout(f"{gegevens.adres_veld}.{naam}", " ".join(meldingen)) from exc


def _kwartieren(uren: Decimal) -> Decimal:
    return (uren / KWARTIER).to_integral_value(rounding=ROUND_CEILING) * KWARTIER


def _pakket_gegevens(koppeling: Koppeling, gegevens: OrderGegevens, locatie: Locatie):
    vandaag = timezone.localdate()
    blokken = gegevens.blokken
    start = vandaag
    dagen: list[int] = []
    max_per_dag = None
    if blokken:
        start = max(vandaag, min(timezone.localtime(b.begin).date() for b in blokken))
        dagen = sorted({timezone.localtime(b.begin).weekday() for b in blokken})
        langste = max((b.eind - b.begin).total_seconds() / 3600 for b in blokken)
        max_per_dag = max(Decimal(1), _kwartieren(Decimal(str(langste))))
    if gegevens.uiterlijk < start:
        raise _fout("uitersteGereeddatum", "ligt vóór de eerste dag waarop het werk kan beginnen.")
    titel = f"VERA-order {gegevens.order_id}: {gegevens.omschrijving}"
    return werkpakket_services.WerkpakketData(
        locatie_id=locatie.pk,
        titel=titel[:200],
        categorie=gegevens.categorie,
        soort=Werkpakket.Soort.EENMALIG,
        tarief_per_uur=koppeling.tarief_per_uur,
        omschrijving=gegevens.omschrijving,
        vroegste_start=start,
        uiterlijk_eind=gegevens.uiterlijk,
        totaal_uren=_kwartieren(gegevens.uren or koppeling.standaard_uren),
        max_uren_per_dag=max_per_dag,
        dagen=dagen,
        vaardigheden=gegevens.vaardigheden,
    )


def _briefing(koppeling: Koppeling, gegevens: OrderGegevens, locatie: Locatie) -> str:
    regels = [
        f"Onderhoudsorder {gegevens.order_id} van {koppeling.werkgever.naam}",
        f"Omschrijving: {gegevens.omschrijving}",
        f"Adres: {locatie.adresregel}",
    ]
    regels += [f"Taak: {t}" for t in gegevens.taken]
    regels += [f"Defect: {d}" for d in gegevens.defecten]
    for blok in gegevens.blokken:
        b, e = timezone.localtime(blok.begin), timezone.localtime(blok.eind)
        regels.append(f"Afspraak met de huurder: {b:%d-%m-%Y %H:%M} tot {e:%H:%M}")
    for huurder in gegevens.huurders:
        regels.append(f"Huurder: {huurder.naam}" + "".join(f"; {c}" for c in huurder.contact))
    regels.append(f"Klaar uiterlijk: {gegevens.uiterlijk:%d-%m-%Y}")
    return "\n".join(regels)


def _maak_pakket(koppeling: Koppeling, gegevens: OrderGegevens) -> Werkpakket:
    if koppeling.tarief_per_uur is None:
        raise IntakeFout(
            "NIET_INGESTELD",
            "De makelaar heeft voor uw organisatie nog geen uurtarief ingesteld; de order is "
            "niet verwerkt. Neem contact op met de makelaar.",
            status_code=422,
        )
    locatie = _locatie(koppeling, gegevens)
    data = _pakket_gegevens(koppeling, gegevens, locatie)
    user = koppeling.gebruiker
    try:
        pakket = werkpakket_services.werkpakket_create(user=user, data=data)
        Pakketbriefing.objects.create(
            werkpakket=pakket, tekst=_briefing(koppeling, gegevens, locatie)
        )
        if koppeling.direct_publiceren:
            pakket = werkpakket_services.werkpakket_publish(user=user, werkpakket_id=pakket.pk)
    except IntakeFout:
        raise
    except ApplicationError as exc:
        raise IntakeFout(
            "NIET_VERWERKT", f"De order kan niet worden verwerkt: {exc.message}", status_code=422
        ) from exc
    return pakket


def _bemand(pakket: Werkpakket | None) -> bool:
    if pakket is None:
        return False
    return Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF).exists()


@transaction.atomic
def order_ontvangen(*, koppeling: Koppeling, bericht: dict) -> tuple[Onderhoudsorder, bool]:
    """Store an order (idempotent per corporation and order id); returns (order, new)."""
    gegevens = lees_order(bericht)
    koppeling = (
        Koppeling.objects.select_for_update()
        .select_related("werkgever", "gebruiker")
        .get(pk=koppeling.pk)
    )
    afdruk = vingerafdruk(bericht)
    order = (
        Onderhoudsorder.objects.select_for_update()
        .filter(koppeling=koppeling, order_id=gegevens.order_id)
        .first()
    )
    if order is not None and order.vingerafdruk == afdruk:
        return order, False
    werk = werkafdruk(gegevens)
    if order is not None and order.werkafdruk == werk:
        # Changed, but not in anything the work is made of (e.g. the corporation's own
        # status or labels): stored, the package stays as it is, staffed or not.
        order.bericht, order.vingerafdruk = bericht, afdruk
        order.versie += 1
        order.save()
        return order, False
    if order is not None:
        oud = order.werkpakket
        if _bemand(oud):
            raise IntakeFout(
                "AL_INGEPLAND",
                f"Order {order.order_id} is al ingepland bij een lid van de coöperatie; een "
                "gewijzigde order kan niet meer automatisch worden verwerkt. Neem contact op "
                "met de makelaar.",
                status_code=409,
            )
        nieuw = _maak_pakket(koppeling, gegevens)
        # The order moves to the new package first, so cancelling the old one does not
        # report the order itself as cancelled.
        order.bericht, order.vingerafdruk, order.werkpakket = bericht, afdruk, nieuw
        order.werkafdruk = werk
        order.versie += 1
        order.save()
        if oud is not None and oud.status not in (
            Werkpakket.Status.GEANNULEERD,
            Werkpakket.Status.AFGEROND,
        ):
            werkpakket_services.werkpakket_cancel(user=koppeling.gebruiker, werkpakket_id=oud.pk)
        status_bijwerken(order)
        return order, False
    pakket = _maak_pakket(koppeling, gegevens)
    order = Onderhoudsorder.objects.create(
        koppeling=koppeling,
        order_id=gegevens.order_id,
        bericht=bericht,
        vingerafdruk=afdruk,
        werkafdruk=werk,
        werkpakket=pakket,
    )
    status_bijwerken(order)
    return order, True


# --- status --------------------------------------------------------------------------------


@dataclass
class Stand:
    status: str
    begindatum: datetime | None = None
    technisch_gereed_op: datetime | None = None
    financieel_gereed_op: datetime | None = None


def _urenregels(pakket: Werkpakket):
    """The current hours lines of the package's work (a corrected line counts no more)."""
    return (
        Urenregel.objects.filter(inzet__dienst__job__werkpakket=pakket, correctie__isnull=True)
        .exclude(soort__in=(Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF))
        .select_related("inzet")
        .order_by("datum", "pk")
    )


def stand_van(order: Onderhoudsorder) -> Stand:
    """The VERA status that follows from the broker's records (see README, VERA OHD)."""
    from coop.models import Factuur, Factuurregel

    pakket = order.werkpakket
    if pakket is None:
        return Stand("REG")
    if pakket.status == Werkpakket.Status.GEANNULEERD:
        return Stand("GEA")
    inzetten = Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF)
    eerste = inzetten.order_by("start").first()
    begindatum = eerste.start if eerste else None
    regels = list(_urenregels(pakket))
    gemeld = Gereedmelding.objects.filter(werkpakket=pakket).order_by("-created_at").first()
    alles_goed = bool(regels) and all(r.status in GOEDGEKEURD for r in regels)
    if gemeld is not None and alles_goed:
        beoordeeld = [r.vastgesteld_op or r.beoordeeld_op for r in regels]
        tec = max([gemeld.created_at, *[b for b in beoordeeld if b]])
        gefactureerd = (
            Factuurregel.objects.filter(
                werkpakket=pakket,
                factuur__soort=Factuur.Soort.FACTUUR,
                factuur__status=Factuur.Status.UITGEGEVEN,
            )
            .order_by("factuur__created_at")
            .values_list("factuur__created_at", flat=True)
            .first()
        )
        if gefactureerd is not None:
            return Stand("AFG", begindatum, tec, gefactureerd)
        return Stand("TEC", begindatum, tec)
    if regels:
        return Stand("INB", begindatum)
    if eerste is not None:
        return Stand("PLN", begindatum)
    if pakket.status == Werkpakket.Status.CONCEPT:
        return Stand("REG")
    return Stand("GUN")


def status_bijwerken(order: Onderhoudsorder) -> bool:
    """Store the status that follows from the records; a change is queued for the
    corporation when it has a callback address. True when the status changed."""
    stand = stand_van(order)
    velden = {
        "begindatum": stand.begindatum,
        "technisch_gereed_op": stand.technisch_gereed_op,
        "financieel_gereed_op": stand.financieel_gereed_op,
    }
    gewijzigd = stand.status != order.status
    if not gewijzigd and all(getattr(order, k) == v for k, v in velden.items()):
        return False
    for k, v in velden.items():
        setattr(order, k, v)
    if gewijzigd:
        order.status, order.status_sinds = stand.status, timezone.now()
    order.save()
    if gewijzigd and order.koppeling.callback_url:
        melding = Statusmelding.objects.create(
            order=order, status=order.status, bericht=order_bericht(order)
        )
        transaction.on_commit(lambda: _zet_in_wachtrij(melding.pk))
    return gewijzigd


def _zet_in_wachtrij(melding_id: int) -> None:
    from django_q.tasks import async_task

    async_task("coop.intake.tasks.statusmelding_versturen", melding_id)


def orders_van_pakket(pakket_id: int | None):
    if pakket_id is None:
        return Onderhoudsorder.objects.none()
    return Onderhoudsorder.objects.filter(werkpakket_id=pakket_id).select_related("koppeling")


# --- the order as the specification shows it ----------------------------------------------


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _duur(minuten: int) -> str:
    uren, rest = divmod(minuten, 60)
    return "PT" + (f"{uren}H" if uren else "") + (f"{rest}M" if rest or not uren else "")


TAAKSTATUS = {"REG": "CON", "GUN": "CON", "PLN": "GEP", "INB": "UIT", "TEC": "GER", "AFG": "GES"}


# Per hours line: the field, the kind of besteding and its description.
BESTEDING_DELEN = (
    ("gewerkte_uren", "WER", "Werktijd", ""),
    ("aanvulling_uren", "OVE", "Aanvulling tot het minimum per oproep", "-aanvulling"),
    ("doorbetaalde_uren", "OVE", "Doorbetaald bij late annulering", "-doorbetaald"),
)


def bestedingen(order: Onderhoudsorder) -> list[dict]:
    """The approved hours as Onderhoudsbestedingen, per hours line: worked time (WER), the
    top-up to the minimum per call and pay kept on a late cancellation (OVE), each in hours,
    with the member's travel time on the first; together they are the billed hours."""
    pakket = order.werkpakket
    if pakket is None:
        return []
    regels = [r for r in _urenregels(pakket) if r.status in GOEDGEKEURD]
    gemeld = Gereedmelding.objects.filter(werkpakket=pakket).order_by("-created_at").first()
    lijst = []
    for regel in regels:
        datum = _utc(regel.start) or f"{regel.datum:%Y-%m-%d}T00:00:00Z"
        for veld, soort, omschrijving, achtervoegsel in BESTEDING_DELEN:
            uren = getattr(regel, veld)
            if not uren:
                continue
            besteding = {
                "id": f"uren-{regel.pk}{achtervoegsel}",
                "soort": ref.referentie(ref.ONDERHOUDSBESTEDINGSOORT, soort),
                "omschrijving": omschrijving,
                "uitvoerdatum": datum,
                "aantal": float(uren),
                "meeteenheid": ref.referentie(ref.MEETEENHEID, "UUR"),
            }
            if soort == "WER" and regel.start and regel.eind:
                besteding["uitvoerBegintijd"] = _utc(regel.start)
                besteding["uitvoerEindtijd"] = _utc(regel.eind)
            if not lijst and gemeld is not None and gemeld.reistijd_minuten:
                besteding["reistijd"] = _duur(gemeld.reistijd_minuten)
            lijst.append(besteding)
    return lijst


def order_bericht(order: Onderhoudsorder) -> dict:
    """The order as received, with the supplier's part filled in: status, dates, the planned
    appointment, and per task its status and the bestedingen (on the first task)."""
    bericht = json.loads(json.dumps(order.bericht))
    bericht["status"] = ref.referentie(ref.ONDERHOUDSORDERSTATUS, order.status)
    for sleutel, waarde in (
        ("begindatum", order.begindatum),
        ("technischGereeddatum", order.technisch_gereed_op),
        ("financieelGereeddatum", order.financieel_gereed_op),
    ):
        if waarde is not None:
            bericht[sleutel] = _utc(waarde)
    taken = bericht.setdefault("onderhoudstaken", [])
    if not taken:
        taken.append({"code": "1", "omschrijving": bericht.get("omschrijving") or "Uitvoering"})
    taakstatus = TAAKSTATUS.get(order.status)
    for taak in taken:
        if taakstatus and order.status != "GEA":
            taak["status"] = ref.referentie(ref.ONDERHOUDSTAAKSTATUS, taakstatus)
    if order.status == "GEA":
        for taak in taken:
            taak.pop("status", None)
    lijst = bestedingen(order)
    if lijst:
        taken[0]["onderhoudsbestedingen"] = lijst
    if order.werkpakket is not None:
        inzetten = Inzet.objects.filter(
            dienst__job__werkpakket=order.werkpakket, status=Inzet.Status.ACTIEF
        ).order_by("start")
        eerste = inzetten.first()
        if eerste is not None:
            afspraken = bericht.setdefault("afspraken", [])
            if not afspraken:
                afspraken.append({"onderwerp": "Uitvoering van de order"})
            afspraak = afspraken[0]
            afspraak["begindatum"] = _utc(eerste.start)
            afspraak["einddatum"] = _utc(eerste.eind)
            klaar = order.status in ("TEC", "AFG")
            afspraak["status"] = ref.referentie(ref.AFSPRAAKSTATUS, "AFG" if klaar else "GEP")
    return bericht


# --- the member reports the work done -----------------------------------------------------


def _pakket_van_lid(user, werkpakket_id: int) -> tuple[Werkpakket, object]:
    from coop.exceptions import NotFound

    werknemer = getattr(user, "werknemer", None)
    if werknemer is None:
        raise NotFound("Werkpakket niet gevonden.")
    pakket = Werkpakket.objects.filter(
        pk=werkpakket_id,
        jobs__diensten__inzetten__werknemer=werknemer,
        jobs__diensten__inzetten__status=Inzet.Status.ACTIEF,
    ).first()
    if pakket is None:
        raise NotFound("Werkpakket niet gevonden.")
    return pakket, werknemer


def briefing_voor_lid(*, user, werkpakket_id: int) -> Pakketbriefing:
    """The briefing, for the member assigned to the package only (anyone else: 404)."""
    from coop.exceptions import NotFound

    pakket, _ = _pakket_van_lid(user, werkpakket_id)
    briefing = Pakketbriefing.objects.filter(werkpakket=pakket).first()
    if briefing is None:
        raise NotFound("Dit werkpakket heeft geen briefing.")
    return briefing


MAX_FOTO_BYTES = 10 * 1024 * 1024
MAX_FOTOS = 10
FOTO_SOORTEN = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/heic": ".heic",
    "image/webp": ".webp",
}


def _is_soort(data: bytes, soort: str) -> bool:
    """The file's first bytes match the kind it claims (no trust in the client's label)."""
    if soort == "image/jpeg":
        return data[:3] == b"\xff\xd8\xff"
    if soort == "image/png":
        return data[:8] == b"\x89PNG\r\n\x1a\n"
    if soort == "image/webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return data[4:8] == b"ftyp"  # HEIC: an ISO media file


def _foto_lezen(bestand) -> tuple[dict, bytes]:
    soort = (bestand.content_type or "").lower()
    naam = (bestand.name or "foto")[:200]
    if bestand.size > MAX_FOTO_BYTES:
        raise ApplicationError(
            f"Foto '{naam}' is groter dan 10 MB.", fields={"fotos": [f"'{naam}' is te groot."]}
        )
    data = bestand.read()
    if soort not in FOTO_SOORTEN or not _is_soort(data, soort):
        raise ApplicationError(
            f"Foto '{naam}': alleen JPEG, PNG, HEIC of WebP.",
            fields={"fotos": [f"'{naam}' is geen foto."]},
        )
    sha = hashlib.sha256(data).hexdigest()
    gegevens = {
        "naam": naam,
        "content_type": soort,
        "sha256": sha,
        "bestand": f"gereedmeldingen/{sha[:2]}/{sha}{FOTO_SOORTEN[soort]}",
        "grootte": len(data),
    }
    return gegevens, data


def _foto_schrijven(relatief: str, data: bytes) -> None:
    from pathlib import Path

    from django.conf import settings

    from coop.files import schrijf_atomair

    pad = Path(settings.MEDIA_ROOT) / relatief
    if not pad.exists():  # named by its hash: the same photo is stored once
        schrijf_atomair(pad, data)


@transaction.atomic
def gereed_melden(
    *, user, werkpakket_id: int, notitie: str, reistijd_minuten: int = 0, fotos=()
) -> Gereedmelding:
    """The assigned member reports the package's work done, with a note and photos."""
    from coop.intake.models import GereedmeldingFoto

    pakket, werknemer = _pakket_van_lid(user, werkpakket_id)
    if not (notitie or "").strip():
        raise ApplicationError(
            "Schrijf kort op wat er is gedaan.", fields={"notitie": ["Dit veld is verplicht."]}
        )
    if not 0 <= reistijd_minuten <= 600:
        raise ApplicationError(
            "De reistijd ligt tussen 0 en 600 minuten.",
            fields={"reistijd_minuten": ["Tussen 0 en 600 minuten."]},
        )
    if len(fotos) > MAX_FOTOS:
        raise ApplicationError(
            f"Hoogstens {MAX_FOTOS} foto's per melding.",
            fields={"fotos": [f"Hoogstens {MAX_FOTOS}."]},
        )
    gelezen = [_foto_lezen(f) for f in fotos]
    melding = Gereedmelding.objects.create(
        werkpakket=pakket,
        werknemer=werknemer,
        notitie=notitie.strip(),
        reistijd_minuten=reistijd_minuten,
    )
    GereedmeldingFoto.objects.bulk_create(
        GereedmeldingFoto(gereedmelding=melding, **g) for g, _ in gelezen
    )
    # Files last: every check and row is done, so a refusal leaves no file behind.
    for g, data in gelezen:
        _foto_schrijven(g["bestand"], data)
    return melding
