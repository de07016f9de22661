"""E-mails about new posts in a module's discussion: to the subscribers of the thread or the
module, in each person's language, at once or in a daily digest as their profile says; each
message carries a link that stops the subscription without logging in.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import (
    DiscussionDigest,
    DiscussionPost,
    DiscussionSubscription,
    DiscussionThread,
    Module,
)
from diploma.background import background_task, queue_email
from students.access import readable_modules, readers_of_discussion
from students.models import DiscussionEmails

logger = logging.getLogger(__name__)

# A digest covers posts up to a little before it runs, so that a post still being saved when
# it starts goes into the next one instead of being skipped.
DIGEST_MARGIN = dt.timedelta(minutes=5)


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
    readers = get_user_model().objects.filter(readers_of_discussion(module))
    is_active_reader = Q(user__is_active=True, user__in=readers)
    subscriptions = (
        DiscussionSubscription.objects.filter(Q(thread=post.thread_id) | Q(module=module))
        .exclude(user=post.author_id)
        .exclude(user__email="")
        .filter(is_active_reader)
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
