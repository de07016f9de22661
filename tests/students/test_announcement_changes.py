"""Correcting and deleting a published announcement: by its author, the module's lead
instructor, coordinators and staff; kept in its history; never e-mailed again."""

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import Announcement
from tests import factories as f
from tests.courses.test_teach_access import teach_url

FIX = {"title": "Reading for Friday", "body": "Read the **ILO** report instead."}


@pytest.fixture
def by_gus(world) -> Announcement:
    return f.AnnouncementFactory(
        edition=world.edition, module=world.module, author=world.gus, title="Reading for Thursday"
    )


@pytest.fixture
def by_ivan(world) -> Announcement:
    return f.AnnouncementFactory(
        edition=world.edition, module=world.module, author=world.ivan, title="Room change"
    )


def edit_url(world, announcement) -> str:
    return teach_url("announcement-edit", world, announcement=announcement.pk)


def delete_url(world, announcement) -> str:
    return teach_url("announcement-delete", world, announcement=announcement.pk)


@pytest.mark.parametrize("persona", ["gus", "ivan", "cora", "root"])
def test_it_lets_the_author_the_lead_coordinators_and_staff_correct_it(
    client, world, by_gus, persona, django_capture_on_commit_callbacks
):
    client.force_login(getattr(world, persona))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(world, by_gus), FIX)

    assert response.status_code == 302
    assert response.url == teach_url("announcements", world)
    by_gus.refresh_from_db()
    assert (by_gus.title, by_gus.body, by_gus.author) == (FIX["title"], FIX["body"], world.gus)
    assert by_gus.edited_at is not None
    assert mail.outbox == []
    versions = list(by_gus.history.order_by("history_date", "history_id"))
    assert [version.history_type for version in versions] == ["+", "~"]
    assert versions[0].title == "Reading for Thursday"
    assert versions[1].history_user == getattr(world, persona)


def test_it_shows_the_history_on_the_edit_page(client, world, by_gus):
    client.force_login(world.gus)
    client.post(edit_url(world, by_gus), FIX)

    html = client.get(edit_url(world, by_gus)).content.decode()

    assert "Reading for Thursday" in html
    assert "Reading for Friday" in html


def test_it_keeps_what_was_typed_when_the_title_is_missing(client, world, by_gus):
    client.force_login(world.gus)

    response = client.post(edit_url(world, by_gus), {**FIX, "title": ""})

    assert response.status_code == 200
    assert response.context["form"]["body"].value() == FIX["body"]
    by_gus.refresh_from_db()
    assert by_gus.edited_at is None


@pytest.mark.parametrize("persona", ["gus", "olga", "ana", "pablo"])
def test_it_refuses_the_correction_to_others(client, world, by_ivan, persona):
    client.force_login(getattr(world, persona))

    assert client.get(edit_url(world, by_ivan)).status_code in (403, 404)
    assert client.post(edit_url(world, by_ivan), FIX).status_code in (403, 404)
    by_ivan.refresh_from_db()
    assert (by_ivan.title, by_ivan.edited_at) == ("Room change", None)


def test_it_does_not_reach_another_module_s_announcement(client, world):
    theirs = f.AnnouncementFactory(
        edition=world.edition, module=world.other_module, author=world.olga
    )
    client.force_login(world.cora)

    assert client.post(edit_url(world, theirs), FIX).status_code == 404
    assert client.post(delete_url(world, theirs)).status_code == 404
    assert Announcement.objects.filter(pk=theirs.pk).exists()


def test_it_sends_anonymous_visitors_to_the_login_page(client, world, by_gus):
    for url in (edit_url(world, by_gus), delete_url(world, by_gus)):
        response = client.post(url, FIX)
        assert response.status_code == 302
        assert reverse("accounts:login") in response.url
    by_gus.refresh_from_db()
    assert by_gus.edited_at is None


def test_it_answers_405_to_other_methods(client, world, by_gus):
    client.force_login(world.gus)

    assert client.put(edit_url(world, by_gus)).status_code == 405
    assert client.put(delete_url(world, by_gus)).status_code == 405


def test_it_marks_a_corrected_announcement_as_edited_for_students(client, world, by_gus):
    client.force_login(world.gus)
    client.post(edit_url(world, by_gus), FIX)
    client.force_login(world.ana)
    module_page = reverse("learn:module-detail", args=[world.edition.slug, world.module.slug])

    for url in (module_page, reverse("learn:dashboard")):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Reading for Friday" in html, url
        assert "learn-announcement__edited" in html, url


def test_it_does_not_mark_an_announcement_never_corrected(client, world, by_gus):
    client.force_login(world.ana)

    html = client.get(reverse("learn:dashboard")).content.decode()

    assert "Reading for Thursday" in html
    assert "learn-announcement__edited" not in html


def test_it_asks_before_deleting(client, world, by_gus):
    client.force_login(world.gus)

    response = client.get(delete_url(world, by_gus), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "Delete the announcement" in response.content.decode()
    assert Announcement.objects.filter(pk=by_gus.pk).exists()


@pytest.mark.parametrize("persona", ["gus", "ivan", "cora", "root"])
def test_it_deletes_on_confirmation_and_keeps_the_history(
    client, world, by_gus, persona, django_capture_on_commit_callbacks
):
    client.force_login(getattr(world, persona))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url(world, by_gus))

    assert response.status_code == 302
    assert response.url == teach_url("announcements", world)
    assert not Announcement.objects.filter(pk=by_gus.pk).exists()
    last = Announcement.history.filter(id=by_gus.pk).latest()
    assert (last.history_type, last.title, last.history_user) == (
        "-",
        "Reading for Thursday",
        getattr(world, persona),
    )
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["gus", "olga", "ana", "pablo"])
def test_it_refuses_the_deletion_to_others(client, world, by_ivan, persona):
    client.force_login(getattr(world, persona))

    assert client.get(delete_url(world, by_ivan)).status_code in (403, 404)
    assert client.post(delete_url(world, by_ivan)).status_code in (403, 404)
    assert Announcement.objects.filter(pk=by_ivan.pk).exists()


def test_it_offers_the_changes_only_where_they_are_allowed(client, world, by_gus, by_ivan):
    client.force_login(world.gus)

    html = client.get(teach_url("announcements", world)).content.decode()

    assert edit_url(world, by_gus) in html
    assert delete_url(world, by_gus) in html
    assert edit_url(world, by_ivan) not in html
