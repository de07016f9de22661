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


# The time zone a person reads times in, kept in a cookie of their browser (set at login and
# when the profile is saved, cleared at logout): pages learn it without reading the session.
TIME_ZONE_COOKIE = "time_zone"
TIME_ZONE_COOKIE_AGE = 365 * 24 * 60 * 60


def remember_time_zone(request, name: str) -> None:
    """Show this person's pages in `name` (empty: the site's), from this response on."""
    request.new_time_zone = name or ""
    activate_time_zone(name)


def activate_time_zone(name: str | None) -> None:
    try:
        timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()


class PersonTimeZoneMiddleware:
    """Show times in the time zone the person chose in their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_time_zone(request.COOKIES.get(TIME_ZONE_COOKIE))
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        chosen = getattr(request, "new_time_zone", None)
        if chosen:
            response.set_cookie(
                TIME_ZONE_COOKIE, chosen, max_age=TIME_ZONE_COOKIE_AGE, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE, httponly=True,
            )  # fmt: skip
        elif chosen is not None and TIME_ZONE_COOKIE in request.COOKIES:
            response.delete_cookie(TIME_ZONE_COOKIE, samesite="Lax")
        return response
