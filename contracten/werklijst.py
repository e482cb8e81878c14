"""Staff's worklist of labour-law deadlines (Verplichting), filled by a daily task.

Each item is created once per natural key (soort, contract or certificate, due date),
however often the task runs: the database enforces it, the service checks first.

Windows (operational choices, not legal figures):

* **Notice of (non-)renewal** (7:668): listed once its last day (regels.aanzegdatum) is
  within the next 6 weeks, and kept listed while it is overdue but the contract has not
  ended (a late notice still limits the compensation to pro rata).
* **Fixed-hours offer** (7:628a lid 5): listed, with the letter generated, as soon as a
  block of 12 complete contract months of an on-call series has passed, until the end of
  the 13th month. Paid hours are the hours of each call (after the break, with the 3-hour
  minimum) and the hours kept on a late cancellation. A call the member could not work
  because they were sick or on leave stays a paid call (sick pay, leave hours) and counts;
  a call given back as "kan niet" is unpaid and does not (contracten.vaste_uren
  ONBETAALDE_OPROEPEN).
* **Chain conversion** (7:668a): for every running fixed-term contract, what the chain rule
  makes of a follow-up starting the day after it ends; listed when that follow-up would be
  indefinite from a day within the next 3 months.
* **Legal figures** (contracten/gegevens.py): listed eight weeks before a table of dated
  figures runs out ("bekend tot 31-12-2026; voer de bedragen per 01-01-2027 in"), once per
  figure and end date; and a provisional figure, eight weeks before it takes effect and while
  it is in force, until staff confirm or replace it.
* **Certificates**: listed when a member has assigned work that needs a certificate which
  ends fewer than 30 days after the work day (or before it); the broker finds the pairs
  (coop/services/werk/papieren.py), this module records them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracten import gegevens
from contracten.feiten import BEHEER_PAD, GeenRegelVoorDatum
from contracten.models import (
    Arbeidscontract,
    ContractSoort,
    Document,
    Verplichting,
    VerplichtingSoort,
)
from contracten.regels import aanzegdatum, ketenregeling, periode_einde, vaste_uren_aanbod
from contracten.regels.kalender import EEN_DAG, hele_maanden
from contracten.vaste_uren import aanbodbrief_issue, betaalde_uren_per_maand, reeks_begin
from contracten.voorwaarden import eerdere_perioden, oproepovereenkomst_op
from coop.core.exceptions import ApplicationError, Conflict

logger = logging.getLogger(__name__)

AANZEG_VOORUIT = timedelta(weeks=6)
KETEN_VOORUIT_MAANDEN = 3
CERTIFICAAT_MARGE = timedelta(days=30)


def _d(dag: date) -> str:
    return f"{dag:%d-%m-%Y}"


def _registreer(
    *,
    soort: str,
    werknemer,
    vervaldatum: date,
    toelichting: str,
    contract: Arbeidscontract | None = None,
    certificaat=None,
    brief: Callable[[], Document] | None = None,
) -> Verplichting | None:
    """Create the item (and its letter) unless it exists; None when it already did."""
    sleutel = {"soort": soort, "vervaldatum": vervaldatum}
    sleutel |= {"contract": contract} if contract is not None else {"certificaat": certificaat}
    if Verplichting.objects.filter(**sleutel).exists():
        return None
    try:
        with transaction.atomic():
            return Verplichting.objects.create(
                **sleutel,
                werknemer=werknemer,
                toelichting=toelichting[:500],
                document=brief() if brief else None,
            )
    except IntegrityError:  # a concurrent run made it first: one item, as intended
        return None


# --- Notice of (non-)renewal ---------------------------------------------------------------


def aanzeggingen_signaleren(vandaag: date) -> list[Verplichting]:
    """Fixed-term contracts whose notice of (non-)renewal is due within 6 weeks (or overdue)."""
    nieuw = []
    for contract in _lopend_bepaalde_tijd(vandaag):
        item = _per_item(contract, lambda c=contract: _aanzegging(c, vandaag))
        nieuw += [item] if item else []
    return nieuw


def _aanzegging(contract: Arbeidscontract, vandaag: date) -> Verplichting | None:
    uiterlijk = aanzegdatum(contract.eind, contract.begin)
    if uiterlijk is None or uiterlijk > vandaag + AANZEG_VOORUIT:
        return None
    tekst = _(
        "Schriftelijk laten weten of %(contract)s (tot en met %(eind)s) wordt voortgezet, "
        "uiterlijk %(uiterlijk)s (art. 7:668 BW)."
    ) % {
        "contract": contract.document.nummer,
        "eind": _d(contract.eind),
        "uiterlijk": _d(uiterlijk),
    }
    return _registreer(
        soort=VerplichtingSoort.AANZEGGING,
        werknemer=contract.werknemer,
        contract=contract,
        vervaldatum=uiterlijk,
        toelichting=tekst,
    )


def _per_item(contract, stap: Callable[[], Verplichting | None]) -> Verplichting | None:
    """Run one item's step; a missing table or a refused letter skips it (retried tomorrow)."""
    try:
        return stap()
    except (GeenRegelVoorDatum, ApplicationError) as exc:
        logger.error("werklijst: contract %s overgeslagen: %s", contract.pk, exc)
        return None


