import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import (
    Announcement,
    Assignment,
    Choice,
    DiscussionPost,
    DiscussionThread,
    Module,
    Question,
    Quiz,
    Resource,
    RubricCriterion,
    RubricLevel,
)
from diploma.models import Edition, EditionQuota
from students.models import (
    ApplicationDocument,
    AttemptAnswer,
    Attendance,
    Certificate,
    DataExport,
    Enrolment,
    EnrolmentTransition,
    ErasureRequest,
    LessonProgress,
    QuizAttempt,
    ReviewerScore,
    RubricScore,
    Submission,
)
from tests import factories as f

OUR_APPS = {"diploma", "courses", "students"}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
OURS = [model for model in REGISTERED if model._meta.app_label in OUR_APPS]


def one_of_each() -> None:
    """One object of every model of the three apps, linked the way the platform links them."""
    now = timezone.now()
    institution = f.InstitutionFactory()
    programme = f.ProgrammeFactory(host=institution)
    f.ProgrammePartnerFactory(programme=programme, institution=institution)
    f.PartnerStaffFactory(institution=institution)
    edition = f.EditionFactory(programme=programme)
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=5)
    module = f.ModuleFactory(edition=edition, release_at=now)
    f.ModuleInstructorFactory(module=module)
    lesson = f.LessonFactory(module=module)
    Resource.objects.create(lesson=lesson, title="Report", url="https://example.org/report")
    session = f.LiveSessionFactory(module=module)
    quiz = Quiz.objects.create(module=module, title="Quiz", slug="quiz", opens_at=now)
    question = Question.objects.create(quiz=quiz, kind="single", text="Who migrates?")
    choice = Choice.objects.create(question=question, text="Young adults", is_correct=True)
    assignment = Assignment.objects.create(
        module=module, title="Essay", slug="essay", instructions="Write.", due_at=now
    )
    criterion = RubricCriterion.objects.create(assignment=assignment, title="Argument")
    level = RubricLevel.objects.create(criterion=criterion, title="Strong", points=Decimal(4))
    staff = f.UserFactory()
    Announcement.objects.create(
        edition=edition, module=module, author=staff, title="Welcome", body="Hello."
    )
    thread = DiscussionThread.objects.create(module=module, author=staff, title="Questions")
    DiscussionPost.objects.create(thread=thread, author=staff, body="When is the seminar?")
    profile = f.StudentProfileFactory()
    enrolment = f.EnrolmentFactory(user=profile.user, edition=edition)
    EnrolmentTransition.objects.create(
        enrolment=enrolment, from_status="submitted", to_status="admitted", by=staff
    )
    ApplicationDocument.objects.create(
        enrolment=enrolment, kind="cv", file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4"),
        original_name="cv.pdf", size=8,
    )  # fmt: skip
    ReviewerScore.objects.create(enrolment=enrolment, reviewer=staff, score=4)
    LessonProgress.objects.create(enrolment=enrolment, lesson=lesson)
    Attendance.objects.create(
        enrolment=enrolment, session=session, status="present", recorded_by=staff
    )
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, status="graded", submitted_at=now, score=1, max_score=1
    )
    AttemptAnswer.objects.create(attempt=attempt, question=question, score=1).choices.add(choice)
    submission = Submission.objects.create(
        enrolment=enrolment, assignment=assignment, text="My essay.", submitted_at=now,
        points=Decimal(15), graded_by=staff, graded_at=now,
    )  # fmt: skip
    RubricScore.objects.create(submission=submission, criterion=criterion, level=level)
    Certificate.objects.create(
        enrolment=enrolment, issued_at=now, issued_by=staff, full_name="Ana Quispe", hours=120
    )
    DataExport.objects.create(user=profile.user)
    ErasureRequest.objects.create(user=profile.user)


@pytest.fixture
def root(world):
    return world.root


@pytest.fixture
def office(client, root):
    client.force_login(root)
    return client


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_it_shows_the_admin_pages_of_every_model(office, model):
    one_of_each()
    model_admin = admin.site._registry[model]
    request = office.get(admin_url(model, "changelist")).wsgi_request

    assert office.get(admin_url(model, "changelist")).status_code == 200
    assert office.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    can_add = model_admin.has_add_permission(request)
    assert office.get(admin_url(model, "add")).status_code == (200 if can_add else 403)
    obj = model._default_manager.first()
    if model._meta.app_label in OUR_APPS:
        assert obj is not None
    if obj is not None:
        assert office.get(admin_url(model, "change", obj.pk)).status_code == 200
        assert office.get(admin_url(model, "history", obj.pk)).status_code == 200
        can_delete = model_admin.has_delete_permission(request, obj)
        deletion = office.get(admin_url(model, "delete", obj.pk))
        assert deletion.status_code == (200 if can_delete else 403)


@pytest.mark.parametrize("model", OURS, ids=lambda model: model._meta.label)
def test_it_lists_objects_in_a_constant_number_of_queries(office, model):
    # Two of each to start with: a filter with a single choice is not shown at all.
    url = admin_url(model, "changelist")
    one_of_each()
    one_of_each()
    office.get(url)
    with CaptureQueriesContext(connection) as with_two:
        assert office.get(url).status_code == 200
    one_of_each()
    one_of_each()

    with CaptureQueriesContext(connection) as with_four:
        assert office.get(url).status_code == 200

    assert len(with_four) == len(with_two), [query["sql"] for query in with_four]


def test_it_titles_the_site_for_the_programme_office():
    with translation.override("en"):
        assert str(admin.site.site_header) == "Diploma platform administration"
        assert str(admin.site.index_title) == "Programme office"
    with translation.override("es"):
        assert str(admin.site.index_title) != "Programme office"


