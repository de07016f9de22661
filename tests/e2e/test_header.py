"""The header: folded behind a "Menu" button on a phone, opened with the keyboard without
JavaScript; in one row on a desktop for a user with every role; the current area marked."""

import re

import pytest
from django.urls import reverse

from tests import factories as f
from tests.e2e.conftest import Visit, login
from tests.factories import PASSWORD

MENU = re.compile(r"^Men[uú]$")  # "Menú" once the Spanish catalogue has it


def _visit(browser, live_server, language: str, width: int, javascript: bool) -> Visit:
    context = browser.new_context(
        viewport={"width": width, "height": 812},
        java_script_enabled=javascript,
        locale="es-PE" if language == "es" else "en-GB",
        extra_http_headers={"Accept-Language": language},
    )
    context.set_default_timeout(10_000)
    return Visit(context, live_server.url, language, javascript, browser=browser)


def _everything(world):
    """Cora coordinates two editions; she also teaches, works for a partner and is staff."""
    cora = world.cora
    f.InstructorFactory(user=cora)
    f.PartnerStaffFactory(user=cora, institution=world.iom)
    cora.is_staff = True
    cora.save(update_fields=["is_staff"])
    return cora


def _menu_button(page) -> tuple[str, bool]:
    """How Chromium announces the menu's summary: its role and whether it is expanded."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    for node in nodes:
        if MENU.match(node.get("name", {}).get("value", "")):
            properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            return node["role"]["value"], bool(properties.get("expanded"))
    raise AssertionError("no menu button in the accessibility tree")


def _marked(page) -> list[str]:
    return [
        link.get_attribute("href").split("#")[0]
        for link in page.locator("header nav a[aria-current]").all()
    ]


@pytest.mark.parametrize("language", ["es", "en"])
def test_on_a_phone_the_menu_folds_and_opens_with_the_keyboard(
    browser, live_server, e2e_world, language
):
    visit = _visit(browser, live_server, language, 375, javascript=False)
    try:
        page = visit.new_page()
        login(visit, page, "ana", PASSWORD)
        visit.goto(page, reverse("learn:dashboard"))
        header = page.locator("header.site-header")
        links = page.locator("header nav a")

        assert header.bounding_box()["height"] <= 64
        assert links.count() >= 3 and not links.first.is_visible()

        # Tab: the skip link, the brand, then the menu button, announced as collapsed.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        assert _menu_button(page) == ("DisclosureTriangle", False)
        page.keyboard.press("Enter")

        assert _menu_button(page) == ("DisclosureTriangle", True)
        assert links.first.is_visible()
        assert header.bounding_box()["height"] <= 64  # the open menu drops over the page
        page.keyboard.press("Tab")
        assert page.locator("header nav a").first.evaluate("a => a === document.activeElement")
        assert _marked(page) == [reverse("learn:dashboard")]
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert not links.first.is_visible()
    finally:
        visit.context.close()


@pytest.mark.parametrize("language", ["es", "en"])
def test_on_a_desktop_every_link_fits_in_one_row(browser, live_server, e2e_world, language):
    world = e2e_world
    _everything(world)
    visit = _visit(browser, live_server, language, 1280, javascript=True)
    try:
        page = visit.new_page()
        login(visit, page, "cora", PASSWORD)
        areas = {
            reverse("home"): reverse("home"),
            reverse("learn:dashboard"): reverse("learn:dashboard"),
            reverse("teach:home"): reverse("teach:home"),
            reverse("office:home"): reverse("office:home"),
            reverse("office:admissions"): reverse("office:home"),
            world.programme.get_absolute_url(): reverse("home"),
        }
        for path, marked in areas.items():
            visit.goto(page, path)
            assert not page.locator("header summary").is_visible()
            boxes = [
                page.locator(selector).bounding_box()
                for selector in ("header .site-brand", "header .language-switcher select")
            ]
            boxes += [link.bounding_box() for link in page.locator("header nav a").all()]
            boxes += [item.bounding_box() for item in page.locator("header .user-menu > li").all()]
            centres = [box["y"] + box["height"] / 2 for box in boxes]
            tops = {round(link.bounding_box()["y"]) for link in page.locator("header nav a").all()}
            assert len(page.locator("header nav a").all()) >= 6  # every workspace, and admin
            assert max(tops) - min(tops) <= 1, tops
            assert max(centres) - min(centres) <= 4, centres
            assert page.locator("header.site-header").bounding_box()["height"] <= 64
            assert _marked(page) == [marked], path
    finally:
        visit.context.close()