def _lopend_bepaalde_tijd(vandaag: date):
    return Arbeidscontract.objects.filter(
        bepaalde_tijd=True, eind__gte=vandaag, status=Arbeidscontract.Status.ACTIEF
    ).select_related("werknemer", "document")


# --- Chain conversion -------------------------------------------------------------------------


def ketenomzettingen_signaleren(vandaag: date) -> list[Verplichting]:
    """Running fixed-term contracts whose follow-up would be indefinite within 3 months."""
    nieuw = []
    grens = periode_einde(vandaag, KETEN_VOORUIT_MAANDEN)
    for contract in _lopend_bepaalde_tijd(vandaag):
        item = _per_item(contract, lambda c=contract: _ketenomzetting(c, grens))
        nieuw += [item] if item else []
    return nieuw


def _ketenomzetting(contract: Arbeidscontract, grens: date) -> Verplichting | None:
    volgend_begin = contract.eind + EEN_DAG
    volgend_eind = periode_einde(volgend_begin, contract_maanden(contract))
    eerdere = eerdere_perioden(contract.werknemer, volgend_begin)
    uitkomst = ketenregeling(
        eerdere, volgend_begin, volgend_eind, geboortedatum=contract.werknemer.geboortedatum
    )
    if uitkomst.tijdelijk_toegestaan or uitkomst.vast_vanaf > grens:
        return None
    return _registreer(
        soort=VerplichtingSoort.KETENOMZETTING,
        werknemer=contract.werknemer,
        contract=contract,
        vervaldatum=uitkomst.vast_vanaf,
        toelichting=_("Een vervolg op %(contract)s: %(reden)s")
        % {"contract": contract.document.nummer, "reden": uitkomst.reden},
    )


def contract_maanden(contract: Arbeidscontract) -> int:
    """The length in whole months of a fixed-term contract (at least one): the follow-up's."""
    return max(hele_maanden(contract.begin, contract.eind), 1)


# --- Fixed-hours offer ---------------------------------------------------------------------------


def vaste_uren_signaleren(vandaag: date, user=None) -> list[Verplichting]:
    """On-call members past a block of 12 months: the item and the offer letter for staff.

    Only while an on-call contract runs today; the item hangs on the contract that ran on
    the block's last day, so a renewal in between does not list the same offer twice.
    """
    nieuw = []
    for contract in Arbeidscontract.objects.filter(
        soort=ContractSoort.OPROEPOVEREENKOMST, begin__lte=vandaag
    ).select_related("werknemer", "document"):
        if not contract.loopt_op(vandaag):
            continue
        item = _per_item(contract, lambda c=contract: _vaste_uren_voor(c, vandaag, user))
        nieuw += [item] if item else []
    return nieuw


def _vaste_uren_voor(contract: Arbeidscontract, vandaag: date, user) -> Verplichting | None:
    begin = reeks_begin(contract)
    maanden = hele_maanden(begin, vandaag - EEN_DAG)
    aanbod = vaste_uren_aanbod(begin, betaalde_uren_per_maand(contract.werknemer, begin, maanden))
    if aanbod is None or aanbod.uren_per_week == 0 or vandaag > aanbod.uiterlijk:
        return None
    contract = oproepovereenkomst_op(contract.werknemer, aanbod.periode_tot) or contract
    tekst = _(
        "Schriftelijk een vaste arbeidsomvang van ten minste %(uren)s uur per week aanbieden "
        "(gemiddelde over %(van)s – %(tot)s), uiterlijk %(uiterlijk)s (art. 7:628a lid 5 BW)."
    ) % {
        "uren": aanbod.uren_per_week,
        "van": _d(aanbod.periode_van),
        "tot": _d(aanbod.periode_tot),
        "uiterlijk": _d(aanbod.uiterlijk),
    }
    return _registreer(
        soort=VerplichtingSoort.AANBOD_VASTE_UREN,
        werknemer=contract.werknemer,
        contract=contract,
        vervaldatum=aanbod.uiterlijk,
        toelichting=tekst,
        brief=lambda: aanbodbrief_issue(contract, aanbod, vandaag, user),
    )


