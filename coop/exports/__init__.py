"""Payroll export writers: the data they share, deterministic bytes and atomic files.

Every writer takes an `Exportdata` and returns bytes; equal data gives equal bytes (rows
sorted by the caller, workbook timestamps taken from the period, zip entries dated from
the period), so a rerun of an export is byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from coop.core.files import schrijf_atomair  # noqa: F401  (re-exported for the writers' callers)


@dataclass(frozen=True)
class Component:
    """One wage component as the payroll package knows it."""

    sleutel: str  # attribute of Loonstaatregel
    naam: str
    eenheid: str  # "uren" or "euro"
    nmbrs_code: str


# Default Nmbrs codes; the broker's own Nmbrs setup decides the real ones, so they can be
# overridden with settings.LOON_NMBRS_CODES = {"uren_normaal": "U2100", ...}.
_COMPONENTEN = (
    ("uren_normaal", "Gewerkte uren", "uren", "U2100"),
    ("bedrag_normaal", "Loon gewerkte uren", "euro", "L5100"),
    ("uren_doorbetaald", "Uren doorbetaald bij annulering", "uren", "U2110"),
    ("bedrag_doorbetaald", "Loon doorbetaald bij annulering", "euro", "L5110"),
    ("uren_aanvulling", "Aanvulling minimum per oproep (uren)", "uren", "U2120"),
    ("bedrag_aanvulling", "Loon aanvulling minimum per oproep", "euro", "L5120"),
    ("uren_feestdagtoeslag", "Feestdagtoeslag (uren)", "uren", "U2130"),
    ("bedrag_feestdagtoeslag", "Loon feestdagtoeslag", "euro", "L5130"),
    ("uren_ziek", "Ziekte-uren (loondoorbetaling)", "uren", "U2140"),
    ("bedrag_ziek", "Loondoorbetaling bij ziekte", "euro", "L5140"),
    ("uren_verlof", "Opgenomen verlofuren", "uren", "U2150"),
    ("bedrag_verlof", "Loon verlofuren", "euro", "L5150"),
    ("vakantiegeld", "Reservering vakantiegeld", "euro", "L5200"),
    ("vakantie_uren", "Opbouw vakantie-uren", "uren", "U3100"),
)


def componenten() -> tuple[Component, ...]:
    codes = settings.LOON_NMBRS_CODES
    return tuple(
        Component(sleutel, naam, eenheid, codes.get(sleutel, code))
        for sleutel, naam, eenheid, code in _COMPONENTEN
    )


@dataclass(frozen=True)
class Loonstaatregel:
    """One member's wage components for one employer (cost share) in one period."""

    persnr: int
    naam: str
    werkgever: str
    werkgever_kvk: str
    dagen: int
    eerste_dag: date
    laatste_dag: date
    uren_normaal: Decimal
    bedrag_normaal: Decimal
    uren_doorbetaald: Decimal
    bedrag_doorbetaald: Decimal
    uren_aanvulling: Decimal
    bedrag_aanvulling: Decimal
    vakantiegeld: Decimal
    vakantie_uren: Decimal
    # Work on public holidays: the agreed surcharge, as hours at the wage and its amount.
    uren_feestdagtoeslag: Decimal = Decimal(0)
    bedrag_feestdagtoeslag: Decimal = Decimal(0)
    # Absence: sick hours (paid at the sick-pay percentage) and leave hours taken.
    uren_ziek: Decimal = Decimal(0)
    bedrag_ziek: Decimal = Decimal(0)
    uren_verlof: Decimal = Decimal(0)
    bedrag_verlof: Decimal = Decimal(0)

    @property
    def betaalde_uren(self) -> Decimal:
        return (
            self.uren_normaal
            + self.uren_doorbetaald
            + self.uren_aanvulling
            + self.uren_ziek
            + self.uren_verlof
        )

    @property
    def bruto(self) -> Decimal:
        return (
            self.bedrag_normaal
            + self.bedrag_doorbetaald
            + self.bedrag_aanvulling
            + self.bedrag_feestdagtoeslag
            + self.bedrag_ziek
            + self.bedrag_verlof
        )


@dataclass(frozen=True)
class Exportdata:
    """Everything a writer needs; `regels` sorted by employer KvK, then member number."""

    periode_code: str
    periode_soort: str
    begin: date
    eind: date
    regels: tuple[Loonstaatregel, ...]
    # Distinct days worked per member (persnr, days): a day worked for two employers
    # counts once for payroll, though it shows on both cost shares.
    werkdagen: tuple[tuple[int, int], ...] = ()

    @property
    def moment(self) -> datetime:
        """The fixed timestamp written into files: the period's last day, midnight."""
        return datetime(self.eind.year, self.eind.month, self.eind.day)


def vaste_zip(data: bytes, moment: datetime) -> bytes:
    """Rewrite a zip (an xlsx) with every entry dated `moment`, so equal content is equal bytes."""
    uit = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as bron,
        zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel,
    ):
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o600 << 16
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()
