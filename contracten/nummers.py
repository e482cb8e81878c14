"""Document numbers (OPR-2026-000123): unique per kind and year, drawn without a queue.

Which series are gapless, and why:

* **Document numbers** (AOK, OOK, OPR, ANN, AVU, AZG) are *unique and increasing* per kind
  and year, **not gapless** on PostgreSQL. Each kind and year is a PostgreSQL sequence:
  `nextval` takes no lock that lasts until commit, so simultaneous acceptances never wait
  for one another's number. A number drawn by a transaction that then rolls back (a
  document refused after its number was drawn) is not used again, which leaves a hole.
  No rule asks for consecutive numbers on contracts, calls or cancellations (7:655 and
  7:628a BW ask for the content in writing, not for a numbering); the number is the
  reference member, employer and staff quote. An acceptance refused because the place
  was taken (409) is refused before any number is drawn, so lost races leave no holes.
* **Invoice numbers** (F2026-00001, coop/services/facturen.py) stay **gapless**: the VAT
  act asks for a unique sequential number (Wet OB art. 35a lid 1, see contracten/BRONNEN.md),
  so their counter row stays locked until the invoice commits (a rollback returns the
  number). Invoices are issued per period by staff, never in a burst.

On SQLite (development, the test suite) one transaction writes at a time anyway: the
counter row `Nummerreeks` is locked until commit, and those numbers happen to be gapless.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connection, connections, transaction

from contracten.models import Nummerreeks
from contracten.models.documenten import NUMMER_PREFIX, DocumentSoort

logger = logging.getLogger(__name__)

SEQUENCE_VOORVOEGSEL = "documentnummer_"

_bestaand: set[tuple[str, str]] = set()  # (database, sequence) known to exist in this process
_aanmaken = threading.Lock()


def volgend_nummer(soort: str, jaar: int) -> str:
    """The next number of the kind in `jaar`, e.g. "OPR-2026-000124"."""
    prefix = NUMMER_PREFIX[DocumentSoort(soort)]
    if connection.vendor == "postgresql":
        volgnummer = _uit_sequence(prefix, jaar)
    else:
        volgnummer = _uit_teller(prefix, jaar)
    return f"{prefix}-{jaar}-{volgnummer:06d}"


def sequence_naam(prefix: str, jaar: int) -> str:
    return f"{SEQUENCE_VOORVOEGSEL}{prefix.lower()}_{int(jaar)}"


def _uit_teller(prefix: str, jaar: int) -> int:
    Nummerreeks.objects.get_or_create(prefix=prefix, jaar=jaar)
    reeks = Nummerreeks.objects.select_for_update().get(prefix=prefix, jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste", "updated_at"])
    return reeks.laatste


def _uit_sequence(prefix: str, jaar: int) -> int:
    naam = sequence_naam(prefix, jaar)
    sleutel = (str(connection.settings_dict.get("NAME")), naam)
    if sleutel not in _bestaand:
        _zorg_voor_sequence(prefix, jaar, naam)
        _bestaand.add(sleutel)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [naam])
        return int(cursor.fetchone()[0])


def _zorg_voor_sequence(prefix: str, jaar: int, naam: str) -> None:
    """Create the year's sequence once, outside the caller's transaction.

    Created in the caller's transaction it would hold a catalogue lock until that commits
    (and vanish with a rollback); a second connection in autocommit creates it for good.
    The caller's connection does not look the name up first: a miss would stay in its
    catalogue cache for the rest of its transaction. The sequence starts after the last
    number the counter row recorded (numbers issued before the sequences existed).
    """
    with _aanmaken:
        apart = connections.create_connection(connection.alias)
        try:
            with apart.cursor() as cursor:
                cursor.execute("SELECT to_regclass(%s)", [naam])
                if cursor.fetchone()[0] is not None:
                    return
                cursor.execute(
                    "SELECT laatste FROM contracten_nummerreeks WHERE prefix = %s AND jaar = %s",
                    [prefix, jaar],
                )
                rij = cursor.fetchone()
                start = (rij[0] if rij else 0) + 1
                try:
                    cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {naam} START WITH {int(start)}")
                except DatabaseError:
                    # Another process created it at the same moment: it exists now.
                    logger.info("sequence %s werd tegelijk elders aangemaakt", naam)
        finally:
            apart.close()


def sequences_terugzetten() -> None:
    """Every document sequence back to its first number (tests: each starts on a fresh
    database's numbers, as Django resets the tables' own sequences)."""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() "
            "AND sequencename LIKE %s",
            [f"{SEQUENCE_VOORVOEGSEL}%"],
        )
        for (naam,) in cursor.fetchall():
            cursor.execute("SELECT setval(%s, 1, false)", [naam])
