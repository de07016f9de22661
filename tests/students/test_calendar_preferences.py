"""The profile's time zone and reminder switches, which the calendar, the dashboard and the
reminders read."""

from students.forms import ProfileForm
from students.models import StudentProfile

EDIT = "/accounts/profile/edit/"


def _edit_data(**changes: str) -> dict[str, str]:
    data = {
        "first_name": "Ana", "last_name": "Flores", "email": "ana@example.org", "country": "ES",
        "city": "Madrid", "organisation": "Ministerio de Inclusión", "sector": "public",
        "position": "Analista", "gender": "woman", "preferred_language": "es",
        "time_zone": "Europe/Madrid", "remind_deadlines": "on", "discussion_emails": "daily",
    }  # fmt: skip
    data.update(changes)
    return data


def test_it_saves_the_time_zone_and_the_switches(client, world):
    client.force_login(world.ana)

    response = client.post(EDIT, _edit_data())

    assert response.status_code == 302
    profile = StudentProfile.objects.get(user=world.ana)
    assert profile.time_zone == "Europe/Madrid"
    assert profile.remind_sessions is False
    assert profile.remind_deadlines is True
    assert profile.discussion_emails == "daily"


def test_it_refuses_a_time_zone_that_is_not_one_and_keeps_what_was_typed(client, world):
    client.force_login(world.ana)

    response = client.post(EDIT, _edit_data(time_zone="Mars/Olympus", city="Sevilla"))

    assert response.status_code == 200
    assert "time_zone" in response.context["profile_form"].errors
    assert 'value="Sevilla"' in response.content.decode()
    assert StudentProfile.objects.get(user=world.ana).time_zone == ""


def test_an_empty_time_zone_means_the_edition_s(client, world):
    StudentProfile.objects.filter(user=world.ana).update(time_zone="Europe/Madrid")
    client.force_login(world.ana)

    client.post(EDIT, _edit_data(time_zone=""))

    assert StudentProfile.objects.get(user=world.ana).time_zone == ""


def test_it_offers_the_named_time_zones_in_a_select(client, world):
    client.force_login(world.ana)

    html = client.get(EDIT).content.decode()

    assert '<select name="time_zone"' in html
    assert '<option value="America/Lima"' in html


def test_a_form_without_preferences_leaves_them_alone(world):
    profile = StudentProfile.objects.get(user=world.ana)

    form = ProfileForm(instance=profile, with_preferences=False)

    assert not set(ProfileForm.preference_fields) & set(form.fields)
