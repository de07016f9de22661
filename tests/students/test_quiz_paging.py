"""Taking a quiz page by page, without JavaScript: each page saves only its own questions."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Choice, Question, Quiz
from students.attempts import GRACE
from students.models import AttemptAnswer, QuizAttempt
from tests.students.test_attempts import make_quiz
from tests.students.test_quiz_pages import ALL_KINDS, quiz_url, right_form, start


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


Kind = Question.Kind


@pytest.fixture
def quiz(world):
    """Six questions, two a page, in a shuffled order: three pages."""
    return make_quiz(
        world.module, kinds=ALL_KINDS, questions_per_page=2, shuffle_questions=True,
        shuffle_choices=True, time_limit_minutes=30,
    )  # fmt: skip


def attempt_url(world, quiz: Quiz, attempt: QuizAttempt, page: int | None = None) -> str:
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    return url if page is None else f"{url}?page={page}"


def on_page(attempt: QuizAttempt, page: int, per_page: int = 2) -> list[int]:
    """The question ids of a page, in the attempt's order."""
    return attempt.question_order[(page - 1) * per_page : page * per_page]


def page_form(attempt: QuizAttempt, quiz: Quiz, page: int, **buttons) -> dict:
    """The right answers of one page, as its form posts them, with the button pressed."""
    questions = on_page(attempt, page, quiz.questions_per_page)
    right = right_form(attempt, quiz)
    data = {f"q{pk}": right[f"q{pk}"] for pk in questions}
    return {**data, "shown": [f"q{pk}" for pk in questions], "page": str(page), **buttons}


def shown_questions(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'name="shown" value="q(\d+)"', html)]


def answered(attempt: QuizAttempt) -> set[int]:
    rows = AttemptAnswer.objects.filter(attempt=attempt).prefetch_related("choices")
    return {row.question_id for row in rows if row.text.strip() or row.choices.exists()}


def test_the_quiz_page_says_how_many_pages_it_has(client, world, quiz):
    one_page = make_quiz(world.module, slug="one-page", kinds=ALL_KINDS)
    client.force_login(world.ana)

    paged = client.get(quiz_url(world, quiz))
    single = client.get(quiz_url(world, one_page))

    assert paged.context["page_count"] == 3
    assert 'data-page-count="3">3 pages · 2 questions per page<' in paged.content.decode()
    assert single.context["page_count"] == 1
    assert 'data-page-count="1">1 page<' in single.content.decode()


