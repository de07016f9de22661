"""Deadlines are a day, ending at midnight in the edition's time zone, unless a time is chosen."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from courses.models import Assignment, Quiz
from diploma.form_fields import DeadlineField
from tests.courses.test_assess_quizzes import QUIZ_DATA

LIMA = zoneinfo.ZoneInfo("America/Lima")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")

BRIEF = {
    "title": "Policy brief",
    "instructions": "Two pages.",
    "late_policy": "penalty",
    "penalty_per_day": "10",
    "max_points": "20",
    "weight": "1",
    "allow_text": "on",
    "accepted_types": "pdf",
    "max_file_mb": "5",
}


def _create(client, world, **data):
    url = reverse("assess:assignment-create", args=[world.edition.slug, world.module.slug])
    return client.post(url, {**BRIEF, **data})


def test_a_day_without_a_time_is_due_at_midnight_in_the_edition_s_time_zone(client, world):
    client.force_login(world.ivan)
    _create(client, world, due_at_0="2027-05-01", due_at_1="")
    due = Assignment.objects.get(title="Policy brief").due_at
    assert due.astimezone(LIMA) == dt.datetime(2027, 5, 1, 23, 59, 59, tzinfo=LIMA)


def test_a_chosen_time_is_kept(client, world):
    client.force_login(world.ivan)
    _create(client, world, due_at_0="2027-05-01", due_at_1="17:30")
    due = Assignment.objects.get(title="Policy brief").due_at
    assert due.astimezone(LIMA) == dt.datetime(2027, 5, 1, 17, 30, tzinfo=LIMA)


def test_an_edition_in_another_time_zone_ends_its_days_there(client, world):
    world.edition.time_zone = "Europe/Madrid"
    world.edition.save(update_fields=["time_zone"])
    client.force_login(world.ivan)
    _create(client, world, due_at_0="2027-05-01")
    due = Assignment.objects.get(title="Policy brief").due_at
    assert due.astimezone(MADRID) == dt.datetime(2027, 5, 1, 23, 59, 59, tzinfo=MADRID)


def test_a_bad_date_is_refused_with_a_message_and_keeps_what_was_typed(client, world):
    client.force_login(world.ivan)
    response = _create(client, world, due_at_0="31/13/2027", due_at_1="10:00")
    assert response.status_code in (200, 400)
    assert not Assignment.objects.filter(title="Policy brief").exists()
    assert response.context["form"].errors["due_at"]
    html = response.content.decode()
    assert 'value="31/13/2027"' in html and 'value="10:00"' in html


def test_a_quiz_may_close_on_a_day(client, world):
    client.force_login(world.ivan)
    url = reverse("assess:quiz-create", args=[world.edition.slug, world.module.slug])
    client.post(url, {**QUIZ_DATA, "closes_at_0": "2027-06-30"})
    quiz = Quiz.objects.get(title=QUIZ_DATA["title"])
    assert quiz.closes_at.astimezone(LIMA).time() == dt.time(23, 59, 59)


@pytest.mark.parametrize(("day", "time"), [("2027-01-12", ""), ("2027-01-12", "08:05")])
def test_the_form_shows_a_stored_deadline_as_it_was_entered(day, time):
    field = DeadlineField()
    field.use_time_zone("America/Lima")
    value = field.clean([day, time])
    shown = field.widget.decompress(value)
    assert str(shown[0]) == day
    assert (shown[1].strftime("%H:%M") if shown[1] else "") == time
