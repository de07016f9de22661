"""Roster, student detail and gradebook of a module: numbers, sorting, queries, exports."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Assignment, Quiz
from students import gradebook
from students.models import Attendance, Enrolment, LessonProgress, QuizAttempt, Submission
from tests import factories as f
from tests.courses.test_teach_access import teach_url

LONG_AGO = dt.timedelta(days=90)


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def past_session(world, days_ago: int, topic: str = "Seminar"):
    now = timezone.now()
    return f.LiveSessionFactory(
        module=world.module, topic=topic, starts_at=now - dt.timedelta(days=days_ago),
        ends_at=now - dt.timedelta(days=days_ago, hours=-2),
    )  # fmt: skip


@pytest.fixture
def classroom(world):
    """Three published lessons (ana did two, bruno none), a draft, and three past sessions."""
    now = timezone.now()
    Enrolment.objects.filter(pk__in=[world.ana_enrolment.pk, world.bruno_enrolment.pk]).update(
        decided_at=now - LONG_AGO
    )
    second = f.LessonFactory(module=world.module, order=2)
    f.LessonFactory(module=world.module, order=3)
    f.LessonFactory(module=world.module, order=4, is_published=False)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=second)
    first, middle, last = (past_session(world, days) for days in (30, 20, 10))
    Attendance.objects.bulk_create(
        [
            Attendance(enrolment=world.ana_enrolment, session=first, status="present"),
            Attendance(enrolment=world.ana_enrolment, session=middle, status="late"),
            Attendance(enrolment=world.ana_enrolment, session=last, status="excused"),
            Attendance(enrolment=world.bruno_enrolment, session=first, status="present"),
            Attendance(enrolment=world.bruno_enrolment, session=middle, status="absent"),
        ]
    )
    past_session(world, 5, topic="Not taken")
    return world


def rows_by_username(module) -> dict[str, gradebook.Row]:
    return {row.username: row for row in gradebook.build_rows(module)}


def test_it_counts_lessons_done_over_the_released_lessons(classroom):
    rows = rows_by_username(classroom.module)

    assert (rows["ana"].lessons_done, rows["ana"].lessons_total) == (2, 3)
    assert (rows["ana"].lessons_percent, rows["bruno"].lessons_percent) == (66, 0)


def test_it_shares_attendance_over_the_sessions_taken(classroom):
    rows = rows_by_username(classroom.module)

    # ana: present + late of two expected (the excused one is left out); the session whose
    # attendance was never taken does not count. bruno: one present, one absent, one missing.
    assert (rows["ana"].attended, rows["ana"].expected, rows["ana"].excused) == (2, 2, 1)
    assert rows["ana"].attendance_percent == 100
    assert (rows["bruno"].attended, rows["bruno"].expected) == (1, 3)
    assert rows["bruno"].attendance_percent == 33


def test_it_does_not_count_a_student_absent_from_sessions_before_they_enrolled(classroom):
    late = f.EnrolmentFactory(
        user=f.UserFactory(username="lucia"), edition=classroom.edition,
        decided_at=timezone.now() - dt.timedelta(days=15),
    )  # fmt: skip

    row = rows_by_username(classroom.module)["lucia"]

    assert (row.attended, row.expected) == (0, 1)
    assert late.pk == row.enrolment_id


def test_it_leaves_out_students_who_are_not_active(classroom):
    classroom.bruno_enrolment.status = Enrolment.Status.WITHDRAWN
    classroom.bruno_enrolment.save(update_fields=["status"])

    assert set(rows_by_username(classroom.module)) == {"ana"}


def test_it_shows_the_roster_with_lessons_attendance_and_last_activity(client, classroom):
    classroom.ana_enrolment.last_activity_at = timezone.now()
    classroom.ana_enrolment.save(update_fields=["last_activity_at"])
    client.force_login(classroom.gus)

    response = client.get(teach_url("roster", classroom))

    html = response.content.decode()
    ana = re.search(r"<tr><th scope=\"row\"><a href=\"([^\"]+)\">Ana[^<]*</a></th>(.*?)</tr>", html)
    assert ana is not None
    assert ana[1] == teach_url("student-detail", classroom, enrolment=classroom.ana_enrolment.pk)
    assert "2 of 3" in ana[2]
    assert "100 %" in ana[2]


def test_it_shows_what_one_student_completed_and_when(client, classroom):
    client.force_login(classroom.ivan)

    response = client.get(
        teach_url("student-detail", classroom, enrolment=classroom.bruno_enrolment.pk)
    )
    ana = client.get(teach_url("student-detail", classroom, enrolment=classroom.ana_enrolment.pk))

    completed = [lesson.completed_at is not None for lesson in ana.context["lessons"]]
    assert completed == [True, True, False, False]
    labels = [str(session.status_label) for session in response.context["sessions"]]
    lessons = list(response.context["lessons"])
    assert response.context["row"].attendance_percent == 33
    assert [lesson.completed_at for lesson in lessons] == [None] * 4
    assert labels == ["Present", "Absent", "", "", ""]


def test_it_refuses_the_detail_of_a_student_of_another_edition(client, classroom):
    client.force_login(classroom.ivan)

    response = client.get(
        teach_url("student-detail", classroom, enrolment=classroom.carla_enrolment.pk)
    )

    assert response.status_code == 404


def test_it_sorts_the_gradebook_by_a_column(client, classroom):
    client.force_login(classroom.ivan)

    by_lessons = client.get(teach_url("gradebook", classroom) + "?sort=-lessons")
    by_attendance = client.get(teach_url("gradebook", classroom) + "?sort=attendance")
    nonsense = client.get(teach_url("gradebook", classroom) + "?sort=password")

    def names(response):
        return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())

    assert names(by_lessons)[0].startswith("Ana")
    assert names(by_attendance)[0].startswith("Bruno")
    assert nonsense.status_code == 200
    assert 'aria-sort="descending"' in by_lessons.content.decode()


def test_it_puts_students_without_a_number_last_whatever_the_direction(world):
    rows = gradebook.build_rows(world.module)

    for sort in ("attendance", "-attendance"):
        ordered, _sort = gradebook.sort_rows(rows, sort, gradebook.COLUMNS)
        assert all(row.cells["attendance"] is None for row in ordered)


def add_students(world, count: int) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"student-{i:03}", last_name=f"Z{i:03}") for i in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, edition=world.edition, status=Enrolment.Status.ADMITTED,
                  decided_at=timezone.now() - LONG_AGO)
        for user in users
    )  # fmt: skip
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=world.lesson) for enrolment in enrolments[::2]
    )
    session = world.module.sessions.filter(starts_at__lt=timezone.now()).first()
    Attendance.objects.bulk_create(
        Attendance(enrolment=enrolment, session=session, status="present")
        for enrolment in enrolments[::3]
    )


@pytest.mark.parametrize("page", ["roster", "gradebook"])
def test_it_costs_the_same_queries_for_one_student_or_thirty(
    client, classroom, django_assert_num_queries, page
):
    Enrolment.objects.filter(pk=classroom.bruno_enrolment.pk).update(status="withdrawn")
    client.force_login(classroom.ivan)
    url = teach_url(page, classroom)
    client.get(url)

    with CaptureQueriesContext(connection) as for_one:
        one = client.get(url)
    add_students(classroom, 29)
    with django_assert_num_queries(len(for_one)):
        thirty = client.get(url)

    assert one.context["count"] == 1
    assert thirty.context["count"] == 30


def page_table(html: str) -> dict[str, list[str]]:
    """The gradebook page's numbers by student name, "—" read as empty."""
    rows = re.findall(
        r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th>(.*?)</tr>', html, flags=re.S
    )
    table = {}
    for name, cells in rows:
        values = re.findall(r'<td class="text-end">([^<]*)</td>', cells)
        table[name] = ["" if value == "—" else value.removesuffix(" %") for value in values]
    return table


