"""A module's discussion: what its readers see and what they write.

Who may read, write and moderate it is in students/access.py (get_module_for_discussion);
every reader may start threads, reply, report posts and subscribe, moderators also pin, lock
and hide. A hidden post stays stored: its readers see that a moderator hid it, moderators still
read it. New posts are e-mailed to subscribers by students/discussion_emails.py.
"""

import datetime as dt
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import (
    DiscussionPost,
    DiscussionSubscription,
    DiscussionThread,
    Lesson,
    Module,
    ModuleInstructor,
    PostReport,
    PostRevision,
    ThreadRead,
)
from students.access import can_edit, can_mark_answer
from students.discussion_emails import notify_subscribers

logger = logging.getLogger(__name__)

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30


# Pages --------------------------------------------------------------------------------------


def threads_of(module: Module, user: AbstractBaseUser, *, words: str = "") -> QuerySet:
    """The module's threads for the list page, each with `post_count` and `last_read_at` (None
    if never opened: all of it is unread); mark_unread adds `is_unread` and `reply_count`.
    One query per page."""
    threads = DiscussionThread.objects.filter(module=module).select_related("author", "lesson")
    if words:
        threads = threads.matching(words, with_hidden=module.can_moderate)
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user)
    counted = (
        DiscussionPost.objects.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return threads.order_by("-is_pinned", "-last_post_at", "-pk").annotate(
        post_count=Coalesce(Subquery(counted), 0),
        last_read_at=Subquery(read.values("last_read_at")[:1]),
    )


def mark_unread(threads) -> None:
    for thread in threads:
        thread.is_unread = thread.last_read_at is None or thread.last_post_at > thread.last_read_at
        thread.reply_count = max(thread.post_count - 1, 0)


def posts_of(thread: DiscussionThread) -> QuerySet[DiscussionPost]:
    """The thread's posts with their authors and `by_instructor` (an instructor of the module:
    shown with a badge); moderators also get the earlier texts of edited posts (one query)."""
    instructor = ModuleInstructor.objects.filter(
        module=thread.module_id, instructor__user=OuterRef("author")
    )
    posts = (
        thread.posts.select_related("author", "hidden_by")
        .annotate(by_instructor=Exists(instructor))
        .order_by("created_at", "pk")
    )
    if thread.module.can_moderate:
        posts = posts.prefetch_related("revisions")
    return posts


def mark_read(*, thread: DiscussionThread, user: AbstractBaseUser) -> None:
    """Remember that `user` has read the thread up to its last post; one query once they
    have opened it before."""
    read = ThreadRead.objects.filter(user=user, thread=thread)
    if read.update(last_read_at=thread.last_post_at):
        return
    try:
        with transaction.atomic():
            ThreadRead.objects.create(user=user, thread=thread, last_read_at=thread.last_post_at)
    except IntegrityError:  # the same person's other tab got there first
        read.update(last_read_at=thread.last_post_at)


def is_subscribed(user: AbstractBaseUser, *, module=None, thread=None) -> bool:
    return DiscussionSubscription.objects.filter(user=user, module=module, thread=thread).exists()


def lessons_to_point_at(module: Module) -> QuerySet[Lesson]:
    """The lessons a thread may point to: the readable ones for students, all for others."""
    lessons = module.lessons.all()
    return lessons if module.can_moderate else lessons.readable()


def reports_of(module: Module) -> QuerySet[PostReport]:
    return PostReport.objects.filter(post__thread__module=module)


def open_reports(module: Module) -> QuerySet[PostReport]:
    return reports_of(module).filter(handled=False)


# Writing ------------------------------------------------------------------------------------


def start_thread(
    *,
    module: Module,
    author: AbstractBaseUser,
    title: str,
    body: str,
    is_question: bool = False,
    lesson: Lesson | None = None,
) -> DiscussionThread:
    """Open a thread with its first post; its author follows it."""
    now = timezone.now()
    with transaction.atomic():
        thread = DiscussionThread.objects.create(
            module=module, author=author, title=title, is_question=is_question, lesson=lesson,
            created_at=now, last_post_at=now,
        )  # fmt: skip
        _add_post(thread=thread, author=author, body=body, now=now)
        DiscussionSubscription.objects.get_or_create(user=author, thread=thread)
        ThreadRead.objects.create(user=author, thread=thread, last_read_at=now)
    return thread


def reply(*, thread: DiscussionThread, author: AbstractBaseUser, body: str) -> DiscussionPost:
    """Add a post to an open thread; the author has read the thread up to it."""
    if thread.is_locked:
        raise PermissionDenied(_("This thread is locked: no new replies."))
    now = timezone.now()
    with transaction.atomic():
        post = _add_post(thread=thread, author=author, body=body, now=now)
        DiscussionThread.objects.filter(pk=thread.pk).update(last_post_at=now)
        thread.last_post_at = now
        ThreadRead.objects.update_or_create(
            user=author, thread=thread, defaults={"last_read_at": now}
        )
    return post


def _add_post(
    *, thread: DiscussionThread, author: AbstractBaseUser, body: str, now: dt.datetime
) -> DiscussionPost:
    post = DiscussionPost(thread=thread, author=author, body=body, created_at=now)
    post.render_body()
    post.save()
    transaction.on_commit(lambda: notify_subscribers.enqueue(post.pk))
    return post


def edit_post(*, post: DiscussionPost, user: AbstractBaseUser, body: str) -> DiscussionPost:
    """Change a post within its author's 30 minutes; the earlier text is kept."""
    if not can_edit(post, user):
        raise PermissionDenied(_("A post can be edited by its author for 30 minutes."))
    if body == post.body:
        return post
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body)
        post.body, post.edited_at = body, timezone.now()
        post.render_body()
        post.save(update_fields=["body", "body_html", "edited_at"])
    return post


