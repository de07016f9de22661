"""Housekeeping run on a schedule (see settings.SCHEDULED_TASKS)."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from diploma.background import background_task
from diploma.models import ScheduledRun

# Finished task results stay this long in the admin, for looking into a failure.
KEEP_TASK_RESULTS = timedelta(days=30)


@background_task
def prune_finished_tasks() -> int:
    """Forget finished tasks and scheduled runs older than KEEP_TASK_RESULTS."""
    before = timezone.now() - KEEP_TASK_RESULTS
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    runs, _ = ScheduledRun.objects.filter(period_start__lt=before).delete()
    return tasks + runs


@background_task
def clear_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
