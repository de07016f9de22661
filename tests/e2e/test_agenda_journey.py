"""A student sees what is next on the dashboard, opens the calendar, adds the feed to a
calendar application and renews it; an instructor writes to the students who have not
submitted the policy brief, and the student reads it."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from students.models import CalendarFeed, GroupMessage
from tests import factories as f
from tests.e2e.conftest import login
from tests.factories import PASSWORD


def _open(visit, page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    visit.check(page)


def test_it_takes_a_student_from_what_is_next_to_the_calendar_and_the_feed(visit, e2e_world):
    world = e2e_world
    brief = f.AssignmentFactory(
        module=world.module, title="Policy brief", due_at=timezone.now() + dt.timedelta(days=2)
    )
    page = visit.new_page()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, "/learn/")
    next_up = page.locator(".learn-next")
    assert next_up.locator("a", has_text=brief.title).count() == 1
    assert next_up.locator("a", has_text=world.session.topic).count() == 1

    calendar_path = reverse("calendar:month", args=[world.edition.slug])
    _open(visit, page, f"main a[href='{calendar_path}']")
    assert page.locator("table caption").count() == 1
    _open(visit, page, "a[rel=next]")
    _open(visit, page, f"a[href='{reverse('calendar:list', args=[world.edition.slug])}']")
    assert page.locator(f"main a[href$='/assignments/{brief.slug}/']").count() == 1

    old_url = page.input_value("#feed-url")
    response = page.request.get(old_url)
    assert response.status == 200
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert {str(event["summary"]).split(": ")[-1] for event in events} >= {brief.title}
    assert page.locator("a[href^='webcal://']").count() == 1

    _open(visit, page, "form[action$='/feed/renew/'] button[type=submit]")
    assert page.locator("[role=alert], .alert").count() >= 1
    new_url = page.input_value("#feed-url")
    assert new_url != old_url
    assert page.request.get(old_url).status == 404
    assert CalendarFeed.objects.get(user=world.ana).token in new_url


def test_it_lets_an_instructor_write_to_a_group_that_the_student_then_reads(visit, e2e_world):
    world = e2e_world
    brief = f.AssignmentFactory(module=world.module, title="Policy brief")
    f.SubmissionFactory(enrolment=world.bruno_enrolment, assignment=brief)
    page = visit.new_page()
    login(visit, page, "ivan", PASSWORD)
    visit.goto(page, reverse("teach:messages", args=[world.edition.slug, world.module.slug]))
    page.select_option("select[name=group]", f"not-submitted-{brief.pk}")
    page.fill("input[name=subject]", f"Brief ({visit.language})")
    page.fill("textarea[name=body]", "Two days left for the brief.")
    _open(visit, page, "main form button[type=submit]")
    recipients = page.locator(".teach-recipients li")
    assert recipients.count() == 1 and "Ana" in recipients.first.inner_text()
    _open(visit, page, "button[name=confirm]")

    visit.context.clear_cookies()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, "/learn/")
    _open(visit, page, f"main a[href='{reverse('learn:messages')}']")
    message = GroupMessage.objects.get()
    assert list(message.recipients.all()) == [world.ana]
    _open(visit, page, f"main a[href='{reverse('learn:message-detail', args=[message.pk])}']")
    assert "Two days left for the brief." in page.content()
