"""The neighbourhood-economy report as a workbook with charts.

Sheets 'Wijken', 'Werkgevers' and 'SROI' are plain tables (header on row 1, one row per wijk
or employer, no totals row, so they read back as they are); 'Totaal' has the whole, and
'Toelichting' the definitions and notes. Charts sit next to the tables.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from coop.services.facturen.rapport import Rapport

EURO = '"€" #,##0.00'
UREN = "#,##0.00"
PROCENT = "0.0%"
KOP_FONT = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E3D")

WIJK_KOLOMMEN = (
    ("Wijk", None),
    ("Uren", UREN),
    ("Uren door bewoners", UREN),
    ("Uren door anderen", UREN),
    ("Aandeel bewoners", PROCENT),
    ("Loon", EURO),
    ("Geld in de wijk", EURO),
    ("Aandeel geld in de wijk", PROCENT),
    ("Loon naar bewoners (overal)", EURO),
    ("Leden aan het werk", "0"),
    ("Bewoners met werk", "0"),
    ("Vaste uren", UREN),
    ("Incidentele uren", UREN),
)
WERKGEVER_KOLOMMEN = (
    ("Werkgever", None),
    ("Uren", UREN),
    ("Loon", EURO),
    ("Uren door bewoners van de wijk", UREN),
    ("Aandeel bewoners", PROCENT),
    ("Leden aan het werk", "0"),
    ("Vaste uren", UREN),
    ("Incidentele uren", UREN),
    ("SROI-uren", UREN),
    ("SROI-waarde", EURO),
)
SROI_KOLOMMEN = (("Werkgever", None), ("Doelgroep", None), ("Uren", UREN), ("Waarde", EURO))


def _tabel(ws, kolommen, rijen) -> None:
    ws.append([k for k, _f in kolommen])
    for cel in ws[1]:
        cel.font, cel.fill = KOP_FONT, KOP_VULLING
    for rij in rijen:
        ws.append(list(rij))
    for i, (kop, formaat) in enumerate(kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(kop) + 2)
        if formaat:
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.number_format = formaat
    ws.freeze_panes = "A2"


def _grafiek(ws, titel: str, kolommen: list[int], anker: str, *, gestapeld: bool, as_y: str):
    n = ws.max_row
    chart = BarChart()
    chart.type = "col"
    chart.title = titel
    chart.y_axis.title = as_y
    if gestapeld:
        chart.grouping, chart.overlap = "stacked", 100
    for kolom in kolommen:
        chart.add_data(Reference(ws, min_col=kolom, min_row=1, max_row=n), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, anker)


def _wijken(ws, rapport: Rapport) -> None:
    _tabel(
        ws,
        WIJK_KOLOMMEN,
        (
            (
                c.naam,
                c.uren,
                c.uren_door_bewoners,
                c.uren - c.uren_door_bewoners,
                c.aandeel_bewoners,
                c.loon,
                c.geld_in_wijk,
                c.aandeel_geld_in_wijk,
                c.loon_naar_bewoners,
                len(c.leden),
                len(c.bewoners_met_werk),
                c.vast_uren,
                c.incidenteel_uren,
            )
            for c in rapport.wijken
        ),
    )
    _grafiek(ws, "Uren per wijk: bewoners en anderen", [3, 4], "O2", gestapeld=True, as_y="uren")
    _grafiek(ws, "Loon en geld dat in de wijk blijft", [6, 7], "O22", gestapeld=False, as_y="€")


def _werkgevers(ws, rapport: Rapport) -> None:
    _tabel(
        ws,
        WERKGEVER_KOLOMMEN,
        (
            (
                c.naam,
                c.uren,
                c.loon,
                c.uren_door_bewoners,
                c.aandeel_bewoners,
                len(c.leden),
                c.vast_uren,
                c.incidenteel_uren,
                c.sroi_uren,
                c.sroi_waarde,
            )
            for c in rapport.werkgevers
        ),
    )
    _grafiek(ws, "Vaste en incidentele uren", [7, 8], "L2", gestapeld=True, as_y="uren")
    _grafiek(ws, "SROI-waarde per werkgever", [10], "L22", gestapeld=False, as_y="€")


def _sroi(ws, rapport: Rapport) -> None:
    from werknemers.models import Werknemer

    _tabel(
        ws,
        SROI_KOLOMMEN,
        (
            (c.naam, str(Werknemer.Doelgroep(groep).label), cijfers["uren"], cijfers["waarde"])
            for c in rapport.werkgevers
            for groep, cijfers in sorted(c.sroi_per_doelgroep.items())
        ),
    )


def _totaal(ws, rapport: Rapport) -> None:
    t = rapport.totaal
    rijen = [
        ("Periode", f"{rapport.van:%d-%m-%Y} t/m {rapport.tot:%d-%m-%Y}", None),
        ("Alleen werk van", rapport.alleen_werkgever or "alle werkgevers", None),
        ("Uren", t.uren, UREN),
        ("Loon", t.loon, EURO),
        ("Uren door bewoners van de wijk", t.uren_door_bewoners, UREN),
        ("Aandeel bewoners", t.aandeel_bewoners, PROCENT),
        ("Geld in de wijk", t.geld_in_wijk, EURO),
        ("Leden aan het werk", len(t.leden), "0"),
        ("Bewoners met werk", len(t.bewoners_met_werk), "0"),
        ("Vaste uren", t.vast_uren, UREN),
        ("Incidentele uren", t.incidenteel_uren, UREN),
        ("SROI-uren", t.sroi_uren, UREN),
        ("SROI-waarde", t.sroi_waarde, EURO),
    ]
    for kop, waarde, formaat in rijen:
        ws.append([kop, waarde])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        if formaat:
            ws.cell(ws.max_row, 2).number_format = formaat
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 28


TOELICHTING = (
    "Uren: gewerkte uren van goedgekeurde of vastgestelde urenregels, per werkdag.",
    "Loon: bruto loon voor de betaalde uren (uurloon op de werkdag), zonder vakantiegeld.",
    "Wijk: waar het werk is gedaan. Bewoner: een lid dat in die wijk woont.",
    "Aandeel bewoners: deel van de uren in de wijk gewerkt door bewoners van die wijk.",
    "Geld in de wijk: loon voor werk in de wijk dat naar bewoners van die wijk ging.",
    "Loon naar bewoners (overal): al het loon dat bewoners van de wijk verdienden.",
    "SROI-waarde: uren van leden in een doelgroep (met hun toestemming vastgelegd) maal de "
    "waarde per voltijdjaar volgens het SROI-model, gedeeld door de voltijduren per jaar.",
)


def _toelichting(ws, rapport: Rapport) -> None:
    m = rapport.model
    ws.append(["Definities"])
    for regel in TOELICHTING:
        ws.append([regel])
    ws.append([])
    ws.append([f"SROI-model: {m.naam}; bron: {m.bron}; voltijd {m.jaaruren} uur per jaar."])
    for groep, waarde in sorted(m.waarden.items()):
        ws.append([f"  {groep}: € {waarde} per voltijdjaar"])
    ws.append(
        [
            f"  Toeslagen per jaar: 50+ € {m.bonus_50plus}, statushouder € "
            f"{m.bonus_statushouder}, vaste baan € {m.bonus_vast_contract}"
        ]
    )
    if rapport.meldingen:
        ws.append([])
        ws.append(["Meldingen"])
        for melding in rapport.meldingen:
            ws.append([melding])
    ws.column_dimensions["A"].width = 120
    ws["A1"].font = Font(bold=True)


def render(rapport: Rapport) -> bytes:
    wb = Workbook()
    totaal = wb.active
    totaal.title = "Totaal"
    _totaal(totaal, rapport)
    _wijken(wb.create_sheet("Wijken"), rapport)
    _werkgevers(wb.create_sheet("Werkgevers"), rapport)
    _sroi(wb.create_sheet("SROI"), rapport)
    _toelichting(wb.create_sheet("Toelichting"), rapport)
    wb.properties.creator = "coop"
    wb.properties.title = f"Buurteconomie {rapport.van:%d-%m-%Y} t/m {rapport.tot:%d-%m-%Y}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
