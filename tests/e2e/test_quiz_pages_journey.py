"""Ana takes a quiz of three pages: she answers page by page, goes back and forth with
"Previous", "Next" and the page list, finds her answers where she left them, and submits
from the last page."""

from decimal import Decimal

from django.urls import reverse

from courses.models import Choice, Question, Quiz
from students.models import QuizAttempt
from tests.e2e.conftest import Visit, login
from tests.factories import PASSWORD


def _paged_quiz(world) -> Quiz:
    quiz = Quiz.objects.create(
        module=world.module, title="Migration governance check", slug="governance-check",
        instructions="One question a page.", time_limit_minutes=30, questions_per_page=1,
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
    acronym = Question.objects.create(
        quiz=quiz, kind="short", text="The acronym of IOM in Spanish?", order=3
    )
    Choice.objects.create(question=acronym, text="OIM", fraction=100, feedback="Exactly.", order=0)
    return quiz


def _click(visit: Visit, page, locator) -> None:
    locator.click()
    page.wait_for_load_state()
    visit.check(page)


def _current_page(page) -> str:
    return page.locator("main [data-page-list] [aria-current=page]").inner_text().strip()[0]


def test_it_takes_a_quiz_page_by_page(visit, e2e_world):
    world = e2e_world
    quiz = _paged_quiz(world)
    where, compact, acronym = quiz.questions.order_by("order")
    page = visit.new_page()
    login(visit, page, "ana", PASSWORD)

    # The quiz says it has three pages; Ana starts and lands on the first one.
    quiz_url = reverse("learn:quiz-detail", args=[world.edition.slug, world.module.slug, quiz.slug])
    visit.goto(page, quiz_url)
    assert page.locator("main [data-page-count='3']").count() == 1
    _click(visit, page, page.locator("main form button[type=submit]"))
    assert _current_page(page) == "1"
    assert page.locator(f"input[name=q{where.pk}]").count() == 2
    assert page.locator(f"input[name=q{compact.pk}]").count() == 0

    # Next saves page 1; the page list jumps from page 2 to page 3.
    page.get_by_label("Geneva", exact=True).check()
    _click(visit, page, page.locator("main button[data-page-nav=next]"))
    assert page.url.endswith("?page=2") and _current_page(page) == "2"
    page.locator(f"input[name=q{compact.pk}][value='1']").check()
    _click(visit, page, page.locator("main [data-page-list] button[value='3']"))
    assert _current_page(page) == "3"
    assert page.locator("main [data-unanswered]").last.get_attribute("data-unanswered") == "1"

    # Previous saves page 3 and goes back; every answer is where Ana left it.
    page.fill(f"input[name=q{acronym.pk}]", "OIM")
    _click(visit, page, page.locator("main button[data-page-nav=previous]"))
    assert page.locator(f"input[name=q{compact.pk}][value='1']").is_checked()
    _click(visit, page, page.locator("main [data-page-list] button[value='1']"))
    assert page.get_by_label("Geneva", exact=True).is_checked()
    assert "Right: Geneva." not in page.content() and "Exactly." not in page.content()

    # From the last page, Submit is the main action and ends the attempt.
    _click(visit, page, page.locator("main [data-page-list] button[value='3']"))
    assert page.locator(f"input[name=q{acronym.pk}]").input_value() == "OIM"
    assert page.locator("main [data-unanswered]").last.get_attribute("data-unanswered") == "0"
    submit = page.locator("main button[name=action][value=submit]")
    assert "btn-primary" in submit.get_attribute("class")
    _click(visit, page, submit)
    assert page.locator("main [data-score]").count() == 1
    assert "Right: Geneva." in page.content()
    attempt = QuizAttempt.objects.get(enrolment=world.ana_enrolment, quiz=quiz)
    assert (attempt.status, attempt.score) == ("graded", Decimal("3.00"))