def test_it_exports_the_numbers_of_the_page_to_csv_and_xlsx(client, classroom):
    add_students(classroom, 12)
    client.force_login(classroom.cora)
    page = page_table(client.get(teach_url("gradebook", classroom)).content.decode())

    csv_response = client.get(teach_url("gradebook-csv", classroom))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    xlsx_response = client.get(teach_url("gradebook-xlsx", classroom))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    xlsx_rows = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]

    assert csv_response["Content-Type"].startswith("text/csv")
    assert (
        'filename="mig-2026-ii-migration-policy-gradebook.csv"'
        in csv_response["Content-Disposition"]
    )
    assert (
        csv_rows[0]
        == xlsx_rows[0]
        == ["Student", "Username", "Lessons completed (%)", "Attendance (%)"]
    )
    assert len(csv_rows) - 1 == len(page) == 14
    assert {row[0]: row[2:] for row in csv_rows[1:]} == page
    assert {row[0]: row[2:] for row in xlsx_rows[1:]} == page
    assert page["Ana " + classroom.ana.last_name] == ["66", "100"]


def test_it_builds_the_same_rows_chunk_by_chunk(classroom):
    add_students(classroom, 7)

    whole = gradebook.build_rows(classroom.module)
    chunked = list(gradebook.iter_rows(classroom.module, gradebook.NO_ITEMS, chunk_size=3))

    assert [(r.username, r.cells) for r in chunked] == [(r.username, r.cells) for r in whole]


