import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from students.models import Certificate, Enrolment, LessonProgress, new_certificate_code
from tests import factories as f


def test_it_allows_one_enrolment_per_user_and_edition(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=world.ana, edition=world.edition)


def test_it_allows_one_progress_row_per_lesson(world):
    LessonProgress.objects.create(enrolment=world.ana_enrolment, lesson=world.lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(enrolment=world.ana_enrolment, lesson=world.lesson)


def test_it_never_cascades_student_records_away(world):
    LessonProgress.objects.create(enrolment=world.ana_enrolment, lesson=world.lesson)
    with pytest.raises(ProtectedError):
        world.lesson.delete()
    with pytest.raises(ProtectedError):
        world.module.delete()
    with pytest.raises(ProtectedError):
        world.edition.delete()
    with pytest.raises(ProtectedError):
        world.ana.delete()


def test_certificate_codes_are_long_random_and_unambiguous():
    codes = {new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 16
        assert not set(code) & set("01IO")


def test_a_revoked_certificate_must_say_why(world):
    certificate = Certificate.objects.create(
        enrolment=world.ana_enrolment,
        issued_at=timezone.now(),
        full_name="Ana Test",
        hours=120,
    )
    assert certificate.display_code.count("-") == 3
    certificate.revoked_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        certificate.save()


@pytest.mark.django_db
def test_it_lists_what_a_profile_still_needs_to_apply():
    profile = f.StudentProfileFactory(organisation="", position="")
    assert profile.missing_for_application() == ["organisation", "position"]
