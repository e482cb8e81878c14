"""Dutch admin for the demand registry: werkgevers with their locaties and users inline.

Locaties saved here are geocoded the same way as through the API (coop.core.geo.fill_address):
without coordinates the postcode must be known.
"""

from types import SimpleNamespace

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coop.core import geo
from coop.core.validators import normalize_kvk
from werkgevers.models import Locatie, Werkgever, WerkgeverGebruiker

ADRES_FIELDS = (
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "latitude",
    "longitude",
    "wijk",
    "buurt",
)


class LocatieForm(forms.ModelForm):
    """Geocodes on save; a changed address without new coordinates is looked up again."""

    class Meta:
        model = Locatie
        fields = ("werkgever", "naam", "actief", *ADRES_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        adres = SimpleNamespace(
            **{
                k: cleaned[k] if k in self.fields else getattr(self.instance, k)
                for k in ADRES_FIELDS
            }
        )
        changed = set(self.changed_data)
        if self.instance.pk and changed & {"postcode", "huisnummer"}:
            if not changed & {"latitude", "longitude"}:
                adres.latitude = adres.longitude = None
            adres.wijk = adres.wijk if "wijk" in changed else ""
            adres.buurt = adres.buurt if "buurt" in changed else ""
        try:
            geo.fill_address(adres)
        except ValidationError as exc:  # shown at the field it names, if this form has it
            raise ValidationError(
                {
                    (k if k in self.fields else NON_FIELD_ERRORS): v
                    for k, v in exc.message_dict.items()
                }
            ) from exc
        for name in ADRES_FIELDS:
            if name in self.fields:
                cleaned[name] = getattr(adres, name)
            else:  # not on this (inline) form: construct_instance would skip it
                setattr(self.instance, name, getattr(adres, name))
        return cleaned


class WerkgeverForm(forms.ModelForm):
    # Wider than the column: staff paste "30 12 34 56"; clean_kvk_nummer makes it 8 digits.
    kvk_nummer = forms.CharField(label=_("KvK-nummer"), max_length=20)

    class Meta:
        model = Werkgever
        fields = (
            "naam",
            "kvk_nummer",
            "soort",
            "status",
            "lid_sinds",
            "lid_tot",
            "email",
            "telefoon",
        )

    def clean_kvk_nummer(self):
        return normalize_kvk(self.cleaned_data["kvk_nummer"])


class LocatieInline(admin.TabularInline):
    model = Locatie
    form = LocatieForm
    extra = 0
    fields = ("naam", "straat", "huisnummer", "toevoeging", "postcode", "plaats", "wijk", "actief")
    show_change_link = True


class WerkgeverGebruikerInline(admin.TabularInline):
    model = WerkgeverGebruiker
    extra = 0
    fields = ("user", "is_beheerder")
    autocomplete_fields = ("user",)


@admin.register(Werkgever)
class WerkgeverAdmin(admin.ModelAdmin):
    form = WerkgeverForm
    list_display = (
        "naam",
        "kvk_nummer",
        "soort",
        "status",
        "lid_sinds",
        "lid_tot",
        "aantal_locaties",
    )
    list_filter = ("status", "soort")
    search_fields = ("naam", "kvk_nummer", "email")
    date_hierarchy = "lid_sinds"
    fieldsets = (
        (None, {"fields": ("naam", "kvk_nummer", "soort")}),
        (_("Lidmaatschap"), {"fields": ("status", "lid_sinds", "lid_tot")}),
        (_("Contact"), {"fields": ("email", "telefoon")}),
    )
    inlines = (LocatieInline, WerkgeverGebruikerInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_locaties=Count("locaties", filter=Q(locaties__actief=True)))
        )

    @admin.display(description=_("actieve locaties"), ordering="_locaties")
    def aantal_locaties(self, obj) -> int:
        return obj._locaties


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin):
    form = LocatieForm
    list_display = ("naam", "werkgever", "adresregel", "wijk", "buurt", "actief")
    list_filter = ("actief", "wijk", "werkgever__soort")
    search_fields = ("naam", "straat", "postcode", "buurt", "werkgever__naam")
    list_select_related = ("werkgever",)
    autocomplete_fields = ("werkgever",)
    actions = ("deactiveren", "activeren")
    fieldsets = (
        (None, {"fields": ("werkgever", "naam", "actief")}),
        (_("Adres"), {"fields": ("straat", ("huisnummer", "toevoeging"), ("postcode", "plaats"))}),
        (
            _("Ligging"),
            {
                "fields": (("latitude", "longitude"), ("wijk", "buurt")),
                "description": _(
                    "Laat de coördinaten leeg om ze bij de postcode op te zoeken in de "
                    "postcodetabel."
                ),
            },
        ),
    )

    @admin.display(description=_("adres"))
    def adresregel(self, obj) -> str:
        return obj.adresregel

    @admin.action(description=_("Geselecteerde locaties deactiveren"))
    def deactiveren(self, request, queryset):
        count = queryset.update(actief=False)
        self.message_user(request, _("%(n)d locaties gedeactiveerd.") % {"n": count})

    @admin.action(description=_("Geselecteerde locaties activeren"))
    def activeren(self, request, queryset):
        count = queryset.update(actief=True)
        self.message_user(request, _("%(n)d locaties geactiveerd.") % {"n": count})


@admin.register(WerkgeverGebruiker)
class WerkgeverGebruikerAdmin(admin.ModelAdmin):
    list_display = ("user", "email", "werkgever", "is_beheerder", "actief")
    list_filter = ("is_beheerder", "user__is_active", "werkgever")
    search_fields = ("user__username", "user__email", "werkgever__naam")
    list_select_related = ("user", "werkgever")
    autocomplete_fields = ("user", "werkgever")

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj) -> str:
        return obj.user.email

    @admin.display(description=_("actief"), boolean=True, ordering="user__is_active")
    def actief(self, obj) -> bool:
        return obj.user.is_active
