"""Ninja schemas of the supply registry. BSN and IBAN leave only masked, except in the
explicit reveal (PersoonsgegevensOut) and the member's own export."""

from datetime import date, time
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from coop.core.invoer import EenRegel

StatusKeuze = Literal["actief", "gepauzeerd", "uitgetreden"]
DoelgroepKeuze = Literal[
    "",
    "participatiewet",
    "banenafspraak",
    "ww",
    "wia",
    "bbl",
    "nugger",
    "vsv",
    "statushouder",
]
RedenKeuze = Literal["verlof", "ziek", "anders"]
Niveau = int  # 1 basis, 2 gevorderd, 3 vakkundig (werknemers.models.Niveau)


# --- catalogue -------------------------------------------------------------------------


class VaardigheidIn(Schema):
    code: EenRegel = Field(min_length=1, max_length=50)
    naam: EenRegel = Field(min_length=1, max_length=100)
    omschrijving: str = ""
    omvat: list[int] = []


class VaardigheidPatch(Schema):
    code: EenRegel | None = Field(None, min_length=1, max_length=50)
    naam: EenRegel | None = Field(None, min_length=1, max_length=100)
    omschrijving: str | None = None
    omvat: list[int] | None = None


class VaardigheidOut(Schema):
    id: int
    code: str
    naam: str
    omschrijving: str
    omvat: list[int]

    @staticmethod
    def resolve_omvat(obj) -> list[int]:
        return sorted(v.pk for v in obj.omvat.all())


class CertificaatSoortIn(Schema):
    code: EenRegel = Field(min_length=1, max_length=50)
    naam: EenRegel = Field(min_length=1, max_length=100)


class CertificaatSoortPatch(Schema):
    code: EenRegel | None = Field(None, min_length=1, max_length=50)
    naam: EenRegel | None = Field(None, min_length=1, max_length=100)


class CertificaatSoortOut(Schema):
    id: int
    code: str
    naam: str


# --- a member's skills, certificates, availability -------------------------------------


class WerknemerVaardigheidIn(Schema):
    vaardigheid_id: int
    niveau: Niveau = Field(1, ge=1, le=3)


class WerknemerVaardigheidOut(Schema):
    vaardigheid_id: int
    code: str = Field(alias="vaardigheid.code")
    naam: str = Field(alias="vaardigheid.naam")
    niveau: int


class EffectieveVaardigheidOut(Schema):
    vaardigheid_id: int
    code: str
    naam: str
    niveau: int
    zelf_gehouden: bool


class VaardighedenOut(Schema):
    gehouden: list[WerknemerVaardigheidOut]
    effectief: list[EffectieveVaardigheidOut]


class CertificaatIn(Schema):
    soort_id: int
    nummer: EenRegel = Field("", max_length=50)
    geldig_van: date
    geldig_tot: date | None = None


class CertificaatPatch(Schema):
    soort_id: int | None = None
    nummer: EenRegel | None = Field(None, max_length=50)
    geldig_van: date | None = None
    geldig_tot: date | None = None


class CertificaatOut(Schema):
    id: int
    soort_id: int
    soort: str = Field(alias="soort.naam")
    nummer: str
    geldig_van: date
    geldig_tot: date | None
    geldig_vandaag: bool

    @staticmethod
    def resolve_geldig_vandaag(obj) -> bool:
        return obj.geldig_op(timezone.localdate())


class BeschikbaarheidIn(Schema):
    weekdag: int = Field(ge=0, le=6, description="0 = maandag … 6 = zondag")
    begin: time
    eind: time


class BeschikbaarheidOut(Schema):
    weekdag: int
    begin: time
    eind: time


class AfwezigheidIn(Schema):
    van: date
    tot_en_met: date
    reden: RedenKeuze = "verlof"
    toelichting: str = Field("", max_length=200)


class AfwezigheidOut(Schema):
    id: int
    van: date
    tot_en_met: date
    reden: str
    toelichting: str


# --- the member ------------------------------------------------------------------------


