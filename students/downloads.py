"""Private files (application documents, submissions, returned work) as downloads.

The views check who asks before they call these; the responses are never cached by a proxy
and never rendered by the browser.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from students.models import Submission


def private_download(field_file: FieldFile, name: str) -> FileResponse:
    """The file as an attachment named `name`; 404 when there is no file."""
    if not field_file:
        raise Http404(_("There is no file."))
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


def submission_file_name(submission: Submission, field_file: FieldFile, prefix: str = "") -> str:
    """<prefix><assignment>-<username>.<extension>: whose work it is, when saved to a folder."""
    user = submission.enrolment.user
    extension = field_file.name.rsplit(".", 1)[-1] if "." in field_file.name else "bin"
    return f"{prefix}{submission.assignment.slug}-{user.username}.{extension}"
