"""The member pages under the site root, and the staff planning board under /planning/."""

from django.urls import path

from coop.pages.views import documenten, inloggen, meldingen, planning, profiel, uren, werk

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
]
