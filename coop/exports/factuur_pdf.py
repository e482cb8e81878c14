"""The invoice as PDF: coop/templates/coop/factuur.html through the contracten PDF renderer."""

from __future__ import annotations

import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from contracten.pdf import OntbrekendTeken, Voettekst, controleer_tekens, html_naar_pdf
from coop.core.exceptions import ApplicationError
from coop.exports.factuur_data import Factuurweergave


def _nl(bedrag: Decimal) -> str:
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _context(f: Factuurweergave) -> dict:
    return {
        "f": f,
        "regels": [
            {
                "volgorde": r.volgorde,
                "omschrijving": r.omschrijving,
                "uren": _nl(r.uren),
                "tarief": _nl(r.tarief),
                "bedrag": _nl(r.bedrag),
                "toelichting": r.toelichting,
            }
            for r in f.regels
        ],
        "posten": [
            {
                "regel": p.regel,
                "datum": p.datum,
                "werknemer": p.werknemer,
                "locatie": p.locatie,
                "uren": _nl(p.uren),
            }
            for p in f.posten
        ],
        "per_regie": [(soort, _nl(bedrag)) for soort, bedrag in f.per_regie()],
        "bedrag_excl": _nl(f.bedrag_excl),
        "btw_procent": str(f.btw_procent).replace(".", ","),
        "btw_bedrag": _nl(f.btw_bedrag),
        "bedrag_incl": _nl(f.bedrag_incl),
    }


def render(f: Factuurweergave) -> bytes:
    """PDF bytes of the invoice, in Dutch; the same invoice gives the same bytes."""
    with translation.override("nl"):
        html = render_to_string("coop/factuur.html", _context(f))
    # fpdf2 turns a newline between two tags into an empty line.
    html = re.sub(r">\s*\n\s*<", "><", html)
    try:
        controleer_tekens(html)
    except OntbrekendTeken as exc:
        raise ApplicationError(
            f"De factuur bevat tekens die de PDF niet kan weergeven: {exc.tekens}"
        ) from exc
    return html_naar_pdf(html, Voettekst(f.titel, f.nummer, 1, f.factuurdatum))
