"""Assignments: submit and resubmit until the due date, late policies, grading with a rubric,
the grade's history, release, and the grades students see with their formula."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, Question
from students import submissions
from students.grades import grades_of
from students.models import RubricScore, Submission
from students.submissions import SubmissionRefused
from tests import factories as f


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAY = dt.timedelta(days=1)


# The grading tests import these two; new tests use tests.factories directly.
add_rubric = f.add_rubric


def make_assignment(module, *, slug: str = "policy-brief", **fields) -> Assignment:
    return f.AssignmentFactory(module=module, slug=slug, **fields)


def pdf(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def page_url(world, assignment: Assignment, suffix: str = "") -> str:
    args = [world.edition.slug, world.module.slug, assignment.slug]
    return reverse("learn:assignment-detail", args=args) + suffix


@pytest.fixture
def brief(world):
    return f.AssignmentFactory(module=world.module, slug="policy-brief")


# Submitting ---------------------------------------------------------------------------------


def test_it_takes_a_text_and_a_file(world, brief):
    submission = submissions.submit(
        enrolment=world.ana_enrolment, assignment=brief, text="Remittances matter.", file=pdf()
    )

    submission.refresh_from_db()
    assert submission.text == "Remittances matter."
    assert submission.file.read() == PDF
    assert submission.days_late == 0
    assert submission.history.get().history_change_reason == "submitted"


def test_it_lets_students_resubmit_until_the_due_date(world, brief):
    first = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Draft.")

    second = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Final.")

    assert second.pk == first.pk
    assert Submission.objects.get().text == "Final."
    with pytest.raises(SubmissionRefused, match="due date has passed"):
        submissions.submit(
            enrolment=world.ana_enrolment, assignment=brief, text="Later.",
            now=brief.due_at + dt.timedelta(minutes=1),
        )  # fmt: skip


def test_a_resubmission_keeps_the_file_unless_replaced(world, brief):
    submissions.submit(enrolment=world.ana_enrolment, assignment=brief, file=pdf("a.pdf"))

    submission = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")

    assert submission.file.name.endswith(".pdf")


def test_late_work_counts_whole_days_late(world, brief):
    submission = submissions.submit(
        enrolment=world.ana_enrolment, assignment=brief, text="Late.",
        now=brief.due_at + DAY + dt.timedelta(minutes=1),
    )  # fmt: skip

    assert submission.days_late == 2


def test_the_cutoff_policy_refuses_late_work(world):
    brief = f.AssignmentFactory(
        module=world.module, late_policy=Assignment.LatePolicy.CUTOFF,
        cutoff_at=timezone.now() + 8 * DAY,
    )  # fmt: skip
    submissions.submit(
        enrolment=world.ana_enrolment, assignment=brief, text="Before the cut-off.",
        now=brief.due_at + DAY / 2,
    )  # fmt: skip

    with pytest.raises(SubmissionRefused, match="cut-off"):
        submissions.submit(
            enrolment=world.bruno_enrolment, assignment=brief, text="Too late.",
            now=brief.cutoff_at + dt.timedelta(seconds=1),
        )  # fmt: skip
    assert Submission.objects.count() == 1


def test_it_refuses_empty_work_and_outsiders(world, brief):
    with pytest.raises(SubmissionRefused, match="Write your answer"):
        submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="   ")
    with pytest.raises(SubmissionRefused):
        submissions.submit(enrolment=world.carla_enrolment, assignment=brief, text="Hi")
    brief.is_published = False
    with pytest.raises(SubmissionRefused):
        submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")


# Grading ----------------------------------------------------------------------------------


def graded(world, brief, points: str = "15", **submit) -> Submission:
    submission = submissions.submit(
        enrolment=world.ana_enrolment, assignment=brief, text="My brief.", **submit
    )
    return submissions.grade(submission=submission, by=world.ivan, points=Decimal(points))


def test_a_rubric_grade_is_the_sum_of_the_levels(world, brief):
    evidence, argument = f.add_rubric(brief)
    submission = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")

    graded_ = submissions.grade(
        submission=submission, by=world.ivan, feedback="Cite sources.",
        levels={evidence.pk: evidence.level_list[1], argument.pk: argument.level_list[0]},
    )  # fmt: skip

    assert graded_.points == Decimal("16")
    assert graded_.graded_by == world.ivan
    assert RubricScore.objects.filter(submission=submission).count() == 2


def test_a_rubric_out_of_other_points_is_scaled_to_the_maximum(world):
    brief = f.AssignmentFactory(module=world.module, max_points=Decimal("100"))
    criteria = f.add_rubric(brief)  # best levels: 20 points
    levels = [criteria[0].level_list[1], criteria[1].level_list[1]]  # 6 + 5 = 11 of 20

    assert submissions.rubric_points(brief, criteria, levels) == Decimal("55.00")


def test_a_rubric_grade_needs_every_criterion(world, brief):
    evidence, _argument = f.add_rubric(brief)
    submission = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")

    with pytest.raises(SubmissionRefused, match="Argument"):
        submissions.grade(
            submission=submission, by=world.ivan, levels={evidence.pk: evidence.level_list[0]}
        )


def test_points_stay_within_the_maximum(world, brief):
    submission = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")

    with pytest.raises(SubmissionRefused):
        submissions.grade(submission=submission, by=world.ivan, points=Decimal("21"))


def test_changing_a_grade_needs_a_reason_kept_in_the_history(world, brief):
    submission = graded(world, brief)

    with pytest.raises(SubmissionRefused, match="why"):
        submissions.grade(submission=submission, by=world.gus, points=Decimal("12"))
    submissions.grade(
        submission=submission, by=world.gus, points=Decimal("12"), reason="Plagiarised table."
    )

    history = list(submission.history.order_by("history_date"))
    assert [(h.points, h.history_change_reason) for h in history] == [
        (None, "submitted"),
        (Decimal("15.00"), "graded"),
        (Decimal("12.00"), "Plagiarised table."),
    ]
    assert [h.history_user for h in history] == [world.ana, world.ivan, world.gus]


def test_graded_work_can_no_longer_be_resubmitted(world, brief):
    graded(world, brief)

    with pytest.raises(SubmissionRefused, match="graded"):
        submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Again.")


def test_the_late_penalty_applies_to_the_points(world, brief):
    brief.penalty_per_day = Decimal("10")
    submission = graded(world, brief, "15", now=brief.due_at + DAY + dt.timedelta(hours=1))

    assert submission.days_late == 2
    assert submissions.final_points(submission) == Decimal("12.00")


# Weighted grades on both scales -------------------------------------------------------------


@pytest.fixture
def weighted(world, brief):
    """Quiz 8/10 (weight 1) and brief 15/20 one day late at 10 %/day (weight 3) in the module
    (weight 2); the other module (weight 1) has a quiz nobody took."""
    world.module.weight, world.other_module.weight = Decimal("2"), Decimal("1")
    world.module.save()
    world.other_module.save()
    quiz = f.QuizFactory(module=world.module, slug="q1", kinds=[Question.Kind.SINGLE])
    f.QuizFactory(module=world.other_module, slug="q2", kinds=[Question.Kind.SINGLE])
    f.QuizAttemptFactory(
        enrolment=world.ana_enrolment, quiz=quiz, score=Decimal("8"), max_score=Decimal("10")
    )
    Assignment.objects.filter(pk=brief.pk).update(weight=3, penalty_per_day=10)
    brief.refresh_from_db()
    brief.module = world.module
    graded(world, brief, "15", now=brief.due_at + dt.timedelta(hours=1))
    return world


def test_the_module_formula_shows_items_and_weights(weighted):
    grades = grades_of(weighted.ana_enrolment).of_module(weighted.module)
    formula = grades.formula(weighted.programme, now=timezone.now(), ended=False)

    assert [(t.label, t.weight, t.value) for t in formula.terms] == [
        ("Quiz q1", Decimal("1"), Decimal("16.00")),
        ("Brief policy-brief", Decimal("3"), Decimal("13.50")),
    ]
    # (1 x 0.8 + 3 x 0.75 x 0.9) / 4 = 0.70625 -> 14.125 -> 14.13 of 20
    assert formula.result == Decimal("14.13")
    assert str(formula) == "(1 \u00d7 16.00 + 3 \u00d7 13.50) / 4 = 14.13"


def test_the_final_formula_weighs_the_modules_on_both_scales(weighted):
    formula = grades_of(weighted.ana_enrolment).final_formula(now=timezone.now(), ended=True)
    # At the end the quiz nobody took counts as zero: (2 x 14.13 + 1 x 0) / 3 = 9.42
    assert formula.result == Decimal("9.42")
    assert [t.value for t in formula.terms] == [Decimal("14.13"), Decimal("0.00")]

    weighted.programme.grading_scale = "0-100"
    weighted.programme.pass_grade = Decimal("70")
    weighted.programme.save()
    weighted.ana_enrolment.edition.refresh_from_db()
    formula = grades_of(weighted.ana_enrolment).final_formula(now=timezone.now(), ended=True)
    # From the module grades as shown, so that anyone can redo the sum: (2 x 70.63 + 0) / 3.
    assert formula.result == Decimal("47.09")
    assert formula.max_grade == 100


def test_students_see_the_module_grade_only_once_released(client, weighted):
    client.force_login(weighted.ana)
    url = weighted.module.get_absolute_url()
    assert "data-formula" not in client.get(url).content.decode()

    weighted.module.grades_released = True
    weighted.module.save()
    Assignment.objects.filter(module=weighted.module).update(grades_released=True)

    html = client.get(url).content.decode()
    assert 'data-formula="module-grade"' in html
    assert "14.13" in html
    assert "Brief policy-brief" in html


def test_the_dashboard_shows_released_grades_and_never_calls_a_provisional_one_final(
    client, weighted
):
    client.force_login(weighted.ana)
    dashboard = reverse("learn:dashboard")
    assert 'data-grade-state="not_released"' in client.get(dashboard).content.decode()

    weighted.module.grades_released = True
    weighted.module.save()
    Assignment.objects.filter(module=weighted.module).update(grades_released=True)
    html = client.get(dashboard).content.decode()
    assert 'data-grade-state="provisional"' in html
    assert "14.13" in html
    assert "Final grade" not in html
    # The other module's quiz has no closing time: it is still to come and not counted.
    assert weighted.other_module.title in html


def test_the_dashboard_costs_the_same_queries_with_more_items(client, weighted):
    from tests.students.test_dashboard import count_queries

    weighted.module.grades_released = True
    weighted.module.save()
    client.force_login(weighted.ana)
    small = count_queries(client, reverse("learn:dashboard"))
    for index in range(10):
        f.QuizFactory(module=weighted.module, slug=f"more-{index}", kinds=[Question.Kind.SINGLE])
        f.AssignmentFactory(module=weighted.other_module, slug=f"more-{index}")

    assert count_queries(client, reverse("learn:dashboard")) == small


# Pages ------------------------------------------------------------------------------------


def test_a_student_submits_a_file_through_the_page(client, world, brief):
    client.force_login(world.ana)

    response = client.post(page_url(world, brief), {"text": "My brief.", "file": pdf()})

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.enrolment == world.ana_enrolment
    download = client.get(page_url(world, brief, "file/"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_page_refuses_a_file_of_another_type(client, world, brief):
    client.force_login(world.ana)
    fake = SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = client.post(page_url(world, brief), {"file": fake})

    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert "brief.pdf" in response.content.decode()


def test_the_page_keeps_the_text_after_an_error(client, world, brief):
    client.force_login(world.ana)
    big = SimpleUploadedFile("brief.exe", b"MZ", "application/octet-stream")

    response = client.post(page_url(world, brief), {"text": "Keep me, please.", "file": big})

    assert "Keep me, please." in response.content.decode()
    assert not Submission.objects.exists()


def test_the_grade_appears_when_released(client, world, brief):
    evidence, argument = f.add_rubric(brief)
    submission = submissions.submit(enrolment=world.ana_enrolment, assignment=brief, text="Hi")
    submissions.grade(
        submission=submission, by=world.ivan, feedback="Good use of the census.",
        levels={evidence.pk: evidence.level_list[0], argument.pk: argument.level_list[1]},
        returned_file=pdf("comments.pdf"),
    )  # fmt: skip
    client.force_login(world.ana)

    html = client.get(page_url(world, brief)).content.decode()
    assert "Good use of the census." not in html
    assert "data-grade" not in html
    assert client.get(page_url(world, brief, "returned/")).status_code == 404

    submissions.release_assignment(assignment=brief, released=True)
    html = client.get(page_url(world, brief)).content.decode()
    assert "Good use of the census." in html
    assert "15 de 20" in html or "15 of 20" in html
    assert client.get(page_url(world, brief, "returned/")).status_code == 200


def test_a_student_never_downloads_another_students_file(client, world, brief):
    submissions.submit(enrolment=world.ana_enrolment, assignment=brief, file=pdf())
    client.force_login(world.bruno)

    assert client.get(page_url(world, brief, "file/")).status_code == 404


def test_instructors_preview_the_assignment_but_do_not_submit(client, world, brief):
    client.force_login(world.ivan)

    assert client.get(page_url(world, brief)).status_code == 200
    assert client.post(page_url(world, brief), {"text": "Hi"}).status_code == 403
    assert not Submission.objects.exists()


def test_the_module_page_lists_the_assignment_and_its_state(client, world, brief):
    client.force_login(world.ana)
    assert page_url(world, brief) in client.get(world.module.get_absolute_url()).content.decode()
