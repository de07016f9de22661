"""The profile form's preferred language: the saved one, else the language being read."""

import pytest
from django.urls import reverse
from django.utils import translation

from students.forms import ProfileForm
from students.models import StudentProfile
from tests import factories as f


@pytest.mark.parametrize("reading", ["es", "en"])
def test_it_shows_the_saved_language_of_a_profile(world, reading):
    profile = f.StudentProfileFactory(user=f.UserFactory(username="lucia"), preferred_language="en")

    with translation.override(reading):
        form = ProfileForm(instance=profile)

    assert form["preferred_language"].value() == "en"


@pytest.mark.parametrize("reading", ["es", "en"])
def test_it_starts_a_new_profile_in_the_language_being_read(world, reading):
    with translation.override(reading):
        blank = ProfileForm()
        unsaved = ProfileForm(instance=StudentProfile(user=world.cora))

    assert blank["preferred_language"].value() == reading
    # The model's default ("es") must not hide the language of the request.
    assert unsaved["preferred_language"].value() == reading


def test_it_keeps_a_language_the_caller_chose_for_a_new_profile(world):
    with translation.override("en"):
        form = ProfileForm(initial={"preferred_language": "es"})

    assert form["preferred_language"].value() == "es"


def test_it_ignores_a_language_the_site_does_not_offer(world):
    with translation.override("fr"):
        form = ProfileForm()

    assert form["preferred_language"].value() == StudentProfile.preferred_language.field.default


def test_the_profile_page_of_a_user_without_a_profile_offers_the_language_being_read(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.cora)

    response = client.get(reverse("accounts:profile-edit"))

    assert response.status_code == 200
    assert response.context["profile_form"]["preferred_language"].value() == "en"
    assert '<option value="en" selected>' in response.content.decode()


def test_the_profile_page_shows_the_saved_language_whatever_is_being_read(client, world):
    world.ana.profile.preferred_language = "es"
    world.ana.profile.save(update_fields=["preferred_language"])
    client.cookies["django_language"] = "en"
    client.force_login(world.ana)

    response = client.get(reverse("accounts:profile-edit"))

    assert response.context["profile_form"]["preferred_language"].value() == "es"
    assert '<option value="es" selected>' in response.content.decode()
