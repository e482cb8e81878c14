"""Issuing, storing, versioning and serving documents; isolation for the three roles."""

from __future__ import annotations

import hashlib
import io
import os
import re
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from contracten import documenten as svc
from contracten import weergave
from contracten.documenten import (
    DocumentBeschadigd,
    document_herrender,
    document_inhoud,
    document_uitgeven,
    document_vervang,
    verweesde_bestanden_opruimen,
)
from contracten.models import Document, Nummerreeks, Verplichting
from contracten.models.documenten import DocumentOnveranderlijk
from contracten.pdf import DocumentPDF
from coop.core.exceptions import ApplicationError, Conflict
from coop.core.models import AuditLog
from tests.contracten.test_pdf import annulering, arbeidsovereenkomst, oproep

JAAR = timezone.localdate().year


def pdf_tekst(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def bestanden() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def weergegeven(document: Document) -> Document:
    """The document after the worker rendered its PDF (the task that follows the commit)."""
    weergave.weergeven(document.pk)
    document.refresh_from_db()
    return document


@pytest.fixture
def contract(werknemer, staff):
    return weergegeven(
        document_uitgeven(
            soort="arbeidsovereenkomst",
            werknemer=werknemer,
            context=arbeidsovereenkomst(),
            user=staff,
        )
    )


@pytest.fixture
def oproep_doc(werknemer, werkgever, staff):
    return weergegeven(
        document_uitgeven(
            soort="oproep", werknemer=werknemer, werkgever=werkgever, context=oproep(), user=staff
        )
    )


@pytest.fixture
def andere_oproep(andere_werknemer, andere_werkgever):
    return weergegeven(
        document_uitgeven(
            soort="oproep", werknemer=andere_werknemer, werkgever=andere_werkgever, context=oproep()
        )
    )


# --- Issuing and storage ------------------------------------------------------------------


def test_issue_stores_file_by_hash_and_records_it(contract, werknemer, staff):
    data = document_inhoud(contract)
    pad = Path(settings.MEDIA_ROOT) / contract.bestand

    assert contract.nummer == f"AOK-{JAAR}-000001"
    assert contract.versie == 1 and contract.vervangt is None
    assert contract.sha256 == hashlib.sha256(data).hexdigest()
    assert pad.name == f"{contract.sha256}.pdf"
    assert contract.grootte == len(data) == pad.stat().st_size
    assert contract.uitgegeven_door == staff
    assert contract.gegevens["uurloon"] == "15.25"
    assert contract.gegevens["werknemer"]["naam"] == "Fatima El Amrani"
    assert contract.gegevens["document"]["nummer"] == contract.nummer
    assert AuditLog.objects.filter(
        action="document_uitgegeven", object_id=str(contract.pk)
    ).exists()
    # No temp files left behind by the atomic write.
    assert bestanden() == [pad]


def test_contract_names_the_member_with_address_and_no_bsn_or_iban(contract, werknemer):
    t = pdf_tekst(document_inhoud(contract))

    assert "Fatima El Amrani" in t
    assert werknemer.adresregel in t
    assert werknemer.bsn not in t
    assert "NL91ABNA0417164300" not in t
    assert f"AOK-{JAAR}-000001 · versie 1" in t


def test_call_an_employer_sees_shows_name_only(oproep_doc, werknemer):
    t = pdf_tekst(document_inhoud(oproep_doc))

    assert "Aan: Fatima El Amrani" in t
    assert werknemer.bsn not in t
    assert "NL91ABNA0417164300" not in t
    assert "Columbuslaan" not in t  # the member's home address
    assert (
        "adres" not in oproep_doc.gegevens["werknemer"]
        or not oproep_doc.gegevens["werknemer"]["adres"]
    )


def test_numbers_count_per_kind_and_year(oproep_doc, werknemer, werkgever, contract):
    tweede = document_uitgeven(
        soort="oproep", werknemer=werknemer, werkgever=werkgever, context=oproep()
    )

    assert oproep_doc.nummer == f"OPR-{JAAR}-000001"
    assert tweede.nummer == f"OPR-{JAAR}-000002"
    assert contract.nummer == f"AOK-{JAAR}-000001"


def test_call_without_employer_is_refused(werknemer):
    with pytest.raises(ApplicationError) as exc:
        document_uitgeven(soort="oproep", werknemer=werknemer, context=oproep())

    assert "werkgever" in exc.value.fields
    assert not Document.objects.exists() and bestanden() == []


@pytest.mark.parametrize("waar", ["naam", "werkplek"])
def test_a_character_the_font_lacks_is_refused_before_anything_is_recorded(
    werknemer, werkgever, waar
):
    """The facts are checked inside the deciding transaction (the PDF follows after the
    commit): a name or a place the PDF could not show is refused, nothing is numbered."""
    context = oproep()
    if waar == "naam":
        werknemer.voornaam = "王芳"
        werknemer.save()
    else:
        context["werkplek"] = {**context["werkplek"], "locatie": "Complex 王"}
    with pytest.raises(ApplicationError) as exc:
        document_uitgeven(soort="oproep", werknemer=werknemer, werkgever=werkgever, context=context)

    assert "王" in str(exc.value) and "context" in exc.value.fields
    assert not Document.objects.exists() and bestanden() == []


def test_bad_context_leaves_nothing(werknemer):
    with pytest.raises(ApplicationError) as exc:
        document_uitgeven(
            soort="arbeidsovereenkomst",
            werknemer=werknemer,
            context=arbeidsovereenkomst(uurloon="-3"),
        )

    assert "context.uurloon" in exc.value.fields
    assert not Document.objects.exists()
    assert not Nummerreeks.objects.exists()
    assert bestanden() == []


def test_issuing_records_the_snapshot_and_renders_nothing_yet(werknemer):
    document = document_uitgeven(
        soort="arbeidsovereenkomst", werknemer=werknemer, context=arbeidsovereenkomst()
    )

    document.refresh_from_db()
    assert (document.weergave, document.sha256, document.bestand) == ("wacht", None, "")
    assert document.gegevens["document"]["nummer"] == document.nummer
    assert document.gegevens_sha256 == weergave.gegevens_hash(document.gegevens)
    assert bestanden() == []


def test_render_failure_keeps_the_document_lists_it_and_a_retry_makes_it(werknemer, monkeypatch):
    document = document_uitgeven(
        soort="arbeidsovereenkomst", werknemer=werknemer, context=arbeidsovereenkomst()
    )

    def kapotte_voettekst(self):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(DocumentPDF, "footer", kapotte_voettekst)
    with pytest.raises(RuntimeError):
        weergave.weergeven(document.pk)

    document.refresh_from_db()
    assert (document.weergave, document.weergave_pogingen) == ("mislukt", 1)
    assert "printer on fire" in document.weergave_fout
    assert bestanden() == []
    item = Verplichting.objects.get(soort="document_weergave", document=document)
    assert item.status == "open" and document.nummer in item.toelichting
    # Not due again before the pause; after it, the sweep renders it and closes the item.
    monkeypatch.undo()
    assert weergave.weergaven_inhalen()["gemaakt"] == 0
    later = timezone.now() + timedelta(minutes=3)
    assert weergave.weergaven_inhalen(nu=later)["gemaakt"] == 1

    document.refresh_from_db()
    assert document.weergave == "klaar" and document.weergave_pogingen == 2
    assert hashlib.sha256(document_inhoud(document)).hexdigest() == document.sha256
    item.refresh_from_db()
    assert item.status == "afgehandeld"


def test_a_snapshot_that_no_longer_matches_its_hash_is_not_rendered(werknemer):
    document = document_uitgeven(
        soort="arbeidsovereenkomst", werknemer=werknemer, context=arbeidsovereenkomst()
    )
    # Past the model's guard, as a manual database edit would be.
    gewijzigd = {**document.gegevens, "uurloon": "99"}
    QuerySet.update(Document.objects.filter(pk=document.pk), gegevens=gewijzigd)

    with pytest.raises(ValueError, match="SHA-256"):
        weergave.weergeven(document.pk)
    assert bestanden() == []
    assert Document.objects.get(pk=document.pk).weergave == "mislukt"


def test_a_file_left_by_an_interrupted_render_is_recorded_not_rewritten(werknemer):
    document = document_uitgeven(
        soort="arbeidsovereenkomst", werknemer=werknemer, context=arbeidsovereenkomst()
    )
    # The worker wrote the whole file (atomically) and died before recording it.
    data = document_herrender(document)
    pad = Path(settings.MEDIA_ROOT) / svc.relatief_pad(hashlib.sha256(data).hexdigest())
    pad.parent.mkdir(parents=True)
    pad.write_bytes(data)
    os.utime(pad, (0, 0))

    assert weergave.weergeven(document.pk) == "gemaakt"

    assert pad.stat().st_mtime == 0  # found whole and kept
    assert document_inhoud(Document.objects.get(pk=document.pk)) == data
    assert bestanden() == [pad]


# --- Immutability and versions ------------------------------------------------------------


def test_changing_an_issued_document_is_refused(contract):
    contract.grootte = 1
    with pytest.raises(DocumentOnveranderlijk) as exc:
        contract.save()
    assert "grootte" in exc.value.fields

    with pytest.raises(DocumentOnveranderlijk):
        Document.objects.filter(pk=contract.pk).update(sha256="0" * 64)
    with pytest.raises(DocumentOnveranderlijk):
        Document.objects.get(pk=contract.pk).delete()
    with pytest.raises(DocumentOnveranderlijk):
        Document.objects.all().delete()

    opgeslagen = Document.objects.get(pk=contract.pk)
    assert opgeslagen.grootte == Path(settings.MEDIA_ROOT, contract.bestand).stat().st_size


def test_saving_without_a_change_is_harmless(contract):
    opnieuw = Document.objects.get(pk=contract.pk)
    opnieuw.save()

    assert Document.objects.count() == 1


def test_replacing_makes_version_two_and_keeps_version_one(contract, staff):
    oud_bestand = document_inhoud(contract)

    nieuw = document_vervang(
        document=contract, context=arbeidsovereenkomst(uurloon="16.00"), user=staff
    )

    assert (nieuw.nummer, nieuw.versie, nieuw.vervangt_id) == (contract.nummer, 2, contract.pk)
    assert nieuw.sha256 != contract.sha256
    assert document_inhoud(contract) == oud_bestand
    t = pdf_tekst(document_inhoud(nieuw))
    assert "€ 16,00 per uur" in t
    assert "Deze versie vervangt versie 1 van dit document." in t
    assert f"{contract.nummer} · versie 2" in t
    contract.refresh_from_db()
    assert contract.vervangen_door == nieuw


def test_an_old_version_cannot_be_replaced_twice(contract):
    document_vervang(document=contract, context=arbeidsovereenkomst(uurloon="16.00"))

    with pytest.raises(Conflict):
        document_vervang(document=contract, context=arbeidsovereenkomst(uurloon="17.00"))

    assert Document.objects.count() == 2


def test_a_version_must_stay_in_the_same_file(contract, andere_werknemer):
    with pytest.raises(ApplicationError) as exc:
        document_uitgeven(
            soort="arbeidsovereenkomst",
            werknemer=andere_werknemer,
            context=arbeidsovereenkomst(),
            vervangt=contract,
        )

    assert "vervangt" in exc.value.fields


def test_stored_context_renders_the_same_bytes_again(oproep_doc, contract):
    assert hashlib.sha256(document_herrender(oproep_doc)).hexdigest() == oproep_doc.sha256
    assert hashlib.sha256(document_herrender(contract)).hexdigest() == contract.sha256


# --- Hash verified on read ----------------------------------------------------------------


def test_tampered_file_is_refused(contract):
    pad = Path(settings.MEDIA_ROOT) / contract.bestand
    data = bytearray(pad.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte somewhere in the content
    pad.write_bytes(bytes(data))

    with pytest.raises(DocumentBeschadigd):
        document_inhoud(contract)


def test_missing_file_is_refused(contract):
    (Path(settings.MEDIA_ROOT) / contract.bestand).unlink()

    with pytest.raises(DocumentBeschadigd):
        document_inhoud(contract)


# --- API ----------------------------------------------------------------------------------


def ids(response) -> set[int]:
    return {item["id"] for item in response.body["items"]}


def test_member_lists_and_downloads_only_their_own(
    api_as, werknemer_user, contract, oproep_doc, andere_oproep
):
    client = api_as(werknemer_user)

    lijst = client.get("documenten/")
    assert lijst.status_code == 200
    assert ids(lijst) == {contract.pk, oproep_doc.pk}
    item = next(i for i in lijst.body["items"] if i["id"] == contract.pk)
    assert item["nummer"] == f"AOK-{JAAR}-000001"
    assert item["titel"] == "Arbeidsovereenkomst"
    assert item["werknemer_naam"] == "Fatima El Amrani"
    assert item["actueel"] is True

    pdf = client.get(item["download_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="AOK-{JAAR}-000001-v1.pdf"'
    assert pdf["X-Document-SHA256"] == hashlib.sha256(pdf.content).hexdigest() == contract.sha256
    assert AuditLog.objects.filter(
        action="document_gedownload", object_id=str(contract.pk)
    ).exists()

    assert client.get(f"documenten/{andere_oproep.pk}").status_code == 404
    assert client.get(f"documenten/{andere_oproep.pk}/pdf").status_code == 404


def test_employer_sees_only_its_calls_not_contracts(
    api_as, werkgever_user, andere_werkgever_user, contract, oproep_doc, andere_oproep, werknemer
):
    annul = document_uitgeven(
        soort="annulering_oproep",
        werknemer=werknemer,
        werkgever=oproep_doc.werkgever,
        context=annulering(),
    )
    client = api_as(werkgever_user)

    assert ids(client.get("documenten/")) == {oproep_doc.pk, annul.pk}
    assert client.get(f"documenten/{oproep_doc.pk}/pdf").status_code == 200
    # The member's contract, even with the same member, stays between member and broker.
    assert client.get(f"documenten/{contract.pk}").status_code == 404
    assert client.get(f"documenten/{contract.pk}/pdf").status_code == 404
    assert client.get(f"documenten/{andere_oproep.pk}/pdf").status_code == 404

    assert ids(api_as(andere_werkgever_user).get("documenten/")) == {andere_oproep.pk}


def test_staff_sees_all_and_filters(api_as, staff, contract, oproep_doc, andere_oproep):
    client = api_as(staff)

    assert ids(client.get("documenten/")) == {contract.pk, oproep_doc.pk, andere_oproep.pk}
    assert ids(client.get("documenten/", {"soort": "oproep"})) == {oproep_doc.pk, andere_oproep.pk}
    assert ids(client.get("documenten/", {"werknemer_id": contract.werknemer_id})) == {
        contract.pk,
        oproep_doc.pk,
    }
    assert client.get("documenten/", {"soort": "brief"}).status_code == 422


def test_version_chain_in_the_api(api_as, staff, contract):
    nieuw = document_vervang(document=contract, context=arbeidsovereenkomst(uurloon="16.00"))
    client = api_as(staff)

    oud = client.get(f"documenten/{contract.pk}").body
    assert (oud["actueel"], oud["vervangen_door_id"]) == (False, nieuw.pk)
    nieuwste = client.get(f"documenten/{nieuw.pk}").body
    assert (nieuwste["versie"], nieuwste["vervangt_id"], nieuwste["actueel"]) == (
        2,
        contract.pk,
        True,
    )


def test_tampered_file_is_not_served(api_as, werknemer_user, contract):
    pad = Path(settings.MEDIA_ROOT) / contract.bestand
    pad.write_bytes(pad.read_bytes() + b"%extra")

    response = api_as(werknemer_user).get(f"documenten/{contract.pk}/pdf")

    assert response.status_code == 500
    assert "gewijzigd of beschadigd" in response.body["detail"]


def test_anonymous_gets_401(api_as, contract):
    assert api_as(None).get("documenten/").status_code == 401
    assert api_as(None).get(f"documenten/{contract.pk}/pdf").status_code == 401


# --- Admin --------------------------------------------------------------------------------


def test_admin_is_read_only_with_download_and_version_chain(client, staff, contract):
    nieuw = document_vervang(document=contract, context=arbeidsovereenkomst(uurloon="16.00"))
    client.force_login(staff)

    lijst = client.get("/admin/contracten/document/", {"soort__exact": "arbeidsovereenkomst"})
    assert lijst.status_code == 200
    assert contract.nummer in lijst.content.decode()

    detail = client.get(f"/admin/contracten/document/{nieuw.pk}/change/").content.decode()
    assert "versie 1</a> → <b>versie 2</b>" in detail
    assert f"/admin/contracten/document/{nieuw.pk}/pdf/" in detail

    pdf = client.get(f"/admin/contracten/document/{nieuw.pk}/pdf/")
    # Rendered on this first download (it was not yet), with the hash it now records.
    nieuw.refresh_from_db()
    assert pdf.status_code == 200 and pdf["X-Document-SHA256"] == nieuw.sha256

    assert client.get("/admin/contracten/document/add/").status_code == 403
    assert client.post(f"/admin/contracten/document/{contract.pk}/delete/").status_code == 403
    assert Document.objects.count() == 2


def test_sweep_removes_only_old_unrecorded_files(contract, werknemer):
    class Terugdraaien(Exception):
        pass

    # A render whose recording rolled back after the file was written: the file stays.
    verloren = document_uitgeven(
        soort="arbeidsovereenkomst", werknemer=werknemer, context=arbeidsovereenkomst()
    )
    with pytest.raises(Terugdraaien), transaction.atomic():
        weergave.weergeven(verloren.pk)
        wees = Path(settings.MEDIA_ROOT) / Document.objects.get(pk=verloren.pk).bestand
        raise Terugdraaien
    assert wees.exists() and Document.objects.get(pk=verloren.pk).sha256 is None

    # File times come from the kernel's clock, not the suite's reference clock: set them.
    nu = timezone.now().timestamp()
    os.utime(wees, (nu, nu))
    assert verweesde_bestanden_opruimen() == []  # too young: might be a transaction in flight
    oud = nu - 2 * 86400
    os.utime(wees, (oud, oud))
    os.utime(Path(settings.MEDIA_ROOT) / contract.bestand, (oud, oud))

    assert verweesde_bestanden_opruimen(ouder_dan=timedelta(days=1)) == [wees]
    assert not wees.exists()
    assert document_inhoud(contract)  # the recorded one is untouched
