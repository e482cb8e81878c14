"""The API's edge: integers no column can hold, control characters, and the error shape of
answers Django gives itself (404, 405)."""

import json
import re

from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.common import CommonMiddleware

from coop.core.invoer import MELDING, heeft_stuurteken, json_stuurteken

GRENS = 2**63
GETAL = re.compile(r"^-?\d{19,}$")


def te_groot(waarde: str) -> bool:
    return bool(GETAL.match(waarde)) and abs(int(waarde)) >= GRENS


class GetalGrensMiddleware:
    """An id or filter beyond 64 bits in an API request is a 422, not a crash in the database
    driver (SQLite cannot even bind such a number)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            waarden = [*request.GET.values(), *request.path.split("/")]
            if any(te_groot(w) for w in waarden):
                return JsonResponse(
                    {"detail": "Ongeldige invoer: dit getal is te groot.", "fields": {}}, status=422
                )
        return self.get_response(request)


class StuurtekenMiddleware:
    """A control character (NUL and the like) in a path or query string, or NUL in a form
    field, is refused before any view runs: a Dutch 422 in the API's error shape under
    /api/, a plain 400 elsewhere (the admin). PostgreSQL would fail on NUL with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        veld = self._fout_veld(request)
        if veld is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": f"Ongeldige invoer. {veld}: {MELDING}", "fields": {veld: [MELDING]}},
                status=422,
            )
        return HttpResponseBadRequest(f"Ongeldige invoer. {veld}: {MELDING}".encode())

    @staticmethod
    def _fout_veld(request) -> str | None:
        if heeft_stuurteken(request.path):
            return "pad"
        for sleutel, waarden in request.GET.lists():
            if heeft_stuurteken(sleutel) or any(heeft_stuurteken(w) for w in waarden):
                return sleutel
        if request.method == "POST" and not request.path.startswith("/api/"):
            # Forms (the admin): NUL in any field; multi-line fields keep tab and newline.
            for sleutel, waarden in request.POST.lists():
                if any(_stuurteken_in_formulier(w) for w in waarden):
                    return sleutel
        return None


def _stuurteken_in_formulier(waarde: str) -> bool:
    """A control character in a form field, also written as a JSON escape (\\u0000) in a
    JSON field: PostgreSQL's jsonb refuses NUL as well."""
    if heeft_stuurteken(waarde, meerdere_regels=True):
        return True
    if "\\u" not in waarde or waarde.lstrip()[:1] not in ("[", "{", '"'):
        return False
    try:
        return json_stuurteken(json.loads(waarde)) is not None
    except ValueError:
        return False


class ApiFoutvormMiddleware:
    """Under /api/ every 404 and 405 answers in the shared JSON error shape, in Dutch: also
    a path no route matches and a method the route does not have (answered by Django and
    django-ninja themselves in HTML or English text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code not in (404, 405):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return JsonResponse({"detail": "Niet gevonden.", "fields": {}}, status=404)
        toegestaan = response.get("Allow", "")
        fout = JsonResponse(
            {
                "detail": f"De methode {request.method} is hier niet toegestaan "
                f"(wel: {toegestaan or 'geen'}).",
                "fields": {},
            },
            status=405,
        )
        if toegestaan:
            fout["Allow"] = toegestaan
        return fout


class CoopCommonMiddleware(CommonMiddleware):
    """Django's CommonMiddleware, without the trailing-slash redirect under /api/: an API
    client gets the JSON 404, not a 301 that drops its body (or, with DEBUG on, a 500 for
    a POST)."""

    def should_redirect_with_slash(self, request):
        return not request.path.startswith("/api/") and super().should_redirect_with_slash(request)
