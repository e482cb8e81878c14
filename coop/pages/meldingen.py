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
]
