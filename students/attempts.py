"""Quiz attempts: start, save answers, submit, grade essays by hand.

The time limit is the server's: an attempt has a deadline (its time limit, or the quiz's
closing time if earlier) and anything that arrives later than the deadline plus a few seconds
of grace is not counted. Every write locks the attempt row first, so a double submit scores
once: the first one wins, the second finds the attempt submitted and changes nothing.
"""

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from courses.models import Choice, Question, Quiz
from diploma.content_versions import progress_changed
from students.models import AttemptAnswer, AttemptChoice, Enrolment, QuizAttempt
from students.scoring import ZERO, score_answer

GRACE = dt.timedelta(seconds=10)

SAVED = "saved"
SUBMITTED = "submitted"
ALREADY_SUBMITTED = "already_submitted"
TIME_UP = "time_up"

T = TypeVar("T")


class AttemptRefused(Exception):
    """An attempt cannot be started or changed; the message is for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Answer:
    picked: list[int] = field(default_factory=list)  # choice ids
    text: str = ""


@dataclass
class Result:
    attempt: QuizAttempt
    outcome: str  # SAVED, SUBMITTED, ALREADY_SUBMITTED or TIME_UP


def deadline_of(attempt: QuizAttempt, quiz: Quiz) -> dt.datetime | None:
    """The attempt's deadline; the quiz's closing time wins if it was moved earlier since."""
    dates = [date for date in (attempt.deadline_at, quiz.closes_at) if date]
    return min(dates) if dates else None


def is_overdue(attempt: QuizAttempt, quiz: Quiz, now: dt.datetime) -> bool:
    deadline = deadline_of(attempt, quiz)
    return deadline is not None and now > deadline + GRACE


def is_time_up(attempt: QuizAttempt, quiz: Quiz, now: dt.datetime) -> bool:
    """Whether the deadline has passed, grace or not: a submit then asks nothing."""
    deadline = deadline_of(attempt, quiz)
    return deadline is not None and now >= deadline


def start_attempt(
    *, enrolment: Enrolment, quiz: Quiz, now: dt.datetime | None = None
) -> QuizAttempt:
    """The student's attempt in progress, or a new one if the quiz and the attempt limit allow.

    An attempt left open past its deadline is submitted first with the answers it saved.
    Raises AttemptRefused with the reason.
    """
    now = now or timezone.now()
    if not enrolment.is_active or quiz.module.edition_id != enrolment.edition_id:
        raise AttemptRefused(_("Only the students of this edition take its quizzes."))
    if not quiz.is_published:
        raise AttemptRefused(_("This quiz is not published."))
    try:
        with transaction.atomic():
            # Serialises the starts of one student, so two clicks make one attempt.
            Enrolment.objects.select_for_update().only("pk").get(pk=enrolment.pk)
            attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz))
            current = next(
                (a for a in attempts if a.status == QuizAttempt.Status.IN_PROGRESS), None
            )
            if current is not None:
                if not is_overdue(current, quiz, now):
                    return current
                _finish(current, quiz, now)
            _check_can_start(quiz, len(attempts), now)
            progress_changed([enrolment.pk])
            return _create(enrolment, quiz, max((a.number for a in attempts), default=0) + 1, now)
    except IntegrityError:
        # Another request created the attempt between our read and our insert.
        current = QuizAttempt.objects.filter(
            enrolment=enrolment, quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS
        ).first()
        if current is None:
            raise
        return current


def _check_can_start(quiz: Quiz, used: int, now: dt.datetime) -> None:
    if quiz.opens_at and now < quiz.opens_at:
        raise AttemptRefused(_("This quiz is not open yet."))
    if quiz.closes_at and now >= quiz.closes_at:
        raise AttemptRefused(_("This quiz is closed: no new attempts can be started."))
    if used >= quiz.attempts_allowed:
        raise AttemptRefused(
            _("You have used all the attempts this quiz allows (%(count)d).")
            % {"count": quiz.attempts_allowed}
        )


def _create(enrolment: Enrolment, quiz: Quiz, number: int, now: dt.datetime) -> QuizAttempt:
    questions = list(quiz.questions.order_by("order", "id").values_list("pk", flat=True))
    if not questions:
        raise AttemptRefused(_("This quiz has no questions yet."))
    if quiz.shuffle_questions:
        random.SystemRandom().shuffle(questions)
    dates = [quiz.closes_at] if quiz.closes_at else []
    if quiz.time_limit_minutes:
        dates.append(now + dt.timedelta(minutes=quiz.time_limit_minutes))
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=number,
        deadline_at=min(dates) if dates else None,
        question_order=questions,
    )


def _lock(attempt: QuizAttempt) -> QuizAttempt:
    locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    locked.quiz = attempt.quiz
    return locked


def save_answers(
    *, attempt: QuizAttempt, answers: Mapping[int, Answer], now: dt.datetime | None = None
) -> Result:
    """Store the answers of an attempt in progress (by question id) without submitting it.

    Only the questions in `answers` change: saving one page of a quiz leaves the answers of
    its other pages as they were; an empty Answer clears the answer of its question.
    Past the deadline the answers are not stored: the attempt is submitted with those saved
    before (outcome TIME_UP).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(attempt)
        if locked.status != QuizAttempt.Status.IN_PROGRESS:
            return Result(locked, ALREADY_SUBMITTED)
        if is_overdue(locked, attempt.quiz, now):
            _finish(locked, attempt.quiz, now)
            return Result(locked, TIME_UP)
        _store(locked, answers)
        return Result(locked, SAVED)


