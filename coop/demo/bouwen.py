"""Writing the demo to the database: small steps, each an upsert by a natural key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from contracten import gegevens
from coop.core.fields import blind_index
from coop.core.geo import import_postcodes_csv
from coop.core.models import Postcode
from coop.core.validators import normalize_bsn, normalize_iban
from coop.demo.buurt import CERTIFICAATSOORTEN, STRAAT, STRATEN, VAARDIGHEDEN, WERKGEVERS, Straat
from coop.demo.leden import LidSpec, lid_specs
from coop.demo.periode import stap_periode
from coop.demo.uren import stap_uren_ter_goedkeuring
from coop.demo.verloop import stap_aanbiedingen
from coop.demo.werk import stap_bundelen, stap_werkpakketten
from coop.models import Dienst
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)

DEFAULT_SEED = 20250601
POSTCODES_CSV = Path(__file__).resolve().parent.parent / "data" / "postcodes_demo.csv"
URLS = (
    "http://127.0.0.1:8000/api/v1/docs",
    "http://127.0.0.1:8000/admin/",
    "http://127.0.0.1:8000/",
)


class DemoFout(Exception):
    """The demo cannot be built (e.g. the shipped postcode table is invalid); nothing is saved."""


class Writer(Protocol):
    def write(self, msg: str) -> object: ...


# --- persistence: small steps, each an upsert by natural key ----------------------------------


@dataclass(frozen=True)
class Login:
    username: str
    wachtwoord: str
    rol: str
    toelichting: str


@dataclass
class DemoContext:
    """What the steps share: the seed, the reference date, the output and what was created."""

    seed: int
    vandaag: date
    stdout: Writer
    aangemaakt: dict[str, int] = field(default_factory=dict)
    logins: list[Login] = field(default_factory=list)
    postcodes: dict[str, Postcode] = field(default_factory=dict)

    def say(self, msg: str) -> None:
        self.stdout.write(msg + "\n")

    def tel(self, soort: str, nieuw: bool) -> None:
        self.aangemaakt[soort] = self.aangemaakt.get(soort, 0) + int(nieuw)


def demo_wachtwoord(username: str) -> str:
    """The fixed demo password of a demo login (printed at the end; never for production)."""
    return f"{username}-demo"


def _login(ctx: DemoContext, username: str, rol: str, toelichting: str, **velden) -> object:
    """Get or create a login; the password is set only on creation, so a changed one stays."""
    user, nieuw = get_user_model().objects.get_or_create(username=username, defaults=velden)
    if nieuw:
        user.set_password(demo_wachtwoord(username))
        user.save(update_fields=["password"])
    ctx.tel("logins", nieuw)
    ctx.logins.append(Login(username, demo_wachtwoord(username), rol, toelichting))
    return user


def stap_postcodes(ctx: DemoContext) -> None:
    """Load the shipped postcode table, then make sure every demo street's postcode is in it."""
    if POSTCODES_CSV.exists():
        result = import_postcodes_csv(POSTCODES_CSV)
        if not result.saved:
            raise DemoFout(f"{POSTCODES_CSV.name} is ongeldig: {'; '.join(result.errors[:3])}")
        ctx.say(f"  {POSTCODES_CSV.name}: {result.created} nieuw, {result.updated} bijgewerkt")
    for s in STRATEN:
        _, nieuw = Postcode.objects.get_or_create(
            postcode=s.postcode,
            defaults=dict(
                latitude=Decimal(s.latitude),
                longitude=Decimal(s.longitude),
                plaats=s.plaats,
                gemeente=s.gemeente,
                wijk=s.wijk,
                buurt=s.buurt,
            ),
        )
        ctx.tel("postcodes", nieuw)
    codes = [s.postcode for s in STRATEN]
    ctx.postcodes = {p.postcode: p for p in Postcode.objects.filter(postcode__in=codes)}


def _adres(ctx: DemoContext, straat: Straat, huisnummer: str, toevoeging: str = "") -> dict:
    """Address fields geocoded from the postcode table (the same source the app uses)."""
    pc = ctx.postcodes[straat.postcode]
    return dict(
        straat=straat.naam,
        huisnummer=huisnummer,
        toevoeging=toevoeging,
        postcode=pc.postcode,
        plaats=pc.plaats or straat.plaats,
        latitude=pc.latitude,
        longitude=pc.longitude,
        wijk=pc.wijk or straat.wijk,
        buurt=pc.buurt or straat.buurt,
    )


