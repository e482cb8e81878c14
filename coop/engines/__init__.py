"""Pure engines: plain functions over frozen dataclasses; no Django, no database, no clock."""
