"""The employer pages' forms: they read what a planner types and hand it to the services,
which hold every rule (a refusal comes back onto the form, field by field)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from coop.engines.splitting import EenmaligWerk
from coop.models import Werkpakket
from coop.models.werk import Categorie
from coop.services.werk.pakket_invoer import TijdvakData, WerkpakketData
from werknemers.models import Weekdag

NIVEAUS = [
    ("", _("niet nodig")),
    ("1", _("basis")),
    ("2", _("gevorderd")),
    ("3", _("vakkundig")),
]
# The engine's defaults for one-off work: Monday to Friday, from 08:00.
WERKDAGEN = sorted(EenmaligWerk.dagen)
STANDAARD_BEGIN = EenmaligWerk.dag_begin


def _datum(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def _tijd():
    return forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")


class PakketForm(forms.Form):
    """What both kinds of work share; EenmaligForm and TerugkerendForm add the when."""

    soort: str = ""

    titel = forms.CharField(
        label=_("Titel: wat moet er gebeuren?"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Bijvoorbeeld: trappenhuizen schoonmaken")}),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving (mag leeg blijven)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categorie = forms.ChoiceField(label=_("Soort werk"), choices=Categorie.choices)
    locatie_id = forms.TypedChoiceField(label=_("Locatie"), coerce=int)
    certificaten = forms.MultipleChoiceField(
        label=_("Verplichte certificaten"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tarief_per_uur = forms.DecimalField(
        label=_("Tarief per uur (€, zonder btw)"),
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    regie = forms.ChoiceField(
        label=_("Wie zegt wat er gebeurt?"),
        choices=Werkpakket.Regie.choices,
        initial=Werkpakket.Regie.MAKELAAR,
        widget=forms.RadioSelect,
    )
    feestdagen = forms.ChoiceField(
        label=_("Op feestdagen"),
        choices=Werkpakket.Feestdagen.choices,
        initial=Werkpakket.Feestdagen.VRIJ,
        widget=forms.RadioSelect,
    )
    feestdagtoeslag_procent = forms.DecimalField(
        label=_("Toeslag op feestdagen (%), als er wordt doorgewerkt"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("300"),
        decimal_places=2,
        initial=Decimal("0"),
    )

    def __init__(self, *args, locaties, vaardigheden, certificaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie_id"].choices = [(loc.pk, str(loc.naam)) for loc in locaties]
        self.fields["certificaten"].choices = [(c.code, c.naam) for c in certificaten]
        self.vaardigheden = list(vaardigheden)
        for v in self.vaardigheden:
            self.fields[f"vaardigheid_{v.code}"] = forms.ChoiceField(
                label=v.naam, choices=NIVEAUS, required=False
            )

    # --- groups of fields for the template's fieldsets ---

    def het_werk(self):
        return [self[n] for n in ("titel", "omschrijving", "categorie", "locatie_id")]

    def vaardigheid_velden(self):
        return [self[f"vaardigheid_{v.code}"] for v in self.vaardigheden]

    def afspraken(self):
        return [self[n] for n in ("tarief_per_uur", "feestdagtoeslag_procent")]

    # --- to the service ---

    def _gedeeld(self) -> dict:
        d = self.cleaned_data
        return {
            "locatie_id": d["locatie_id"],
            "titel": d["titel"].strip(),
            "omschrijving": d["omschrijving"].strip(),
            "categorie": d["categorie"],
            "soort": self.soort,
            "tarief_per_uur": d["tarief_per_uur"],
            "regie": d["regie"],
            "feestdagen": d["feestdagen"],
            "feestdagtoeslag_procent": d.get("feestdagtoeslag_procent") or Decimal("0"),
            "vaardigheden": {
                v.code: int(d[f"vaardigheid_{v.code}"])
                for v in self.vaardigheden
                if d.get(f"vaardigheid_{v.code}")
            },
            "certificaten": list(d["certificaten"]),
        }

    def data_voor_service(self) -> WerkpakketData:
        raise NotImplementedError


class EenmaligForm(PakketForm):
    """One-off: a number of hours somewhere between two dates, people at once."""

    soort = Werkpakket.Soort.EENMALIG

    vroegste_start = forms.DateField(label=_("Vanaf (vroegste dag)"), widget=_datum())
    uiterlijk_eind = forms.DateField(label=_("Klaar op (uiterlijk)"), widget=_datum())
    totaal_uren = forms.DecimalField(
        label=_("Hoeveel uur werk in totaal?"),
        min_value=Decimal("0.25"),
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    max_personen = forms.IntegerField(
        label=_("Hoeveel mensen tegelijk?"), min_value=1, max_value=50, initial=1
    )
    max_uren_per_dag = forms.DecimalField(
        label=_("Hoogstens uren per persoon per dag (mag leeg blijven)"),
        required=False,
        min_value=Decimal("0.25"),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    dag_begin = forms.TimeField(label=_("Begintijd"), initial=STANDAARD_BEGIN, widget=_tijd())
    dagen = forms.TypedMultipleChoiceField(
        label=_("Op welke dagen mag er gewerkt worden?"),
        choices=Weekdag.choices,
        coerce=int,
        initial=WERKDAGEN,
        widget=forms.CheckboxSelectMultiple,
    )

    def wanneer(self):
        return [
            self[n]
            for n in (
                "vroegste_start",
                "uiterlijk_eind",
                "totaal_uren",
                "max_personen",
                "max_uren_per_dag",
                "dag_begin",
            )
        ]

    def clean(self):
        data = super().clean()
        van, tot = data.get("vroegste_start"), data.get("uiterlijk_eind")
        if van and tot and tot < van:
            self.add_error("uiterlijk_eind", _("Deze dag ligt vóór de eerste dag."))
        return data

    def data_voor_service(self) -> WerkpakketData:
        d = self.cleaned_data
        return WerkpakketData(
            **self._gedeeld(),
            vroegste_start=d["vroegste_start"],
            uiterlijk_eind=d["uiterlijk_eind"],
            totaal_uren=d["totaal_uren"],
            max_uren_per_dag=d.get("max_uren_per_dag"),
            max_personen=d["max_personen"],
            dag_begin=d["dag_begin"],
            dagen=list(d["dagen"]),
        )


class TerugkerendForm(PakketForm):
    """Recurring: a weekly pattern (one block per weekday), from a start date, with an end
    date or open-ended."""

    soort = Werkpakket.Soort.TERUGKEREND

    startdatum = forms.DateField(label=_("Eerste week vanaf"), widget=_datum())
    einddatum = forms.DateField(
        label=_("Laatste dag (leeg laten: doorlopend, zonder einddatum)"),
        required=False,
        widget=_datum(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dag in Weekdag:
            for deel, label in (("van", _("%(dag)s van")), ("tot", _("%(dag)s tot"))):
                self.fields[f"{deel}_{dag.value}"] = forms.TimeField(
                    label=label % {"dag": dag.label}, required=False, widget=_tijd()
                )

    def wanneer(self):
        return [self["startdatum"], self["einddatum"]]

    def dagen(self):
        """The weekday rows of the pattern: (day, from field, until field)."""
        return [(dag.label, self[f"van_{dag.value}"], self[f"tot_{dag.value}"]) for dag in Weekdag]

    def clean(self):
        data = super().clean()
        blokken = 0
        for dag in Weekdag:
            van, tot = data.get(f"van_{dag.value}"), data.get(f"tot_{dag.value}")
            if (van is None) != (tot is None):
                self.add_error(f"tot_{dag.value}", _("Vul van én tot in, of laat beide leeg."))
            elif van is not None:
                blokken += 1
                if tot <= van:
                    self.add_error(f"tot_{dag.value}", _("'Tot' ligt niet na 'van'."))
        if not blokken and not self.has_error("__all__"):
            self.add_error(None, _("Vul minstens één dag in met de tijden van het werk."))
        begin, eind = data.get("startdatum"), data.get("einddatum")
        if begin and eind and eind < begin:
            self.add_error("einddatum", _("Deze dag ligt vóór de eerste week."))
        return data

    def data_voor_service(self) -> WerkpakketData:
        d = self.cleaned_data
        return WerkpakketData(
            **self._gedeeld(),
            startdatum=d["startdatum"],
            einddatum=d.get("einddatum"),
            tijdvakken=[
                TijdvakData(dag.value, d[f"van_{dag.value}"], d[f"tot_{dag.value}"])
                for dag in Weekdag
                if d.get(f"van_{dag.value}") is not None and d.get(f"tot_{dag.value}") is not None
            ],
        )


FORMULIEREN: dict[str, type[PakketForm]] = {
    Werkpakket.Soort.EENMALIG: EenmaligForm,
    Werkpakket.Soort.TERUGKEREND: TerugkerendForm,
}


def beginwaarden(pakket: Werkpakket) -> dict:
    """A package's values as a form's initial data: to adjust a draft or post similar work."""
    waarden = {
        "titel": pakket.titel,
        "omschrijving": pakket.omschrijving,
        "categorie": pakket.categorie,
        "locatie_id": pakket.locatie_id,
        "tarief_per_uur": pakket.tarief_per_uur,
        "regie": pakket.regie,
        "feestdagen": pakket.feestdagen,
        "feestdagtoeslag_procent": pakket.feestdagtoeslag_procent,
        "certificaten": [c.code for c in pakket.vereiste_certificaten.all()],
        "vroegste_start": pakket.vroegste_start,
        "uiterlijk_eind": pakket.uiterlijk_eind,
        "totaal_uren": pakket.totaal_uren,
        "max_personen": pakket.max_personen,
        "max_uren_per_dag": pakket.max_uren_per_dag,
        "dag_begin": pakket.dag_begin or STANDAARD_BEGIN,
        "dagen": pakket.dagen or WERKDAGEN,
        "startdatum": pakket.startdatum,
        "einddatum": pakket.einddatum,
    }
    for eis in pakket.vaardigheden.select_related("vaardigheid"):
        waarden[f"vaardigheid_{eis.vaardigheid.code}"] = str(eis.min_niveau)
    for blok in pakket.tijdvakken.all():
        waarden[f"van_{blok.weekdag}"] = blok.begin
        waarden[f"tot_{blok.weekdag}"] = blok.eind
    return waarden


class BetwistForm(forms.Form):
    reden = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class RapportForm(forms.Form):
    van = forms.DateField(label=_("Van"), widget=_datum())
    tot = forms.DateField(label=_("Tot en met"), widget=_datum())

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("Deze dag ligt vóór 'van'."))
        return data


class UitnodigenForm(forms.Form):
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Waarmee uw collega inlogt, bijvoorbeeld de voornaam."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )
    is_beheerder = forms.BooleanField(
        label=_("Ook beheerder: mag zelf collega's uitnodigen en verwijderen"), required=False
    )


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("Excel-bestand (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    proef = forms.BooleanField(
        label=_("Alleen proberen: laat zien wat er zou gebeuren, sla niets op"),
        required=False,
        initial=True,
    )
    deels = forms.BooleanField(
        label=_("Goede rijen opslaan, ook als andere rijen fout zijn"), required=False
    )
