from django.urls import path

from coop.intake import views

urlpatterns = [
    path("onderhoudsorders", views.onderhoudsorders, name="vera-onderhoudsorders"),
    path("onderhoudsorders/<str:order_id>", views.onderhoudsorder, name="vera-onderhoudsorder"),
]
