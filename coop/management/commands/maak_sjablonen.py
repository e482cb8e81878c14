"""manage.py maak_sjablonen: (re)write the template workbooks in coop/data/."""

from pathlib import Path

from django.core.management.base import BaseCommand

from coop.exports import schrijf_atomair
from coop.services.facturen.importeren import KOLOMMEN, sjabloon

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Schrijft de Excel-sjablonen voor imports naar coop/data/."

    def handle(self, *args, **opts) -> None:
        for soort in KOLOMMEN:
            pad = DATA / f"sjabloon_{soort}.xlsx"
            schrijf_atomair(pad, sjabloon(soort))
            self.stdout.write(f"{pad} geschreven.")
