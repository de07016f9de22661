"""The "Your data" section of the profile page: the person's copies and erasure request."""

from django import template
from django.utils import timezone

from students import data_rights
from students.data_rights import copies
from students.models import DataExport, ErasureRequest

register = template.Library()

# Copies older than these are no longer listed; their files are gone anyway.
EXPORTS_LISTED = 5


@register.inclusion_tag("students/privacy/includes/_your_data.html", takes_context=True)
def your_data(context) -> dict:
    """Two queries: the latest copies, and a pending erasure request."""
    user = context["user"]
    now = timezone.now()
    exports = [
        {
            "export": export,
            "downloadable": copies.can_download(export, now),
            "expired": copies.is_expired(export, now),
        }
        for export in DataExport.objects.filter(user=user)[:EXPORTS_LISTED]
    ]
    pending = ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).first()
    return {
        "exports": exports,
        "preparing": any(row["export"].status == DataExport.Status.PREPARING for row in exports),
        "pending_erasure": pending,
        "export_days": data_rights.EXPORT_DAYS,
    }
