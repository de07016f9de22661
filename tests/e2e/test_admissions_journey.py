"""A newcomer applies to the open edition; the coordinator admits them; they see it."""

from django.core import mail
from django.urls import reverse

from students.models import Enrolment
from tests import factories as f
from tests.e2e.conftest import Visit, login
from tests.factories import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STATEMENT = "I assist returning migrants in Cochabamba and want to study labour migration."


def second_visit(browser, visit: Visit, viewport: dict) -> Visit:
    """Another person's browser, with the same language, width and JavaScript setting."""
    context = browser.new_context(
        viewport=viewport,
        java_script_enabled=visit.javascript,
        locale="es-PE" if visit.language == "es" else "en-GB",
        extra_http_headers={"Accept-Language": visit.language},
    )
    context.set_default_timeout(10_000)
    return Visit(context, visit.base_url, visit.language, visit.javascript, browser=browser)


def _click(visit: Visit, page, locator) -> None:
    locator.click()
    page.wait_for_load_state()
    visit.check(page)


def test_it_lets_a_newcomer_apply_and_the_coordinator_admit_them(visit, e2e_world, browser):
    edition = e2e_world.open_edition
    username = f"nora-{visit.language}-{int(visit.javascript)}"
    f.UserFactory(username=username, first_name="Nora", last_name="Huamán")
    page = visit.new_page()
    login(visit, page, username, PASSWORD)

    visit.goto(page, e2e_world.programme.get_absolute_url())
    start = reverse("apply:start", args=[edition.slug])
    _click(visit, page, page.locator(f"main a[href='{start}']").first)
    page.select_option("select[name=profile-country]", "BO")
    page.fill("input[name=profile-city]", "Cochabamba")
    page.fill("input[name=profile-organisation]", "Pastoral de Movilidad Humana")
    page.select_option("select[name=profile-sector]", "civil_society")
    page.fill("input[name=profile-position]", "Coordinadora")
    page.fill("textarea[name=statement]", STATEMENT)
    page.set_input_files(
        "input[name=document_cv]",
        files=[{"name": "cv-nora.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    _click(visit, page, page.locator("main button[name=action][value=submit]"))

    assert page.url.endswith(reverse("apply:status", args=[edition.slug]))
    assert page.locator("main [data-status=submitted]").count() == 1
    application = Enrolment.objects.get(user__username=username, edition=edition)
    assert application.status == Enrolment.Status.SUBMITTED
    assert application.user.profile.preferred_language == visit.language

    office = second_visit(browser, visit, page.viewport_size)
    try:
        coordinator = office.new_page()
        login(office, coordinator, "cora", PASSWORD)
        office.goto(coordinator, reverse("office:applications", args=[edition.slug]))
        detail = reverse("office:application-detail", args=[edition.slug, application.pk])
        _click(office, coordinator, coordinator.locator(f"main a[href='{detail}']"))
        assert STATEMENT in coordinator.content()
        coordinator.fill("textarea[name=note]", "Bienvenida al diploma.")
        _click(
            office,
            coordinator,
            coordinator.locator("main button[name=decision][value=admitted]"),
        )
        _click(office, coordinator, coordinator.locator("main button[name=confirm][value='1']"))
        assert coordinator.locator("main [data-status=admitted]").count() == 1
    finally:
        office.context.close()

    page.reload()
    page.wait_for_load_state()
    visit.check(page)
    assert page.locator("main [data-status=admitted]").count() == 1
    assert "Bienvenida al diploma." in page.content()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [application.user.email] * 2 + [e2e_world.cora.email]
    )
