"""The figures of a report: counted from each person's completion, by the groups people declared
when they applied, and never telling a small group."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from courses.models import Quiz
from students.models import Enrolment
from students.reports import records
from students.reports.figures import edition_report
from students.reports.programme import programme_report
from tests import factories as f

Status = Enrolment.Status


def _student(edition, n, *, gender="woman", country="PE", sector="public", status=Status.ADMITTED,
             birth_year=1990):  # fmt: skip
    user = f.UserFactory(
        username=f"learner{edition.pk}-{n}", first_name=f"Nombre{n}", last_name=f"Apellido{n}"
    )
    f.StudentProfileFactory(user=user, gender=gender, country=country, sector=sector)
    return f.EnrolmentFactory(
        user=user, edition=edition, status=status, declared_gender=gender,
        declared_country=country, declared_sector=sector, declared_birth_year=birth_year,
    )  # fmt: skip


def add_students(edition, count, start=0, **facts):
    return [_student(edition, start + n, **facts) for n in range(count)]


def _funnel(report) -> dict[str, str]:
    return {key: str(cell) for key, _label, cell in report.funnel}


def test_it_counts_the_funnel_from_submission_to_certificate(world):
    edition = world.edition
    enrolled = add_students(edition, 8)
    add_students(edition, 6, start=100, status=Status.REJECTED)
    withdrawn = add_students(edition, 5, start=200, status=Status.WITHDRAWN)
    for enrolment in withdrawn:
        enrolment.transitions.create(from_status="submitted", to_status=Status.ADMITTED)
    for enrolment in enrolled[:5]:
        f.CertificateFactory(enrolment=enrolment)

    funnel = _funnel(edition_report(edition))

    # ana and bruno are enrolled too (declared nothing: "not stated").
    assert funnel["submitted"] == str(2 + 8 + 6 + 5)
    assert funnel["admitted"] == str(2 + 8 + 5)
    assert funnel["enrolled"] == "10"
    assert funnel["certified"] == "5"
    assert funnel["dropped"] == "5"


def test_it_shows_small_counts_as_less_than_five_in_every_table(world):
    add_students(world.edition, 6)
    add_students(world.edition, 3, start=50, gender="man", country="EC", sector="academia")

    with translation.override("en"):
        report = edition_report(world.edition)

    gender = report.by_dimension[0]
    enrolled = gender.cells[2]
    labels = gender.column_labels
    assert str(enrolled[labels.index("Woman")]) == "6"
    assert str(enrolled[labels.index("Man")]) == "<5"
    assert str(enrolled[labels.index("Not stated")]) in ("<5", "x")  # ana and bruno
    country = report.by_dimension[1]
    assert "<5" in [str(cell) for cell in country.cells[2]]


def test_it_keeps_the_facts_declared_at_submission_when_a_profile_changes(world):
    women = add_students(world.edition, 6)
    before = [str(c) for c in edition_report(world.edition).by_dimension[0].cells[2]]

    for enrolment in women:
        enrolment.user.profile.gender = "man"
        enrolment.user.profile.save()
    records.refresh(world.edition)

    after = [str(c) for c in edition_report(world.edition).by_dimension[0].cells[2]]
    assert after == before


def test_it_adds_up_the_hours_of_each_completion_as_person_hours(world):
    enrolments = add_students(world.edition, 5)
    world.lesson.minutes = 90
    world.lesson.save()
    for enrolment in enrolments:
        f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)

    report = edition_report(world.edition)

    assert report.person_hours == Decimal(5 * 90 / 60).quantize(Decimal("1"))


def test_it_measures_the_gain_from_pre_test_to_post_test(world):
    enrolments = add_students(world.edition, 6)
    pre = f.QuizFactory(module=world.module, purpose=Quiz.Purpose.PRE_TEST)
    post = f.QuizFactory(module=world.module, purpose=Quiz.Purpose.POST_TEST)
    for n, enrolment in enumerate(enrolments):
        f.QuizAttemptFactory(enrolment=enrolment, quiz=pre, score=Decimal("4"))
        f.QuizAttemptFactory(enrolment=enrolment, quiz=post, score=Decimal(7 + n % 2))

    with translation.override("en"):
        [gain] = edition_report(world.edition).learning

    rates = dict(gain.table.rates)
    assert rates["Mean pre-test score (%)"][-1] == Decimal("40.0")
    assert rates["Mean post-test score (%)"][-1] == Decimal("75.0")
    assert rates["Mean gain (points)"][-1] == Decimal("35.0")
    assert rates["Improved (%)"][-1] == Decimal("100")


def test_a_programme_hides_a_sum_whose_part_an_edition_hides(world):
    add_students(world.edition, 3, gender="man")  # <5 in the edition's own report
    add_students(world.open_edition, 9, start=300, gender="man")

    with translation.override("en"):
        report = programme_report(world.programme, [world.edition, world.open_edition])
        alone = programme_report(world.programme, [world.open_edition])

    gender = report.by_dimension[0]
    men = gender.column_labels.index("Man")
    # 12 men together, 9 in the later edition alone: shown, 12 - 9 would tell the 3.
    assert gender.cells[2][men].hidden
    assert str(alone.by_dimension[0].cells[2][men]) == "9"
    assert [str(c) for c in report.trend.cells[1]][:2] == ["9", "9"]


def test_a_programme_report_follows_its_editions(world):
    add_students(world.edition, 5)
    add_students(world.open_edition, 7, start=300)

    report = programme_report(world.programme, [world.edition, world.open_edition])

    assert [str(c) for c in report.trend.cells[0]][:2] == ["7", "7"]
    assert _funnel(report)["enrolled"] == "14"


@pytest.mark.parametrize("size", [10, 100])
def test_it_adds_up_an_edition_with_the_same_queries_whatever_its_size(
    world, size, django_assert_num_queries
):
    add_students(world.edition, size)
    records.refresh(world.edition)
    with django_assert_num_queries(REPORT_QUERIES):
        edition_report(world.edition)


@pytest.mark.parametrize("size", [10, 100])
def test_it_writes_the_records_of_an_edition_with_the_same_queries_whatever_its_size(world, size):
    add_students(world.edition, size)
    with CaptureQueriesContext(connection) as queries:
        records.refresh(world.edition)
    # The rows go in by batches as large as the database takes: only those grow with the size.
    reads = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("INSERT")]
    assert len(reads) == REFRESH_QUERIES


def test_a_programme_report_adds_up_with_the_same_queries_whatever_its_editions(
    world, django_assert_num_queries
):
    add_students(world.edition, 6)
    add_students(world.open_edition, 6, start=300)
    for edition in (world.edition, world.open_edition):
        records.refresh(edition)
    with django_assert_num_queries(PROGRAMME_QUERIES):
        programme_report(world.programme, [world.edition])
    with django_assert_num_queries(PROGRAMME_QUERIES):
        programme_report(world.programme, [world.edition, world.open_edition])


# Whether the edition's records are fresh (1), by dimension (4), crossed (2), modules (2),
# pre/post tests (1), surveys (2) and partners (1).
REPORT_QUERIES = 13
# The applications and the modules' lessons, per thousand people their completion, lessons
# finished and tests, then the lock and the delete of the old rows.
REFRESH_QUERIES = 15
# Fresh (1), by dimension (4) and crossed (2), each of them for every edition, and partners (1).
PROGRAMME_QUERIES = 8


def test_a_module_shows_its_enrolled_by_each_group_as_the_edition_tables_show_them(world):
    # With ana and bruno (not stated), the crossed tables make the gender table hide the 11 men,
    # which the module's table alone would show.
    add_students(world.edition, 1, sector="academia")
    add_students(world.edition, 2, start=10, sector="civil_society")
    add_students(world.edition, 5, start=20, gender="man", sector="public")
    add_students(world.edition, 1, start=30, gender="man", sector="academia")
    add_students(world.edition, 5, start=40, gender="man", sector="civil_society")

    report = edition_report(world.edition, module=world.module)

    by_gender = [str(cell) for cell in report.by_dimension[0].cells[2]]
    assert "x" in by_gender
    for edition_table, module_table in zip(report.by_dimension, report.focus.tables, strict=True):
        assert module_table.column_labels == edition_table.column_labels
        assert [str(c) for c in module_table.cells[0]] == [str(c) for c in edition_table.cells[2]]


def test_countries_of_fewer_than_five_applicants_are_counted_together(world):
    add_students(world.edition, 6, country="PE")
    add_students(world.edition, 1, start=20, country="EC")
    add_students(world.edition, 1, start=30, country="CO")
    add_students(world.edition, 3, start=40, country="BO")

    with translation.override("en"):
        report = edition_report(world.edition, module=world.module)

    country = report.by_dimension[1]
    assert country.column_labels == ["Peru", "Other countries", "Not stated"]
    # 1, 1 and 3 apart, with ana and bruno's "not stated", would hide the total with them.
    assert country.cells[0][1].value == 5
    assert str(country.cells[0][-1]) == str(report.funnel[0][2]) == "13"
    assert report.focus.tables[1].column_labels == country.column_labels
    assert "Ecuador" not in str(report.crossed[1].column_labels)


def test_completion_is_rated_once_an_edition_has_ended(world):
    add_students(world.edition, 6)  # running: nobody could have completed yet
    past = f.EditionFactory(
        programme=world.programme, name="2025-I", slug="mig-2025-i", status="closed",
        starts_on=world.edition.starts_on.replace(year=world.edition.starts_on.year - 1),
        ends_on=world.edition.ends_on.replace(year=world.edition.ends_on.year - 1),
    )  # fmt: skip
    people = add_students(past, 15, start=500, status=Status.COMPLETED)
    Enrolment.objects.filter(pk__in=[e.pk for e in people[:5]]).update(status=Status.NOT_COMPLETED)

    running = edition_report(world.edition)
    assert running.completion_pending and running.completion_rate is None
    assert running.by_dimension[0].rates[0][1][-1] is None

    report = programme_report(world.programme, [past, world.edition])
    assert not report.completion_pending
    assert report.completion_rate == 67  # 10 of the 15 of the past edition, not of 23
    assert report.trend.extra_columns[0][1] == [67, None]
