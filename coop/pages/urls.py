"""The member pages under the site root, the employer pages under /werkgever/ and the staff
planning board under /planning/."""

from django.urls import path

from coop.pages.views import (
    afwezigheid,
    documenten,
    inloggen,
    meldingen,
    planning,
    profiel,
    uitzonderingen,
    uren,
    werk,
)
from coop.pages.views.werkgever import facturen as wg_facturen
from coop.pages.views.werkgever import importeren as wg_importeren
from coop.pages.views.werkgever import organisatie as wg_organisatie
from coop.pages.views.werkgever import uren as wg_uren
from coop.pages.views.werkgever import werk as wg_werk

app_name = "pages"

urlpatterns = [
    path("", werk.start, name="start"),
    path("inloggen/", inloggen.wachtwoord, name="inloggen"),
    path("inloggen/code/", inloggen.code_aanvragen, name="code_aanvragen"),
    path("inloggen/code/invoeren/", inloggen.code_invoeren, name="code_invoeren"),
    path("uitloggen/", inloggen.uitloggen, name="uitloggen"),
    path("aanbiedingen/", werk.aanbiedingen, name="aanbiedingen"),
    path("aanbiedingen/<int:aanbod_id>/", werk.aanbod, name="aanbod"),
    path(
        "aanbiedingen/<int:aanbod_id>/aannemen/", werk.aanbod_accepteren, name="aanbod_accepteren"
    ),
    path("aanbiedingen/<int:aanbod_id>/afwijzen/", werk.aanbod_afwijzen, name="aanbod_afwijzen"),
    path("open-werk/", werk.open_diensten, name="open_diensten"),
    path("open-werk/<int:dienst_id>/nemen/", werk.dienst_claimen, name="dienst_claimen"),
    path("rooster/", werk.rooster, name="rooster"),
    path("afwezigheid/", afwezigheid.afwezigheid, name="afwezigheid"),
    path("afwezigheid/verlof/", afwezigheid.verlof, name="verlof"),
    path("uren/", uren.uren, name="uren"),
    path("uren/<int:inzet_id>/", uren.uren_opgeven, name="uren_opgeven"),
    path("documenten/", documenten.documenten, name="documenten"),
    path("documenten/<int:document_id>/", documenten.document, name="document"),
    path("documenten/<int:document_id>/pdf/", documenten.document_pdf, name="document_pdf"),
    path("meldingen/", meldingen.meldingen, name="meldingen"),
    path("meldingen/gelezen/", meldingen.meldingen_gelezen, name="meldingen_gelezen"),
    path("meldingen/<int:notificatie_id>/", meldingen.melding_openen, name="melding_openen"),
    path("l/<str:token>/", meldingen.link, name="link"),
    path("profiel/", profiel.profiel, name="profiel"),
    path("profiel/mijn-gegevens.json", profiel.mijn_gegevens, name="mijn_gegevens"),
    path("profiel/uitzonderingen/", uitzonderingen.uitzonderingen, name="uitzonderingen"),
    path(
        "profiel/uitzonderingen/<int:afwezigheid_id>/verwijderen/",
        uitzonderingen.uitzondering_verwijderen,
        name="uitzondering_verwijderen",
    ),
    # the staff planning board
    path("planning/", planning.bord, name="planning"),
    path(
        "planning/diensten/<int:dienst_id>/",
        planning.kandidaten,
        name="planning_kandidaten",
    ),
    path("planning/diensten/<int:dienst_id>/uitleg/", planning.uitleg, name="planning_uitleg"),
    path(
        "planning/diensten/<int:dienst_id>/aanbieden/",
        planning.aanbieden,
        name="planning_aanbieden",
    ),
    path("planning/voorstel/", planning.voorstel, name="planning_voorstel"),
    path("planning/voorstel/versturen/", planning.versturen, name="planning_versturen"),
    # --- the employer pages ---
    path("werkgever/", wg_werk.start, name="werkgever_start"),
    path("werkgever/werk/", wg_werk.pakketten, name="werkgever_pakketten"),
    path("werkgever/werk/nieuw/", wg_werk.pakket_nieuw, name="werkgever_pakket_nieuw"),
    path("werkgever/werk/<int:werkpakket_id>/", wg_werk.pakket, name="werkgever_pakket"),
    path(
        "werkgever/werk/<int:werkpakket_id>/wijzigen/",
        wg_werk.pakket_wijzigen,
        name="werkgever_pakket_wijzigen",
    ),
    path(
        "werkgever/werk/<int:werkpakket_id>/publiceren/",
        wg_werk.pakket_publiceren,
        name="werkgever_pakket_publiceren",
    ),
    path(
        "werkgever/werk/<int:werkpakket_id>/annuleren/",
        wg_werk.pakket_annuleren,
        name="werkgever_pakket_annuleren",
    ),
    path("werkgever/uren/", wg_uren.uren, name="werkgever_uren"),
    path(
        "werkgever/uren/week/goedkeuren/", wg_uren.week_goedkeuren, name="werkgever_week_goedkeuren"
    ),
    path(
        "werkgever/uren/<int:regel_id>/goedkeuren/",
        wg_uren.goedkeuren,
        name="werkgever_uren_goedkeuren",
    ),
    path(
        "werkgever/uren/<int:regel_id>/betwisten/",
        wg_uren.betwisten,
        name="werkgever_uren_betwisten",
    ),
    path("werkgever/facturen/", wg_facturen.facturen, name="werkgever_facturen"),
    path("werkgever/facturen/<int:factuur_id>/", wg_facturen.factuur, name="werkgever_factuur"),
    path(
        "werkgever/facturen/<int:factuur_id>/<str:soort>/",
        wg_facturen.factuur_bestand,
        name="werkgever_factuur_bestand",
    ),
    path("werkgever/rapport/", wg_facturen.rapport, name="werkgever_rapport"),
    path(
        "werkgever/rapport/buurteconomie.xlsx",
        wg_facturen.rapport_xlsx_download,
        name="werkgever_rapport_xlsx",
    ),
    path("werkgever/organisatie/", wg_organisatie.organisatie, name="werkgever_organisatie"),
    path(
        "werkgever/organisatie/uitnodigen/", wg_organisatie.uitnodigen, name="werkgever_uitnodigen"
    ),
    path(
        "werkgever/organisatie/gebruikers/<int:gebruiker_id>/verwijderen/",
        wg_organisatie.gebruiker_verwijderen,
        name="werkgever_gebruiker_verwijderen",
    ),
    path(
        "werkgever/organisatie/gebruikers/<int:gebruiker_id>/terugzetten/",
        wg_organisatie.gebruiker_terugzetten,
        name="werkgever_gebruiker_terugzetten",
    ),
    path(
        "werkgever/wachtwoord/<uidb64>/<token>/",
        wg_organisatie.WachtwoordKiezen.as_view(),
        name="werkgever_wachtwoord",
    ),
    path("werkgever/importeren/", wg_importeren.importeren, name="werkgever_importeren"),
    path("werkgever/importeren/sjabloon.xlsx", wg_importeren.sjabloon, name="werkgever_sjabloon"),
    path(
        "werkgever/importeren/<int:importrun_id>/",
        wg_importeren.importrun,
        name="werkgever_importrun",
    ),
]
