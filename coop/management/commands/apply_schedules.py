from django.core.management.base import BaseCommand

from coop.schedules import apply_schedules


class Command(BaseCommand):
    help = "Zet de vaste achtergrondtaken (django-q2 schedules) klaar; veilig om vaker te draaien."

    def handle(self, *args, **options):
        names = apply_schedules()
        self.stdout.write(f"{len(names)} planningen bijgewerkt: {', '.join(names) or '-'}")
