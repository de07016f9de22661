"""A quota reads with the country's name or the sector's label, never a bare code."""

import pytest
from django.urls import reverse
from django.utils import translation

from diploma.models import EditionQuota
from tests import factories as f


@pytest.fixture
def peru(world) -> EditionQuota:
    return EditionQuota.objects.create(
        edition=world.open_edition, dimension="country", value="PE", seats=3
    )


@pytest.fixture
def academia(world) -> EditionQuota:
    return EditionQuota.objects.create(
        edition=world.open_edition, dimension="sector", value="academia", seats=2
    )


def test_it_names_the_country_and_the_sector(peru, academia):
    with translation.override("en"):
        assert str(peru) == "Country quota: Peru, at most 3 admitted"
        assert peru.value_label == "Peru"
        assert academia.value_label == "Academia"
    with translation.override("es"):
        assert peru.value_label == "Perú"


def test_it_keeps_a_code_it_does_not_know(world):
    quota = EditionQuota(edition=world.open_edition, dimension="sector", value="guild", seats=1)

    assert quota.value_label == "guild"


def test_it_shows_the_country_name_in_the_office_counters(client, world, peru, academia):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.cora)

    html = client.get(reverse("office:applications", args=[world.open_edition.slug])).content
    html = html.decode()

    assert "Quota by country: Peru" in html
    assert "Quota by sector: Academia" in html
    assert "quota PE" not in html


def test_it_names_the_full_quota_on_the_application_page(client, world, peru):
    peru.seats = 1
    peru.save(update_fields=["seats"])
    for _ in range(2):
        profile = f.StudentProfileFactory(country="PE")
        enrolment = f.EnrolmentFactory(user=profile.user, edition=world.open_edition)
    enrolment.status = "submitted"
    enrolment.save(update_fields=["status"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.cora)

    url = reverse("office:application-detail", args=[world.open_edition.slug, enrolment.pk])
    html = client.get(url).content.decode()

    assert "The country quota Peru that this applicant falls in is full" in html


def test_it_shows_the_country_name_in_the_admin(client, world, peru):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(world.root)

    html = client.get(reverse("admin:diploma_editionquota_changelist")).content.decode()

    assert '<td class="field-value_name">Peru</td>' in html
