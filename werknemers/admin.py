"""Dutch admin for the supply registry. The clear BSN and IBAN are never rendered in lists or
forms: the form shows the masked value and a "nieuw BSN/IBAN" field that replaces it only
when filled; a separate, audited view reveals them to staff."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coop.core import geo
from coop.core.fields import blind_index
from coop.core.models import audit
from coop.core.validators import normalize_bsn, normalize_iban
from werknemers.models import (
    Afwezigheid,
    Beschikbaarheid,
    Certificaat,
    CertificaatSoort,
    Vaardigheid,
    Werknemer,
    WerknemerVaardigheid,
)


class NooitTerugInput(forms.TextInput):
    """A text box that never renders a value back, not even the one just typed: a BSN
    must not travel back in HTML (browser caches, screenshots, a colleague's screen)."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return None


class WerknemerForm(forms.ModelForm):
    """Replaces BSN/IBAN only when a new value is typed; never echoes the stored one."""

    nieuw_bsn = forms.CharField(
        label=_("nieuw BSN"),
        required=False,
        widget=NooitTerugInput,
        help_text=_("Laat leeg om het huidige BSN te houden."),
    )
    nieuw_iban = forms.CharField(
        label=_("nieuw IBAN"),
        required=False,
        widget=NooitTerugInput,
        help_text=_("Laat leeg om het huidige IBAN te houden."),
    )

    class Meta:
        model = Werknemer
        # Listed, not excluded: a new sensitive model field must not appear here by default.
        fields = [
            "user",
            "voornaam",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "straat",
            "huisnummer",
            "toevoeging",
            "postcode",
            "plaats",
            "latitude",
            "longitude",
            "wijk",
            "buurt",
            "telefoon",
            "email",
            "talen",
            "max_reisafstand_km",
            "uren_per_week_min",
            "uren_per_week_max",
            "lid_sinds",
            "lid_tot",
            "inleg_betaald",
            "status",
            "sroi_toestemming",
            "sroi_doelgroep",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["nieuw_bsn"].required = True
            self.fields["nieuw_bsn"].label = _("BSN")
            self.fields["nieuw_bsn"].help_text = ""

    def clean_nieuw_bsn(self) -> str:
        waarde = self.cleaned_data["nieuw_bsn"].strip()
        if not waarde:
            return ""
        bsn = normalize_bsn(waarde)
        andere = Werknemer.objects.filter(bsn_index=blind_index(bsn)).exclude(pk=self.instance.pk)
        if andere.exists():
            raise ValidationError(_("Er is al een werknemer met dit BSN."))
        return bsn

    def clean_nieuw_iban(self) -> str:
        waarde = self.cleaned_data["nieuw_iban"].strip()
        return normalize_iban(waarde) if waarde else ""

    def _post_clean(self):
        # Set the new values before the model's own validation runs on the instance.
        if self.cleaned_data.get("nieuw_bsn"):
            self.instance.bsn = self.cleaned_data["nieuw_bsn"]
            self.instance.bsn_index = blind_index(self.instance.bsn)
        if self.cleaned_data.get("nieuw_iban"):
            self.instance.iban = self.cleaned_data["nieuw_iban"]
        super()._post_clean()
        self._fill_address()

    def _fill_address(self) -> None:
        """As in the API: coordinates, wijk and buurt follow a new postcode unless typed."""
        verhuisd = "postcode" in self.changed_data
        getypt = {"latitude", "longitude"} & set(self.changed_data)
        if not (verhuisd or getypt or not self.instance.pk):
            return
        if verhuisd and not getypt:
            self.instance.latitude = self.instance.longitude = None
            for veld in {"wijk", "buurt"} - set(self.changed_data):
                setattr(self.instance, veld, "")
        try:
            geo.fill_address(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)


class WerknemerVaardigheidInline(admin.TabularInline):
    model = WerknemerVaardigheid
    extra = 0
    autocomplete_fields = ["vaardigheid"]


class CertificaatInline(admin.TabularInline):
    model = Certificaat
    extra = 0
    fields = ["soort", "nummer", "geldig_van", "geldig_tot"]


class BeschikbaarheidInline(admin.TabularInline):
    model = Beschikbaarheid
    extra = 0


class AfwezigheidInline(admin.TabularInline):
    model = Afwezigheid
    extra = 0


@admin.register(Werknemer)
class WerknemerAdmin(admin.ModelAdmin):
    form = WerknemerForm
    inlines = [
        WerknemerVaardigheidInline,
        CertificaatInline,
        BeschikbaarheidInline,
        AfwezigheidInline,
    ]
    list_display = ["volledige_naam", "wijk", "status", "bsn_gemaskeerd", "uren_gewenst"]
    list_filter = ["status", "wijk", "vaardigheden__vaardigheid", "sroi_doelgroep"]
    search_fields = ["voornaam", "achternaam", "postcode", "email"]
    readonly_fields = ["bsn_gemaskeerd", "iban_gemaskeerd", "toon_persoonsgegevens"]
    autocomplete_fields = ["user"]
    fieldsets = [
        (
            _("Persoon"),
            {
                "fields": [
                    "user",
                    ("voornaam", "tussenvoegsel", "achternaam"),
                    "geboortedatum",
                    ("bsn_gemaskeerd", "nieuw_bsn"),
                    ("iban_gemaskeerd", "nieuw_iban"),
                    "toon_persoonsgegevens",
                ]
            },
        ),
        (
            _("Adres en contact"),
            {
                "fields": [
                    ("straat", "huisnummer", "toevoeging"),
                    ("postcode", "plaats"),
                    ("latitude", "longitude"),
                    ("wijk", "buurt"),
                    ("telefoon", "email"),
                    "talen",
                ]
            },
        ),
        (
            _("Wensen"),
            {"fields": [("uren_per_week_min", "uren_per_week_max"), "max_reisafstand_km"]},
        ),
        (
            _("Lidmaatschap"),
            {"fields": ["status", ("lid_sinds", "lid_tot"), "inleg_betaald"]},
        ),
        (_("Social return"), {"fields": ["sroi_toestemming", "sroi_doelgroep"]}),
    ]

    @admin.display(description=_("BSN"))
    def bsn_gemaskeerd(self, obj: Werknemer) -> str:
        return obj.bsn_gemaskeerd if obj.pk else "—"

    @admin.display(description=_("IBAN"))
    def iban_gemaskeerd(self, obj: Werknemer) -> str:
        return obj.iban_gemaskeerd if obj.pk else "—"

    @admin.display(description=_("gewenste uren per week"))
    def uren_gewenst(self, obj: Werknemer) -> str:
        return f"{obj.uren_per_week_min}–{obj.uren_per_week_max}"

    @admin.display(description=_("BSN/IBAN inzien"))
    def toon_persoonsgegevens(self, obj: Werknemer) -> str:
        if not obj.pk:
            return "—"
        url = reverse("admin:werknemers_werknemer_persoonsgegevens", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("toon BSN/IBAN"))

    def get_search_results(self, request, queryset, search_term):
        """A full BSN typed in the search box finds the member through the blind index."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        compact = search_term.replace(" ", "").replace(".", "")
        if compact.isdigit() and len(compact) in (8, 9):
            queryset |= self.model.objects.filter(bsn_index=blind_index(compact.zfill(9)))
        return queryset, may_have_duplicates

    def get_urls(self):
        eigen = [
            path(
                "<int:object_id>/persoonsgegevens/",
                self.admin_site.admin_view(self.persoonsgegevens_view),
                name="werknemers_werknemer_persoonsgegevens",
            )
        ]
        return eigen + super().get_urls()

    def persoonsgegevens_view(self, request, object_id: int):
        """GET asks for confirmation; POST reveals BSN and IBAN and writes the audit row."""
        if not (request.user.is_staff and self.has_view_permission(request)):
            raise PermissionDenied
        werknemer = get_object_or_404(Werknemer, pk=object_id)
        onthuld = None
        if request.method == "POST":
            audit(
                user=request.user,
                action="inzage",
                obj=werknemer,
                fields="bsn,iban",
                detail="via beheer",
            )
            onthuld = {"bsn": werknemer.bsn, "iban": werknemer.iban}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": werknemer,
            "title": _("BSN en IBAN van %(naam)s") % {"naam": werknemer.volledige_naam},
            "onthuld": onthuld,
        }
        return TemplateResponse(
            request, "admin/werknemers/werknemer/persoonsgegevens.html", context
        )


@admin.register(Vaardigheid)
class VaardigheidAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "omvat_lijst"]
    search_fields = ["naam", "code"]
    filter_horizontal = ["omvat"]
    prepopulated_fields = {"code": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("omvat")

    @admin.display(description=_("omvat"))
    def omvat_lijst(self, obj: Vaardigheid) -> str:
        return ", ".join(v.naam for v in obj.omvat.all())


@admin.register(CertificaatSoort)
class CertificaatSoortAdmin(admin.ModelAdmin):
    list_display = ["naam", "code"]
    search_fields = ["naam", "code"]
    prepopulated_fields = {"code": ["naam"]}


class GeldigheidFilter(admin.SimpleListFilter):
    title = _("geldigheid")
    parameter_name = "geldigheid"

    def lookups(self, request, model_admin):
        return [
            ("geldig", _("geldig")),
            ("verlopen", _("verlopen")),
            ("toekomstig", _("nog niet geldig")),
        ]

    def queryset(self, request, queryset):
        vandaag = timezone.localdate()
        geldig = Q(geldig_van__lte=vandaag) & (
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag)
        )
        if self.value() == "geldig":
            return queryset.filter(geldig)
        if self.value() == "verlopen":
            return queryset.filter(geldig_tot__lt=vandaag)
        if self.value() == "toekomstig":
            return queryset.filter(geldig_van__gt=vandaag)
        return queryset


@admin.register(Certificaat)
class CertificaatAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "soort", "nummer", "geldig_van", "geldig_tot", "is_geldig"]
    list_filter = [GeldigheidFilter, "soort"]
    search_fields = ["werknemer__voornaam", "werknemer__achternaam", "nummer"]
    autocomplete_fields = ["werknemer"]
    list_select_related = ["werknemer", "soort"]

    @admin.display(description=_("geldig vandaag"), boolean=True)
    def is_geldig(self, obj: Certificaat) -> bool:
        return obj.geldig_op(timezone.localdate())


@admin.register(WerknemerVaardigheid)
class WerknemerVaardigheidAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "vaardigheid", "niveau"]
    list_filter = ["vaardigheid", "niveau"]
    search_fields = ["werknemer__voornaam", "werknemer__achternaam", "vaardigheid__naam"]
    autocomplete_fields = ["werknemer", "vaardigheid"]
    list_select_related = ["werknemer", "vaardigheid"]


@admin.register(Beschikbaarheid)
class BeschikbaarheidAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "weekdag", "begin", "eind"]
    list_filter = ["weekdag"]
    search_fields = ["werknemer__voornaam", "werknemer__achternaam"]
    autocomplete_fields = ["werknemer"]
    list_select_related = ["werknemer"]


@admin.register(Afwezigheid)
class AfwezigheidAdmin(admin.ModelAdmin):
    list_display = ["werknemer", "reden", "van", "tot_en_met"]
    list_filter = ["reden"]
    search_fields = ["werknemer__voornaam", "werknemer__achternaam"]
    autocomplete_fields = ["werknemer"]
    list_select_related = ["werknemer"]
    date_hierarchy = "van"
