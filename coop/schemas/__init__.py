"""Ninja schemas of the broker, one module per slice (werk, uren, facturen)."""
