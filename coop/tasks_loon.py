"""django-q2 entry point of the payroll export: takes the id, the service does the work."""

from coop.services.loon import loonexport_run


def run_loonexport(export_id: int) -> str:
    """Run a queued export; returns its final status (failures are recorded on the export)."""
    return loonexport_run(export_id=export_id).status
