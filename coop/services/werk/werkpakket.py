"""Posting, publishing (splitting into jobs), changing and cancelling work packages.

A package's life in one module: changing it is posting and publishing it again (the same
checks, the same split of coop.services.werk.indeling) and cancelling undoes what publishing
made; read together, they are seen to treat a package alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, Conflict, PermissionDenied
from coop.models import (
    Aanbod,
    Dienst,
    Fragment,
    Gebeurtenis,
    Inzet,
    Job,
    PakketTijdvak,
    PakketVaardigheid,
    PakketVenster,
    Werkpakket,
)
from coop.models.werk import Categorie
from coop.notificaties.gebeurtenissen import aanbiedingen_ingetrokken
from coop.selectors.werk import werkpakket_get
from coop.services.werk.geschiedenis import gebeurtenis_create, gebeurtenissen_create
from coop.services.werk.indeling import Deel, delen_van, indeling_opslaan, indeling_van
from coop.services.werk.inzet import inzet_cancel
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


def _fout(veld: str, melding: str) -> ApplicationError:
    return ApplicationError(f"{veld}: {melding}", fields={veld: [melding]})


def _check_volume(data: WerkpakketData) -> None:
    if data.soort == Werkpakket.Soort.EENMALIG:
        for veld in ("vroegste_start", "uiterlijk_eind", "totaal_uren"):
            if getattr(data, veld) is None:
                raise _fout(veld, "Verplicht bij eenmalig werk.")
        if data.uiterlijk_eind < data.vroegste_start:
            raise _fout("uiterlijk_eind", "Ligt vóór de vroegste start.")
        if data.totaal_uren <= 0:
            raise _fout("totaal_uren", "Moet groter dan nul zijn.")
        if any(d not in range(7) for d in data.dagen):
            raise _fout("dagen", "Weekdagen zijn 0 (maandag) tot en met 6 (zondag).")
        if data.dag_begin is not None and (
            data.dag_begin.minute % 15 or data.dag_begin.second or data.dag_begin.microsecond
        ):
            raise _fout("dag_begin", "Kies een begintijd op een heel kwartier, zoals 07:30.")
        _check_vensters(data)
    elif data.soort == Werkpakket.Soort.TERUGKEREND:
        if data.vensters:
            raise _fout("vensters", "Tijdvensters op een datum horen bij eenmalig werk.")
        if data.startdatum is None:
            raise _fout("startdatum", "Verplicht bij terugkerend werk.")
        if data.einddatum is not None and data.einddatum < data.startdatum:
            raise _fout("einddatum", "Ligt vóór de startdatum.")
        if not data.tijdvakken:
            raise _fout("tijdvakken", "Geef minstens één dag met begin- en eindtijd.")
        for t in data.tijdvakken:
            if t.weekdag not in range(7):
                raise _fout("tijdvakken", "Weekdagen zijn 0 (maandag) tot en met 6 (zondag).")
            if t.begin >= t.eind:
                raise _fout("tijdvakken", f"Op dag {t.weekdag} ligt het begin niet vóór het eind.")
    else:
        raise _fout("soort", "Kies 'eenmalig' of 'terugkerend'.")
    if data.max_personen < 1:
        raise _fout("max_personen", "Minstens één persoon.")
    if data.tarief_per_uur <= 0:
        raise _fout("tarief_per_uur", "Moet groter dan nul zijn.")
    if data.categorie not in Categorie.values:
        raise _fout("categorie", "Onbekende categorie.")
    if data.regie not in Werkpakket.Regie.values:
        raise _fout("regie", "Kies 'makelaar' of 'opdrachtgever'.")


def _op_kwartier(t: time) -> bool:
    return not (t.minute % 15 or t.second or t.microsecond)


def _check_vensters(data: WerkpakketData) -> None:
    van, tot = data.vroegste_start, data.uiterlijk_eind
    assert van is not None and tot is not None  # checked before, with the field named
    for v in data.vensters:
        naam = f"{v.datum:%d-%m-%Y} {v.begin:%H:%M}-{v.eind:%H:%M}"
        if v.begin >= v.eind:
            raise _fout("vensters", f"In tijdvenster {naam} ligt het begin niet vóór het eind.")
        if not (_op_kwartier(v.begin) and _op_kwartier(v.eind)):
            raise _fout("vensters", f"Tijdvenster {naam} begint of eindigt niet op een kwartier.")
        if not van <= v.datum <= tot:
            raise _fout(
                "vensters",
                f"Tijdvenster {naam} ligt buiten de periode van het werk "
                f"({van:%d-%m-%Y} tot en met {tot:%d-%m-%Y}).",
            )


def _check_toekomst(soort: str, laatste_dag: date | None, vandaag: date) -> None:
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
        raise _fout("locatie_id", "Onbekende locatie.")
    return locatie


@dataclass
class _Gecontroleerd:
    locatie: Locatie
    vaardigheden: dict[str, Vaardigheid]
    certificaten: list[CertificaatSoort]


def _gecontroleerd(user, data: WerkpakketData) -> _Gecontroleerd:
    """Everything a package is checked on before it is stored, at posting and at a change."""
    locatie = _locatie_for(user, data.locatie_id)
    _check_volume(data)
    _check_toekomst(
        data.soort,
        laatste_dag(data.soort, data.uiterlijk_eind, data.einddatum),
        timezone.localdate(),
    )
    vaardigheden = {v.code: v for v in Vaardigheid.objects.filter(code__in=data.vaardigheden)}
    onbekend = sorted(set(data.vaardigheden) - set(vaardigheden))
    if onbekend:
        raise _fout("vaardigheden", f"Onbekende vaardigheid: {', '.join(onbekend)}.")
    if any(niveau not in (1, 2, 3) for niveau in data.vaardigheden.values()):
        raise _fout("vaardigheden", "Het niveau is 1 (basis), 2 (gevorderd) of 3 (vakkundig).")
    certificaten = list(CertificaatSoort.objects.filter(code__in=data.certificaten))
    onbekend = sorted(set(data.certificaten) - {c.code for c in certificaten})
    if onbekend:
        raise _fout("certificaten", f"Onbekend certificaat: {', '.join(onbekend)}.")
    return _Gecontroleerd(locatie, vaardigheden, certificaten)


def _velden(data: WerkpakketData, locatie: Locatie) -> dict:
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


def _onderdelen_opslaan(pakket: Werkpakket, data: WerkpakketData, gecontroleerd) -> None:
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


@transaction.atomic
def werkpakket_create(*, user, data: WerkpakketData) -> Werkpakket:
    """Post a work package (status concept) for one of the user's own locations."""
    gecontroleerd = _gecontroleerd(user, data)
    pakket = Werkpakket.objects.create(**_velden(data, gecontroleerd.locatie))
    _onderdelen_opslaan(pakket, data, gecontroleerd)
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.AANGEMAAKT,
        tekst=f"Werkpakket '{pakket.titel}' geplaatst.",
    )
    return pakket


