"""Private files (application documents, submissions, returned work) as downloads.

The views check who asks before they call these; the responses are never cached by a proxy
and never rendered by the browser.
"""

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from students.models import Submission


def private_download(field_file: FieldFile, name: str) -> HttpResponse:
    """The file as an attachment named `name`; 404 when there is no file.

    With settings.MEDIA_ACCEL_REDIRECT (the internal location where nginx serves MEDIA_ROOT,
    e.g. "/protected-media/"), the response only names the file and the proxy sends it.
    """
    if not field_file:
        raise Http404(_("There is no file."))
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(field_file.name)
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["Content-Type"] = ""
    else:
        response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


def submission_file_name(submission: Submission, field_file: FieldFile, prefix: str = "") -> str:
    """<prefix><assignment>-<username>.<extension>: whose work it is, when saved to a folder."""
    user = submission.enrolment.user
    extension = field_file.name.rsplit(".", 1)[-1] if "." in field_file.name else "bin"
    return f"{prefix}{submission.assignment.slug}-{user.username}.{extension}"
