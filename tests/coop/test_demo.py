"""The demo neighbourhood: counts, valid identifiers, geocoding, idempotence, determinism."""

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from contracten.regels import leeftijd_op
from coop.core.models import Postcode
from coop.core.validators import normalize_bsn, normalize_iban, normalize_kvk, normalize_postcode
from coop.demo import DEFAULT_SEED, STAPPEN, build_demo, geboortedatum, lid_specs
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

# A fixed reference date, so the numbers below hold whatever day the suite runs.
VANDAAG = date(2026, 2, 28)
MODELLEN = [
    Postcode,
    Vaardigheid,
    CertificaatSoort,
    Werkgever,
    Locatie,
    WerkgeverGebruiker,
    Werknemer,
    WerknemerVaardigheid,
    Certificaat,
    Beschikbaarheid,
    Afwezigheid,
    get_user_model(),
]


def _bouw(seed: int = DEFAULT_SEED, vandaag: date = VANDAAG):
    out = StringIO()
    ctx = build_demo(seed=seed, stdout=out, vandaag=vandaag)
    return ctx, out.getvalue()


@pytest.fixture(scope="class")
def _gebouwde_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once for TestTheBuiltDemo (some 25 s), inside a transaction that is
    rolled back after the class, with its files in a folder of its own. Each test's own
    transaction (`db`) nests in it and is rolled back per test, so every test sees the demo
    as built. Class scope, not module scope: the tests below the class need an empty
    database."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media):
            ctx, out = _bouw()
        yield media, ctx, out
        transaction.set_rollback(True)


@pytest.fixture
def demo(_gebouwde_demo, db, settings):
    """(context, output) of the built demo; the test's files go where the demo's are."""
    media, ctx, out = _gebouwde_demo
    settings.MEDIA_ROOT = media
    return ctx, out


def _aantallen() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELLEN}


def _leden() -> dict[str, Werknemer]:
    return {w.user.username: w for w in Werknemer.objects.filter(user__isnull=False)}


