"""Staff read what was sent to whom and through which channel; members' preferences."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import ApplicationError
from coop.core.fields import mask
from coop.notificaties.models import Levering, Meldingsvoorkeur, Notificatie
from coop.notificaties.versturen import levering_resend


class GemaskeerdAdres:
    """The member's e-mail address or number, masked like every listing of personal data."""

    @admin.display(description=_("adres of nummer"))
    def adres_gemaskeerd(self, obj: Levering) -> str:
        return mask(obj.adres)


class LeveringInline(GemaskeerdAdres, admin.TabularInline):
    model = Levering
    extra = 0
    can_delete = False
    fields = [
        "kanaal",
        "status",
        "adres_gemaskeerd",
        "pogingen",
        "volgende_poging",
        "verzonden_op",
        "laatste_fout",
    ]
    readonly_fields = fields


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "werknemer", "soort", "sleutel", "dringend", "gelezen_op"]
    list_filter = ["soort", "dringend"]
    search_fields = ["werknemer__voornaam", "werknemer__achternaam", "sleutel"]
    readonly_fields = [f.name for f in Notificatie._meta.fields]
    inlines = [LeveringInline]

    def has_add_permission(self, request):
        return False


@admin.register(Levering)
class LeveringAdmin(GemaskeerdAdres, admin.ModelAdmin):
    """Deliveries per channel; one that failed is sent again from here after the member's
    address or number is corrected."""

    list_display = [
        "notificatie",
        "kanaal",
        "status",
        "adres_gemaskeerd",
        "pogingen",
        "volgende_poging",
        "laatste_fout",
    ]
    list_filter = ["status", "kanaal"]
    list_select_related = ["notificatie__werknemer"]
    search_fields = ["notificatie__werknemer__voornaam", "notificatie__werknemer__achternaam"]
    readonly_fields = [f.name for f in Levering._meta.fields if f.name != "adres"] + [
        "adres_gemaskeerd"
    ]
    exclude = ["adres"]
    actions = ["opnieuw_versturen"]

    @admin.action(description=_("Opnieuw versturen (naar het huidige adres of nummer)"))
    def opnieuw_versturen(self, request, queryset):
        gelukt = 0
        for levering in queryset:
            try:
                levering_resend(user=request.user, levering_id=levering.pk)
                gelukt += 1
            except ApplicationError as fout:
                self.message_user(request, f"{levering}: {fout.message}", messages.WARNING)
        if gelukt:
            self.message_user(
                request, _("%(aantal)d bericht(en) opnieuw in de wachtrij.") % {"aantal": gelukt}
            )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meldingsvoorkeur)
class MeldingsvoorkeurAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "email", "sms", "stil_van", "stil_tot", "taal"]
    autocomplete_fields = ["werknemer"]
