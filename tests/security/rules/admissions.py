from django.core.files.base import ContentFile

from students.models import ApplicationDocument, Enrolment
from tests import factories as f
from tests.security.rules import DENY, OK, REDIRECT, Rule, logged_in

COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}
COORDINATORS_WRITE = {**logged_in(DENY), "coordinator": REDIRECT, "staff": REDIRECT}
OWNER = {**logged_in(DENY), "student": OK}


def _document(w) -> ApplicationDocument:
    """A CV on ana's application, the one every role asks for."""
    document = ApplicationDocument.objects.filter(enrolment=w.ana_enrolment).first()
    if document is None:
        document = ApplicationDocument(
            enrolment=w.ana_enrolment, kind="cv", original_name="cv.pdf", size=9
        )
        document.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return document


def _pending(w) -> Enrolment:
    """An application to ana's edition waiting for a decision, reset before each role asks.

    Every role then meets the same state, so a coordinator's decision does not turn the
    staff member's identical request into a refused transition.
    """
    user = f.UserFactory(username="dora")
    f.StudentProfileFactory(user=user)
    enrolment, _ = Enrolment.objects.update_or_create(
        user=user,
        edition=w.edition,
        defaults={"status": Enrolment.Status.SUBMITTED, "waitlist_position": None},
    )
    return enrolment


def _application(w) -> dict:
    return {"edition": w.edition.slug, "pk": _pending(w).pk}


def _decision(w) -> dict:
    _pending(w)
    return {"decision": "waitlisted", "note": "Checked by the matrix."}


def _bulk(w) -> dict:
    return {"applications": [_pending(w).pk], "decision": "rejected", "confirm": "1"}


RULES = {
    "apply:list": Rule(expect=logged_in(OK)),
    "apply:start": Rule(kwargs=lambda w: {"edition": w.open_edition.slug}, expect=logged_in(OK)),
    "apply:status": Rule(kwargs=lambda w: {"edition": w.edition.slug}, expect=OWNER),
    "apply:withdraw": Rule(kwargs=lambda w: {"edition": w.edition.slug}, expect=OWNER),
    "apply:document": Rule(
        kwargs=lambda w: {"edition": w.edition.slug, "document": _document(w).pk}, expect=OWNER
    ),
    "office:admissions": Rule(expect=COORDINATORS),
    "office:applications": Rule(kwargs=lambda w: {"edition": w.edition.slug}, expect=COORDINATORS),
    "office:applications-export": Rule(
        kwargs=lambda w: {"edition": w.edition.slug}, expect=COORDINATORS
    ),
    "office:applications-bulk": Rule(
        kwargs=lambda w: {"edition": w.edition.slug},
        method="post",
        data=_bulk,
        expect=COORDINATORS_WRITE,
    ),
    "office:applications-offer-seat": Rule(
        kwargs=lambda w: {"edition": w.edition.slug}, method="post", expect=COORDINATORS_WRITE
    ),
    "office:application-detail": Rule(kwargs=_application, expect=COORDINATORS),
    "office:application-review": Rule(
        kwargs=_application,
        method="post",
        data=lambda w: {"score": "4", "comment": "Fits the programme."},
        expect=COORDINATORS_WRITE,
    ),
    "office:application-decide": Rule(
        kwargs=_application, method="post", data=_decision, expect=COORDINATORS_WRITE
    ),
    "office:document": Rule(
        kwargs=lambda w: {
            "edition": w.edition.slug,
            "pk": w.ana_enrolment.pk,
            "document": _document(w).pk,
        },
        expect=COORDINATORS,
    ),
}