def werkpakket_preview(*, user, werkpakket_id: int) -> list[Deel]:
    """What publishing a draft would make now, stored nowhere: the same split and the same
    refusals (coop.services.werk.indeling). The employer reads it before publishing."""
    pakket = werkpakket_get(user, werkpakket_id)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    _check_toekomst(
        pakket.soort,
        laatste_dag(pakket.soort, pakket.uiterlijk_eind, pakket.einddatum),
        timezone.localdate(nu),
    )
    return delen_van(pakket, indeling_van(pakket, nu=nu))


@transaction.atomic
def werkpakket_publish(*, user, werkpakket_id: int) -> Werkpakket:
    """Publish a draft package: split it into permanent fragments and incidental shifts."""
    pakket = werkpakket_get(user, werkpakket_id)
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    _check_toekomst(
        pakket.soort, laatste_dag(pakket.soort, pakket.uiterlijk_eind, pakket.einddatum), vandaag
    )
    specs = indeling_van(pakket, nu=nu)
    indeling_opslaan(pakket, specs)
    pakket.status = Werkpakket.Status.GESPLITST
    pakket.gepubliceerd_op = timezone.now()
    pakket.save(update_fields=["status", "gepubliceerd_op", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEPUBLICEERD,
        tekst=f"Gepubliceerd en ingedeeld in {len(specs)} deel/delen: "
        + "; ".join(spec.reden for spec in specs),
    )
    return pakket


@transaction.atomic
def werkpakket_cancel(*, user, werkpakket_id: int) -> Werkpakket:
    """Cancel a package; open shifts are cancelled, assigned ones through inzet_cancel."""
    pakket = werkpakket_get(user, werkpakket_id)
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status in (Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND):
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    nu = timezone.now()
    for inzet in pakket_inzetten(pakket).filter(start__gt=nu):
        inzet_cancel(user=user, inzet_id=inzet.pk, reden="werkpakket geannuleerd")
    Dienst.objects.filter(job__werkpakket=pakket, status=Dienst.Status.OPEN).update(
        status=Dienst.Status.GEANNULEERD
    )
    open_aanbiedingen = Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.OPEN)
    aanbiedingen_ingetrokken(open_aanbiedingen, reden="vervallen")
    open_aanbiedingen.update(status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu)
    Job.objects.filter(werkpakket=pakket).update(status=Job.Status.GEANNULEERD)
    pakket.status = Werkpakket.Status.GEANNULEERD
    pakket.save(update_fields=["status", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEANNULEERD,
        tekst="Werkpakket geannuleerd.",
    )
    return pakket


def pakket_inzetten(pakket: Werkpakket):
    return Inzet.objects.filter(dienst__job__werkpakket=pakket, status=Inzet.Status.ACTIEF)


class AlBemand(Conflict):
    """A package a member already took on (an assignment, or an accepted offer) is not
    changed any more; `eerste_dienst` is the start of its first assigned shift, if any."""

    def __init__(self, message: str, *, eerste_dienst: datetime | None = None) -> None:
        super().__init__(message)
        self.eerste_dienst = eerste_dienst


def pakket_bemand(pakket: Werkpakket) -> bool:
    """Whether a member took on any of the package's work: an active assignment on one of its
    shifts (incidental, or of a permanent job bundled from its fragments), or an accepted
    offer of one of its jobs."""
    return (
        Inzet.objects.filter(
            Q(dienst__job__werkpakket=pakket) | Q(dienst__fragment__werkpakket=pakket),
            status=Inzet.Status.ACTIEF,
        ).exists()
        or Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.GEACCEPTEERD).exists()
    )


