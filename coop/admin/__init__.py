"""The admin: the kernel's records, then the broker's three slices (each registers itself on import)."""

from coop.admin import afwezigheid, facturen, uren, werk  # noqa: F401
from coop.core import admin as core_admin  # noqa: F401
