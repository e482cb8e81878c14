"""Row processing of the Excel imports: the header, the rows, and one row through the API's service.

Every row goes through the same service as the API (werkpakket_create, werknemer_create), so
validation is the same; a refused row becomes Fout records with its row number, column and a
Dutch message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl.utils import get_column_letter

from coop.core.auth import actor_van, is_staff
from coop.core.exceptions import ApplicationError
from coop.services.facturen.import_kolommen import KOLOMMEN, Celfout, Kolom, kop_norm
from coop.services.facturen.import_upload import Bestandsfout
from coop.services.werk import pakket_invoer
from coop.services.werk import werkpakket as pakket_services
from werkgevers.models import Locatie, Werkgever
from werknemers import services as werknemer_services

MAX_RIJEN = 1000
MAX_KOLOMMEN = 60
MAX_LEGE_RIJEN = 200  # formatting far below the data: stop reading after this many empty rows


@dataclass(frozen=True)
class Fout:
    rij: int
    kolom: str
    cel: str
    melding: str


@dataclass
class Rij:
    nummer: int
    waarden: dict[str, Any]
    cellen: dict[str, str]  # sleutel -> cell reference ("E7")


def _kop(rij, kolommen) -> tuple[dict[int, Kolom], list[Fout]]:
    per_norm = {}
    for k in kolommen:
        per_norm[kop_norm(k.kop)] = k
        per_norm[kop_norm(k.sleutel)] = k
    indeling: dict[int, Kolom] = {}
    fouten = []
    for i, cel in enumerate(rij):
        if cel.value is None or str(cel.value).strip() == "":
            continue
        k = per_norm.get(kop_norm(str(cel.value).replace("*", "")))
        letter = get_column_letter(i + 1)
        if k is None:
            fouten.append(
                Fout(1, str(cel.value), f"{letter}1", "Onbekende kolom; zie het sjabloon.")
            )
        elif k in indeling.values():
            fouten.append(Fout(1, k.kop, f"{letter}1", "Deze kolom staat er twee keer in."))
        else:
            indeling[i] = k
    return indeling, fouten


def rijen_read(ws, kolommen) -> tuple[list[Rij], list[Fout]]:
    regels = ws.iter_rows(max_col=MAX_KOLOMMEN)
    kop = next(regels, None)
    if kop is None:
        raise Bestandsfout("Het werkblad is leeg.", fields={"bestand": ["Geen kopregel."]})
    indeling, fouten = _kop(kop, kolommen)
    ontbrekend = [k.kop for k in kolommen if k.verplicht and k not in indeling.values()]
    if ontbrekend:
        raise Bestandsfout(
            f"Verplichte kolommen ontbreken: {', '.join(ontbrekend)}. Gebruik het sjabloon.",
            fields={"bestand": [f"Kolom ontbreekt: {k}" for k in ontbrekend]},
        )
    rijen: list[Rij] = []
    leeg = 0
    for nummer, rij in enumerate(regels, start=2):
        waarden, cellen = _lees_rij(rij, indeling, nummer, fouten)
        if not waarden and not any(f.rij == nummer for f in fouten):
            leeg += 1
            if leeg >= MAX_LEGE_RIJEN:
                break
            continue
        leeg = 0
        _verplicht_leeg(indeling, waarden, nummer, fouten)
        rijen.append(Rij(nummer, waarden, cellen))
        if len(rijen) > MAX_RIJEN:
            raise Bestandsfout(
                f"Te veel rijen: hoogstens {MAX_RIJEN} per bestand. Splits het bestand op.",
                fields={"bestand": [f"Meer dan {MAX_RIJEN} rijen."]},
            )
    if not rijen:
        raise Bestandsfout(
            "Het werkblad bevat geen rijen om te importeren.",
            fields={"bestand": ["Geen gegevens onder de kopregel."]},
        )
    return rijen, fouten


def _verplicht_leeg(indeling: dict[int, Kolom], waarden: dict, nummer: int, fouten: list[Fout]):
    """A filled-in row with a required cell left empty: that cell's error (the row is not
    passed on half, which the services cannot take)."""
    al_fout = {f.kolom for f in fouten if f.rij == nummer}
    for i, kolom in indeling.items():
        if kolom.verplicht and kolom.sleutel not in waarden and kolom.kop not in al_fout:
            ref = f"{get_column_letter(i + 1)}{nummer}"
            fouten.append(Fout(nummer, kolom.kop, ref, "Vul dit in: deze kolom is verplicht."))


def _lees_rij(rij, indeling: dict[int, Kolom], nummer: int, fouten: list[Fout]):
    waarden: dict[str, Any] = {}
    cellen: dict[str, str] = {}
    for i, kolom in indeling.items():
        if i >= len(rij):
            continue
        cel = rij[i]
        ref = f"{get_column_letter(i + 1)}{nummer}"
        cellen[kolom.sleutel] = ref
        if cel.data_type == "f":
            fouten.append(
                Fout(
                    nummer,
                    kolom.kop,
                    ref,
                    "Deze cel bevat een formule; vul de "
                    "waarde zelf in (kopiëren en 'plakken als waarde').",
                )
            )
            continue
        if cel.value is None or (isinstance(cel.value, str) and not cel.value.strip()):
            continue
        try:
            waarden[kolom.sleutel] = kolom.lees(cel.value)
        except Celfout as exc:
            fouten.append(Fout(nummer, kolom.kop, ref, str(exc)))
    return waarden, cellen


# --- the rows through the services -------------------------------------------------------------


def _werkgever_van(user, rij: Rij) -> Werkgever:
    eigen = actor_van(user).werkgever_id
    kvk = rij.waarden.get("werkgever", "")
    if not is_staff(user):
        werkgever = Werkgever.objects.get(pk=eigen)
        if kvk and kvk != werkgever.kvk_nummer:
            raise ApplicationError(
                "",
                fields={
                    "werkgever": ["U importeert alleen voor uw eigen organisatie; laat dit leeg."]
                },
            )
        return werkgever
    if not kvk:
        raise ApplicationError(
            "", fields={"werkgever": ["Vul het KvK-nummer van de werkgever in."]}
        )
    werkgever = Werkgever.objects.filter(kvk_nummer=kvk).first()
    if werkgever is None:
        raise ApplicationError("", fields={"werkgever": [f"Geen werkgever met KvK-nummer {kvk}."]})
    return werkgever


def _locatie(werkgever: Werkgever, waarde: str) -> Locatie:
    qs = Locatie.objects.filter(werkgever=werkgever)
    locatie = qs.filter(naam__iexact=waarde).first()
    if locatie is None and waarde.isdigit():
        locatie = qs.filter(pk=int(waarde)).first()
    if locatie is None:
        raise ApplicationError(
            "", fields={"locatie": [f"Onbekende locatie '{waarde}' bij {werkgever.naam}."]}
        )
    return locatie


def _maak_werkpakket(user, rij: Rij) -> dict:
    werkgever = _werkgever_van(user, rij)
    locatie = _locatie(werkgever, rij.waarden["locatie"])
    velden = {k: v for k, v in rij.waarden.items() if k not in ("werkgever", "locatie")}
    data = pakket_invoer.WerkpakketData(locatie_id=locatie.pk, **velden)
    pakket = pakket_services.werkpakket_create(user=user, data=data)
    return {
        "rij": rij.nummer,
        "id": pakket.pk,
        "titel": pakket.titel,
        "werkgever": werkgever.naam,
        "locatie": locatie.naam,
        "soort": pakket.soort,
        "tarief_per_uur": str(pakket.tarief_per_uur),
    }


def _maak_werknemer(user, rij: Rij) -> dict:
    data = dict(rij.waarden)
    werknemer = werknemer_services.werknemer_create(user=user, data=data)
    return {
        "rij": rij.nummer,
        "id": werknemer.pk,
        "naam": werknemer.volledige_naam,
        "postcode": werknemer.postcode,
        "wijk": werknemer.wijk,
    }


MAKERS = {"werkpakketten": _maak_werkpakket, "werknemers": _maak_werknemer}
VELD_NAAR_KOLOM = {"locatie_id": "locatie"}


def _fouten_van(rij: Rij, kolommen, velden: dict[str, list[str]], algemeen: str) -> list[Fout]:
    per_sleutel = {k.sleutel: k for k in kolommen}
    uit = []
    for veld, meldingen in velden.items():
        sleutel = VELD_NAAR_KOLOM.get(veld, veld.split(".")[0])
        kolom = per_sleutel.get(sleutel)
        for melding in meldingen:
            uit.append(
                Fout(
                    rij.nummer,
                    kolom.kop if kolom else "",
                    rij.cellen.get(sleutel, "") if kolom else "",
                    str(melding),
                )
            )
    return uit or [Fout(rij.nummer, "", "", algemeen or "Deze rij kan niet worden ingelezen.")]


def rij_process(user, soort: str, rij: Rij) -> tuple[dict | None, list[Fout]]:
    kolommen = KOLOMMEN[soort]
    try:
        with transaction.atomic():
            return MAKERS[soort](user, rij), []
    except ApplicationError as exc:
        return None, _fouten_van(rij, kolommen, exc.fields, exc.message)
    except ValidationError as exc:
        velden = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return None, _fouten_van(rij, kolommen, velden, " ".join(exc.messages))
    except IntegrityError:
        return None, [Fout(rij.nummer, "", "", "Deze rij botst met bestaande gegevens.")]
