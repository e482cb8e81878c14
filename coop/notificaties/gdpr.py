"""The notifications' part of a member's data export: preferences, messages, deliveries."""

from coop.notificaties.models import Levering, Meldingsvoorkeur, Notificatie
from werknemers.gdpr import register_export_section


def meldingen(werknemer) -> dict:
    voorkeur = Meldingsvoorkeur.objects.filter(werknemer=werknemer).values(
        "email", "sms", "stil_van", "stil_tot", "taal"
    )
    return {
        "voorkeuren": list(voorkeur),
        "notificaties": list(
            Notificatie.objects.filter(werknemer=werknemer)
            .order_by("pk")
            .values("id", "soort", "gegevens", "aangemaakt_op", "gelezen_op")
        ),
        "leveringen": list(
            Levering.objects.filter(notificatie__werknemer=werknemer)
            .order_by("pk")
            .values("notificatie_id", "kanaal", "adres", "status", "pogingen", "verzonden_op")
        ),
    }


def register() -> None:
    register_export_section("meldingen", meldingen)
