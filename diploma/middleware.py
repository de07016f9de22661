import zoneinfo

from django.conf import settings
from django.utils import timezone


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header: no inline scripts, nothing from elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


TIME_ZONE_SESSION_KEY = "time_zone"


def remember_time_zone(request, name: str) -> None:
    """Show this person's pages in `name` (empty: the site's), from their next request on."""
    request.session[TIME_ZONE_SESSION_KEY] = name or ""
    activate_time_zone(name)


def activate_time_zone(name: str | None) -> None:
    try:
        timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class PersonTimeZoneMiddleware:
    """Show times in the time zone the person chose in their profile, kept in their session
    (set at login and when the profile is saved): no query per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_time_zone(request.session.get(TIME_ZONE_SESSION_KEY))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
