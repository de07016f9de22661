"""Refusals (403, 404, 429) are ordinary traffic: one line each in the log, never a traceback.

`LogRefusals` writes the line to the "diploma.refusals" logger; `DropDjangoRefusals` is a
logging filter for Django's own "django.request" and "django.security.csrf" loggers, which
would otherwise log the same refusal again, a PermissionDenied with its full traceback. Server
errors (5xx) pass the filter untouched, traceback included.
"""

import logging

from django.http import HttpRequest, HttpResponse

REFUSED_STATUSES = frozenset({403, 404, 429})

logger = logging.getLogger("diploma.refusals")


def _printable(text: str) -> str:
    """Escape control characters, so a crafted URL cannot start a fake line in the log."""
    return text.encode("unicode_escape").decode("ascii")


def note_refusal_reason(request: HttpRequest, reason: str) -> None:
    """Add a short reason (e.g. why a CSRF check failed) to the request's refusal line."""
    request.refusal_reason = reason


class LogRefusals:
    """Log every refused request once: method, path, status and the user's id or "anonymous"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSED_STATUSES:
            reason = getattr(request, "refusal_reason", "")
            logger.info(
                "%s %s %d user=%s%s",
                _printable(request.method or ""),
                _printable(request.path),
                response.status_code,
                _who(request),
                f" ({_printable(reason)})" if reason else "",
            )
        return response


def _who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)
    return "anonymous"


class DropDjangoRefusals(logging.Filter):
    """Let Django's loggers keep everything but the refusals that LogRefusals already logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) not in REFUSED_STATUSES
