"""Who is asking, by network address, and how many failed logins one address may make.

Axes counts failed logins per (username, address) in the database, so every app server sees
the same count. That alone never slows someone who tries many usernames from one address, so
the handler below also sums the failures of the address over the cool-off window and locks
the address out at settings.AXES_ADDRESS_FAILURE_LIMIT. That limit is well above the one per
username: a university whose students all leave through one NAT address survives a day of
typos, and a successful login forgets its own failures.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind settings.PROXY_COUNT proxies, the entry of
    X-Forwarded-For that the outermost of our proxies wrote (the ones left of it are the
    client's to invent)."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.PROXY_COUNT
    if not hops:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote


class AxesHandlerWithAddressLimit(AxesDatabaseHandler):
    """Axes' database handler that also locks out an address with too many failures."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures of this username from this address, or the failure limit itself once the
        address as a whole has reached its own limit (one more query)."""
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address, whatever the username, within the cool-off
    window."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
