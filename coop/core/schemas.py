"""The one error body of every endpoint, shared by all apps' schemas."""

from ninja import Schema


class ErrorOut(Schema):
    """The one error body of the API: a Dutch message and, per field, what is wrong."""

    detail: str
    fields: dict[str, list[str]] = {}


# Error responses every endpoint may give, for the OpenAPI document.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
