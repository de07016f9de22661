"""Versions of the data the learning pages cache: each edition's content, each enrolment's
progress.

A cached value's key carries the versions of what it shows (version_tag), and one rule keeps
each version fresh:
- content: saving or deleting an edition, module, lesson, resource, live session, quiz,
  assignment or announcement replaces the version of its edition (receivers in
  diploma/signals.py, so that the admin's edits count too); a write that sends no signal
  (QuerySet.update, bulk_update) calls content_changed itself;
- progress: every operation that changes a student's record (a lesson done, attendance, an
  attempt scored, work handed in or graded) calls progress_changed for the enrolment;
- enrolments: creating, deleting or changing a person's enrolment or application (its status,
  its statement) replaces the version of that person's enrolments (a receiver in
  diploma/signals.py).
A value also stops at the moment it would change by itself (a release date, a deadline, the
end of a live session), and lives CONTENT_CACHE_SECONDS at most. The versions live in the
shared cache (Redis or the database in production); what is cached under them lives in the
memory of each process ("local"), since a key that carries its versions never changes meaning.
"""

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Generic, NamedTuple, TypeVar

from asgiref.local import Local
from django.core.cache import cache, caches
from django.db import transaction

CONTENT_CACHE_SECONDS = 60
# The versions read during the current request (or task): read once, renewed by this process's
# own writes; forgotten at the end of each request by VersionsPerRequest.
_read = Local()
# The versions live in the shared cache; what is stored under them, in each process's memory.
local_cache = caches["local"]

Value = TypeVar("Value")


def _edition_key(edition_id: int) -> str:
    return f"content-e{edition_id}"


def _enrolment_key(enrolment_id: int) -> str:
    return f"progress-e{enrolment_id}"


def _user_key(user_id: int) -> str:
    return f"enrolments-u{user_id}"


def version_tag(
    *, editions: Iterable[int] = (), enrolments: Iterable[int] = (), users: Iterable[int] = ()
) -> str:
    """The current versions of these editions' content, enrolments' progress and users'
    enrolments, as one string for a cache key; at most one read of the cache per request (see
    VersionsPerRequest). Starts a version where there is none."""
    keys = sorted(
        {*map(_edition_key, editions), *map(_enrolment_key, enrolments), *map(_user_key, users)}
    )
    known = getattr(_read, "versions", None)
    if known is None:
        known = _read.versions = {}
    missing = [key for key in keys if key not in known]
    if missing:
        found = cache.get_many(missing)
        started = {key: uuid.uuid4().hex[:12] for key in missing if key not in found}
        if started:
            # No expiry: a version that is lost only costs one computation of what it keyed.
            cache.set_many(started, timeout=None)
        known.update(found | started)
    versions = known
    return short_key(",".join(f"{key}.{versions[key]}" for key in keys))


def short_key(text: str) -> str:
    """A digest of `text`, for cache keys that would otherwise grow with the editions."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def content_changed(edition_ids: Iterable[int | None]) -> None:
    """Start new content versions for these editions."""
    _replace([_edition_key(pk) for pk in set(edition_ids) if pk])


def progress_changed(enrolment_ids: Iterable[int | None]) -> None:
    """Start new progress versions for these enrolments."""
    _replace([_enrolment_key(pk) for pk in set(enrolment_ids) if pk])


def enrolments_changed(user_ids: Iterable[int | None]) -> None:
    """Start new versions of these users' enrolments."""
    _replace([_user_key(pk) for pk in set(user_ids) if pk])


def _replace(keys: list[str]) -> None:
    known = getattr(_read, "versions", None) or {}
    for key in keys:
        known.pop(key, None)
    # Now, so that the rest of this request reads fresh data; again at the commit, because a
    # request of another process could have cached the rows of before the commit in between.
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


class Cached(NamedTuple, Generic[Value]):
    value: Value
    expires_at: dt.datetime
    """When the cache forgets the value; fragments of pages that show it must not outlive it."""

    def seconds_left(self, now: dt.datetime) -> int:
        """For a cached fragment's timeout; rounded down, so that it never outlives the value."""
        return max(0, int((self.expires_at - now).total_seconds()))

    def fragment_key(self, key: str) -> str:
        """The key of a fragment of a page that shows the value cached under `key`: a new
        computation of the value (a moment passed, a version changed) makes a new fragment."""
        return f"{key}@{self.expires_at.timestamp()}"


def cached_until(
    key: str, now: dt.datetime, compute: Callable[[], tuple[Value, dt.datetime | None]]
) -> Cached[Value]:
    """The value cached under `key`, or compute() -> (value, the moment it stops being valid),
    cached until that moment but CONTENT_CACHE_SECONDS at most."""
    entry = local_cache.get(key)
    if entry is not None and now < entry.expires_at:
        return entry
    value, valid_until = compute()
    expires_at = now + dt.timedelta(seconds=CONTENT_CACHE_SECONDS)
    if valid_until is not None:
        expires_at = min(expires_at, valid_until)
    entry = Cached(value, expires_at)
    if entry.seconds_left(now) > 0:
        local_cache.set(key, entry, entry.seconds_left(now))
    return entry


def remembered(
    key: str, versions_of: Callable[[Value], str], compute: Callable[[], Value | None]
) -> Value | None:
    """compute(), kept in this process's memory with versions_of(it), and given again while
    versions_of(it) reads the same: for values whose key cannot carry their versions, because
    the versions depend on the value (a student's enrolment). None is never kept."""
    entry = local_cache.get(key)
    if entry is not None and entry[1] == versions_of(entry[0]):
        return entry[0]
    value = compute()
    if value is not None:
        local_cache.set(key, (value, versions_of(value)), CONTENT_CACHE_SECONDS)
    return value


def earliest_after(now: dt.datetime, *moments: dt.datetime | None) -> dt.datetime | None:
    """The first of these moments still to come, or None."""
    return min((moment for moment in moments if moment and moment > now), default=None)


class VersionsPerRequest:
    """Middleware: each request reads the versions it needs once, and fresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forget_read_versions()
        try:
            return self.get_response(request)
        finally:
            forget_read_versions()


def forget_read_versions() -> None:
    _read.versions = None
