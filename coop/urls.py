from django.contrib import admin
from django.urls import path

from coop.api import api

admin.site.site_header = "coop — makelaar van de buurtwerk-coöperatie"
admin.site.site_title = "coop beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
