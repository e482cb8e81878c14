"""Dutch admin for invoices (read-only, with verified downloads), the SROI model and imports.

An invoice is never edited here: it is issued and credited through the services (API), and
an edited invoice would no longer match its files. 'Toevoegen' on imports is the upload form.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import ApplicationError
from coop.models import Factuur, Factuurregel, Importrun, SroiModel
from coop.services.facturen import factuurbestanden, import_upload, importeren

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AlleenLezen:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FactuurregelInline(AlleenLezen, admin.TabularInline):
    model = Factuurregel
    fields = ["volgorde", "omschrijving", "regie", "uren", "tarief", "bedrag", "toelichting"]
    readonly_fields = fields
    extra = 0


@admin.register(Factuur)
class FactuurAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = [
        "nummer",
        "soort",
        "status",
        "werkgever_naam",
        "periode",
        "factuurdatum",
        "bedrag_excl",
        "bedrag_incl",
        "downloads",
    ]
    list_filter = ["soort", "status", "periode", "jaar"]
    search_fields = ["nummer", "werkgever_naam", "werkgever_kvk"]
    list_select_related = ["periode"]
    readonly_fields = [
        "nummer",
        "soort",
        "status",
        "werkgever",
        "periode",
        "crediteert",
        "reden",
        "factuurdatum",
        "vervaldatum",
        "bedrag_excl",
        "btw_percentage",
        "btw_bron",
        "btw_bedrag",
        "bedrag_incl",
        "uitgegeven_door",
        "downloads",
    ]
    exclude = ["bestanden", "jaar", "volgnummer", "werkgever_naam", "werkgever_kvk"]
    inlines = [FactuurregelInline]

    @admin.display(description=_("bestanden"))
    def downloads(self, obj: Factuur) -> str:
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">XLSX</a>',
            reverse("admin:coop_factuur_bestand", args=[obj.pk, "pdf"]),
            reverse("admin:coop_factuur_bestand", args=[obj.pk, "xlsx"]),
        )

    def get_urls(self):
        eigen = [
            path(
                "<int:pk>/bestand/<str:soort>/",
                self.admin_site.admin_view(self.bestand),
                name="coop_factuur_bestand",
            )
        ]
        return eigen + super().get_urls()

    def bestand(self, request, pk: int, soort: str):
        factuur = get_object_or_404(Factuur, pk=pk)
        if soort not in ("pdf", "xlsx"):
            return redirect("admin:coop_factuur_change", pk)
        try:
            data = factuurbestanden.factuur_bestand(factuur, soort)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return redirect("admin:coop_factuur_change", pk)
        response = HttpResponse(data, content_type="application/pdf" if soort == "pdf" else XLSX)
        response["Content-Disposition"] = f'attachment; filename="{factuur.nummer}.{soort}"'
        return response


@admin.register(SroiModel)
class SroiModelAdmin(admin.ModelAdmin):
    """The values the neighbourhood report uses; defaults from Utrecht's model (medium confidence)."""

    list_display = ["naam", "uren_per_week", "bonus_50plus", "bonus_statushouder", "bron"]

    def has_add_permission(self, request):
        return not SroiModel.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ImportForm(forms.Form):
    soort = forms.ChoiceField(label=_("soort"), choices=Importrun.Soort.choices)
    bestand = forms.FileField(label=_("Excel-bestand (.xlsx)"))
    proef = forms.BooleanField(
        label=_("proefrun: laat zien wat er zou gebeuren, sla niets op"), required=False
    )
    deels = forms.BooleanField(
        label=_("goede rijen importeren, ook als andere rijen fout zijn"), required=False
    )


@admin.register(Importrun)
class ImportrunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "soort",
        "bestandsnaam",
        "uitkomst",
        "rijen",
        "aangemaakt",
        "user",
    ]
    list_filter = ["soort", "uitkomst"]
    readonly_fields = [
        "created_at",
        "soort",
        "user",
        "bestandsnaam",
        "sha256",
        "proef",
        "alles_of_niets",
        "uitkomst",
        "rijen",
        "aangemaakt",
        "melding",
        "fouten",
    ]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            return self._importeer(request, form)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Importeren uit Excel"),
            "sjabloon_werkpakketten": "/api/v1/importeren/sjablonen/werkpakketten",
            "sjabloon_werknemers": "/api/v1/importeren/sjablonen/werknemers",
        }
        return TemplateResponse(request, "coop/admin_import.html", context)

    def _importeer(self, request, form: ImportForm):
        bestand = form.cleaned_data["bestand"]
        try:
            uitkomst = importeren.import_run(
                user=request.user,
                soort=form.cleaned_data["soort"],
                bestandsnaam=bestand.name,
                inhoud=import_upload.lees_upload(bestand),
                proef=form.cleaned_data["proef"],
                alles_of_niets=not form.cleaned_data["deels"],
            )
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return redirect("admin:coop_importrun_changelist")
        niveau = messages.ERROR if uitkomst.fouten else messages.SUCCESS
        tekst = (
            f"{uitkomst.rijen} rijen gelezen; {uitkomst.aangemaakt} aangemaakt"
            + (f"; {len(uitkomst.voorbeeld)} zouden worden aangemaakt" if uitkomst.proef else "")
            + (f". Fouten: {uitkomst.samenvatting()}" if uitkomst.fouten else ".")
        )
        self.message_user(request, tekst, niveau)
        run = Importrun.objects.filter(user=request.user).order_by("-pk").first()
        return redirect("admin:coop_importrun_change", run.pk)
