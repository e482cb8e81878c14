"""Posting, publishing (splitting into jobs) and cancelling work packages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, Conflict, PermissionDenied
from coop.engines import splitting
from coop.models import (
    Aanbod,
    Dienst,
    Fragment,
    Gebeurtenis,
    Instellingen,
    Inzet,
    Job,
    PakketTijdvak,
    PakketVaardigheid,
    Werkpakket,
)
from coop.models.werk import Categorie
from coop.selectors import feestdagen
from coop.selectors.werk import werkpakket_get
from coop.services.werk.geschiedenis import gebeurtenis_create, gebeurtenissen_create
from coop.services.werk.inzet import inzet_cancel
from werkgevers.models import Locatie
from werknemers.models import CertificaatSoort, Vaardigheid

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class TijdvakData:
    weekdag: int
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
    vaardigheden: dict[str, int] = field(default_factory=dict)  # code -> minimum level
    certificaten: list[str] = field(default_factory=list)  # certificate-kind codes


def tijdvak_uren(begin: time, eind: time) -> Decimal:
    minuten = (eind.hour * 60 + eind.minute) - (begin.hour * 60 + begin.minute)
    return (Decimal(minuten) / 60).quantize(Decimal("0.01"))


def aware(dag: date, tijd: time) -> datetime:
    return datetime.combine(dag, tijd, tzinfo=AMSTERDAM)


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
    elif data.soort == Werkpakket.Soort.TERUGKEREND:
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


@transaction.atomic
def werkpakket_create(*, user, data: WerkpakketData) -> Werkpakket:
    """Post a work package (status concept) for one of the user's own locations."""
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
    pakket = Werkpakket.objects.create(
        werkgever=locatie.werkgever,
        locatie=locatie,
        titel=data.titel,
        omschrijving=data.omschrijving,
        categorie=data.categorie,
        soort=data.soort,
        vroegste_start=data.vroegste_start,
        uiterlijk_eind=data.uiterlijk_eind,
        totaal_uren=data.totaal_uren,
        max_uren_per_dag=data.max_uren_per_dag,
        max_personen=data.max_personen,
        dag_begin=data.dag_begin if data.soort == Werkpakket.Soort.EENMALIG else None,
        dagen=sorted(set(data.dagen)),
        startdatum=data.startdatum,
        einddatum=data.einddatum,
        tarief_per_uur=data.tarief_per_uur,
        regie=data.regie,
        feestdagen=data.feestdagen,
        feestdagtoeslag_procent=data.feestdagtoeslag_procent,
    )
    PakketTijdvak.objects.bulk_create(
        PakketTijdvak(werkpakket=pakket, weekdag=t.weekdag, begin=t.begin, eind=t.eind)
        for t in data.tijdvakken
    )
    PakketVaardigheid.objects.bulk_create(
        PakketVaardigheid(werkpakket=pakket, vaardigheid=vaardigheden[code], min_niveau=niveau)
        for code, niveau in data.vaardigheden.items()
    )
    pakket.vereiste_certificaten.set(certificaten)
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.AANGEMAAKT,
        tekst=f"Werkpakket '{pakket.titel}' geplaatst.",
    )
    return pakket


def split_config(inst: Instellingen) -> splitting.SplitConfig:
    return splitting.SplitConfig(
        structureel_min_weken=inst.structureel_min_weken, max_dienst_uren=inst.max_dienst_uren
    )


def werk_van(
    pakket: Werkpakket, vanaf: date | None = None
) -> splitting.EenmaligWerk | splitting.TerugkerendWerk:
    """The pure splitting module's view of a package; with `vanaf`, only the work from
    that day on (what already passed can no longer be done)."""
    if pakket.soort == Werkpakket.Soort.EENMALIG:
        extra = {"dagen": frozenset(pakket.dagen)} if pakket.dagen else {}
        if pakket.dag_begin is not None:
            extra["dag_begin"] = pakket.dag_begin
        return splitting.EenmaligWerk(
            vroegste_start=max(pakket.vroegste_start, vanaf or pakket.vroegste_start),
            uiterlijk_eind=pakket.uiterlijk_eind,
            totaal_uren=pakket.totaal_uren,
            max_uren_per_dag=pakket.max_uren_per_dag,
            max_personen=pakket.max_personen,
            **extra,
        )
    return splitting.TerugkerendWerk(
        patroon=tuple(
            splitting.Tijdvak(t.weekdag, t.begin, t.eind) for t in pakket.tijdvakken.all()
        ),
        startdatum=max(pakket.startdatum, vanaf or pakket.startdatum),
        einddatum=pakket.einddatum,
    )


def _toekomstig(specs: list[splitting.JobSpec], nu: datetime) -> list[splitting.JobSpec]:
    """The specs without shifts that start before `nu`; a job left without shifts goes."""
    uit = []
    for spec in specs:
        if spec.soort == "vast":
            uit.append(spec)
            continue
        diensten = tuple(d for d in spec.diensten if aware(d.datum, d.begin) > nu)
        if diensten:
            eerste = min(d.datum for d in diensten)
            uit.append(replace(spec, diensten=diensten, startdatum=eerste))
    return uit


