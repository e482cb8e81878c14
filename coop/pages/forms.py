"""The member pages' forms: each field says in plain words what is wrong."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werknemers.models import Weekdag


class WachtwoordForm(forms.Form):
    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam, e-mail of telefoon"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeAanvragenForm(forms.Form):
    identificatie = forms.CharField(
        label=_("Uw telefoonnummer of e-mailadres"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )


class CodeInvoerenForm(forms.Form):
    code = forms.RegexField(
        label=_("De code van 6 cijfers"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Vul de 6 cijfers van de code in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 7}
        ),
    )


class AfwijzenForm(forms.Form):
    reden = forms.CharField(label=_("Reden (mag leeg blijven)"), max_length=300, required=False)


class UrenForm(forms.Form):
    begin = forms.TimeField(label=_("Begonnen om"), widget=forms.TimeInput(attrs={"type": "time"}))
    eind = forms.TimeField(label=_("Gestopt om"), widget=forms.TimeInput(attrs={"type": "time"}))
    pauze_minuten = forms.IntegerField(
        label=_("Pauze in minuten"), min_value=0, max_value=240, initial=0
    )

    def tijden(self, dag) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        start = datetime.combine(dag, self.cleaned_data["begin"], tzinfo=zone)
        eind = datetime.combine(dag, self.cleaned_data["eind"], tzinfo=zone)
        return start, eind

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("eind") and data["eind"] <= data["begin"]:
            self.add_error("eind", _("Het eind ligt niet na het begin."))
        return data


# The hours a week the member wants to work (PATCH /api/v1/werknemers/mij takes them too).
UREN_GEWENST = ("uren_per_week_min", "uren_per_week_max")
# The member's address, which PATCH /api/v1/werknemers/mij takes too (a new postcode is
# looked up again: position, wijk and buurt).
ADRES = ("straat", "huisnummer", "toevoeging", "postcode", "plaats")


class ProfielForm(forms.Form):
    # Numbers, addresses and codes read left to right on a right-to-left (Arabic) page too.
    telefoon = forms.CharField(
        label=_("Telefoon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    max_reisafstand_km = forms.DecimalField(
        label=_("Hoe ver wilt u reizen (km)?"), min_value=0, max_value=100, decimal_places=1
    )
    # Left empty: the hours wanted stay as they are.
    uren_per_week_min = forms.IntegerField(
        label=_("Minstens hoeveel uur per week wilt u werken?"),
        min_value=0,
        max_value=168,
        required=False,
    )
    uren_per_week_max = forms.IntegerField(
        label=_("Hoogstens hoeveel uur per week wilt u werken?"),
        min_value=0,
        max_value=168,
        required=False,
    )
    taal = forms.ChoiceField(label=_("Taal"), choices=settings.LANGUAGES)
    talen = forms.CharField(
        label=_("Welke talen spreekt u? (taalcodes, zoals nl, ar, tr)"),
        max_length=200,
        required=False,
    )
    # The address; left empty altogether, it stays as it is.
    straat = forms.CharField(label=_("Straat"), max_length=200, required=False)
    huisnummer = forms.CharField(
        label=_("Huisnummer"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    toevoeging = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "postal-code"}),
    )
    plaats = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    per_email = forms.BooleanField(label=_("Berichten per e-mail"), required=False)
    per_sms = forms.BooleanField(label=_("Berichten per sms"), required=False)
    stil_van = forms.TimeField(
        label=_("Geen berichten vanaf"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    stil_tot = forms.TimeField(
        label=_("Geen berichten tot"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dag in Weekdag:
            self.fields[f"van_{dag.value}"] = forms.TimeField(
                label=_("%(dag)s van") % {"dag": dag.label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            self.fields[f"tot_{dag.value}"] = forms.TimeField(
                label=_("%(dag)s tot") % {"dag": dag.label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )

    def dagen(self):
        """The weekday rows of the form: (label, from field, until field)."""
        return [(dag.label, self[f"van_{dag.value}"], self[f"tot_{dag.value}"]) for dag in Weekdag]

    def contact(self):
        namen = ("telefoon", "email", "max_reisafstand_km", *UREN_GEWENST, "taal", "talen")
        return [self[naam] for naam in namen]

    def adres(self):
        return [self[naam] for naam in ADRES]

    def talen_lijst(self) -> list[str]:
        """The spoken languages as the service takes them: codes split on commas or spaces."""
        return self.cleaned_data["talen"].replace(",", " ").split()

    def berichten(self):
        return [self[naam] for naam in ("per_email", "per_sms", "stil_van", "stil_tot")]

    def clean(self):
        data = super().clean()
        if (data.get("stil_van") is None) != (data.get("stil_tot") is None):
            self.add_error("stil_tot", _("Vul van én tot in, of laat beide leeg."))
        for dag in Weekdag:
            van, tot = data.get(f"van_{dag.value}"), data.get(f"tot_{dag.value}")
            if (van is None) != (tot is None):
                self.add_error(f"tot_{dag.value}", _("Vul van én tot in, of laat beide leeg."))
            elif van is not None and tot <= van:
                self.add_error(f"tot_{dag.value}", _("'Tot' ligt niet na 'van'."))
        return data

    def blokken(self) -> list[dict]:
        blokken = []
        for dag in Weekdag:
            van, tot = (
                self.cleaned_data.get(f"van_{dag.value}"),
                self.cleaned_data.get(f"tot_{dag.value}"),
            )
            if isinstance(van, time) and isinstance(tot, time):
                blokken.append({"weekdag": dag.value, "begin": van, "eind": tot})
        return blokken


class VerlofForm(forms.Form):
    """Ask for leave over a range of days (a member with a permanent job; staff decide)."""

    van = forms.DateField(
        label=_("Eerste vrije dag"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Laatste vrije dag"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reden = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AfwezigheidForm(forms.Form):
    """Report sick or "kan niet" for a range of days (coop.services.werk.afwezigheid)."""

    soort = forms.ChoiceField(
        label=_("Wat wilt u melden?"),
        choices=[("ziek", _("Ik ben ziek")), ("kan_niet", _("Ik kan niet werken"))],
    )
    van = forms.DateField(
        label=_("Eerste dag"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot = forms.DateField(
        label=_("Laatste dag (bij ziekte mag dit leeg blijven)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reden = forms.CharField(
        label=_("Reden (nodig als u niet kunt werken)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# The reasons of a dated exception to the weekly pattern (werknemers.Afwezigheid), named
# for the member. A member who is ill reports sick on the absence page instead (that releases
# planned work and starts sick pay); "ziek" is only named here, for a record staff made.
UITZONDERING_REDENEN = [
    ("verlof", _("Vrij of op vakantie")),
    ("anders", _("Iets anders")),
]
UITZONDERING_REDEN_NAMEN = dict(UITZONDERING_REDENEN) | {"ziek": _("Ziek")}


class UitzonderingForm(forms.Form):
    """Days the member cannot work although their weekly pattern says they can
    (POST /api/v1/werknemers/{id}/afwezigheden, werknemers.onderdelen.afwezigheid_create)."""

    van = forms.DateField(
        label=_("Eerste dag"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tot_en_met = forms.DateField(
        label=_("Laatste dag"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reden = forms.ChoiceField(label=_("Waarom?"), choices=UITZONDERING_REDENEN)
    toelichting = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"), max_length=200, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot_en_met") and data["tot_en_met"] < data["van"]:
            self.add_error("tot_en_met", _("De laatste dag ligt vóór de eerste dag."))
        return data
