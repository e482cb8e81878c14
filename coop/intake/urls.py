from django.urls import path
from oauth2_provider.views import TokenView

from coop.intake import views

urlpatterns = [
    path("oauth/token", TokenView.as_view(), name="vera-oauth-token"),
    path("onderhoudsorders", views.onderhoudsorders, name="vera-onderhoudsorders"),
    path("onderhoudsorders/<str:order_id>", views.onderhoudsorder, name="vera-onderhoudsorder"),
]
