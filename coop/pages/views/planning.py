"""The planning board for the broker's staff: a week of shifts, the ranked candidates of a
shift with why each scores as it does (and why others cannot), one-click offers, and batch
planning of the visible week shown as a proposal before anything is sent.

Staff only: anyone else gets a 404. Every action goes through the services the API uses.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coop.core.auth import is_staff
from coop.core.exceptions import ApplicationError, NotFound
from coop.models import Dienst
from coop.selectors import kandidaten as kandidaten_mod
from coop.selectors import werk as selectors
from coop.selectors.planbord import Bordfilter, planbord_keuzes, planbord_week
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import plannen
from werknemers.models import Werknemer

VOORSTEL_ZOUT = "coop.pages.planning.voorstel"
VOORSTEL_GELDIG = 3600  # seconds a shown proposal can be sent

# The parts of a candidate's score, in the planner's words (coop.engines.matching).
ONDERDELEN = {
    "afstand": ("Afstand", "Hoe dichter bij huis, hoe hoger."),
    "zelfde_wijk": ("Zelfde wijk", "Woont in de wijk van het werk."),
    "eerlijkheid": (
        "Eerlijke verdeling",
        "Kreeg de laatste 4 weken minder uren dan gewenst: wie het minst kreeg, eerst.",
    ),
    "doelgroep": ("Doelgroep", "Hoort bij de doelgroep van social return (SROI)."),
    "continuiteit": ("Bekend werk", "Werkte eerder voor deze werkgever of op deze plek."),
}


def staf_pagina(view):
    """A page for broker staff; for anyone else it does not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request.user):
            raise Http404("Niet gevonden.")
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def _maandag(tekst: str | None) -> date:
    """'2026-W48' (an input of type week) or a date; when empty or wrong this week, or at the
    weekend the coming one (what a planner works on then)."""
    vandaag = timezone.localdate()
    try:
        if tekst and "-W" in tekst:
            jaar, week = tekst.split("-W")
            return date.fromisocalendar(int(jaar), int(week), 1)
        if tekst:
            dag = date.fromisoformat(tekst)
            return dag - timedelta(days=dag.weekday())
    except ValueError:
        pass
    if vandaag.weekday() >= 5:
        return vandaag + timedelta(days=7 - vandaag.weekday())
    return vandaag - timedelta(days=vandaag.weekday())


def _getal(tekst: str | None) -> int | None:
    return int(tekst) if tekst and tekst.isdigit() else None


def _keuze(bron) -> tuple[date, Bordfilter, str]:
    maandag = _maandag(bron.get("week"))
    keuze = Bordfilter(
        wijk=(bron.get("wijk") or "").strip(),
        werkgever_id=_getal(bron.get("werkgever")),
        vaardigheid_id=_getal(bron.get("vaardigheid")),
    )
    per = "vaardigheid" if bron.get("per") == "vaardigheid" else "locatie"
    return maandag, keuze, per


def _query(maandag: date, keuze: Bordfilter, per: str) -> str:
    jaar, week, _ = maandag.isocalendar()
    velden = {
        "week": f"{jaar}-W{week:02d}",
        "per": per,
        "wijk": keuze.wijk,
        "werkgever": keuze.werkgever_id or "",
        "vaardigheid": keuze.vaardigheid_id or "",
    }
    return urlencode({k: v for k, v in velden.items() if v})


def _bord_url(maandag: date, keuze: Bordfilter, per: str) -> str:
    return f"{reverse('pages:planning')}?{_query(maandag, keuze, per)}"


@staf_pagina
def bord(request):
    """The week: per location or skill, each day's shifts, the unfilled ones marked."""
    maandag, keuze, per = _keuze(request.GET)
    week = planbord_week(request.user, maandag, keuze, per=per)
    jaar, nummer, _ = maandag.isocalendar()
    return render(
        request,
        "pages/planning/bord.html",
        {
            "week": week,
            "keuze": keuze,
            "per": per,
            "week_waarde": f"{jaar}-W{nummer:02d}",
            "weeknummer": nummer,
            "vorige": _bord_url(maandag - timedelta(days=7), keuze, per),
            "volgende": _bord_url(maandag + timedelta(days=7), keuze, per),
            "query": _query(maandag, keuze, per),
            **planbord_keuzes(),
        },
    )


