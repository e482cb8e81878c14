"""The VERA OHD specification: loaded once from VERA_OHD_SPEC and used to validate every
request body and every answer of the OHD endpoints.

The specification is not part of this repository (it belongs to Aedes); settings name the
file. Three readings are applied in memory, never to the file:

* the server is this service's own prefix (/vera/ohd/v4), so paths match;
* a `oneOf` between a base type and its own extension (Adres-basis | Eenheidadres,
  Contactgegeven-basis | Telefoonnummer) is read as `anyOf`: every value valid for the
  extension is valid for the base too, so under `oneOf` no address or contact could ever
  be valid;
* the path parameter `id` of PATCH /onderhoudsorders/{id} is a string, as it is for GET and
  PUT of the same path (the specification says integer there only, and an order's id is
  the corporation's own text, e.g. WO/2026/0412).
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "/vera/ohd/v4"
ORDER_SCHEMA = "Onderhoudsorders-Onderhoudsorderbericht"


def _basis_en_uitbreiding(schemas: dict, takken: list) -> bool:
    refs = [t.get("$ref", "").rsplit("/", 1)[-1] for t in takken]
    if len(refs) != 2 or not all(refs):
        return False
    for a, b in (refs, refs[::-1]):
        delen = schemas.get(b, {}).get("allOf", [])
        if any(d.get("$ref", "").endswith("/" + a) for d in delen):
            return True
    return False


def lees(pad: str | Path) -> dict:
    """The specification as a dict, with the three readings above."""
    with open(pad, encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    spec = copy.deepcopy(spec)
    spec["servers"] = [{"url": PREFIX}]
    schemas = spec.get("components", {}).get("schemas", {})
    for schema in schemas.values():
        takken = schema.get("oneOf")
        if takken and _basis_en_uitbreiding(schemas, takken):
            schema["anyOf"] = schema.pop("oneOf")
    patch = spec.get("paths", {}).get("/onderhoudsorders/{id}", {}).get("patch", {})
    for parameter in patch.get("parameters", []):
        if parameter.get("in") == "path" and parameter.get("name") == "id":
            parameter["schema"] = {"type": "string"}
    return spec


@lru_cache(maxsize=2)
def _gelezen(pad: str) -> dict:
    return lees(pad)


@lru_cache(maxsize=2)
def _openapi(pad: str):
    # inside: openapi-core takes half a second to import; only the intake endpoints need it
    from openapi_core import OpenAPI

    return OpenAPI.from_dict(copy.deepcopy(_gelezen(pad)))


def _pad() -> str:
    pad = getattr(settings, "VERA_OHD_SPEC", "")
    if not pad or not Path(pad).is_file():
        raise ImproperlyConfigured(
            "VERA_OHD_SPEC wijst niet naar de VERA OHD-specificatie (OHD.yaml, versie 4.3.0)."
        )
    return str(Path(pad).resolve())


def openapi():
    return _openapi(_pad())


# --- validation ---------------------------------------------------------------------------

_MELDINGEN = {
    "type": "heeft niet het juiste type ({verwacht})",
    "format": "heeft niet de juiste vorm ({verwacht})",
    "pattern": "heeft niet de juiste vorm",
    "required": "is verplicht",
    "maxItems": "bevat te veel elementen",
    "minItems": "bevat te weinig elementen",
    "enum": "is geen toegestane waarde",
    "anyOf": "past bij geen van de toegestane vormen",
    "oneOf": "past niet bij precies één toegestane vorm",
    "additionalProperties": "bevat een onbekend veld",
}
_TYPEN = {
    "object": "een object",
    "array": "een lijst",
    "string": "tekst",
    "number": "een getal",
    "integer": "een geheel getal",
    "boolean": "true of false",
}
_VORMEN = {
    "date-time": "datum en tijd, bijv. 2026-12-01T09:00:00Z",
    "date": "datum, bijv. 2026-12-01",
    "duration": "duur, bijv. PT30M",
    "uri": "een webadres",
    "byte": "base64",
}


_PLAATSEN = {"header": "header", "query": "parameter", "path": "pad", "cookie": "cookie"}


def veldnaam(pad) -> str:
    naam = ""
    for deel in pad:
        naam += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if naam else str(deel))
    return naam or "bericht"


def _dutch(fout) -> tuple[str, str]:
    pad = list(fout.absolute_path)
    if fout.validator == "required":
        ontbrekend = fout.message.split("'")[1] if "'" in fout.message else ""
        return veldnaam([*pad, ontbrekend] if ontbrekend else pad), "is verplicht"
    verwacht = fout.validator_value
    if fout.validator == "type":
        verwacht = _TYPEN.get(str(verwacht), verwacht)
    if fout.validator == "format":
        verwacht = _VORMEN.get(str(verwacht), verwacht)
    sjabloon = _MELDINGEN.get(fout.validator, "is ongeldig")
    return veldnaam(pad), sjabloon.format(verwacht=verwacht)


def _schemafouten(exc) -> list:
    fouten = []
    oorzaak = exc
    while oorzaak is not None:
        fouten.extend(getattr(oorzaak, "schema_errors", ()) or ())
        oorzaak = oorzaak.__cause__
    return fouten


def fouten_in_verzoek(request) -> list[tuple[str, str]]:
    """(field, Dutch message) for every way the request's body and parameters break the spec.

    Security is checked by the endpoints themselves (X-API-KEY or OAuth2)."""
    # inside: openapi-core takes half a second to import; only the intake endpoints need it
    from openapi_core.contrib.django import DjangoOpenAPIRequest
    from openapi_core.validation.request.validators import (
        V30RequestBodyValidator,
        V30RequestParametersValidator,
    )

    spec = openapi().spec
    verzoek = DjangoOpenAPIRequest(request)
    resultaat: list[tuple[str, str]] = []
    for validator in (V30RequestParametersValidator, V30RequestBodyValidator):
        for exc in validator(spec).iter_errors(verzoek):
            schemafouten = _schemafouten(exc)
            naam = getattr(exc, "name", None)
            if naam:  # a header, query or path parameter
                plaats = _PLAATSEN.get(str(getattr(exc, "location", "")), "parameter")
                if "Missing" in type(exc).__name__:
                    resultaat.append((f"{plaats} {naam}", "is verplicht"))
                else:
                    resultaat.append((f"{plaats} {naam}", "heeft niet de juiste vorm"))
            elif schemafouten:
                resultaat.extend(_dutch(f) for f in schemafouten)
            elif "body" in type(exc).__name__.lower() or "MediaType" in type(exc).__name__:
                resultaat.append(("bericht", "is geen geldige JSON van de juiste soort"))
            else:
                resultaat.append(("parameters", str(exc)))
    return resultaat


def fouten_in_schema(data, schema: str = ORDER_SCHEMA) -> list[tuple[str, str]]:
    """Validate a body (e.g. what is pushed) against a named schema of the specification."""
    # inside: the schema validator is slow to import and only checks pushed messages
    from openapi_schema_validator import OAS30Validator, oas30_format_checker

    inhoud = _gelezen(_pad())
    validator = OAS30Validator(
        {"$ref": f"#/components/schemas/{schema}", "components": inhoud["components"]},
        format_checker=oas30_format_checker,
    )
    return [_dutch(f) for f in validator.iter_errors(json.loads(json.dumps(data)))]


_LIJST_IN_OMSCHRIJVING = re.compile(r"Referentiedata: ([A-Z_]+)")


def _schemanaam(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


@lru_cache(maxsize=4)
def _referentievelden(pad: str, schema: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    schemas = _gelezen(pad)["components"]["schemas"]
    gevonden: list[tuple[tuple[str, ...], str]] = []

    def delen(deel: dict):
        yield deel
        for sleutel in ("allOf", "anyOf", "oneOf"):
            for sub in deel.get(sleutel, []):
                yield from delen(schemas[_schemanaam(sub["$ref"])] if "$ref" in sub else sub)

    def lopen(deel: dict, plaats: tuple[str, ...], bezig: frozenset) -> None:
        for onderdeel in delen(deel):
            for veld, sub in (onderdeel.get("properties") or {}).items():
                lijst = _LIJST_IN_OMSCHRIJVING.search(sub.get("description") or "")
                if lijst:
                    gevonden.append(((*plaats, veld), lijst.group(1)))
                    continue
                item, volgende = sub, (*plaats, veld)
                if "items" in sub:
                    item, volgende = sub["items"], (*plaats, veld, "*")
                ref = item.get("$ref") or next(
                    (d["$ref"] for d in item.get("allOf", []) if "$ref" in d), None
                )
                if ref and _schemanaam(ref) != "Referentiedata" and _schemanaam(ref) not in bezig:
                    naam = _schemanaam(ref)
                    lopen(schemas[naam], volgende, bezig | {naam})

    lopen(schemas[schema], (), frozenset({schema}))
    return tuple(dict.fromkeys(gevonden))


def referentievelden(schema: str = ORDER_SCHEMA) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Where a message of the schema holds a VERA reference value: the path ('*' for each
    item of a list) and the list's name, as each field's description states it
    ("… Referentiedata: ONDERHOUDSOORT.")."""
    return _referentievelden(_pad(), schema)
