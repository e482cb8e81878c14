"""The demo employers' work: packages posted and published through the broker's services.

`pakket_specs(basis)` is pure: the packages each employer would post, with every date relative
to `basis` (the first day the demo's work can start from). `stap_werkpakketten` posts and
publishes them as the employer's own login, `stap_bundelen` runs one bundling run as the
broker. Both are idempotent: a package is known by (employer, title), and bundling runs only
when structural work was published after the last run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from coop.demo.buurt import WERKGEVERS
from coop.engines.splitting import fmt_uren
from coop.models import Bundelrun, Fragment, Werkpakket
from coop.services.werk.bundelen import bundel_run
from coop.services.werk.pakket_invoer import TijdvakData, WerkpakketData
from coop.services.werk.werkpakket import werkpakket_create, werkpakket_publish
from werkgevers.models import Werkgever

MAKELAAR = "makelaar"  # the demo's staff login (bouwen.stap_makelaar)
WEEKDAGEN = [0, 1, 2, 3, 4]


@dataclass(frozen=True)
class PakketSpec:
    """One package an employer posts: its employer login, location and the service's input."""

    werkgever: str  # username of the employer's managing login (buurt.WERKGEVERS)
    locatie: str
    data: WerkpakketData = field(compare=False)
    publiceren: bool = True


def werk_basis(peildatum: date, vandaag: date | None = None) -> date:
    """The day the demo's work is planned from: the reference date, never before today.

    Offers and acceptances are checked against the real clock (an offer for a shift that has
    begun is refused), so work dated before today could never be offered.
    """
    return max(peildatum, vandaag or timezone.localdate())


def volgende_maandag(dag: date) -> date:
    """The first Monday after `dag` (1 to 7 days later)."""
    return dag + timedelta(days=7 - dag.weekday())


def eerste_werkdag_na(dag: date) -> date:
    """The first weekday among the next three days (there always is one)."""
    return next(d for d in (dag + timedelta(days=n) for n in (1, 2, 3)) if d.weekday() < 5)


def volgend_voorjaar(dag: date) -> date:
    """The Monday from which spring garden work starts: soon in spring, else next March."""
    if dag.month in (3, 4, 5) and dag.month * 100 + dag.day < 515:
        return volgende_maandag(dag + timedelta(days=7))
    jaar = dag.year + (1 if dag.month >= 3 else 0)
    return volgende_maandag(date(jaar, 3, 7))


def _blokken(*rijen: tuple[int, str, str]) -> list[TijdvakData]:
    return [TijdvakData(d, time.fromisoformat(b), time.fromisoformat(e)) for d, b, e in rijen]


def _vast(titel, categorie, tarief, start, weken, blokken, vaardigheden, omschrijving=""):
    """Recurring work of `weken` weeks (None: open-ended): structural for the broker."""
    return WerkpakketData(
        locatie_id=0,
        titel=titel,
        omschrijving=omschrijving,
        categorie=categorie,
        soort=Werkpakket.Soort.TERUGKEREND,
        tarief_per_uur=Decimal(tarief),
        startdatum=start,
        einddatum=None if weken is None else start + timedelta(weeks=weken, days=-1),
        tijdvakken=_blokken(*blokken),
        vaardigheden=vaardigheden,
    )


def _kort(titel, categorie, tarief, start, eind, blokken, vaardigheden, omschrijving=""):
    """Recurring work of a few weeks: incidental shifts at the pattern's own times."""
    data = _vast(titel, categorie, tarief, start, None, blokken, vaardigheden, omschrijving)
    data.einddatum = eind
    return data


def _eenmalig(titel, categorie, tarief, van, tot, uren, vaardigheden, **extra):
    """One-off work: `uren` hours somewhere in van..tot."""
    return WerkpakketData(
        locatie_id=0,
        titel=titel,
        categorie=categorie,
        soort=Werkpakket.Soort.EENMALIG,
        tarief_per_uur=Decimal(tarief),
        vroegste_start=van,
        uiterlijk_eind=tot,
        totaal_uren=Decimal(uren),
        vaardigheden=vaardigheden,
        **{"dagen": WEEKDAGEN, **extra},
    )


