"""The member's page of a VERA order: the briefing of the work (address, tenant's contact)
and reporting it done with a note, travel time and photos, as the API's
/api/v1/intake/werkpakketten/{id}/gereedmelding does. Only the member assigned to the package
sees it; anyone else gets a 404. Built like the member pages (coop/pages: their base
template, the member's language, every form working without JavaScript); it lives here
because the member pages do not import the intake (the layers in pyproject.toml)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coop.core.exceptions import ApplicationError, NotFound
from coop.intake import gereedmelding
from coop.intake.gereedmelding import FOTO_SOORTEN, MAX_FOTOS
from coop.intake.models import Gereedmelding
from coop.notificaties.services import meldingsvoorkeur_van


class GereedmeldingForm(forms.Form):
    notitie = forms.CharField(
        label=gettext_lazy("Wat heeft u gedaan?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    reistijd_minuten = forms.IntegerField(
        label=gettext_lazy("Reistijd in minuten (heen en terug)"),
        min_value=0,
        max_value=600,
        initial=0,
        required=False,
    )


def opdracht(request, werkpakket_id: int):
    """GET: the briefing and the form; POST: the completion report (then back here)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    werknemer = getattr(request.user, "werknemer", None)
    if werknemer is None:
        raise Http404(_("Niet gevonden."))
    translation.activate(meldingsvoorkeur_van(werknemer).taal)
    try:
        briefing = gereedmelding.briefing_voor_lid(user=request.user, werkpakket_id=werkpakket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = GereedmeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gereedmelding.gereedmelding_create(
                user=request.user,
                werkpakket_id=werkpakket_id,
                notitie=form.cleaned_data["notitie"],
                reistijd_minuten=form.cleaned_data["reistijd_minuten"] or 0,
                fotos=request.FILES.getlist("fotos"),
            )
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except ApplicationError as exc:
            form.add_error(None, _(exc.message))
        else:
            messages.success(
                request,
                _(
                    "Dank u. Uw gereedmelding is bewaard; de corporatie hoort dat het werk "
                    "klaar is zodra de werkgever uw uren heeft goedgekeurd."
                ),
            )
            return redirect("intake_opdracht", werkpakket_id=werkpakket_id)
    eerder = Gereedmelding.objects.filter(
        werkpakket_id=werkpakket_id, werknemer=werknemer
    ).prefetch_related("fotos")
    return render(
        request,
        "intake/opdracht.html",
        {
            "pakket": briefing.werkpakket,
            "regels": briefing.tekst.splitlines(),
            "form": form,
            "eerder": eerder,
            "max_fotos": MAX_FOTOS,
            "foto_soorten": ",".join(FOTO_SOORTEN),
        },
        status=400 if form.errors else 200,
    )