@dataclass(frozen=True)
class Deel:
    """One part of a package as publishing makes it: a permanent weekly pattern (`spec.patroon`,
    fragments for bundling) or incidental shifts (`diensten`, without the public holidays the
    package keeps free: those are in `vrije_feestdagen` with their name)."""

    spec: splitting.JobSpec
    diensten: tuple[splitting.Dienst, ...] = ()
    vrije_feestdagen: tuple[tuple[date, str], ...] = ()

    @property
    def uren(self) -> Decimal:
        """Incidental: the hours of the shifts kept; permanent: the hours per week."""
        if self.spec.soort == splitting.VAST:
            return self.spec.uren_per_week
        return sum((d.uren for d in self.diensten), Decimal(0))


def _indeling(pakket: Werkpakket, nu: datetime) -> list[Deel]:
    """How the package splits from `nu` on (the pure engine), with the refusals publishing
    gives: work wholly in the past, input the engine cannot split, nothing left to plan."""
    vandaag = timezone.localdate(nu)
    _check_toekomst(
        pakket.soort, laatste_dag(pakket.soort, pakket.uiterlijk_eind, pakket.einddatum), vandaag
    )
    try:
        specs = splitting.split(werk_van(pakket, vandaag), split_config(Instellingen.huidig()))
    except splitting.SplitFout as exc:
        raise ApplicationError(
            f"Het werk kan zo niet worden ingedeeld: {exc.melding}", fields=exc.fields
        ) from exc
    specs = _toekomstig(specs, nu)
    if not specs:
        melding = "Alle diensten van dit werk zouden al voorbij zijn; kies latere data."
        raise ApplicationError(melding, fields={"vroegste_start": [melding]}, status_code=422)
    return [_deel(pakket, spec) for spec in specs]


def _deel(pakket: Werkpakket, spec: splitting.JobSpec) -> Deel:
    if spec.soort == splitting.VAST:
        return Deel(spec)
    # A weekly pattern skips the holidays the package keeps free; one-off work is placed on
    # the days the employer allowed.
    patroon = pakket.soort == Werkpakket.Soort.TERUGKEREND
    diensten, vrij = [], []
    for d in spec.diensten:
        if patroon and feestdagen.vrij_op(d.datum, pakket):
            vrij.append((d.datum, feestdagen.feestdag_naam(d.datum) or ""))
        else:
            diensten.append(d)
    return Deel(spec, tuple(diensten), tuple(dict.fromkeys(vrij)))


def werkpakket_preview(*, user, werkpakket_id: int) -> list[Deel]:
    """What publishing a draft would make now, stored nowhere: the same split, the same
    refusals. The employer reads it before publishing."""
    pakket = werkpakket_get(user, werkpakket_id)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    return _indeling(pakket, timezone.now())


@transaction.atomic
def werkpakket_publish(*, user, werkpakket_id: int) -> Werkpakket:
    """Publish a draft package: split it into permanent fragments and incidental shifts."""
    pakket = werkpakket_get(user, werkpakket_id)
    pakket = Werkpakket.objects.select_for_update(of=("self",)).get(pk=pakket.pk)
    if pakket.status != Werkpakket.Status.CONCEPT:
        raise Conflict(f"Dit werkpakket is al {pakket.get_status_display()}.")
    delen = _indeling(pakket, timezone.now())
    for deel in delen:
        _store_deel(pakket, deel)
    pakket.status = Werkpakket.Status.GESPLITST
    pakket.gepubliceerd_op = timezone.now()
    pakket.save(update_fields=["status", "gepubliceerd_op", "updated_at"])
    gebeurtenis_create(
        user=user,
        werkpakket=pakket,
        soort=Gebeurtenis.Soort.GEPUBLICEERD,
        tekst=f"Gepubliceerd en ingedeeld in {len(delen)} deel/delen: "
        + "; ".join(deel.spec.reden for deel in delen),
    )
    return pakket


def _store_deel(pakket: Werkpakket, deel: Deel) -> None:
    spec = deel.spec
    if spec.soort == "vast":
        Fragment.objects.bulk_create(
            Fragment(
                werkpakket=pakket,
                weekdag=t.weekdag,
                begin=t.begin,
                eind=t.eind,
                uren=tijdvak_uren(t.begin, t.eind),
                reden=spec.reden,
            )
            for t in spec.patroon
        )
        return
    job = Job.objects.create(
        soort=Job.Soort.INCIDENTEEL,
        reden=spec.reden,
        werkpakket=pakket,
        startdatum=spec.startdatum,
        einddatum=spec.einddatum,
    )
    Dienst.objects.bulk_create(
        Dienst(
            job=job,
            locatie=pakket.locatie,
            start=aware(d.datum, d.begin),
            eind=aware(d.datum, d.eind),
        )
        for d in deel.diensten
    )


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
    from coop.notificaties.gebeurtenissen import aanbiedingen_ingetrokken

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