def _structureel(m1: date) -> list[PakketSpec]:
    """Weekly work of half a year or longer: what bundling turns into permanent jobs.

    All on weekday mornings 09:00-12:00: bundling looks at place and time only, not at skills
    or availability, so work that fits the weeks of members who work mornings, school hours
    or full days keeps the bundles fillable.
    """
    return [
        PakketSpec("woonstichting", "Flat Columbuslaan", _vast(
            "Trappenhuizen Flat Columbuslaan", "schoonmaak", "31.50", m1, None,
            [(0, "09:00", "12:00"), (3, "09:00", "12:00")], {"trappenhuis": 1},
            "Acht trappenhuizen vegen en dweilen, liftdeuren en brievenbussen afnemen.")),
        PakketSpec("woonstichting", "Galerijflat Trumanlaan", _vast(
            "Galerijen en trappenhuizen Trumanlaan", "schoonmaak", "31.50", m1, 52,
            [(1, "09:00", "12:00")], {"trappenhuis": 1})),
        PakketSpec("woonstichting", "Seniorencomplex Aziëlaan", _vast(
            "Huismeester Seniorencomplex Aziëlaan", "huismeester", "34.00", m1, None,
            [(0, "09:00", "12:00"), (2, "09:00", "12:00")], {"huismeesterwerk": 1},
            "Aanspreekpunt voor bewoners, rondes door het complex, kleine reparaties.")),
        PakketSpec("thuisaandevaart", "Bernadottehof", _vast(
            "Algemene ruimten Bernadottehof", "schoonmaak", "31.50", m1, 26,
            [(1, "09:00", "12:00"), (3, "09:00", "12:00")], {"schoonmaak": 1})),
        PakketSpec("thuisaandevaart", "Beneluxflats", _vast(
            "Entrees en portieken Beneluxflats", "schoonmaak", "31.50", m1, None,
            [(2, "09:00", "12:00")], {"trappenhuis": 1})),
        PakketSpec("thuisaandevaart", "Complex Vondellaan", _vast(
            "Trappenhuizen Complex Vondellaan", "schoonmaak", "31.50", m1, 52,
            [(1, "09:00", "12:00"), (3, "09:00", "12:00")], {"trappenhuis": 1})),
        PakketSpec("woonstichting", "Complex Marshallaan", _vast(
            "Trappenhuizen Complex Marshallaan", "schoonmaak", "31.50", m1, None,
            [(0, "09:00", "12:00"), (2, "09:00", "12:00")], {"trappenhuis": 1})),
        PakketSpec("bakkerij", "Winkel Columbuslaan", _vast(
            "Wekelijkse dieptereiniging bakkerij", "schoonmaak", "32.00", m1, None,
            [(4, "09:00", "12:00")], {"schoonmaak": 1},
            "Ovens, vloeren en koelcellen op vrijdagochtend, na het bakken.")),
        PakketSpec("vooruit", "Clubhuis", _vast(
            "Kantine clubhuis schoonhouden", "schoonmaak", "29.50", m1, 30,
            [(4, "09:00", "12:00")], {"schoonmaak": 1})),
    ]  # fmt: skip


def _incidenteel(basis: date, m1: date) -> list[PakketSpec]:
    """One-off work and short series: shifts offered one by one."""
    spoed = eerste_werkdag_na(basis)
    voorjaar = volgend_voorjaar(basis)
    return [
        PakketSpec("kanaalbrug", "Hoofdgebouw", _eenmalig(
            "Klaslokalen schilderen in de vakantieweek", "schilderwerk", "38.50",
            m1 + timedelta(weeks=3), m1 + timedelta(weeks=3, days=4), "64",
            {"schilderwerk": 2}, max_uren_per_dag=Decimal("8"), max_personen=2)),
        PakketSpec("woonstichting", "Portiekwoningen Churchilllaan", _kort(
            "Verhuishulp bewoners bij renovatie Churchilllaan", "verhuishulp", "29.00",
            m1 + timedelta(days=5), m1 + timedelta(days=19),
            [(5, "09:00", "15:00"), (5, "09:00", "15:00")], {"verhuishulp": 1},
            "Drie zaterdagen: dozen sjouwen en meubels naar de wisselwoning.")),
        PakketSpec("thuisaandevaart", "Vaartsche Hof", _kort(
            "Verhuizing bewoners naar wisselwoning", "verhuishulp", "29.00",
            m1, m1 + timedelta(days=13), [(2, "09:00", "16:00"), (2, "09:00", "16:00")],
            {"verhuishulp": 1})),
        PakketSpec("woonstichting", "Seniorencomplex Aziëlaan", _kort(
            "Algemene ruimten schoonmaken na renovatie", "schoonmaak", "31.50",
            m1, m1 + timedelta(days=20), [(1, "09:00", "13:00"), (3, "09:00", "13:00")],
            {"schoonmaak": 2})),
        PakketSpec("vooruit", "Sportpark Transwijk", _kort(
            "Kantinediensten toernooiweekend", "schoonmaak", "29.50",
            m1 + timedelta(days=12), m1 + timedelta(days=13),
            [(5, "10:00", "16:00"), (6, "10:00", "16:00")], {"schoonmaak": 1})),
        PakketSpec("bakkerij", "Bakkerij Lombok", _eenmalig(
            "Dieptereiniging na verbouwing", "schoonmaak", "32.00", spoed, spoed, "4",
            {"schoonmaak": 1}, dagen=[spoed.weekday()])),
        PakketSpec("schilder", "Opslag Hoograven", _eenmalig(
            "Sauzen portieken project Hoograven", "schilderwerk", "33.00",
            m1 + timedelta(weeks=1), m1 + timedelta(weeks=1, days=4), "24",
            {"sauzen": 1}, max_uren_per_dag=Decimal("8"))),
        PakketSpec("woonstichting", "Complex Marshallaan", _eenmalig(
            "Voorjaarsonderhoud tuinen Complex Marshallaan", "tuinonderhoud", "30.00",
            voorjaar, voorjaar + timedelta(days=18), "48", {"tuinonderhoud": 1},
            max_uren_per_dag=Decimal("6"), max_personen=2)),
        PakketSpec("thuisaandevaart", "Edelstenenbuurt", _eenmalig(
            "Kozijnen schilderen Edelstenenbuurt", "schilderwerk", "38.50",
            m1 + timedelta(weeks=6), m1 + timedelta(weeks=10), "120", {"schilderwerk": 3},
            max_uren_per_dag=Decimal("8"), max_personen=2), publiceren=False),
        PakketSpec("kanaalbrug", "Dependance", _eenmalig(
            "Zolder dependance opruimen", "overig", "28.00",
            m1 + timedelta(weeks=2), m1 + timedelta(weeks=4), "12", {"verhuishulp": 1}),
            publiceren=False),
    ]  # fmt: skip


