"""Staff read what was sent to whom and through which channel; members' preferences."""

from django.contrib import admin

from coop.notificaties.models import Levering, Meldingsvoorkeur, Notificatie


class LeveringInline(admin.TabularInline):
    model = Levering
    extra = 0
    can_delete = False
    fields = [
        "kanaal",
        "status",
        "adres",
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


@admin.register(Meldingsvoorkeur)
class MeldingsvoorkeurAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "email", "sms", "stil_van", "stil_tot", "taal"]
    autocomplete_fields = ["werknemer"]
