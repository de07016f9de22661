"""A module's discussion: who may read, write and moderate it, and what each of them does.

Readers are the students with an active enrolment in the module's edition, the module's own
instructors (lead or guest), the coordinators of the edition or its programme, and staff.
Every reader may start threads, reply, report posts and subscribe; moderators (the module's
instructors, coordinators, staff) also pin, lock and hide. A hidden post stays stored: its
readers see that a moderator hid it, moderators still read it.

New posts are e-mailed to the subscribers of their thread or module, in each person's language,
at once or in a daily digest as their profile says; each message carries a link that stops the
subscription without logging in.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import (
    DiscussionDigest,
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
from diploma.access import coordinates
from diploma.background import background_task, queue_email
from diploma.models import Edition, Programme
from students.access import get_module_for_reader
from students.models import DiscussionEmails, Enrolment
from students.roles import roles_of

logger = logging.getLogger(__name__)

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30
# A digest covers posts up to a little before it runs, so that a post still being saved when
# it starts goes into the next one instead of being skipped.
DIGEST_MARGIN = dt.timedelta(minutes=5)


# Who ----------------------------------------------------------------------------------------


def get_module_for_discussion(request: HttpRequest, edition_slug: str, module_slug: str) -> Module:
    """The module, if the user may read its discussion; one query, none for a student whose
    enrolment and module this process remembers (students.access.get_module_for_reader).

    Sets `module.is_student` (an active enrolment in the edition), `module.teaches` (an
    instructor of this module) and `module.can_moderate`. Raises Http404 for an unknown module
    and PermissionDenied for anyone else.
    """
    user = request.user
    # Only the roles the user holds (loaded with the user) are looked up for the module.
    roles = roles_of(user)
    if not (user.is_staff or roles["instructor"] or roles["coordinator"]):
        module, _enrolment = get_module_for_reader(request, edition_slug, module_slug)
        module.is_student = True
        module.teaches = module.coordinates = module.can_moderate = False
        return module
    checks = {
        "is_student": Exists(
            Enrolment.objects.active().filter(edition=OuterRef("edition"), user=user)
        )
    }
    if roles["instructor"]:
        teaching = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
        checks["teaches"] = Exists(teaching)
    if roles["coordinator"]:
        checks["coordinates"] = coordinates(user)
    module = get_object_or_404(
        Module.objects.select_related("edition__programme").annotate(**checks),
        edition__slug=edition_slug,
        slug=module_slug,
    )
    module.teaches = getattr(module, "teaches", False)
    module.coordinates = getattr(module, "coordinates", False)
    module.can_moderate = user.is_staff or module.teaches or module.coordinates
    if not (module.can_moderate or module.is_student):
        raise PermissionDenied(
            _("This discussion is for the students, instructors and coordinators of the module.")
        )
    return module


def require_moderator(module: Module) -> None:
    if not module.can_moderate:
        raise PermissionDenied(
            _("Only the module's instructors and the edition's coordinators moderate it.")
        )


def _readers_of(module: Module) -> Q:
    """True for the users who may read the module's discussion (a filter on users)."""
    edition, programme = module.edition_id, module.edition.programme_id
    user = OuterRef("pk")
    coordinators = Edition.coordinators.through.objects.filter(edition=edition, user=user)
    programme_coordinators = Programme.coordinators.through.objects.filter(
        programme=programme, user=user
    )
    return (
        Q(is_staff=True)
        | Q(Exists(Enrolment.objects.active().filter(edition=edition, user=user)))
        | Q(Exists(ModuleInstructor.objects.filter(module=module, instructor__user=user)))
        | Q(Exists(coordinators))
        | Q(Exists(programme_coordinators))
    )


def readable_modules(user: AbstractBaseUser) -> QuerySet[Module]:
    """The modules whose discussion `user` may read."""
    if user.is_staff:
        return Module.objects.all()
    return Module.objects.filter(
        Q(edition__in=Enrolment.objects.active().filter(user=user).values("edition"))
        | Q(teaching__instructor__user=user)
        | coordinates(user)
    ).distinct()


