"""Files and links attached to a lesson: type and size checked, files kept by Django's storage."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Resource
from tests.courses.test_teach_access import teach_url


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def resources_url(world) -> str:
    return teach_url("lesson-resources", world, lesson=world.lesson.slug)


def upload(name: str, size: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * max(0, size - 9))


def test_it_attaches_a_file_through_the_storage_api(client, world):
    client.force_login(world.gus)

    response = client.post(
        resources_url(world),
        {"kind": "file", "file-title": "IOM glossary", "file-file": upload("Glossary.PDF", 2048)},
    )

    assert response.status_code == 302
    resource = Resource.objects.get(lesson=world.lesson)
    assert (resource.kind, resource.title, resource.size) == ("file", "IOM glossary", 2048)
    assert default_storage.exists(resource.file.name)
    assert resource.file.name.startswith("resources/")


def test_it_attaches_a_link(client, world):
    client.force_login(world.ivan)

    client.post(
        resources_url(world),
        {"kind": "link", "link-title": "Migration data portal",
         "link-url": "https://www.migrationdataportal.org/"},
    )  # fmt: skip

    resource = Resource.objects.get(lesson=world.lesson)
    assert (resource.kind, resource.url) == ("link", "https://www.migrationdataportal.org/")


def test_it_refuses_a_file_of_a_type_it_does_not_accept(client, world):
    client.force_login(world.ivan)

    response = client.post(
        resources_url(world),
        {"kind": "file", "file-title": "Installer", "file-file": upload("setup.exe")},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "setup.exe" in html and "pdf, doc" in html
    assert response.context["file_form"]["title"].value() == "Installer"
    assert not Resource.objects.exists()


def test_it_refuses_a_file_over_the_upload_limit(client, world, settings):
    settings.UPLOAD_MAX_MB = 1
    client.force_login(world.ivan)

    response = client.post(
        resources_url(world),
        {
            "kind": "file",
            "file-title": "Big scan",
            "file-file": upload("scan.pdf", 1024 * 1024 + 1),
        },
    )

    errors = response.context["file_form"].errors["file"]
    assert response.status_code == 400
    assert "scan.pdf" in errors[0] and "over the limit of 1 MB per file" in errors[0]
    assert not Resource.objects.exists()


def test_it_refuses_a_link_that_is_not_a_web_address(client, world):
    client.force_login(world.ivan)

    response = client.post(
        resources_url(world), {"kind": "link", "link-title": "Bad", "link-url": "not a link"}
    )

    assert response.status_code == 400
    assert response.context["link_form"].errors["url"]


def test_it_removes_a_resource_and_its_file(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.ivan)
    client.post(
        resources_url(world),
        {"kind": "file", "file-title": "Old", "file-file": upload("old.pdf")},
    )
    resource = Resource.objects.get()
    url = teach_url("resource-delete", world, lesson=world.lesson.slug, resource=resource.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not default_storage.exists(resource.file.name)
    assert client.post(url).status_code == 302


def test_it_refuses_uploads_to_outsiders(client, world):
    client.force_login(world.olga)

    response = client.post(
        resources_url(world), {"kind": "file", "file-title": "X", "file-file": upload("x.pdf")}
    )

    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_it_does_not_remove_another_lesson_s_resource(client, world):
    other_lesson = world.other_module.lessons.create(title="Other", slug="other")
    resource = Resource.objects.create(lesson=other_lesson, title="Theirs", url="https://x.org")
    client.force_login(world.ivan)

    client.post(teach_url("resource-delete", world, lesson=world.lesson.slug, resource=resource.pk))

    assert Resource.objects.filter(pk=resource.pk).exists()
