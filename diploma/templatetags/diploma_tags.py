import datetime as dt
import hashlib
import re

from django import template
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from courses.markdown import render_markdown
from students.roles import roles_of

register = template.Library()

MARKDOWN_CACHE_SECONDS = 60 * 60 * 24 * 7


@register.filter(is_safe=True)
def markdown(text: str | None, top_level: int | None = None) -> SafeString:
    """Sanitised HTML of Markdown text, cached under a hash of the text.

    With `top_level` (`{{ text|markdown:3 }}`) the headings move down so that the largest one
    becomes an h3: text written with "#" headings cannot add an h1 to a page.
    """
    source = text or ""
    digest = hashlib.sha256(source.encode()).hexdigest()
    key = f"markdown:{top_level or 0}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_markdown(source)
        if top_level:
            html = _demote_headings(html, int(top_level))
        cache.set(key, html, MARKDOWN_CACHE_SECONDS)
    return mark_safe(html)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def _demote_headings(html: str, top_level: int) -> str:
    levels = [int(level) for _slash, level in _HEADING_TAG.findall(html)]
    if not levels or min(levels) >= top_level:
        return html
    shift = top_level - min(levels)
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", html)


@register.filter
def total_minutes(duration: dt.timedelta | None) -> int:
    if not duration:
        return 0
    return max(1, round(duration.total_seconds() / 60))


@register.simple_tag
def nav_roles(user: AbstractBaseUser | AnonymousUser) -> dict[str, bool]:
    """The workspaces a user may open, for the navigation: cached, see students/roles.py."""
    return roles_of(user)


# The areas of the site by URL namespace; the public pages have none.
AREA_OF_NAMESPACE = {
    "learn": "learn",
    "certificates": "certificates",
    "teach": "teach",
    "assess": "teach",
    "office": "office",
    "partners": "partners",
    "apply": "catalogue",
}
CATALOGUE_PAGES = {"home", "programme-detail", "instructor-detail"}


def area_of(request: HttpRequest | None) -> str | None:
    """The area of the site a request's page belongs to, for the navigation to mark one link."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    if not match.namespace:
        return "catalogue" if match.url_name in CATALOGUE_PAGES else None
    area = AREA_OF_NAMESPACE.get(match.namespaces[0])
    if area == "office" and (match.url_name or "").startswith("partner"):
        return "partners"
    if match.namespace == "accounts" and match.url_name == "profile":
        return "profile"
    return area


@register.simple_tag(takes_context=True)
def current_area(context: template.Context) -> str | None:
    """`{% current_area as area %}`: the area of the page being shown (see `area_of`)."""
    return area_of(context.get("request"))


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, area: str, link_area: str, url: str) -> SafeString:
    """` aria-current` for the link of the page's area: "page" on the page the link opens,
    "true" on the other pages of the area; nothing on the links of other areas."""
    if not area or area != link_area:
        return mark_safe("")
    request = context.get("request")
    value = "page" if request is not None and request.path == url.split("#")[0] else "true"
    return mark_safe(f' aria-current="{value}"')


@register.simple_tag(takes_context=True)
def header_key(context: template.Context) -> str:
    """What the header of a signed-in person shows: their session (its CSRF token), the page
    (the current area), their name, staff flag and roles. Empty for visitors: not cached."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or not request.session.session_key:
        return ""
    user = request.user
    roles = "".join(str(int(value)) for value in roles_of(user).values())
    page = request.get_full_path()  # the language form comes back to it
    parts = [request.session.session_key, page, user.get_username(), roles, user.is_staff]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