class TestTheBuiltDemo:
    """Tests that read the demo as `manage.py demo` builds it: built once for them all."""

    def test_counts_and_spread(self, demo):
        assert Werknemer.objects.count() == 80
        soorten = Counter(Werkgever.objects.values_list("soort", flat=True))
        assert soorten == {"woningcorporatie": 2, "instelling": 1, "overig": 1, "klein_bedrijf": 2}
        assert all(w.locaties.count() >= 2 for w in Werkgever.objects.all())
        assert Locatie.objects.count() == 18
        leeftijden = Counter(leeftijd_op(w.geboortedatum, VANDAAG) for w in Werknemer.objects.all())
        assert leeftijden[17] >= 1 and leeftijden[19] >= 1
        assert sum(n for jaar, n in leeftijden.items() if jaar >= 50) >= 8
        assert min(leeftijden) == 17 and max(leeftijden) <= 67
        kanaleneiland = Werknemer.objects.filter(buurt__startswith="Kanaleneiland").count()
        assert 40 <= kanaleneiland <= 70  # most live in Kanaleneiland ...
        assert Werknemer.objects.exclude(wijk="Zuidwest").count() >= 5  # ... some further away

    def test_certificates_some_expired(self, demo):
        verlopen = Certificaat.objects.filter(geldig_tot__lt=VANDAAG).count()
        geldig = Certificaat.objects.filter(geldig_tot__gte=VANDAAG).count()
        assert verlopen >= 5 and geldig > verlopen
        assert set(CertificaatSoort.objects.values_list("naam", flat=True)) == {
            "VCA Basis",
            "VCA VOL",
            "BHV",
            "Rijbewijs B",
        }
        # nobody holds a driving licence before 18
        for c in Certificaat.objects.filter(soort__code="rijbewijs-b").select_related("werknemer"):
            assert leeftijd_op(c.werknemer.geboortedatum, c.geldig_van) >= 18

    def test_featured_members_tell_their_story(self, demo):
        leden = _leden()
        assert set(leden) == {"fatima", "youssef", "daan", "mehmet", "agnieszka"}
        fatima = leden["fatima"]
        assert fatima.volledige_naam == "Fatima El Amrani"
        assert fatima.buurt == "Kanaleneiland-Noord" and fatima.talen == "nl,ar,ber"
        geldig = {c.soort.code: c.geldig_op(VANDAAG) for c in fatima.certificaten.all()}
        assert geldig == {"vca-basis": True, "bhv": False}
        assert leeftijd_op(leden["youssef"].geboortedatum, VANDAAG) == 17
        assert leden["youssef"].sroi_doelgroep == "vsv"
        assert leeftijd_op(leden["daan"].geboortedatum, VANDAAG) == 19
        assert leeftijd_op(leden["mehmet"].geboortedatum, VANDAAG) == 56

    def test_skill_catalogue_hierarchy(self, demo):
        omvat = {
            v.code: sorted(v.omvat.values_list("code", flat=True))
            for v in Vaardigheid.objects.all()
        }
        assert omvat["huismeesterwerk"] == ["kleine-reparaties", "schoonmaak"]
        assert omvat["gebouwbeheer"] == ["huismeesterwerk"]
        assert omvat["schoonmaak"] == ["trappenhuis"]
        assert len(omvat) == 10
        gebruikt = set(WerknemerVaardigheid.objects.values_list("vaardigheid__code", flat=True))
        assert {"schoonmaak", "schilderwerk", "verhuishulp", "tuinonderhoud"} <= gebruikt
        assert set(WerknemerVaardigheid.objects.values_list("niveau", flat=True)) == {1, 2, 3}

    def test_languages_availability_absences_sroi(self, demo):
        talen = Counter(t for w in Werknemer.objects.all() for t in w.talen.split(","))
        assert set(talen) == {"nl", "ar", "tr", "ber", "pl", "so", "en"}
        assert talen["nl"] >= 60
        assert Werknemer.objects.filter(beschikbaarheid__isnull=True).count() == 0
        assert Afwezigheid.objects.values("werknemer").distinct().count() >= 5
        assert (
            Werknemer.objects.filter(sroi_toestemming=True).exclude(sroi_doelgroep="").count() >= 5
        )
        assert (
            Werknemer.objects.filter(sroi_toestemming=False).exclude(sroi_doelgroep="").count() == 0
        )
        for w in Werknemer.objects.all():
            assert w.uren_per_week_min <= w.uren_per_week_max
            # no night work for minors (contracten/BRONNEN.md §6)
            if leeftijd_op(w.geboortedatum, VANDAAG) < 18:
                for b in w.beschikbaarheid.all():
                    assert b.begin.hour >= 6 and b.eind.hour < 23

    def test_everyone_geocoded_from_the_postcode_table(self, demo):
        tabel = {p.postcode: p for p in Postcode.objects.all()}
        adressen = [*Werknemer.objects.all(), *Locatie.objects.all()]
        assert len(adressen) == 98
        for a in adressen:
            assert a.heeft_coordinaten and a.wijk and a.buurt and a.plaats
            assert 51.9 < float(a.latitude) < 52.2 and 4.9 < float(a.longitude) < 5.2
            assert (tabel[a.postcode].latitude, tabel[a.postcode].longitude) == (
                a.latitude,
                a.longitude,
            )

    def test_demo_streets_agree_with_the_shipped_postcode_table(self, demo):
        """The street data and coop/data/postcodes_demo.csv must tell the same geography."""
        from coop.demo.buurt import STRATEN

        for straat in STRATEN:
            rij = Postcode.objects.get(postcode=straat.postcode)
            assert (str(rij.latitude), str(rij.longitude)) == (straat.latitude, straat.longitude)
            assert (rij.wijk, rij.buurt, rij.plaats) == (straat.wijk, straat.buurt, straat.plaats)

    def test_identifiers_valid(self, demo):
        leden = list(Werknemer.objects.all())
        assert all(normalize_bsn(w.bsn) == w.bsn for w in leden)
        assert len({w.bsn for w in leden}) == 80
        assert all(normalize_iban(w.iban) == w.iban and w.iban.startswith("NL") for w in leden)
        assert all(normalize_postcode(a.postcode) == a.postcode for a in leden)
        assert all(normalize_kvk(w.kvk_nummer) == w.kvk_nummer for w in Werkgever.objects.all())
        assert all("@" in w.email and w.email.isascii() for w in leden)

    def test_second_run_creates_nothing(self, demo):
        voor = _aantallen()
        ctx, out = _bouw()
        assert _aantallen() == voor
        assert sum(ctx.aangemaakt.values()) == 0
        assert out.count("niets nieuw") == len(STAPPEN)

    def test_if_empty_skips_when_an_employer_exists(self, demo):
        voor = _aantallen()
        out = StringIO()
        call_command("demo", "--if-empty", stdout=out)
        assert "niet opnieuw gebouwd" in out.getvalue()
        assert _aantallen() == voor

    def test_output_lists_every_login_and_the_urls(self, demo):
        ctx, out = demo
        assert len(ctx.logins) == 12
        for login in ctx.logins:
            assert f"{login.username}" in out and login.wachtwoord in out
        assert "http://127.0.0.1:8000/api/v1/docs" in out
        assert "http://127.0.0.1:8000/admin/" in out

    def test_demo_logins_work_through_the_api(self, demo, api_as):
        ctx, _ = demo
        rollen = {"makelaar": "staff", "werkgever": "werkgever", "werknemer": "werknemer"}
        client = api_as(None)
        for login in ctx.logins:
            r = client.post(
                "auth/login", {"username": login.username, "password": login.wachtwoord}
            )
            assert r.status_code == 200, login.username
            assert r.body["role"] == rollen[login.rol]
        staff = get_user_model().objects.get(username="makelaar")
        assert staff.is_staff and staff.is_superuser
        beheerders = WerkgeverGebruiker.objects.filter(is_beheerder=True)
        assert sorted(b.werkgever.naam for b in beheerders) == sorted(
            Werkgever.objects.values_list("naam", flat=True)
        )