def test_it_never_exports_a_name_as_a_spreadsheet_formula(client, world):
    world.ana.first_name, world.ana.last_name = '=HYPERLINK("http://x")', ""
    world.ana.save(update_fields=["first_name", "last_name"])
    client.force_login(world.ivan)

    text = b"".join(client.get(teach_url("gradebook-csv", world)).streaming_content).decode()
    content = b"".join(client.get(teach_url("gradebook-xlsx", world)).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active

    assert "'=HYPERLINK" in text
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert '=HYPERLINK("http://x")' in names
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


@pytest.fixture
def graded(classroom):
    """A quiz (ana's best of 5/10 and 8/10, weight 1) and a policy brief (15/20, a day late at
    10 % a day, weight 3) in the module; a draft quiz, and a quiz of another module."""
    world = classroom
    quiz = Quiz.objects.create(module=world.module, title="Check", slug="check", is_published=True)
    Quiz.objects.create(module=world.module, title="Draft check", slug="draft")
    Quiz.objects.create(
        module=world.other_module, title="Other check", slug="other", is_published=True
    )
    brief = Assignment.objects.create(
        module=world.module, title="Brief", slug="brief", instructions="Write.",
        due_at=timezone.now(), weight=Decimal("3"), max_points=Decimal("20"),
        penalty_per_day=Decimal("10"), is_published=True,
    )  # fmt: skip
    for number, score in [(1, "5"), (2, "8")]:
        QuizAttempt.objects.create(
            enrolment=world.ana_enrolment, quiz=quiz, number=number, status="graded",
            score=Decimal(score), max_score=Decimal("10"), submitted_at=timezone.now(),
        )  # fmt: skip
    Submission.objects.create(
        enrolment=world.ana_enrolment, assignment=brief, submitted_at=timezone.now(),
        days_late=1, points=Decimal("15"),
    )  # fmt: skip
    Submission.objects.create(
        enrolment=world.bruno_enrolment, assignment=brief, submitted_at=timezone.now()
    )
    world.quiz, world.brief = quiz, brief
    return world


def test_it_has_a_column_per_published_item_of_the_module_and_the_module_grade(graded):
    with translation.override("en"):
        columns = gradebook.columns_of(gradebook.items_of(graded.module))
        labels = [str(column.label) for column in columns]

    assert labels == [
        "Lessons completed (%)",
        "Attendance (%)",
        "Check (quiz)",
        "Brief (assignment)",
        "Module grade",
    ]


def test_a_module_without_graded_items_has_only_the_progress_columns(classroom):
    assert gradebook.columns_of(gradebook.items_of(classroom.module)) == gradebook.COLUMNS


def test_it_shows_each_item_and_the_weighted_module_grade_on_the_programme_scale(graded):
    items = gradebook.items_of(graded.module)
    rows = {row.username: row for row in gradebook.build_rows(graded.module, items)}
    quiz, brief = f"quiz-{graded.quiz.pk}", f"assignment-{graded.brief.pk}"

    ana, bruno = rows[graded.ana.username].cells, rows[graded.bruno.username].cells
    # Quiz: best attempt 8/10 -> 16. Brief: 15/20 less 10 % -> 13.50.
    # Module: (1 x 0.8 + 3 x 0.675) / 4 = 0.70625 -> 14.13 on 0-20.
    assert (ana[quiz], ana[brief], ana["module"]) == (
        Decimal("16.00"),
        Decimal("13.50"),
        Decimal("14.13"),
    )
    # Bruno's brief is handed in and not graded yet, and the quiz has not closed: nothing
    # counts yet, so there is no module grade rather than a zero.
    assert (bruno[quiz], bruno[brief], bruno["module"]) == (None, None, None)


def test_it_uses_the_percent_scale_when_the_programme_does(graded):
    programme = graded.edition.programme
    programme.grading_scale, programme.pass_grade = "0-100", Decimal("60")
    programme.save(update_fields=["grading_scale", "pass_grade"])
    module = (
        type(graded.module).objects.select_related("edition__programme").get(pk=graded.module.pk)
    )

    (ana,) = gradebook.rows_of(module, [graded.ana_enrolment], gradebook.items_of(module))

    assert ana.cells[f"quiz-{graded.quiz.pk}"] == Decimal("80.00")
    assert ana.cells["module"] == Decimal("70.63")


def test_the_gradebook_page_sorts_by_a_grade_column_and_explains_the_grades(client, graded):
    client.force_login(graded.ivan)

    response = client.get(teach_url("gradebook", graded) + "?sort=-module")
    html = response.content.decode()
    table = page_table(html)

    first = next(iter(table))
    assert first.startswith("Ana")
    assert table[first][2:] == ["16.00", "13.50", "14.13"]
    assert "Check (quiz)" in html and "Brief (assignment)" in html
    assert "Draft check" not in html and "Other check" not in html
    assert "scale of 0 to 20" in html
    assert "cannot see these grades until you release them" in html


def test_the_grade_columns_of_the_exports_match_the_page(client, graded):
    client.force_login(graded.ivan)
    page = page_table(client.get(teach_url("gradebook", graded)).content.decode())

    text = b"".join(client.get(teach_url("gradebook-csv", graded)).streaming_content)
    csv_rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    content = b"".join(client.get(teach_url("gradebook-xlsx", graded)).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))

    assert csv_rows[0] == list(xlsx_rows[0])
    assert csv_rows[0][-3:] == ["Check (quiz)", "Brief (assignment)", "Module grade"]

    def numbers(values) -> list[Decimal | None]:
        return [None if value in ("", None) else Decimal(str(value)) for value in values]

    for csv_row, xlsx_row in zip(csv_rows[1:], xlsx_rows[1:], strict=True):
        on_page = numbers(page[csv_row[0]])
        assert numbers(csv_row[2:]) == numbers(xlsx_row[2:]) == on_page


