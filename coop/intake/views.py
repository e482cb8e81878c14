"""The VERA OHD endpoints a corporation calls, at the specification's own paths under
/vera/ohd/v4/, with its bodies and its error shape (Foutbericht: code, omschrijving).

Authentication: the corporation's X-API-KEY, or an OAuth2 bearer token (client
credentials) with the specification's scopes. Another corporation's order is a 404.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from coop.core.exceptions import ApplicationError
from coop.intake import koppelingen, oauth, orderstatus, services, spec
from coop.intake.models import Koppeling, Onderhoudsorder
from coop.intake.oauth import NietGeautoriseerd
from coop.intake.orders import IntakeFout, referenties_controleren
from werkgevers.models import Werkgever

logger = logging.getLogger(__name__)

LEZEN = (
    "OHD.Onderhoudsorders.Read",
    "OHD.Onderhoudsorders.ReadWrite",
    "OHD.All.Read",
    "OHD.All.ReadWrite",
)
SCHRIJVEN = ("OHD.Onderhoudsorders.ReadWrite", "OHD.All.ReadWrite")
MAX_PER_PAGINA = 100


def foutbericht(status: int, code: str, omschrijving: str) -> JsonResponse:
    return JsonResponse({"code": code, "omschrijving": omschrijving}, status=status)


def _koppeling(request, *, schrijven: bool) -> Koppeling:
    koppeling = _aanmelding(request, schrijven=schrijven)
    if schrijven and koppeling.werkgever.status != Werkgever.Status.ACTIEF:
        raise NietGeautoriseerd(
            f"{koppeling.werkgever.naam} is geen actief lid "
            f"({koppeling.werkgever.get_status_display()}); er worden geen orders aangenomen.",
            status=403,
        )
    return koppeling


def _aanmelding(request, *, schrijven: bool) -> Koppeling:
    sleutel = request.headers.get("X-API-KEY", "").strip()
    if sleutel:
        koppeling = koppelingen.koppeling_van_sleutel(sleutel)
        if koppeling is None:
            raise NietGeautoriseerd("De X-API-KEY is onbekend of ingetrokken.")
        return koppeling
    autorisatie = request.headers.get("Authorization", "")
    if autorisatie.lower().startswith("bearer "):
        return oauth.koppeling_van_token(request, SCHRIJVEN if schrijven else LEZEN)
    raise NietGeautoriseerd(
        "Stuur de sleutel van uw organisatie mee als X-API-KEY, of een OAuth2-token."
    )


def _met_fouten(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NietGeautoriseerd as exc:
            antwoord = foutbericht(exc.status, "NIET_GEAUTORISEERD", exc.omschrijving)
            return antwoord
        except IntakeFout as exc:
            return foutbericht(exc.status_code, exc.code, exc.message)
        except ApplicationError as exc:
            # A refusal of one of the broker's services the intake calls.
            return foutbericht(exc.status_code, "NIET_VERWERKT", exc.message)
        except IntegrityError:
            logger.warning("VERA OHD: gelijktijdige wijziging", exc_info=True)
            return foutbericht(
                409, "GELIJKTIJDIG", "Deze order werd tegelijk anders verwerkt; stuur hem opnieuw."
            )
        except ImproperlyConfigured:
            logger.exception("VERA OHD niet geconfigureerd")
            return foutbericht(
                503, "NIET_BESCHIKBAAR", "De VERA-koppeling is bij de makelaar niet ingericht."
            )
        except DatabaseError:
            logger.exception("VERA OHD: database")
            return foutbericht(
                503,
                "NIET_BESCHIKBAAR",
                "De database is even niet bereikbaar. Probeer het zo opnieuw.",
            )

    wrapper.__name__ = view.__name__
    return csrf_exempt(wrapper)


def _gevalideerd(request) -> dict:
    """The request checked against the specification; the body as a dict."""
    fouten = spec.fouten_in_verzoek(request)
    if fouten:
        gezien = []
        for veld, melding in fouten:
            if (veld, melding) not in gezien:
                gezien.append((veld, melding))
        raise IntakeFout(
            "ONGELDIG_BERICHT",
            "De onderhoudsorder is niet verwerkt: "
            + "; ".join(f"{veld} {melding}" for veld, melding in gezien)
            + ".",
            status_code=400,
        )
    try:
        bericht = json.loads(request.body or b"null")
    except ValueError as exc:
        raise IntakeFout("ONGELDIG_BERICHT", "Het bericht is geen geldige JSON.") from exc
    if not isinstance(bericht, dict):
        raise IntakeFout("ONGELDIG_BERICHT", "Het bericht is geen onderhoudsorder (object).")
    referenties_controleren(bericht, spec.referentievelden())
    return bericht


def _order_antwoord(order: Onderhoudsorder, status: int) -> JsonResponse:
    antwoord = JsonResponse(orderstatus.order_bericht(order), status=status)
    antwoord["Location"] = f"{spec.PREFIX}/onderhoudsorders/{quote(order.order_id, safe='')}"
    return antwoord


@_met_fouten
def ping(request):
    """The specification's connection check: 200 for a known corporation."""
    _koppeling(request, schrijven=False)
    return HttpResponse(status=200)


