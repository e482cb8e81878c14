"""The admin where broker staff add the legal figures of a new period, without a release.

A new row: which figure, from which date (until which, if published so), the value in the
table's shape (pre-filled with the latest row), the source and the confidence. A row starting
on the same day as an existing one replaces it (the old one stays, as the record of what was
applied). A row that a document, hours line or export used cannot be changed or deleted; its
source, confidence and 'provisional' mark can still be improved. Every change is audit-logged.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from contracten.feiten import OngeldigeWaarde, naar_json
from contracten.gegevens import waarde_lezen
from contracten.models import GEGEVEN_INHOUD, WettelijkGegeven
from contracten.tabellen import REGISTER
from coop.core.models import audit

TABEL_KEUZES = [(sleutel, tabel.onderwerp) for sleutel, tabel in REGISTER.items()]


class WettelijkGegevenForm(forms.ModelForm):
    tabel = forms.ChoiceField(label=_("gegeven"), choices=TABEL_KEUZES)
    waarde = forms.CharField(
        label=_("waarde"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text=_(
            'In dezelfde vorm als de vorige rij (JSON), bijvoorbeeld bedragen als "15.28".'
        ),
    )

    class Meta:
        model = WettelijkGegeven
        fields = ("tabel", "geldig_van", "geldig_tot", "waarde", "bron", "zekerheid", "voorlopig")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["waarde"] = json.dumps(self.instance.waarde, indent=2, ensure_ascii=False)
        elif "waarde" not in self.initial:
            sleutel = self.initial.get("tabel") or TABEL_KEUZES[0][0]
            laatste = REGISTER[sleutel].rijen[-1]
            self.initial["waarde"] = json.dumps(naar_json(laatste.waarde), indent=2)

    def clean_waarde(self):
        try:
            return json.loads(self.cleaned_data["waarde"])
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Geen geldige JSON.")) from None

    def clean(self):
        data = super().clean()
        sleutel, waarde = data.get("tabel"), data.get("waarde")
        if sleutel in REGISTER and waarde is not None:
            try:
                waarde_lezen(REGISTER[sleutel], waarde)
            except OngeldigeWaarde as exc:
                self.add_error("waarde", str(exc))
        if sleutel in REGISTER and data.get("geldig_van") and not self.instance.pk:
            self._controleer_periode(sleutel, data["geldig_van"], data.get("geldig_tot"))
        return data

    def _controleer_periode(self, sleutel, van, tot) -> None:
        """A new row may replace a row starting the same day, or start where nothing explicit
        holds; it never cuts into another row's published period."""
        for rij in REGISTER[sleutel].rijen:
            if rij.geldig_van == van or rij.demo:
                continue
            eigen_eind = rij.geldig_tot
            if rij.geldig_van < van and eigen_eind is not None and van <= eigen_eind:
                bron = WettelijkGegeven.objects.filter(pk=rij.id).first() if rij.id else None
                if bron is None or bron.geldig_tot is not None:
                    self.add_error(
                        "geldig_van",
                        _(
                            "Valt binnen de rij van %(van)s t/m %(tot)s. Laat de nieuwe rij "
                            "op %(volgende)s beginnen, of op %(van)s om die rij te vervangen."
                        )
                        % {
                            "van": f"{rij.geldig_van:%d-%m-%Y}",
                            "tot": f"{eigen_eind:%d-%m-%Y}",
                            "volgende": f"{eigen_eind + timedelta(days=1):%d-%m-%Y}",
                        },
                    )
                    return
            if rij.geldig_van > van and (tot is None or tot >= rij.geldig_van):
                self.add_error(
                    "geldig_tot",
                    _("Moet eindigen voor de volgende rij, die op %(van)s begint.")
                    % {"van": f"{rij.geldig_van:%d-%m-%Y}"},
                )
                return


