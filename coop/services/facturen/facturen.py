"""Invoices to employers: approved hours times the client tariff, with VAT and the lines that
explain each amount, as XLSX and PDF — issuing and crediting.

What is billed and how a line is attributed to work packages is in factuurregels; the files
in factuurbestanden.

Rules:
* Amounts (the one rounding rule, contracten.regels.geld): hours x tariff rounded half-up
  to the cent once per invoice line; the total is the sum of the lines; VAT is the dated
  rate (contracten.tabellen.BTW_TARIEF) on that total, rounded once.
* Each line says whether the broker directed the work or placed workers under the client's
  direction (contracten/BRONNEN.md §8); the invoice shows the subtotal of each.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from contracten.feiten import GeenRegelVoorDatum
from contracten.gegevens import vastleggen as gegevens_vastleggen
from contracten.regels.geld import cent
from contracten.tabellen import BTW_TARIEF
from coop.checks import makelaar_gebreken
from coop.core.auth import vereis_staff
from coop.core.exceptions import ApplicationError, Conflict, NotFound
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
from coop.services.facturen.factuurbestanden import factuurbestanden_write
from coop.services.facturen.factuurregels import GOEDGEKEURD, NUL, Groep, groepen_voor, nl
from coop.services.uren import loonperioden
from werkgevers.models import Werkgever

REGIE_TEKST = {
    Werkpakket.Regie.MAKELAAR: "Aanneming van werk: de makelaar stuurt het werk aan",
    Werkpakket.Regie.OPDRACHTGEVER: (
        "Terbeschikkingstelling van arbeidskrachten: werk onder leiding van de opdrachtgever"
    ),
}


def _controleer_makelaar() -> None:
    """A Dutch invoice names the broker's KvK number, VAT number and IBAN: refuse before
    anything is drawn or written when one is missing (or invalid)."""
    gebreken = makelaar_gebreken()
    if gebreken:
        raise Conflict(
            "Er kan geen factuur worden uitgegeven: " + "; ".join(gebreken) + ". "
            "Vraag de beheerder de instelling te zetten."
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
        vervaldatum=vandaag + timedelta(days=settings.FACTUUR_BETAALTERMIJN),
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
def factuur_create(*, user, periode_id: int, werkgever_id: int) -> tuple[Factuur, bool]:
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
    loonperioden.controleer_periode_voorbij(periode, handeling="factureren")
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
    factuurbestanden_write(factuur)
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
        Urenregel.objects.filter(status__in=GOEDGEKEURD, datum__lte=periode.eind)
        .exclude(soort__in=(Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF))
        .values_list("inzet__dienst__locatie__werkgever_id", flat=True)
    )
    return list(Werkgever.objects.filter(pk__in=ids).order_by("naam"))


def facturen_create_voor_periode(*, user, periode_id: int) -> list[Factuur]:
    """Every employer's invoice for the period (those with nothing to bill are skipped)."""
    vereis_staff(user, "Alleen medewerkers van de makelaar maken facturen.")
    _controleer_makelaar()
    periode = Loonperiode.objects.filter(pk=periode_id).first()
    if periode is None:
        raise ApplicationError("Onbekende periode.", fields={"periode_id": ["Bestaat niet."]})
    loonperioden.controleer_periode_voorbij(periode, handeling="factureren")
    facturen = []
    for werkgever in werkgevers_te_factureren(periode):
        try:
            factuur, _nieuw = factuur_create(
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
    factuurbestanden_write(credit)
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
