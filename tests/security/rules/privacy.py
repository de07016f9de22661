"""People's rights over their data: the privacy page, copies, erasure requests and the office's
decisions on them.

ana has a ready copy of her data and a pending erasure request; cora coordinates her edition.
Only ana may download her copy; only coordinators of her editions and staff see her request.
The decision is a decline, so that the other roles' requests find the same account; once
decided, a second decision is refused with a redirect.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from students.models import DataExport, ErasureRequest
from tests.security.rules import DENY, OK, REDIRECT, Rule, everyone, logged_in


def _export(w) -> dict:
    export = DataExport.objects.filter(user=w.ana).first()
    if export is None:
        now = timezone.now()
        export = DataExport(
            user=w.ana, status=DataExport.Status.READY, ready_at=now,
            expires_at=now + dt.timedelta(days=7),
        )  # fmt: skip
        export.file.save("copy.zip", ContentFile(b"PK"), save=False)
        export.save()
    return {"token": export.token}


def _erasure(w) -> dict:
    request, _created = ErasureRequest.objects.get_or_create(
        user=w.ana, status=ErasureRequest.Status.PENDING
    )
    return {"pk": request.pk}


OFFICE = {**logged_in(DENY), "coordinator": OK, "staff": OK}
OFFICE_WRITE = {**logged_in(DENY), "coordinator": REDIRECT, "staff": REDIRECT}

RULES = {
    "accounts:privacy": Rule(expect=everyone(OK)),
    "accounts:data-export": Rule(method="post", expect=logged_in(REDIRECT)),
    "accounts:data-export-download": Rule(
        kwargs=_export, expect={**logged_in(DENY), "student": OK}
    ),
    "accounts:erasure-request": Rule(expect=logged_in(OK)),
    "office:erasure-requests": Rule(expect=OFFICE),
    "office:erasure-request": Rule(kwargs=_erasure, expect=OFFICE),
    "office:erasure-decide": Rule(
        kwargs=_erasure,
        method="post",
        expect=OFFICE_WRITE,
        data=lambda w: {"decision": "decline", "note": "Records under audit.", "confirm": "1"},
    ),
}
