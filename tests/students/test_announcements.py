"""Announcements to a module's students: on their dashboard, and by e-mail in their language."""

from django.core import mail
from django.urls import reverse

from courses.models import Announcement
from students import announcements
from students.models import Enrolment, StudentProfile
from tests import factories as f
from tests.courses.test_teach_access import teach_url

NEWS = {"title": "Reading for Thursday", "body": "Read the **IOM** report before class."}


def test_it_publishes_an_announcement_and_mails_each_student_in_their_language(
    client, world, django_capture_on_commit_callbacks
):
    StudentProfile.objects.filter(user=world.bruno).update(preferred_language="en")
    f.EnrolmentFactory(edition=world.edition, status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.gus)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(teach_url("announcements", world), NEWS)

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
        response = client.post(teach_url("announcements", world), {**NEWS, "title": ""})

    assert response.status_code == 200
    assert response.context["form"]["body"].value() == NEWS["body"]
    assert not Announcement.objects.exists()
    assert mail.outbox == []


def test_it_shows_the_announcement_on_the_student_s_dashboard(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(teach_url("announcements", world), NEWS)
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

    assert client.post(teach_url("announcements", world), NEWS).status_code == 403
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

    assert announcements.send_announcement(announcement.pk) == 2
    assert languages == {"Ana": "es", "Bruno": "en"}
