"""The employer's work: the overview, posting a package with a guided form and a preview of
its split, the list of packages with their staffing, publishing and cancelling."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop.core.exceptions import ApplicationError, NotFound
from coop.models import Dienst, Factuur, Instellingen, Urenregel, Werkpakket
from coop.pages.forms_werkgever import FORMULIEREN, STANDAARD_BEGIN, beginwaarden
from coop.pages.views.werkgever.basis import (
    fouten_naar_formulier,
    oproepregels,
    terug_met,
    werkgever_pagina,
)
from coop.selectors import feestdagen
from coop.selectors import uren as uren_selectors
from coop.selectors import werk as selectors
from coop.selectors.facturen import factuur_list
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from werkgevers import selectors as werkgever_selectors
from werknemers import selectors as werknemer_selectors

# Packages whose work is still going or planned: the list shows these first.
LOPEND = (
    Werkpakket.Status.CONCEPT,
    Werkpakket.Status.GEPUBLICEERD,
    Werkpakket.Status.GESPLITST,
    Werkpakket.Status.DEELS_GEVULD,
    Werkpakket.Status.GEVULD,
)
MAX_DIENSTEN_IN_VOORBEELD = 60


@werkgever_pagina
def start(request):
    """What needs the planner now: drafts, open shifts soon, hours to judge, the last invoice."""
    pakketten = selectors.werkpakket_list(request.user)
    nu = timezone.now()
    open_binnenkort = (
        Dienst.objects.filter(
            locatie__werkgever_id=request.werkgever.pk,
            status=Dienst.Status.OPEN,
            start__gt=nu,
            start__lt=nu + timedelta(days=14),
        )
        .exclude(job__status="geannuleerd")
        .count()
    )
    te_beoordelen = (
        uren_selectors.urenregel_list(request.user)
        .filter(status=Urenregel.Status.INGEDIEND)
        .count()
    )
    return render(
        request,
        "pages/werkgever/start.html",
        {
            "concepten": pakketten.filter(status=Werkpakket.Status.CONCEPT).count(),
            "lopend": pakketten.filter(status__in=LOPEND).count(),
            "open_binnenkort": open_binnenkort,
            "te_beoordelen": te_beoordelen,
            "factuur": factuur_list(request.user).filter(soort=Factuur.Soort.FACTUUR).first(),
        },
    )


def _bezetting(pakket_ids: list[int]) -> dict[int, Counter]:
    """Per package: its shifts counted by status (open, bezet, geannuleerd), also those of
    its permanent blocks in a bundled job."""
    tellingen: dict[int, Counter] = {i: Counter() for i in pakket_ids}
    eigen_job = Dienst.objects.filter(job__werkpakket_id__in=pakket_ids)
    # A bundled job has no package: its shifts count through their fragment.
    gebundeld = Dienst.objects.filter(
        fragment__werkpakket_id__in=pakket_ids, job__werkpakket__isnull=True
    )
    for pakket_veld, qs in (
        ("job__werkpakket_id", eigen_job),
        ("fragment__werkpakket_id", gebundeld),
    ):
        rijen = qs.values(pakket_veld, "status").annotate(n=Count("pk"))
        for rij in rijen:
            tellingen[rij[pakket_veld]][rij["status"]] += rij["n"]
    return tellingen


@werkgever_pagina
def pakketten(request):
    """The organisation's packages with status and staffing; running ones first."""
    alle = list(selectors.werkpakket_list(request.user).order_by("-created_at"))
    tellingen = _bezetting([p.pk for p in alle])
    rijen = [(p, tellingen[p.pk]) for p in alle]
    return render(
        request,
        "pages/werkgever/pakketten.html",
        {
            "lopend": [r for r in rijen if r[0].status in LOPEND],
            "voorbij": [r for r in rijen if r[0].status not in LOPEND],
        },
    )


def _formulier_keuzes(request) -> dict:
    return {
        "locaties": werkgever_selectors.locatie_list(request.user, actief=True),
        "vaardigheden": werknemer_selectors.vaardigheid_list(),
        "certificaten": werknemer_selectors.certificaatsoort_list(),
    }


def _uitleg() -> dict:
    inst = Instellingen.huidig()
    return {
        "structureel_min_weken": inst.structureel_min_weken,
        "max_dienst_uren": inst.max_dienst_uren,
        "bundel_min_uren": inst.bundel_min_uren,
        "bundel_max_uren": inst.bundel_max_uren,
        "oproep": oproepregels(),
        "standaard_begin": STANDAARD_BEGIN,
    }


