"""The paperwork that follows the broker's decisions (contracts, calls, cancellations).

Called inside the deciding transaction, so an acceptance and its documents' rows (number and
snapshot) are one unit: both are stored or neither is (a refused document raises, and the
acceptance rolls back with it). The PDFs are rendered after the commit (contracten/weergave.py). This is the glue that reads the broker's records (Inzet, Job,
Loonafspraak) and hands plain facts to contracten/, which must not know the broker.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from contracten import loonwijzigingen, voorwaarden, werklijst
from contracten import services as contracten
from contracten.documenten import bestand_pad
from contracten.models import Arbeidscontract, Document, Oproep, Verplichting
from contracten.oproepen import oproep_annuleren, oproep_uitgeven, tijdstip
from coop.models import Dienst, Gebeurtenis, Inzet, Job, Loonafspraak, Werkpakket
from coop.selectors import feestdagen, lonen
from coop.services.werk.geschiedenis import gebeurtenis_create
from werkgevers.models import Locatie
from werknemers.models import Certificaat

logger = logging.getLogger(__name__)


def werkplek(locatie) -> contracten.Werkplek:
    return contracten.Werkplek(
        werkgever=locatie.werkgever.naam,
        locatie=locatie.naam,
        adres=locatie.adresregel or locatie.plaats or locatie.naam,
    )


def _werkzaamheden(werkpakket: Werkpakket | None, job: Job) -> str:
    if werkpakket is None:
        return job.reden[:500]
    return f"{werkpakket.titel} ({werkpakket.get_categorie_display()})"[:500]


def _kenmerk(inzet: Inzet) -> str:
    return f"inzet-{inzet.pk}"


def bij_acceptatie(
    *,
    inzet,
    user=None,
    afspraken: lonen.Afspraken | None = None,
    bestaande_contracten: voorwaarden.Contracten | None = None,
) -> list[Document]:
    """After an incidental shift is accepted: the on-call contract (first time) and the call.

    Shifts of a permanent job fall under its employment contract: no call for them.
    `afspraken`, `bestaande_contracten`: the member's wage agreements and contracts when the
    acceptance read them already for its legal check (nothing changed them since: the
    member's row is locked); else they are read here, once for both documents.
    """
    if not _geladen(inzet):
        inzet = Inzet.objects.select_related(
            "werknemer", "aanbod", "dienst__job__werkpakket", "dienst__locatie__werkgever"
        ).get(pk=inzet.pk)
    dienst = inzet.dienst
    if dienst.job.soort == Job.Soort.VAST and dienst.job.werknemer_id == inzet.werknemer_id:
        return []  # a stand-in for a permanent job's shift works on call: a call follows
    werknemer = inzet.werknemer
    dag = timezone.localtime(inzet.start).date()
    plek = werkplek(dienst.locatie)
    lokaal_van, lokaal_tot = timezone.localtime(inzet.start), timezone.localtime(inzet.eind)
    if afspraken is None:
        afspraken = lonen.afspraken_van(werknemer)
    if bestaande_contracten is None:
        bestaande_contracten = voorwaarden.contracten_van(werknemer)
    had_al = voorwaarden.oproepovereenkomst_op(werknemer, dag, bestaande_contracten) is not None
    with _alles_of_niets() as nieuw:
        contract = contracten.oproepovereenkomst_voor(
            werknemer=werknemer,
            dag=dag,
            werkplek=plek,
            eerste_oproep=contracten.Roosterregel(
                dag.weekday(), lokaal_van.time().replace(tzinfo=None), lokaal_tot.time()
            ),
            afspraken=afspraken,
            bestaand=bestaande_contracten,
            user=user,
        )
        nieuw += [] if had_al else [contract.document]
        nieuw.append(_oproep(inzet, contract, plek, afspraken, user).document)
    return nieuw


def _geladen(inzet: Inzet) -> bool:
    """The acceptance hands over the assignment it just made with the member, the offer and
    the shift (its job, package, place and employer) already read: no need to read again."""
    if not all(veld.is_cached(inzet) for veld in (Inzet.werknemer, Inzet.aanbod, Inzet.dienst)):
        return False
    dienst = inzet.dienst
    return (
        Dienst.job.is_cached(dienst)
        and Job.werkpakket.is_cached(dienst.job)
        and Dienst.locatie.is_cached(dienst)
        and Locatie.werkgever.is_cached(dienst.locatie)
    )


@contextmanager
def _alles_of_niets() -> Iterator[list[Document]]:
    """Collect the documents a hook issues; if a later one fails, remove their files too.

    Their rows vanish with the acceptance's rollback, but a file on disk does not; without
    this it would wait for the daily sweep of unrecorded files.
    """
    uitgegeven: list[Document] = []
    try:
        yield uitgegeven
    except BaseException:
        for document in uitgegeven:
            if document.bestand:  # rendered after the commit: usually there is no file yet
                bestand_pad(document).unlink(missing_ok=True)
        raise


def _oproep(inzet: Inzet, contract, plek, afspraken: lonen.Afspraken, user) -> Oproep:
    dienst = inzet.dienst
    return oproep_uitgeven(
        contract=contract,
        werkgever=dienst.locatie.werkgever,
        kenmerk=_kenmerk(inzet),
        begin=inzet.start,
        eind=inzet.eind,
        werkplek=plek,
        werkzaamheden=_werkzaamheden(dienst.job.werkpakket, dienst.job),
        afspraken=afspraken,
        # The offer is the call: its moment counts for the 4-day term, as aanbod_create did.
        opgeroepen_op=inzet.aanbod.created_at if inzet.aanbod else timezone.now(),
        aangenomen_op=(inzet.aanbod.beantwoord_op if inzet.aanbod else None) or timezone.now(),
        terbeschikkingstelling=_terbeschikkingstelling(dienst),
        pauze_minuten=dienst.pauze_minuten,
        user=user,
    )


def _terbeschikkingstelling(dienst) -> bool:
    """The client directs the work (the worker is placed with it) per the package's regime."""
    pakket = dienst.job.werkpakket or (dienst.fragment.werkpakket if dienst.fragment_id else None)
    return pakket is not None and pakket.regie == Werkpakket.Regie.OPDRACHTGEVER


def bij_acceptatie_vast(*, job, werknemer, inzetten, user=None) -> list[Document]:
    """After a permanent job is accepted: the employment contract, with every place of work."""
    fragmenten = list(
        job.fragmenten.select_related("werkpakket__werkgever", "werkpakket__locatie").order_by(
            "weekdag", "begin"
        )
    )
    pakketten = list({f.werkpakket_id: f.werkpakket for f in fragmenten}.values())
    eerste_dag = min(timezone.localtime(i.start).date() for i in inzetten)
    contract = contracten.arbeidsovereenkomst_aangaan(
        werknemer=werknemer,
        kenmerk=f"job-{job.pk}",
        functie=_functie(pakketten),
        werkplekken=_werkplekken(pakketten),
        begin=eerste_dag,
        eind=job.einddatum,
        uren_per_week=job.uren_per_week or sum((f.uren for f in fragmenten), Decimal(0)),
        rooster=[contracten.Roosterregel(f.weekdag, f.begin, f.eind) for f in fragmenten],
        afspraken=lonen.afspraken_van(werknemer),
        terbeschikkingstelling=any(p.regie == Werkpakket.Regie.OPDRACHTGEVER for p in pakketten),
        feestdagen=[f"{p.werkgever.naam}: {feestdagen.regeling(p)}" for p in pakketten],
        user=user,
    )
    return [contract.document]


def _functie(pakketten: Iterable[Werkpakket]) -> str:
    """'Medewerker schoonmaak en huismeesterwerk': the job's kinds of work, in order."""
    soorten = list(dict.fromkeys(p.get_categorie_display() for p in pakketten))
    if not soorten:
        return "Medewerker buurtwerk"
    if len(soorten) == 1:
        return f"Medewerker {soorten[0]}"
    return f"Medewerker {', '.join(soorten[:-1])} en {soorten[-1]}"


def _werkplekken(pakketten: Iterable[Werkpakket]) -> list[contracten.Werkplek]:
    plekken = {(p.werkgever_id, p.locatie_id): werkplek(p.locatie) for p in pakketten}
    return list(plekken.values())


def bij_annulering(*, inzet, user=None) -> list[Document]:
    """After an assignment is cancelled: the written cancellation stating the pay kept."""
    inzet = Inzet.objects.select_related("dienst__job").get(pk=inzet.pk)
    if (
        inzet.dienst.job.soort == Job.Soort.VAST
        and inzet.dienst.job.werknemer_id == inzet.werknemer_id
    ):
        return []
    if not Oproep.objects.filter(kenmerk=_kenmerk(inzet)).exists():
        # Assignments from before written calls existed have nothing to withdraw in writing.
        logger.warning("annulering zonder oproep: inzet %s", inzet.pk)
        return []
    oproep = oproep_annuleren(
        kenmerk=_kenmerk(inzet),
        geannuleerd_op=inzet.geannuleerd_op or timezone.now(),
        afspraken=lonen.afspraken_van(inzet.werknemer),
        user=user,
    )
    return [oproep.annulering]


# --- Certificates on the worklist -------------------------------------------------------


def _vereist(inzet: Inzet) -> list[int]:
    dienst = inzet.dienst
    pakket = dienst.job.werkpakket or (dienst.fragment.werkpakket if dienst.fragment else None)
    return [s.pk for s in pakket.vereiste_certificaten.all()] if pakket else []


def certificaten_signaleren(*, vandaag: date | None = None) -> list[Verplichting]:
    """Daily: certificates that end fewer than 30 days after assigned work that needs them."""
    vandaag = vandaag or timezone.localdate()
    laatste_werkdag: dict[tuple[int, int], date] = {}
    inzetten = Inzet.objects.filter(
        status=Inzet.Status.ACTIEF, start__gte=tijdstip(vandaag)
    ).select_related("dienst__job__werkpakket", "dienst__fragment__werkpakket")
    for inzet in inzetten.prefetch_related(
        "dienst__job__werkpakket__vereiste_certificaten",
        "dienst__fragment__werkpakket__vereiste_certificaten",
    ):
        dag = timezone.localtime(inzet.start).date()
        for soort_id in _vereist(inzet):
            sleutel = (inzet.werknemer_id, soort_id)
            laatste_werkdag[sleutel] = max(dag, laatste_werkdag.get(sleutel, dag))
    nieuw = []
    for (werknemer_id, soort_id), werkdag in laatste_werkdag.items():
        certificaat = _langst_geldig(werknemer_id, soort_id)
        item = certificaat and werklijst.certificaat_signaleren(
            certificaat=certificaat, werkdag=werkdag
        )
        nieuw += [item] if item else []
    return nieuw


def _langst_geldig(werknemer_id: int, soort_id: int) -> Certificaat | None:
    """The member's certificate of this kind that lasts longest (None: they hold none)."""
    certificaten = list(
        Certificaat.objects.filter(werknemer_id=werknemer_id, soort_id=soort_id).select_related(
            "soort", "werknemer"
        )
    )
    if not certificaten or any(c.geldig_tot is None for c in certificaten):
        return None
    return max(certificaten, key=lambda c: c.geldig_tot)


def certificaten_taak() -> int:
    """Scheduled daily (coop/schedules.py): the certificate items of the worklist."""
    return len(certificaten_signaleren())


# --- A wage agreement recorded after the documents it affects -----------------------------


def bij_loonafspraak(*, afspraak: Loonafspraak, user=None) -> list[Document]:
    """After a wage agreement is recorded: new versions of the documents whose days it covers.

    It covers its first day up to the next agreement. Every running contract and every
    call (or cancellation) of the member in that stretch is checked against the wages as
    they are now (contracten.loonwijzigingen.*_loon_bijwerken); each new version is recorded as a
    Gebeurtenis of soort MELDING_WERKNEMER naming the member and the document, for the
    notification that is owed to them. In the caller's transaction: all or nothing.
    """
    werknemer = afspraak.werknemer
    reeks = lonen.afspraken_van(werknemer)
    van = afspraak.geldig_van
    later = [begin for begin, _loon in reeks if begin > van]
    tot = min(later) - timedelta(days=1) if later else None
    with _alles_of_niets() as nieuw:
        contracten_geraakt = Arbeidscontract.objects.filter(
            werknemer=werknemer, status=Arbeidscontract.Status.ACTIEF
        ).filter(Q(eind__isnull=True) | Q(eind__gte=van))
        if tot is not None:
            contracten_geraakt = contracten_geraakt.filter(begin__lte=tot)
        for contract in contracten_geraakt.order_by("begin", "pk"):
            document = loonwijzigingen.contract_loon_bijwerken(
                contract=contract, afspraken=reeks, user=user
            )
            if document is not None:
                nieuw.append(document)
                _meld(afspraak, document, user, job_id=_job_id(contract.kenmerk))
        oproepen = Oproep.objects.filter(werknemer=werknemer, begin__gte=tijdstip(van))
        if tot is not None:
            oproepen = oproepen.filter(begin__lt=tijdstip(tot + timedelta(days=1)))
        for oproep in oproepen.order_by("begin", "pk"):
            for document in loonwijzigingen.oproep_loon_bijwerken(
                oproep=oproep, afspraken=reeks, user=user
            ):
                nieuw.append(document)
                _meld(afspraak, document, user, inzet_id=_inzet_id(oproep.kenmerk))
    return nieuw


def _job_id(kenmerk: str) -> int | None:
    return int(kenmerk.removeprefix("job-")) if kenmerk.startswith("job-") else None


def _inzet_id(kenmerk: str) -> int | None:
    return int(kenmerk.removeprefix("inzet-")) if kenmerk.startswith("inzet-") else None


def _meld(afspraak: Loonafspraak, document: Document, user, **koppeling) -> Gebeurtenis:
    werknemer = afspraak.werknemer
    tekst = (
        f"Bericht aan {werknemer.volledige_naam}: nieuwe versie {document.versie} van "
        f"{document.get_soort_display()} {document.nummer}, vanwege de loonafspraak van "
        f"€ {afspraak.uurloon} per uur vanaf {afspraak.geldig_van:%d-%m-%Y}."
    )
    inzet_id = koppeling.get("inzet_id")
    if inzet_id is not None and not Inzet.objects.filter(pk=inzet_id).exists():
        inzet_id = None
    job_id = koppeling.get("job_id")
    if job_id is not None and not Job.objects.filter(pk=job_id).exists():
        job_id = None
    return gebeurtenis_create(
        user=user,
        soort=Gebeurtenis.Soort.MELDING_WERKNEMER,
        tekst=tekst,
        werknemer=werknemer,
        document=document,
        inzet_id=inzet_id,
        job_id=job_id,
    )
