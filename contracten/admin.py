"""Read-only admin for issued documents: find, verify and download; never edit."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from contracten.documenten import DocumentBeschadigd, document_inhoud
from contracten.models import Arbeidscontract, Document, Oproep, Verplichting
from contracten.weergave import DocumentNogNietKlaar
from contracten.werklijst import verplichting_afhandelen
from coop.core.models import audit


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = (
        "nummer",
        "versie",
        "soort",
        "werknemer",
        "werkgever",
        "uitgegeven_op",
        "download",
    )
    list_filter = (
        "soort",
        "weergave",
        ("werknemer", admin.RelatedOnlyFieldListFilter),
        "uitgegeven_op",
    )
    search_fields = ("nummer", "werknemer__achternaam", "werknemer__voornaam", "sha256")
    list_select_related = ("werknemer", "werkgever")
    date_hierarchy = "uitgegeven_op"
    fields = (
        "nummer",
        "versie",
        "soort",
        "werknemer",
        "werkgever",
        "uitgegeven_op",
        "uitgegeven_door",
        "versieketen",
        "download",
        "weergave",
        "weergave_pogingen",
        "weergave_fout",
        "sha256",
        "bestand",
        "grootte",
        "gegevens_sha256",
        "gegevens",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        eigen = [
            path(
                "<int:document_id>/pdf/",
                self.admin_site.admin_view(self.download_view),
                name="contracten_document_pdf",
            )
        ]
        return eigen + super().get_urls()

    @admin.display(description=_("PDF"))
    def download(self, obj: Document) -> str:
        url = reverse("admin:contracten_document_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.bestandsnaam)

    @admin.display(description=_("versieketen"))
    def versieketen(self, obj: Document) -> str:
        """Every version of this number, oldest first, the current one in bold."""
        versies = Document.objects.filter(nummer=obj.nummer).order_by("versie")
        onderdelen = [
            format_html("<b>versie {}</b>", v.versie)
            if v.pk == obj.pk
            else format_html(
                '<a href="{}">versie {}</a>',
                reverse("admin:contracten_document_change", args=[v.pk]),
                v.versie,
            )
            for v in versies
        ]
        # Every part is escaped by format_html; the separator is a constant.
        return mark_safe(" → ".join(onderdelen))

    def download_view(self, request, document_id: int):
        document = get_object_or_404(Document, pk=document_id)
        if not self.has_view_permission(request, document):
            return HttpResponseRedirect(reverse("admin:index"))
        try:
            data = document_inhoud(document)
        except (DocumentBeschadigd, DocumentNogNietKlaar) as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:contracten_document_change", args=[document.pk])
            )
        audit(user=request.user, action="document_gedownload", obj=document, detail="admin")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.bestandsnaam}"'
        response["X-Document-SHA256"] = document.sha256 or ""  # set: the bytes were read
        return response


class _AlleenLezen(admin.ModelAdmin):
    """Records made by services only: staff read them here, they never edit them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _document_link(document: Document | None) -> str:
    if document is None:
        return "—"
    url = reverse("admin:contracten_document_pdf", args=[document.pk])
    return format_html('<a href="{}">{}</a>', url, document.nummer)


@admin.register(Arbeidscontract)
class ArbeidscontractAdmin(_AlleenLezen):
    list_display = (
        "werknemer",
        "soort",
        "functie",
        "begin",
        "eind",
        "bepaalde_tijd",
        "nummer_in_keten",
        "proeftijd_maanden",
        "uurloon",
        "pdf",
    )
    list_filter = ("soort", "bepaalde_tijd", "status", "begin")
    search_fields = ("werknemer__achternaam", "werknemer__voornaam", "document__nummer")
    list_select_related = ("werknemer", "document")
    readonly_fields = [f.name for f in Arbeidscontract._meta.fields]

    @admin.display(description=_("document"))
    def pdf(self, obj: Arbeidscontract) -> str:
        return _document_link(obj.document)


@admin.register(Oproep)
class OproepAdmin(_AlleenLezen):
    list_display = (
        "werknemer",
        "werkgever",
        "begin",
        "betaalde_uren",
        "korte_termijn",
        "status",
        "uren_doorbetaald",
        "pdf",
    )
    list_filter = ("status", "korte_termijn", ("werkgever", admin.RelatedOnlyFieldListFilter))
    search_fields = ("werknemer__achternaam", "document__nummer", "kenmerk")
    list_select_related = ("werknemer", "werkgever", "document")
    readonly_fields = [f.name for f in Oproep._meta.fields]

    @admin.display(description=_("oproep"))
    def pdf(self, obj: Oproep) -> str:
        return _document_link(obj.document)


@admin.register(Verplichting)
class VerplichtingAdmin(_AlleenLezen):
    """The worklist: what is due, for whom, by when; the action marks items done."""

    list_display = ("vervaldatum", "soort", "werknemer", "toelichting", "status", "brief")
    list_filter = ("status", "soort", "vervaldatum")
    search_fields = ("werknemer__achternaam", "werknemer__voornaam", "toelichting")
    list_select_related = ("werknemer", "document")
    date_hierarchy = "vervaldatum"
    ordering = ("status", "vervaldatum", "pk")
    readonly_fields = [f.name for f in Verplichting._meta.fields]
    actions = ("markeer_afgehandeld",)

    @admin.display(description=_("brief"))
    def brief(self, obj: Verplichting) -> str:
        return _document_link(obj.document)

    def has_change_permission(self, request, obj=None) -> bool:
        # The action needs change permission on the changelist; the form stays read-only.
        return obj is None and request.user.is_staff

    @admin.action(description=_("Markeer als afgehandeld"))
    def markeer_afgehandeld(self, request, queryset):
        klaar = 0
        for item in queryset.filter(status=Verplichting.Status.OPEN):
            verplichting_afhandelen(verplichting=item, user=request.user, afhandeling="via beheer")
            klaar += 1
        self.message_user(request, _("%(n)d verplichting(en) afgehandeld.") % {"n": klaar})


# The legal figures staff maintain have their own module (registered on import).
from contracten import admin_gegevens  # noqa: E402,F401
