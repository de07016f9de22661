"""E-mails to applicants, in the language of their profile.

Sent once the transaction that changed the application commits (see admissions._record): a
rolled-back decision never reaches anyone's inbox.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from students.models import Enrolment, EnrolmentTransition, StudentProfile

logger = logging.getLogger(__name__)


def _language(transition: EnrolmentTransition) -> str:
    try:
        return transition.enrolment.user.profile.preferred_language
    except StudentProfile.DoesNotExist:
        return settings.LANGUAGE_CODE


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
    with translation.override(_language(transition)):
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
    send_mail(subject, body, None, [enrolment.user.email])
    logger.info("Sent %s e-mail for application %s", transition.to_status, enrolment.pk)