def test_command_builds_on_an_empty_database(db):
    out = StringIO()
    call_command("demo", "--if-empty", "--seed", "7", "--peildatum", "2026-02-28", stdout=out)
    assert Werknemer.objects.count() == 80
    assert "seed 7, peildatum 28-02-2026" in out.getvalue()


def test_invalid_postcode_table_is_a_clear_error_and_saves_nothing(db, tmp_path, monkeypatch):
    slecht = tmp_path / "postcodes_demo.csv"
    slecht.write_text("postcode;latitude;longitude;plaats;gemeente;wijk;buurt\n1234;x;y;;;;\n")
    monkeypatch.setattr("coop.demo.bouwen.POSTCODES_CSV", slecht)
    with pytest.raises(CommandError, match="postcodes_demo.csv is ongeldig"):
        call_command("demo", stdout=StringIO())
    assert _aantallen() == dict.fromkeys(_aantallen(), 0)


def test_a_failing_later_step_leaves_nothing_behind(db, monkeypatch):
    def kapot(ctx):
        raise RuntimeError("stap faalt")

    monkeypatch.setattr("coop.demo.bouwen.STAPPEN", [*STAPPEN, ("kapot", kapot)])
    with pytest.raises(RuntimeError):
        _bouw()
    assert _aantallen() == dict.fromkeys(_aantallen(), 0)


