"""Authoring quizzes: questions with their choices, order, import from a question bank."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Prefetch, ProtectedError, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.assess.question_import import ParsedQuestion
from courses.models import Choice, Question, Quiz, RubricCriterion

RESERVED_SLUGS = {"new", "done"}  # taken by other URLs at the same place


class AuthoringError(Exception):
    """A change that would lose students' records; the message is for the instructor.

    Students' records protect what they refer to (on_delete=PROTECT), so a refused delete
    arrives here as a ProtectedError.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ChoiceData:
    text: str
    fraction: Decimal
    feedback: str = ""
    pk: int | None = None


def unique_slug(queryset: QuerySet, title: str, *, fallback: str = "item") -> str:
    """A slug from `title`, free among `queryset`'s slugs and not a reserved word."""
    base = slugify(title)[:70] or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_question(*, question: Question, choices: Sequence[ChoiceData] = ()) -> Question:
    """Save a question and make its choices exactly `choices` (matched by pk, in order).

    A choice that a student picked in an attempt is never deleted: AuthoringError instead.
    """
    with transaction.atomic():
        if question.pk is None:
            question.order = _next_order(question.quiz)
        question.save()
        if question.kind in (Question.Kind.NUMERIC, Question.Kind.ESSAY):
            choices = ()
        existing = {choice.pk: choice for choice in question.choices.all()}
        kept = {data.pk for data in choices if data.pk in existing}
        gone = [pk for pk in existing if pk not in kept]
        if gone:
            try:
                with transaction.atomic():
                    Choice.objects.filter(pk__in=gone).delete()
            except ProtectedError:
                raise AuthoringError(
                    _("A choice that students picked in their attempts cannot be removed.")
                ) from None
        for order, data in enumerate(choices):
            choice = existing.get(data.pk) or Choice(question=question)
            choice.text, choice.fraction, choice.feedback = data.text, data.fraction, data.feedback
            choice.is_correct = data.fraction > 0
            choice.order = order
            choice.save()
    return question


def _next_order(quiz: Quiz) -> int:
    return (quiz.questions.aggregate(last=Max("order"))["last"] or 0) + 1


def delete_question(*, question: Question) -> None:
    try:
        with transaction.atomic():
            question.delete()
    except ProtectedError:
        raise AuthoringError(
            _("Students have answered this question: it cannot be deleted.")
        ) from None


def move_question(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour, renumbering the quiz's questions 1..n."""
    with transaction.atomic():
        Quiz.objects.select_for_update().filter(pk=question.quiz_id).exists()
        questions = list(Question.objects.filter(quiz_id=question.quiz_id).order_by("order", "id"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(questions):
            questions[index], questions[other] = questions[other], questions[index]
        for order, item in enumerate(questions, start=1):
            item.order = order
        Question.objects.bulk_update(questions, ["order"])


def delete_quiz(*, quiz: Quiz) -> None:
    try:
        with transaction.atomic():
            quiz.delete()
    except ProtectedError:
        raise AuthoringError(
            _("Students have attempted this quiz: unpublish it instead of deleting it.")
        ) from None


def delete_criterion(*, criterion: RubricCriterion) -> None:
    try:
        with transaction.atomic():
            criterion.delete()
    except ProtectedError:
        raise AuthoringError(_("Graded work uses this criterion: it cannot be removed.")) from None


def import_questions(
    *, quiz: Quiz, questions: Sequence[ParsedQuestion], points: Decimal
) -> list[Question]:
    """Add parsed questions at the end of the quiz: all of them or, on any error, none."""
    with transaction.atomic():
        start = _next_order(quiz)
        created = []
        for offset, parsed in enumerate(questions):
            question = Question(
                quiz=quiz,
                kind=parsed.kind,
                text=parsed.text,
                points=parsed.points if parsed.points is not None else points,
                order=start + offset,
                numeric_answer=parsed.numeric_answer,
                tolerance=parsed.tolerance,
                general_feedback=parsed.general_feedback,
                case_sensitive=parsed.case_sensitive,
            )
            question.full_clean(exclude=["quiz"])
            created.append(question)
        Question.objects.bulk_create(created)
        if any(question.pk is None for question in created):
            created = list(quiz.questions.filter(order__gte=start).order_by("order"))
        choices = [
            Choice(
                question=question,
                text=choice.text,
                fraction=choice.fraction,
                feedback=choice.feedback,
                is_correct=choice.fraction > 0,
                order=order,
            )
            for question, parsed in zip(created, questions, strict=True)
            for order, choice in enumerate(parsed.choices)
        ]
        Choice.objects.bulk_create(choices)
    return created


def quiz_questions(quiz: Quiz) -> QuerySet[Question]:
    """The quiz's questions in order with `choice_list` and `answer_count`: two queries."""
    return (
        quiz.questions.annotate(answer_count=Count("answers"))
        .prefetch_related(
            Prefetch(
                "choices", queryset=Choice.objects.order_by("order", "id"), to_attr="choice_list"
            )
        )
        .order_by("order", "id")
    )
