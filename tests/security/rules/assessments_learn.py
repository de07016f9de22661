"""Quizzes and assignments in the learning space (/learn/<edition>/<module>/...).

Everyone who reads the edition sees a quiz's or an assignment's page (instructors and
coordinators as a preview); only its students start attempts and submit; an attempt and a
submitted file are their owner's alone.
"""

from courses.models import Assignment, Quiz
from students.models import QuizAttempt
from tests.security.rules import DENY, OK, REDIRECT, Rule, logged_in, readers_of_the_edition
from tests.security.rules.assess import assignment_of, graded_submission, quiz_of

OWNER = {**logged_in(DENY), "student": OK}
STUDENT_POST = {**readers_of_the_edition(DENY), "student": REDIRECT}


def _open_quiz(w) -> dict:
    """A published quiz with a question, that ana has not started yet."""
    quiz = quiz_of(w)
    quiz.attempts_allowed = 3
    quiz.save(update_fields=["attempts_allowed"])
    if not quiz.questions.exists():
        quiz.questions.create(kind="essay", text="What drives migration from the Andes?")
    QuizAttempt.objects.filter(quiz=quiz).delete()
    return {"edition": w.edition.slug, "module": w.module.slug, "quiz": quiz.slug}


def _attempt(w) -> dict:
    kwargs = _open_quiz(w)
    quiz = Quiz.objects.get(module=w.module, slug=kwargs["quiz"])
    QuizAttempt.objects.create(
        enrolment=w.ana_enrolment, quiz=quiz, question_order=[q.pk for q in quiz.questions.all()]
    )
    return {**kwargs, "number": 1}


def _assignment(w) -> dict:
    return {"edition": w.edition.slug, "module": w.module.slug, "assignment": assignment_of(w).slug}


def _released(w) -> dict:
    graded_submission(w)
    Assignment.objects.filter(pk=assignment_of(w).pk).update(grades_released=True)
    return _assignment(w)


RULES = {
    "learn:quiz-detail": Rule(kwargs=_open_quiz, expect=readers_of_the_edition()),
    "learn:quiz-start": Rule(
        kwargs=_open_quiz,
        method="post",
        expect={**readers_of_the_edition(DENY), "student": REDIRECT},
    ),
    "learn:attempt-detail": Rule(kwargs=_attempt, expect=OWNER),
    "learn:assignment-detail": Rule(kwargs=_assignment, expect=readers_of_the_edition()),
    "learn:submission-file": Rule(kwargs=_released, expect=OWNER),
    "learn:returned-file": Rule(kwargs=_released, expect=OWNER),
}
