"""The records the reports add up: written from each person's completion, kept while fresh, and
written again when they grow old or pass a moment at which their figures change by themselves."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from students.completion import completion_for
from students.models import ReportRecord
from students.reports import cache as report_cache
from students.reports import records
from students.reports.figures import edition_report
from tests import factories as f
from tests.concurrency import at_once
from tests.students.test_reports import add_students


def _certified(report) -> int:
    return next(cell.value for key, _label, cell in report.funnel if key == "certified")


def test_each_record_holds_what_the_completion_says_of_its_person(world):
    enrolments = add_students(world.edition, 5)
    f.LessonProgressFactory(enrolment=enrolments[0], lesson=world.lesson)

    records.refresh(world.edition)

    completions = completion_for(world.edition, enrolments)
    for enrolment in enrolments:
        record = ReportRecord.objects.get(enrolment=enrolment)
        completion = completions[enrolment.pk]
        assert record.minutes == completion.hours.minutes
        assert record.attendance == completion.attendance.percent
        assert record.active == bool(completion.hours.minutes or completion.attendance.attended)
        assert (record.gender, record.country) == ("woman", "PE")
    assert ReportRecord.objects.get(enrolment=enrolments[0]).minutes == world.lesson.minutes


def test_a_report_keeps_its_records_while_they_are_fresh(world):
    enrolments = add_students(world.edition, 6)
    assert _certified(edition_report(world.edition)) == 0

    for enrolment in enrolments:
        f.CertificateFactory(enrolment=enrolment)

    assert _certified(edition_report(world.edition)) == 0


def test_records_older_than_the_report_period_are_written_again(world):
    enrolments = add_students(world.edition, 6)
    edition_report(world.edition)
    for enrolment in enrolments:
        f.CertificateFactory(enrolment=enrolment)

    later = timezone.now() + dt.timedelta(seconds=records.REPORT_SECONDS + 1)
    edition_report(world.edition, now=later)  # queues the new records: here they run at once

    report = edition_report(world.edition, now=later)
    assert _certified(report) == 6
    assert report.as_of > timezone.now() - dt.timedelta(minutes=1)


def test_records_past_a_moment_their_figures_change_are_written_again(world):
    add_students(world.edition, 6)
    records.refresh(world.edition)
    deadline = timezone.now() + dt.timedelta(hours=1)
    ReportRecord.objects.filter(edition=world.edition).update(valid_until=deadline)
    written = ReportRecord.objects.filter(edition=world.edition).first().computed_at

    edition_report(world.edition, now=deadline + dt.timedelta(seconds=1))

    assert ReportRecord.objects.filter(edition=world.edition).first().computed_at > written


def test_the_worker_writes_the_records_of_editions_that_have_none(world):
    add_students(world.other_edition, 5, start=500)

    report_cache.prepare_reports.call()

    assert ReportRecord.objects.filter(edition=world.other_edition).count() >= 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_refreshes_of_an_edition_at_once_leave_one_record_per_application(world):
    add_students(world.edition, 8)

    outcomes = at_once([lambda: records.refresh(world.edition)] * 3)

    failed = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert failed == []
    assert ReportRecord.objects.filter(edition=world.edition).count() == 8 + 2  # ana, bruno


def test_a_coordinator_has_the_figures_computed_again_at_once(
    client, world, django_capture_on_commit_callbacks
):
    enrolments = add_students(world.edition, 6)
    url = reverse("office:report-edition", args=[world.edition.slug])
    client.force_login(world.cora)
    client.get(url)
    for enrolment in enrolments:
        f.CertificateFactory(enrolment=enrolment)
    assert "6" not in _funnel_cell(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), "Certified")

    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("office:report-edition-refresh", args=[world.edition.slug]))
    response = client.get(posted.url, HTTP_ACCEPT_LANGUAGE="en")

    assert "computed again" in response.content.decode()
    assert _funnel_cell(response, "Certified") == "6"


def test_a_partner_cannot_have_the_figures_computed_again(client, world):
    client.force_login(world.pablo)
    response = client.post(reverse("office:report-edition-refresh", args=[world.edition.slug]))
    assert response.status_code in (403, 404)


def _funnel_cell(response, step: str) -> str:
    page = response.content.decode()
    row = page.split(f'<th scope="row">{step}</th>', 1)[1]
    return row.split("</td>", 1)[0].rsplit(">", 1)[1].strip()


def test_an_edition_without_applications_writes_nothing_and_keeps_its_cached_reports(
    world, django_capture_on_commit_callbacks
):
    before = records.versions([world.open_edition.pk])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edition_report(world.open_edition)

    assert callbacks == []
    assert records.versions([world.open_edition.pk]) == before
