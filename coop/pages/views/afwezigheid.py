"""Absence: the member reports sick or that they cannot work for a range of days, and sees
every record about them (the same service and selector as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracten.regels import oproeptermijn_dagen
from coop.core.exceptions import ApplicationError
from coop.pages.forms import AfwezigheidForm, VerlofForm
from coop.pages.views.basis import lid_pagina, melding
from coop.selectors import afwezigheid as selectors
from coop.services.werk import afwezigheid as services
from coop.services.werk import verlof as verlof_services


@lid_pagina
def afwezigheid(request):
    """The report form and the member's record: each report, its reason, the shifts that
    went to someone else (and whether within the call term) and what is paid."""
    form = AfwezigheidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _melding, nieuw = services.afwezigheid_report(
                user=request.user,
                soort=data["soort"],
                van=data["van"],
                tot=data["tot"],
                reden=data["reden"],
            )
        except ApplicationError as exc:
            form.add_error(None, melding(exc))
            for veld, fouten in exc.fields.items():
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, _(fout))
        else:
            messages.success(
                request,
                _("Uw melding is vastgelegd. Uw werk in die dagen gaat naar iemand anders.")
                if nieuw
                else _("Deze melding had u al gedaan; er is niets veranderd."),
            )
            return redirect("pages:afwezigheid")
    meldingen = list(
        selectors.afwezigheid_list(request.user).filter(werknemer_id=request.werknemer.pk)
    )
    for m in meldingen:  # the call term the texts name: the table's on the day of the report
        m.oproeptermijn_dagen = oproeptermijn_dagen(timezone.localtime(m.gemeld_op).date())
    return _pagina(request, form=form, verlof_form=VerlofForm(prefix="verlof"), meldingen=meldingen)


def _pagina(request, *, form, verlof_form, meldingen=None):
    if meldingen is None:
        meldingen = list(
            selectors.afwezigheid_list(request.user).filter(werknemer_id=request.werknemer.pk)
        )
        for m in meldingen:
            m.oproeptermijn_dagen = oproeptermijn_dagen(timezone.localtime(m.gemeld_op).date())
    saldo = selectors.verlofsaldo(werknemer=request.werknemer, jaar=timezone.localdate().year)
    return render(
        request,
        "pages/leden/afwezigheid.html",
        {"form": form, "verlof_form": verlof_form, "meldingen": meldingen, "saldo": saldo},
        status=400 if form.errors or verlof_form.errors else 200,
    )


@lid_pagina
@require_POST
def verlof(request):
    """Ask for leave; the same service as the API. The balance of this year is shown above."""
    form = VerlofForm(request.POST, prefix="verlof")
    if form.is_valid():
        data = form.cleaned_data
        try:
            _melding, nieuw = verlof_services.verlof_request(
                user=request.user, van=data["van"], tot=data["tot"], reden=data["reden"]
            )
        except ApplicationError as exc:
            form.add_error(None, melding(exc))
            for veld, fouten in exc.fields.items():
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, _(fout))
        else:
            messages.success(
                request,
                _("Uw verlofaanvraag is verstuurd. U hoort het als de makelaar beslist.")
                if nieuw
                else _("Deze aanvraag had u al gedaan; er is niets veranderd."),
            )
            return redirect("pages:afwezigheid")
    return _pagina(request, form=AfwezigheidForm(), verlof_form=form)
