"""The certificate journey: cora issues ana's certificate in the office, ana finds it in her
space, and anyone verifies it by typing the code in lower case with dashes."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from courses.models import Assignment, LiveSession
from diploma.models import Edition
from students.models import Attendance, Certificate, Enrolment, Submission
from tests.conftest import clear_caches
from tests.e2e.conftest import login
from tests.factories import PASSWORD


def _ana_qualifies(world) -> None:
    """The edition has ended. Two hours and 80 % attendance required: ana attended the two-hour
    seminar and her paper got 16 out of 20; bruno missed the seminar."""
    now = timezone.now()
    Edition.objects.filter(pk=world.edition.pk).update(status=Edition.Status.CLOSED)
    world.programme.required_hours = 2
    world.programme.min_attendance = 80
    world.programme.save()
    Enrolment.objects.filter(edition=world.edition).update(decided_at=now - dt.timedelta(days=30))
    seminar = LiveSession.objects.create(
        module=world.module, topic="Opening seminar", starts_at=now - dt.timedelta(days=7),
        ends_at=now - dt.timedelta(days=7, hours=-2),
    )  # fmt: skip
    Attendance.objects.create(enrolment=world.ana_enrolment, session=seminar, status="present")
    Attendance.objects.create(enrolment=world.bruno_enrolment, session=seminar, status="absent")
    paper = Assignment.objects.create(
        module=world.module, title="Policy brief", slug="brief", instructions="Write.",
        due_at=now - dt.timedelta(days=3), max_points=Decimal("20"), is_published=True,
        grades_released=True,
    )  # fmt: skip
    world.module.grades_released = True
    world.module.save()
    Submission.objects.create(
        enrolment=world.ana_enrolment, assignment=paper, submitted_at=now - dt.timedelta(days=4),
        points=Decimal("16"),
    )  # fmt: skip


def _follow(page, target) -> None:
    """Click a link or a submit button and wait for the page it leads to, with or without JS."""
    with page.expect_navigation():
        target.click()
    page.wait_for_load_state()


def test_it_issues_a_certificate_that_anyone_can_verify(visit, e2e_world):
    world = e2e_world
    clear_caches()
    _ana_qualifies(world)
    page = visit.new_page()

    login(visit, page, "cora", PASSWORD)
    visit.goto(page, f"/office/editions/{world.edition.slug}/completion/")
    row = page.locator(f"#enrolment-{world.ana_enrolment.pk}")
    assert row.get_attribute("data-standing") == "meets"
    assert (
        page.locator(f"#enrolment-{world.bruno_enrolment.pk}").get_attribute("data-standing")
        == "does_not_meet"
    )
    _follow(page, row.locator("form button[type=submit]"))
    visit.check(page)
    certificate = Certificate.objects.get(enrolment=world.ana_enrolment)
    assert page.locator(".alert-success").count() >= 1
    link = page.locator(f"#enrolment-{world.ana_enrolment.pk} a[data-code]")
    assert link.get_attribute("data-code") == certificate.code
    _follow(page, link)
    visit.check(page)
    assert certificate.display_code in page.content()

    page.context.clear_cookies()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, "/certificates/")
    pdf_link = page.locator(f"a[href='/certificates/{certificate.code}/pdf/']")
    assert pdf_link.count() == 1
    download = page.request.get(visit.base_url + pdf_link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    visit.goto(page, f"/certificates/editions/{world.edition.slug}/")

    page.context.clear_cookies()
    visit.goto(page, "/verify/")
    page.fill("input[name=code]", certificate.display_code.lower())
    _follow(page, page.locator("main form.verify-form button[type=submit]"))
    visit.check(page)
    assert page.url.endswith(f"/verify/{certificate.code}/")
    assert page.locator("[data-status=valid]").count() == 1
    assert page.locator("[data-fact=name]").inner_text() == certificate.full_name
    assert world.ana.email not in page.content()


def test_it_shows_a_clear_page_for_an_unknown_code(visit, e2e_world):
    clear_caches()
    page = visit.new_page()
    visit.goto(page, "/verify/")
    page.fill("input[name=code]", "zzzz-zzzz-zzzz-zzzz")
    _follow(page, page.locator("main form.verify-form button[type=submit]"))
    assert page.url.endswith("/verify/ZZZZZZZZZZZZZZZZ/")
    visit.check(page)
    assert page.locator("main .alert-warning").count() == 1