def stap_catalogus(ctx: DemoContext) -> None:
    """Skills with their `omvat` hierarchy, and the certificate kinds."""
    nieuw_gemaakt = []
    for code, naam, omschrijving, _ in VAARDIGHEDEN:
        v, nieuw = Vaardigheid.objects.get_or_create(
            code=code, defaults=dict(naam=naam, omschrijving=omschrijving)
        )
        ctx.tel("vaardigheden", nieuw)
        if nieuw:
            nieuw_gemaakt.append(v)
    alle = {v.code: v for v in Vaardigheid.objects.all()}
    omvat = {code: onderdelen for code, _, _, onderdelen in VAARDIGHEDEN}
    for v in nieuw_gemaakt:  # an existing skill keeps whatever staff made of its hierarchy
        v.omvat.set([alle[c] for c in omvat[v.code]])
    for code, naam, _ in CERTIFICAATSOORTEN:
        _, nieuw = CertificaatSoort.objects.get_or_create(code=code, defaults=dict(naam=naam))
        ctx.tel("certificaatsoorten", nieuw)


def stap_werkgevers(ctx: DemoContext) -> None:
    """The six employers, their locations and one managing login each."""
    for spec in WERKGEVERS:
        werkgever = Werkgever.objects.filter(kvk_nummer=spec.kvk).first()
        ctx.tel("werkgevers", werkgever is None)
        if werkgever is None:
            werkgever = Werkgever(
                naam=spec.naam,
                kvk_nummer=spec.kvk,
                soort=spec.soort,
                lid_sinds=ctx.vandaag - timedelta(days=400),
                email=f"{spec.username}@example.nl",
                telefoon="030-" + spec.kvk[-7:],
            )
            werkgever.full_clean()
            werkgever.save()
        for naam, straat, huisnummer in spec.locaties:
            _locatie(ctx, werkgever, naam, STRAAT[straat], huisnummer)
        voornaam, achternaam = spec.contact
        user = _login(
            ctx,
            spec.username,
            "werkgever",
            f"{spec.naam} (beheerder)",
            first_name=voornaam,
            last_name=achternaam,
            email=f"{spec.username}@example.nl",
        )
        _, nieuw = WerkgeverGebruiker.objects.get_or_create(
            user=user, defaults=dict(werkgever=werkgever, is_beheerder=True)
        )
        ctx.tel("werkgevergebruikers", nieuw)


def _locatie(ctx: DemoContext, werkgever: Werkgever, naam: str, straat: Straat, nr: str) -> None:
    if werkgever.locaties.filter(naam=naam).exists():
        ctx.tel("locaties", False)
        return
    locatie = Locatie(werkgever=werkgever, naam=naam, **_adres(ctx, straat, nr))
    locatie.full_clean()
    locatie.save()
    ctx.tel("locaties", True)


def stap_makelaar(ctx: DemoContext) -> None:
    """The broker's staff login: superuser, so the admin shows everything."""
    _login(
        ctx,
        "makelaar",
        "makelaar",
        "medewerker van de makelaar (superuser): alles, ook /admin/",
        first_name="Sanne",
        last_name="Dekker",
        email="makelaar@example.nl",
        is_staff=True,
        is_superuser=True,
    )


def stap_leden(ctx: DemoContext) -> None:
    """About 80 members with skills, certificates, weekly availability and absences."""
    vaardigheden = {v.code: v for v in Vaardigheid.objects.all()}
    soorten = {s.code: s for s in CertificaatSoort.objects.all()}
    for spec in lid_specs(ctx.seed, ctx.vandaag):
        user = None
        if spec.username:
            user = _login(
                ctx,
                spec.username,
                "werknemer",
                f"{spec.volledige_naam}, {spec.straat.gebied}",
                first_name=spec.voornaam,
                last_name=f"{spec.tussenvoegsel} {spec.achternaam}".strip(),
                email=spec.email,
            )
        nieuw = _bewaar_lid(ctx, spec, user, vaardigheden, soorten)
        ctx.tel("werknemers", nieuw)


def _bewaar_lid(ctx: DemoContext, spec: LidSpec, user, vaardigheden, soorten) -> bool:
    """Create one member with everything attached, unless their BSN is already known."""
    bsn = normalize_bsn(spec.bsn)
    if Werknemer.objects.filter(bsn_index=blind_index(bsn)).exists():
        return False
    if user is not None and Werknemer.objects.filter(user=user).exists():
        user = None  # that login already belongs to another member: leave it alone
    werknemer = Werknemer(
        user=user,
        voornaam=spec.voornaam,
        tussenvoegsel=spec.tussenvoegsel,
        achternaam=spec.achternaam,
        geboortedatum=spec.geboortedatum,
        bsn=bsn,
        iban=normalize_iban(spec.iban),
        telefoon=spec.telefoon,
        email=spec.email,
        talen=spec.talen,
        max_reisafstand_km=spec.reisafstand_km,
        uren_per_week_min=spec.uren[0],
        uren_per_week_max=spec.uren[1],
        lid_sinds=spec.lid_sinds,
        inleg_betaald=Decimal("50.00")
        if (ctx.vandaag - spec.lid_sinds).days > 30
        else Decimal("0.00"),
        status=spec.status,
        sroi_toestemming=spec.sroi_doelgroep is not None,
        sroi_doelgroep=spec.sroi_doelgroep or "",
        **_adres(ctx, spec.straat, spec.huisnummer, spec.toevoeging),
    )
    werknemer.full_clean(exclude=["bsn_index"])
    werknemer.save()
    _bewaar_onderdelen(werknemer, spec, vaardigheden, soorten)
    return True


