"""Project-wide records (base model, tokens, audit, postcodes) and the broker's own models."""

from coop.models.afwezigheid import Afwezigheidsmelding, Vrijgave  # noqa: F401
from coop.models.base import (  # noqa: F401
    Adres,
    ApiToken,
    AuditLog,
    Postcode,
    TimeStampedModel,
    audit,
)
from coop.models.broker import (  # noqa: F401
    Aanbod,
    Bundelrun,
    Dienst,
    Fragment,
    Gebeurtenis,
    Instellingen,
    Inzet,
    Job,
    PakketTijdvak,
    PakketVaardigheid,
    Werkpakket,
)
from coop.models.facturen import (  # noqa: F401
    Factuur,
    Factuurpost,
    Factuurreeks,
    Factuurregel,
    Importrun,
    SroiModel,
)
from coop.models.uren import Loonafspraak, Loonexport, Loonperiode, Urenregel  # noqa: F401
