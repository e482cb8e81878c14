"""manage.py importeer_werknemers BESTAND --gebruiker NAAM [--proef] [--deels]."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coop.core.exceptions import ApplicationError
from coop.services.facturen import import_upload, importeren


class ImportCommand(BaseCommand):
    soort = "werknemers"

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--gebruiker", required=True, help="Gebruikersnaam die importeert.")
        parser.add_argument("--proef", action="store_true", help="Laat zien, sla niets op.")
        parser.add_argument(
            "--deels", action="store_true", help="Importeer de goede rijen, ook als er fouten zijn."
        )

    def handle(self, *args, bestand: Path, gebruiker: str, proef: bool, deels: bool, **opts):
        user = get_user_model().objects.filter(username=gebruiker).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker '{gebruiker}'.")
        if not bestand.is_file():
            raise CommandError(f"Bestand {bestand} bestaat niet.")
        if bestand.stat().st_size > import_upload.MAX_BYTES:
            raise CommandError("Het bestand is te groot.")
        try:
            uitkomst = importeren.import_run(
                user=user,
                soort=self.soort,
                bestandsnaam=bestand.name,
                inhoud=bestand.read_bytes(),
                proef=proef,
                alles_of_niets=not deels,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        for fout in uitkomst.fouten:
            plek = f"rij {fout.rij}" + (f", {fout.kolom} ({fout.cel})" if fout.kolom else "")
            self.stderr.write(f"{plek}: {fout.melding}")
        if uitkomst.geweigerd:
            raise CommandError(f"Niets geïmporteerd: {len(uitkomst.fouten)} fout(en).")
        woord = "zou aanmaken" if proef else "aangemaakt"
        self.stdout.write(f"{uitkomst.rijen} rijen gelezen, {len(uitkomst.voorbeeld)} {woord}.")


class Command(ImportCommand):
    help = "Werknemers importeren uit een Excel-bestand (alleen medewerkers van de makelaar)."
