"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Each journey runs in Spanish and English, at desktop width and at 375 px, with and without
JavaScript (in CI; `make test` runs the two variants of QUICK_VARIANTS); every page it visits
with JavaScript is checked with axe-core, and no page may log a CSP violation.
"""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

CHROMIUM = "/usr/bin/chromium"
REQUIRED = os.environ.get("E2E_REQUIRED") == "1"

# Playwright's sync API keeps an event loop on the main thread; Django's ORM must still be
# usable from the test body there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _why_unavailable() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_unavailable()
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if reason:
                if REQUIRED:
                    raise pytest.UsageError(f"Browser tests are required here but {reason}.")
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


ALL_VARIANTS = [
    pytest.param(("es", 1280, True), id="es-desktop-js"),
    pytest.param(("en", 375, True), id="en-mobile-js"),
    pytest.param(("es", 375, False), id="es-mobile-nojs"),
    pytest.param(("en", 1280, False), id="en-desktop-nojs"),
]
# Together these two take every journey through both languages, on a phone, with and without
# JavaScript; `make test` runs them, and CI (.ci/run sets E2E_VARIANTS=all) all four.
QUICK_VARIANTS = ("en-mobile-js", "es-mobile-nojs")
VARIANTS = (
    ALL_VARIANTS
    if os.environ.get("E2E_VARIANTS") == "all"
    else [variant for variant in ALL_VARIANTS if variant.id in QUICK_VARIANTS]
)


@dataclass
class Visit:
    """A browser context in one language, width and JavaScript setting, checking each page."""

    context: object
    base_url: str
    language: str
    javascript: bool
    browser: object = None
    csp_errors: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    def new_page(self):
        page = self.context.new_page()
        page.on("console", self._on_console)
        return page

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.csp_errors.append(message.text)

    def goto(self, page, path: str):
        response = page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path}: {response.status}"
        self.check(page)
        return response

    def check(self, page) -> None:
        """One h1, the page's language, no CSP violation; and accessibility (axe-core: no
        serious or critical violation) where JavaScript runs. Without JavaScript the server
        sends the very same HTML, which the variants with JavaScript of the same journey check
        in both languages, on a phone and on a desktop."""
        assert not self.csp_errors, self.csp_errors
        assert page.locator("h1").count() == 1, f"{page.url} must have exactly one h1"
        assert page.locator("html").get_attribute("lang") == self.language
        key = page.url.split("?")[0]
        if key in self.checked or not self.javascript:
            return
        self.checked.add(key)
        assert_accessible(page)


_axe = None


def assert_accessible(page) -> None:
    global _axe
    from axe_playwright_python.sync_playwright import Axe

    _axe = _axe or Axe()
    results = _axe.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{page.url}: " + "; ".join(serious)


@pytest.fixture(params=VARIANTS)
def visit(request, browser, live_server) -> Iterator[Visit]:
    language, width, javascript = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
        locale="es-PE" if language == "es" else "en-GB",
        extra_http_headers={"Accept-Language": language},
    )
    context.set_default_timeout(10_000)
    yield Visit(context, live_server.url, language, javascript, browser=browser)
    context.close()


@pytest.fixture
def e2e_world(transactional_db):
    from tests.conftest import build_world

    return build_world()


def login(visit: Visit, page, username: str, password: str) -> None:
    page.goto(visit.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()


def pytest_configure(config):
    if shutil.which("java") is None and REQUIRED:
        config.issue_config_time_warning(
            pytest.PytestWarning("java is missing: HTML validation tests will fail"), 2
        )
