"""Errors a service raises for a user to read; coop/api.py turns them into JSON once."""


class ApplicationError(Exception):
    """A business-rule refusal with a Dutch message, optionally naming the offending fields."""

    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, list[str]] | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.fields = fields or {}
        if status_code is not None:
            self.status_code = status_code


class NotFound(ApplicationError):
    status_code = 404


class PermissionDenied(ApplicationError):
    status_code = 403


class Conflict(ApplicationError):
    status_code = 409
