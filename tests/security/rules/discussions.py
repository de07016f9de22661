"""A module's discussion (/learn/<edition>/<module>/discussions/).

Its students (ana), its instructors (ivan), the edition's coordinators (cora) and staff read
and write it; olga, who teaches another module of the edition, a student of another edition
(carla) and partner staff (pablo) get nothing. Moderation is for ivan, cora and staff. The
unsubscribe link of the e-mails works for anyone who has it, without logging in.
"""

from courses.models import DiscussionPost, DiscussionSubscription, DiscussionThread, PostReport
from tests.security.rules import DENY, OK, REDIRECT, Rule, everyone, logged_in, module_kwargs

READERS = {**logged_in(DENY), "student": OK, "instructor": OK, "coordinator": OK, "staff": OK}
READERS_POST = {
    **logged_in(DENY), "student": REDIRECT, "instructor": REDIRECT, "coordinator": REDIRECT,
    "staff": REDIRECT,
}  # fmt: skip
MODERATORS = {**READERS, "student": DENY}
MODERATORS_POST = {**READERS_POST, "student": DENY}


def _thread(w) -> DiscussionThread:
    """bruno's question, with a reply by ivan."""
    thread, created = DiscussionThread.objects.get_or_create(
        module=w.module, author=w.bruno, title="¿El Convenio 97 obliga al Perú?",
        defaults={"is_question": True},
    )  # fmt: skip
    if created:
        DiscussionPost.objects.create(thread=thread, author=w.bruno, body="¿Obliga?")
        DiscussionPost.objects.create(thread=thread, author=w.ivan, body="Sí, desde 1986.")
    return thread


def _thread_kwargs(w) -> dict:
    return {**module_kwargs(w), "thread": _thread(w).pk}


def _post_kwargs(w) -> dict:
    return {**module_kwargs(w), "post": _thread(w).posts.last().pk}


def _answer_kwargs(w) -> dict:
    thread = _thread(w)
    return {**module_kwargs(w), "thread": thread.pk, "post": thread.posts.last().pk}


def _report_kwargs(w) -> dict:
    report = PostReport.objects.create(
        post=_thread(w).posts.last(), reporter=w.bruno, reason="Fuera de tema"
    )
    return {**module_kwargs(w), "report": report.pk}


def _token_kwargs(w) -> dict:
    subscription, _ = DiscussionSubscription.objects.get_or_create(user=w.bruno, module=w.module)
    return {**module_kwargs(w), "token": subscription.token}


RULES = {
    "discussions:index": Rule(kwargs=module_kwargs, expect=READERS),
    "discussions:thread-new": Rule(kwargs=module_kwargs, expect=READERS),
    "discussions:module-subscribe": Rule(kwargs=module_kwargs, method="post", expect=READERS_POST),
    "discussions:reports": Rule(kwargs=module_kwargs, expect=MODERATORS),
    "discussions:report-handle": Rule(kwargs=_report_kwargs, method="post", expect=MODERATORS_POST),
    "discussions:unsubscribe": Rule(kwargs=_token_kwargs, expect=everyone(OK)),
    "discussions:thread-detail": Rule(kwargs=_thread_kwargs, expect=READERS),
    "discussions:reply": Rule(
        kwargs=_thread_kwargs,
        method="post",
        expect=READERS_POST,
        data=lambda w: {"body": "Gracias por la aclaración."},
    ),
    "discussions:thread-moderate": Rule(
        kwargs=_thread_kwargs,
        method="post",
        expect=MODERATORS_POST,
        data=lambda w: {"action": "pin"},
    ),
    "discussions:thread-subscribe": Rule(kwargs=_thread_kwargs, method="post", expect=READERS_POST),
    # bruno asked: of the others, only moderators mark the answer.
    "discussions:thread-answer": Rule(kwargs=_answer_kwargs, method="post", expect=MODERATORS_POST),
    # ivan's own reply, within his 30 minutes: everyone else is sent back to the thread.
    "discussions:post-edit": Rule(
        kwargs=_post_kwargs,
        expect={**READERS, "student": REDIRECT, "coordinator": REDIRECT, "staff": REDIRECT},
    ),
    "discussions:post-report": Rule(kwargs=_post_kwargs, expect=READERS),
    "discussions:post-hide": Rule(kwargs=_post_kwargs, expect=MODERATORS),
    "discussions:post-unhide": Rule(kwargs=_post_kwargs, method="post", expect=MODERATORS_POST),
}
