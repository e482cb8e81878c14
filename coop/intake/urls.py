from django.urls import path
from oauth2_provider.views import TokenView

from coop.intake import views

urlpatterns = [
    path("oauth/token", TokenView.as_view(), name="vera-oauth-token"),
    path("onderhoudsorders", views.onderhoudsorders, name="vera-onderhoudsorders"),
    path("ping", views.ping, name="vera-ping"),
    # An order id is the corporation's own and may hold a slash (WO/2026/0412). The keyword is
    # the specification's own path parameter, `id`, so a PUT is validated against it.
    path("onderhoudsorders/<path:id>", views.onderhoudsorder, name="vera-onderhoudsorder"),
]
