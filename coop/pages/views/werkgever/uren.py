"""Hours: the employer approves or disputes each line of its shifts, one by one or a whole
week at once, with the rules the lines apply shown (coop/services/uren/urenregels.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coop.core.exceptions import ApplicationError, NotFound
from coop.models import Urenregel
from coop.pages.forms_werkgever import BetwistForm
from coop.pages.views.werkgever.basis import oproepregels, terug_met, werkgever_pagina
from coop.selectors import feestdagen
from coop.selectors import uren as selectors
from coop.services.uren import urenregels as uren_services

WEKEN_IN_LIJST = 26


def _alle_regels(user):
    return selectors.urenregel_list(user).select_related(
        "inzet__dienst__job__werkpakket", "inzet__dienst__fragment__werkpakket"
    )


def _regels(user):
    """The current version of each line (a corrected one is replaced by its correction)."""
    return _alle_regels(user).filter(correctie__isnull=True)


def _weken(user) -> list[dict]:
    """The weeks with hours, newest first, each with how many lines await a judgement."""
    return list(
        _regels(user)
        .annotate(week=TruncWeek("datum"))
        .values("week")
        .annotate(totaal=Count("pk"), open=Count("pk", filter=Q(status=Urenregel.Status.INGEDIEND)))
        .order_by("-week")[:WEKEN_IN_LIJST]
    )


def _maandag(waarde: str | None, weken: list[dict]) -> date | None:
    """The week asked for, else the oldest with lines to judge, else the newest."""
    if waarde:
        try:
            dag = date.fromisoformat(waarde)
        except ValueError:
            dag = None
        if dag is not None:
            return dag - timedelta(days=dag.weekday())
    open_ = [w["week"] for w in weken if w["open"]]
    if open_:
        return _als_datum(min(open_))
    return _als_datum(weken[0]["week"]) if weken else None


def _als_datum(waarde) -> date:
    return waarde.date() if hasattr(waarde, "date") else waarde


class Regel:
    """One hours line as the page shows it."""

    def __init__(self, regel: Urenregel):
        self.regel = regel
        self.inzet = regel.inzet
        self.dienst = regel.inzet.dienst
        self.pakket = feestdagen.pakket_van(self.dienst)
        # First name and initial only, as everywhere an employer sees a member.
        self.naam = regel.inzet.werknemer.korte_naam

    @property
    def kan_goedkeuren(self) -> bool:
        return not self.regel.vergrendeld and self.regel.status in (
            Urenregel.Status.INGEDIEND,
            Urenregel.Status.BETWIST,
        )

    @property
    def kan_betwisten(self) -> bool:
        return not self.regel.vergrendeld and self.regel.status in (
            Urenregel.Status.INGEDIEND,
            Urenregel.Status.GOEDGEKEURD,
        )


@werkgever_pagina
def uren(request):
    weken = _weken(request.user)
    for w in weken:
        w["week"] = _als_datum(w["week"])
    maandag = _maandag(request.GET.get("week"), weken)
    regels = []
    if maandag is not None:
        regels = [
            Regel(r)
            for r in _regels(request.user)
            .filter(datum__gte=maandag, datum__lte=maandag + timedelta(days=6))
            .order_by("datum", "start", "pk")
        ]
    open_ids = [r.regel.pk for r in regels if r.regel.status == Urenregel.Status.INGEDIEND]
    return render(
        request,
        "pages/werkgever/uren.html",
        {
            "weken": weken,
            "maandag": maandag,
            "zondag": maandag + timedelta(days=6) if maandag else None,
            "regels": regels,
            "open_ids": open_ids,
            "betwist_form": BetwistForm(),
            "oproep": oproepregels(),
        },
    )


def _terug(week: str = "") -> str:
    url = reverse("pages:werkgever_uren")
    return f"{url}?week={week}" if week else url


def _antwoord(request, regel_id: int, *, gelukt: str = "", fout: ApplicationError | None = None):
    """htmx: the line again with the sentence; without JavaScript: back to its week (PRG)."""
    regel = _alle_regels(request.user).get(pk=regel_id)
    if not request.htmx:
        return terug_met(request, _terug(week=_maandag_van(regel.datum)), gelukt=gelukt, fout=fout)
    return render(
        request,
        "pages/werkgever/_urenregel.html",
        {
            "r": Regel(regel),
            "betwist_form": BetwistForm(),
            "gelukt": gelukt,
            "fout": fout.message if fout else "",
        },
    )


def _maandag_van(dag: date) -> str:
    return (dag - timedelta(days=dag.weekday())).isoformat()


@require_POST
@werkgever_pagina
def goedkeuren(request, regel_id: int):
    selectors.urenregel_get(request.user, regel_id)  # another organisation's line: 404
    try:
        uren_services.urenregel_approve(user=request.user, regel_id=regel_id)
    except NotFound:
        raise
    except ApplicationError as exc:
        return _antwoord(request, regel_id, fout=exc)
    return _antwoord(request, regel_id, gelukt=_("Goedgekeurd."))


@require_POST
@werkgever_pagina
def betwisten(request, regel_id: int):
    selectors.urenregel_get(request.user, regel_id)
    form = BetwistForm(request.POST)
    reden = form.cleaned_data["reden"] if form.is_valid() else ""
    try:
        uren_services.urenregel_dispute(user=request.user, regel_id=regel_id, reden=reden)
    except NotFound:
        raise
    except ApplicationError as exc:
        return _antwoord(request, regel_id, fout=exc)
    return _antwoord(
        request,
        regel_id,
        gelukt=_("Betwist. De coöperatie zoekt het uit en stelt de uren vast."),
    )


@require_POST
@werkgever_pagina
def week_goedkeuren(request):
    """Approve the week's submitted lines the page showed (their ids travel with the form:
    a line submitted after the page was drawn is not approved unseen)."""
    ids = []
    for waarde in request.POST.getlist("regel"):
        try:
            ids.append(int(waarde))
        except ValueError as exc:
            raise NotFound("Urenregel niet gevonden.") from exc
    terug = _terug(week=request.POST.get("week", ""))
    if not ids:
        return terug_met(request, terug, gelukt=_("Er waren geen uren om goed te keuren."))
    uitkomst = uren_services.urenregels_approve(user=request.user, regel_ids=ids)
    gelukt = ngettext(
        "%(n)d urenregel goedgekeurd.", "%(n)d urenregels goedgekeurd.", len(uitkomst.goedgekeurd)
    ) % {"n": len(uitkomst.goedgekeurd)}
    if uitkomst.geweigerd:
        gelukt += " " + _("Niet goedgekeurd: %(lijst)s") % {
            "lijst": "; ".join(melding for _id, melding in uitkomst.geweigerd)
        }
    return terug_met(request, terug, gelukt=gelukt)
