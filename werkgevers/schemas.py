"""Request and response shapes of the demand registry API (explicit fields, never __all__)."""

from datetime import date
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from coop.core.invoer import EenRegel, keuze
from coop.core.schemas import ErrorOut  # noqa: E402,F401  (the API's one error body)
from werkgevers.models import Werkgever


class WerkgeverIn(Schema):
    naam: EenRegel = Field(min_length=1, max_length=200)
    kvk_nummer: EenRegel = Field(max_length=20, description="acht cijfers; spaties en punten mogen")
    soort: keuze(Werkgever.Soort)
    lid_sinds: date
    lid_tot: date | None = None
    status: keuze(Werkgever.Status) = Werkgever.Status.ACTIEF
    email: EenRegel = Field("", max_length=254)
    telefoon: EenRegel = Field("", max_length=20)


class WerkgeverPatchIn(Schema):
    """Only the fields sent are changed."""

    naam: EenRegel | None = Field(None, min_length=1, max_length=200)
    kvk_nummer: EenRegel | None = Field(None, max_length=20)
    soort: keuze(Werkgever.Soort) | None = None
    lid_sinds: date | None = None
    lid_tot: date | None = None
    status: keuze(Werkgever.Status) | None = None
    email: EenRegel | None = Field(None, max_length=254)
    telefoon: EenRegel | None = Field(None, max_length=20)


class WerkgeverOut(Schema):
    id: int
    naam: str
    kvk_nummer: str
    soort: str
    status: str
    lid_sinds: date
    lid_tot: date | None
    email: str
    telefoon: str
    aantal_locaties: int = Field(description="aantal actieve locaties")

    @staticmethod
    def resolve_aantal_locaties(obj: Werkgever) -> int:
        annotated = getattr(obj, "aantal_locaties", None)
        return annotated if annotated is not None else obj.locaties.filter(actief=True).count()


class WerkgeverFilter(Schema):
    zoek: EenRegel = Field("", description="deel van de naam of begin van het KvK-nummer")
    soort: keuze(Werkgever.Soort) | None = None
    status: keuze(Werkgever.Status) | None = None


class LocatieIn(Schema):
    """Without latitude/longitude the address is geocoded from the postcode."""

    naam: EenRegel = Field(min_length=1, max_length=200)
    straat: EenRegel = Field("", max_length=200)
    huisnummer: EenRegel = Field("", max_length=10)
    toevoeging: EenRegel = Field("", max_length=10)
    postcode: EenRegel = Field(max_length=10)
    plaats: EenRegel = Field("", max_length=100)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    wijk: EenRegel = Field("", max_length=100)
    buurt: EenRegel = Field("", max_length=100)


class LocatiePatchIn(Schema):
    """Only the fields sent are changed; a new postcode without coordinates re-geocodes."""

    naam: EenRegel | None = Field(None, min_length=1, max_length=200)
    straat: EenRegel | None = Field(None, max_length=200)
    huisnummer: EenRegel | None = Field(None, max_length=10)
    toevoeging: EenRegel | None = Field(None, max_length=10)
    postcode: EenRegel | None = Field(None, max_length=10)
    plaats: EenRegel | None = Field(None, max_length=100)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    wijk: EenRegel | None = Field(None, max_length=100)
    buurt: EenRegel | None = Field(None, max_length=100)


class LocatieOut(Schema):
    id: int
    werkgever_id: int
    werkgever_naam: str = Field(alias="werkgever.naam")
    naam: str
    straat: str
    huisnummer: str
    toevoeging: str
    postcode: str
    plaats: str
    latitude: float | None
    longitude: float | None
    wijk: str
    buurt: str
    actief: bool
    adresregel: str


class LocatieFilter(Schema):
    actief: bool | None = None
    wijk: EenRegel = ""


class GebruikerIn(Schema):
    username: EenRegel = Field(min_length=1, max_length=150)
    email: EenRegel = Field(max_length=254)
    password: str = Field(min_length=1, max_length=128)
    is_beheerder: bool = False


class GebruikerOut(Schema):
    id: int
    username: str = Field(alias="user.username")
    email: str = Field(alias="user.email")
    is_beheerder: bool
    is_active: bool = Field(alias="user.is_active")
