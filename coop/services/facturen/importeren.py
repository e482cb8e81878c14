"""Imports from Excel: work packages (staff and employers) and members (staff) — the use case.

All rows run in one transaction, each in its own savepoint: by default nothing is kept unless
every row is valid; `proef` (a dry run) always rolls back and shows what would have been made.
Every refused row is reported with its row number, column and a Dutch message. The upload
checks are in import_upload, the column catalogue in import_kolommen, the row processing in
import_rijen and the templates in import_sjabloon.

A file that is not a readable workbook is refused as a whole with a 400: too large, not an
XLSX (whatever its name), a zip that unpacks to too much, an empty sheet, missing required
columns, too many rows. Formulas are not evaluated: a cell holding one is a row error asking
for the value instead (a cached result may be stale or absent).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError, PermissionDenied
from coop.models import Importrun
from coop.services.facturen.import_kolommen import KOLOMMEN
from coop.services.facturen.import_rijen import Fout, rij_process, rijen_read
from coop.services.facturen.import_upload import Bestandsfout, werkblad_open

MAX_FOUTEN_IN_MELDING = 5


@dataclass
class Uitkomst:
    soort: str
    proef: bool
    alles_of_niets: bool
    rijen: int = 0
    aangemaakt: int = 0
    fouten: list[Fout] = field(default_factory=list)
    voorbeeld: list[dict] = field(default_factory=list)

    @property
    def geweigerd(self) -> bool:
        return bool(self.fouten) and self.alles_of_niets and not self.proef

    def _fouten(self) -> list[dict]:
        return [
            {"rij": f.rij, "kolom": f.kolom, "cel": f.cel, "melding": f.melding}
            for f in self.fouten
        ]

    def samenvatting(self) -> str:
        eerste = "; ".join(
            f"rij {f.rij}{', ' + f.kolom if f.kolom else ''}: {f.melding}"
            for f in self.fouten[:MAX_FOUTEN_IN_MELDING]
        )
        meer = len(self.fouten) - MAX_FOUTEN_IN_MELDING
        return eerste + (f" (en nog {meer} fouten)" if meer > 0 else "")

    def als_fout(self) -> dict:
        return {
            "detail": f"Niets geïmporteerd: {len(self.fouten)} fout(en) in het bestand. "
            + self.samenvatting(),
            "fields": {
                f"rij {f.rij}" + (f" ({f.cel})" if f.cel else ""): [f.melding] for f in self.fouten
            },
            "fouten": self._fouten(),
        }

    def als_dict(self) -> dict:
        return {
            "soort": self.soort,
            "proef": self.proef,
            "alles_of_niets": self.alles_of_niets,
            "rijen": self.rijen,
            "aangemaakt": self.aangemaakt,
            "fouten": self._fouten(),
            "voorbeeld": self.voorbeeld,
        }


def _mag(user, soort: str) -> None:
    if soort not in KOLOMMEN:
        raise ApplicationError(
            "Onbekende soort import.", fields={"soort": ["Kies werkpakketten of werknemers."]}
        )
    if is_staff(user):
        return
    if soort == "werkpakketten" and actor_van(user).werkgever_id is not None:
        return
    raise PermissionDenied(
        "Alleen medewerkers van de makelaar importeren werknemers."
        if soort == "werknemers"
        else "Alleen werkgevers en medewerkers van de makelaar importeren werkpakketten."
    )


def import_run(
    *,
    user,
    soort: str,
    bestandsnaam: str,
    inhoud: bytes,
    proef: bool = False,
    alles_of_niets: bool = True,
) -> Uitkomst:
    """Import the workbook's rows; all or nothing unless `alles_of_niets` is False.

    Raises Bestandsfout (400) for a file that cannot be read at all; row errors are in the
    result. Every run is recorded as an Importrun.
    """
    _mag(user, soort)
    uitkomst = Uitkomst(soort, proef, alles_of_niets)
    try:
        rijen, uitkomst.fouten = rijen_read(werkblad_open(inhoud, soort), KOLOMMEN[soort])
    except Bestandsfout as exc:
        _vastleggen(user, uitkomst, bestandsnaam, inhoud, exc.message)
        raise
    uitkomst.rijen = len(rijen)
    met_celfout = {f.rij for f in uitkomst.fouten}
    with transaction.atomic():
        for rij in rijen:
            if rij.nummer in met_celfout:
                continue
            gemaakt, fouten = rij_process(user, soort, rij)
            uitkomst.fouten.extend(fouten)
            if gemaakt is not None:
                uitkomst.voorbeeld.append(gemaakt)
        uitkomst.fouten.sort(key=lambda f: (f.rij, f.cel))
        if proef or uitkomst.geweigerd:
            transaction.set_rollback(True)
        else:
            uitkomst.aangemaakt = len(uitkomst.voorbeeld)
    _vastleggen(user, uitkomst, bestandsnaam, inhoud)
    return uitkomst


def _vastleggen(user, uitkomst: Uitkomst, naam: str, inhoud: bytes, melding: str = "") -> None:
    if melding or uitkomst.geweigerd:
        resultaat = Importrun.Uitkomst.GEWEIGERD
    elif uitkomst.proef:
        resultaat = Importrun.Uitkomst.PROEF
    else:
        resultaat = Importrun.Uitkomst.GEIMPORTEERD
    Importrun.objects.create(
        soort=uitkomst.soort,
        user=user if getattr(user, "is_authenticated", False) else None,
        bestandsnaam=(naam or "")[:255],
        sha256=hashlib.sha256(inhoud).hexdigest(),
        proef=uitkomst.proef,
        alles_of_niets=uitkomst.alles_of_niets,
        uitkomst=resultaat,
        rijen=uitkomst.rijen,
        aangemaakt=uitkomst.aangemaakt,
        melding=melding or uitkomst.samenvatting(),
        fouten=uitkomst._fouten(),
    )
