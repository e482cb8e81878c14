"""The deterministic demo neighbourhood: Utrecht Kanaleneiland and the wijken around it.

`build_demo(seed=..., stdout=..., vandaag=...)` is the one entry point. It runs small steps
(postcodes, catalogue, employers with locations, members, logins) in one transaction. Every
step upserts by a natural key (postcode, skill code, KvK number, username, BSN blind index), so
a second run creates nothing. All randomness comes from one seeded `random.Random`; every date
is relative to `vandaag` (default: today in Europe/Amsterdam), so ages stay right and the same
seed on the same day gives the same data. Names of organisations are fictional.

Layout: `buurt` (streets, postcodes, employers, catalogue: plain data), `leden` (the members,
generated without the database), `bouwen` (the steps that write, and `build_demo`). Later work
(work packages, offers, hours) adds a `(name, function(ctx))` step to `bouwen.STAPPEN`.
"""

from coop.demo.bouwen import DEFAULT_SEED, STAPPEN, DemoContext, DemoFout, build_demo
from coop.demo.leden import LidSpec, geboortedatum, lid_specs

__all__ = [
    "DEFAULT_SEED",
    "STAPPEN",
    "DemoContext",
    "DemoFout",
    "LidSpec",
    "build_demo",
    "geboortedatum",
    "lid_specs",
]
