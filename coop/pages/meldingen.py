"""The services' sentences a member can meet on a page, so the catalogues translate them.

The services speak Dutch (the API's language); a page shows `gettext(message)`, which finds
these in the member's language."""

from django.utils.translation import gettext_noop

BEKENDE_MELDINGEN = [
    gettext_noop(
        "Helaas, iemand anders was u net voor: dit werk is al aangenomen. "
        "U krijgt vanzelf nieuwe aanbiedingen."
    ),
    gettext_noop("Dit aanbod is ingetrokken: het werk gaat niet door."),
    gettext_noop("De tijd om op dit aanbod te reageren is voorbij."),
    gettext_noop("Helaas, deze dienst is net door iemand anders aangenomen."),
    gettext_noop("Helaas, deze dienst of dit tijdstip is net al vergeven."),
    gettext_noop(
        "Helaas, iemand anders was u net voor: deze dienst is al genomen. "
        "Kijk of er nog ander open werk voor u is."
    ),
    gettext_noop(
        "U heeft deze dienst al eens aangeboden gekregen; neem contact op met de "
        "coöperatie als u hem toch wilt doen."
    ),
    gettext_noop("Deze dienst is niet meer open."),
    gettext_noop("Deze dienst is al begonnen."),
    gettext_noop("De makelaar heeft deze uren vastgesteld; wijzigen kan niet meer."),
    gettext_noop("Dienst niet gevonden."),
    gettext_noop("Het minimum aantal uren is groter dan het maximum."),
    gettext_noop("Deze dagen zijn al voorbij; kies dagen die nog komen."),
    gettext_noop("Dit is langer dan een jaar; kies een kortere periode."),
    gettext_noop("Gebruik taalcodes van twee of drie letters, zoals nl, ar, tr."),
    gettext_noop("Vul een postcode in."),
    gettext_noop("Postcode onbekend; geef coördinaten op."),
    gettext_noop("Ongeldige postcode: vier cijfers en twee letters, zoals 3526 KL."),
    gettext_noop(
        "De PDF van dit document wordt nog gemaakt; probeer het over een paar minuten "
        "opnieuw. Het document zelf is vastgelegd."
    ),
    gettext_noop("Deze link klopt niet. Log in om verder te gaan."),
    gettext_noop("Deze link is verlopen. Log in om verder te gaan."),
    gettext_noop(
        "Deze link is al gebruikt. Een link werkt maar één keer. Log in om verder te gaan."
    ),
]

# Labels of other apps that the member pages show (weekdays, kinds of absence,
# states, who directs the work): translated in this catalogue for the member's language.
LABELS = [
    gettext_noop("maandag"),
    gettext_noop("dinsdag"),
    gettext_noop("woensdag"),
    gettext_noop("donderdag"),
    gettext_noop("vrijdag"),
    gettext_noop("zaterdag"),
    gettext_noop("zondag"),
    # The kinds of document are translated once, in the notifications' catalogue
    # (coop.notificaties.berichten.DOCUMENTSOORTEN): Django merges the catalogues.
    # an absence record's kind and state (coop.models.Afwezigheidsmelding)
    gettext_noop("ziek"),
    gettext_noop("kan niet"),
    gettext_noop("verlof"),
    gettext_noop("gemeld"),
    gettext_noop("hersteld"),
    gettext_noop("aangevraagd"),
    gettext_noop("openstaand"),
    gettext_noop("geaccepteerd"),
    gettext_noop("afgewezen"),
    gettext_noop("verlopen"),
    gettext_noop("ingetrokken"),
    gettext_noop("ingediend"),
    gettext_noop("goedgekeurd"),
    gettext_noop("betwist"),
    gettext_noop("vastgesteld"),
    gettext_noop("makelaar stuurt het werk aan (aanneming van werk)"),
    gettext_noop("werk onder leiding van de opdrachtgever (terbeschikkingstelling)"),
]
