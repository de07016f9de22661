"""Reports: the partner area (/partners/, for partner staff of a linked institution) and the
office's reports (coordinators of the programme's editions, and staff)."""

from tests.security.rules import DENY, OK, REDIRECT, Rule, logged_in

PARTNERS = {**logged_in(DENY), "partner": OK}
COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}


def _programme(w) -> dict:
    return {"slug": w.programme.slug}


def _edition(w) -> dict:
    return {"slug": w.edition.slug}


def _csv(kwargs):
    return lambda w: {**kwargs(w), "file_format": "csv"}


def _office_edition(w) -> dict:
    return {"edition": w.edition.slug}


RULES = {
    "partners:home": Rule(expect=PARTNERS),
    "partners:programme": Rule(kwargs=_programme, expect=PARTNERS),
    "partners:programme-export": Rule(kwargs=_csv(_programme), expect=PARTNERS),
    "partners:edition": Rule(kwargs=_edition, expect=PARTNERS),
    "partners:edition-export": Rule(kwargs=_csv(_edition), expect=PARTNERS),
    "office:reports": Rule(expect=COORDINATORS),
    "office:report-programme": Rule(kwargs=_programme, expect=COORDINATORS),
    "office:report-programme-export": Rule(kwargs=_csv(_programme), expect=COORDINATORS),
    "office:survey-statements": Rule(kwargs=_programme, expect=COORDINATORS),
    "office:report-edition": Rule(kwargs=_office_edition, expect=COORDINATORS),
    "office:report-edition-export": Rule(kwargs=_csv(_office_edition), expect=COORDINATORS),
    "office:report-edition-refresh": Rule(
        kwargs=_office_edition,
        method="post",
        expect={**logged_in(DENY), "coordinator": REDIRECT, "staff": REDIRECT},
    ),
}