# --- Certificates ---------------------------------------------------------------------------------


def certificaat_signaleren(*, certificaat, werkdag: date) -> Verplichting | None:
    """Record that `certificaat` ends too close to (or before) assigned work on `werkdag`."""
    if certificaat.geldig_tot is None or certificaat.geldig_tot >= werkdag + CERTIFICAAT_MARGE:
        return None
    return _registreer(
        soort=VerplichtingSoort.CERTIFICAAT,
        werknemer=certificaat.werknemer,
        certificaat=certificaat,
        vervaldatum=certificaat.geldig_tot,
        toelichting=_(
            "%(soort)s van %(naam)s is geldig tot en met %(tot)s; er is werk ingepland op "
            "%(werkdag)s waarvoor het nodig is. Laat het tijdig verlengen."
        )
        % {
            "soort": certificaat.soort.naam,
            "naam": certificaat.werknemer.volledige_naam,
            "tot": _d(certificaat.geldig_tot),
            "werkdag": _d(werkdag),
        },
    )


# --- The daily run and marking done ------------------------------------------------------------


def werklijst_bijwerken(*, vandaag: date | None = None, user=None) -> list[Verplichting]:
    """Add every contract deadline now due to the worklist; each item only once."""
    vandaag = vandaag or timezone.localdate()
    return (
        aanzeggingen_signaleren(vandaag)
        + ketenomzettingen_signaleren(vandaag)
        + vaste_uren_signaleren(vandaag, user)
        + gegevens_signaleren(vandaag)
    )


# --- Legal figures that run out or are provisional ----------------------------------------------

GEGEVENS_VOORUIT = timedelta(weeks=8)


def gegevens_signaleren(vandaag: date) -> list[Verplichting]:
    """Tables that run out within eight weeks, and provisional figures to confirm."""
    nieuw = []
    for tabel, eind in gegevens.aflopend(vandaag, GEGEVENS_VOORUIT):
        nieuw.append(
            _gegeven_item(
                soort=VerplichtingSoort.WETTELIJK_GEGEVEN,
                sleutel=tabel.sleutel,
                vervaldatum=eind,
                toelichting=_(
                    "Het gegeven '%(onderwerp)s' is bekend tot %(eind)s; voer de bedragen per "
                    "%(volgende)s in onder %(pad)s."
                )
                % {
                    "onderwerp": tabel.onderwerp,
                    "eind": _d(eind),
                    "volgende": _d(eind + EEN_DAG),
                    "pad": BEHEER_PAD,
                },
            )
        )
    for tabel, feit in gegevens.voorlopig(vandaag, GEGEVENS_VOORUIT):
        nieuw.append(
            _gegeven_item(
                soort=VerplichtingSoort.VOORLOPIG_GEGEVEN,
                sleutel=tabel.sleutel,
                vervaldatum=feit.geldig_van,
                toelichting=_(
                    "Het gegeven '%(onderwerp)s' vanaf %(van)s is voorlopig (berekend, nog niet "
                    "bekendgemaakt); bevestig het of voer het bekendgemaakte bedrag in onder "
                    "%(pad)s."
                )
                % {"onderwerp": tabel.onderwerp, "van": _d(feit.geldig_van), "pad": BEHEER_PAD},
            )
        )
    return [item for item in nieuw if item]


def _gegeven_item(*, soort, sleutel: str, vervaldatum: date, toelichting: str):
    if Verplichting.objects.filter(soort=soort, gegeven=sleutel, vervaldatum=vervaldatum).exists():
        return None
    try:
        with transaction.atomic():
            return Verplichting.objects.create(
                soort=soort, gegeven=sleutel, vervaldatum=vervaldatum, toelichting=toelichting[:500]
            )
    except IntegrityError:  # a concurrent run made it first
        return None


@transaction.atomic
def verplichting_resolve(
    *, verplichting: Verplichting, user, afhandeling: str = ""
) -> Verplichting:
    """Mark one worklist item done, with who did it and how; done twice is a 409."""
    item = Verplichting.objects.select_for_update().get(pk=verplichting.pk)
    if item.status == Verplichting.Status.AFGEHANDELD:
        raise Conflict(
            _("Deze verplichting is al afgehandeld."), fields={"status": [_("Al afgehandeld.")]}
        )
    item.status = Verplichting.Status.AFGEHANDELD
    item.afgehandeld_op = timezone.now()
    item.afgehandeld_door = user if getattr(user, "is_authenticated", False) else None
    item.afhandeling = afhandeling[:500]
    item.save(
        update_fields=["status", "afgehandeld_op", "afgehandeld_door", "afhandeling", "updated_at"]
    )
    return item
