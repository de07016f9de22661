"""E-mails about applications: to applicants and to the coordinators of their edition.

Each person is written to in the language of their profile. Queued once the transaction that
changed the application commits (see admissions._record and admissions.submit): a rolled-back
decision never reaches anyone's inbox. The messages are written and sent in the background, one
task per recipient, so a mail server that is down delays them without losing any.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from diploma.background import background_task, queue_email
from students.models import Enrolment, EnrolmentTransition, StudentProfile

logger = logging.getLogger(__name__)


def _language(user: AbstractBaseUser) -> str:
    """The user's preferred language; coordinators without a student profile get the default."""
    try:
        return user.profile.preferred_language
    except StudentProfile.DoesNotExist:
        return settings.LANGUAGE_CODE


@background_task
def send_transition_email(transition_id: int) -> None:
    """Tell the applicant their application changed to the status of the transition."""
    transition = (
        EnrolmentTransition.objects.select_related(
            "enrolment__user__profile", "enrolment__edition__programme"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None or not transition.enrolment.user.email:
        return
    enrolment = transition.enrolment
    edition = enrolment.edition
    with translation.override(_language(enrolment.user)):
        context = {
            "user": enrolment.user,
            "enrolment": enrolment,
            "edition": edition,
            "programme": edition.programme,
            "transition": transition,
            "promoted": transition.from_status == Enrolment.Status.WAITLISTED,
            "status_url": settings.SITE_URL + reverse("apply:status", args=[edition.slug]),
            "learn_url": settings.SITE_URL + reverse("learn:dashboard"),
            "site_url": settings.SITE_URL,
        }
        name = f"emails/application_{transition.to_status}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    queue_email(subject, body, [enrolment.user.email])
    logger.info("Queued %s e-mail for application %s", transition.to_status, enrolment.pk)


@background_task
def send_new_application_emails(enrolment_id: int) -> None:
    """Tell each coordinator of the edition, or of its programme, about a submitted application."""
    enrolment = (
        Enrolment.objects.select_related("user", "edition__programme")
        .exclude(status=Enrolment.Status.DRAFT)
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return
    edition = enrolment.edition
    coordinators = (
        get_user_model()
        .objects.filter(
            Q(pk__in=edition.coordinators.values("pk"))
            | Q(pk__in=edition.programme.coordinators.values("pk")),
            is_active=True,
        )
        .exclude(email="")
        .select_related("profile")
        .order_by("pk")
    )
    context = {
        "applicant": enrolment.user,
        "applicant_name": enrolment.user.get_full_name() or enrolment.user.get_username(),
        "enrolment": enrolment,
        "edition": edition,
        "programme": edition.programme,
        "application_url": settings.SITE_URL
        + reverse("office:application-detail", args=[edition.slug, enrolment.pk]),
        "applications_url": settings.SITE_URL + reverse("office:applications", args=[edition.slug]),
    }
    for coordinator in coordinators:
        with translation.override(_language(coordinator)):
            context["coordinator"] = coordinator
            subject = render_to_string("emails/new_application_subject.txt", context)
            body = render_to_string("emails/new_application.txt", context)
        queue_email(subject, body, [coordinator.email])
    logger.info("Queued e-mails to coordinators about application %s", enrolment.pk)
