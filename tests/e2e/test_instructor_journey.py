"""An instructor edits a lesson (preview, save) and takes attendance; the student sees both."""

from students.models import Attendance
from tests.e2e.conftest import login
from tests.factories import PASSWORD


def _open(visit, page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    visit.check(page)


def test_it_lets_an_instructor_edit_a_lesson_and_take_attendance(visit, e2e_world):
    world = e2e_world
    module_path = f"/teach/{world.edition.slug}/{world.module.slug}/"
    new_text = f"Census data for the {visit.language} group shows **new** routes."
    page = visit.new_page()
    login(visit, page, "ivan", PASSWORD)
    visit.goto(page, "/teach/")

    _open(visit, page, f"main a[href='{module_path}']")
    _open(visit, page, f"main a[href='{module_path}lessons/{world.lesson.slug}/']")
    page.fill("textarea[name=body]", f"# Routes\n\n{new_text}")
    _open(visit, page, "button[name=preview]")
    preview = page.locator("#preview")
    assert preview.is_visible()
    assert preview.locator("strong", has_text="new").count() == 1
    assert preview.locator("h2", has_text="Routes").count() == 1
    assert "new" in page.input_value("textarea[name=body]")
    _open(visit, page, "button[name=save]")
    world.lesson.refresh_from_db()
    assert "<strong>new</strong>" in world.lesson.body_html

    visit.goto(page, module_path)
    _open(visit, page, f"a[href='{module_path}sessions/{world.session.pk}/attendance/']")
    page.locator(f"label[for='student-{world.bruno_enrolment.pk}-absent']").click()
    page.locator(f"label[for='student-{world.ana_enrolment.pk}-late']").click()
    _open(visit, page, "form.teach-attendance button[type=submit]")
    statuses = dict(Attendance.objects.values_list("enrolment__user__username", "status"))
    assert statuses == {"ana": "late", "bruno": "absent"}

    for screen in ("students/", "gradebook/", f"sessions/{world.session.pk}/check-in/"):
        visit.goto(page, module_path + screen)

    visit.context.clear_cookies()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, world.lesson.get_absolute_url())
    assert page.locator(".learn-lesson__body strong", has_text="new").count() == 1
    visit.goto(page, world.module.get_absolute_url())
    assert page.locator(".learn-attendance").count() == 1
