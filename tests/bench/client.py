"""A person's browser against app servers on loopback, as a TLS proxy would forward it.

Plain HTTP with `X-Forwarded-Proto: https` (see tests/bench/run.py), one cookie jar for any
number of servers (the session made on one is sent to the others), forms read from the page
and posted back with their CSRF token, an `Origin` as a browser sends it over HTTPS.
"""

import http.client
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.bench.run import PROXY_HEADERS

HOST = "127.0.0.1"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    elapsed_ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        """The path a redirect points to, without scheme and host."""
        parts = urlsplit(self.headers.get("Location", ""))
        return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str]


class _Forms(HTMLParser):
    """The forms of a page with the values a browser would send (no buttons, no files)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name")
        if tag == "form":
            method = attributes.get("method", "get").lower()
            self.forms.append(Form(attributes.get("action", ""), method, {}))
        elif not self.forms or not name:
            return
        elif tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            checkable = kind in ("checkbox", "radio")
            if checkable and "checked" not in attributes:
                return
            self.forms[-1].fields[name] = attributes.get("value", "on" if checkable else "")
        elif tag == "textarea":
            self._textarea = name
            self.forms[-1].fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea:
            fields = self.forms[-1].fields
            # The first newline after <textarea> is not part of the value.
            fields[self._textarea] = fields[self._textarea].removeprefix("\n")
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def forms_of(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, path_end: str, *, page: str = "") -> Form:
    """The POST form of `page` whose action ends with `path_end` (no action: the page)."""
    for form in forms_of(html):
        form.action = form.action or page
        if form.method == "post" and urlsplit(form.action).path.endswith(path_end):
            return form
    raise LookupError(f"no form posting to …{path_end}")


@dataclass
class Visitor:
    """One browser: a cookie jar and a kept-alive connection to each server it visits."""

    cookies: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    timeout: float = 60.0
    _connections: dict[int, http.client.HTTPConnection] = field(default_factory=dict)

    def get(self, port: int, path: str) -> Response:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, fields: dict[str, str]) -> Response:
        """A form sent from a page of the same site over HTTPS (CSRF checks the Origin)."""
        body = urlencode(fields).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}:{port}",
        }
        return self.request(port, "POST", path, body=body, headers=headers)

    def submit(self, port: int, page: str, path_end: str, **changes: str) -> Response:
        """Open `page`, fill the form that posts to …`path_end` with `changes`, send it."""
        opened = self.get(port, page)
        if opened.status != 200:
            raise AssertionError(f"GET {page} answered {opened.status}")
        form = form_posting_to(opened.text, path_end, page=page)
        return self.post(port, form.action, {**form.fields, **changes})

    def log_in(self, port: int, username: str, password: str, *, next: str = "") -> Response:
        page = "/accounts/login/" + (f"?{urlencode({'next': next})}" if next else "")
        response = self.submit(port, page, "/accounts/login/", username=username, password=password)
        if response.status != 302:
            raise AssertionError(f"logging in {username} answered {response.status}")
        return response

    def request(
        self, port: int, method: str, path: str, *, body: bytes | None = None, headers=None
    ) -> Response:
        headers = {
            "Accept-Language": self.language,
            "Accept-Encoding": "identity",
            **PROXY_HEADERS,
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        for attempt in (1, 2):
            connection = self._connection(port)
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                content = answer.read()
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                # The server closed a kept-alive connection between two requests: open another.
                self._close(port)
                if attempt == 2:
                    raise
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if answer.will_close:
                self._close(port)
            self._remember(answer.headers.get_all("Set-Cookie") or [])
            return Response(answer.status, answer.headers, content, elapsed)
        raise AssertionError("unreachable")

    def close(self) -> None:
        for port in list(self._connections):
            self._close(port)

    def _connection(self, port: int) -> http.client.HTTPConnection:
        if port not in self._connections:
            self._connections[port] = http.client.HTTPConnection(HOST, port, timeout=self.timeout)
        return self._connections[port]

    def _close(self, port: int) -> None:
        connection = self._connections.pop(port, None)
        if connection is not None:
            connection.close()

    def _remember(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] in ("0", 0) or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
