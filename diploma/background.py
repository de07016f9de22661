"""Work done outside the request: e-mails, bulk files and scheduled jobs.

Tasks are Django tasks (the `django-tasks` backport). In production they are stored in the
database and run by `python manage.py worker`; in development and tests they run at once, inside
the request, so `make run` needs no second process.

A task runs in one transaction: when it fails, what it wrote and the tasks it queued (e-mails to
many people, say) are undone together, so trying it again sends nothing twice. It is tried again
later, after a longer wait each time, up to len(RETRY_DELAYS) more times; every attempt stays
visible in the admin's task results. The log names the task, the
attempt and the kind of error, never the arguments, which may hold addresses or names.
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Seconds to wait before the 2nd, 3rd... attempt: a minute, then up to a few hours, long enough
# for a mail server to come back.
RETRY_DELAYS = (60, 300, 1800, 7200)
_ATTEMPT = "retry_attempt"


def background_task(func: Callable) -> Task:
    """Make `func` a task that is tried again with back-off when it raises."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        attempt = kwargs.pop(_ATTEMPT, 1)
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except Exception as error:
            will_retry = attempt <= len(RETRY_DELAYS) and run_task.get_backend().supports_defer
            logger.warning(
                "Task %s failed on attempt %d (%s)%s",
                run_task.name,
                attempt,
                type(error).__name__,
                "; it will be tried again" if will_retry else "",
            )
            if will_retry:
                later = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
                run_task.using(run_after=later).enqueue(*args, **kwargs, **{_ATTEMPT: attempt + 1})
            raise

    run_task = task()(run)
    return run_task


@background_task
def deliver_email(subject: str, body: str, to: list[str], reply_to: list[str] | None = None):
    """Send one message; a mail server that is down delays it instead of losing it."""
    EmailMessage(" ".join(subject.split()), body, None, to, reply_to=reply_to).send()


def queue_email(subject: str, body: str, to: list[str], reply_to: list[str] | None = None) -> None:
    """Queue one message. Addresses under .invalid (those of erased accounts) are dropped: no
    mail server could deliver them."""
    to = [address for address in to if not address.lower().rstrip(">").endswith(".invalid")]
    if to:
        deliver_email.enqueue(subject, body, to, reply_to=reply_to)