def _kandidaten_context(request, dienst: Dienst, max_aantal: int = 15) -> dict:
    ranking = kandidaten_mod.rank_for_dienst(dienst)
    beste = ranking.geschikt[:max_aantal]
    ids = [b.kandidaat_id for b in beste] + list(ranking.uitgesloten)
    namen = {
        w.pk: w.korte_naam
        for w in Werknemer.objects.filter(pk__in=ids).only("voornaam", "achternaam")
    }
    al_aangeboden = set(dienst.aanbiedingen.values_list("werknemer_id", flat=True))
    return {
        "dienst": dienst,
        "omschrijving": plannen.dienst_omschrijving(dienst),
        "voorgefilterd": ranking.voorgefilterd,
        "geschikt": [
            {
                "werknemer_id": b.kandidaat_id,
                "naam": namen[b.kandidaat_id],
                "score": b.score,
                "afstand_km": b.afstand_km,
                "aangeboden": b.kandidaat_id in al_aangeboden,
                "onderdelen": [
                    (*ONDERDELEN.get(sleutel, (sleutel, "")), waarde)
                    for sleutel, waarde in b.onderdelen.items()
                ],
            }
            for b in beste
        ],
        "uitgesloten": [
            {"naam": namen[wid], "redenen": [asdict(r)["melding"] for r in regels]}
            for wid, regels in ranking.uitgesloten.items()
        ],
        "terug": request.GET.get("terug") or request.POST.get("terug") or "",
    }


@staf_pagina
def kandidaten(request, dienst_id: int):
    """A shift's ranked candidates: the panel beside the board (htmx) or a page of its own."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    context = _kandidaten_context(request, dienst)
    sjabloon = "pages/planning/_kandidaten.html" if request.htmx else "pages/planning/dienst.html"
    return render(request, sjabloon, context)


MAX_UITLEG = 5


@staf_pagina
def uitleg(request, dienst_id: int):
    """'Why not her?': every rule that keeps a member (found by name) from this shift, also
    one the nearby-and-skilled preselection left out, or their score."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    zoek = (request.GET.get("lid") or "").strip()
    gevonden = []
    if len(zoek) >= 2:
        delen = zoek.split()
        leden = Werknemer.objects.all()
        for deel in delen:
            leden = leden.filter(Q(voornaam__icontains=deel) | Q(achternaam__icontains=deel))
        for w in leden.order_by("voornaam", "achternaam", "pk")[:MAX_UITLEG]:
            uitkomst = kandidaten_mod.explain_for_dienst(dienst, w.pk)
            if isinstance(uitkomst, list):
                gevonden.append({"naam": w.korte_naam, "redenen": [r.melding for r in uitkomst]})
            else:
                gevonden.append({"naam": w.korte_naam, "score": uitkomst.score})
    context = {"dienst": dienst, "zoek": zoek, "gevonden": gevonden, "max": MAX_UITLEG}
    if request.htmx:
        return render(request, "pages/planning/_uitleg.html", context)
    return render(
        request,
        "pages/planning/dienst.html",
        {**_kandidaten_context(request, dienst), "uitleg": context},
    )


@staf_pagina
@require_POST
def aanbieden(request, dienst_id: int):
    """One click: offer the shift to this candidate (the same service as the API)."""
    dienst = selectors.dienst_get_for_staff(request.user, dienst_id)
    werknemer = get_object_or_404(Werknemer, pk=_getal(request.POST.get("werknemer")) or 0)
    try:
        aanbod_services.aanbod_create(dienst=dienst, werknemer=werknemer, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"Aangeboden aan {werknemer.korte_naam}: {plannen.dienst_omschrijving(dienst)}.",
        )
    if request.htmx:
        dienst.refresh_from_db()
        return render(
            request, "pages/planning/_kandidaten.html", _kandidaten_context(request, dienst)
        )
    terug = request.POST.get("terug", "")
    return redirect(terug if terug.startswith("/planning/") else reverse("pages:planning"))


