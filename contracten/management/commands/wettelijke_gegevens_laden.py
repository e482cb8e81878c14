"""Write the legal figures shipped in contracten/tabellen.py into the database (idempotent)."""

from django.core.management.base import BaseCommand

from contracten.gegevens import laden_uit_code


class Command(BaseCommand):
    help = "Laadt de meegeleverde wettelijke gegevens in de database (veilig om te herhalen)."

    def handle(self, *args, **options):
        teller = laden_uit_code()
        self.stdout.write(
            "Wettelijke gegevens: {toegevoegd} toegevoegd, {bijgewerkt} bijgewerkt, "
            "{ongewijzigd} ongewijzigd.".format(**teller)
        )
