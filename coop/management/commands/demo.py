"""`manage.py demo`: the deterministic demo neighbourhood (see coop/demo.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from coop.demo import DEFAULT_SEED, DemoFout, build_demo
from werkgevers.models import Werkgever


class Command(BaseCommand):
    help = (
        "Bouwt de demobuurt Kanaleneiland: werkgevers met locaties, ongeveer 80 werknemers, "
        "vaardigheden, certificaten en demo-logins. Veilig om vaker te draaien: wat er al is, "
        "wordt niet opnieuw aangemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Startwaarde van het toeval."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen bouwen als er nog geen enkele werkgever is (voor `make run`).",
        )
        parser.add_argument(
            "--peildatum",
            help="Datum (JJJJ-MM-DD) waartegen leeftijden en geldigheid worden berekend; "
            "standaard vandaag.",
        )

    def handle(self, *args, seed: int, if_empty: bool, peildatum: str | None, **options):
        if if_empty and Werkgever.objects.exists():
            self.stdout.write("Er zijn al werkgevers; de demobuurt wordt niet opnieuw gebouwd.")
            return
        try:
            build_demo(seed=seed, stdout=self.stdout, vandaag=self._datum(peildatum))
        except DemoFout as exc:
            raise CommandError(f"{exc} Er is niets opgeslagen.") from exc

    @staticmethod
    def _datum(tekst: str | None) -> date | None:
        if not tekst:
            return None
        try:
            return date.fromisoformat(tekst)
        except ValueError as exc:
            raise CommandError("Ongeldige --peildatum: gebruik JJJJ-MM-DD.") from exc