def test_each_page_shows_its_questions_in_the_attempts_order(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    seen = []
    for page in (1, 2, 3):
        response = client.get(attempt_url(world, quiz, attempt, page))
        html = response.content.decode()
        assert response.status_code == 200
        assert shown_questions(html) == on_page(attempt, page)
        assert f"Page {page} of 3" in html
        assert f"Question {2 * page - 1} " in html  # numbering goes on from the page before
        seen += shown_questions(html)

    assert seen == attempt.question_order
    first = client.get(attempt_url(world, quiz, attempt)).content.decode()
    assert shown_questions(first) == on_page(attempt, 1)


@pytest.mark.parametrize(
    "asked, shown", [("0", 1), ("-2", 1), ("4", 3), ("99999999999999999999", 3), ("two", 1)]
)
def test_a_page_out_of_range_shows_the_nearest_page(client, world, quiz, asked, shown):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    response = client.get(attempt_url(world, quiz, attempt) + f"?page={asked}")

    assert response.status_code == 200
    assert shown_questions(response.content.decode()) == on_page(attempt, shown)


def test_the_page_list_marks_the_current_page_and_what_is_answered(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    client.post(attempt_url(world, quiz, attempt), page_form(attempt, quiz, 1, action="save"))

    html = client.get(attempt_url(world, quiz, attempt, 2)).content.decode()

    buttons = re.findall(
        r'<button type="submit" name="goto" value="(\d)" class="page-link"[^>]*>', html
    )
    assert buttons == ["1", "2", "3"]
    current = re.findall(r'value="(\d)" class="page-link" aria-current="page"', html)
    assert current == ["2"]
    assert 'value="1" class="page-link" data-unanswered="0"' in html
    assert 'aria-label="Page 1: every question answered"' in html
    assert 'aria-label="Page 3: 2 questions without an answer"' in html
    assert 'data-unanswered="4">4 of 6 questions have no saved answer yet.' in html


def test_enter_in_a_field_saves_the_page_and_stays(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    html = client.get(attempt_url(world, quiz, attempt, 2)).content.decode()

    form = html[html.index('<form method="post" id="quiz-form"') :]
    first_button = re.search(r"<button [^>]*>", form).group(0)
    assert 'name="action" value="save"' in first_button  # the button Enter presses
    assert '<input type="hidden" name="page" value="2">' in form


def test_the_last_page_makes_submit_the_main_action(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    first = client.get(attempt_url(world, quiz, attempt, 1)).content.decode()
    last = client.get(attempt_url(world, quiz, attempt, 3)).content.decode()

    assert 'data-page-nav="next"' in first and 'data-page-nav="previous"' not in first
    assert 'data-page-nav="previous"' in last and 'data-page-nav="next"' not in last
    assert 'value="submit" class="btn btn-outline-primary"' in first
    assert 'value="submit" class="btn btn-primary"' in last


@pytest.mark.parametrize(
    "button, target",
    [
        ({"goto": "3"}, 3),  # Next
        ({"goto": "1"}, 1),  # Previous, or the page list
        ({"action": "save"}, 2),
        ({"goto": "42"}, 3),
        ({"goto": "x"}, 1),
    ],
)
def test_moving_between_pages_saves_the_page_first(client, world, quiz, button, target):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    response = client.post(
        attempt_url(world, quiz, attempt, 2), page_form(attempt, quiz, 2, **button)
    )

    assert response.status_code == 302
    assert response.url == attempt_url(world, quiz, attempt, target)
    assert answered(attempt) == set(on_page(attempt, 2))
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    followed = client.get(response.url).content.decode()
    assert "Your answers on page 2 are saved." in followed


def test_saving_a_page_leaves_the_other_pages_alone(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, page_form(attempt, quiz, 1, goto="2"))
    client.post(url, page_form(attempt, quiz, 3, goto="2"))
    blank_page_two = {"shown": page_form(attempt, quiz, 2)["shown"], "page": "2"}

    client.post(url, {**blank_page_two, "goto": "3"})

    assert answered(attempt) == set(on_page(attempt, 1) + on_page(attempt, 3))


def test_a_page_saves_its_own_questions_even_if_the_page_size_changed(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, {**right_form(attempt, quiz), "action": "save"})
    form = page_form(attempt, quiz, 2, goto="3")
    Quiz.objects.filter(pk=quiz.pk).update(questions_per_page=3)

    client.post(url, {key: value for key, value in form.items() if not key.startswith("q")})

    assert answered(attempt) == set(on_page(attempt, 1) + on_page(attempt, 3))


def test_submitting_from_the_first_page_counts_every_saved_answer(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, page_form(attempt, quiz, 2, goto="3"))
    client.post(url, page_form(attempt, quiz, 3, goto="1"))

    response = client.post(url, page_form(attempt, quiz, 1, action="submit"))

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED  # the essay waits for the instructor
    assert attempt.score == Decimal("10.00")
    review = client.get(url + "?page=2").content.decode()
    assert "Right: IOM&#x27;s headquarters are in Geneva." in review
    assert 'name="shown"' not in review


def test_a_second_submit_from_another_page_changes_nothing(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, {**right_form(attempt, quiz), "action": "submit"})

    response = client.post(url, page_form(attempt, quiz, 3, goto="1"), follow=True)

    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")
    assert response.redirect_chain == [(url, 302)]
    assert "already submitted" in response.content.decode()


def test_moving_to_another_page_after_the_time_limit_ends_the_attempt(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, page_form(attempt, quiz, 1, goto="2"))
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - GRACE - dt.timedelta(seconds=1)
    )

    response = client.post(url, page_form(attempt, quiz, 2, goto="3"), follow=True)

    attempt.refresh_from_db()
    assert attempt.status != QuizAttempt.Status.IN_PROGRESS and attempt.submitted_at
    assert answered(attempt) == set(on_page(attempt, 1))  # page 2 came too late
    assert response.redirect_chain == [(url, 302)]
    assert "Time was up" in response.content.decode()


def test_opening_a_page_after_the_quiz_closed_ends_the_attempt(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=5))

    response = client.get(attempt_url(world, quiz, attempt, 2), follow=True)

    attempt.refresh_from_db()
    assert attempt.status != QuizAttempt.Status.IN_PROGRESS and attempt.submitted_at
    assert "Time is up" in response.content.decode()
    assert 'name="shown"' not in response.content.decode()


def test_no_page_of_an_open_attempt_holds_correctness_data(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    secrets = ["IOM was founded in 1951 in Brussels.", "1951", "Organización Internacional"]
    secrets += [c.feedback for c in Choice.objects.filter(question__quiz=quiz).exclude(feedback="")]

    guesses = {f"q{pk}": "1" for pk in attempt.question_order}  # first option, or text "1"
    client.post(attempt_url(world, quiz, attempt), {**guesses, "action": "save"})
    for page in (1, 2, 3):
        html = client.get(attempt_url(world, quiz, attempt, page)).content.decode()
        for word in ("is_correct", "fraction", "correct", "credit", "feedback", "score"):
            assert word not in html.lower(), (page, word)
        for secret in secrets:
            assert secret not in html, (page, secret)
        values = re.findall(r'name="q\d+" id="[^"]+" value="(\d+)"', html)
        assert set(values) <= {"1", "2", "3"}


def test_another_student_cannot_open_or_post_a_page(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    client.force_login(world.bruno)

    assert client.get(attempt_url(world, quiz, attempt, 2)).status_code == 404
    response = client.post(attempt_url(world, quiz, attempt), page_form(attempt, quiz, 2, goto="3"))
    assert response.status_code == 404
    assert not AttemptAnswer.objects.exists()


def test_a_page_needs_a_logged_in_student_and_get_or_post(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt, 2)

    assert client.put(url).status_code == 405
    client.logout()
    response = client.post(url, page_form(attempt, quiz, 2, goto="3"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not AttemptAnswer.objects.exists()


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_page_costs_the_same_queries_for_three_or_thirty_questions(
    client, world, django_assert_num_queries
):
    client.force_login(world.ana)
    small = make_quiz(world.module, slug="small", kinds=ALL_KINDS[:3], questions_per_page=1)
    large = make_quiz(world.module, slug="large", kinds=ALL_KINDS[:5] * 6, questions_per_page=3)
    urls = {}
    for quiz in (small, large):
        attempt = start(client, world, quiz)
        client.post(attempt_url(world, quiz, attempt), page_form(attempt, quiz, 1, goto="2"))
        urls[quiz.slug] = attempt_url(world, quiz, attempt, 2)
        client.get(urls[quiz.slug])  # shows and clears the message

    expected = _page_queries(client, urls["small"])

    with django_assert_num_queries(expected):
        client.get(urls["large"])
    with django_assert_num_queries(expected):
        client.get(urls["large"].replace("page=2", "page=10"))
