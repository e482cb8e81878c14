"""The broker's models, by slice (werk in werk, werk_diensten and werk_inzet; uren; facturen),
and the kernel's records.

The kernel's models (base model, tokens, audit log, postcodes) live in `coop.core.models` and
belong to this app (label `coop`); they are imported here so Django registers them with it.
"""

from coop.core.models import Adres, ApiToken, AuditLog, Postcode, TimeStampedModel, audit  # noqa: F401
from coop.models.afwezigheid import Afwezigheidsmelding, Vrijgave  # noqa: F401
from coop.models.facturen import (  # noqa: F401
    Factuur,
    Factuurpost,
    Factuurreeks,
    Factuurregel,
    Importrun,
    SroiModel,
)
from coop.models.uren import Loonafspraak, Loonexport, Loonperiode, Urenregel  # noqa: F401
from coop.models.werk import (  # noqa: F401
    Instellingen,
    PakketTijdvak,
    PakketVaardigheid,
    PakketVenster,
    Werkpakket,
)
from coop.models.werk_diensten import Bundelrun, Dienst, Fragment, Job  # noqa: F401
from coop.models.werk_inzet import Aanbod, Gebeurtenis, Inzet  # noqa: F401
