"""Dutch admin for absence: staff report sickness or "kan niet" for a member, record recovery,
approve or decline leave (the reason typed in the action bar), and see current absences with
their released shifts. Every change goes through coop.services.werk.afwezigheid and
coop.services.werk.verlof, as in the API; the records themselves are not edited here.
The worklist page (linked from the list) shows what the API's worklist shows (current
absences, reporting deadlines, recovery due, leave requests and lapsing hours) and every
permanent-job member's holiday balance for the year.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.core.exceptions import ApplicationError
from coop.models import Afwezigheidsmelding, Vrijgave
from coop.selectors import afwezigheid as selectors
from coop.services.werk import afwezigheid as services
from coop.services.werk import verlof as verlof_services


class MeldingForm(forms.ModelForm):
    """Staff report sickness or "kan niet"; leave is asked by the member."""

    soort = forms.ChoiceField(
        label=_("soort"),
        choices=[
            (Afwezigheidsmelding.Soort.ZIEK, _("ziek")),
            (Afwezigheidsmelding.Soort.KAN_NIET, _("kan niet")),
        ],
    )

    class Meta:
        model = Afwezigheidsmelding
        fields = ("werknemer", "soort", "van", "tot", "reden")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.melding = None

    def clean(self):
        data = super().clean()
        if self.errors or self.request is None:
            return data
        try:
            self.melding, _nieuw = services.afwezigheid_report(
                user=self.request.user,
                soort=data["soort"],
                van=data["van"],
                tot=data.get("tot"),
                reden=data.get("reden") or "",
                werknemer_id=data["werknemer"].pk,
            )
        except ApplicationError as exc:
            velden = {k: v for k, v in exc.fields.items() if k in self.fields}
            raise ValidationError(velden or exc.message) from exc
        return data


class AfwezigheidActieForm(ActionForm):
    """The action bar, with the reason a leave request is turned down for (the member reads
    it; the service refuses an empty one)."""

    reden = forms.CharField(label=_("Reden (bij afwijzen)"), max_length=300, required=False)


class VrijgaveInline(admin.TabularInline):
    model = Vrijgave
    extra = 0
    can_delete = False
    fields = ("inzet", "korte_termijn", "nieuw_aanbod", "op")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Afwezigheidsmelding)
class AfwezigheidsmeldingAdmin(admin.ModelAdmin):
    list_display = ("werknemer", "soort", "status", "van", "tot", "hersteld_per", "korte_termijn")
    list_filter = ("soort", "status", "korte_termijn")
    search_fields = ("werknemer__voornaam", "werknemer__achternaam")
    date_hierarchy = "van"
    inlines = [VrijgaveInline]
    actions = ["beter_melden_vandaag", "verlof_goedkeuren", "verlof_afwijzen"]
    action_form = AfwezigheidActieForm
    change_list_template = "coop/admin_afwezigheid_lijst.html"
    readonly_fields = (
        "werknemer",
        "soort",
        "status",
        "van",
        "tot",
        "reden",
        "korte_termijn",
        "gemeld_door",
        "gemeld_op",
        "hersteld_per",
        "beoordeeld_door",
        "beoordeeld_op",
        "uren",
        "bevestiging",
    )

    def get_urls(self):
        eigen = [
            path(
                "werklijst/",
                self.admin_site.admin_view(self.werklijst_view),
                name="coop_afwezigheidsmelding_werklijst",
            )
        ]
        return eigen + super().get_urls()

    def werklijst_view(self, request):
        """Current absences, deadlines, recovery due, leave requests and the balances."""
        jaar = timezone.localdate().year
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Werklijst afwezigheid en verlof"),
            "punten": selectors.werklijst(request.user),
            "saldi": selectors.verlofsaldi(request.user, jaar=jaar),
            "jaar": jaar,
        }
        return TemplateResponse(request, "coop/admin_afwezigheid_werklijst.html", context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        kwargs["form"] = MeldingForm
        form = super().get_form(request, obj, **kwargs)

        class MetVerzoek(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return MetVerzoek

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:  # the service stored it in the form's clean
            obj.pk = form.melding.pk

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Beter melden per vandaag"))
    def beter_melden_vandaag(self, request, queryset):
        self._elk(
            request,
            queryset,
            lambda m: services.afwezigheid_recover(
                user=request.user, melding_id=m.pk, hersteld_per=timezone.localdate()
            ),
        )

    @admin.action(description=_("Verlof goedkeuren"))
    def verlof_goedkeuren(self, request, queryset):
        self._elk(
            request,
            queryset,
            lambda m: verlof_services.verlof_approve(user=request.user, melding_id=m.pk),
        )

    @admin.action(description=_("Verlof afwijzen (met reden)"))
    def verlof_afwijzen(self, request, queryset):
        reden = request.POST.get("reden", "")
        self._elk(
            request,
            queryset,
            lambda m: verlof_services.verlof_decline(
                user=request.user, melding_id=m.pk, reden=reden
            ),
        )

    def _elk(self, request, queryset, doe) -> None:
        for melding in queryset:
            try:
                doe(melding)
            except ApplicationError as exc:
                self.message_user(request, f"{melding}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{melding}: verwerkt.", messages.SUCCESS)
