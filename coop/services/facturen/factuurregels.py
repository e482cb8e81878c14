"""What an invoice bills: approved hours lines, attributed to work packages and grouped into lines.

Billed are the paid hours of every approved or settled hours line (worked hours, hours kept
at a late cancellation, the top-up to the minimum per call: each has its own invoice line so
the client sees why), up to the period's last day, that no live invoice of the employer holds
yet. A correction line bills what it adds to the line it corrects (its values minus the old
ones), so a line is never billed twice.

A line belongs to the work package of its shift: an incidental shift's package, or, in a
bundled permanent job, the package of the fragment the shift was planned from. A bundled
job's line without a fragment is split over the job's packages by their weekly fragment hours
(hundredths of an hour, largest remainder, so the parts add up to the line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from contracten.regels.geld import cent
from coop.core.exceptions import ApplicationError
from coop.models import Factuur, Factuurpost, Loonperiode, Urenregel, Werkpakket
from coop.models.facturen import UrenSoort
from werkgevers.models import Werkgever

NUL = Decimal("0")
GOEDGEKEURD = (Urenregel.Status.GOEDGEKEURD, Urenregel.Status.VASTGESTELD)
SOORT_VELD = {
    UrenSoort.GEWERKT: "gewerkte_uren",
    UrenSoort.DOORBETAALD: "doorbetaalde_uren",
    UrenSoort.AANVULLING: "aanvulling_uren",
}
SOORT_VOLGORDE = list(SOORT_VELD)


def nl(bedrag: Decimal) -> str:
    """1234.5 -> '1.234,50' (Dutch notation for messages and explanations)."""
    return f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


# --- attribution --------------------------------------------------------------------------


def verdeel(uren: Decimal, gewichten: list[Decimal]) -> list[Decimal]:
    """Split `uren` over `gewichten` in hundredths (largest remainder): the parts add up.

    Ties go to the earlier weight, so the split is deterministic; a negative amount (a
    correction) is split like its absolute value and negated.
    """
    teken = -1 if uren < 0 else 1
    honderdsten = int(abs(uren) * 100)
    totaal = sum(gewichten)
    exact = [Decimal(honderdsten) * g / totaal for g in gewichten]
    delen = [int(e) for e in exact]
    rest = honderdsten - sum(delen)
    volgorde = sorted(range(len(gewichten)), key=lambda i: (-(exact[i] - delen[i]), i))
    for i in volgorde[:rest]:
        delen[i] += 1
    return [teken * Decimal(d) / 100 for d in delen]


@dataclass(frozen=True)
class Deel:
    """The part of an hours line that belongs to one work package."""

    werkpakket: Werkpakket
    aandeel: Decimal
    uren: dict[str, Decimal]  # uren soort -> hours (may be negative for a correction)
    uitleg: str = ""


def _uren_van(regel: Urenregel) -> dict[str, Decimal]:
    """What the line bills: its hours, minus those of the line it corrects."""
    oud = regel.corrigeert
    return {
        soort: getattr(regel, veld) - (getattr(oud, veld) if oud is not None else NUL)
        for soort, veld in SOORT_VELD.items()
    }


def delen_van(regel: Urenregel) -> list[Deel]:
    """The work packages an hours line is billed to, with the hours of each."""
    dienst = regel.inzet.dienst
    uren = _uren_van(regel)
    if dienst.fragment_id is not None:
        fragment = dienst.fragment
        uitleg = (
            f"vaste baan #{dienst.job_id}: fragment {fragment.begin:%H:%M}-{fragment.eind:%H:%M}"
        )
        return [Deel(fragment.werkpakket, Decimal(1), uren, uitleg)]
    if dienst.job.werkpakket_id is not None:
        return [Deel(dienst.job.werkpakket, Decimal(1), uren)]
    return _gesplitst(regel, uren)


def _gesplitst(regel: Urenregel, uren: dict[str, Decimal]) -> list[Deel]:
    per_pakket: dict[int, Decimal] = defaultdict(lambda: NUL)
    pakketten: dict[int, Werkpakket] = {}
    for fragment in regel.inzet.dienst.job.fragmenten.select_related("werkpakket__locatie"):
        per_pakket[fragment.werkpakket_id] += fragment.uren
        pakketten[fragment.werkpakket_id] = fragment.werkpakket
    totaal = sum(per_pakket.values(), NUL)
    if totaal <= 0:
        raise ApplicationError(
            f"Urenregel #{regel.pk} ({regel.datum:%d-%m-%Y}) hoort bij geen werkpakket; "
            "koppel de dienst aan een fragment.",
            fields={"urenregel": [f"#{regel.pk} is niet toe te rekenen."]},
        )
    ids = sorted(per_pakket)
    gewichten = [per_pakket[i] for i in ids]
    gesplitst = {soort: verdeel(u, gewichten) for soort, u in uren.items()}
    return [
        Deel(
            pakketten[pid],
            (gewichten[n] / totaal).quantize(Decimal("0.000001")),
            {soort: gesplitst[soort][n] for soort in uren},
            f"vaste baan #{regel.inzet.dienst.job_id}: {nl(gewichten[n])} van {nl(totaal)} "
            "uur per week volgens de fragmenten",
        )
        for n, pid in enumerate(ids)
    ]


# --- selection ------------------------------------------------------------------------------


def _kandidaten(werkgever: Werkgever, periode: Loonperiode):
    """Approved lines up to the period's end, at the employer's or in its bundled jobs."""
    al_gefactureerd = Factuurpost.objects.filter(
        factuur__werkgever=werkgever,
        factuur__soort=Factuur.Soort.FACTUUR,
        factuur__status=Factuur.Status.UITGEGEVEN,
    ).values("urenregel_id")
    return (
        Urenregel.objects.filter(status__in=GOEDGEKEURD, datum__lte=periode.eind)
        .exclude(soort__in=(Urenregel.Soort.ZIEK, Urenregel.Soort.VERLOF))  # the broker's cost
        .filter(
            Q(inzet__dienst__locatie__werkgever=werkgever)
            | Q(inzet__dienst__job__fragmenten__werkpakket__werkgever=werkgever)
        )
        .exclude(pk__in=al_gefactureerd)
        .select_related(
            "corrigeert",
            "inzet__werknemer",
            "inzet__dienst__locatie",
            "inzet__dienst__job__werkpakket__locatie",
            "inzet__dienst__fragment__werkpakket__locatie",
        )
        .distinct()
        .order_by("datum", "pk")
    )


@dataclass
class Post:
    regel: Urenregel
    soort: str
    uren: Decimal
    aandeel: Decimal


@dataclass
class Groep:
    """The future invoice line: one package, one kind of hours, one tariff."""

    werkpakket: Werkpakket
    soort: str
    posten: list[Post] = field(default_factory=list)
    uitleg: set[str] = field(default_factory=set)

    @property
    def uren(self) -> Decimal:
        return sum((p.uren for p in self.posten), NUL)

    @property
    def bedrag(self) -> Decimal:
        return cent(self.uren * self.werkpakket.tarief_per_uur)


def groepen_voor(werkgever: Werkgever, periode: Loonperiode) -> list[Groep]:
    """The employer's billable hours, grouped into the lines of its next invoice."""
    groepen: dict[tuple, Groep] = {}
    for regel in _kandidaten(werkgever, periode):
        for deel in delen_van(regel):
            if deel.werkpakket.werkgever_id != werkgever.pk:
                continue
            for soort, uren in deel.uren.items():
                if uren == 0:
                    continue
                sleutel = (deel.werkpakket.pk, soort, deel.werkpakket.tarief_per_uur)
                groep = groepen.setdefault(sleutel, Groep(deel.werkpakket, soort))
                groep.posten.append(Post(regel, soort, uren, deel.aandeel))
                if deel.uitleg:
                    groep.uitleg.add(deel.uitleg)
    return sorted(
        groepen.values(),
        key=lambda g: (g.werkpakket.titel, g.werkpakket.pk, SOORT_VOLGORDE.index(g.soort)),
    )