def test_it_costs_the_same_queries_with_grades_for_one_student_or_thirty(
    client, graded, django_assert_num_queries
):
    Enrolment.objects.filter(pk=graded.bruno_enrolment.pk).update(status="withdrawn")
    client.force_login(graded.ivan)
    url = teach_url("gradebook", graded)
    client.get(url)

    with CaptureQueriesContext(connection) as for_one:
        one = client.get(url)
    add_students(graded, 29)
    with django_assert_num_queries(len(for_one)):
        thirty = client.get(url)

    assert (one.context["count"], thirty.context["count"]) == (1, 30)


def test_it_builds_the_same_grades_chunk_by_chunk(graded):
    add_students(graded, 7)
    items = gradebook.items_of(graded.module)

    whole = gradebook.build_rows(graded.module, items)
    chunked = list(gradebook.iter_rows(graded.module, items, chunk_size=3))

    assert [(r.username, r.cells) for r in chunked] == [(r.username, r.cells) for r in whole]


def test_the_student_detail_lists_the_grades(client, graded):
    client.force_login(graded.ivan)

    response = client.get(teach_url("student-detail", graded, enrolment=graded.ana_enrolment.pk))

    assert response.context["grades"] == [
        ("Check (quiz)", "16.00"),
        ("Brief (assignment)", "13.50"),
        ("Module grade", "14.13"),
    ]
