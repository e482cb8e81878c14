from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found

from coop.api import api
from coop.intake import pagina as intake_pagina
from coop.ops.gezondheid import gezondheid
from coop.ops.metriek import metrics

admin.site.site_header = "coop — makelaar van de buurtwerk-coöperatie"
admin.site.site_title = "coop beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("metrics", metrics, name="metrics"),
    path("vera/ohd/v4/", include("coop.intake.urls")),
    # the member's page of a VERA order: its briefing, and reporting the work done
    path("opdracht/<int:werkpakket_id>/", intake_pagina.opdracht, name="intake_opdracht"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("coop.pages.urls")),
]


def not_found(request, exception=None):
    """A JSON 404 for API paths that match no route (e.g. a letter where an id belongs)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Niet gevonden.", "fields": {}}, status=404)
    return page_not_found(request, exception)


handler404 = not_found
