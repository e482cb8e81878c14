"""The only NinjaAPI: every app's router under /api/v1/, errors mapped to JSON once."""

import logging

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from coop.core.auth import TokenAuth, role_of
from coop.core.exceptions import ApplicationError
from coop.core.invoer import CoopParser, OngeldigeJson, bodies_zijn_objecten
from coop.core.models import ApiToken
from coop.core.schemas import ErrorOut

logger = logging.getLogger(__name__)

FOUT_REF = {"$ref": "#/components/schemas/ErrorOut"}
FOUTEN = {
    400: "Het verzoek is geweigerd (een regel van de makelaar, of geen geldige JSON).",
    401: "Niet ingelogd of de sleutel is ongeldig of verlopen.",
    403: "U mag dit niet.",
    404: "Niet gevonden (of niet van u).",
    409: "Dit botst met de huidige stand (iemand was net eerder).",
    422: "Ongeldige invoer (een veld, een filter of een stuurteken).",
}


class CoopAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Each operation lists the 4xx answers it can give, all in the shared error shape."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operaties in schema["paths"].values():
            for methode, operatie in operaties.items():
                for code in _fouten_van(methode, operatie):
                    operatie["responses"].setdefault(
                        code,
                        {
                            "description": FOUTEN[int(code)],
                            "content": {"application/json": {"schema": FOUT_REF}},
                        },
                    )
        return schema


def _fouten_van(methode: str, operatie: dict) -> list[str]:
    """The 4xx codes an operation can answer: 401/403 behind a login, 404 for an id in the
    path (another's object is 'not found'), 422 for any parameter or body (and control
    characters), 400/409 for a change (a refused rule, a concurrent change)."""
    codes = []
    ingelogd = bool(operatie.get("security"))
    parameters = operatie.get("parameters", [])
    wijziging = methode.lower() != "get"
    if wijziging or "requestBody" in operatie:
        codes += ["400", "409"]
    if ingelogd:
        codes += ["401", "403"]
    if ingelogd or any(p.get("in") == "path" for p in parameters):
        codes.append("404")
    if parameters or "requestBody" in operatie:
        codes.append("422")
    return codes


api = CoopAPI(
    title="coop API",
    version="1",
    description="De makelaar van de buurtwerk-coöperatie: werkgevers, werknemers, werk en "
    "arbeidsrecht. Log in via POST /api/v1/auth/login en stuur de sleutel mee als "
    "'Authorization: Bearer <sleutel>'.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    parser=CoopParser(),
)

ROUTERS = [
    ("/werkgevers/", "werkgevers.api.router"),
    ("/werknemers/", "werknemers.api.router"),
    ("/documenten/", "contracten.api.router"),
    ("/", "coop.api.werk.router"),
    ("/", "coop.api.uren.router"),
    ("/", "coop.api.facturen.router"),
    ("/", "coop.api.afwezigheid.router"),
    ("/intake/", "coop.intake.api.router"),
    ("/notificaties/", "coop.notificaties.api.router"),
]


def _error(request, status: int, detail: str, fields: dict | None = None):
    return api.create_response(request, {"detail": detail, "fields": fields or {}}, status=status)


@api.exception_handler(ApplicationError)
def on_application_error(request, exc: ApplicationError):
    return _error(request, exc.status_code, exc.message, exc.fields)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc: DjangoValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    fields = {k: [str(m) for m in v] for k, v in fields.items()}
    summary = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()) or " ".join(exc.messages)
    return _error(request, 400, f"Ongeldige invoer. {summary}", fields)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "verzoek"


@api.exception_handler(NinjaValidationError)
def on_ninja_validation_error(request, exc: NinjaValidationError):
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        fields.setdefault(_field_name(err.get("loc", ())), []).append(_dutch(err))
    summary = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    return _error(request, 422, f"Ongeldige invoer. {summary}", fields)


def _dutch(err: dict) -> str:
    kind = err.get("type", "")
    messages = {
        "missing": "Dit veld is verplicht.",
        "int_parsing": "Vul een geheel getal in.",
        "int_type": "Vul een geheel getal in.",
        "decimal_parsing": "Vul een getal in.",
        "float_parsing": "Vul een getal in.",
        "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD.",
        "date_parsing": "Vul een datum in als JJJJ-MM-DD.",
        "datetime_parsing": "Vul datum en tijd in als JJJJ-MM-DDTUU:MM.",
        "time_parsing": "Vul een tijd in als UU:MM.",
        "string_type": "Vul tekst in.",
        "bool_parsing": "Vul ja of nee in (true/false).",
        "string_too_long": "Deze tekst is te lang.",
        "string_too_short": "Deze tekst is te kort.",
        "enum": "Kies een van de toegestane waarden.",
        "literal_error": "Kies een van de toegestane waarden.",
        "json_invalid": "De inhoud is geen geldige JSON.",
        "model_attributes_type": "De inhoud heeft niet de verwachte vorm.",
        "dict_type": "De inhoud heeft niet de verwachte vorm.",
        "list_type": "Vul een lijst in.",
        "extra_forbidden": "Dit veld is hier niet toegestaan.",
    }
    if kind in messages:
        return messages[kind]
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return "De waarde valt buiten het toegestane bereik."
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err.get("msg", "Ongeldige waarde.")))
    return "Ongeldige waarde."


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "Niet gevonden.")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, "Niet ingelogd of de sleutel is ongeldig of verlopen.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # django-ninja wraps what the parser raised in an English 400: answer the cause.
    if isinstance(exc.__cause__, ApplicationError):
        return on_application_error(request, exc.__cause__)
    if isinstance(exc.__cause__, OngeldigeJson | UnicodeDecodeError):
        return _error(request, 400, "De inhoud van het verzoek is geen geldige JSON.")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(InterfaceError)
@api.exception_handler(OperationalError)
def on_database_unavailable(request, exc):
    logger.exception("database unavailable")
    return _error(request, 503, "De database is even niet bereikbaar. Probeer het zo opnieuw.")


@api.exception_handler(IntegrityError)
def on_integrity_error(request, exc):
    # A constraint caught what a service's own checks did not (a concurrent change).
    logger.warning("integrity error: %s", exc)
    return _error(request, 409, "Dit botst met een andere, net opgeslagen wijziging.")


class LoginIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    expires_at: str
    role: str


class MeOut(Schema):
    username: str
    role: str


@api.post("/auth/login", auth=None, response={200: TokenOut, 401: ErrorOut}, tags=["auth"])
def login(request, payload: LoginIn):
    """Exchange username and password for a bearer token."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return Status(
            401, {"detail": "Onbekende gebruikersnaam of onjuist wachtwoord.", "fields": {}}
        )
    token, key = ApiToken.issue(user=user, name=payload.name)
    return Status(
        200, {"token": key, "expires_at": token.expires_at.isoformat(), "role": role_of(user)}
    )


@api.post("/auth/logout", response={204: None}, tags=["auth"])
def logout(request):
    """Revoke the token this request was made with."""
    ApiToken.objects.filter(pk=request.api_token.pk).update(revoked_at=timezone.now())
    return Status(204, None)


@api.get("/auth/me", response=MeOut, tags=["auth"])
def me(request):
    return {"username": request.user.get_username(), "role": role_of(request.user)}


for prefix, dotted in ROUTERS:
    api.add_router(prefix, import_string(dotted))
bodies_zijn_objecten([api.default_router, *(import_string(d) for _, d in ROUTERS)])
