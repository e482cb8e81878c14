"""The records of contracten, one module per kind: documents, contracts and calls, the worklist,
and the legal figures staff maintain. All belong to the app `contracten`; the models and their
choices are imported here so Django registers them with it (constants and exceptions are read
from their own module).
"""

from contracten.models.arbeidscontracten import Arbeidscontract, ContractSoort, Oproep  # noqa: F401
from contracten.models.documenten import Document, DocumentSoort, Nummerreeks  # noqa: F401
from contracten.models.verplichtingen import Verplichting, VerplichtingSoort  # noqa: F401
from contracten.models.wettelijke_gegevens import WettelijkGegeven, Zekerheid  # noqa: F401