def test_it_never_lets_the_certificate_code_be_edited(office):
    one_of_each()
    certificate = Certificate.objects.get()

    response = office.get(admin_url(Certificate, "change", certificate.pk))

    assert "code" not in response.context["adminform"].form.fields
    assert certificate.display_code in response.content.decode()


def test_it_stores_the_rendered_body_when_a_lesson_is_saved(office, world):
    lesson = world.lesson

    response = office.post(
        admin_url(type(lesson), "change", lesson.pk),
        {
            "module": lesson.module.pk, "title": lesson.title, "slug": lesson.slug,
            "order": 1, "body": "Remittances *grow*.", "minutes": 30, "is_published": "on",
            "release_at_0": "", "release_at_1": "",
            "resources-TOTAL_FORMS": 0, "resources-INITIAL_FORMS": 0,
            "resources-MIN_NUM_FORMS": 0, "resources-MAX_NUM_FORMS": 1000,
        },
    )  # fmt: skip

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.body_html == "<p>Remittances <em>grow</em>.</p>\n"


def applicants(edition: Edition, count: int) -> list[Enrolment]:
    return [
        f.EnrolmentFactory(user=f.StudentProfileFactory().user, edition=edition, status="submitted")
        for _ in range(count)
    ]


def run_action(office, action: str, enrolments: list[Enrolment]):
    return office.post(
        admin_url(Enrolment, "changelist"),
        {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: [e.pk for e in enrolments]},
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("admit_selected", "admitted"),
        ("waitlist_selected", "waitlisted"),
        ("reject_selected", "rejected"),
    ],
)
def test_it_decides_on_the_selected_applications(office, root, world, action, status):
    chosen = applicants(world.open_edition, 2)

    response = run_action(office, action, chosen)

    assert response.status_code == 302
    for enrolment in chosen:
        enrolment.refresh_from_db()
        assert enrolment.status == status
        transition = enrolment.transitions.get()
        assert (transition.from_status, transition.to_status) == ("submitted", status)
        assert transition.by == root
        assert enrolment.decided_at is not None
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]


def test_it_reports_each_application_it_could_not_admit(office, world):
    world.open_edition.capacity = 1
    world.open_edition.save(update_fields=["capacity"])
    first, second, third = applicants(world.open_edition, 3)

    response = run_action(office, "admit_selected", [first, second, third])

    statuses = sorted(Enrolment.objects.filter(edition=world.open_edition).values_list("status"))
    assert statuses == [("admitted",), ("submitted",), ("submitted",)]
    first.refresh_from_db()
    assert first.status == "admitted"
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert sorted(levels) == ["error", "error", "success"]


def test_it_asks_for_the_name_slug_and_start_of_the_copy(office, world):
    response = office.post(
        admin_url(Edition, "changelist"),
        {"action": "copy_into_new_edition", admin.helpers.ACTION_CHECKBOX_NAME: [world.edition.pk]},
    )

    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"name", "slug", "starts_on", "with_instructors"}
    assert Edition.objects.count() == 3


def copy_request(office, edition: Edition, slug: str):
    return office.post(
        admin_url(Edition, "changelist"),
        {
            "action": "copy_into_new_edition",
            admin.helpers.ACTION_CHECKBOX_NAME: [edition.pk],
            "apply": "1",
            "name": "2027-II",
            "slug": slug,
            "starts_on": (edition.starts_on + dt.timedelta(days=365)).isoformat(),
        },
    )


def test_it_copies_an_edition_from_the_action(office, world):
    response = copy_request(office, world.edition, "mig-2027-ii")

    copy = Edition.objects.get(slug="mig-2027-ii")
    assert response.status_code == 302
    assert response.url == admin_url(Edition, "change", copy.pk)
    assert copy.copied_from == world.edition
    assert copy.status == Edition.Status.DRAFT
    assert copy.modules.count() == 2


def test_it_keeps_the_copy_form_when_the_slug_is_taken(office, world):
    response = copy_request(office, world.edition, world.open_edition.slug)

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Edition.objects.count() == 3


def test_it_copies_only_one_edition_at_a_time(office, world):
    response = office.post(
        admin_url(Edition, "changelist"),
        {
            "action": "copy_into_new_edition",
            admin.helpers.ACTION_CHECKBOX_NAME: [world.edition.pk, world.open_edition.pk],
        },
    )

    assert response.status_code == 302
    assert Edition.objects.count() == 3


def test_it_refuses_to_delete_a_module_with_student_progress(office, world):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)

    response = office.post(admin_url(Module, "delete", world.module.pk), {"post": "yes"})

    assert response.status_code == 200
    assert response.context["protected"]
    assert Module.objects.filter(pk=world.module.pk).exists()


def test_it_refuses_to_bulk_delete_modules_with_student_progress(office, world):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)

    response = office.post(
        admin_url(Module, "changelist"),
        {
            "action": "delete_selected",
            admin.helpers.ACTION_CHECKBOX_NAME: [world.module.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 200
    assert response.context["protected"]
    assert Module.objects.filter(pk=world.module.pk).exists()


def test_it_shows_the_grade_history_of_a_submission(office):
    one_of_each()
    submission = Submission.objects.get()
    submission.points = Decimal(17)
    submission.save(update_fields=["points"])

    response = office.get(admin_url(Submission, "history", submission.pk))

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2
    assert "17" in response.content.decode()


def test_it_takes_the_name_and_size_of_an_uploaded_document(office, world):
    upload = SimpleUploadedFile("cv-ana.pdf", b"%PDF-1.4 curriculum", "application/pdf")

    response = office.post(
        admin_url(ApplicationDocument, "add"),
        {"enrolment": world.ana_enrolment.pk, "kind": "cv", "file": upload, "original_name": ""},
    )

    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert (document.original_name, document.size) == ("cv-ana.pdf", 19)