def _bewaar_onderdelen(werknemer: Werknemer, spec: LidSpec, vaardigheden, soorten) -> None:
    rijen: list = [
        WerknemerVaardigheid(werknemer=werknemer, vaardigheid=vaardigheden[c], niveau=n)
        for c, n in spec.vaardigheden.items()
    ]
    rijen += [
        Certificaat(werknemer=werknemer, soort=soorten[c], nummer=nr, geldig_van=v, geldig_tot=t)
        for c, nr, v, t in spec.certificaten
    ]
    rijen += [
        Beschikbaarheid(werknemer=werknemer, weekdag=d, begin=b, eind=e)
        for d, b, e in spec.beschikbaarheid
    ]
    rijen += [
        Afwezigheid(werknemer=werknemer, van=v, tot_en_met=t, reden=r, toelichting=tl)
        for v, t, r, tl in spec.afwezigheden
    ]
    for rij in rijen:
        rij.full_clean()
        rij.save()


def print_logins(ctx: DemoContext) -> None:
    ctx.say("")
    ctx.say("Demo-logins (vaste wachtwoorden, alleen voor de demo):")
    breedte = max(len(login.username) for login in ctx.logins) + 2
    for login in ctx.logins:
        ctx.say(
            f"  {login.username:<{breedte}} {login.wachtwoord:<{breedte + 5}} "
            f"{login.rol}: {login.toelichting}"
        )
    ctx.say("")
    ctx.say(f"API-documentatie: {URLS[0]}  (inloggen: POST /api/v1/auth/login)")
    ctx.say(f"Beheer (admin):   {URLS[1]}  (met de makelaar-login)")
    ctx.say(f"Ledenpagina's:    {URLS[2]}  (met een leden-login, bijv. fatima)")
    ctx.say(f"Werkgevers:       {URLS[2]}  (met een werkgever-login, bijv. woonstichting)")
    if week := planbord_week_met_open_werk():
        ctx.say(f"Planbord:         {URLS[2]}planning/?week={week}  (met de makelaar-login)")


def planbord_week_met_open_werk() -> str | None:
    """The week ('2026-W48') of the first open shift to come: the board opens on this week,
    and the demo's work starts after today, often not until the next one."""
    dienst = (
        Dienst.objects.filter(status=Dienst.Status.OPEN, start__gt=timezone.now())
        .order_by("start", "pk")
        .first()
    )
    if dienst is None:
        return None
    jaar, week, _ = timezone.localtime(dienst.start).isocalendar()
    return f"{jaar}-W{week:02d}"


Stap = Callable[[DemoContext], None]
STAPPEN: list[tuple[str, Stap]] = [
    ("postcodetabel", stap_postcodes),
    ("vaardigheden en certificaatsoorten", stap_catalogus),
    ("makelaar", stap_makelaar),
    ("werkgevers en locaties", stap_werkgevers),
    ("werknemers", stap_leden),
    ("werkpakketten", stap_werkpakketten),
    ("bundelen", stap_bundelen),
    ("aanbiedingen en inzetten", stap_aanbiedingen),
    ("afgeronde periode (vorige maand)", stap_periode),
    ("uren ter goedkeuring (laatste week)", stap_uren_ter_goedkeuring),
]


# The demo's work that needs legal figures (accepted calls, contracts, the finished month)
# lies within this horizon; past it figures are not asked for.
DEMO_HORIZON = timedelta(weeks=13)


def build_demo(
    *, seed: int = DEFAULT_SEED, stdout: Writer, vandaag: date | None = None
) -> DemoContext:
    """Build (or complete) the demo neighbourhood in one transaction; returns what it did."""
    ctx = DemoContext(seed=seed, vandaag=vandaag or timezone.localdate(), stdout=stdout)
    ctx.say(f"Demobuurt Kanaleneiland (seed {seed}, peildatum {ctx.vandaag:%d-%m-%Y})")
    aangevuld = gegevens.demo_aanvullen(ctx.vandaag + DEMO_HORIZON)
    if aangevuld:
        ctx.say(
            "Let op: niet bekend voor de hele demo: "
            + "; ".join(aangevuld)
            + ". De demo gebruikt daarna de laatst bevestigde bedragen als demobedragen "
            "(alleen in de demo, nooit daarbuiten)."
        )
    with transaction.atomic():
        for naam, stap in STAPPEN:
            voor = dict(ctx.aangemaakt)
            stap(ctx)
            nieuw = {k: v - voor.get(k, 0) for k, v in ctx.aangemaakt.items() if v > voor.get(k, 0)}
            samenvatting = ", ".join(f"{k} +{v}" for k, v in nieuw.items()) or "niets nieuw"
            ctx.say(f"- {naam}: {samenvatting}")
    print_logins(ctx)
    return ctx
