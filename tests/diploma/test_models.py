import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from diploma.models import Edition, Programme
from tests import factories as f


def _violates(callable_) -> bool:
    try:
        with transaction.atomic():
            callable_()
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_it_refuses_an_edition_that_ends_before_it_starts():
    edition = f.EditionFactory.build(programme=f.ProgrammeFactory())
    edition.ends_on = edition.starts_on - dt.timedelta(days=1)
    assert _violates(edition.save)


@pytest.mark.django_db
def test_it_refuses_an_application_window_that_closes_before_it_opens():
    now = timezone.now()
    edition = f.EditionFactory.build(
        programme=f.ProgrammeFactory(), applications_open_at=now, applications_close_at=now
    )
    assert _violates(edition.save)


@pytest.mark.django_db
def test_it_refuses_a_pass_grade_beyond_the_scale():
    programme = f.ProgrammeFactory.build(host=f.InstitutionFactory(), pass_grade=21)
    assert _violates(programme.save)
    programme.grading_scale = Programme.GradingScale.PERCENT
    programme.pass_grade = 70
    programme.save()


@pytest.mark.django_db
def test_it_refuses_an_attendance_share_above_100():
    programme = f.ProgrammeFactory.build(host=f.InstitutionFactory(), min_attendance=101)
    assert _violates(programme.save)


def test_it_knows_when_applications_are_open(world):
    now = timezone.now()
    assert world.open_edition.is_open_for_applications(now)
    assert not world.edition.is_open_for_applications(now)
    assert world.open_edition in Edition.objects.open_for_applications(now)
    later = world.open_edition.applications_close_at + dt.timedelta(seconds=1)
    assert not world.open_edition.is_open_for_applications(later)


def test_it_lists_the_editions_a_coordinator_runs(world):
    assert set(Edition.objects.coordinated_by(world.cora)) == {
        world.edition,
        world.open_edition,
    }
    assert not Edition.objects.coordinated_by(world.ana).exists()


def test_it_refuses_to_delete_a_programme_with_editions(world):
    with pytest.raises(ProtectedError):
        world.programme.delete()


def test_it_refuses_to_delete_an_institution_hosting_a_programme(world):
    with pytest.raises(ProtectedError):
        world.programme.host.delete()


def test_it_reads_signatories_one_per_line(world):
    world.programme.signatories = "Ana Pérez, Director\n\nLuis Ríos,Coordinator"
    assert world.programme.signatory_lines() == [
        ("Ana Pérez", "Director"),
        ("Luis Ríos", "Coordinator"),
    ]


@pytest.mark.parametrize("slug", ["surveys", "messages", "feed"])
def test_an_edition_cannot_take_the_address_of_another_page(world, slug):
    world.open_edition.slug = slug

    with translation.override("en"), pytest.raises(ValidationError, match="address of another"):
        world.open_edition.full_clean()
