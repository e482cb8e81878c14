"""A wage agreement recorded after the documents it affects: new versions where the wage changed.

The wage steps are computed again from the member's agreements as they are now; a document
whose stated wages differ gets a next version (the old one stays as it was).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contracten.documenten import document_vervang
from contracten.models import Arbeidscontract, Document, Oproep
from contracten.regels import minimumloon_per_uur
from contracten.voorwaarden import Afspraken, loon_op_dag, loonverloop


def _stappen(gegevens: dict) -> list[tuple[date, Decimal, bool]]:
    """The wage steps a stored contract context states (older documents: one wage)."""
    verloop = gegevens.get("loonverloop") or [
        {"vanaf": gegevens["ingangsdatum"], "uurloon": gegevens["uurloon"], "minimumloon": False}
    ]
    return [
        (date.fromisoformat(str(s["vanaf"])), Decimal(str(s["uurloon"])), bool(s["minimumloon"]))
        for s in verloop
    ]


def _nieuwe_versie(document: Document, wijzigingen: dict, user) -> Document:
    context = {k: v for k, v in document.gegevens.items() if k not in ("document", "werknemer")}
    return document_vervang(document=document, context=context | wijzigingen, user=user)


@transaction.atomic
def contract_loon_update(
    *, contract: Arbeidscontract, afspraken: Afspraken, user=None
) -> Document | None:
    """A new version of the contract's document if the wages it states no longer hold.

    The wage steps are computed again from the member's agreements as they are now; when
    they differ from what the current version states, the next version states them (the
    old one stays as it was) and the contract record points to it. None: nothing changed.
    """
    contract = (
        Arbeidscontract.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=contract.pk)
    )
    lonen = loonverloop(contract.werknemer.geboortedatum, contract.begin, contract.eind, afspraken)
    nieuw = [(s.vanaf, s.uurloon, s.minimumloon) for s in lonen]
    if nieuw == _stappen(contract.document.gegevens):
        return None
    document = _nieuwe_versie(
        contract.document,
        {"uurloon": lonen[0].uurloon, "loonverloop": [s.als_context() for s in lonen]},
        user,
    )
    contract.document, contract.uurloon = document, lonen[0].uurloon
    contract.save(update_fields=["document", "uurloon", "updated_at"])
    return document


@transaction.atomic
def oproep_loon_update(*, oproep: Oproep, afspraken: Afspraken, user=None) -> list[Document]:
    """New versions of a call (and its cancellation) whose work day's wage has changed."""
    oproep = (
        Oproep.objects.select_for_update(of=("self",))
        .select_related("document", "annulering", "werknemer")
        .get(pk=oproep.pk)
    )
    uurloon = loon_op_dag(
        oproep.werknemer.geboortedatum, timezone.localdate(oproep.begin), afspraken
    )
    nieuw: list[Document] = []
    velden = []
    for veld in ("document", "annulering"):
        document = getattr(oproep, veld)
        if document is None or Decimal(str(document.gegevens["uurloon"])) == uurloon:
            continue
        versie = _nieuwe_versie(document, {"uurloon": uurloon}, user)
        setattr(oproep, veld, versie)
        velden.append(veld)
        nieuw.append(versie)
    if nieuw:
        oproep.uurloon = uurloon
        oproep.save(update_fields=[*velden, "uurloon", "updated_at"])
    return nieuw


def loon_volgens_contract(contract: Arbeidscontract, dag: date) -> Decimal:
    """The hourly wage on `dag` by the wages the contract's current document states.

    Past its last step the last one holds; a step without a wage agreement follows the
    statutory minimum for the member's age on `dag` (which is what is paid then).
    """
    stappen = [s for s in _stappen(contract.document.gegevens) if s[0] <= dag]
    _vanaf, uurloon, minimumloon = (
        stappen[-1] if stappen else _stappen(contract.document.gegevens)[0]
    )
    return minimumloon_per_uur(contract.werknemer.geboortedatum, dag) if minimumloon else uurloon
