"""Invoices to employers: approved hours times the client tariff, with VAT and the lines that
explain each amount, as XLSX and PDF.

Rules:
* Billed are the paid hours of every approved or settled hours line (worked hours, hours kept
  at a late cancellation, the top-up to the minimum per call: the broker pays them all, and
  each has its own invoice line so the client sees why), up to the period's last day, that no
  live invoice of the employer holds yet. A correction line bills what it adds to the line it
  corrects (its values minus the old ones), so a line is never billed twice.
* A line belongs to the work package of its shift: an incidental shift's package, or, in a
  bundled permanent job, the package of the fragment the shift was planned from. A bundled
  job's line without a fragment is split over the job's packages by their weekly fragment
  hours (hundredths of an hour, largest remainder, so the parts add up to the line).
* Amounts (the one rounding rule, contracten.regels.geld): hours x tariff rounded half-up
  to the cent once per invoice line; the total is the sum of the lines; VAT is the dated
  rate (contracten.tabellen.BTW_TARIEF) on that total, rounded once.
* Each line says whether the broker directed the work or placed workers under the client's
  direction (contracten/BRONNEN.md §8); the invoice shows the subtotal of each.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from contracten.feiten import GeenRegelVoorDatum
from contracten.gegevens import vastleggen as gegevens_vastleggen
from contracten.regels.geld import cent
from contracten.tabellen import BTW_TARIEF
from coop.checks import makelaar_gebreken
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound
from coop.exports import schrijf_atomair
from coop.models import (
    Factuur,
    Factuurpost,
    Factuurreeks,
    Factuurregel,
    Loonperiode,
    Urenregel,
    Werkpakket,
)
from coop.models.facturen import UrenSoort
from coop.services.uren import loon
from werkgevers.models import Werkgever

NUL = Decimal("0")
GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)
SOORT_VELD = {
    UrenSoort.GEWERKT: "gewerkte_uren",
    UrenSoort.DOORBETAALD: "doorbetaalde_uren",
    UrenSoort.AANVULLING: "aanvulling_uren",
}
SOORT_VOLGORDE = list(SOORT_VELD)
REGIE_TEKST = {
    Werkpakket.Regie.MAKELAAR: "Aanneming van werk: de makelaar stuurt het werk aan",
    Werkpakket.Regie.OPDRACHTGEVER: (
        "Terbeschikkingstelling van arbeidskrachten: werk onder leiding van de opdrachtgever"
    ),
}


def nl(bedrag: Decimal) -> str:
    """1234.5 -> '1.234,50' (Dutch notation for messages and explanations)."""
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _controleer_makelaar() -> None:
    """A Dutch invoice names the broker's KvK number, VAT number and IBAN: refuse before
    anything is drawn or written when one is missing (or invalid)."""
    gebreken = makelaar_gebreken()
    if gebreken:
        raise Conflict(
            "Er kan geen factuur worden uitgegeven: " + "; ".join(gebreken) + ". "
            "Vraag de beheerder de instelling te zetten."
        )


# --- attribution --------------------------------------------------------------------------


def verdeel(uren: Decimal, gewichten: list[Decimal]) -> list[Decimal]:
    """Split `uren` over `gewichten` in hundredths (largest remainder): the parts add up.

    Ties go to the earlier weight, so the split is deterministic; a negative amount (a
    correction) is split like its absolute value and negated.
    """
    teken = -1 if uren < 0 else 1
    honderdsten = int(abs(uren) * 100)
    totaal = sum(gewichten)
    exact = [Decimal(honderdsten) * g / totaal for g in gewichten]
    delen = [int(e) for e in exact]
    rest = honderdsten - sum(delen)
    volgorde = sorted(range(len(gewichten)), key=lambda i: (-(exact[i] - delen[i]), i))
    for i in volgorde[:rest]:
        delen[i] += 1
    return [teken * Decimal(d) / 100 for d in delen]


@dataclass(frozen=True)
class Deel:
    """The part of an hours line that belongs to one work package."""

    werkpakket: Werkpakket
    aandeel: Decimal
    uren: dict[str, Decimal]  # uren soort -> hours (may be negative for a correction)
    uitleg: str = ""


def _uren_van(regel: Urenregel) -> dict[str, Decimal]:
    """What the line bills: its hours, minus those of the line it corrects."""
    oud = regel.corrigeert
    return {
        soort: getattr(regel, veld) - (getattr(oud, veld) if oud is not None else NUL)
        for soort, veld in SOORT_VELD.items()
    }


def delen_van(regel: Urenregel) -> list[Deel]:
    """The work packages an hours line is billed to, with the hours of each."""
    dienst = regel.inzet.dienst
    uren = _uren_van(regel)
    if dienst.fragment_id is not None:
        fragment = dienst.fragment
        uitleg = (
            f"vaste baan #{dienst.job_id}: fragment {fragment.begin:%H:%M}-{fragment.eind:%H:%M}"
        )
        return [Deel(fragment.werkpakket, Decimal(1), uren, uitleg)]
    if dienst.job.werkpakket_id is not None:
        return [Deel(dienst.job.werkpakket, Decimal(1), uren)]
    return _gesplitst(regel, uren)


def _gesplitst(regel: Urenregel, uren: dict[str, Decimal]) -> list[Deel]:
    per_pakket: dict[int, Decimal] = defaultdict(lambda: NUL)
    pakketten: dict[int, Werkpakket] = {}
    for fragment in regel.inzet.dienst.job.fragmenten.select_related("werkpakket__locatie"):
        per_pakket[fragment.werkpakket_id] += fragment.uren
        pakketten[fragment.werkpakket_id] = fragment.werkpakket
    totaal = sum(per_pakket.values(), NUL)
    if totaal <= 0:
        raise ApplicationError(
            f"Urenregel #{regel.pk} ({regel.datum:%d-%m-%Y}) hoort bij geen werkpakket; "
            "koppel de dienst aan een fragment.",
            fields={"urenregel": [f"#{regel.pk} is niet toe te rekenen."]},
        )
    ids = sorted(per_pakket)
    gewichten = [per_pakket[i] for i in ids]
    gesplitst = {soort: verdeel(u, gewichten) for soort, u in uren.items()}
    return [
        Deel(
            pakketten[pid],
            (gewichten[n] / totaal).quantize(Decimal("0.000001")),
            {soort: gesplitst[soort][n] for soort in uren},
            f"vaste baan #{regel.inzet.dienst.job_id}: {nl(gewichten[n])} van {nl(totaal)} "
            "uur per week volgens de fragmenten",
        )
        for n, pid in enumerate(ids)
    ]


# --- selection ------------------------------------------------------------------------------


def _kandidaten(werkgever: Werkgever, periode: Loonperiode):
    """Approved lines up to the period's end, at the employer's or in its bundled jobs."""
    al_gefactureerd = Factuurpost.objects.filter(
        factuur__werkgever=werkgever,
        factuur__soort=Factuur.Soort.FACTUUR,
        factuur__status=Factuur.Status.UITGEGEVEN,
    ).values("urenregel_id")
    return (
        Urenregel.objects.filter(status__in=GOEDGEKEURD, datum__lte=periode.eind)
        .filter(
            Q(inzet__dienst__locatie__werkgever=werkgever)
            | Q(inzet__dienst__job__fragmenten__werkpakket__werkgever=werkgever)
        )
        .exclude(pk__in=al_gefactureerd)
        .select_related(
            "corrigeert",
            "inzet__werknemer",
            "inzet__dienst__locatie",
            "inzet__dienst__job__werkpakket__locatie",
            "inzet__dienst__fragment__werkpakket__locatie",
        )
        .distinct()
        .order_by("datum", "pk")
    )


@dataclass
class Post:
    regel: Urenregel
    soort: str
    uren: Decimal
    aandeel: Decimal


@dataclass
class Groep:
    """The future invoice line: one package, one kind of hours, one tariff."""

    werkpakket: Werkpakket
    soort: str
    posten: list[Post] = field(default_factory=list)
    uitleg: set[str] = field(default_factory=set)

    @property
    def uren(self) -> Decimal:
        return sum((p.uren for p in self.posten), NUL)

    @property
    def bedrag(self) -> Decimal:
        return cent(self.uren * self.werkpakket.tarief_per_uur)


def groepen_voor(werkgever: Werkgever, periode: Loonperiode) -> list[Groep]:
    """The employer's billable hours, grouped into the lines of its next invoice."""
    groepen: dict[tuple, Groep] = {}
    for regel in _kandidaten(werkgever, periode):
        for deel in delen_van(regel):
            if deel.werkpakket.werkgever_id != werkgever.pk:
                continue
            for soort, uren in deel.uren.items():
                if uren == 0:
                    continue
                sleutel = (deel.werkpakket.pk, soort, deel.werkpakket.tarief_per_uur)
                groep = groepen.setdefault(sleutel, Groep(deel.werkpakket, soort))
                groep.posten.append(Post(regel, soort, uren, deel.aandeel))
                if deel.uitleg:
                    groep.uitleg.add(deel.uitleg)
    return sorted(
        groepen.values(),
        key=lambda g: (g.werkpakket.titel, g.werkpakket.pk, SOORT_VOLGORDE.index(g.soort)),
    )


