"""Assessment authoring and grading (/teach/<edition>/<module>/...: the "assess" namespace).

For the instructors of the module (ivan), the coordinators of its edition (cora) and staff;
olga, who teaches another module of the same edition, is refused like everyone else. The
history of grades (of a submission, of a quiz attempt) is for coordinators and staff only.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from courses.models import Assignment, Choice, Question, Quiz, RubricCriterion, RubricLevel
from students.models import AttemptAnswer, QuizAttempt, RubricScore, Submission
from tests.security.rules import DENY, OK, REDIRECT, Rule, logged_in, module_kwargs

TEACHERS = {**logged_in(DENY), "instructor": OK, "coordinator": OK, "staff": OK}
TEACHERS_POST = {**logged_in(DENY), "instructor": REDIRECT, "coordinator": REDIRECT,
                 "staff": REDIRECT}  # fmt: skip
COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def quiz_of(w) -> Quiz:
    quiz, _ = Quiz.objects.get_or_create(
        module=w.module, slug="matrix-quiz", defaults={"title": "Matrix quiz", "is_published": True}
    )
    return quiz


def answered_question(w) -> Question:
    """A question that ana answered: it cannot be deleted, whoever asks."""
    quiz = quiz_of(w)
    question = quiz.questions.first()
    if question is None:
        question = Question.objects.create(quiz=quiz, kind="single", text="Where is IOM based?")
        Choice.objects.create(question=question, text="Geneva", fraction=100, is_correct=True)
        Choice.objects.create(question=question, text="Lima", fraction=0)
        Question.objects.create(quiz=quiz, kind="essay", text="Why?", order=2)
    attempt, _ = QuizAttempt.objects.get_or_create(
        enrolment=w.ana_enrolment, quiz=quiz, number=1,
        defaults={"status": "submitted", "submitted_at": timezone.now(),
                  "question_order": list(quiz.questions.values_list("pk", flat=True))},
    )  # fmt: skip
    AttemptAnswer.objects.get_or_create(attempt=attempt, question=question)
    return question


def _quiz(w) -> dict:
    return {**module_kwargs(w), "quiz": quiz_of(w).slug}


def _question(w) -> dict:
    question = answered_question(w)
    return {**module_kwargs(w), "quiz": question.quiz.slug, "question": question.pk}


def _attempt(w) -> dict:
    question = answered_question(w)
    attempt = QuizAttempt.objects.get(quiz=question.quiz, enrolment=w.ana_enrolment)
    return {**module_kwargs(w), "quiz": question.quiz.slug, "attempt": attempt.pk}


def assignment_of(w) -> Assignment:
    assignment, _ = Assignment.objects.get_or_create(
        module=w.module, slug="matrix-brief",
        defaults={"title": "Policy brief", "instructions": "Write two pages.",
                  "due_at": timezone.now() + dt.timedelta(days=7), "is_published": True},
    )  # fmt: skip
    return assignment


def graded_submission(w) -> Submission:
    """Ana's graded submission, with a file, a returned file and a rubric score."""
    assignment = assignment_of(w)
    submission = Submission.objects.filter(assignment=assignment, enrolment=w.ana_enrolment).first()
    if submission is None:
        submission = Submission(
            assignment=assignment, enrolment=w.ana_enrolment, submitted_at=timezone.now(),
            text="My brief.", points=Decimal("15"), graded_at=timezone.now(),
        )  # fmt: skip
        submission.file.save("brief.pdf", ContentFile(PDF), save=False)
        submission.returned_file.save("comments.pdf", ContentFile(PDF), save=False)
        submission.save()
        criterion = RubricCriterion.objects.create(assignment=assignment, title="Evidence")
        level = RubricLevel.objects.create(criterion=criterion, title="Good", points=20)
        RubricScore.objects.create(submission=submission, criterion=criterion, level=level)
    return submission


def _assignment(w) -> dict:
    return {**module_kwargs(w), "assignment": assignment_of(w).slug}


def _submission(w) -> dict:
    submission = graded_submission(w)
    return {**_assignment(w), "submission": submission.pk}


def _used_criterion(w) -> dict:
    submission = graded_submission(w)
    criterion = RubricScore.objects.get(submission=submission).criterion
    return {**_assignment(w), "criterion": criterion.pk}


RULES = {
    "assess:overview": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "assess:settings-history": Rule(kwargs=module_kwargs, expect=COORDINATORS),
    "assess:module-release": Rule(
        kwargs=module_kwargs, method="post", expect=TEACHERS_POST, data=lambda w: {"release": "0"}
    ),
    "assess:quiz-create": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "assess:quiz-edit": Rule(kwargs=_quiz, expect=TEACHERS),
    "assess:quiz-delete": Rule(kwargs=_quiz, expect=TEACHERS),
    "assess:question-create": Rule(kwargs=_quiz, expect=TEACHERS),
    "assess:question-edit": Rule(kwargs=_question, expect=TEACHERS),
    "assess:question-delete": Rule(kwargs=_question, method="post", expect=TEACHERS_POST),
    "assess:question-move": Rule(
        kwargs=_question, method="post", expect=TEACHERS_POST, data=lambda w: {"direction": "up"}
    ),
    "assess:question-import": Rule(kwargs=_quiz, expect=TEACHERS),
    "assess:question-export": Rule(
        kwargs=lambda w: {**_quiz(w), "format": "gift"}, expect=TEACHERS
    ),
    "assess:quiz-attempts": Rule(kwargs=_quiz, expect=TEACHERS),
    "assess:attempts-finish": Rule(kwargs=_quiz, method="post", expect=TEACHERS_POST),
    "assess:attempt-grade": Rule(kwargs=_attempt, expect=TEACHERS),
    "assess:attempt-history": Rule(kwargs=_attempt, expect=COORDINATORS),
    "assess:assignment-create": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "assess:assignment-edit": Rule(kwargs=_assignment, expect=TEACHERS),
    "assess:rubric": Rule(kwargs=_assignment, expect=TEACHERS),
    "assess:criterion-edit": Rule(kwargs=_used_criterion, expect=TEACHERS),
    "assess:criterion-delete": Rule(kwargs=_used_criterion, method="post", expect=TEACHERS_POST),
    "assess:assignment-queue": Rule(kwargs=_assignment, expect=TEACHERS),
    "assess:submission-grade": Rule(kwargs=_submission, expect=TEACHERS),
    "assess:submission-file": Rule(kwargs=_submission, expect=TEACHERS),
    "assess:returned-file": Rule(kwargs=_submission, expect=TEACHERS),
    "assess:submission-history": Rule(kwargs=_submission, expect=COORDINATORS),
    "assess:assignment-release": Rule(
        kwargs=_assignment, method="post", expect=TEACHERS_POST, data=lambda w: {"release": "0"}
    ),
}