def get_thread(module: Module, thread_id: int) -> DiscussionThread:
    """A thread of a module already fetched through get_module_for_discussion; one query."""
    thread = get_object_or_404(
        DiscussionThread.objects.select_related("lesson", "author"), module=module, pk=thread_id
    )
    thread.module = module
    return thread


def get_post(module: Module, post_id: int) -> DiscussionPost:
    """A post of a module's thread, with its thread and author; one query."""
    post = get_object_or_404(
        DiscussionPost.objects.select_related("thread", "author"),
        thread__module=module,
        pk=post_id,
    )
    post.thread.module = module
    return post


def can_edit(post: DiscussionPost, user: AbstractBaseUser, now: dt.datetime | None = None) -> bool:
    """Its author, for 30 minutes after posting, while it is visible and the thread open."""
    now = now or timezone.now()
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.is_locked
        and now < post.editable_until()
    )


def can_mark_answer(thread: DiscussionThread, user: AbstractBaseUser) -> bool:
    return thread.is_question and (thread.author_id == user.pk or thread.module.can_moderate)


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


# E-mails ------------------------------------------------------------------------------------


@dataclass
class _Recipient:
    user: AbstractBaseUser
    language: str
    subscription: DiscussionSubscription


def _language(user: AbstractBaseUser) -> str:
    language = getattr(getattr(user, "profile", None), "preferred_language", "")
    return language or settings.LANGUAGE_CODE


def _preference(user: AbstractBaseUser) -> str:
    """Instructors and coordinators without a student profile get each post at once."""
    profile = getattr(user, "profile", None)
    return profile.discussion_emails if profile else DiscussionEmails.AT_ONCE


def unsubscribe_url(subscription: DiscussionSubscription, module: Module) -> str:
    return settings.SITE_URL + reverse(
        "discussions:unsubscribe",
        kwargs={
            "edition": module.edition.slug,
            "module": module.slug,
            "token": subscription.token,
        },
    )


def thread_url(thread: DiscussionThread, module: Module) -> str:
    return settings.SITE_URL + reverse(
        "discussions:thread-detail",
        kwargs={"edition": module.edition.slug, "module": module.slug, "thread": thread.pk},
    )


def _subscribers(post: DiscussionPost, module: Module) -> list[_Recipient]:
    """Who follows the post's thread or module and may read it, but did not write it; the
    thread's subscription wins over the module's for the unsubscribe link."""
    subscriptions = (
        DiscussionSubscription.objects.filter(Q(thread=post.thread_id) | Q(module=module))
        .exclude(user=post.author_id)
        .exclude(user__email="")
        .filter(user__is_active=True, user__in=get_user_model().objects.filter(_readers_of(module)))
        .select_related("user__profile")
        .order_by("pk")
    )
    chosen: dict[int, _Recipient] = {}
    for subscription in subscriptions:
        current = chosen.get(subscription.user_id)
        if current is None or (subscription.thread_id and not current.subscription.thread_id):
            chosen[subscription.user_id] = _Recipient(
                subscription.user, _language(subscription.user), subscription
            )
    return list(chosen.values())


