"""Lesson files reach only the people who may read the lesson, under their own name."""

from django.core.files.base import ContentFile
from django.urls import reverse

from courses import teaching
from courses.models import Resource
from students.models import Enrolment

PDF = b"%PDF-1.4\n% census\n"


def _file(world) -> Resource:
    upload = ContentFile(PDF, name="Censo 2017 - tablas.pdf")
    upload.size = len(PDF)
    world.lesson.module = world.module
    return teaching.add_resource(lesson=world.lesson, title="Census tables", upload=upload)


def _url(world, resource: Resource) -> str:
    return reverse(
        "learn:resource-file",
        args=[world.edition.slug, world.module.slug, world.lesson.slug, resource.pk],
    )


def test_a_student_of_the_edition_downloads_it_under_its_own_name(client, world):
    resource = _file(world)
    client.force_login(world.ana)

    response = client.get(_url(world, resource))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert "Censo 2017 - tablas.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_it_is_stored_under_a_random_name(world):
    resource = _file(world)
    assert "Censo" not in resource.file.name
    assert resource.file.name.endswith(".pdf")
    assert resource.original_name == "Censo 2017 - tablas.pdf"


def test_a_visitor_is_sent_to_log_in_and_a_withdrawn_student_is_refused(client, world):
    resource = _file(world)
    assert client.get(_url(world, resource)).status_code == 302

    Enrolment.objects.filter(pk=world.ana_enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.ana)
    assert client.get(_url(world, resource)).status_code == 403
    client.force_login(world.carla)
    assert client.get(_url(world, resource)).status_code == 403


def test_the_media_folder_is_not_served_to_anyone(client, world):
    resource = _file(world)
    client.force_login(world.ana)
    assert client.get(f"/media/{resource.file.name}").status_code == 404


def test_behind_nginx_the_proxy_sends_the_bytes_after_the_check(client, world, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    resource = _file(world)
    client.force_login(world.ana)

    response = client.get(_url(world, resource))

    assert response["X-Accel-Redirect"] == f"/protected-media/{resource.file.name}"
    assert not response.content
    assert "Censo 2017 - tablas.pdf" in response["Content-Disposition"]


def test_a_link_is_not_served_as_a_file(client, world):
    link = teaching.add_resource(lesson=world.lesson, title="IOM data", url="https://example.org")
    client.force_login(world.ana)
    assert client.get(_url(world, link)).status_code == 404
