"""The admin's form of a shift: only its planned break is edited there, and a break shorter
than the statutory one is refused at save, by the rule offers and acceptance refuse it with
(coop.services.werk.wettig.pauze_bezwaar, contracten.arbeidstijd.geplande_pauze_tekort)."""

from django import forms

from coop.models import Dienst
from coop.services.werk import wettig


class DienstForm(forms.ModelForm):
    """The planned break, refused at save when too short (a Dutch error on the field)."""

    class Meta:
        model = Dienst
        fields = ("pauze_minuten",)

    def clean(self):
        data = super().clean()
        if "pauze_minuten" in self.fields and "pauze_minuten" not in self.errors:
            start = data.get("start", self.instance.start)
            eind = data.get("eind", self.instance.eind)
            if start and eind and start < eind:
                fout = wettig.pauze_bezwaar(
                    start=start,
                    eind=eind,
                    pauze_minuten=data.get("pauze_minuten"),
                    dienst_id=self.instance.pk,
                )
                if fout is not None:
                    self.add_error("pauze_minuten", f"Geplande pauze te kort: {fout}")
        return data
