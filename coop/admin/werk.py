"""The broker's admin: what a coop office works with every day, in Dutch."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from coop.admin.dienstform import DienstForm
from coop.core.exceptions import ApplicationError
from coop.models import (
    Aanbod,
    Bundelrun,
    Dienst,
    Fragment,
    Gebeurtenis,
    Instellingen,
    Inzet,
    Job,
    PakketTijdvak,
    PakketVaardigheid,
    PakketVenster,
    Werkpakket,
)
from coop.services.werk import aanbod as aanbod_services
from coop.services.werk import bundelen as bundel_services
from coop.services.werk import inzet as inzet_services
from coop.services.werk import werkpakket as pakket_services


def _run(modeladmin, request, queryset, service, gelukt: str) -> None:
    """Call a service per selected object; report successes and refusals in Dutch."""
    ok = 0
    for obj in queryset:
        try:
            service(request.user, obj)
            ok += 1
        except ApplicationError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.message}", messages.WARNING)
    if ok:
        modeladmin.message_user(request, gelukt.format(n=ok), messages.SUCCESS)


@admin.register(Instellingen)
class InstellingenAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "structureel_min_weken",
        "max_dienst_uren",
        "bundel_min_uren",
        "bundel_max_uren",
        "aanbod_geldig_uren",
    ]
    fieldsets = [
        (_("Indelen"), {"fields": ["structureel_min_weken", "max_dienst_uren"]}),
        (
            _("Bundelen"),
            {
                "fields": [
                    "bundel_min_uren",
                    "bundel_max_uren",
                    "reissnelheid_kmh",
                    "bundel_max_afstand_km",
                ]
            },
        ),
        (
            _("Matchen"),
            {
                "fields": [
                    "gewicht_afstand",
                    "gewicht_zelfde_wijk",
                    "gewicht_eerlijkheid",
                    "doelgroep_bonus",
                    "gewicht_continuiteit",
                ]
            },
        ),
        (_("Aanbiedingen"), {"fields": ["aanbod_geldig_uren"]}),
    ]

    def has_add_permission(self, request):
        return not Instellingen.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PakketVaardigheidInline(admin.TabularInline):
    model = PakketVaardigheid
    extra = 0


class PakketTijdvakInline(admin.TabularInline):
    model = PakketTijdvak
    extra = 0


class PakketVensterInline(admin.TabularInline):
    model = PakketVenster
    extra = 0


class GebeurtenisInline(admin.TabularInline):
    model = Gebeurtenis
    fk_name = "werkpakket"
    fields = ["at", "soort", "tekst", "user"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Werkpakket)
class WerkpakketAdmin(admin.ModelAdmin):
    list_display = [
        "titel",
        "werkgever",
        "soort",
        "categorie",
        "status",
        "regie",
        "tarief_per_uur",
        "created_at",
    ]
    list_filter = ["status", "soort", "categorie", "regie", "werkgever"]
    search_fields = ["titel", "werkgever__naam", "locatie__naam", "locatie__postcode"]
    list_select_related = ["werkgever"]
    autocomplete_fields = ["werkgever", "locatie"]
    filter_horizontal = ["vereiste_certificaten"]
    readonly_fields = ["status", "gepubliceerd_op"]
    inlines = [
        PakketVaardigheidInline,
        PakketTijdvakInline,
        PakketVensterInline,
        GebeurtenisInline,
    ]
    actions = ["publiceren", "annuleren"]
    date_hierarchy = "created_at"

    @admin.action(description=_("Publiceren en indelen in banen en diensten"))
    def publiceren(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda user, obj: pakket_services.werkpakket_publish(user=user, werkpakket_id=obj.pk),
            "{n} werkpakket(ten) gepubliceerd en ingedeeld.",
        )

    @admin.action(description=_("Annuleren"))
    def annuleren(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda user, obj: pakket_services.werkpakket_cancel(user=user, werkpakket_id=obj.pk),
            "{n} werkpakket(ten) geannuleerd.",
        )


class FragmentInline(admin.TabularInline):
    model = Fragment
    fields = ["werkpakket", "weekdag", "begin", "eind", "uren"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DienstInline(admin.TabularInline):
    model = Dienst
    fields = ["start", "eind", "locatie", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    max_num = 0


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "soort",
        "status",
        "uren_per_week",
        "werknemer",
        "werkpakket",
        "created_at",
    ]
    list_filter = ["soort", "status"]
    search_fields = ["reden", "werkpakket__titel", "werknemer__achternaam"]
    list_select_related = ["werkpakket", "werknemer"]
    readonly_fields = [
        "soort",
        "reden",
        "werkpakket",
        "werknemer",
        "status",
        "startdatum",
        "einddatum",
        "uren_per_week",
    ]
    inlines = [FragmentInline, DienstInline]


@admin.register(Fragment)
class FragmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "werkpakket", "weekdag", "begin", "eind", "uren", "job"]
    list_filter = ["weekdag", ("job", admin.EmptyFieldListFilter)]
    search_fields = ["werkpakket__titel", "werkpakket__werkgever__naam"]
    list_select_related = ["werkpakket", "job"]
    readonly_fields = ["werkpakket", "job", "weekdag", "begin", "eind", "uren", "reden"]


@admin.register(Bundelrun)
class BundelrunAdmin(admin.ModelAdmin):
    """'Toevoegen' runs the bundling over every unbundled fragment and shows the outcome."""

    list_display = [
        "at",
        "fragmenten",
        "totale_uren",
        "gebundelde_uren",
        "bovengrens_uren",
        "over_uren",
        "banen",
        "per_grootte",
        "user",
    ]
    readonly_fields = list_display

    def add_view(self, request, form_url="", extra_context=None):
        try:
            run = bundel_services.bundel_run(user=request.user)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(
                request,
                f"{run.gebundelde_uren} van {run.totale_uren} structurele uren gebundeld in "
                f"{run.banen} vaste banen; {run.over_uren} uur over.",
                messages.SUCCESS,
            )
        return redirect("admin:coop_bundelrun_changelist")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dienst)
class DienstAdmin(admin.ModelAdmin):
    form = DienstForm
    list_display = ["start", "eind", "pauze_minuten", "locatie", "job", "status"]
    list_filter = ["status", "job__soort", "locatie__werkgever"]
    search_fields = ["locatie__naam", "job__werkpakket__titel"]
    list_select_related = ["locatie", "locatie__werkgever", "job"]
    date_hierarchy = "start"
    readonly_fields = ["job", "locatie", "fragment", "start", "eind", "status"]
    actions = ["aanbieden"]

    def get_readonly_fields(self, request, obj=None):
        # The planned break is set while the shift is open: offers and acceptance check it.
        if obj is not None and obj.status != Dienst.Status.OPEN:
            return [*self.readonly_fields, "pauze_minuten"]
        return self.readonly_fields

    @admin.action(description=_("Aanbieden aan de best passende kandidaat"))
    def aanbieden(self, request, queryset):
        def offer(user, dienst):
            if aanbod_services.dienst_offer_next(dienst_id=dienst.pk, user=user) is None:
                raise ApplicationError("geen (volgende) geschikte kandidaat of al een open aanbod.")

        _run(self, request, queryset, offer, "{n} dienst(en) aangeboden.")


class AanbodGebeurtenisInline(GebeurtenisInline):
    fk_name = "aanbod"


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "werknemer",
        "dienst",
        "job",
        "status",
        "deadline",
        "korte_termijn",
        "score",
    ]
    list_filter = ["status", "korte_termijn", "job__soort"]
    search_fields = ["werknemer__achternaam", "werknemer__voornaam", "job__werkpakket__titel"]
    list_select_related = ["werknemer", "dienst", "dienst__locatie", "job"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "werknemer",
        "job",
        "dienst",
        "status",
        "deadline",
        "beantwoord_op",
        "korte_termijn",
        "score",
        "toelichting",
    ]
    inlines = [AanbodGebeurtenisInline]

    def has_add_permission(self, request):
        return False


class InzetGebeurtenisInline(GebeurtenisInline):
    fk_name = "inzet"


@admin.register(Inzet)
class InzetAdmin(admin.ModelAdmin):
    list_display = [
        "werknemer",
        "dienst",
        "start",
        "eind",
        "status",
        "late_annulering",
        "uren_doorbetaald",
    ]
    list_filter = ["status", "late_annulering", "dienst__job__soort", "dienst__locatie__werkgever"]
    search_fields = ["werknemer__achternaam", "werknemer__voornaam", "dienst__locatie__naam"]
    list_select_related = ["werknemer", "dienst", "dienst__locatie"]
    date_hierarchy = "start"
    readonly_fields = [
        "werknemer",
        "dienst",
        "aanbod",
        "start",
        "eind",
        "status",
        "geannuleerd_op",
        "late_annulering",
        "uren_doorbetaald",
    ]
    inlines = [InzetGebeurtenisInline]
    actions = ["annuleren"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Annuleren (binnen de oproeptermijn: uren worden doorbetaald)"))
    def annuleren(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda user, obj: inzet_services.inzet_cancel(
                user=user, inzet_id=obj.pk, reden="via beheer"
            ),
            "{n} inzet(ten) geannuleerd.",
        )


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    list_display = ["at", "soort", "tekst", "user"]
    list_filter = ["soort"]
    search_fields = ["tekst"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
