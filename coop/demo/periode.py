"""One finished pay period in the demo: the calendar month before the reference date, as history.

One module on purpose: it writes one consistent month (work, hours, payroll, invoices, the
report) in dependency order; splitting it would scatter that order over files.

Offers can only be made for shifts that have not begun, so the month's work is written as
historic records (packages, jobs, shifts, assignments) directly; everything after the work
runs through the services as it would in real life: the broker records wages, members submit
their hours (a few correct them), employers approve (one disputes, staff settle), the payroll
export runs, each employer gets its invoice and the neighbourhood report is written as JSON.

The month is skipped (with a message) when it has not ended yet in real time (hours can only
be submitted for finished work) or when a pay period from that month on already exists: the
export must follow the periods in order. Idempotent: once the month's pay period exists, the
step only prints the summary again. Deterministic: one `random.Random` seeded from the seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone

from contracten import voorwaarden
from contracten.feiten import GeenRegelVoorDatum
from contracten.regels import minimumloon_per_uur
from coop.core.afstand import haversine_km
from coop.demo.buurt import WERKGEVERS
from coop.demo.werk import MAKELAAR
from coop.exports import schrijf_atomair
from coop.models import (
    Dienst,
    Factuur,
    Fragment,
    Inzet,
    Job,
    Loonafspraak,
    Loonexport,
    Loonperiode,
    Urenregel,
    Werkpakket,
)
from coop.services.facturen.facturen import facturen_create_voor_periode
from coop.services.facturen.rapport import als_json, rapport_create
from coop.services.uren.berekening import bereken_gewerkt, berekening_apply, oproepvoorwaarden
from coop.services.uren.loonafspraken import loonafspraak_create
from coop.services.uren.loonexport import loonexport_create, loonexport_run
from coop.services.uren.loonperioden import loonperiode_create as _loonperiode_create
from coop.services.uren.urenregels import (
    urenregel_approve,
    urenregel_dispute,
    urenregel_submit,
    urenregel_vaststellen,
)
from werkgevers.models import Locatie, WerkgeverGebruiker
from werknemers.models import Werknemer

MAANDEN = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
VASTE_FEESTDAGEN = {(1, 1), (4, 27), (12, 25), (12, 26)}  # movable feasts: not modelled here
# (begin, eind, pauze die het lid opgeeft): a short call (topped up to 3 h), half days, a long day
DIENSTTIJDEN = (
    (time(9, 0), time(11, 30), 0),
    (time(8, 0), time(12, 0), 0),
    (time(9, 0), time(13, 0), 0),
    (time(13, 0), time(17, 0), 0),
    (time(8, 30), time(15, 0), 30),
)
CATEGORIEEN = ("schoonmaak", "tuinonderhoud", "reparaties", "schilderwerk", "huismeester")
KANS_PER_DAG = 0.5  # chance an available member works on a given day
MAX_PER_WEEK = 3
LOON_MARGES = (Decimal("0.50"), Decimal("1.00"), Decimal("1.75"), Decimal("2.50"))
VASTE_BANEN = 2


def vorige_maand(dag: date) -> tuple[date, date]:
    """The first and last day of the calendar month before `dag`."""
    eind = dag.replace(day=1) - timedelta(days=1)
    return eind.replace(day=1), eind


def werkdagen(begin: date, eind: date) -> list[date]:
    """Monday to Friday, without the fixed-date public holidays."""
    dagen = [begin + timedelta(days=n) for n in range((eind - begin).days + 1)]
    return [d for d in dagen if d.weekday() < 5 and (d.month, d.day) not in VASTE_FEESTDAGEN]


def _moment(dag: date, tijd: time) -> datetime:
    return timezone.make_aware(datetime.combine(dag, tijd))


def _makelaar():
    return get_user_model().objects.get(username=MAKELAAR)


# --- who can work when and where -----------------------------------------------------------


@dataclass
class Lid:
    werknemer: Werknemer
    vensters: dict[int, list[tuple[time, time]]]
    afwezig: list[tuple[date, date]]
    bezet: set[date]

    def kan(self, dag: date, begin: time, eind: time) -> bool:
        """Available for the whole shift that day, not absent, not yet working that day."""
        if dag in self.bezet or any(v <= dag <= t for v, t in self.afwezig):
            return False
        return any(b <= begin and eind <= e for b, e in self.vensters.get(dag.weekday(), []))

    def per_week(self, dag: date) -> int:
        week = dag.isocalendar()[:2]
        return sum(1 for d in self.bezet if d.isocalendar()[:2] == week)


def _leden(begin: date, eind: date) -> list[Lid]:
    """Active members who were members on the first day, with their windows and absences."""
    qs = (
        Werknemer.objects.filter(status=Werknemer.Status.ACTIEF, lid_sinds__lte=begin)
        .select_related("user")
        .prefetch_related("beschikbaarheid", "afwezigheden")
        .order_by("achternaam", "voornaam", "pk")
    )
    leden = []
    for w in qs:
        vensters: dict[int, list[tuple[time, time]]] = {}
        for b in w.beschikbaarheid.all():
            vensters.setdefault(b.weekdag, []).append((b.begin, b.eind))
        afwezig = [(a.van, a.tot_en_met) for a in w.afwezigheden.all()]
        bezet = {
            timezone.localtime(s).date()
            for s in w.inzetten.filter(
                status=Inzet.Status.ACTIEF, start__date__gte=begin, start__date__lte=eind
            ).values_list("start", flat=True)
        }
        leden.append(Lid(w, vensters, afwezig, bezet))
    return leden


def _bereikbaar(lid: Lid, locaties: list[Locatie]) -> list[Locatie]:
    """Locations within the member's own travel radius."""
    w = lid.werknemer
    if w.latitude is None or w.longitude is None:
        return []
    straal = float(w.max_reisafstand_km)
    return [
        loc
        for loc in locaties
        if haversine_km(
            float(w.latitude), float(w.longitude), float(loc.latitude), float(loc.longitude)
        )
        <= straal
    ]


