"""What an employer posts as a work package: the data, every check on it before it is
stored (at posting and at a change), and how it is written on the package's rows.

The package's life (posting, publishing, changing, cancelling) is coop.services.werk.werkpakket.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.utils import timezone

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, PermissionDenied
from coop.models import (
    PakketTijdvak,
    PakketVaardigheid,
    PakketVenster,
    Werkpakket,
)
from coop.models.werk import Categorie
from werkgevers.models import Locatie
from werknemers.models import CertificaatSoort, Vaardigheid


@dataclass
class TijdvakData:
    weekdag: int
    begin: time
    eind: time


@dataclass
class VensterData:
    """A time window on one date in which one-off work must happen."""

    datum: date
    begin: time
    eind: time


@dataclass
class WerkpakketData:
    locatie_id: int
    titel: str
    categorie: str
    soort: str
    tarief_per_uur: Decimal
    omschrijving: str = ""
    regie: str = Werkpakket.Regie.MAKELAAR
    feestdagen: str = Werkpakket.Feestdagen.VRIJ
    feestdagtoeslag_procent: Decimal = Decimal("0")
    vroegste_start: date | None = None
    uiterlijk_eind: date | None = None
    totaal_uren: Decimal | None = None
    max_uren_per_dag: Decimal | None = None
    max_personen: int = 1
    dag_begin: time | None = None
    dagen: list[int] = field(default_factory=list)
    startdatum: date | None = None
    einddatum: date | None = None
    tijdvakken: list[TijdvakData] = field(default_factory=list)
    vensters: list[VensterData] = field(default_factory=list)  # one-off work only
    vaardigheden: dict[str, int] = field(default_factory=dict)  # code -> minimum level
    certificaten: list[str] = field(default_factory=list)  # certificate-kind codes


def fout(veld: str, melding: str) -> ApplicationError:
    return ApplicationError(f"{veld}: {melding}", fields={veld: [melding]})


def _check_volume(data: WerkpakketData) -> None:
    if data.soort == Werkpakket.Soort.EENMALIG:
        for veld in ("vroegste_start", "uiterlijk_eind", "totaal_uren"):
            if getattr(data, veld) is None:
                raise fout(veld, "Verplicht bij eenmalig werk.")
        if data.uiterlijk_eind < data.vroegste_start:
            raise fout("uiterlijk_eind", "Ligt vóór de vroegste start.")
        if data.totaal_uren <= 0:
            raise fout("totaal_uren", "Moet groter dan nul zijn.")
        if any(d not in range(7) for d in data.dagen):
            raise fout("dagen", "Weekdagen zijn 0 (maandag) tot en met 6 (zondag).")
        if data.dag_begin is not None and (
            data.dag_begin.minute % 15 or data.dag_begin.second or data.dag_begin.microsecond
        ):
            raise fout("dag_begin", "Kies een begintijd op een heel kwartier, zoals 07:30.")
        _check_vensters(data)
    elif data.soort == Werkpakket.Soort.TERUGKEREND:
        if data.vensters:
            raise fout("vensters", "Tijdvensters op een datum horen bij eenmalig werk.")
        if data.startdatum is None:
            raise fout("startdatum", "Verplicht bij terugkerend werk.")
        if data.einddatum is not None and data.einddatum < data.startdatum:
            raise fout("einddatum", "Ligt vóór de startdatum.")
        if not data.tijdvakken:
            raise fout("tijdvakken", "Geef minstens één dag met begin- en eindtijd.")
        for t in data.tijdvakken:
            if t.weekdag not in range(7):
                raise fout("tijdvakken", "Weekdagen zijn 0 (maandag) tot en met 6 (zondag).")
            if t.begin >= t.eind:
                raise fout("tijdvakken", f"Op dag {t.weekdag} ligt het begin niet vóór het eind.")
    else:
        raise fout("soort", "Kies 'eenmalig' of 'terugkerend'.")
    if data.max_personen < 1:
        raise fout("max_personen", "Minstens één persoon.")
    if data.tarief_per_uur <= 0:
        raise fout("tarief_per_uur", "Moet groter dan nul zijn.")
    if data.categorie not in Categorie.values:
        raise fout("categorie", "Onbekende categorie.")
    if data.regie not in Werkpakket.Regie.values:
        raise fout("regie", "Kies 'makelaar' of 'opdrachtgever'.")


def _op_kwartier(t: time) -> bool:
    return not (t.minute % 15 or t.second or t.microsecond)


def _check_vensters(data: WerkpakketData) -> None:
    van, tot = data.vroegste_start, data.uiterlijk_eind
    assert van is not None and tot is not None  # checked before, with the field named
    for v in data.vensters:
        naam = f"{v.datum:%d-%m-%Y} {v.begin:%H:%M}-{v.eind:%H:%M}"
        if v.begin >= v.eind:
            raise fout("vensters", f"In tijdvenster {naam} ligt het begin niet vóór het eind.")
        if not (_op_kwartier(v.begin) and _op_kwartier(v.eind)):
            raise fout("vensters", f"Tijdvenster {naam} begint of eindigt niet op een kwartier.")
        if not van <= v.datum <= tot:
            raise fout(
                "vensters",
                f"Tijdvenster {naam} ligt buiten de periode van het werk "
                f"({van:%d-%m-%Y} tot en met {tot:%d-%m-%Y}).",
            )


def check_toekomst(soort: str, laatste_dag: date | None, vandaag: date) -> None:
    """Work that lies wholly in the past can never be staffed: refused with the reason."""
    if laatste_dag is None or laatste_dag >= vandaag:
        return
    veld = "uiterlijk_eind" if soort == Werkpakket.Soort.EENMALIG else "einddatum"
    melding = (
        f"Het werk ligt helemaal in het verleden (tot en met {laatste_dag:%d-%m-%Y}); "
        "kies data vanaf vandaag."
    )
    raise ApplicationError(f"{veld}: {melding}", fields={veld: [melding]}, status_code=422)


def laatste_dag(soort: str, uiterlijk_eind: date | None, einddatum: date | None) -> date | None:
    return uiterlijk_eind if soort == Werkpakket.Soort.EENMALIG else einddatum


def _locatie_for(user, locatie_id: int) -> Locatie:
    qs = Locatie.objects.select_related("werkgever")
    if not is_staff(user):
        werkgever_id = actor_van(user).werkgever_id
        if werkgever_id is None:
            raise PermissionDenied(
                "Alleen werkgevers en medewerkers van de makelaar plaatsen werk."
            )
        qs = qs.filter(werkgever_id=werkgever_id)
    locatie = qs.filter(pk=locatie_id).first()
    if locatie is None:
        raise fout("locatie_id", "Onbekende locatie.")
    return locatie


@dataclass
class Gecontroleerd:
    locatie: Locatie
    vaardigheden: dict[str, Vaardigheid]
    certificaten: list[CertificaatSoort]


def invoer_check(user, data: WerkpakketData) -> Gecontroleerd:
    """Everything a package is checked on before it is stored, at posting and at a change."""
    locatie = _locatie_for(user, data.locatie_id)
    _check_volume(data)
    check_toekomst(
        data.soort,
        laatste_dag(data.soort, data.uiterlijk_eind, data.einddatum),
        timezone.localdate(),
    )
    vaardigheden = {v.code: v for v in Vaardigheid.objects.filter(code__in=data.vaardigheden)}
    onbekend = sorted(set(data.vaardigheden) - set(vaardigheden))
    if onbekend:
        raise fout("vaardigheden", f"Onbekende vaardigheid: {', '.join(onbekend)}.")
    if any(niveau not in (1, 2, 3) for niveau in data.vaardigheden.values()):
        raise fout("vaardigheden", "Het niveau is 1 (basis), 2 (gevorderd) of 3 (vakkundig).")
    certificaten = list(CertificaatSoort.objects.filter(code__in=data.certificaten))
    onbekend = sorted(set(data.certificaten) - {c.code for c in certificaten})
    if onbekend:
        raise fout("certificaten", f"Onbekend certificaat: {', '.join(onbekend)}.")
    return Gecontroleerd(locatie, vaardigheden, certificaten)


def velden(data: WerkpakketData, locatie: Locatie) -> dict:
    """The package's own columns from the data."""
    return {
        "werkgever": locatie.werkgever,
        "locatie": locatie,
        "titel": data.titel,
        "omschrijving": data.omschrijving,
        "categorie": data.categorie,
        "soort": data.soort,
        "vroegste_start": data.vroegste_start,
        "uiterlijk_eind": data.uiterlijk_eind,
        "totaal_uren": data.totaal_uren,
        "max_uren_per_dag": data.max_uren_per_dag,
        "max_personen": data.max_personen,
        "dag_begin": data.dag_begin if data.soort == Werkpakket.Soort.EENMALIG else None,
        "dagen": sorted(set(data.dagen)),
        "startdatum": data.startdatum,
        "einddatum": data.einddatum,
        "tarief_per_uur": data.tarief_per_uur,
        "regie": data.regie,
        "feestdagen": data.feestdagen,
        "feestdagtoeslag_procent": data.feestdagtoeslag_procent,
    }


def onderdelen_opslaan(pakket: Werkpakket, data: WerkpakketData, gecontroleerd) -> None:
    """The package's weekly pattern, time windows, skills and certificates (replacing any)."""
    PakketTijdvak.objects.filter(werkpakket=pakket).delete()
    PakketTijdvak.objects.bulk_create(
        PakketTijdvak(werkpakket=pakket, weekdag=t.weekdag, begin=t.begin, eind=t.eind)
        for t in data.tijdvakken
    )
    PakketVenster.objects.filter(werkpakket=pakket).delete()
    PakketVenster.objects.bulk_create(
        PakketVenster(werkpakket=pakket, datum=v.datum, begin=v.begin, eind=v.eind)
        for v in data.vensters
    )
    PakketVaardigheid.objects.filter(werkpakket=pakket).delete()
    PakketVaardigheid.objects.bulk_create(
        PakketVaardigheid(
            werkpakket=pakket, vaardigheid=gecontroleerd.vaardigheden[code], min_niveau=niveau
        )
        for code, niveau in data.vaardigheden.items()
    )
    pakket.vereiste_certificaten.set(gecontroleerd.certificaten)