@_met_fouten
def onderhoudsorders(request):
    if request.method == "POST":
        koppeling = _koppeling(request, schrijven=True)
        bericht = _gevalideerd(request)
        order, _ = services.order_receive(koppeling=koppeling, bericht=bericht)
        # Created, also for a repeat: the specification defines 201 as POST's answer.
        return _order_antwoord(order, 201)
    if request.method in ("PUT", "PATCH"):
        # Replace or change an order by its key fields (id, else idExtern) in the body.
        koppeling = _koppeling(request, schrijven=True)
        bericht = _gevalideerd(request)
        order_id = (bericht.get("id") or bericht.get("idExtern") or "").strip()
        if not order_id:
            raise IntakeFout(
                "ONGELDIG_BERICHT",
                "id: is verplicht: het eigen nummer van de order die u wijzigt.",
            )
        return _vervangen(request, koppeling, _eigen_order(koppeling, order_id), bericht)
    if request.method == "GET":
        koppeling = _koppeling(request, schrijven=False)
        spec_fouten = spec.fouten_in_verzoek(request)
        if spec_fouten:
            raise IntakeFout(
                "ONGELDIG_BERICHT",
                "; ".join(f"{veld} {melding}" for veld, melding in spec_fouten) + ".",
            )
        return _lijst(request, koppeling)
    return foutbericht(405, "METHODE_NIET_TOEGESTAAN", f"{request.method} kan hier niet.")


def _getal(waarde: str | None, standaard: int, veld: str) -> int:
    if waarde in (None, ""):
        return standaard
    try:
        getal = int(waarde)
    except ValueError as exc:
        raise IntakeFout("ONGELDIG_BERICHT", f"{veld}: vul een geheel getal in.") from exc
    if getal < 1:
        raise IntakeFout("ONGELDIG_BERICHT", f"{veld}: minstens 1.")
    return getal


def _lijst(request, koppeling: Koppeling) -> JsonResponse:
    pagina = _getal(request.GET.get("pagina"), 1, "pagina")
    per_pagina = min(
        MAX_PER_PAGINA,
        _getal(
            request.headers.get("X-Parameters-AantalPerPagina"), 20, "X-Parameters-AantalPerPagina"
        ),
    )
    orders = Onderhoudsorder.objects.filter(koppeling=koppeling).order_by("created_at", "pk")
    aantal = orders.count()
    deel = orders[(pagina - 1) * per_pagina : pagina * per_pagina]
    antwoord = JsonResponse([orderstatus.order_bericht(o) for o in deel], safe=False)
    antwoord["X-Parameters-Aantal"] = str(aantal)
    antwoord["X-Parameters-AantalPerPagina"] = str(per_pagina)
    antwoord["X-Parameters-Pagina"] = str(pagina)
    return antwoord


def _eigen_order(koppeling: Koppeling, order_id: str) -> Onderhoudsorder:
    order = Onderhoudsorder.objects.filter(koppeling=koppeling, order_id=order_id).first()
    if order is None:
        raise IntakeFout(
            "NIET_GEVONDEN", f"Onderhoudsorder '{order_id}' niet gevonden.", status_code=404
        )
    return order


@_met_fouten
def onderhoudsorder(request, id: str):
    order_id = id  # the specification's name of the path parameter
    if request.method == "GET":
        koppeling = _koppeling(request, schrijven=False)
        return _order_antwoord(_eigen_order(koppeling, order_id), 200)
    if request.method in ("PUT", "PATCH"):
        koppeling = _koppeling(request, schrijven=True)
        order = _eigen_order(koppeling, order_id)  # another's id: 404 before the body is read
        bericht = _gevalideerd(request)
        if request.method == "PATCH" and not (bericht.get("id") or bericht.get("idExtern")):
            bericht = {**bericht, "id": order_id}
        if (bericht.get("id") or bericht.get("idExtern")) != order_id:
            raise IntakeFout(
                "ONGELDIG_BERICHT",
                f"id: moet gelijk zijn aan de order in het adres ('{order_id}').",
            )
        return _vervangen(request, koppeling, order, bericht)
    return foutbericht(405, "METHODE_NIET_TOEGESTAAN", f"{request.method} kan hier niet.")


def _vervangen(
    request, koppeling: Koppeling, order: Onderhoudsorder, bericht: dict
) -> JsonResponse:
    """PUT replaces the stored order with the message; PATCH changes the attributes the
    message holds (each top-level field replaces the stored one) and keeps the rest. Either
    way the result is read as a (changed) repeat: the same rules, refusals and status."""
    if request.method == "PATCH":
        bericht = {**order.bericht, **bericht}
        if (bericht.get("id") or bericht.get("idExtern")) != order.order_id:
            raise IntakeFout(
                "ONGELDIG_BERICHT",
                f"id: een wijziging houdt het nummer van de order ('{order.order_id}').",
            )
    order, _ = services.order_receive(koppeling=koppeling, bericht=bericht)
    return _order_antwoord(order, 200)