# --- the historic work -------------------------------------------------------------------------


def _demo_locaties() -> list[Locatie]:
    kvks = [spec.kvk for spec in WERKGEVERS]
    return list(
        Locatie.objects.filter(werkgever__kvk_nummer__in=kvks, latitude__isnull=False)
        .select_related("werkgever")
        .order_by("werkgever__kvk_nummer", "naam")
    )


def _pakket(loc: Locatie, titel: str, soort: str, begin: date, eind: date, rng) -> Werkpakket:
    return Werkpakket.objects.create(
        werkgever=loc.werkgever,
        locatie=loc,
        titel=titel,
        omschrijving="Afgerond werk uit de demo-geschiedenis.",
        categorie=rng.choice(CATEGORIEEN),
        soort=soort,
        vroegste_start=begin,
        uiterlijk_eind=eind,
        startdatum=begin,
        einddatum=eind,
        tarief_per_uur=Decimal(rng.choice(("34.50", "36.00", "38.75", "41.25"))),
        regie=Werkpakket.Regie.MAKELAAR,
        status=Werkpakket.Status.AFGEROND,
        gepubliceerd_op=_moment(begin - timedelta(days=14), time(9, 0)),
    )


def _inzet(ctx, job: Job, loc: Locatie, lid: Lid, dag: date, van: time, tot: time, fragment=None):
    dienst = Dienst.objects.create(
        job=job,
        locatie=loc,
        fragment=fragment,
        start=_moment(dag, van),
        eind=_moment(dag, tot),
        status=Dienst.Status.BEZET,
    )
    inzet = Inzet.objects.create(
        werknemer=lid.werknemer, dienst=dienst, start=dienst.start, eind=dienst.eind
    )
    lid.bezet.add(dag)
    ctx.tel("historische diensten", True)
    return inzet


def _vaste_banen(ctx, leden: list[Lid], locaties, dagen: list[date], maand: str, rng) -> None:
    """Permanent jobs bundled from two employers' weekly fragments, 08:00-12:00 each."""
    van, tot = time(8, 0), time(12, 0)
    gedaan = 0
    for lid in leden:
        if gedaan == VASTE_BANEN:
            return
        weekdagen = [
            d for d in range(5) if any(b <= van and tot <= e for b, e in lid.vensters.get(d, []))
        ]
        plekken = sorted(
            {loc.werkgever_id: loc for loc in _bereikbaar(lid, locaties)}.values(),
            key=lambda x: x.pk,
        )
        if len(weekdagen) < 2 or len(plekken) < 2:
            continue
        begin, eind = dagen[0].replace(day=1), dagen[-1]
        job = Job.objects.create(
            soort=Job.Soort.VAST,
            reden=f"Gebundeld uit twee vaste ochtenden ({maand}, demo-geschiedenis)",
            status=Job.Status.VERVULD,
            startdatum=begin,
            einddatum=eind,
            uren_per_week=Decimal("8.00"),
            werknemer=lid.werknemer,
        )
        for weekdag, loc in zip(weekdagen[:2], plekken[:2], strict=True):
            pakket = _pakket(
                loc,
                f"Vaste ochtend {loc.naam} ({maand})",
                Werkpakket.Soort.TERUGKEREND,
                begin,
                eind,
                rng,
            )
            fragment = Fragment.objects.create(
                werkpakket=pakket,
                job=job,
                weekdag=weekdag,
                begin=van,
                eind=tot,
                uren=Decimal("4.00"),
            )
            for dag in dagen:
                if dag.weekday() == weekdag and lid.kan(dag, van, tot):
                    _inzet(ctx, job, loc, lid, dag, van, tot, fragment)
        gedaan += 1


