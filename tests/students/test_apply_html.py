"""The pages of admissions, the applicant's and the office's, are valid HTML (Nu checker)."""

import subprocess

from django.core.files.base import ContentFile
from django.urls import reverse

from students.models import ApplicationDocument, Enrolment, ReviewerScore
from tests import factories as f
from tests.security.test_html_validity import validator  # noqa: F401  (a fixture)


def _pages(world) -> dict[str, tuple[object, str]]:
    newcomer = f.UserFactory(username="nadia")
    applicant = f.StudentProfileFactory().user
    application = f.EnrolmentFactory(
        user=applicant, edition=world.open_edition, status=Enrolment.Status.SUBMITTED
    )
    document = ApplicationDocument(enrolment=application, kind="cv", original_name="cv.pdf")
    document.file.save("cv.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    ReviewerScore.objects.create(enrolment=application, reviewer=world.cora, score=4)
    edition = world.open_edition.slug
    return {
        "apply-list": (world.ana, reverse("apply:list")),
        "apply-form": (world.ana, reverse("apply:start", args=[edition])),
        "apply-form-with-profile": (newcomer, reverse("apply:start", args=[edition])),
        "apply-status": (applicant, reverse("apply:status", args=[edition])),
        "apply-withdraw": (applicant, reverse("apply:withdraw", args=[edition])),
        "office-admissions": (world.cora, reverse("office:admissions")),
        "office-applications": (world.cora, reverse("office:applications", args=[edition])),
        "office-application": (
            world.cora,
            reverse("office:application-detail", args=[edition, application.pk]),
        ),
    }


def test_the_admission_pages_are_valid_html(world, client, tmp_path, validator):  # noqa: F811
    for name, (user, url) in _pages(world).items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