def _voorstel_teken(voorstel: plannen.Voorstel) -> str:
    return signing.dumps(
        {
            "van": voorstel.van.isoformat(),
            "tot": voorstel.tot.isoformat(),
            "diensten": [d.pk for d in voorstel.diensten],
            "toewijzingen": [list(t) for t in voorstel.toewijzingen],
            "cijfers": [
                voorstel.kandidaten,
                voorstel.gevuld,
                voorstel.bovengrens_gevuld,
                voorstel.totale_score,
                voorstel.status,
                voorstel.seconden,
            ],
        },
        salt=VOORSTEL_ZOUT,
    )


def _voorstel_uit(teken: str) -> plannen.Voorstel:
    gegevens = signing.loads(teken, salt=VOORSTEL_ZOUT, max_age=VOORSTEL_GELDIG)
    diensten = Dienst.objects.filter(pk__in=gegevens["diensten"]).select_related(
        "job__werkpakket", "locatie"
    )
    kandidaten_, gevuld, bovengrens, score, status, seconden = gegevens["cijfers"]
    return plannen.Voorstel(
        van=date.fromisoformat(gegevens["van"]),
        tot=date.fromisoformat(gegevens["tot"]),
        diensten=tuple(diensten.order_by("start", "pk")),
        kandidaten=kandidaten_,
        gevuld=gevuld,
        bovengrens_gevuld=bovengrens,
        totale_score=score,
        status=status,
        seconden=seconden,
        toewijzingen=tuple((d, w, s) for d, w, s in gegevens["toewijzingen"]),
    )


@staf_pagina
@require_POST
def voorstel(request):
    """Batch planning of the visible week: the proposal, nothing sent yet."""
    maandag, keuze, per = _keuze(request.POST)
    week = planbord_week(request.user, maandag, keuze, per=per)
    try:
        uitkomst = plannen.periode_propose(van=maandag, tot=week.zondag, dienst_ids=week.dienst_ids)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(_bord_url(maandag, keuze, per))
    per_dienst = {d.pk: d for d in uitkomst.diensten}
    leden = Werknemer.objects.in_bulk([w for _, w, _ in uitkomst.toewijzingen])
    ingedeeld = {d for d, _, _ in uitkomst.toewijzingen}
    return render(
        request,
        "pages/planning/voorstel.html",
        {
            "voorstel": uitkomst,
            "regels": [
                {
                    "dienst": plannen.dienst_omschrijving(per_dienst[d]),
                    "naam": leden[w].korte_naam,
                    "score": s,
                }
                for d, w, s in uitkomst.toewijzingen
            ],
            "over": [
                plannen.dienst_omschrijving(d) for d in uitkomst.diensten if d.pk not in ingedeeld
            ],
            "teken": _voorstel_teken(uitkomst),
            "terug": _bord_url(maandag, keuze, per),
            "maandag": maandag,
        },
    )


@staf_pagina
@require_POST
def versturen(request):
    """Send the proposal that was shown: each offer checked again as it is made."""
    terug = request.POST.get("terug", "")
    terug = terug if terug.startswith("/planning/") else reverse("pages:planning")
    try:
        voorstel_ = _voorstel_uit(request.POST.get("voorstel", ""))
    except signing.SignatureExpired:
        messages.error(request, "Dit voorstel is ouder dan een uur. Maak een nieuw voorstel.")
        return redirect(terug)
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        messages.error(request, "Dit voorstel is niet geldig. Maak een nieuw voorstel.")
        return redirect(terug)
    uitkomst = plannen.voorstel_send(user=request.user, voorstel=voorstel_)
    messages.success(
        request,
        f"{uitkomst.aanbiedingen} aanbieding(en) verstuurd; "
        f"{len(uitkomst.over)} dienst(en) bleven over.",
    )
    return redirect(terug)
