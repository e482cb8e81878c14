"""Every member action the API offers has its page, and every one added later gets one
(issue 13): each API operation is placed here, with the member page that does the same, or
as no member's action. A new operation fails this test until it is placed; a member's
action without a page has no place."""

from django.urls import NoReverseMatch, reverse

from coop.api import api

# A member's action through the API -> the member page (URL name) that does the same.
LEDENPAGINA = {
    "POST /auth/login": "pages:inloggen",
    "POST /auth/logout": "pages:uitloggen",
    "GET /auth/me": "pages:profiel",
    "GET /aanbiedingen/": "pages:aanbiedingen",
    "GET /aanbiedingen/{aanbod_id}": "pages:aanbod",
    "POST /aanbiedingen/{aanbod_id}/accepteer": "pages:aanbod_accepteren",
    "POST /aanbiedingen/{aanbod_id}/afwijzen": "pages:aanbod_afwijzen",
    "GET /inzetten/": "pages:rooster",
    "GET /afwezigheid/": "pages:afwezigheid",
    "POST /afwezigheid/": "pages:afwezigheid",
    "GET /afwezigheid/{melding_id}": "pages:afwezigheid",
    "POST /verlof/": "pages:verlof",
    "GET /verlof/saldo": "pages:afwezigheid",
    "GET /uren/": "pages:uren",
    "GET /uren/{regel_id}": "pages:uren_opgeven",
    "POST /uren/": "pages:uren_opgeven",
    "GET /documenten/": "pages:documenten",
    "GET /documenten/contracten": "pages:documenten",
    "GET /documenten/{document_id}": "pages:document",
    "GET /documenten/{document_id}/pdf": "pages:document_pdf",
    "GET /notificaties/": "pages:meldingen",
    "POST /notificaties/gelezen": "pages:meldingen_gelezen",
    "GET /notificaties/{notificatie_id}": "pages:melding_openen",
    "POST /notificaties/{notificatie_id}/gelezen": "pages:melding_openen",
    "GET /notificaties/voorkeuren": "pages:profiel",
    "PUT /notificaties/voorkeuren": "pages:profiel",
    "GET /werknemers/": "pages:profiel",
    "GET /werknemers/mij": "pages:profiel",
    "PATCH /werknemers/mij": "pages:profiel",
    "GET /werknemers/mij/export": "pages:mijn_gegevens",
    "GET /werknemers/{werknemer_id}": "pages:profiel",
    "GET /werknemers/{werknemer_id}/beschikbaarheid": "pages:profiel",
    "PUT /werknemers/{werknemer_id}/beschikbaarheid": "pages:profiel",
    "GET /werknemers/{werknemer_id}/certificaten": "pages:profiel",
    "GET /werknemers/{werknemer_id}/vaardigheden": "pages:profiel",
    "GET /werknemers/{werknemer_id}/afwezigheden": "pages:uitzonderingen",
    "POST /werknemers/{werknemer_id}/afwezigheden": "pages:uitzonderingen",
    "DELETE /werknemers/{werknemer_id}/afwezigheden/{afwezigheid_id}": (
        "pages:uitzondering_verwijderen"
    ),
    "GET /loonafspraken/": "pages:profiel",
}

