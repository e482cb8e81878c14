"""Reads of the broker, scoped to the asking user, one module per slice (werk, uren, facturen)."""
