"""Issuing documents: validate the context, record the snapshot, store the PDF by hash.

One module on purpose: issuing, replacing and reading a document share the hash-and-store
invariant, which is easiest to keep when it is written in one place.

A document is written once. Issuing fixes its number and the snapshot of facts it states
in the caller's transaction; the PDF is rendered from that snapshot after the commit
(contracten/weergave.py). The file is named by its SHA-256 and written atomically (temp
file in the same directory, fsync, os.replace); the row records the hash, and every read
checks it. A change is a new version (`document_vervang`), never an overwrite.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pydantic import ValidationError

from contracten import gegevens, nummers, weergave
from contracten.contexten import DocumentContext, DocumentKop, WerknemerGegevens
from contracten.feiten import GeenRegelVoorDatum
from contracten.models import Document
from contracten.models.documenten import SOORTEN_VOOR_WERKGEVER
from contracten.pdf import OntbrekendTeken, Voettekst, controleer_tekens, html_naar_pdf
from contracten.regels import RegelFout, minimumloon_per_uur
from contracten.schemas import CONTEXTEN
from coop.core import files as bestanden
from coop.core.exceptions import ApplicationError, Conflict
from coop.core.models import audit

logger = logging.getLogger(__name__)

DOCUMENT_MAP = "documenten"


class DocumentBeschadigd(ApplicationError):
    """The stored file is missing or its hash no longer matches: never serve it."""

    status_code = 500


# --- Context ----------------------------------------------------------------------------


def valideer_context(soort: str, context: dict[str, Any]) -> DocumentContext:
    """Validate a context dict for `soort`; bad input is a 400 naming each field."""
    if soort not in CONTEXTEN:
        raise ApplicationError(
            _("Onbekende soort document."), fields={"soort": [_("Kies een bestaande soort.")]}
        )
    try:
        return CONTEXTEN[soort].model_validate(context)
    except ValidationError as exc:
        fields = _velden(exc)
        samenvatting = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
        raise ApplicationError(
            _("Ongeldige gegevens voor het document. %(fouten)s") % {"fouten": samenvatting},
            fields=fields,
        ) from exc


def _velden(exc: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in exc.errors():
        naam = ".".join(["context", *(str(p) for p in err["loc"])])
        fields.setdefault(naam, []).append(_melding(err))
    return fields


_MELDINGEN = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld is niet toegestaan.",
    "date_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_type": "Vul een datum in als JJJJ-MM-DD.",
    "datetime_parsing": "Vul datum en tijd in als JJJJ-MM-DDTUU:MM.",
    "datetime_from_date_parsing": "Vul datum en tijd in als JJJJ-MM-DDTUU:MM.",
    "time_parsing": "Vul een tijd in als UU:MM.",
    "decimal_parsing": "Vul een getal in.",
    "decimal_type": "Vul een getal in.",
    "decimal_max_places": "Gebruik ten hoogste twee decimalen.",
    "decimal_max_digits": "Dit getal is te groot.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "bool_parsing": "Vul ja of nee in (true/false).",
    "string_type": "Vul tekst in.",
    "string_too_short": "Dit veld is verplicht.",
    "string_too_long": "Deze tekst is te lang.",
    "literal_error": "Kies een van de toegestane waarden.",
    "list_type": "Vul een lijst in.",
    "too_short": "Vul ten minste één regel in.",
    "model_type": "De inhoud heeft niet de verwachte vorm.",
    "dict_type": "De inhoud heeft niet de verwachte vorm.",
}


def _melding(err: dict) -> str:
    soort = err.get("type", "")
    if soort == "value_error":
        return str(err.get("ctx", {}).get("error", "Ongeldige waarde."))
    if soort.startswith(("greater_than", "less_than")):
        return "De waarde valt buiten het toegestane bereik."
    return _MELDINGEN.get(soort, "Ongeldige waarde.")


def controleer_minimumloon(context: DocumentContext, werknemer) -> None:
    """Refuse a document that states an hourly wage below the member's statutory minimum.

    Each wage is checked on the first day the document says it applies (the issuing
    services check every day of a term); a day no table covers is not checked here.
    """
    for dag, uurloon in context.gestelde_lonen():
        try:
            minimum = minimumloon_per_uur(werknemer.geboortedatum, dag)
        except (GeenRegelVoorDatum, RegelFout):
            continue
        if uurloon < minimum:
            melding = _(
                "Het document noemt een uurloon van € %(loon)s vanaf %(dag)s; het wettelijk "
                "minimumloon is dan € %(minimum)s. Er is niets uitgegeven."
            ) % {"loon": uurloon, "dag": f"{dag:%d-%m-%Y}", "minimum": minimum}
            raise Conflict(melding, fields={"uurloon": [melding]})


def werknemer_gegevens(werknemer, *, met_adres: bool) -> WerknemerGegevens:
    """The member as the document names them; calls an employer sees carry only the name."""
    if not met_adres:
        return WerknemerGegevens(naam=werknemer.volledige_naam)
    return WerknemerGegevens(
        naam=werknemer.volledige_naam,
        adres=werknemer.adresregel,
        geboortedatum=werknemer.geboortedatum,
    )


# --- Rendering --------------------------------------------------------------------------


def render_pdf(soort: str, context: DocumentContext) -> bytes:
    """Render the kind's template with the validated context to PDF bytes (in Dutch)."""
    html = render_html(soort, context)
    kop = context.document
    return html_naar_pdf(
        html,
        Voettekst(kop.titel, kop.nummer, kop.versie, kop.datum, settings.COOP_MAKELAAR["naam"]),
    )