# Not a member's action: staff's or an employer's (refused to a member), the shared
# catalogues, the VERA intake.
GEEN_LEDENACTIE = {
    # staff: the absence worklist and decisions
    "GET /afwezigheid/werklijst",
    "POST /afwezigheid/{melding_id}/herstel",
    "POST /verlof/{melding_id}/goedkeuren",
    "POST /verlof/{melding_id}/afwijzen",
    "GET /verlof/saldi",  # every permanent-job member's holiday balance
    # staff and employers: work, matching, planning
    "GET /werkpakketten/",
    "POST /werkpakketten/",
    "GET /werkpakketten/{werkpakket_id}",
    "PUT /werkpakketten/{werkpakket_id}",
    "GET /werkpakketten/{werkpakket_id}/voorbeeld",
    "POST /werkpakketten/{werkpakket_id}/publiceer",
    "POST /werkpakketten/{werkpakket_id}/annuleer",
    "GET /werkpakketten/{werkpakket_id}/diensten",
    "GET /werkpakketten/{werkpakket_id}/geschiedenis",
    "GET /werkpakketten/{werkpakket_id}/fragmenten",
    "GET /jobs/",
    "GET /jobs/{job_id}/kandidaten",
    "POST /jobs/{job_id}/aanbieden",
    "GET /diensten/{dienst_id}/kandidaten",
    "GET /diensten/{dienst_id}/kandidaten/{werknemer_id}",
    "POST /diensten/{dienst_id}/aanbieden",
    "POST /inzetten/{inzet_id}/annuleer",
    "POST /bundelen",
    "GET /bundelruns/",
    "POST /planning",
    # employers judge hours, staff settle them and run payroll
    "POST /uren/goedkeuren",
    "POST /uren/{regel_id}/goedkeuren",
    "POST /uren/{regel_id}/betwisten",
    "POST /uren/{regel_id}/vaststellen",
    "POST /loonafspraken/",
    "GET /loonperiodes/",
    "POST /loonperiodes/",
    "GET /loonexports/",
    "POST /loonexports/",
    "GET /loonexports/{export_id}",
    "GET /loonexports/{export_id}/bestanden/{soort}",
    # invoices, the report and imports
    "GET /facturen/",
    "POST /facturen/",
    "POST /facturen/periode",
    "GET /facturen/{factuur_id}",
    "POST /facturen/{factuur_id}/crediteer",
    "GET /facturen/{factuur_id}/pdf",
    "GET /facturen/{factuur_id}/xlsx",
    "GET /rapport/buurteconomie",
    "GET /rapport/buurteconomie.xlsx",
    "GET /importeren/sjablonen/{soort}",
    "POST /importeren/werknemers",
    "POST /importeren/werkpakketten",
    # staff: the labour-law worklist, resending a message
    "GET /documenten/verplichtingen",
    "POST /documenten/verplichtingen/{verplichting_id}/afhandelen",
    "POST /notificaties/leveringen/{levering_id}/opnieuw",
    # staff: the member registry and its catalogues (a member reads them, changes nothing)
    "POST /werknemers/",
    "PATCH /werknemers/{werknemer_id}",
    "POST /werknemers/{werknemer_id}/persoonsgegevens",
    "POST /werknemers/{werknemer_id}/vaardigheden",
    "DELETE /werknemers/{werknemer_id}/vaardigheden/{vaardigheid_id}",
    "POST /werknemers/{werknemer_id}/certificaten",
    "PATCH /werknemers/{werknemer_id}/certificaten/{certificaat_id}",
    "DELETE /werknemers/{werknemer_id}/certificaten/{certificaat_id}",
    "GET /werknemers/vaardigheden",
    "POST /werknemers/vaardigheden",
    "PATCH /werknemers/vaardigheden/{vaardigheid_id}",
    "DELETE /werknemers/vaardigheden/{vaardigheid_id}",
    "GET /werknemers/certificaatsoorten",
    "POST /werknemers/certificaatsoorten",
    "PATCH /werknemers/certificaatsoorten/{soort_id}",
    "DELETE /werknemers/certificaatsoorten/{soort_id}",
    # staff and employers: organisations, locations, users
    "GET /werkgevers/",
    "POST /werkgevers/",
    "GET /werkgevers/{werkgever_id}",
    "PATCH /werkgevers/{werkgever_id}",
    "GET /werkgevers/{werkgever_id}/locaties",
    "POST /werkgevers/{werkgever_id}/locaties",
    "GET /werkgevers/locaties/{locatie_id}",
    "PATCH /werkgevers/locaties/{locatie_id}",
    "POST /werkgevers/locaties/{locatie_id}/activate",
    "POST /werkgevers/locaties/{locatie_id}/deactivate",
    "GET /werkgevers/{werkgever_id}/gebruikers",
    "POST /werkgevers/{werkgever_id}/gebruikers",
    "POST /werkgevers/{werkgever_id}/gebruikers/{gebruiker_id}/activate",
    "POST /werkgevers/{werkgever_id}/gebruikers/{gebruiker_id}/deactivate",
    # the VERA intake (an employer's system)
    "GET /intake/werkpakketten/{werkpakket_id}/briefing",
    "POST /intake/werkpakketten/{werkpakket_id}/gereedmelding",
}


def _operaties() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{methode.upper()} {pad.removeprefix('/api/v1')}"
        for pad, operaties in schema["paths"].items()
        for methode in operaties
    }


def test_every_api_operation_is_placed_once():
    lijsten = [set(LEDENPAGINA), GEEN_LEDENACTIE]
    geplaatst = set().union(*lijsten)
    assert sum(map(len, lijsten)) == len(geplaatst), "an operation is placed twice"
    operaties = _operaties()
    assert not operaties - geplaatst, (
        "a new API operation: if a member can do it, give it a member page (LEDENPAGINA), "
        f"else place it under GEEN_LEDENACTIE: {sorted(operaties - geplaatst)}"
    )
    assert not geplaatst - operaties, f"gone from the API: {sorted(geplaatst - operaties)}"


def test_every_member_action_names_a_member_page():
    for operatie, naam in LEDENPAGINA.items():
        assert _pad(naam).startswith("/"), operatie


def _pad(naam: str) -> str:
    """The page's path, with as many ids as its URL takes."""
    for aantal in range(3):
        try:
            return reverse(naam, args=[1] * aantal)
        except NoReverseMatch:
            continue
    raise AssertionError(f"no member page named {naam}")
