"""The labour-law rules' public entry point, contracten/rules.py.

The rules grew past one module and live in the package contracten/regels/; this module
re-exports the same names so `from contracten.rules import minimumloon_per_uur` works.
"""

from contracten.regels import *  # noqa: F403
from contracten.regels import __all__  # noqa: F401
