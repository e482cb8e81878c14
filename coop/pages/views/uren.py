"""Hours: the member confirms or corrects the hours of each shift worked."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError
from coop.models import Inzet, Urenregel
from coop.pages.forms import UrenForm
from coop.pages.views.basis import lid_pagina, melding
from coop.pages.weergave import opdracht_pakketten, werk_van_dienst
from coop.selectors import werk as selectors
from coop.services.uren import urenregels as uren_services


def _laatste_regel(inzet: Inzet) -> Urenregel | None:
    return inzet.urenregels.order_by("-created_at", "-pk").first()


@lid_pagina
def uren(request):
    """Shifts that have begun, newest first, each with its hours line (if any)."""
    inzetten = (
        selectors.inzet_list(request.user)
        .filter(start__lte=timezone.now())
        .select_related("dienst__job__werkpakket", "dienst__fragment__werkpakket")
        .order_by("-start")[:30]
    )
    rijen = [(i, werk_van_dienst(i.dienst, request.werknemer), _laatste_regel(i)) for i in inzetten]
    return render(
        request,
        "pages/leden/uren.html",
        {"rijen": rijen, "opdrachten": opdracht_pakketten([rij[0] for rij in rijen])},
    )


@lid_pagina
def uren_opgeven(request, inzet_id: int):
    """Confirm the planned hours or give the real ones; another member's shift is a 404."""
    inzet = selectors.inzet_get(request.user, inzet_id)
    regel = _laatste_regel(inzet)
    start, eind = timezone.localtime(inzet.start), timezone.localtime(inzet.eind)
    begin = {"begin": start.time(), "eind": eind.time(), "pauze_minuten": 0}
    if regel is not None and regel.start and regel.eind:
        begin = {
            "begin": timezone.localtime(regel.start).time(),
            "eind": timezone.localtime(regel.eind).time(),
            "pauze_minuten": regel.pauze_minuten,
        }
    form = UrenForm(request.POST or None, initial=begin)
    if request.method == "POST" and form.is_valid():
        van, tot = form.tijden(start.date())
        try:
            uren_services.urenregel_submit(
                user=request.user,
                inzet_id=inzet.pk,
                start=inzet.start if inzet.status == Inzet.Status.GEANNULEERD else van,
                eind=inzet.eind if inzet.status == Inzet.Status.GEANNULEERD else tot,
                pauze_minuten=form.cleaned_data["pauze_minuten"],
            )
        except ApplicationError as exc:
            form.add_error(None, melding(exc))
            for veld, fouten in exc.fields.items():
                for fout in fouten:
                    form.add_error(None, f"{veld}: {fout}")
        else:
            messages.success(
                request, _("Dank u. Uw uren zijn doorgegeven aan de werkgever ter controle.")
            )
            return redirect("pages:uren")
    return render(
        request,
        "pages/leden/uren_opgeven.html",
        {
            "inzet": inzet,
            "werk": werk_van_dienst(inzet.dienst, request.werknemer),
            "regel": regel,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
