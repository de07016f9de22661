"""A student opens a lesson from the dashboard, marks it done, and sees the progress grow."""

from students.models import LessonProgress
from tests import factories as f
from tests.e2e.conftest import login
from tests.factories import PASSWORD


def _progress_value(page, edition_slug: str) -> int:
    return int(page.locator(f"#progress-{edition_slug}").get_attribute("value"))


def test_it_takes_a_student_from_the_dashboard_to_a_finished_lesson(visit, e2e_world):
    second = f.LessonFactory(module=e2e_world.module, title="Remittances", order=2)
    page = visit.new_page()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, "/learn/")
    assert _progress_value(page, e2e_world.edition.slug) == 0

    page.locator("main a", has_text=e2e_world.module.title).first.click()
    page.wait_for_load_state()
    visit.check(page)
    page.locator("main a", has_text=e2e_world.lesson.title).first.click()
    page.wait_for_load_state()
    visit.check(page)
    assert page.locator("main table").count() == 1  # the Markdown table of the lesson

    page.locator("#lesson-done button[type=submit]").click()
    page.locator("#lesson-done [role=status]").wait_for()
    visit.check(page)
    assert (
        LessonProgress.objects.filter(
            enrolment=e2e_world.ana_enrolment, lesson=e2e_world.lesson
        ).count()
        == 1
    )

    visit.goto(page, "/learn/")
    assert _progress_value(page, e2e_world.edition.slug) == 50
    assert second.title in page.content()  # "continue where you left off"


def test_it_keeps_another_student_out_of_the_lesson(visit, e2e_world):
    page = visit.new_page()
    login(visit, page, "carla", PASSWORD)
    response = page.goto(visit.base_url + e2e_world.lesson.get_absolute_url())
    assert response.status == 403
    assert e2e_world.lesson.body_html not in page.content()