def _incidenteel(
    ctx, leden: list[Lid], locaties, dagen: list[date], maand: str, rng
) -> list[Inzet]:
    """Incidental shifts: each available member works on some days, near home."""
    jobs: dict[int, Job] = {}
    inzetten = []
    for dag in dagen:
        for lid in leden:
            if rng.random() >= KANS_PER_DAG or lid.per_week(dag) >= MAX_PER_WEEK:
                continue
            van, tot, _pauze = rng.choice(DIENSTTIJDEN)
            plekken = _bereikbaar(lid, locaties)
            if not plekken or not lid.kan(dag, van, tot):
                continue
            loc = rng.choice(plekken)
            if loc.pk not in jobs:
                pakket = _pakket(
                    loc,
                    f"Wijkwerk {loc.naam} ({maand})",
                    Werkpakket.Soort.EENMALIG,
                    dagen[0],
                    dagen[-1],
                    rng,
                )
                jobs[loc.pk] = Job.objects.create(
                    soort=Job.Soort.INCIDENTEEL,
                    reden="Losse diensten (demo-geschiedenis)",
                    werkpakket=pakket,
                    status=Job.Status.VERVULD,
                    startdatum=dagen[0],
                    einddatum=dagen[-1],
                )
            inzetten.append(_inzet(ctx, jobs[loc.pk], loc, lid, dag, van, tot))
    return inzetten


def _late_annulering(inzet: Inzet) -> None:
    """The employer called the shift off two days before: the pay for its hours is kept."""
    inzet.status = Inzet.Status.GEANNULEERD
    inzet.geannuleerd_op = inzet.start - timedelta(days=2)
    inzet.late_annulering = True
    inzet.uren_doorbetaald = inzet.dienst.uren
    inzet.save()
    Dienst.objects.filter(pk=inzet.dienst_id).update(status=Dienst.Status.GEANNULEERD)


# --- wages and hours, through the services ------------------------------------------------------


def uurloon_voor(werknemer: Werknemer, begin: date, eind: date, marge: Decimal) -> Decimal:
    """The highest statutory minimum for the member's age on any day the open-ended agreement
    covers as far as the tables go (birthdays and indexations raise it), rounded up to ten
    cents, plus a margin."""
    minimum = max(
        voorwaarden.hoogste_minimumloon(werknemer.geboortedatum, begin, None),
        *(minimumloon_per_uur(werknemer.geboortedatum, d) for d in (begin, eind)),
    )
    return (minimum * 10).to_integral_value(rounding=ROUND_CEILING) / 10 + marge


def _lonen(ctx, werknemers: list[Werknemer], begin: date, eind: date, makelaar, rng) -> None:
    """A wage agreement from the first day of the month for everyone who worked in it."""
    for w in werknemers:
        if Loonafspraak.objects.filter(werknemer=w, geldig_van__lte=begin).exists():
            continue
        loonafspraak_create(
            user=makelaar,
            werknemer_id=w.pk,
            geldig_van=begin,
            uurloon=uurloon_voor(w, begin, eind, rng.choice(LOON_MARGES)),
            toelichting="Demo: wettelijk minimum voor de leeftijd plus een toeslag.",
        )
        ctx.tel("loonafspraken", True)


def _op_papier(inzet: Inzet, start: datetime, eind: datetime, pauze: int, makelaar) -> Urenregel:
    """A member without a login hands in a paper timesheet; the broker types it in.

    urenregel_submit only takes the member's own login, so the line is made here with the
    same rules (bereken_gewerkt), then follows the normal approval.
    """
    regel = Urenregel(
        inzet=inzet,
        soort=Urenregel.Soort.GEWERKT,
        datum=timezone.localtime(start).date(),
        start=start,
        eind=eind,
        pauze_minuten=pauze,
        ingediend_door=makelaar,
        ingediend_op=eind + timedelta(hours=2),
    )
    voorwaarden = oproepvoorwaarden(inzet.dienst.job)
    berekening_apply(
        regel, bereken_gewerkt(start, eind, pauze, inzet.werknemer.geboortedatum, voorwaarden)
    )
    regel.full_clean(exclude=["inzet", "corrigeert"])
    regel.save()
    return regel


