"""The broker's part of a member's data export (registered in CoopConfig.ready)."""

from coop.models import Urenregel
from werknemers.gdpr import register_export_section


def _rijen(qs, *velden) -> list[dict]:
    return list(qs.order_by("pk").values(*velden))


def aanbiedingen(werknemer) -> list[dict]:
    return _rijen(
        werknemer.aanbiedingen.all(),
        "id",
        "status",
        "created_at",
        "deadline",
        "beantwoord_op",
        "korte_termijn",
        "score",
        "toelichting",
        "dienst__start",
        "dienst__eind",
        "dienst__locatie__naam",
        "job__soort",
        "job__reden",
    )


def inzetten(werknemer) -> list[dict]:
    return _rijen(
        werknemer.inzetten.all(),
        "id",
        "status",
        "start",
        "eind",
        "dienst__locatie__naam",
        "dienst__locatie__werkgever__naam",
        "geannuleerd_op",
        "late_annulering",
        "uren_doorbetaald",
    )


def urenregels(werknemer) -> list[dict]:

    return _rijen(
        Urenregel.objects.filter(inzet__werknemer=werknemer),
        "id",
        "inzet_id",
        "soort",
        "datum",
        "start",
        "eind",
        "pauze_minuten",
        "status",
        "created_at",
    )


def loonafspraken(werknemer) -> list[dict]:
    return _rijen(werknemer.loonafspraken.all(), "geldig_van", "uurloon", "toelichting")


def afwezigheid(werknemer) -> list[dict]:
    return _rijen(
        werknemer.afwezigheidsmeldingen.all(),
        "id",
        "soort",
        "status",
        "van",
        "tot",
        "reden",
        "korte_termijn",
        "gemeld_op",
        "hersteld_per",
        "uren",
        "vrijgaven__inzet_id",
        "vrijgaven__korte_termijn",
    )


def register() -> None:
    register_export_section("aanbiedingen", aanbiedingen)
    register_export_section("inzetten", inzetten)
    register_export_section("urenregels", urenregels)
    register_export_section("loonafspraken", loonafspraken)
    register_export_section("afwezigheid", afwezigheid)
