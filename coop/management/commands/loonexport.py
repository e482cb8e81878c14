"""`manage.py loonexport --periode ID`: export a pay period now, with progress on screen."""

from django.core.management.base import BaseCommand, CommandError

from coop.core.exceptions import ApplicationError
from coop.models import Loonexport
from coop.services.uren.loonexport import loonexport_create, loonexport_run


class Command(BaseCommand):
    help = (
        "Exporteert de goedgekeurde uren van een loonperiode naar de salarisadministratie "
        "(xlsx, Nmbrs en csv). Opnieuw draaien geeft dezelfde bestanden."
    )

    def add_arguments(self, parser):
        parser.add_argument("--periode", type=int, required=True, help="Id van de loonperiode.")
        parser.add_argument(
            "--chunk", type=int, default=None, help="Urenregels per stap (standaard 5000)."
        )

    def handle(self, *args, periode: int, chunk: int | None, **options):
        try:
            export = loonexport_create(periode_id=periode)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        export = loonexport_run(export_id=export.pk, chunk_grootte=chunk, melder=self._meld)
        if export.status != Loonexport.Status.DONE:
            raise CommandError(export.melding)
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {export.aantal_regels} urenregels, {export.aantal_werknemers} "
                f"werknemers, {export.totaal_uren} uur, € {export.totaal_bruto} bruto."
            )
        )
        for soort, info in sorted(export.bestanden.items()):
            self.stdout.write(f"  {soort}: {info['pad']} (sha256 {info['sha256'][:12]}…)")

    def _meld(self, procent: int, tekst: str) -> None:
        balk = "#" * (procent // 5)
        self.stdout.write(f"[{balk:<20}] {procent:3d}% {tekst}")
