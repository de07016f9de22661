"""Ana takes a quiz and submits a policy brief; Iván grades it and releases the grades; Ana
sees her grade, its feedback and how her module grade was calculated."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, Choice, Question, Quiz
from students.models import QuizAttempt, Submission
from tests.e2e.conftest import Visit, login
from tests.e2e.test_admissions_journey import second_visit
from tests.factories import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FEEDBACK = "Good use of the census data; cite the IOM sources."


def _assessments(world) -> tuple[Quiz, Assignment]:
    quiz = Quiz.objects.create(
        module=world.module, title="Check on migration policy", slug="policy-check",
        instructions="Two questions, **30 minutes**.", time_limit_minutes=30,
        is_published=True,
    )  # fmt: skip
    where = Question.objects.create(quiz=quiz, kind="single", text="Where is IOM based?", order=1)
    Choice.objects.create(question=where, text="Geneva", fraction=100, is_correct=True,
                          feedback="Right: Geneva.", order=0)  # fmt: skip
    Choice.objects.create(question=where, text="Lima", fraction=0, order=1)
    compact = Question.objects.create(
        quiz=quiz, kind="true_false", text="The Global Compact was adopted in 2018.", order=2
    )
    Choice.objects.create(question=compact, text="True", fraction=100, is_correct=True, order=0)
    Choice.objects.create(question=compact, text="False", fraction=0, order=1)
    brief = Assignment.objects.create(
        module=world.module, title="Policy brief on remittances", slug="remittances-brief",
        instructions="Two pages on **remittances** and development.",
        due_at=timezone.now() + dt.timedelta(days=7), is_published=True,
    )  # fmt: skip
    return quiz, brief


def _click(visit: Visit, page, locator) -> None:
    locator.click()
    page.wait_for_load_state()
    visit.check(page)


def test_it_grades_a_quiz_and_an_assignment_and_shows_the_released_grade(visit, e2e_world, browser):
    world = e2e_world
    quiz, brief = _assessments(world)
    page = visit.new_page()
    login(visit, page, "ana", PASSWORD)

    # Ana takes the quiz from her module page.
    visit.goto(page, world.module.get_absolute_url())
    quiz_url = reverse("learn:quiz-detail", args=[world.edition.slug, world.module.slug, quiz.slug])
    _click(visit, page, page.locator(f"main a[href='{quiz_url}']"))
    _click(visit, page, page.locator("main form button[type=submit]"))
    assert "Right: Geneva." not in page.content()
    page.get_by_label("Geneva", exact=True).check()
    compact = quiz.questions.get(kind="true_false")
    page.locator(f"input[name=q{compact.pk}][value='1']").check()
    _click(visit, page, page.locator("main button[name=action][value=submit]"))
    assert page.locator("main [data-score]").count() == 1
    assert "Right: Geneva." in page.content()
    attempt = QuizAttempt.objects.get(enrolment=world.ana_enrolment, quiz=quiz)
    assert (attempt.status, attempt.score) == ("graded", Decimal("2.00"))

    # Ana submits her policy brief.
    visit.goto(page, world.module.get_absolute_url())
    brief_url = reverse(
        "learn:assignment-detail", args=[world.edition.slug, world.module.slug, brief.slug]
    )
    _click(visit, page, page.locator(f"main a[href='{brief_url}']"))
    page.fill("textarea[name=text]", "Remittances pay for schools in Ayacucho.")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "brief.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    _click(visit, page, page.locator("main form button[type=submit]"))
    assert page.locator("main [data-submitted]").count() == 1
    submission = Submission.objects.get(enrolment=world.ana_enrolment, assignment=brief)

    # Iván grades it from the queue and releases the grades.
    office = second_visit(browser, visit, page.viewport_size)
    try:
        teacher = office.new_page()
        login(office, teacher, "ivan", PASSWORD)
        office.goto(
            teacher, reverse("assess:overview", args=[world.edition.slug, world.module.slug])
        )
        queue = reverse(
            "assess:assignment-queue", args=[world.edition.slug, world.module.slug, brief.slug]
        )
        _click(office, teacher, teacher.locator(f"main a[href='{queue}']"))
        _click(office, teacher, teacher.locator(f"main a[href='{queue}{submission.pk}/']"))
        teacher.fill("input[name=points]", "17")
        teacher.fill("textarea[name=feedback]", FEEDBACK)
        _click(office, teacher, teacher.locator("main button[type=submit]").first)
        submission.refresh_from_db()
        assert (submission.points, submission.graded_by) == (Decimal("17.00"), world.ivan)
        _click(office, teacher, teacher.locator("main form button[type=submit]").last)
        office.goto(
            teacher, reverse("assess:overview", args=[world.edition.slug, world.module.slug])
        )
        release = reverse("assess:module-release", args=[world.edition.slug, world.module.slug])
        _click(office, teacher, teacher.locator(f"main form[action='{release}'] button"))

        # The gradebook has a column per item and the module grade, as Ana will see it.
        office.goto(
            teacher, reverse("teach:gradebook", args=[world.edition.slug, world.module.slug])
        )
        ana_link = teacher.locator(f"a[href$='/{world.ana_enrolment.pk}/']")
        ana_row = teacher.locator("main tbody tr", has=ana_link)
        assert ana_row.count() == 1
        cells = ana_row.locator("td").all_inner_texts()
        grade = "18,50" if visit.language == "es" else "18.50"
        assert cells[-3:] == (["20,00", "17,00", grade] if visit.language == "es" else
                              ["20.00", "17.00", grade])  # fmt: skip
    finally:
        office.context.close()
    brief.refresh_from_db()
    world.module.refresh_from_db()
    assert brief.grades_released and world.module.grades_released

    # Ana sees her grade, the feedback and the formula of her module grade.
    page.reload()
    page.wait_for_load_state()
    visit.check(page)
    assert page.locator("main [data-grade]").count() == 1
    assert FEEDBACK in page.content()
    visit.goto(page, world.module.get_absolute_url())
    formula = page.locator("main [data-formula=module-grade]")
    assert formula.count() == 1
    # (1 x 2/2 + 1 x 17/20) / 2 = 0.925 -> 18.50 of 20
    expected = "18,50" if visit.language == "es" else "18.50"
    assert expected in formula.locator("[data-fact=grade]").inner_text()