def pakket_specs(basis: date) -> list[PakketSpec]:
    """Every demo package, in the order they are posted (a pure function of `basis`)."""
    m1 = volgende_maandag(basis)
    return _structureel(m1) + _incidenteel(basis, m1)


def demo_pakketten():
    """The demo's packages in the database: the ones whose (employer, title) a spec names."""
    titels = sorted({s.data.titel for s in pakket_specs(date(2000, 1, 3))})
    return Werkpakket.objects.filter(titel__in=titels).order_by("pk")


def _plaatser(ctx, username: str):
    """The employer's own login posts the package; the broker's staff when it is gone."""
    User = get_user_model()
    user = User.objects.filter(username=username, werkgever_gebruiker__isnull=False).first()
    return user or User.objects.get(username=MAKELAAR)


def stap_werkpakketten(ctx) -> None:
    """Post every demo package not posted yet, and publish those meant to be published."""
    basis = werk_basis(ctx.vandaag)
    if basis != ctx.vandaag:
        ctx.say(f"  peildatum ligt vóór vandaag: het werk wordt gepland vanaf {basis:%d-%m-%Y}")
    werkgevers = {w.naam: w for w in Werkgever.objects.prefetch_related("locaties")}
    namen = {spec.username: spec.naam for spec in WERKGEVERS}
    for spec in pakket_specs(basis):
        werkgever = werkgevers[namen[spec.werkgever]]
        if Werkpakket.objects.filter(werkgever=werkgever, titel=spec.data.titel).exists():
            ctx.tel("werkpakketten", False)
            continue
        _plaats(ctx, spec, werkgever)


def _plaats(ctx, spec: PakketSpec, werkgever: Werkgever) -> None:
    user = _plaatser(ctx, spec.werkgever)
    spec.data.locatie_id = werkgever.locaties.get(naam=spec.locatie).pk
    pakket = werkpakket_create(user=user, data=spec.data)
    ctx.tel("werkpakketten", True)
    if spec.publiceren:
        pakket = werkpakket_publish(user=user, werkpakket_id=pakket.pk)
        ctx.tel("gepubliceerd", True)
    delen = (
        f"{pakket.fragmenten.count()} vast(e) fragment(en), " if pakket.fragmenten.exists() else ""
    )
    diensten = sum(j.diensten.count() for j in pakket.jobs.all())
    ctx.say(
        f"  {werkgever.naam}: '{pakket.titel}' ({pakket.get_soort_display()}, "
        f"{pakket.get_status_display()}; {delen}{diensten} dienst(en))"
    )


def stap_bundelen(ctx) -> None:
    """One bundling run as the broker, when structural work was published after the last run."""
    laatste = Bundelrun.objects.aggregate(at=Max("at"))["at"]
    nieuw = Fragment.objects.filter(job__isnull=True)
    if laatste is not None:
        nieuw = nieuw.filter(werkpakket__gepubliceerd_op__gt=laatste)
    if not nieuw.exists():
        ctx.tel("bundelruns", False)
        return
    run = bundel_run(user=get_user_model().objects.get(username=MAKELAAR))
    ctx.tel("bundelruns", True)
    ctx.aangemaakt["vaste banen"] = ctx.aangemaakt.get("vaste banen", 0) + run.banen
    ctx.say(
        f"  {run.fragmenten} fragmenten ({fmt_uren(run.totale_uren)} uur per week): {run.banen} "
        f"vaste banen met samen {fmt_uren(run.gebundelde_uren)} uur, "
        f"{fmt_uren(run.over_uren)} uur wacht op meer werk"
    )
