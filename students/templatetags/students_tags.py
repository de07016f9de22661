"""Assessments and released grades on the module page.

Each tag runs a fixed number of queries, whatever the number of quizzes, assignments or
students: two for a module's quizzes and assignments, four more for its grade once released.
"""

from django import template
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from courses.models import Module
from diploma.queries import count_of
from students.grades import grades_for_edition
from students.models import Enrolment, QuizAttempt, Submission

register = template.Library()


@register.simple_tag
def module_assessments(module: Module, enrolment: Enrolment | None) -> dict:
    """The module's quizzes and assignments, with the student's own state, and the module grade
    with its formula once the instructor has released it."""
    if enrolment is not None and not module.is_released():
        return {"quizzes": [], "assignments": [], "formula": None}
    quizzes = module.quizzes.defer("instructions").order_by("opens_at", "id")
    assignments = module.assignments.defer("instructions").order_by("due_at", "id")
    if enrolment is not None:
        # order_by(): the models' default orderings would join four tables into each subquery.
        mine = QuizAttempt.objects.filter(quiz=OuterRef("pk"), enrolment=enrolment).order_by()
        graded = mine.filter(status=QuizAttempt.Status.GRADED).order_by("-score")
        quizzes = quizzes.filter(is_published=True).annotate(
            used=count_of(mine),
            open_attempt=Subquery(
                mine.filter(status=QuizAttempt.Status.IN_PROGRESS).values("number")[:1]
            ),
            best_score=Subquery(graded.values("score")[:1]),
            best_max=Subquery(graded.values("max_score")[:1]),
        )
        own = Submission.objects.filter(assignment=OuterRef("pk"), enrolment=enrolment).order_by()
        assignments = assignments.filter(is_published=True).annotate(
            my_submitted_at=Subquery(own.values("submitted_at")[:1]),
            is_graded=Exists(own.filter(points__isnull=False)),
        )
    now = timezone.now()
    base = module.get_absolute_url()
    quizzes, assignments = list(quizzes), list(assignments)
    for quiz in quizzes:
        quiz.url = f"{base}quizzes/{quiz.slug}/"
        quiz.show_score = quiz.score_visible(now)
        quiz.is_closed = quiz.is_closed(now)
        quiz.not_open_yet = not quiz.has_opened(now)
    for assignment in assignments:
        assignment.url = f"{base}assignments/{assignment.slug}/"
        assignment.is_past_due = assignment.is_past_due(now)
    result = {"quizzes": quizzes, "assignments": assignments, "formula": None, "grade": None}
    if enrolment is not None and module.grades_released and (quizzes or assignments):
        edition = module.edition
        grade = grades_for_edition(edition, [enrolment], modules=[module])[enrolment.pk]
        grade = grade.of_module(module)
        ended, programme = edition.has_ended(now), edition.programme
        result["formula"] = grade.formula(programme, now=now, ended=ended, released_only=True)
        result["grade"] = grade.summary(programme, now=now, ended=ended, released_only=True)
    return result