def render_html(soort: str, context: DocumentContext) -> str:
    """The document's text as the PDF will show it; refuses characters the font lacks."""
    with translation.override("nl"):
        html = nummer_artikelen(
            _zonder_regelwit(
                render_to_string(f"contracten/{soort}.html", context.template_context())
            )
        )
    _eis_toonbaar(html)
    return html


def controleer_feiten(gegevens: dict[str, Any]) -> None:
    """Refuse a snapshot whose facts (names, addresses, places, clauses) hold characters the
    font lacks, inside the deciding transaction: a name must never lose a letter, and the
    render after the commit must not be the first to find out. The templates' own text is
    the project's and is rendered by the tests; only the facts vary per document, so the
    check reads them (the snapshot as stored) rather than rendering the whole text on the
    request path."""
    _eis_toonbaar("".join(_teksten(gegevens)))


def _teksten(waarde: Any):
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for sub in waarde.values():
            yield from _teksten(sub)
    elif isinstance(waarde, list | tuple):
        for sub in waarde:
            yield from _teksten(sub)


def _eis_toonbaar(tekst: str) -> None:
    try:
        controleer_tekens(tekst)
    except OntbrekendTeken as exc:
        raise ApplicationError(
            _("De tekst bevat tekens die het document niet kan weergeven: %(tekens)s")
            % {"tekens": exc.tekens},
            fields={"context": [_("Onbekende tekens: %(tekens)s") % {"tekens": exc.tekens}]},
        ) from exc


def _zonder_regelwit(html: str) -> str:
    # fpdf2 turns the newline between two block tags into an empty line; templates may be
    # laid out freely, so drop whitespace runs with a newline that sit between tags.
    return re.sub(r">\s*\n\s*<", "><", html)


def nummer_artikelen(html: str) -> str:
    """Number "Artikel [nr]" headings 1, 2, 3... so templates may leave articles out."""
    teller = itertools.count(1)
    return re.sub(r"Artikel \[nr\]", lambda _m: f"Artikel {next(teller)}", html)


# --- Storage ----------------------------------------------------------------------------


def _map() -> Path:
    return Path(settings.MEDIA_ROOT) / DOCUMENT_MAP


def bestand_pad(document: Document) -> Path:
    return Path(settings.MEDIA_ROOT) / document.bestand


def relatief_pad(sha256: str) -> str:
    # Two-character fan-out keeps directories small; the name is the content hash.
    return f"{DOCUMENT_MAP}/{sha256[:2]}/{sha256}.pdf"