@transaction.atomic
def werkpakket_update(*, user, werkpakket_id: int, data: WerkpakketData) -> Werkpakket:
    """Change a package in place while no member has taken any of it on, with the checks of
    posting. A published package is published again: its open offers are withdrawn (the
    members are told the work does not go ahead), its open shifts and jobs cancelled and the
    changed work split into new ones as publishing does; its id, history and anything that
    refers to it stay. Refused (409) once a member is assigned or accepted an offer
    (AlBemand), once its fragments are bundled into a permanent job, and for a cancelled or
    completed package."""
    pakket = werkpakket_get(user, werkpakket_id)
    # The lock order of an acceptance: the shifts first, then the package. An acceptance
    # racing this change either committed before (and is seen below) or waits and then
    # finds its offer withdrawn.
    list(
        Dienst.objects.select_for_update(of=("self",))
        .filter(job__werkpakket=pakket)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status in (Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND):
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}; wijzigen kan niet.")
    if pakket_bemand(pakket):
        eerste = pakket_inzetten(pakket).order_by("start").values_list("start", flat=True).first()
        raise AlBemand(
            "Dit werkpakket is al bemand: een lid is ingepland of heeft een aanbod aangenomen. "
            "Wijzigen kan niet meer; overleg met de makelaar.",
            eerste_dienst=eerste,
        )
    if Fragment.objects.filter(werkpakket=pakket, job__isnull=False).exists():
        raise Conflict(
            "Dit werk is al gebundeld tot een vaste baan; wijzigen kan niet meer. Overleg met "
            "de makelaar."
        )
    gecontroleerd = _gecontroleerd(user, data)
    if gecontroleerd.locatie.werkgever_id != pakket.werkgever_id:
        raise _fout("locatie_id", "Onbekende locatie.")
    for veld, waarde in _velden(data, gecontroleerd.locatie).items():
        setattr(pakket, veld, waarde)
    pakket.save()
    _onderdelen_opslaan(pakket, data, gecontroleerd)
    if pakket.status == Werkpakket.Status.CONCEPT:
        gebeurtenis_create(
            user=user,
            werkpakket=pakket,
            soort=Gebeurtenis.Soort.GEWIJZIGD,
            tekst=f"Werkpakket '{pakket.titel}' gewijzigd.",
        )
        return pakket
    nu = timezone.now()
    specs = indeling_van(pakket, nu=nu)
    open_aanbiedingen = Aanbod.objects.filter(job__werkpakket=pakket, status=Aanbod.Status.OPEN)
    ingetrokken = open_aanbiedingen.count()
    aanbiedingen_ingetrokken(open_aanbiedingen, reden="vervallen")
    open_aanbiedingen.update(status=Aanbod.Status.INGETROKKEN, beantwoord_op=nu)
    Dienst.objects.filter(job__werkpakket=pakket).exclude(status=Dienst.Status.GEANNULEERD).update(
        status=Dienst.Status.GEANNULEERD
    )
    Job.objects.filter(werkpakket=pakket).update(status=Job.Status.GEANNULEERD)
    Fragment.objects.filter(werkpakket=pakket, job__isnull=True).delete()
    indeling_opslaan(pakket, specs)
    pakket.status = Werkpakket.Status.GESPLITST
    pakket.save(update_fields=["status", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEWIJZIGD,
        tekst=f"Gewijzigd en opnieuw ingedeeld in {len(specs)} deel/delen"
        + (f" ({ingetrokken} open aanbieding(en) ingetrokken)" if ingetrokken else "")
        + ": "
        + "; ".join(spec.reden for spec in specs),
    )
    return pakket


def werkpakketten_complete(*, nu: datetime | None = None) -> int:
    """Scheduled daily: a package whose work is all in the past is done ('afgerond')."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    kandidaten = Werkpakket.objects.filter(
        status__in=[
            Werkpakket.Status.GESPLITST,
            Werkpakket.Status.DEELS_GEVULD,
            Werkpakket.Status.GEVULD,
        ]
    ).exclude(soort=Werkpakket.Soort.TERUGKEREND, einddatum__isnull=True)
    klaar = []
    for pakket in kandidaten:
        einde = (
            pakket.uiterlijk_eind if pakket.soort == Werkpakket.Soort.EENMALIG else pakket.einddatum
        )
        if einde is None or einde >= vandaag:
            continue
        nog_werk = (
            Dienst.objects.filter(
                job__werkpakket=pakket,
                eind__gt=nu,
                status__in=[Dienst.Status.OPEN, Dienst.Status.BEZET],
            ).exists()
            or Dienst.objects.filter(
                fragment__werkpakket=pakket, eind__gt=nu, status=Dienst.Status.BEZET
            ).exists()
        )
        if not nog_werk:
            klaar.append(pakket.pk)
    Werkpakket.objects.filter(pk__in=klaar).update(status=Werkpakket.Status.AFGEROND)
    gebeurtenissen_create(
        soort=Gebeurtenis.Soort.AFGEROND,
        tekst="Al het werk ligt in het verleden.",
        werkpakket_ids=klaar,
    )
    return len(klaar)
