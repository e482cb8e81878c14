"""A plain CSV for other payroll packages (AFAS-style): ';' separated, one row per member,
cost share (employer KvK number) and wage component; decimal comma, as Dutch packages and
spreadsheets read it. Zero components are left out."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from coop.exports import Exportdata, componenten

KOPPEN = ("Periode", "Persnr", "Naam", "Kostenplaats", "Looncomponent", "Code", "Eenheid", "Waarde")


def _getal(waarde: Decimal) -> str:
    return f"{waarde:.2f}".replace(".", ",")


def render(data: Exportdata) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOPPEN)
    for regel in sorted(data.regels, key=lambda r: (r.persnr, r.werkgever_kvk)):
        for c in componenten():
            waarde = getattr(regel, c.sleutel)
            if waarde:
                schrijver.writerow(
                    (
                        data.periode_code,
                        regel.persnr,
                        regel.naam,
                        regel.werkgever_kvk,
                        c.naam,
                        c.nmbrs_code,
                        c.eenheid,
                        _getal(waarde),
                    )
                )
    return uit.getvalue().encode("utf-8")
