"""The documents an edition asks for read as labels and are chosen with boxes to tick."""

import pytest
from django.urls import reverse

from diploma.admin import EditionAdminForm


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def asks_two(world):
    world.open_edition.required_documents = "cv,support_letter"
    world.open_edition.save(update_fields=["required_documents"])
    return world.open_edition


def test_it_offers_a_box_per_kind_of_document_in_the_admin(client, world, asks_two):
    client.force_login(world.root)

    response = client.get(reverse("admin:diploma_edition_change", args=[asks_two.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="checkbox" name="required_documents" value="cv"' in html
    assert "Curriculum vitae" in html
    assert "Letter of support from the employer" in html
    assert "Degree certificate" in html
    assert response.context["adminform"].form.initial["required_documents"] == [
        "cv",
        "support_letter",
    ]
    assert "Comma-separated" not in html


def test_it_stores_the_ticked_kinds_comma_separated_in_their_order(world):
    form = EditionAdminForm(
        data={"required_documents": ["degree", "cv"]}, instance=world.open_edition
    )

    assert form.is_valid(), form.errors
    form.save()
    world.open_edition.refresh_from_db()
    assert world.open_edition.required_documents == "cv,degree"


def test_it_refuses_an_unknown_kind(world):
    form = EditionAdminForm(data={"required_documents": ["passport"]}, instance=world.open_edition)

    assert not form.is_valid()


def test_it_does_not_see_a_change_when_nothing_is_ticked_differently(world, asks_two):
    form = EditionAdminForm(
        data={"required_documents": ["cv", "support_letter"]}, instance=asks_two
    )

    assert form.is_valid()
    assert "required_documents" not in form.changed_data


def test_it_shows_the_labels_on_the_admissions_list(client, world, asks_two):
    client.force_login(world.cora)

    html = client.get(reverse("office:applications", args=[asks_two.slug])).content.decode()

    assert (
        "Documents asked of applicants: Curriculum vitae, Letter of support from the employer"
        in html
    )