# --- issuing ------------------------------------------------------------------------------


def btw_op(dag: date) -> tuple[Decimal, str]:
    try:
        feit = BTW_TARIEF.feit_op(dag)
    except GeenRegelVoorDatum as exc:
        raise ApplicationError(str(exc)) from exc
    return feit.waarde, feit.bron


def _volgnummer(jaar: int) -> int:
    """The next number of the year; the locked row serialises issuers, a rollback returns it."""
    Factuurreeks.objects.get_or_create(jaar=jaar)
    reeks = Factuurreeks.objects.select_for_update().get(jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste", "updated_at"])
    return reeks.laatste


def _nieuwe_factuur(
    *, soort: str, werkgever: Werkgever, periode: Loonperiode, user, bedrag_excl: Decimal, **extra
) -> Factuur:
    vandaag = timezone.localdate()
    percentage, bron = btw_op(vandaag)
    gegevens_vastleggen(min(periode.begin, vandaag), max(periode.eind, vandaag))
    btw = cent(bedrag_excl * percentage)
    volgnummer = _volgnummer(vandaag.year)
    return Factuur.objects.create(
        nummer=f"F{vandaag.year}-{volgnummer:05d}",
        jaar=vandaag.year,
        volgnummer=volgnummer,
        soort=soort,
        werkgever=werkgever,
        periode=periode,
        factuurdatum=vandaag,
        vervaldatum=vandaag + timedelta(days=getattr(settings, "FACTUUR_BETAALTERMIJN", 30)),
        werkgever_naam=werkgever.naam,
        werkgever_kvk=werkgever.kvk_nummer or "",
        bedrag_excl=bedrag_excl,
        btw_percentage=percentage,
        btw_bron=bron,
        btw_bedrag=btw,
        bedrag_incl=bedrag_excl + btw,
        uitgegeven_door=user if getattr(user, "is_authenticated", False) else None,
        **extra,
    )


def _toelichting(groep: Groep) -> str:
    data = [p.regel.datum for p in groep.posten]
    delen = [
        f"{len({p.regel.pk for p in groep.posten})} urenregel(s) van {min(data):%d-%m-%Y} "
        f"t/m {max(data):%d-%m-%Y}",
        f"{nl(groep.uren)} uur × € {nl(groep.werkpakket.tarief_per_uur)}",
        REGIE_TEKST[groep.werkpakket.regie],
        *sorted(groep.uitleg),
    ]
    return "; ".join(delen) + "."


def _bewaar_regels(factuur: Factuur, groepen: list[Groep]) -> None:
    for volgorde, groep in enumerate(groepen, start=1):
        pakket = groep.werkpakket
        regel = Factuurregel.objects.create(
            factuur=factuur,
            volgorde=volgorde,
            werkpakket=pakket,
            omschrijving=f"{pakket.titel} ({pakket.locatie.naam}): {UrenSoort(groep.soort).label}",
            regie=pakket.regie,
            uren_soort=groep.soort,
            uren=groep.uren,
            tarief=pakket.tarief_per_uur,
            bedrag=groep.bedrag,
            toelichting=_toelichting(groep),
        )
        Factuurpost.objects.bulk_create(
            Factuurpost(
                factuur=factuur,
                regel=regel,
                urenregel=p.regel,
                datum=p.regel.datum,
                werknemer_naam=p.regel.inzet.werknemer.volledige_naam,
                locatie=p.regel.inzet.dienst.locatie.naam,
                uren_soort=p.soort,
                uren=p.uren,
                aandeel=p.aandeel,
            )
            for p in groep.posten
        )


@transaction.atomic
def factuur_maken(*, user, periode_id: int, werkgever_id: int) -> tuple[Factuur, bool]:
    """Issue the employer's invoice for the period; returns (invoice, newly made).

    Idempotent: when a live invoice for this period and employer exists, that one is returned
    and nothing is made. Refused when there is nothing to bill, or when the broker's own
    identity (KvK, VAT number, IBAN) is not configured.
    """
    vereis_staff(user, "Alleen medewerkers van de makelaar maken facturen.")
    _controleer_makelaar()
    periode = Loonperiode.objects.filter(pk=periode_id).first()
    if periode is None:
        raise ApplicationError("Onbekende periode.", fields={"periode_id": ["Bestaat niet."]})
    # Locking the employer serialises two requests for the same invoice.
    werkgever = Werkgever.objects.select_for_update().filter(pk=werkgever_id).first()
    if werkgever is None:
        raise ApplicationError("Onbekende werkgever.", fields={"werkgever_id": ["Bestaat niet."]})
    bestaand = _live(periode, werkgever)
    if bestaand is not None:
        return bestaand, False
    loon.controleer_periode_voorbij(periode, handeling="factureren")
    groepen = groepen_voor(werkgever, periode)
    if not groepen:
        raise ApplicationError(
            f"Er zijn geen goedgekeurde uren van {werkgever.naam} tot en met "
            f"{periode.eind:%d-%m-%Y} die nog niet gefactureerd zijn.",
            fields={"werkgever_id": ["Niets te factureren in deze periode."]},
        )
    try:
        with transaction.atomic():
            factuur = _nieuwe_factuur(
                soort=Factuur.Soort.FACTUUR,
                werkgever=werkgever,
                periode=periode,
                user=user,
                bedrag_excl=sum((g.bedrag for g in groepen), NUL),
            )
    except IntegrityError as exc:  # a concurrent request issued it first
        raise Conflict("Deze factuur is net door een ander gemaakt; vraag hem opnieuw op.") from exc
    _bewaar_regels(factuur, groepen)
    _schrijf_bestanden(factuur)
    return factuur, True


def _live(periode: Loonperiode, werkgever: Werkgever) -> Factuur | None:
    return Factuur.objects.filter(
        periode=periode,
        werkgever=werkgever,
        soort=Factuur.Soort.FACTUUR,
        status=Factuur.Status.UITGEGEVEN,
    ).first()


def werkgevers_te_factureren(periode: Loonperiode) -> list[Werkgever]:
    """Employers with approved hours up to the period's end (candidates for an invoice)."""
    ids = set(
        Urenregel.objects.filter(status__in=GOEDGEKEURD, datum__lte=periode.eind).values_list(
            "inzet__dienst__locatie__werkgever_id", flat=True
        )
    )
    return list(Werkgever.objects.filter(pk__in=ids).order_by("naam"))


def facturen_maken_voor_periode(*, user, periode_id: int) -> list[Factuur]:
    """Every employer's invoice for the period (those with nothing to bill are skipped)."""
    vereis_staff(user, "Alleen medewerkers van de makelaar maken facturen.")
    _controleer_makelaar()
    periode = Loonperiode.objects.filter(pk=periode_id).first()
    if periode is None:
        raise ApplicationError("Onbekende periode.", fields={"periode_id": ["Bestaat niet."]})
    loon.controleer_periode_voorbij(periode, handeling="factureren")
    facturen = []
    for werkgever in werkgevers_te_factureren(periode):
        try:
            factuur, _nieuw = factuur_maken(
                user=user, periode_id=periode.pk, werkgever_id=werkgever.pk
            )
        except ApplicationError as exc:
            if exc.status_code != 400:
                raise
            continue  # nothing left to bill for this employer
        facturen.append(factuur)
    return facturen


@transaction.atomic
def factuur_crediteren(*, user, factuur_id: int, reden: str) -> Factuur:
    """Credit an issued invoice in full; its hours can then be invoiced again."""
    vereis_staff(user, "Alleen medewerkers van de makelaar maken facturen.")
    _controleer_makelaar()
    reden = (reden or "").strip()
    if not reden:
        raise ApplicationError(
            "Geef de reden van de creditering.", fields={"reden": ["Dit veld is verplicht."]}
        )
    origineel = Factuur.objects.select_for_update().filter(pk=factuur_id).first()
    if origineel is None:
        raise NotFound("Factuur niet gevonden.")
    if origineel.soort != Factuur.Soort.FACTUUR:
        raise Conflict("Een creditfactuur wordt niet zelf gecrediteerd.")
    if origineel.status != Factuur.Status.UITGEGEVEN:
        raise Conflict(f"Factuur {origineel.nummer} is al gecrediteerd.")
    credit = _nieuwe_factuur(
        soort=Factuur.Soort.CREDIT,
        werkgever=origineel.werkgever,
        periode=origineel.periode,
        user=user,
        bedrag_excl=-origineel.bedrag_excl,
        crediteert=origineel,
        reden=reden,
    )
    _kopieer_negatief(origineel, credit)
    origineel.status = Factuur.Status.GECREDITEERD
    origineel.save(update_fields=["status", "updated_at"])
    _schrijf_bestanden(credit)
    return credit


def _kopieer_negatief(origineel: Factuur, credit: Factuur) -> None:
    for regel in origineel.regels.prefetch_related("posten"):
        nieuw = Factuurregel.objects.create(
            factuur=credit,
            volgorde=regel.volgorde,
            werkpakket_id=regel.werkpakket_id,
            omschrijving=regel.omschrijving,
            regie=regel.regie,
            uren_soort=regel.uren_soort,
            uren=-regel.uren,
            tarief=regel.tarief,
            bedrag=-regel.bedrag,
            toelichting=f"Creditering van factuur {origineel.nummer}. {regel.toelichting}",
        )
        Factuurpost.objects.bulk_create(
            Factuurpost(
                factuur=credit,
                regel=nieuw,
                urenregel_id=p.urenregel_id,
                datum=p.datum,
                werknemer_naam=p.werknemer_naam,
                locatie=p.locatie,
                uren_soort=p.uren_soort,
                uren=-p.uren,
                aandeel=p.aandeel,
            )
            for p in regel.posten.all()
        )


# --- files ----------------------------------------------------------------------------------


def bestand_pad(factuur: Factuur, soort: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "facturen" / str(factuur.jaar) / f"{factuur.nummer}.{soort}"


def _schrijf_bestanden(factuur: Factuur) -> None:
    """Render and write the XLSX and PDF; on any failure remove what this call wrote.

    The file names carry the number, which a rolled-back transaction hands out again, so a
    file left by a caller's later rollback is overwritten (atomically) by the next issue.
    """
    from coop.exports import factuur_pdf, factuur_xlsx
    from coop.exports.factuur_data import factuur_weergave

    weergave = factuur_weergave(factuur)
    geschreven: list[Path] = []
    bestanden = {}
    try:
        for soort, render in (("xlsx", factuur_xlsx.render), ("pdf", factuur_pdf.render)):
            data = render(weergave)
            pad = bestand_pad(factuur, soort)
            schrijf_atomair(pad, data)
            geschreven.append(pad)
            bestanden[soort] = {
                "pad": str(pad.relative_to(settings.MEDIA_ROOT)),
                "sha256": hashlib.sha256(data).hexdigest(),
                "grootte": len(data),
            }
        # The only write to the invoice row after creation: where its files are.
        Factuur.objects.filter(pk=factuur.pk).update(bestanden=bestanden)
        factuur.bestanden = bestanden
    except BaseException:
        for pad in geschreven:
            pad.unlink(missing_ok=True)
        raise


class BestandBeschadigd(ApplicationError):
    status_code = 500


def factuur_bestand(factuur: Factuur, soort: str) -> bytes:
    """The invoice file's bytes, after checking them against the recorded SHA-256."""
    gegevens = factuur.bestanden.get(soort)
    if gegevens is None:
        raise NotFound("Dit bestand is er niet.")
    pad = Path(settings.MEDIA_ROOT) / gegevens["pad"]
    try:
        data = pad.read_bytes()
    except FileNotFoundError as exc:
        raise BestandBeschadigd("Het bestand van deze factuur ontbreekt.") from exc
    if hashlib.sha256(data).hexdigest() != gegevens["sha256"]:
        raise BestandBeschadigd("Het bestand van deze factuur is gewijzigd en wordt niet getoond.")
    return data
