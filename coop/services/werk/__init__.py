"""Use cases of the work slice: packages, splitting, bundling, offers, acceptance, planning, paperwork."""
