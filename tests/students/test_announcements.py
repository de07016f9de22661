"""Announcements to a module's students: on their dashboard, and by e-mail in their language."""

from django.core import mail
from django.urls import reverse

from courses.models import Announcement
from students import announcements
from students.models import Enrolment, StudentProfile
from tests import factories as f
from tests.courses.test_teach_access import teach_url

NEWS = {"title": "Reading for Thursday", "body": "Read the **IOM** report before class."}
PUBLISH = {**NEWS, "confirm": "1"}


def test_it_publishes_an_announcement_and_mails_each_student_in_their_language(
    client, world, django_capture_on_commit_callbacks
):
    StudentProfile.objects.filter(user=world.bruno).update(preferred_language="en")
    f.EnrolmentFactory(edition=world.edition, status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.gus)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(teach_url("announcements", world), PUBLISH)

    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert (announcement.module, announcement.edition, announcement.author) == (
        world.module,
        world.edition,
        world.gus,
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {world.ana.email, world.bruno.email}
    assert by_address[world.ana.email].subject == "[Migration policy] Reading for Thursday"
    assert "Read the **IOM** report" in by_address[world.ana.email].body
    assert world.module.get_absolute_url() in by_address[world.bruno.email].body
    assert by_address[world.bruno.email].body.startswith("Hello Bruno,")


def test_it_sends_nothing_when_the_announcement_is_not_stored(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(teach_url("announcements", world), {**PUBLISH, "title": ""})

    assert response.status_code == 200
    assert response.context["form"]["body"].value() == NEWS["body"]
    assert not Announcement.objects.exists()
    assert mail.outbox == []


def test_it_shows_the_announcement_on_the_student_s_dashboard(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(teach_url("announcements", world), PUBLISH)
    client.force_login(world.ana)

    html = client.get(reverse("learn:dashboard")).content.decode()

    assert "Reading for Thursday" in html


def test_it_lists_the_module_s_announcements_for_its_instructors(client, world):
    Announcement.objects.create(
        edition=world.edition, module=world.module, author=world.ivan, title="Room change",
        body="Aula 205.",
    )  # fmt: skip
    Announcement.objects.create(
        edition=world.edition, module=world.other_module, author=world.olga, title="Not ours",
        body="x",
    )  # fmt: skip
    client.force_login(world.cora)

    html = client.get(teach_url("announcements", world)).content.decode()

    assert "Room change" in html
    assert "Not ours" not in html


def test_it_refuses_announcements_from_outsiders(client, world):
    client.force_login(world.olga)

    assert client.post(teach_url("announcements", world), PUBLISH).status_code == 403
    assert not Announcement.objects.exists()


def test_it_renders_each_e_mail_in_the_student_s_language(world, monkeypatch):
    from django.utils import translation

    StudentProfile.objects.filter(user=world.bruno).update(preferred_language="en")
    StudentProfile.objects.filter(user=world.ana).update(preferred_language="es")
    languages = {}
    render = announcements.render_to_string

    def spy(template, context):
        languages[context["name"]] = translation.get_language()
        return render(template, context)

    monkeypatch.setattr(announcements, "render_to_string", spy)
    announcement = announcements.post_announcement(
        module=world.module, author=world.ivan, title="Exam", body="On Monday."
    )

    assert announcements.send_announcement.call(announcement.pk) == 2
    assert languages == {"Ana": "es", "Bruno": "en"}


def test_it_shows_a_preview_and_changes_nothing_before_confirming(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(teach_url("announcements", world), NEWS, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Read the <strong>IOM</strong> report before class." in html
    assert "This will be e-mailed to 2 students." in html
    assert 'name="confirm" value="1"' in html
    assert 'name="edit" value="1"' in html
    assert not Announcement.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_it_goes_back_to_the_form_with_what_was_typed(client, world):
    client.force_login(world.ivan)

    response = client.post(teach_url("announcements", world), {**NEWS, "edit": "1"})

    assert response.status_code == 200
    assert response.context["form"]["body"].value() == NEWS["body"]
    assert not response.context["form"].errors
    assert not Announcement.objects.exists()


def test_it_publishes_on_confirmation_and_queues_the_e_mail_for_the_commit(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(teach_url("announcements", world), PUBLISH)

    assert response.status_code == 302
    assert response.url == teach_url("announcements", world)
    announcement = Announcement.objects.get()
    assert (announcement.title, announcement.edited_at) == (NEWS["title"], None)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2


def test_it_answers_405_to_other_methods(client, world):
    client.force_login(world.ivan)

    assert client.put(teach_url("announcements", world)).status_code == 405


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.post(teach_url("announcements", world), PUBLISH)

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert not Announcement.objects.exists()
