"""Dutch admin for wages, pay periods, hours lines and payroll exports.

Hours lines and exports are read-only here: they change only through the services (the
API), which apply the rules and the locking. New wages and periods pass the same checks
as the API; an action on periods starts the export.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import ApplicationError
from coop.models import Loonafspraak, Loonexport, Loonperiode, Urenregel
from coop.services.uren import loonafspraken, loonexport, loonperioden
from coop.services.werk import papieren


def _als_formulierfout(exc: ApplicationError) -> ValidationError:
    if exc.fields:
        return ValidationError({veld: meldingen for veld, meldingen in exc.fields.items()})
    return ValidationError(exc.message)


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LoonafspraakForm(forms.ModelForm):
    class Meta:
        model = Loonafspraak
        fields = ("werknemer", "geldig_van", "uurloon", "toelichting")

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and all(
            data.get(k) is not None for k in ("werknemer", "geldig_van", "uurloon")
        ):
            try:
                loonafspraken.loonafspraak_check(
                    werknemer=data["werknemer"],
                    geldig_van=data["geldig_van"],
                    uurloon=data["uurloon"],
                )
            except ApplicationError as exc:
                raise _als_formulierfout(exc) from exc
        return data


@admin.register(Loonafspraak)
class LoonafspraakAdmin(admin.ModelAdmin):
    form = LoonafspraakForm
    list_display = ("werknemer", "geldig_van", "uurloon", "toelichting")
    list_filter = ("geldig_van",)
    search_fields = ("werknemer__achternaam", "werknemer__voornaam")
    autocomplete_fields = ("werknemer",)

    def has_change_permission(self, request, obj=None) -> bool:
        # A wage is history once recorded: a change is a new agreement from a later date.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        # As the API does: the documents the new wage affects get a new version.
        super().save_model(request, obj, form, change)
        if not change:
            papieren.loonafspraak_papieren_create(afspraak=obj, user=request.user)


class LoonperiodeForm(forms.ModelForm):
    class Meta:
        model = Loonperiode
        fields = ("soort", "begin")

    def clean(self):
        data = super().clean()
        if data.get("soort") and data.get("begin"):
            try:
                self.instance.eind = loonperioden.periode_eind(data["soort"], data["begin"])
            except ApplicationError as exc:
                raise _als_formulierfout(exc) from exc
            botsing = Loonperiode.objects.filter(
                begin__lte=self.instance.eind, eind__gte=data["begin"]
            ).exclude(pk=self.instance.pk)
            if botsing.exists():
                raise ValidationError({"begin": _("Overlapt met periode %s.") % botsing.first()})
        return data


@admin.register(Loonperiode)
class LoonperiodeAdmin(admin.ModelAdmin):
    form = LoonperiodeForm
    list_display = ("code", "soort", "begin", "eind", "status", "geexporteerd_op")
    list_filter = ("soort", "status")
    readonly_fields = ("eind", "status", "geexporteerd_op")
    actions = ("exporteren", "voorschot")

    def has_change_permission(self, request, obj=None) -> bool:
        return (
            obj is None or obj.status == Loonperiode.Status.OPEN
        ) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (
            obj is not None and obj.status == Loonperiode.Status.OPEN and not obj.exports.exists()
        )

    @admin.action(description=_("Exporteren naar de salarisadministratie"), permissions=["view"])
    def exporteren(self, request, queryset):
        for periode in queryset.order_by("begin"):
            try:
                export = loonexport.loonexport_start(user=request.user, periode_id=periode.pk)
            except ApplicationError as exc:
                self.message_user(request, f"{periode.code}: {exc.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                _("Export %(id)d van %(code)s is gestart; volg de voortgang bij Loonexports.")
                % {"id": export.pk, "code": periode.code},
            )

    @admin.action(
        description=_("Voorschot (proefrun): exporteren zonder uren te vergrendelen"),
        permissions=["view"],
    )
    def voorschot(self, request, queryset):
        for periode in queryset.order_by("begin"):
            try:
                export = loonexport.loonexport_start(
                    user=request.user, periode_id=periode.pk, voorschot=True
                )
            except ApplicationError as exc:
                self.message_user(request, f"{periode.code}: {exc.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                _(
                    "Voorschot %(id)d van %(code)s is gestart; er worden geen uren vergrendeld "
                    "en de periode blijft open."
                )
                % {"id": export.pk, "code": periode.code},
            )


@admin.register(Urenregel)
class UrenregelAdmin(AlleenLezen):
    list_display = (
        "datum",
        "werknemer",
        "werkgever",
        "soort",
        "status",
        "gewerkte_uren",
        "aanvulling_uren",
        "doorbetaalde_uren",
        "betaalde_uren",
        "periode",
    )
    list_filter = ("status", "soort", "periode")
    search_fields = ("inzet__werknemer__achternaam", "inzet__dienst__locatie__werkgever__naam")
    date_hierarchy = "datum"
    list_select_related = ("inzet__werknemer", "inzet__dienst__locatie__werkgever", "periode")

    @admin.display(description=_("werknemer"))
    def werknemer(self, obj) -> str:
        return obj.inzet.werknemer.volledige_naam

    @admin.display(description=_("werkgever"))
    def werkgever(self, obj) -> str:
        return obj.inzet.dienst.locatie.werkgever.naam


@admin.register(Loonexport)
class LoonexportAdmin(AlleenLezen):
    list_display = (
        "pk",
        "periode",
        "status",
        "voortgang",
        "aantal_regels",
        "aantal_werknemers",
        "totaal_uren",
        "totaal_bruto",
        "klaar_op",
        "voorschot",
    )
    list_filter = ("status", "voorschot")
    list_select_related = ("periode",)