def schrijf_atomair(pad: Path, data: bytes) -> bool:
    """Write `data` to `pad` so a reader sees the whole file or none; True if it is new."""
    if pad.exists():
        return False
    bestanden.schrijf_atomair(pad, data)
    return True


def document_inhoud(document: Document) -> bytes:
    """The document's bytes, after checking them against the recorded SHA-256.

    A document whose PDF the worker has not made yet is rendered here, once (the render
    locks the document row: a worker busy with it is waited for, not repeated).
    """
    if not document.sha256:
        weergave.op_verzoek(document)
    try:
        data = bestand_pad(document).read_bytes()
    except FileNotFoundError as exc:
        logger.error("document %s: bestand %s ontbreekt", document.pk, document.bestand)
        raise DocumentBeschadigd(_("Het bestand van dit document ontbreekt.")) from exc
    if hashlib.sha256(data).hexdigest() != document.sha256:
        logger.error("document %s: SHA-256 klopt niet voor %s", document.pk, document.bestand)
        raise DocumentBeschadigd(
            _("Het bestand van dit document is gewijzigd of beschadigd en wordt niet getoond.")
        )
    return data


# --- Issuing ----------------------------------------------------------------------------


def _volgend_nummer(soort: str, jaar: int) -> str:
    """Draw the next number for the kind and year (contracten/nummers.py: not gapless)."""
    return nummers.volgend_nummer(soort, jaar)


def _controleer_partijen(*, soort: str, werkgever, vervangt: Document | None, werknemer) -> None:
    if soort in SOORTEN_VOOR_WERKGEVER and werkgever is None:
        raise ApplicationError(
            _("Bij een oproep hoort de werkgever die hem mag inzien."),
            fields={"werkgever": [_("Dit veld is verplicht bij een oproep.")]},
        )
    if vervangt is None:
        return
    if (vervangt.soort, vervangt.werknemer_id, vervangt.werkgever_id) != (
        soort,
        werknemer.pk,
        getattr(werkgever, "pk", None),
    ):
        raise ApplicationError(
            _("Een nieuwe versie heeft dezelfde soort, werknemer en werkgever als de vorige."),
            fields={"vervangt": [_("Dit document hoort bij een ander dossier.")]},
        )


def _kop(soort: str, *, vervangt: Document | None, titel: str, op: datetime) -> DocumentKop:
    nu = timezone.localdate(op)
    if vervangt is None:
        return DocumentKop(nummer=_volgend_nummer(soort, nu.year), versie=1, datum=nu, titel=titel)
    return DocumentKop(
        nummer=vervangt.nummer,
        versie=vervangt.versie + 1,
        datum=nu,
        titel=titel,
        vervangt_versie=vervangt.versie,
    )


def _vergrendel_vorige(vervangt: Document) -> Document:
    """Lock the version being replaced and refuse a fork (two successors of one version)."""
    vorige = Document.objects.select_for_update().get(pk=vervangt.pk)
    if Document.objects.filter(vervangt=vorige).exists():
        raise Conflict(
            _("Van dit document bestaat al een nieuwere versie; vervang de nieuwste."),
            fields={"vervangt": [_("Niet de nieuwste versie.")]},
        )
    return vorige


def _gegevens_vastleggen(gevalideerd) -> None:
    """The legal figures of the days a document speaks of (and of today) become fixed."""
    dagen = [timezone.localdate()] + [
        waarde
        for waarde in vars(gevalideerd).values()
        if isinstance(waarde, date) and not isinstance(waarde, datetime)
    ]
    gegevens.vastleggen(min(dagen), max(dagen))


