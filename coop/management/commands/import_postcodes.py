"""manage.py import_postcodes PATH: load the offline geocoding table from a CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coop.core.geo import import_postcodes_csv

HELP = """Laad de postcodetabel (geocodering zonder internet) uit een CSV-bestand.

Kolommen: postcode;latitude;longitude;plaats;gemeente;wijk;buurt
  - scheidingsteken ';' of ',' (de eerste regel bepaalt welk);
  - een kopregel mag, en mag de kolommen in een andere volgorde noemen
    (ook pc6, lat, lon, woonplaats, wijknaam, buurtnaam);
  - coördinaten in graden WGS84 (52.0734 of 52,0734), binnen Nederland;
  - regels die met '#' beginnen zijn commentaar.
Dit is de vorm van de open PC6-gegevens van CBS/PDOK. Bestaande postcodes worden
bijgewerkt, nieuwe toegevoegd. Is één regel ongeldig, dan wordt niets opgeslagen, tenzij
--skip-invalid is gegeven. Voorbeeld: coop/data/postcodes_demo.csv."""


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("path", help="pad naar het CSV-bestand")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="sla ongeldige regels over en laad de rest",
        )

    def handle(self, *args, path: str, skip_invalid: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        result = import_postcodes_csv(file, skip_invalid=skip_invalid, progress=self._progress)
        for line in result.errors:
            self.stderr.write(line)
        if not result.saved:
            raise CommandError(
                f"{result.invalid} ongeldige {'regel' if result.invalid == 1 else 'regels'}; "
                "er is niets opgeslagen. "
                "Verbeter het bestand of gebruik --skip-invalid."
                if result.invalid
                else result.errors[0]
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Postcodes geladen: {result.created} nieuw, {result.updated} bijgewerkt, "
                f"{result.invalid} overgeslagen."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total} postcodes verwerkt")
