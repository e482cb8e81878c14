"""Refuses integers no database column can hold, before any query is built."""

import re

from django.http import JsonResponse

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