def submit_attempt(
    *,
    attempt: QuizAttempt,
    answers: Mapping[int, Answer] | None = None,
    now: dt.datetime | None = None,
) -> Result:
    """Store the last answers and score the attempt, once.

    As with `save_answers`, only the questions in `answers` change: the answers saved before
    for the other questions are scored with them.
    A second submit of the same attempt changes nothing (ALREADY_SUBMITTED). A submit past
    the deadline and its grace scores the answers saved before the deadline (TIME_UP).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(attempt)
        if locked.status != QuizAttempt.Status.IN_PROGRESS:
            return Result(locked, ALREADY_SUBMITTED)
        if is_overdue(locked, attempt.quiz, now):
            _finish(locked, attempt.quiz, now)
            return Result(locked, TIME_UP)
        if answers is not None:
            _store(locked, answers)
        _score(locked, now)
        return Result(locked, SUBMITTED)


def finish_overdue(
    *, quiz: Quiz, now: dt.datetime | None = None, enrolment: Enrolment | None = None
) -> int:
    """Submit the attempts left open past their deadline, with their saved answers.

    Returns how many were submitted; only `enrolment`'s attempts when given.
    """
    now = now or timezone.now()
    attempts = QuizAttempt.objects.filter(quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS)
    if enrolment is not None:
        attempts = attempts.filter(enrolment=enrolment)
    finished = 0
    for attempt in attempts:
        if not is_overdue(attempt, quiz, now):
            continue
        attempt.quiz = quiz
        with transaction.atomic():
            locked = _lock(attempt)
            if locked.status == QuizAttempt.Status.IN_PROGRESS:
                _finish(locked, quiz, now)
                finished += 1
    return finished


def _finish(attempt: QuizAttempt, quiz: Quiz, now: dt.datetime) -> None:
    """Submit an overdue attempt as of its deadline, with what it saved."""
    attempt.quiz = quiz
    _score(attempt, min(now, deadline_of(attempt, quiz) or now))


def attempt_questions(attempt: QuizAttempt) -> list[Question]:
    """The attempt's questions in its order, each with `choice_list`: two queries."""
    questions = Question.objects.filter(pk__in=attempt.question_order).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("order", "id"), to_attr="choice_list")
    )
    by_id = {question.pk: question for question in questions}
    return [by_id[pk] for pk in attempt.question_order if pk in by_id]


