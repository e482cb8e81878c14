"""manage.py vera_sleutel --kvk 30123456 [--naam ...]: a new X-API-KEY for a corporation."""

from django.core.management.base import BaseCommand, CommandError

from coop.intake.koppelingen import oauth_client_maken, sleutel_uitgeven
from werkgevers.models import Werkgever


class Command(BaseCommand):
    help = "Maakt een nieuwe VERA-sleutel (X-API-KEY) voor een corporatie; toont hem één keer."

    def add_arguments(self, parser):
        parser.add_argument("--kvk", required=True, help="KvK-nummer van de corporatie")
        parser.add_argument("--naam", default="", help="Waarvoor de sleutel is (vrij veld)")
        parser.add_argument(
            "--oauth",
            action="store_true",
            help="Maak in plaats van een X-API-KEY een OAuth2-client (client credentials)",
        )

    def handle(self, *args, kvk: str, naam: str, oauth: bool = False, **options):
        werkgever = Werkgever.objects.filter(kvk_nummer=kvk.strip()).first()
        if werkgever is None:
            raise CommandError(f"Geen werkgever met KvK-nummer {kvk}.")
        if oauth:
            client, geheim = oauth_client_maken(werkgever=werkgever)
            self.stdout.write(
                f"OAuth2-client voor {werkgever.naam}. Bewaar het geheim nu; het wordt niet "
                "opnieuw getoond:"
            )
            self.stdout.write(f"client_id={client.client_id}")
            self.stdout.write(f"client_secret={geheim}")
            return
        sleutel, key = sleutel_uitgeven(werkgever=werkgever, naam=naam)
        self.stdout.write(
            f"Sleutel voor {werkgever.naam} (begint met {sleutel.prefix}). Bewaar hem nu; "
            "hij wordt niet opgeslagen en niet opnieuw getoond:"
        )
        self.stdout.write(key)