def document_uitgeven(
    *,
    soort: str,
    werknemer,
    context: dict[str, Any],
    werkgever=None,
    user=None,
    vervangt: Document | None = None,
    savepoint: bool = True,
) -> Document:
    """Validate and record a document: its number and the full snapshot of what it states.

    The context keys are those of the kind's model (contracten.schemas.CONTEXTEN); `document` and
    `werknemer` are filled here. The row is written in the caller's transaction (the
    decision and its documents: both or neither); the PDF is rendered from the snapshot
    after the commit by a django-q2 task (contracten/weergave.py), so no lock waits on it.
    A refused row is a 409 the caller may catch and carry on after (a savepoint); a caller
    whose whole decision fails with it passes `savepoint=False` (two statements fewer).
    """
    gevalideerd = valideer_context(soort, context)  # fail fast, before any lock or number
    _gegevens_vastleggen(gevalideerd)
    controleer_minimumloon(gevalideerd, werknemer)
    _controleer_partijen(soort=soort, werkgever=werkgever, vervangt=vervangt, werknemer=werknemer)
    op = timezone.now()
    try:
        with transaction.atomic(savepoint=savepoint):
            if vervangt is not None:
                vervangt = _vergrendel_vorige(vervangt)
            volledig = gevalideerd.model_copy(
                update={
                    "document": _kop(soort, vervangt=vervangt, titel=gevalideerd.TITEL, op=op),
                    "werknemer": werknemer_gegevens(
                        werknemer, met_adres=soort not in SOORTEN_VOOR_WERKGEVER
                    ),
                }
            )
            gegevens = volledig.model_dump(mode="json")  # the snapshot, dumped once
            controleer_feiten(gegevens)  # the facts must be showable; the PDF follows later
            document = _registreer(
                soort=soort,
                werknemer=werknemer,
                werkgever=werkgever,
                vervangt=vervangt,
                kop=volledig.document,
                gegevens=gegevens,
                user=user,
                op=op,
            )
    except IntegrityError as exc:
        raise Conflict(_("Het document kon niet worden vastgelegd; probeer het opnieuw.")) from exc
    weergave.na_commit_inplannen(document)
    return document


def _registreer(*, soort, werknemer, werkgever, vervangt, kop, gegevens, user, op):
    document = Document(
        soort=soort,
        werknemer=werknemer,
        werkgever=werkgever,
        nummer=kop.nummer,
        versie=kop.versie,
        vervangt=vervangt,
        gegevens=gegevens,
        gegevens_sha256=weergave.gegevens_hash(gegevens),
        uitgegeven_op=op,
        uitgegeven_door=user if getattr(user, "is_authenticated", False) else None,
    )
    # The fields' own rules; the foreign keys, the unique number and the checks are the
    # database's to enforce (an IntegrityError becomes a 409): asking first costs a dozen
    # queries per document inside the deciding transaction.
    document.full_clean(
        exclude=["werknemer", "werkgever", "vervangt", "uitgegeven_door"],
        validate_unique=False,
        validate_constraints=False,
    )
    document.save()
    audit(user=user, action="document_uitgegeven", obj=document, detail=str(document))
    return document


def document_vervang(*, document: Document, context: dict[str, Any], user=None) -> Document:
    """Issue the next version of `document` with a new context; the old one stays as it was."""
    return document_uitgeven(
        soort=document.soort,
        werknemer=document.werknemer,
        werkgever=document.werkgever,
        context=context,
        user=user,
        vervangt=document,
    )


def document_herrender(document: Document) -> bytes:
    """Render the document again from its stored context (for audit: same bytes expected)."""
    context = CONTEXTEN[document.soort].model_validate(document.gegevens)
    return render_pdf(document.soort, context)


def verweesde_bestanden_opruimen(*, ouder_dan: timedelta = timedelta(days=1)) -> list[Path]:
    """Remove stored files no Document records (and stale temp files); return what went.

    A render writes the file before it records it; when the recording rolls back, or a
    killed worker leaves its temporary file, the file stays: this sweep (run daily) removes
    it once it is older than `ouder_dan`, so a render still in flight is never touched.
    """
    grens = timezone.now().timestamp() - ouder_dan.total_seconds()
    bekend = set(Document.objects.values_list("bestand", flat=True))
    weg: list[Path] = []
    for pad in sorted(_map().glob("*/*")):
        relatief = pad.relative_to(settings.MEDIA_ROOT).as_posix()
        if pad.is_file() and relatief not in bekend and pad.stat().st_mtime < grens:
            pad.unlink(missing_ok=True)
            weg.append(pad)
    return weg