def _snapshot() -> dict:
    werknemers = sorted(
        (w.bsn, w.iban, w.volledige_naam, w.geboortedatum, w.adresregel, w.latitude, w.talen,
         w.uren_per_week_min, w.uren_per_week_max, w.max_reisafstand_km, w.sroi_doelgroep,
         w.status, w.lid_sinds, w.user.username if w.user else "")
        for w in Werknemer.objects.select_related("user")
    )  # fmt: skip
    return {
        "werknemers": werknemers,
        "vaardigheden": sorted(
            WerknemerVaardigheid.objects.values_list(
                "werknemer__bsn_index", "vaardigheid__code", "niveau"
            )
        ),
        "certificaten": sorted(
            Certificaat.objects.values_list(
                "werknemer__bsn_index", "soort__code", "nummer", "geldig_van", "geldig_tot"
            )
        ),
        "beschikbaarheid": sorted(
            Beschikbaarheid.objects.values_list("werknemer__bsn_index", "weekdag", "begin", "eind")
        ),
        "afwezigheden": sorted(
            Afwezigheid.objects.values_list("werknemer__bsn_index", "van", "tot_en_met", "reden")
        ),
        "locaties": sorted(
            Locatie.objects.values_list("werkgever__kvk_nummer", "naam", "straat", "postcode")
        ),
        "users": sorted(get_user_model().objects.values_list("username", "email", "is_staff")),
    }


def _wis() -> None:
    for model in (Werknemer, Werkgever, Vaardigheid, CertificaatSoort, Postcode):
        model.objects.all().delete()
    get_user_model().objects.all().delete()


def test_same_seed_same_data_different_seed_other_data(db, monkeypatch):
    # Only the registry steps: issued documents (after acceptances) cannot be deleted.
    monkeypatch.setattr("coop.demo.bouwen.STAPPEN", STAPPEN[:5])
    _bouw()
    eerste = _snapshot()
    _wis()
    assert Werknemer.objects.count() == 0
    _bouw()
    assert _snapshot() == eerste
    _wis()
    _bouw(seed=DEFAULT_SEED + 1)
    ander = _snapshot()
    assert ander["users"] == eerste["users"]  # the logins are fixed ...
    assert ander["werknemers"] != eerste["werknemers"]  # ... the neighbourhood is not


def test_generation_does_not_depend_on_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; the demo must not."""
    code = (
        "import django, hashlib; django.setup(); from datetime import date; "
        "from coop.demo import lid_specs; "
        "print(hashlib.sha256(repr(lid_specs(5, date(2026, 2, 28))).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        env.setdefault("DJANGO_SETTINGS_MODULE", "coop.settings_test")
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
            cwd=settings.BASE_DIR,
        )  # fmt: skip
        digests.add(run.stdout.strip())
    assert len(digests) == 1
    here = hashlib.sha256(repr(lid_specs(5, date(2026, 2, 28))).encode()).hexdigest()
    assert digests == {here}


@pytest.mark.parametrize("vandaag", [date(2024, 2, 29), date(2025, 3, 1), date(2026, 12, 31)])
def test_ages_are_exact_on_any_day_and_minors_stay_minor(vandaag):
    specs = lid_specs(DEFAULT_SEED, vandaag)
    assert leeftijd_op(specs[1].geboortedatum, vandaag) == 17  # youssef
    assert leeftijd_op(specs[2].geboortedatum, vandaag) == 19  # daan
    for s in specs:
        if leeftijd_op(s.geboortedatum, vandaag) == 17:
            assert leeftijd_op(s.geboortedatum, vandaag + timedelta(days=240)) == 17


@pytest.mark.parametrize("dag", [date(2024, 2, 29), date(2025, 1, 1), date(2025, 12, 31)])
@pytest.mark.parametrize("jaren", [17, 19, 50])
def test_geboortedatum_gives_the_exact_age(dag, jaren):
    for na in (0, 1, 180, 360):
        geboren = geboortedatum(dag, jaren, na)
        assert leeftijd_op(geboren, dag) == jaren