@dataclass
class Opgave:
    """What a member reports for one shift, and what happens to it."""

    inzet: Inzet
    start: datetime
    eind: datetime
    pauze: int
    eerst_fout: bool = False  # first submitted with the wrong end, then corrected
    betwist: bool = False  # reported 30 min too long; the employer disputes


def _opgaven(inzetten: list[Inzet], rng) -> list[Opgave]:
    opgaven = []
    for inzet in inzetten:
        duur = inzet.eind - inzet.start
        pauze = 30 if duur > timedelta(hours=5, minutes=30) and rng.random() < 0.7 else 0
        eind = inzet.eind + (timedelta(minutes=15) if rng.random() < 0.15 else timedelta(0))
        opgaven.append(Opgave(inzet, inzet.start, eind, pauze))
    met_login = [o for o in opgaven if o.inzet.werknemer.user_id]
    for o in met_login[:4]:
        o.eerst_fout = True
    zonder = [o for o in opgaven if not o.inzet.werknemer.user_id and not o.eerst_fout]
    if zonder:
        betwist = zonder[len(zonder) // 2]
        betwist.betwist, betwist.eind = True, betwist.inzet.eind + timedelta(minutes=30)
    return opgaven


def _indienen(ctx, opgaven: list[Opgave], makelaar) -> list[Urenregel]:
    regels = []
    for o in opgaven:
        user = o.inzet.werknemer.user
        if user is None:
            regels.append(_op_papier(o.inzet, o.start, o.eind, o.pauze, makelaar))
        else:
            if o.eerst_fout:  # a typo in the end time, corrected before the employer looked
                urenregel_submit(
                    user=user,
                    inzet_id=o.inzet.pk,
                    start=o.start,
                    eind=o.eind + timedelta(hours=1),
                    pauze_minuten=o.pauze,
                )
                ctx.tel("gecorrigeerde opgaven", True)
            regels.append(
                urenregel_submit(
                    user=user,
                    inzet_id=o.inzet.pk,
                    start=o.start,
                    eind=o.eind,
                    pauze_minuten=o.pauze,
                )
            )
        ctx.tel("urenregels", True)
    return regels


def _beoordelen(ctx, opgaven: list[Opgave], regels: list[Urenregel], makelaar) -> None:
    """Each employer's manager approves; one disputed line is settled by staff at the plan."""
    beheerders = {
        g.werkgever_id: g.user
        for g in WerkgeverGebruiker.objects.filter(is_beheerder=True)
        .select_related("user")
        .order_by("pk")
    }
    for o, regel in zip(opgaven, regels, strict=True):
        beheerder = beheerders[o.inzet.dienst.locatie.werkgever_id]
        if not o.betwist:
            urenregel_approve(user=beheerder, regel_id=regel.pk)
            continue
        urenregel_dispute(
            user=beheerder,
            regel_id=regel.pk,
            reden=f"Volgens ons rooster was de dienst om {timezone.localtime(o.inzet.eind):%H:%M} klaar.",
        )
        urenregel_vaststellen(
            user=makelaar,
            regel_id=regel.pk,
            toelichting="Navraag bij de locatie: de dienst eindigde volgens plan.",
            eind=o.inzet.eind,
        )
        ctx.tel("betwist en vastgesteld", True)


# --- period, export, invoices, report ---------------------------------------------------------


class PeriodeFout(Exception):
    """The export of the demo period failed; the message says why."""


def _exporteren(periode: Loonperiode, makelaar) -> Loonexport:
    export = loonexport_run(export_id=loonexport_create(periode_id=periode.pk, user=makelaar).pk)
    if export.status != Loonexport.Status.DONE:
        raise PeriodeFout(f"De loonexport van {periode.code} is mislukt: {export.melding}")
    return export


def rapport_pad(periode: Loonperiode) -> Path:
    return Path(settings.MEDIA_ROOT) / "rapporten" / f"wijkrapport-{periode.code}.json"


def _rapport(periode: Loonperiode, makelaar) -> dict:
    data = als_json(rapport_create(user=makelaar, van=periode.begin, tot=periode.eind))
    schrijf_atomair(
        rapport_pad(periode), json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    )
    return data


# --- the step ---------------------------------------------------------------------------------


def _waarom_niet(begin: date, eind: date) -> str | None:
    """Why the month cannot be built now (None: it can)."""
    if eind >= timezone.localdate():
        return f"{begin:%m-%Y} is nog niet voorbij; uren kunnen pas na het werk worden opgegeven"
    if Loonperiode.objects.filter(eind__gte=begin).exclude(begin=begin).exists():
        return "er bestaat al een loonperiode vanaf die maand (periodes gaan op volgorde)"
    if Loonperiode.objects.filter(status=Loonperiode.Status.OPEN, begin__lt=begin).exists():
        return "een eerdere loonperiode is nog niet geëxporteerd"
    try:
        minimumloon_per_uur(date(1980, 1, 1), begin)
    except GeenRegelVoorDatum:
        return f"geen wettelijk minimumloon bekend voor {begin:%m-%Y}"
    return None


def _bouw(ctx, begin: date, eind: date) -> None:
    """The month's work, wages, hours, approvals, export, invoices and report."""
    rng = random.Random(f"{ctx.seed}-periode-{begin.isoformat()}")
    maand = f"{MAANDEN[begin.month - 1]} {begin.year}"
    makelaar = _makelaar()
    dagen = werkdagen(begin, eind)
    leden, locaties = _leden(begin, eind), _demo_locaties()
    _vaste_banen(ctx, leden, locaties, dagen, maand, rng)
    _incidenteel(ctx, leden, locaties, dagen, maand, rng)
    inzetten = list(
        Inzet.objects.filter(
            start__date__gte=begin,
            start__date__lte=eind,
            dienst__job__reden__contains="demo-geschiedenis",
        )
        .select_related("werknemer__user", "dienst__job", "dienst__locatie")
        .order_by("start", "pk")
    )
    losse = [i for i in inzetten if i.dienst.job.soort == Job.Soort.INCIDENTEEL]
    _late_annulering(losse[len(losse) // 3])
    actief = [i for i in inzetten if i.status == Inzet.Status.ACTIEF]
    werknemers = sorted({i.werknemer for i in inzetten}, key=lambda w: w.pk)
    _lonen(ctx, werknemers, begin, eind, makelaar, rng)
    opgaven = _opgaven(actief, rng)
    regels = _indienen(ctx, opgaven, makelaar)
    _beoordelen(ctx, opgaven, regels, makelaar)
    periode = _loonperiode_create(user=makelaar, soort=Loonperiode.Soort.MAAND, begin=begin)
    ctx.tel("loonperiodes", True)
    _exporteren(periode, makelaar)
    for _ in facturen_create_voor_periode(user=makelaar, periode_id=periode.pk):
        ctx.tel("facturen", True)
    _rapport(periode, makelaar)


def _nl(bedrag: Decimal) -> str:
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _samenvatting(ctx, periode: Loonperiode) -> None:
    export = periode.exports.filter(status=Loonexport.Status.DONE).first()
    facturen = Factuur.objects.filter(periode=periode, soort=Factuur.Soort.FACTUUR)
    som = facturen.aggregate(excl=Sum("bedrag_excl"), incl=Sum("bedrag_incl"))
    diensten = Inzet.objects.filter(urenregels__periode=periode).distinct().count()
    ctx.say(f"  loonperiode {periode.code}: {diensten} diensten met uren")
    if export is not None:
        ctx.say(
            f"  loonexport: {export.aantal_regels} urenregels, {export.aantal_werknemers} leden, "
            f"{_nl(export.totaal_uren)} uur, bruto € {_nl(export.totaal_bruto)}"
        )
    ctx.say(
        f"  facturen: {facturen.count()}, € {_nl(som['excl'] or Decimal(0))} excl. btw, "
        f"€ {_nl(som['incl'] or Decimal(0))} incl. btw"
    )
    pad = rapport_pad(periode)
    if pad.exists():
        data = json.loads(pad.read_text(encoding="utf-8"))
        delen = ", ".join(
            f"{w['wijk']} {Decimal(w['aandeel_bewoners']) * 100:.0f}%"
            for w in data["wijken"]
            if Decimal(w["uren"])
        )
        ctx.say(f"  wijkrapport ({pad.name}): aandeel bewoners per wijk: {delen}")


def stap_periode(ctx) -> None:
    """The month before the reference date as a finished period (once; then only the summary)."""
    begin, eind = vorige_maand(ctx.vandaag)
    periode = Loonperiode.objects.filter(begin=begin, soort=Loonperiode.Soort.MAAND).first()
    if periode is None:
        reden = _waarom_niet(begin, eind)
        if reden is not None:
            ctx.say(f"  geen afgeronde periode: {reden}")
            return
        _bouw(ctx, begin, eind)
        periode = Loonperiode.objects.get(begin=begin)
    ctx.say(f"  {MAANDEN[begin.month - 1]} {begin.year} (afgerond):")
    _samenvatting(ctx, periode)
