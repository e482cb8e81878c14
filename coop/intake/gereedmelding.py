"""A member's side of an order: the briefing of their work package, and reporting it done with photos."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from coop.core.exceptions import ApplicationError, NotFound
from coop.core.files import schrijf_atomair
from coop.intake.models import Gereedmelding, GereedmeldingFoto, Pakketbriefing
from coop.models import Inzet, Werkpakket


def _pakket_van_lid(user, werkpakket_id: int) -> tuple[Werkpakket, object]:
    werknemer = getattr(user, "werknemer", None)
    if werknemer is None:
        raise NotFound(_("Werkpakket niet gevonden."))
    pakket = Werkpakket.objects.filter(
        pk=werkpakket_id,
        jobs__diensten__inzetten__werknemer=werknemer,
        jobs__diensten__inzetten__status=Inzet.Status.ACTIEF,
    ).first()
    if pakket is None:
        raise NotFound(_("Werkpakket niet gevonden."))
    return pakket, werknemer


def briefing_voor_lid(*, user, werkpakket_id: int) -> Pakketbriefing:
    """The briefing, for the member assigned to the package only (anyone else: 404)."""
    pakket, _lid = _pakket_van_lid(user, werkpakket_id)
    briefing = Pakketbriefing.objects.filter(werkpakket=pakket).first()
    if briefing is None:
        raise NotFound(_("Dit werkpakket heeft geen briefing."))
    briefing.werkpakket = pakket  # read above: the page shows it without asking again
    return briefing


MAX_FOTO_BYTES = 10 * 1024 * 1024
MAX_FOTOS = 10
FOTO_SOORTEN = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/heic": ".heic",
    "image/webp": ".webp",
}


def _is_soort(data: bytes, soort: str) -> bool:
    """The file's first bytes match the kind it claims (no trust in the client's label)."""
    if soort == "image/jpeg":
        return data[:3] == b"\xff\xd8\xff"
    if soort == "image/png":
        return data[:8] == b"\x89PNG\r\n\x1a\n"
    if soort == "image/webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return data[4:8] == b"ftyp"  # HEIC: an ISO media file


def _foto_lezen(bestand) -> tuple[dict, bytes]:
    soort = (bestand.content_type or "").lower()
    naam = (bestand.name or "foto")[:200]
    if bestand.size > MAX_FOTO_BYTES:
        raise ApplicationError(
            _("Foto '%(naam)s' is groter dan 10 MB.") % {"naam": naam},
            fields={"fotos": [_("'%(naam)s' is te groot.") % {"naam": naam}]},
        )
    data = bestand.read()
    if soort not in FOTO_SOORTEN or not _is_soort(data, soort):
        raise ApplicationError(
            _("Foto '%(naam)s': alleen JPEG, PNG, HEIC of WebP.") % {"naam": naam},
            fields={"fotos": [_("'%(naam)s' is geen foto.") % {"naam": naam}]},
        )
    sha = hashlib.sha256(data).hexdigest()
    gegevens = {
        "naam": naam,
        "content_type": soort,
        "sha256": sha,
        "bestand": f"gereedmeldingen/{sha[:2]}/{sha}{FOTO_SOORTEN[soort]}",
        "grootte": len(data),
    }
    return gegevens, data


def _foto_schrijven(relatief: str, data: bytes) -> None:
    pad = Path(settings.MEDIA_ROOT) / relatief
    if not pad.exists():  # named by its hash: the same photo is stored once
        schrijf_atomair(pad, data)


@transaction.atomic
def gereedmelding_create(
    *, user, werkpakket_id: int, notitie: str, reistijd_minuten: int = 0, fotos=()
) -> Gereedmelding:
    """The assigned member reports the package's work done, with a note and photos."""
    pakket, werknemer = _pakket_van_lid(user, werkpakket_id)
    if not (notitie or "").strip():
        raise ApplicationError(
            _("Schrijf kort op wat er is gedaan."),
            fields={"notitie": [_("Dit veld is verplicht.")]},
        )
    if not 0 <= reistijd_minuten <= 600:
        raise ApplicationError(
            _("De reistijd ligt tussen 0 en 600 minuten."),
            fields={"reistijd_minuten": [_("Tussen 0 en 600 minuten.")]},
        )
    if len(fotos) > MAX_FOTOS:
        raise ApplicationError(
            _("Hoogstens %(aantal)s foto's per melding.") % {"aantal": MAX_FOTOS},
            fields={"fotos": [_("Hoogstens %(aantal)s.") % {"aantal": MAX_FOTOS}]},
        )
    gelezen = [_foto_lezen(f) for f in fotos]
    melding = Gereedmelding.objects.create(
        werkpakket=pakket,
        werknemer=werknemer,
        notitie=notitie.strip(),
        reistijd_minuten=reistijd_minuten,
    )
    GereedmeldingFoto.objects.bulk_create(
        GereedmeldingFoto(gereedmelding=melding, **g) for g, _data in gelezen
    )
    # Files last: every check and row is done, so a refusal leaves no file behind.
    for g, data in gelezen:
        _foto_schrijven(g["bestand"], data)
    return melding