@werkgever_pagina
def pakket_nieuw(request):
    """Step 1: which kind of work; step 2: the form of that kind (`kopie`: filled in from
    another package). A valid form makes a draft and goes to step 3, the preview; a draft the
    split would refuse is not kept."""
    soort = request.GET.get("soort") or request.POST.get("soort")
    if soort not in FORMULIEREN:
        return render(request, "pages/werkgever/pakket_soort.html", _uitleg())
    kopie = None
    if request.GET.get("kopie"):
        kopie = selectors.werkpakket_get(request.user, _int(request.GET["kopie"]))
    form = FORMULIEREN[soort](
        request.POST or None,
        initial=beginwaarden(kopie) if kopie else None,
        **_formulier_keuzes(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pakket = _opslaan(request, form)
        except ApplicationError as exc:
            fouten_naar_formulier(form, exc)
        else:
            return redirect("pages:werkgever_pakket", pakket.pk)
    return _formulier(request, form, soort)


@werkgever_pagina
def pakket_wijzigen(request, werkpakket_id: int):
    """Change a package in place (werkpakket_update) while no member has taken any of it
    on: a draft goes back to its preview, a published package is split again at once."""
    p = selectors.werkpakket_get(request.user, werkpakket_id)
    form = FORMULIEREN[p.soort](
        request.POST or None, initial=beginwaarden(p), **_formulier_keuzes(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            pakket = _opslaan(request, form, wijzig=p)
        except ApplicationError as exc:
            fouten_naar_formulier(form, exc)
        else:
            if pakket.status != Werkpakket.Status.CONCEPT:
                messages.success(
                    request,
                    _("Gewijzigd en opnieuw ingedeeld; open aanbiedingen zijn ingetrokken."),
                )
            return redirect("pages:werkgever_pakket", pakket.pk)
    return _formulier(request, form, p.soort, wijzig=p)


def _formulier(request, form, soort: str, wijzig: Werkpakket | None = None):
    return render(
        request,
        "pages/werkgever/pakket_nieuw.html",
        {"form": form, "soort": soort, "wijzig": wijzig, **_uitleg()},
        status=400 if form.errors else 200,
    )


def _int(waarde: str) -> int:
    try:
        return int(waarde)
    except ValueError:
        return 0  # no package has id 0: the selector answers 404


def _opslaan(request, form, wijzig: Werkpakket | None = None) -> Werkpakket:
    """Post (or change) the package through the service; a draft is split once through the
    preview (the same engine as publishing), and one that cannot be split is rolled back
    with the reason on the form. A changed package keeps its time windows (set by the VERA
    intake; the form does not edit them)."""
    data = form.data_voor_service()
    with transaction.atomic():
        if wijzig is None:
            pakket = pakket_services.werkpakket_create(user=request.user, data=data)
        else:
            data.vensters = [
                pakket_invoer.VensterData(v.datum, v.begin, v.eind) for v in wijzig.vensters.all()
            ]
            pakket = pakket_services.werkpakket_update(
                user=request.user, werkpakket_id=wijzig.pk, data=data
            )
        if pakket.status == Werkpakket.Status.CONCEPT:
            pakket_services.werkpakket_preview(user=request.user, werkpakket_id=pakket.pk)
    return pakket


@werkgever_pagina
def pakket(request, werkpakket_id: int):
    """A draft: what was entered and the preview of its split, to publish. A published
    package: its parts, its own share of bundled permanent jobs, who fills which shift."""
    p = selectors.werkpakket_get(request.user, werkpakket_id)
    context = {"pakket": p, "regeling": feestdagen.regeling(p), **_uitleg()}
    if p.status == Werkpakket.Status.CONCEPT:
        try:
            context["delen"] = pakket_services.werkpakket_preview(
                user=request.user, werkpakket_id=p.pk
            )
        except ApplicationError as exc:
            context["fout"] = exc.message
        context["max_diensten"] = MAX_DIENSTEN_IN_VOORBEELD
        context["max_diensten_slice"] = f":{MAX_DIENSTEN_IN_VOORBEELD}"
        return render(request, "pages/werkgever/pakket_voorbeeld.html", context)
    diensten = list(selectors.pakket_diensten(request.user, p.pk))
    fragmenten = list(selectors.fragment_list(request.user, p.pk))
    nu = timezone.now()
    lopend = p.status not in (Werkpakket.Status.GEANNULEERD, Werkpakket.Status.AFGEROND)
    context |= {
        "jobs": [j for j in selectors.job_list(request.user, werkpakket=p.pk) if j.soort == "vast"],
        "fragmenten": fragmenten,
        "wachtend": [f for f in fragmenten if f.job_id is None],
        "komend": [d for d in diensten if d.eind > nu],
        "voorbij": sum(1 for d in diensten if d.eind <= nu),
        "telling": Counter(d.status for d in diensten if d.eind > nu),
        "geschiedenis": selectors.werkpakket_geschiedenis(request.user, p.pk).order_by("-at")[:20],
        "kan_annuleren": lopend,
        # The service refuses a change once a member took the work on or it was bundled.
        "kan_wijzigen": lopend
        and not pakket_services.pakket_bemand(p)
        and not any(f.job_id for f in fragmenten),
    }
    return render(request, "pages/werkgever/pakket.html", context)


@require_POST
@werkgever_pagina
def pakket_publiceren(request, werkpakket_id: int):
    terug = reverse("pages:werkgever_pakket", args=[werkpakket_id])
    try:
        pakket_services.werkpakket_publish(user=request.user, werkpakket_id=werkpakket_id)
    except NotFound:
        raise
    except ApplicationError as exc:
        return terug_met(request, terug, fout=exc)
    return terug_met(
        request,
        terug,
        gelukt=_(
            "Gepubliceerd. De coöperatie zoekt nu mensen voor de diensten; vast werk wordt "
            "gebundeld tot vaste banen."
        ),
    )


@require_POST
@werkgever_pagina
def pakket_annuleren(request, werkpakket_id: int):
    terug = reverse("pages:werkgever_pakket", args=[werkpakket_id])
    try:
        pakket_services.werkpakket_cancel(user=request.user, werkpakket_id=werkpakket_id)
    except NotFound:
        raise
    except ApplicationError as exc:
        return terug_met(request, terug, fout=exc)
    return terug_met(
        request, reverse("pages:werkgever_pakketten"), gelukt=_("Het werk is geannuleerd.")
    )