@background_task
def notify_subscribers(post_id: int) -> int:
    """E-mail a new post to the subscribers who want each post at once; how many."""
    post = (
        DiscussionPost.objects.select_related("thread__module__edition__programme", "author")
        .filter(pk=post_id, is_hidden=False)
        .first()
    )
    if post is None:
        return 0
    module = post.thread.module
    sent = 0
    for recipient in _subscribers(post, module):
        if _preference(recipient.user) != DiscussionEmails.AT_ONCE:
            continue
        with translation.override(recipient.language):
            context = {
                "post": post,
                "thread": post.thread,
                "module": module,
                "author_name": post.author.get_full_name() or post.author.get_username(),
                "name": recipient.user.first_name or recipient.user.get_username(),
                "url": thread_url(post.thread, module),
                "unsubscribe_url": unsubscribe_url(recipient.subscription, module),
                "subscribed_to_thread": bool(recipient.subscription.thread_id),
            }
            subject = render_to_string("emails/discussion_post_subject.txt", context)
            body = render_to_string("emails/discussion_post.txt", context)
        queue_email(subject, body, [recipient.user.email])
        sent += 1
    logger.info("Queued post %s to %s subscribers", post.pk, sent)
    return sent


@background_task
def send_discussion_digests() -> int:
    """Once a day: to each subscriber who chose the digest, the posts since their last one."""
    now = timezone.now()
    people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__discussion_emails=DiscussionEmails.DAILY,
            discussion_subscriptions__isnull=False,
        )
        .exclude(email="")
        .distinct()
        .values_list("pk", flat=True)
    )
    return sum(_send_digest(user_id, until=now - DIGEST_MARGIN) for user_id in people)


def _send_digest(user_id: int, *, until: dt.datetime) -> int:
    """One person's digest: the posts after what the last one covered, up to `until`. The row
    lock on their digest makes a second run, here or on another server, wait and find nothing."""
    user = get_user_model().objects.select_related("profile").get(pk=user_id)
    with transaction.atomic():
        DiscussionDigest.objects.get_or_create(
            user=user, defaults={"covered_until": until - dt.timedelta(days=1)}
        )
        digest = DiscussionDigest.objects.select_for_update().get(user=user)
        if digest.covered_until >= until:
            return 0
        posts = _digest_posts(user, after=digest.covered_until, until=until)
        digest.covered_until = until
        digest.save(update_fields=["covered_until"])
        if posts:
            subject, body = _digest_email(user, posts)
            transaction.on_commit(lambda: queue_email(subject, body, [user.email]))
    return len(posts)


def _digest_posts(
    user: AbstractBaseUser, *, after: dt.datetime, until: dt.datetime
) -> list[DiscussionPost]:
    subscriptions = DiscussionSubscription.objects.filter(user=user)
    followed = Q(thread__in=subscriptions.exclude(thread=None).values("thread")) | Q(
        thread__module__in=subscriptions.exclude(module=None).values("module")
    )
    return list(
        DiscussionPost.objects.filter(
            followed,
            created_at__gt=after,
            created_at__lte=until,
            is_hidden=False,
            thread__module__in=readable_modules(user).values("pk"),
        )
        .exclude(author=user)
        .select_related("author", "thread__module__edition")
        .order_by("thread__module", "thread", "created_at", "pk")
    )


def _digest_email(user: AbstractBaseUser, posts: list[DiscussionPost]) -> tuple[str, str]:
    subscriptions = {
        (s.module_id, s.thread_id): s for s in DiscussionSubscription.objects.filter(user=user)
    }
    threads = []
    for post in posts:
        thread = post.thread
        if not threads or threads[-1]["thread"].pk != thread.pk:
            module = thread.module
            subscription = subscriptions.get((None, thread.pk)) or subscriptions.get(
                (module.pk, None)
            )
            threads.append(
                {
                    "thread": thread,
                    "module": module,
                    "url": thread_url(thread, module),
                    "unsubscribe_url": unsubscribe_url(subscription, module),
                    "posts": [],
                }
            )
        threads[-1]["posts"].append(
            {"post": post, "author_name": post.author.get_full_name() or post.author.username}
        )
    with translation.override(_language(user)):
        context = {"name": user.first_name or user.get_username(), "threads": threads,
                   "count": len(posts)}  # fmt: skip
        subject = render_to_string("emails/discussion_digest_subject.txt", context)
        body = render_to_string("emails/discussion_digest.txt", context)
    return subject, body
