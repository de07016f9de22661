"""Assignments in the instructor's workspace: authoring, rubric, grading queue, history, release."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, RubricCriterion
from students import submissions
from students.models import Submission
from tests import factories as f
from tests.students.test_assignments import PDF, add_rubric, make_assignment, pdf
from tests.students.test_dashboard import count_queries


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


def url(world, name: str, *args) -> str:
    return reverse(f"assess:{name}", args=[world.edition.slug, world.module.slug, *args])


ASSIGNMENT_DATA = {
    "title": "Policy brief on remittances",
    "instructions": "Two pages.",
    "due_at_0": "2027-05-01",
    "due_at_1": "23:59",
    "late_policy": "penalty",
    "penalty_per_day": "10",
    "max_points": "20",
    "weight": "2",
    "allow_text": "on",
    "allow_file": "on",
    "accepted_types": "PDF, .docx",
    "max_file_mb": "5",
    "is_published": "on",
}


def test_it_creates_an_assignment(client, world):
    client.force_login(world.ivan)

    response = client.post(url(world, "assignment-create"), ASSIGNMENT_DATA)

    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.slug, assignment.accepted_types) == (
        "policy-brief-on-remittances",
        "pdf,docx",
    )
    assert assignment.weight == Decimal("2")


def test_it_refuses_an_assignment_that_accepts_nothing(client, world):
    client.force_login(world.ivan)
    data = {k: v for k, v in ASSIGNMENT_DATA.items() if k not in ("allow_text", "allow_file")}

    response = client.post(url(world, "assignment-create"), data)

    assert response.status_code == 200
    assert "Policy brief on remittances" in response.content.decode()
    assert not Assignment.objects.exists()


def test_it_builds_a_rubric_with_levels(client, world):
    assignment = make_assignment(world.module)
    client.force_login(world.ivan)
    data = {
        "title": "Evidence", "description": "Sources and data.",
        "levels-TOTAL_FORMS": "3", "levels-INITIAL_FORMS": "0",
        "levels-0-title": "Strong", "levels-0-points": "10",
        "levels-1-title": "Weak", "levels-1-points": "3",
        "levels-2-title": "", "levels-2-points": "",
    }  # fmt: skip

    response = client.post(url(world, "rubric", assignment.slug), data)

    assert response.status_code == 302
    criterion = RubricCriterion.objects.get()
    assert list(criterion.levels.values_list("title", "points")) == [
        ("Strong", Decimal("10")),
        ("Weak", Decimal("3")),
    ]


def test_a_criterion_without_levels_is_not_kept(client, world):
    assignment = make_assignment(world.module)
    client.force_login(world.ivan)
    data = {"title": "Evidence", "levels-TOTAL_FORMS": "0", "levels-INITIAL_FORMS": "0"}

    response = client.post(url(world, "rubric", assignment.slug), data)

    assert response.status_code == 200
    assert not RubricCriterion.objects.exists()


def _submit(enrolment, assignment, **fields) -> Submission:
    return submissions.submit(enrolment=enrolment, assignment=assignment, **fields)


def test_the_queue_lists_ungraded_work_first(client, world):
    assignment = make_assignment(world.module)
    first = _submit(world.ana_enrolment, assignment, text="Ana's brief.")
    submissions.grade(submission=first, by=world.ivan, points=Decimal("14"))
    second = _submit(world.bruno_enrolment, assignment, text="Bruno's brief.")
    client.force_login(world.ivan)

    response = client.get(url(world, "assignment-queue", assignment.slug))

    assert [s.pk for s in response.context["submissions"]] == [second.pk, first.pk]
    assert response.context["ungraded"] == 1
    assert response.context["missing"] == 0


def test_the_queue_costs_the_same_queries_for_one_or_thirty_submissions(
    client, world, django_assert_num_queries
):
    assignment = make_assignment(world.module)
    _submit(world.ana_enrolment, assignment, text="Hi")
    client.force_login(world.ivan)
    queue = url(world, "assignment-queue", assignment.slug)
    small = count_queries(client, queue)
    for index in range(30):
        enrolment = f.EnrolmentFactory(edition=world.edition, user__username=f"learner-{index}")
        submission = _submit(enrolment, assignment, text="Hi")
        if index % 2:
            submissions.grade(submission=submission, by=world.ivan, points=Decimal(index % 20))

    with django_assert_num_queries(small):
        response = client.get(queue)
    assert len(response.context["submissions"]) == 31


def test_grading_with_the_rubric_feedback_and_a_returned_file(client, world):
    assignment = make_assignment(world.module)
    evidence, argument = add_rubric(assignment)
    submission = _submit(world.ana_enrolment, assignment, text="Ana's brief.", file=pdf())
    client.force_login(world.ivan)
    grade_url = url(world, "submission-grade", assignment.slug, submission.pk)

    page = client.get(grade_url)
    assert page.status_code == 200
    download = client.get(url(world, "submission-file", assignment.slug, submission.pk))
    assert b"".join(download.streaming_content) == PDF
    response = client.post(
        grade_url,
        {
            f"criterion-{evidence.pk}": evidence.level_list[0].pk,
            f"criterion-{argument.pk}": argument.level_list[1].pk,
            "feedback": "Strong evidence; tighten the argument.",
            "returned_file": pdf("comments.pdf"),
        },
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.points == Decimal("15")
    assert submission.feedback == "Strong evidence; tighten the argument."
    assert submission.returned_file
    assert submission.graded_by == world.ivan


def test_it_moves_on_to_the_next_ungraded_submission(client, world):
    assignment = make_assignment(world.module)
    first = _submit(world.ana_enrolment, assignment, text="A")
    second = _submit(world.bruno_enrolment, assignment, text="B")
    client.force_login(world.gus)

    response = client.post(
        url(world, "submission-grade", assignment.slug, first.pk), {"points": "12", "next": "1"}
    )

    assert response.url == url(world, "submission-grade", assignment.slug, second.pk)


def test_changing_a_grade_asks_why_and_keeps_what_was_typed(client, world):
    assignment = make_assignment(world.module)
    submission = _submit(world.ana_enrolment, assignment, text="A")
    submissions.grade(submission=submission, by=world.ivan, points=Decimal("14"))
    client.force_login(world.ivan)
    grade_url = url(world, "submission-grade", assignment.slug, submission.pk)

    response = client.post(grade_url, {"points": "16", "feedback": "Second reading."})

    assert response.status_code == 200
    assert "Second reading." in response.content.decode()
    submission.refresh_from_db()
    assert submission.points == Decimal("14")

    client.post(grade_url, {"points": "16", "feedback": "Second reading.", "reason": "Appeal"})
    submission.refresh_from_db()
    assert submission.points == Decimal("16")


def test_the_history_is_for_coordinators_and_staff(client, world):
    assignment = make_assignment(world.module)
    submission = _submit(world.ana_enrolment, assignment, text="A")
    submissions.grade(submission=submission, by=world.ivan, points=Decimal("14"))
    submissions.grade(
        submission=submission, by=world.ivan, points=Decimal("11"), reason="Missing annex"
    )
    history = url(world, "submission-history", assignment.slug, submission.pk)

    client.force_login(world.ivan)
    assert client.get(history).status_code == 403
    client.force_login(world.cora)
    response = client.get(history)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Missing annex" in html
    assert html.count("data-history=") == 3
    changes = response.context["changes"]
    assert (changes[0]["old_points"], changes[0]["record"].points) == (
        Decimal("14.00"),
        Decimal("11.00"),
    )


def test_only_leads_coordinators_and_staff_release_grades(client, world):
    assignment = make_assignment(world.module)
    release = url(world, "assignment-release", assignment.slug)

    client.force_login(world.gus)
    assert client.post(release, {"release": "1"}).status_code == 403
    client.force_login(world.ivan)
    assert client.post(release, {"release": "1"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.grades_released

    client.post(url(world, "module-release"), {"release": "1"})
    world.module.refresh_from_db()
    assert world.module.grades_released


def test_release_needs_post(client, world):
    assignment = make_assignment(world.module)
    client.force_login(world.ivan)

    assert client.get(url(world, "assignment-release", assignment.slug)).status_code == 405


def test_a_late_submission_shows_its_penalty_in_the_queue(client, world):
    due = timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=1)  # 1 day 23 h ago
    assignment = make_assignment(world.module, due_at=due)
    submission = _submit(world.ana_enrolment, assignment, text="Late.")
    submissions.grade(submission=submission, by=world.ivan, points=Decimal("20"))
    client.force_login(world.ivan)

    response = client.get(url(world, "assignment-queue", assignment.slug))

    row = response.context["submissions"][0]
    assert (row.days_late, row.final_points) == (2, Decimal("16.00"))


def test_another_modules_instructor_cannot_grade(client, world):
    assignment = make_assignment(world.module)
    submission = _submit(world.ana_enrolment, assignment, text="A")
    client.force_login(world.olga)

    response = client.post(
        url(world, "submission-grade", assignment.slug, submission.pk), {"points": "20"}
    )

    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.points is None


def test_a_returned_file_must_be_a_document(client, world):
    assignment = make_assignment(world.module)
    submission = _submit(world.ana_enrolment, assignment, text="A")
    client.force_login(world.ivan)
    script = SimpleUploadedFile("notes.html", b"<script>alert(1)</script>", "text/html")

    response = client.post(
        url(world, "submission-grade", assignment.slug, submission.pk),
        {"points": "12", "returned_file": script},
    )

    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.points is None