@admin.register(WettelijkGegeven)
class WettelijkGegevenAdmin(admin.ModelAdmin):
    form = WettelijkGegevenForm
    list_display = (
        "onderwerp",
        "geldig_van",
        "geldig_tot",
        "waarde_kort",
        "zekerheid",
        "kenmerk",
        "herkomst",
        "gebruikt_op",
        "ingevoerd_door",
        "created_at",
    )
    list_filter = ("tabel", "voorlopig", "demo", "herkomst", "zekerheid")
    search_fields = ("tabel", "bron")
    list_select_related = ("ingevoerd_door", "vervangen_door")
    ordering = ("tabel", "-geldig_van", "-id")

    @admin.display(description=_("gegeven"), ordering="tabel")
    def onderwerp(self, obj: WettelijkGegeven) -> str:
        tabel = REGISTER.get(obj.tabel)
        return tabel.onderwerp if tabel else obj.tabel

    @admin.display(description=_("waarde"))
    def waarde_kort(self, obj: WettelijkGegeven) -> str:
        tekst = json.dumps(obj.waarde, ensure_ascii=False)
        return tekst if len(tekst) <= 80 else tekst[:77] + "…"

    @admin.display(description=_("kenmerk"))
    def kenmerk(self, obj: WettelijkGegeven) -> str:
        labels = []
        if obj.voorlopig:
            labels.append(("#8a4b00", "#fff3cd", _("VOORLOPIG")))
        if obj.demo:
            labels.append(("#444", "#e2e3e5", _("DEMO")))
        if getattr(obj, "vervangen_door", None) is not None:
            labels.append(("#444", "#e2e3e5", _("vervangen")))
        return format_html_join(
            " ", '<span style="color:{};background:{};padding:1px 4px">{}</span>', labels
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        sleutel = initial.get("tabel")
        if sleutel in REGISTER:
            laatste = REGISTER[sleutel].rijen[-1]
            initial.setdefault("waarde", json.dumps(naar_json(laatste.waarde), indent=2))
            if laatste.geldig_tot:
                initial.setdefault("geldig_van", laatste.geldig_tot + timedelta(days=1))
        return initial

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        vast = ("tabel", "geldig_van", "herkomst", "ingevoerd_door", "gebruikt_op", "vervangt")
        if obj.gebruikt_op is not None or obj.herkomst == WettelijkGegeven.Herkomst.CODE:
            return vast + tuple(v for v in GEGEVEN_INHOUD if v not in vast)
        return vast

    def get_fields(self, request, obj=None):
        velden = ["tabel", "geldig_van", "geldig_tot", "waarde", "bron", "zekerheid", "voorlopig"]
        if obj is not None:
            velden += ["demo", "herkomst", "vervangt", "ingevoerd_door", "gebruikt_op"]
        return velden

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and (
            obj.gebruikt_op is not None or obj.herkomst == WettelijkGegeven.Herkomst.CODE
        ):
            kwargs["form"] = forms.ModelForm  # content read-only: only metadata is edited
        return super().get_form(request, obj, change, **kwargs)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return False  # no bulk delete: each row is judged on its own
        return obj.gebruikt_op is None and obj.herkomst == WettelijkGegeven.Herkomst.BEHEER

    def save_model(self, request, obj, form, change):
        if not change:
            obj.herkomst = WettelijkGegeven.Herkomst.BEHEER
            obj.ingevoerd_door = request.user
            vorige = WettelijkGegeven.objects.filter(
                tabel=obj.tabel, geldig_van=obj.geldig_van, vervangen_door__isnull=True
            ).first()
            if vorige is not None:
                obj.vervangt = vorige
                messages.info(
                    request,
                    _("Deze rij vervangt %(vorige)s; die blijft bewaard.") % {"vorige": vorige},
                )
        super().save_model(request, obj, form, change)
        audit(
            user=request.user,
            action="wettelijk_gegeven_wijzigen" if change else "wettelijk_gegeven_toevoegen",
            obj=obj,
            fields=",".join(form.changed_data),
            detail=json.dumps(
                {"tabel": obj.tabel, "geldig_van": str(obj.geldig_van), "waarde": obj.waarde},
                ensure_ascii=False,
            )[:500],
        )

    def delete_model(self, request, obj):
        audit(user=request.user, action="wettelijk_gegeven_verwijderen", obj=obj)
        super().delete_model(request, obj)
