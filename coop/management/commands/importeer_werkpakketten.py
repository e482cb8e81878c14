"""manage.py importeer_werkpakketten BESTAND --gebruiker NAAM [--proef] [--deels]."""

from coop.management.commands.importeer_werknemers import ImportCommand


class Command(ImportCommand):
    help = "Werkpakketten importeren uit een Excel-bestand (sjabloon: maak_sjablonen)."
    soort = "werkpakketten"
