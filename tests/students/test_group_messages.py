import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from students.models import Enrolment, GroupMessage
from tests import factories as f


def compose_url(world, module=None) -> str:
    module = module or world.module
    return reverse("teach:messages", args=[world.edition.slug, module.slug])


def edition_url(world) -> str:
    return reverse("teach:edition-messages", args=[world.edition.slug])


def data(group: str = "all", **extra) -> dict:
    return {"group": group, "subject": "Policy brief", "body": "Send it by Friday.", **extra}


def test_it_shows_the_recipients_and_the_message_before_sending(client, world):
    client.force_login(world.ivan)

    response = client.post(compose_url(world), data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ana" in html and "Bruno" in html and "Carla" not in html
    assert "Send it by Friday." in html
    assert GroupMessage.objects.count() == 0
    assert mail.outbox == []


def test_it_sends_to_students_who_have_not_submitted_an_assignment(
    client, world, django_capture_on_commit_callbacks
):
    brief = f.AssignmentFactory(module=world.module, title="Policy brief")
    f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=brief)
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(compose_url(world), data(f"not-submitted-{brief.pk}", confirm="1"))

    assert response.status_code == 302
    message = GroupMessage.objects.get()
    assert list(message.recipients.all()) == [world.bruno]
    assert message.module == world.module and message.author == world.ivan
    assert "Policy brief" in message.group
    assert [m.to for m in mail.outbox] == [["bruno@example.org"]]
    assert "Send it by Friday." in mail.outbox[0].body


def test_it_sends_to_students_behind_on_lessons(client, world, django_capture_on_commit_callbacks):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    client.force_login(world.cora)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edition_url(world), data("behind", confirm="1"))

    message = GroupMessage.objects.get()
    assert list(message.recipients.all()) == [world.bruno]
    assert message.module is None


def test_it_leaves_out_withdrawn_students(client, world, django_capture_on_commit_callbacks):
    Enrolment.objects.filter(pk=world.bruno_enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(compose_url(world), data(confirm="1"))

    assert list(GroupMessage.objects.get().recipients.all()) == [world.ana]


def test_it_refuses_an_assignment_of_another_module_and_keeps_what_was_typed(client, world):
    elsewhere = f.AssignmentFactory(module=world.other_module)
    client.force_login(world.ivan)

    response = client.post(compose_url(world), data(f"not-submitted-{elsewhere.pk}"))

    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert "Send it by Friday." in response.content.decode()
    assert GroupMessage.objects.count() == 0


def test_edit_goes_back_to_the_form_with_the_text(client, world):
    client.force_login(world.ivan)

    response = client.post(compose_url(world), data(edit="1"))

    assert response.status_code == 200
    assert not response.context["form"].is_bound
    assert "Send it by Friday." in response.content.decode()


def test_a_guest_instructor_writes_only_about_the_modules_they_teach(client, world):
    client.force_login(world.gus)

    assert client.get(compose_url(world)).status_code == 200
    response = client.post(compose_url(world, world.other_module), data(confirm="1"))
    assert response.status_code == 403
    assert client.get(edition_url(world)).status_code == 403
    assert GroupMessage.objects.count() == 0


@pytest.mark.parametrize("persona", ["olga", "carla", "ana", "pablo"])
def test_others_cannot_write_to_the_module_s_students(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.post(compose_url(world), data(confirm="1"))

    assert response.status_code == 403
    assert GroupMessage.objects.count() == 0


def test_it_shows_the_message_to_its_recipients_only(client, world):
    message = GroupMessage.objects.create(
        edition=world.edition, module=world.module, author=world.ivan, group="All",
        subject="Room change", body="We meet in Aula 205.",
    )  # fmt: skip
    message.recipients.add(world.ana)
    url = reverse("learn:message-detail", args=[message.pk])

    client.force_login(world.ana)
    assert "Room change" in client.get(reverse("learn:messages")).content.decode()
    assert "Aula 205" in client.get(url).content.decode()
    for persona in ("bruno", "carla", "ivan"):
        client.force_login(getattr(world, persona))
        assert client.get(url).status_code == 404
        assert "Room change" not in client.get(reverse("learn:messages")).content.decode()


def test_the_dashboard_links_to_the_messages(client, world):
    client.force_login(world.ana)

    html = client.get(reverse("learn:dashboard")).content.decode()

    assert reverse("learn:messages") in html


def test_the_list_keeps_its_query_count(client, world, django_assert_num_queries):
    def send(count: int) -> None:
        for i in range(count):
            message = GroupMessage.objects.create(
                edition=world.edition, module=world.module, author=world.ivan, group="All",
                subject=f"Week {i}", body="Readings.", sent_at=timezone.now() - dt.timedelta(i),
            )  # fmt: skip
            message.recipients.add(world.ana)

    client.force_login(world.ana)
    send(1)
    with django_assert_num_queries(3):
        client.get(reverse("learn:messages"))
    send(20)
    with django_assert_num_queries(3):
        client.get(reverse("learn:messages"))
