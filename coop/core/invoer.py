"""What the API accepts at its edge: text without control characters, bodies of the right shape.

One mechanism for every endpoint: the API's parser refuses a JSON body or a form field that
holds a control character (NUL and the like; tab and newline may stand in a body, where a
multi-line text allows them), `EenRegel` refuses tab and newline in single-line fields, and
the middleware (coop/core/middleware.py) refuses control characters in paths and query strings.
PostgreSQL cannot store NUL at all; the others have no place in a name or a search term.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from ninja.params.models import BodyModel
from ninja.parser import Parser
from pydantic import AfterValidator, BaseModel

from coop.core.exceptions import ApplicationError

if TYPE_CHECKING:
    from django.db.models import Choices
    from django.http import HttpRequest
    from django.utils.datastructures import MultiValueDict
    from ninja import NinjaAPI, Router

# C0 controls, DEL, C1 controls and lone surrogates (which no database encoding can store).
_STUURTEKEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# The same, but tab, newline and carriage return may stand in a multi-line text.
_STUURTEKEN_BEHALVE_REGELS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

MELDING = "Deze tekst bevat een stuurteken (zoals NUL) dat hier niet is toegestaan."
MELDING_REGEL = "Deze tekst moet op één regel staan, zonder tab of regeleinde."
MELDING_OBJECT = 'De inhoud moet een JSON-object zijn, zoals {"veld": "waarde"}.'


def heeft_stuurteken(tekst: str, *, meerdere_regels: bool = False) -> bool:
    patroon = _STUURTEKEN_BEHALVE_REGELS if meerdere_regels else _STUURTEKEN
    return bool(patroon.search(tekst))


class OngeldigeInvoer(ApplicationError):
    status_code = 422

    def __init__(self, veld: str, melding: str = MELDING) -> None:
        super().__init__(f"Ongeldige invoer. {veld}: {melding}", fields={veld: [melding]})


def json_stuurteken(waarde: Any, pad: str = "") -> str | None:
    """The path of the first string (key or value) in a JSON value holding a control char."""
    if isinstance(waarde, str):
        return pad if heeft_stuurteken(waarde, meerdere_regels=True) else None
    if isinstance(waarde, dict):
        for sleutel, item in waarde.items():
            naam = f"{pad}.{sleutel}" if pad else str(sleutel)
            if heeft_stuurteken(str(sleutel)):
                return pad or "verzoek"
            gevonden = json_stuurteken(item, naam)
            if gevonden:
                return gevonden
    if isinstance(waarde, list):
        for i, item in enumerate(waarde):
            gevonden = json_stuurteken(item, f"{pad}.{i}" if pad else str(i))
            if gevonden:
                return gevonden
    return None


class OngeldigeJson(ValueError):
    pass


class CoopParser(Parser):
    """JSON bodies and form fields without control characters (else a Dutch 422)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(request.body)
        except ValueError as exc:
            raise OngeldigeJson(str(exc)) from exc
        veld = json_stuurteken(data)
        if veld is not None:
            raise OngeldigeInvoer(veld or "verzoek")
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result = super().parse_querydict(data, list_fields, request)
        for sleutel, waarde in result.items():
            for item in waarde if isinstance(waarde, list) else [waarde]:
                if isinstance(item, str) and heeft_stuurteken(item, meerdere_regels=True):
                    raise OngeldigeInvoer(sleutel)
        return result


def _enkele_regel(waarde: str | None) -> str | None:
    if waarde is not None and heeft_stuurteken(waarde):
        raise ValueError(MELDING_REGEL)
    return waarde


def keuze(choices: type[Choices]) -> Any:
    """A field limited to the values of a model's TextChoices, listed inline as an enum in
    the OpenAPI document (the classes share names such as Status, which would collide)."""
    return Literal[tuple(choices.values)]


# A single-line text field (a name, a title, a code): no tab, newline or other control char.
EenRegel = Annotated[str, AfterValidator(_enkele_regel)]


def _object_body(model: type[BodyModel]) -> classmethod[Any, Any, Any]:
    """get_request_data of a body model whose one parameter is an object schema: a JSON body
    that is no object ([] or "x" or 5 or null) is refused instead of read as 'nothing set'."""
    origineel = model.get_request_data

    def get_request_data(
        cls: type[BodyModel], request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]
    ) -> dict[str, Any] | None:
        data = origineel(request, api, path_params)
        if data is not None and not isinstance(next(iter(data.values()), None), dict):
            raise OngeldigeInvoer("verzoek", MELDING_OBJECT)
        return data

    return classmethod(get_request_data)


def bodies_zijn_objecten(routers: Iterable[Router]) -> None:
    """Every operation whose body is one object schema refuses a body that is no object."""
    for router in routers:
        for pad in router.path_operations.values():
            for operatie in pad.operations:
                for model in operatie.models:
                    attr = getattr(model, "__read_from_single_attr__", None)
                    if not (isinstance(model, type) and issubclass(model, BodyModel) and attr):
                        continue
                    soort = model.model_fields[attr].annotation
                    if isinstance(soort, type) and issubclass(soort, BaseModel):
                        model.get_request_data = _object_body(model)  # type: ignore[method-assign,assignment]
