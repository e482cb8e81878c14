"""factory-boy factories for every registry model; deterministic where tests compare numbers."""

from datetime import date, time
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from coop.core.validators import bsn_from_number
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker
from werknemers.models import (
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "geheim-wachtwoord-1")
        if create:
            self.save(update_fields=["password"])


class WerkgeverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkgever

    naam = factory.Sequence(lambda n: f"Woonstichting {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{30000000 + n:08d}")
    soort = Werkgever.Soort.WONINGCORPORATIE
    lid_sinds = date(2025, 1, 1)


class WerkgeverGebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WerkgeverGebruiker

    user = factory.SubFactory(UserFactory)
    werkgever = factory.SubFactory(WerkgeverFactory)
    is_beheerder = True


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locatie

    werkgever = factory.SubFactory(WerkgeverFactory)
    naam = factory.Sequence(lambda n: f"Complex {n}")
    straat = "Marshallaan"
    huisnummer = factory.Sequence(lambda n: str(n + 1))
    postcode = "3527 TM"
    plaats = "Utrecht"
    latitude = Decimal("52.073400")
    longitude = Decimal("5.094900")
    wijk = "Zuidwest"
    buurt = "Kanaleneiland-Zuid"


class VaardigheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vaardigheid
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"vaardigheid-{n}")
    naam = factory.LazyAttribute(lambda v: v.code.replace("-", " ").capitalize())


class CertificaatSoortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificaatSoort
        django_get_or_create = ("code",)

    code = "vca"
    naam = "VCA Basis"


class WerknemerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werknemer

    user = None
    voornaam = factory.Sequence(lambda n: f"Lid{n}")
    achternaam = "Jansen"
    geboortedatum = date(1990, 5, 17)
    bsn = factory.Sequence(bsn_from_number)
    iban = "NL91ABNA0417164300"
    straat = "Columbuslaan"
    huisnummer = factory.Sequence(lambda n: str(n + 1))
    postcode = "3526 EP"
    plaats = "Utrecht"
    latitude = Decimal("52.075800")
    longitude = Decimal("5.099500")
    wijk = "Zuidwest"
    buurt = "Kanaleneiland-Noord"
    lid_sinds = date(2025, 3, 1)


class WerknemerVaardigheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WerknemerVaardigheid

    werknemer = factory.SubFactory(WerknemerFactory)
    vaardigheid = factory.SubFactory(VaardigheidFactory)
    niveau = 2


class CertificaatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificaat

    werknemer = factory.SubFactory(WerknemerFactory)
    soort = factory.SubFactory(CertificaatSoortFactory)
    nummer = factory.Sequence(lambda n: f"C{n:06d}")
    geldig_van = date(2025, 1, 1)
    geldig_tot = date(2035, 1, 1)


class BeschikbaarheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beschikbaarheid

    werknemer = factory.SubFactory(WerknemerFactory)
    weekdag = 0
    begin = time(8, 0)
    eind = time(17, 0)
