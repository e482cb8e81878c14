"""The django-q2 schedules, applied idempotently by `manage.py apply_schedules`."""

from dataclasses import dataclass

from django_q.models import Schedule


@dataclass(frozen=True)
class Planning:
    name: str
    func: str
    schedule_type: str  # django_q.models.Schedule.MINUTES / DAILY / ...
    minutes: int | None = None


# Each app adds its schedules here; names are unique and stable (update_or_create by name).
SCHEDULES: list[Planning] = [
    Planning("aanbiedingen-laten-verlopen", "coop.tasks.expire_offers", "I", minutes=5),
    Planning("vaste-diensten-inplannen", "coop.tasks.extend_permanent_shifts", "D"),
    Planning("werkpakketten-afronden", "coop.tasks.finish_packages", "D"),
    Planning("werklijst-arbeidsrecht", "contracten.tasks.werklijst_bijwerken", "D"),
    Planning("werklijst-certificaten", "coop.services.werk.papieren.certificaten_taak", "D"),
    Planning("documenten-opruimen", "contracten.tasks.documenten_opruimen", "D"),
    Planning("documenten-weergeven", "contracten.tasks.weergaven_inhalen", "I", minutes=5),
    Planning(
        "vera-orderstatus-bijwerken", "coop.intake.tasks.statussen_bijwerken", "I", minutes=15
    ),
    Planning("berichten-versturen", "coop.notificaties.tasks.wachtende_versturen", "I", minutes=1),
    Planning(
        "aanbod-herinneren", "coop.notificaties.tasks.aanbiedingen_herinneren", "I", minutes=5
    ),
    Planning("uren-herinneren", "coop.notificaties.tasks.uren_herinneren", "H"),
    Planning("certificaat-herinneren", "coop.notificaties.tasks.certificaten_herinneren", "D"),
    Planning("links-opruimen", "coop.notificaties.tasks.links_opruimen", "D"),
]


def apply_schedules() -> list[str]:
    applied = []
    for item in SCHEDULES:
        Schedule.objects.update_or_create(
            name=item.name,
            defaults={
                "func": item.func,
                "schedule_type": item.schedule_type,
                "minutes": item.minutes,
                "repeats": -1,
            },
        )
        applied.append(item.name)
    return applied
