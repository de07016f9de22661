"""A visitor browses the catalogue, switches language, signs up and logs in."""

from django.contrib.auth import get_user_model

from tests.e2e.conftest import login
from tests.factories import PASSWORD

WORDS = {
    "es": {"apply_by": "Postula", "signup": "Crear cuenta", "profile": "Mi perfil"},
    "en": {"apply_by": "Apply", "signup": "Sign up", "profile": "My profile"},
}


def _open_menu(page) -> None:
    """On narrow screens the header folds behind its Menu button."""
    toggle = page.locator("summary.site-menu__toggle")
    if toggle.is_visible() and not page.locator("details.site-menu[open]").count():
        toggle.click()


def _switch_language(visit, page, language: str) -> None:
    _open_menu(page)
    form = page.locator("form.language-switcher")
    form.locator("select[name=language]").select_option(language)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_it_lets_a_visitor_browse_the_catalogue(visit, e2e_world):
    page = visit.new_page()
    visit.goto(page, "/")
    _switch_language(visit, page, visit.language)
    visit.check(page)
    page.get_by_role("link", name=e2e_world.programme.title).first.click()
    page.wait_for_load_state()
    visit.check(page)
    assert e2e_world.open_edition.name in page.content()
    instructor_link = page.locator("a[href^='/instructors/']").first
    instructor_link.click()
    page.wait_for_load_state()
    visit.check(page)


def test_it_switches_the_language_of_every_page(visit, e2e_world):
    page = visit.new_page()
    visit.goto(page, "/")
    other = "en" if visit.language == "es" else "es"
    _switch_language(visit, page, other)
    assert page.locator("html").get_attribute("lang") == other
    _switch_language(visit, page, visit.language)
    assert page.locator("html").get_attribute("lang") == visit.language


def test_it_signs_up_a_new_student_and_logs_them_in(visit, e2e_world):
    page = visit.new_page()
    visit.goto(page, "/")
    _switch_language(visit, page, visit.language)
    visit.goto(page, "/accounts/signup/")
    username = f"lucia-{visit.language}-{int(visit.javascript)}"
    page.fill("input[name=username]", username)
    page.fill("input[name=first_name]", "Lucía")
    page.fill("input[name=last_name]", "Quispe")
    page.fill("input[name=email]", f"{username}@example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.select_option("select[name=country]", "PE")
    page.fill("input[name=city]", "Cusco")
    page.fill("input[name=organisation]", "Defensoría del Pueblo")
    page.select_option("select[name=sector]", "public")
    page.fill("input[name=position]", "Especialista")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    visit.check(page)
    user = get_user_model().objects.get(username=username)
    assert user.profile.city == "Cusco"

    _open_menu(page)
    page.locator("form.logout button[type=submit]").first.click()
    page.wait_for_load_state()
    login(visit, page, username, PASSWORD)
    visit.check(page)
    visit.goto(page, "/accounts/profile/")
    assert "Defensoría del Pueblo" in page.content()


def test_it_refuses_a_wrong_password_with_a_message(visit, e2e_world):
    page = visit.new_page()
    visit.goto(page, "/accounts/login/")
    login(visit, page, "ana", "not-the-password")
    assert page.url.endswith("/accounts/login/")
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").count() >= 1
    visit.check(page)
