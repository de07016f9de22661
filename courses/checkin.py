"""Rotating check-in codes for in-person live sessions.

The instructor's screen shows a QR code of a URL carrying a token: the session id, the current
one-minute window and an HMAC of both. A token is accepted during its window and for a short
grace after it, so a photo of the screen sent to someone who is not in the room soon stops
working, while a student on a slow connection still gets through.
"""

import re
import time

import segno
from django.utils.crypto import constant_time_compare, salted_hmac

WINDOW_SECONDS = 60
GRACE_SECONDS = 30
_SALT = "courses.checkin"
_TOKEN = re.compile(r"^(?P<session>[0-9]+)-(?P<window>[0-9a-f]{1,12})-(?P<signature>[0-9a-f]{20})$")


class InvalidToken(Exception):
    """The token was not made here, or was made for a window that has passed."""

    def __init__(self, *, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _now() -> float:
    return time.time()


def _window(at: float | None) -> int:
    return int((_now() if at is None else at) // WINDOW_SECONDS)


def _signature(session_id: int, window: int) -> str:
    return salted_hmac(_SALT, f"{session_id}-{window}", algorithm="sha256").hexdigest()[:20]


def make_token(session_id: int, *, at: float | None = None) -> str:
    window = _window(at)
    return f"{session_id}-{window:x}-{_signature(session_id, window)}"


def read_token(token: str, *, at: float | None = None) -> int:
    """The session id of a valid token; raises InvalidToken otherwise."""
    match = _TOKEN.match(token)
    if not match:
        raise InvalidToken(expired=False)
    session_id, window = int(match["session"]), int(match["window"], 16)
    if not constant_time_compare(match["signature"], _signature(session_id, window)):
        raise InvalidToken(expired=False)
    now = _now() if at is None else at
    if window > _window(now):
        raise InvalidToken(expired=False)
    if now >= (window + 1) * WINDOW_SECONDS + GRACE_SECONDS:
        raise InvalidToken(expired=True)
    return session_id


def seconds_to_next_window(*, at: float | None = None) -> int:
    """Seconds until the token changes: the screen reloads then, not on a fixed period."""
    now = _now() if at is None else at
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS) + 1)


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code of `url` with an accessible name; no style attributes (CSP)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=6,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="checkin-qr__code",
        omitsize=True,
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