def paginate(questions: Sequence[T], per_page: int) -> list[list[T]]:
    """The questions cut into pages of `per_page`, in their order; 0 puts them on one page."""
    if per_page <= 0 or len(questions) <= per_page:
        return [list(questions)]
    return [list(questions[i : i + per_page]) for i in range(0, len(questions), per_page)]


def page_count(question_count: int, per_page: int) -> int:
    """How many pages `paginate` makes of `question_count` questions."""
    if per_page <= 0:
        return 1
    return max(1, math.ceil(question_count / per_page))


def is_answered(answer: AttemptAnswer | None) -> bool:
    """Whether a stored answer (from `attempt_answers`) says anything: a pick or some text."""
    return answer is not None and bool(answer.picked or answer.text.strip())


def attempt_answers(attempt: QuizAttempt) -> dict[int, AttemptAnswer]:
    """The attempt's answers by question id, each with `picked` (a set of choice ids)."""
    answers = {answer.pk: answer for answer in AttemptAnswer.objects.filter(attempt=attempt)}
    picks = defaultdict(set)
    if answers:
        rows = AttemptChoice.objects.filter(answer__in=list(answers))
        for answer_id, choice_id in rows.values_list("answer_id", "choice_id"):
            picks[answer_id].add(choice_id)
    for answer in answers.values():
        answer.picked = picks[answer.pk]
    return {answer.question_id: answer for answer in answers.values()}


def _store(attempt: QuizAttempt, answers: Mapping[int, Answer]) -> None:
    """Replace the stored answers of these questions: a fixed number of queries."""
    asked = set(attempt.question_order)
    wanted = {qid: answer for qid, answer in answers.items() if qid in asked}
    if not wanted:
        return
    valid_choices = defaultdict(set)
    rows = Choice.objects.filter(question_id__in=list(wanted))
    for choice_id, question_id in rows.values_list("pk", "question_id"):
        valid_choices[question_id].add(choice_id)
    stored = {
        answer.question_id: answer
        for answer in AttemptAnswer.objects.filter(attempt=attempt, question_id__in=list(wanted))
    }
    new = [
        AttemptAnswer(attempt=attempt, question_id=qid, text=answer.text)
        for qid, answer in wanted.items()
        if qid not in stored
    ]
    changed = []
    for qid, answer in wanted.items():
        if qid in stored and stored[qid].text != answer.text:
            stored[qid].text = answer.text
            changed.append(stored[qid])
    if changed:
        AttemptAnswer.objects.bulk_update(changed, ["text"])
    if new:
        AttemptAnswer.objects.bulk_create(new)
        if any(answer.pk is None for answer in new):  # databases that return no ids
            stored.update(
                (answer.question_id, answer)
                for answer in AttemptAnswer.objects.filter(
                    attempt=attempt, question_id__in=[a.question_id for a in new]
                )
            )
        else:
            stored.update((answer.question_id, answer) for answer in new)
    AttemptChoice.objects.filter(answer__in=[a.pk for a in stored.values()]).delete()
    AttemptChoice.objects.bulk_create(
        AttemptChoice(answer_id=stored[qid].pk, choice_id=choice_id)
        for qid, answer in wanted.items()
        for choice_id in dict.fromkeys(answer.picked)
        if choice_id in valid_choices[qid]
    )


# Why a grade changed, in the history of answers and attempts when no reason was typed.
SCORED = "scored"  # by the platform, on submission
GRADED = "graded"
REGRADED = "regraded"


