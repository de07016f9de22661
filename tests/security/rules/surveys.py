"""The evaluation surveys (/learn/surveys/): answered by the students of the edition only;
its instructors, coordinators and staff read the results in the reports instead."""

from tests.security.rules import DENY, OK, Rule, logged_in, module_kwargs

STUDENTS_ONLY = {**logged_in(DENY), "student": OK}


def _edition(w) -> dict:
    return {"edition": w.edition.slug}


RULES = {
    "surveys:module": Rule(kwargs=module_kwargs, expect=STUDENTS_ONLY),
    "surveys:edition": Rule(kwargs=_edition, expect=STUDENTS_ONLY),
}
