"""The paperwork part of a member's data export (registered in ContractenConfig.ready)."""

from werknemers.gdpr import register_export_section


def documenten(werknemer) -> list[dict]:
    return list(
        werknemer.documenten.order_by("pk").values(
            "id", "soort", "nummer", "versie", "sha256", "uitgegeven_op"
        )
    )


def contracten(werknemer) -> list[dict]:
    return list(
        werknemer.arbeidscontracten.order_by("pk").values(
            "id",
            "soort",
            "kenmerk",
            "functie",
            "begin",
            "eind",
            "bepaalde_tijd",
            "nummer_in_keten",
            "proeftijd_maanden",
            "uren_per_week",
        )
    )


def register() -> None:
    register_export_section("documenten", documenten)
    register_export_section("contracten", contracten)
