"""Nmbrs (Visma) import of variable wage components (Nmbrs support 204052946).

Layout and sources: contracten/BRONNEN.md §9.

Row 1: Debiteurnr, Bedrijfnr, Persnr, Naam (informative), Periode ('2026-10'), Dagen,
DagenVoorLC, then one column per component; row 2: each component's code; values from
row 3, hours as decimals (2:30 is 2.5). One row per member: the cost shares of several
employers are added up, Nmbrs pays the person. Persnr is the member's number in coop
(Werknemer id) until the registry holds a payroll personnel number.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Font

from coop.exports import Exportdata, Loonstaatregel, componenten
from coop.exports.xlsx import opslaan

VASTE_KOPPEN = ("Debiteurnr", "Bedrijfnr", "Persnr", "Naam", "Periode", "Dagen", "DagenVoorLC")


def per_werknemer(data: Exportdata) -> list[tuple[int, str, int, dict[str, Decimal]]]:
    """(persnr, name, days, {component: value}) per member, sorted by persnr."""
    regels = sorted(data.regels, key=lambda r: r.persnr)
    werkdagen = dict(data.werkdagen)
    uit = []
    for persnr, groep in groupby(regels, key=lambda r: r.persnr):
        groep_l: list[Loonstaatregel] = list(groep)
        waarden = {
            c.sleutel: sum((getattr(r, c.sleutel) for r in groep_l), Decimal(0))
            for c in componenten()
        }
        dagen = werkdagen.get(persnr, sum(r.dagen for r in groep_l))
        uit.append((persnr, groep_l[0].naam, dagen, waarden))
    return uit


def render(data: Exportdata) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Variabele looncomponenten"
    comps = componenten()
    ws.append(list(VASTE_KOPPEN) + [c.naam for c in comps])
    ws.append([None] * len(VASTE_KOPPEN) + [c.nmbrs_code for c in comps])
    for cel in (*ws[1], *ws[2]):
        cel.font = Font(bold=True)
    debiteur = settings.NMBRS_DEBITEURNR
    bedrijf = settings.NMBRS_BEDRIJFNR
    for persnr, naam, dagen, waarden in per_werknemer(data):
        ws.append(
            [debiteur, bedrijf, persnr, naam, data.periode_code, dagen, dagen]
            + [waarden[c.sleutel] for c in comps]
        )
    for rij in ws.iter_rows(min_row=3, min_col=len(VASTE_KOPPEN) + 1):
        for cel in rij:
            cel.number_format = "0.00"
    ws.freeze_panes = "A3"
    wb.properties.creator = wb.properties.lastModifiedBy = "coop"
    wb.properties.created = wb.properties.modified = data.moment
    return opslaan(wb, data)