def mark_answer(
    *, thread: DiscussionThread, post: DiscussionPost | None, by: AbstractBaseUser
) -> None:
    """Mark `post` as the answer to the question, or none (post=None)."""
    if not can_mark_answer(thread, by):
        raise PermissionDenied(
            _("The author of the question and the module's instructors mark its answer.")
        )
    thread.answered_post = post
    thread.save(update_fields=["answered_post"])


def set_thread_flags(
    *, thread: DiscussionThread, pinned: bool | None = None, locked: bool | None = None
) -> None:
    fields = []
    if pinned is not None:
        thread.is_pinned = pinned
        fields.append("is_pinned")
    if locked is not None:
        thread.is_locked = locked
        fields.append("is_locked")
    thread.save(update_fields=fields)


def hide_post(*, post: DiscussionPost, by: AbstractBaseUser, reason: str) -> None:
    """Hide a post from readers (it stays stored); its open reports are handled by it."""
    now = timezone.now()
    with transaction.atomic():
        post.is_hidden, post.hidden_reason, post.hidden_by = True, reason, by
        post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by"])
        post.reports.filter(handled=False).update(handled=True, handled_by=by, handled_at=now)


def unhide_post(*, post: DiscussionPost) -> None:
    post.is_hidden, post.hidden_reason, post.hidden_by = False, "", None
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by"])


def report_post(*, post: DiscussionPost, reporter: AbstractBaseUser, reason: str) -> bool:
    """Report a post to the moderators; False if this reader's report is already open."""
    try:
        with transaction.atomic():
            PostReport.objects.create(post=post, reporter=reporter, reason=reason)
    except IntegrityError:
        return False
    return True


def handle_report(*, report: PostReport, by: AbstractBaseUser) -> None:
    report.handled, report.handled_by, report.handled_at = True, by, timezone.now()
    report.save(update_fields=["handled", "handled_by", "handled_at"])


def subscribe(*, user: AbstractBaseUser, module=None, thread=None) -> None:
    DiscussionSubscription.objects.get_or_create(user=user, module=module, thread=thread)


def unsubscribe(*, user: AbstractBaseUser, module=None, thread=None) -> None:
    DiscussionSubscription.objects.filter(user=user, module=module, thread=thread).delete()
