"""People's rights over their data (Peru's Ley 29733, the GDPR): a copy of everything held about
a person, and the erasure of their account.

A copy is one ZIP prepared in the background: a JSON file per kind of record, the files the
person uploaded, and a README in their language. It is stored with the other private files (never
under a public address), sent as a link that expires after EXPORT_DAYS and opens only for the
person, logged in.

Erasing empties the account instead of deleting it: enrolments, grades, attendance, attempts'
scores and certificates stay, so that every count, average and other person's record is the same
before and after. A certificate keeps the name printed on it while the institution must keep its
records (settings.RECORDS_RETENTION_YEARS after the issue); forget_names_past_retention then
removes it.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from students.models import StudentProfile

EXPORT_DAYS = 7  # a copy's link opens for this long
DEFAULT_RETENTION_YEARS = 10


def records_retention_years() -> int:
    """How long after its issue the institution keeps a certificate's record, name included."""
    return getattr(settings, "RECORDS_RETENTION_YEARS", DEFAULT_RETENTION_YEARS)


def language_of(user: AbstractBaseUser) -> str:
    profile = StudentProfile.objects.filter(user=user).only("preferred_language").first()
    return profile.preferred_language if profile else settings.LANGUAGE_CODE
