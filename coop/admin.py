"""Dutch admin for the project-wide records: the postcode table, API keys and the audit log.

API keys and the audit log are read-only here: a key is only ever shown once, at login, and
an audit trail that staff could edit would prove nothing.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.geo import parse_coordinate
from coop.models import ApiToken, AuditLog, Postcode
from coop.validators import normalize_postcode


class PostcodeForm(forms.ModelForm):
    class Meta:
        model = Postcode
        fields = ("postcode", "latitude", "longitude", "plaats", "gemeente", "wijk", "buurt")

    def clean_postcode(self):
        return normalize_postcode(self.cleaned_data["postcode"])

    def clean_latitude(self):
        return self._coordinate("latitude")

    def clean_longitude(self):
        return self._coordinate("longitude")

    def _coordinate(self, veld: str):
        try:
            return parse_coordinate(self.cleaned_data[veld], veld)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict[veld]) from exc


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    form = PostcodeForm
    list_display = ("postcode", "plaats", "gemeente", "wijk", "buurt", "latitude", "longitude")
    list_filter = ("gemeente", "wijk")
    search_fields = ("postcode", "wijk", "buurt", "plaats")
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        """'3527tm' and '3527 TM' both find 3527 TM, as staff type either."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            postcode = normalize_postcode(search_term)
        except ValidationError:
            return results, may_have_duplicates
        return results | queryset.filter(postcode=postcode), may_have_duplicates


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = (
        "begin",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "actief",
    )
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    # key_hash stays out: with it an attacker could test guessed keys offline.
    fields = ("begin", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ("intrekken",)

    @admin.display(description=_("begin van de sleutel"))
    def begin(self, obj) -> str:
        return f"{obj.prefix}…"

    @admin.display(description=_("actief"), boolean=True)
    def actief(self, obj) -> bool:
        return obj.is_active

    @admin.action(description=_("Geselecteerde sleutels intrekken"), permissions=["view"])
    def intrekken(self, request, queryset):
        # Revoking only ends access; it changes nothing that was recorded with the key.
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(n)d sleutels ingetrokken.") % {"n": count})


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "object_type", "object_id", "fields")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "user__username", "action", "detail")
    list_select_related = ("user",)
    date_hierarchy = "at"
    fields = ("at", "user", "action", "object_type", "object_id", "fields", "detail")
    readonly_fields = fields


# The broker's, the hours' and the invoices' admin pages register themselves on import.
from coop import admin_afwezigheid, admin_broker, admin_facturen, admin_uren  # noqa: E402,F401