class _Contact(Schema):
    """Fields a worker may change about themself (PATCH /mij); all optional."""

    telefoon: EenRegel | None = Field(None, max_length=20)
    email: EenRegel | None = Field(None, max_length=254)
    straat: EenRegel | None = Field(None, max_length=200)
    huisnummer: EenRegel | None = Field(None, max_length=10)
    toevoeging: EenRegel | None = Field(None, max_length=10)
    postcode: EenRegel | None = Field(None, max_length=7)
    plaats: EenRegel | None = Field(None, max_length=100)
    talen: list[EenRegel] | None = None
    max_reisafstand_km: Decimal | None = Field(None, ge=0, le=1000, decimal_places=1)
    uren_per_week_min: int | None = Field(None, ge=0, le=168)
    uren_per_week_max: int | None = Field(None, ge=0, le=168)


class WerknemerMijPatch(_Contact):
    beschikbaarheid: list[BeschikbaarheidIn] | None = Field(
        None, description="Vervangt het hele weekpatroon."
    )


class WerknemerPatch(_Contact):
    """Staff's partial update; BSN and IBAN are replaced only when given."""

    voornaam: EenRegel | None = Field(None, min_length=1, max_length=100)
    tussenvoegsel: EenRegel | None = Field(None, max_length=20)
    achternaam: EenRegel | None = Field(None, min_length=1, max_length=100)
    geboortedatum: date | None = None
    bsn: str | None = None
    iban: str | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    wijk: EenRegel | None = Field(None, max_length=100)
    buurt: EenRegel | None = Field(None, max_length=100)
    lid_sinds: date | None = None
    lid_tot: date | None = None
    inleg_betaald: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    status: StatusKeuze | None = None
    sroi_toestemming: bool | None = None
    sroi_doelgroep: DoelgroepKeuze | None = None
    user_id: int | None = None


class WerknemerIn(WerknemerPatch):
    """Staff's create: a member with (optionally) their skills, certificates and availability."""

    voornaam: EenRegel = Field(min_length=1, max_length=100)
    achternaam: EenRegel = Field(min_length=1, max_length=100)
    geboortedatum: date
    bsn: str
    lid_sinds: date
    vaardigheden: list[WerknemerVaardigheidIn] = []
    certificaten: list[CertificaatIn] = []
    beschikbaarheid: list[BeschikbaarheidIn] = []
    afwezigheden: list[AfwezigheidIn] = []


class WerknemerListOut(Schema):
    id: int
    volledige_naam: str
    status: str
    wijk: str
    postcode: str
    bsn_gemaskeerd: str
    uren_per_week_min: int
    uren_per_week_max: int
    max_reisafstand_km: Decimal


class WerknemerOut(Schema):
    id: int
    user_id: int | None
    voornaam: str
    tussenvoegsel: str
    achternaam: str
    volledige_naam: str
    geboortedatum: date
    bsn_gemaskeerd: str
    iban_gemaskeerd: str
    straat: str
    huisnummer: str
    toevoeging: str
    postcode: str
    plaats: str
    latitude: Decimal | None
    longitude: Decimal | None
    wijk: str
    buurt: str
    telefoon: str
    email: str
    talen: list[str]
    max_reisafstand_km: Decimal
    uren_per_week_min: int
    uren_per_week_max: int
    lid_sinds: date
    lid_tot: date | None
    inleg_betaald: Decimal
    status: str
    sroi_toestemming: bool
    sroi_doelgroep: str
    vaardigheden: list[WerknemerVaardigheidOut]
    certificaten: list[CertificaatOut]
    beschikbaarheid: list[BeschikbaarheidOut]
    afwezigheden: list[AfwezigheidOut]

    @staticmethod
    def resolve_talen(obj) -> list[str]:
        return [t for t in obj.talen.split(",") if t]


class PersoonsgegevensOut(Schema):
    """The clear values; only returned by the audited reveal endpoint."""

    id: int
    bsn: str
    iban: str
