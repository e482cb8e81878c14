"""HTML (from a Django template) to an A4 PDF with fpdf2: pure Python, no system libraries.

The shipped DejaVu Sans (contracten/fonts/) encodes €, ë, é, ş and the rest of Latin, and
fpdf2 embeds it as a subset with a ToUnicode map, so the text can be extracted and searched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace, TextStyle

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
KOP_KLEUR = (31, 78, 61)

# fontTools logs every subset step at INFO; the project's root logger would print them all.
logging.getLogger("fontTools").setLevel(
    logging.WARNING
)  # the coop's dark green: headings and rules


class OntbrekendTeken(ValueError):
    """The text holds characters the shipped font cannot draw (they would vanish silently)."""

    def __init__(self, tekens: str) -> None:
        super().__init__(f"Tekens die het lettertype niet kent: {tekens}")
        self.tekens = tekens


@dataclass(frozen=True)
class Voettekst:
    """What every page's footer carries, so a printed page can be traced to its record."""

    titel: str
    nummer: str
    versie: int
    datum: date
    auteur: str  # the broker's name (settings.COOP_MAKELAAR), the PDF's author


class DocumentPDF(FPDF):
    def __init__(self, voettekst: Voettekst) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.voettekst = voettekst
        for style, filename in _FONT_FILES.items():
            self.add_font(FONT, style=style, fname=str(FONT_DIR / filename))
        self.set_margins(left=22, top=20, right=22)
        self.set_auto_page_break(auto=True, margin=22)
        self.alias_nb_pages()
        self.set_title(voettekst.titel)
        self.set_subject(f"{voettekst.nummer} versie {voettekst.versie}")
        self.set_author(voettekst.auteur)
        self.set_creator("coop")
        self.set_lang("nl-NL")
        # A fixed creation date keeps the bytes a pure function of the content and date.
        self.set_creation_date(_middernacht(voettekst.datum))

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        v = self.voettekst
        self.cell(0, 5, f"{v.nummer} · versie {v.versie} · {v.titel}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"pagina {self.page_no()} van {{nb}}", align="R")


def _middernacht(dag: date) -> datetime:
    return datetime(dag.year, dag.month, dag.day, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _tag_styles() -> dict[str, TextStyle | FontFace]:
    kop = dict(font_family=FONT, color=KOP_KLEUR, font_style="B")
    return {
        "h1": TextStyle(**kop, font_size_pt=17, t_margin=0, b_margin=1),
        "h2": TextStyle(**kop, font_size_pt=11.5, t_margin=4, b_margin=0),
        "h3": TextStyle(**kop, font_size_pt=10.5, t_margin=3, b_margin=0),
        "p": TextStyle(font_family=FONT, t_margin=1.5, b_margin=0),
        "li": TextStyle(font_family=FONT, l_margin=5, t_margin=1),
    }


def controleer_tekens(tekst: str) -> None:
    """Refuse text with characters outside the font: a name must never lose a letter."""
    ontbrekend = sorted(c for c in set(tekst).difference(_tekens()) if ord(c) >= 32)
    if ontbrekend:
        raise OntbrekendTeken("".join(ontbrekend))


_TEKENS: set[str] = set()


def _tekens() -> set[str]:
    """The characters the font has (read once per process)."""
    if not _TEKENS:
        with TTFont(FONT_DIR / _FONT_FILES[""]) as font:
            _TEKENS.update(chr(punt) for punt in font.getBestCmap())
    return _TEKENS


def html_naar_pdf(html: str, voettekst: Voettekst) -> bytes:
    """Render the HTML subset fpdf2 understands (h1-h3, p, b/i, ol/ul, table, br) to PDF bytes."""
    pdf = DocumentPDF(voettekst)
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    pdf.write_html(
        html,
        font_family=FONT,
        tag_styles=_tag_styles(),
        li_prefix_color=(0, 0, 0),
        table_line_separators=False,
    )
    return bytes(pdf.output())
