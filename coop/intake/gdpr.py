"""The intake's part of a member's data export: their completion reports and photos."""

from werknemers.gdpr import register_export_section


def gereedmeldingen(werknemer) -> list[dict]:
    return [
        {
            "id": melding.pk,
            "werkpakket": melding.werkpakket.titel,
            "notitie": melding.notitie,
            "reistijd_minuten": melding.reistijd_minuten,
            "created_at": melding.created_at,
            "fotos": [
                {"naam": f.naam, "sha256": f.sha256, "grootte": f.grootte}
                for f in melding.fotos.order_by("pk")
            ],
        }
        for melding in werknemer.gereedmeldingen.select_related("werkpakket").order_by("pk")
    ]


def register() -> None:
    register_export_section("gereedmeldingen", gereedmeldingen)
