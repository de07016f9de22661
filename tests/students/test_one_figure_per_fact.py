"""Every page that shows hours, a grade, attendance or a standing shows the same figure for the
same student: the dashboard, the module page, the certificate requirements, the office
completion screen and the gradebook, in both languages."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LiveSession
from students.attendance import record_attendance
from students.progress import complete_lesson
from tests import factories as f

NOW = timezone.now()


@pytest.fixture
def record(world):
    """Ana did the first lesson, attended a two-hour seminar, scored 7 of 10 on a closed quiz
    whose grades are released, and has a brief still to hand in."""
    world.ana_enrolment.decided_at = NOW - dt.timedelta(days=20)
    world.ana_enrolment.save(update_fields=["decided_at"])
    complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson)
    seminar = LiveSession.objects.create(
        module=world.module, topic="Seminar", starts_at=NOW - dt.timedelta(days=3),
        ends_at=NOW - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )  # fmt: skip
    record_attendance(session=seminar, statuses={world.ana_enrolment.pk: "present"}, by=world.ivan)
    quiz = f.QuizFactory(module=world.module, closes_at=NOW - dt.timedelta(days=1))
    f.QuizAttemptFactory(
        enrolment=world.ana_enrolment, quiz=quiz, score=Decimal("7"), max_score=Decimal("10")
    )
    f.AssignmentFactory(module=world.module, due_at=NOW + dt.timedelta(days=9))
    world.module.grades_released = True
    world.module.save()
    return world


def _fact(html: str, name: str) -> str:
    match = re.search(rf'data-fact="{name}"[^>]*>([^<]*)<', html)
    assert match, f"no {name} on the page"
    return match.group(1).strip()


def _standing(html: str) -> str:
    return re.search(r'data-standing="([a-z_]+)"', html).group(1)


def _get(client, user, url: str, language: str) -> str:
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["es", "en"])
def test_hours_standing_and_grade_agree_on_every_page(client, record, language):
    world = record
    edition, module = world.edition.slug, world.module.slug
    dashboard = _get(client, world.ana, reverse("learn:dashboard"), language)
    requirements = _get(
        client, world.ana, reverse("certificates:requirements", args=[edition]), language
    )
    module_page = _get(client, world.ana, world.module.get_absolute_url(), language)
    office = _get(client, world.cora, reverse("office:completion", args=[edition]), language)
    ana_row = re.search(
        rf'<tr id="enrolment-{world.ana_enrolment.pk}".*?</tr>', office, re.S
    ).group(0)
    gradebook = _get(
        client, world.ivan, reverse("teach:gradebook", args=[edition, module]), language
    )
    gradebook_row = re.search(rf'/{world.ana_enrolment.pk}/">.*?</tr>', gradebook, re.S).group(0)

    # Hours: the lesson's minutes and two hours of seminar, the same number everywhere.
    hours = Decimal(world.lesson.minutes + 120) / 60
    expected_hours = f"{hours:.1f}".replace(".", "," if language == "es" else ".")
    assert expected_hours in _fact(dashboard, "hours")
    assert expected_hours in _fact(requirements, "hours")
    assert _fact(ana_row, "hours") == expected_hours

    # Grade: 7 of 10 on the only counted item is 14 of 20; the brief is still to come.
    grade = "14,00" if language == "es" else "14.00"
    assert _fact(module_page, "grade") == grade
    assert _fact(requirements, "grade") == grade
    assert f"{grade}/20" in dashboard.replace(" ", "")
    assert ana_row.count(grade) == 1
    assert re.findall(r'<td class="text-end">([^<]*)</td>', gradebook_row)[-1] == grade
    for page in (dashboard, requirements, module_page):
        assert 'data-grade-state="provisional"' in page

    # Standing: one verdict for the student and the office.
    assert _standing(dashboard) == _standing(requirements) == _standing(ana_row) == "on_track"


def test_attendance_agrees_between_the_requirements_the_office_and_the_gradebook(client, record):
    world = record
    edition, module = world.edition.slug, world.module.slug
    office = _get(client, world.cora, reverse("office:completion", args=[edition]), "en")
    ana_row = re.search(
        rf'<tr id="enrolment-{world.ana_enrolment.pk}".*?</tr>', office, re.S
    ).group(0)
    gradebook = _get(client, world.ivan, reverse("teach:gradebook", args=[edition, module]), "en")
    gradebook_row = re.search(rf'/{world.ana_enrolment.pk}/">.*?</tr>', gradebook, re.S).group(0)
    requirements = _get(
        client, world.ana, reverse("certificates:requirements", args=[edition]), "en"
    )

    assert _fact(ana_row, "attendance") == "100 %"
    assert "100 %" in gradebook_row
    assert "100 % (1 of 1 sessions)" in requirements