def _score(attempt: QuizAttempt, now: dt.datetime) -> None:
    """Score every answer; the attempt is graded unless an essay waits for the instructor.

    The scores enter the history as the platform's (no user), not as whoever submitted.
    """
    progress_changed([attempt.enrolment_id])
    questions = attempt_questions(attempt)
    answers = attempt_answers(attempt)
    scored, pending = [], False
    total = max_total = ZERO
    for question in questions:
        max_total += question.points
        answer = answers.get(question.pk)
        if answer is None:
            continue
        points = score_answer(
            question, question.choice_list, picked=answer.picked, text=answer.text
        )
        if points is None:
            if answer.text.strip():
                pending = True
                continue
            points = ZERO  # an essay left blank needs no reading
        answer.score = points
        scored.append(answer)
        total += points
    if scored:
        for answer in scored:
            answer._history_user = None
        bulk_update_with_history(scored, AttemptAnswer, ["score"], default_change_reason=SCORED)
    attempt.status = QuizAttempt.Status.SUBMITTED if pending else QuizAttempt.Status.GRADED
    attempt.submitted_at = now
    attempt.score = total
    attempt.max_score = max_total
    attempt._history_user, attempt._change_reason = None, SCORED
    attempt.save(update_fields=["status", "submitted_at", "score", "max_score"])


class GradeRefused(Exception):
    """A grade by hand that cannot be accepted; the message is for the grader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def grade_by_hand(
    *, attempt: QuizAttempt, grades: Mapping[int, tuple[Decimal, str]], by, reason: str = ""
) -> QuizAttempt:
    """Points and feedback for the answers of questions graded by hand (by question id).

    The attempt becomes graded when every essay answered has points. Each answer whose points
    or feedback change, and the attempt if its score or status changes, gets a record in its
    history with `by` and why; changing points already given needs a `reason` (GradeRefused
    otherwise). Raises ValueError for an attempt still in progress or points outside
    0..the question's points.
    """
    reason = reason.strip()
    with transaction.atomic():
        locked = _lock(attempt)
        if locked.status == QuizAttempt.Status.IN_PROGRESS:
            raise ValueError("The attempt is still in progress.")
        questions = {question.pk: question for question in attempt_questions(locked)}
        answers = attempt_answers(locked)
        changed, regraded = [], False
        for question_id, (points, feedback) in grades.items():
            question, answer = questions.get(question_id), answers.get(question_id)
            if question is None or answer is None:
                continue
            if not ZERO <= points <= question.points:
                raise ValueError(f"Points out of range for question {question_id}.")
            if (answer.score, answer.feedback) == (points, feedback):
                continue
            regrade = answer.score is not None and answer.score != points
            if regrade and not reason:
                raise GradeRefused(_("Say why you change the grade: it is kept in its history."))
            regraded = regraded or regrade
            answer.score, answer.feedback = points, feedback
            answer._history_user = by
            answer._change_reason = reason or (REGRADED if regrade else GRADED)
            changed.append(answer)
        if changed:
            bulk_update_with_history(changed, AttemptAnswer, ["score", "feedback"])
        pending = any(answer.score is None and answer.text.strip() for answer in answers.values())
        score = sum((a.score for a in answers.values() if a.score is not None), ZERO)
        status = QuizAttempt.Status.SUBMITTED if pending else QuizAttempt.Status.GRADED
        if (locked.score, locked.status) != (score, status):
            locked.score, locked.status = score, status
            locked._history_user = by
            locked._change_reason = reason or (REGRADED if regraded else GRADED)
            locked.save(update_fields=["score", "status"])
    progress_changed([locked.enrolment_id])
    return locked


def choice_order(attempt: QuizAttempt, question: Question, choices: Sequence[Choice]) -> list:
    """The choices in the order this attempt shows them: shuffled per attempt if the quiz says
    so, always the same order for the same attempt."""
    ordered = list(choices)
    if attempt.quiz.shuffle_choices and question.kind != Question.Kind.TRUE_FALSE:
        random.Random(f"{attempt.pk}:{question.pk}").shuffle(ordered)
    return ordered
