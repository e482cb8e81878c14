"""Admin: the link per corporation and its keys, the mapping tables, orders and the status
messages (failed ones can be sent again; they are on staff's worklist, contracten's
Verplichtingen of soort vera_status, until a later message arrives)."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from coop.intake import koppelingen, orderstatus
from coop.intake.models import (
    Gereedmelding,
    Koppeling,
    OnderhoudsoortCategorie,
    Onderhoudsorder,
    Sleutel,
    SpecialismeVaardigheid,
    Statusmelding,
)


class SleutelInline(admin.TabularInline):
    model = Sleutel
    extra = 0
    fields = ("prefix", "naam", "created_at", "laatst_gebruikt_op", "ingetrokken_op")
    readonly_fields = ("prefix", "created_at", "laatst_gebruikt_op")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Koppeling)
class KoppelingAdmin(admin.ModelAdmin):
    list_display = ("werkgever", "tarief_per_uur", "direct_publiceren", "callback_url")
    fields = (
        "werkgever",
        "tarief_per_uur",
        "standaard_uren",
        "direct_publiceren",
        "callback_url",
        "callback_sleutel",
    )
    inlines = [SleutelInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["nieuwe_sleutel", "nieuwe_oauth_client"]

    def get_readonly_fields(self, request, obj=None):
        return ("werkgever",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if not change:
            bestaand = koppelingen.koppeling_voor(obj.werkgever)
            obj.pk, obj.gebruiker_id = bestaand.pk, bestaand.gebruiker_id
            obj.created_at = bestaand.created_at
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Nieuwe X-API-KEY maken (wordt één keer getoond)"))
    def nieuwe_sleutel(self, request, queryset):
        for koppeling in queryset:
            sleutel, key = koppelingen.sleutel_uitgeven(
                werkgever=koppeling.werkgever, naam=f"beheer {request.user}"
            )
            self.message_user(
                request,
                f"Sleutel voor {koppeling.werkgever}: {key} — bewaar hem nu, hij wordt niet "
                "opnieuw getoond.",
                messages.WARNING,
            )

    @admin.action(description=_("Nieuwe OAuth2-client maken (geheim wordt één keer getoond)"))
    def nieuwe_oauth_client(self, request, queryset):
        for koppeling in queryset:
            client, geheim = koppelingen.oauth_client_maken(werkgever=koppeling.werkgever)
            self.message_user(
                request,
                f"OAuth2-client voor {koppeling.werkgever}: client_id {client.client_id}, "
                f"client_secret {geheim} — bewaar het geheim nu, het wordt niet opnieuw getoond.",
                messages.WARNING,
            )


@admin.register(OnderhoudsoortCategorie)
class OnderhoudsoortCategorieAdmin(admin.ModelAdmin):
    list_display = ("code", "categorie")


@admin.register(SpecialismeVaardigheid)
class SpecialismeVaardigheidAdmin(admin.ModelAdmin):
    list_display = ("code", "vaardigheid", "min_niveau")
    autocomplete_fields = ()


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Onderhoudsorder)
class OnderhoudsorderAdmin(AlleenLezen):
    list_display = ("order_id", "koppeling", "status", "status_sinds", "werkpakket", "versie")
    list_filter = ("status", "koppeling")
    search_fields = ("order_id",)


@admin.register(Gereedmelding)
class GereedmeldingAdmin(AlleenLezen):
    list_display = ("werkpakket", "werknemer", "created_at", "reistijd_minuten")


@admin.register(Statusmelding)
class StatusmeldingAdmin(AlleenLezen):
    list_display = ("order", "status", "verzending", "pogingen", "laatste_fout", "created_at")
    list_filter = ("verzending",)
    actions = ["opnieuw_versturen"]

    @admin.action(description=_("Opnieuw versturen"))
    def opnieuw_versturen(self, request, queryset):
        ids = list(
            queryset.filter(verzending=Statusmelding.Verzending.MISLUKT).values_list(
                "pk", flat=True
            )
        )
        Statusmelding.objects.filter(pk__in=ids).update(
            verzending=Statusmelding.Verzending.WACHTEND, pogingen=0
        )
        for pk in ids:
            orderstatus._zet_in_wachtrij(pk)
        self.message_user(request, f"{len(ids)} statusbericht(en) opnieuw in de wachtrij.")
