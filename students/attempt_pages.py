"""What the pages of a quiz attempt show, as plain values.

A page in progress carries question texts, choice labels in this attempt's order and the
student's own answers, never which answer is right; the review adds the right answers and the
feedback only when the quiz allows it.
"""

from django.utils.translation import gettext_lazy

from courses.models import Question
from students import attempts, scoring
from students.models import QuizAttempt
from students.quiz_forms import field_name

Kind = Question.Kind
TRUE_FALSE_LABELS = {"True": gettext_lazy("True"), "False": gettext_lazy("False")}


def taking_context(
    attempt: QuizAttempt,
    questions: list,
    answers: dict,
    asked_page: str | None,
    *,
    errors: dict[int, str] | None = None,
) -> dict:
    """The questions of one page; with several pages, the page list and what is unanswered."""
    pages = attempts.paginate(questions, attempt.quiz.questions_per_page)
    page = page_number(asked_page, len(pages))
    first = sum(len(earlier) for earlier in pages[: page - 1]) + 1
    items = taking_items(attempt, pages[page - 1], answers, first=first, errors=errors or {})
    context = {"items": items}
    if len(pages) > 1:
        pager = page_list(pages, page, answers)
        context["pager"] = pager
        context["question_count"] = len(questions)
        context["unanswered"] = sum(each["unanswered"] for each in pager["pages"])
    return context


def page_number(value: str | None, count: int) -> int:
    """A 1-based page number from the request, brought within the attempt's pages."""
    try:
        number = int(value or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), count)


def page_list(pages: list[list[Question]], current: int, answers: dict) -> dict:
    """The page list of an attempt: each page with how many of its questions have no answer."""
    return {
        "current": current,
        "count": len(pages),
        "previous": current - 1 if current > 1 else None,
        "next": current + 1 if current < len(pages) else None,
        "pages": [
            {
                "number": number,
                "unanswered": sum(
                    not attempts.is_answered(answers.get(question.pk)) for question in page
                ),
                "is_current": number == current,
            }
            for number, page in enumerate(pages, start=1)
        ],
    }


def label(question: Question, choice) -> str:
    if question.kind == Kind.TRUE_FALSE:
        return str(TRUE_FALSE_LABELS.get(choice.text, choice.text))
    return choice.text


def taking_items(
    attempt: QuizAttempt,
    questions: list,
    answers: dict,
    *,
    first: int = 1,
    errors: dict[int, str] | None = None,
) -> list[dict]:
    """Only what the student needs to answer: texts, labels, positions and their own answers.

    `first` is the number of the first question, on a page after the first one; `errors`,
    why an answer was refused, by question id.
    """
    errors = errors or {}
    items = []
    for number, question in enumerate(questions, start=first):
        answer = answers.get(question.pk)
        picked = answer.picked if answer else set()
        options = [
            {"value": position, "label": label(question, choice), "checked": choice.pk in picked}
            for position, choice in enumerate(
                attempts.choice_order(attempt, question, question.choice_list), start=1
            )
        ]
        items.append(
            {
                "number": number,
                "kind": question.kind,
                "text": question.text,
                "points": question.points,
                "field": field_name(question),
                "options": options if question.kind in scoring.CHOICE_KINDS else [],
                "text_answer": answer.text if answer else "",
                "error": errors.get(question.pk, ""),
            }
        )
    return items


def unanswered(questions: list[Question], answers: dict) -> list[Question]:
    return [
        question for question in questions if not attempts.is_answered(answers.get(question.pk))
    ]


def review_items(
    attempt: QuizAttempt, questions: list, answers: dict, show_feedback: bool
) -> list[dict]:
    items = []
    for number, question in enumerate(questions, start=1):
        answer = answers.get(question.pk)
        picked = answer.picked if answer else set()
        text = answer.text if answer else ""
        item = {
            "number": number,
            "kind": question.kind,
            "text": question.text,
            "points": question.points,
            "score": answer.score if answer else None,
            "text_answer": text,
            "grader_feedback": answer.feedback if answer else "",
            "choices": [],
        }
        credit_of = {c.pk: scoring.credit(c) for c in question.choice_list}
        for choice in attempts.choice_order(attempt, question, question.choice_list):
            if question.kind not in scoring.CHOICE_KINDS:
                break
            item["choices"].append(
                {
                    "label": label(question, choice),
                    "picked": choice.pk in picked,
                    "right": show_feedback and credit_of[choice.pk] > 0,
                    "feedback": choice.feedback if show_feedback and choice.pk in picked else "",
                }
            )
        if show_feedback:
            item["general_feedback"] = question.general_feedback
            if question.kind == Kind.SHORT:
                match = scoring.matching_answer(question, question.choice_list, text)
                item["answer_feedback"] = match.feedback if match else ""
                item["accepted"] = [
                    c.text for c in question.choice_list if scoring.credit(c) == scoring.HUNDRED
                ]
            elif question.kind == Kind.NUMERIC:
                item["accepted"] = [numeric_answer(question)]
        items.append(item)
    return items


def numeric_answer(question: Question) -> str:
    answer = question.numeric_answer.normalize()
    if question.tolerance:
        return f"{answer:f} ± {question.tolerance.normalize():f}"
    return f"{answer:f}"
