"""The report pages and exports: partners read aggregates of their programmes only, never a
name, an e-mail, an organisation or a survey comment; coordinators read theirs in the office."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from students.models import SurveyAnswer, SurveyResponse, SurveyStatement
from students.reports import cache as report_cache
from tests import factories as f
from tests.students.test_reports import add_students

FORMATS = ("csv", "xlsx", "pdf")
COMMENT = "Las sesiones del jueves fueron demasiado largas"


def _partner_urls(w) -> list[str]:
    urls = [
        reverse("partners:home"),
        reverse("partners:programme", args=[w.programme.slug]),
        reverse("partners:edition", args=[w.edition.slug]),
    ]
    for file_format in FORMATS:
        urls.append(reverse("partners:programme-export", args=[w.programme.slug, file_format]))
        urls.append(reverse("partners:edition-export", args=[w.edition.slug, file_format]))
    return urls


def _text(response) -> str:
    if response["Content-Type"].startswith("application/pdf"):
        return "\n".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
    if "spreadsheet" in response["Content-Type"]:
        sheet = load_workbook(io.BytesIO(response.content)).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    return response.content.decode()


@pytest.fixture
def full_edition(world):
    enrolments = add_students(world.edition, 7)
    statement = SurveyStatement.objects.create(
        programme=world.programme, scope="edition", kind="text",
        text_en="What would you change?", text_es="¿Qué cambiaría?",
    )  # fmt: skip
    response = SurveyResponse.objects.create(enrolment=enrolments[0])
    SurveyAnswer.objects.create(response=response, statement=statement, text=COMMENT)
    return enrolments


def test_a_partner_never_reads_a_name_an_email_an_organisation_or_a_comment(
    client, world, full_edition
):
    client.force_login(world.pablo)
    people = [e.user for e in full_edition] + [world.ana, world.bruno, world.carla]
    for user in people[-3:]:  # names no page shows for another reason ("English" is one)
        user.last_name = f"Apellido-{user.username}"
        user.save(update_fields=["last_name"])
    secrets = {COMMENT, "Ministerio de Relaciones Exteriores"}
    for user in people:
        secrets |= {user.email, user.username, user.get_full_name(), user.last_name}

    for url in _partner_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        # As whole words: a last name such as "Ali" is also part of the word "Aliados".
        leaked = [s for s in secrets if s and re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not leaked, (url, leaked)


def test_a_coordinator_reads_the_comments_without_a_name(client, world, full_edition):
    client.force_login(world.cora)

    response = client.get(reverse("office:report-edition", args=[world.edition.slug]))

    assert COMMENT in response.content.decode()
    assert full_edition[0].user.get_full_name() not in response.content.decode()


def test_a_partner_of_another_institution_gets_nothing(client, world):
    other = f.UserFactory(username="otto")
    f.PartnerStaffFactory(user=other, institution=f.InstitutionFactory(name="Other"))
    client.force_login(other)

    assert client.get(reverse("partners:home")).status_code == 200
    denied = [url for url in _partner_urls(world)[1:] if client.get(url).status_code != 404]
    assert not denied


def test_a_partner_gets_nothing_of_a_programme_its_institution_does_not_support(client, world):
    client.force_login(world.pablo)

    assert (
        client.get(reverse("partners:edition", args=[world.other_edition.slug])).status_code == 404
    )
    response = client.get(reverse("partners:programme", args=["labour-migration"]))
    assert response.status_code == 404


def test_a_partner_lists_the_programmes_of_its_institution(client, world):
    client.force_login(world.pablo)

    page = client.get(reverse("partners:home")).content.decode()

    assert world.programme.title in page
    assert "Labour Migration" not in page


def test_an_unknown_export_format_is_not_found(client, world):
    client.force_login(world.pablo)

    url = reverse("partners:edition-export", args=[world.edition.slug, "docx"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [10, 100])
def test_the_edition_page_runs_the_same_queries_whatever_the_size(
    client, world, size, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(report_cache, "REPORT_SECONDS", 0)  # computed on every request
    add_students(world.edition, size)
    client.force_login(world.pablo)
    url = reverse("partners:edition", args=[world.edition.slug])
    client.get(url)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_a_report_is_computed_once_for_its_readers_and_says_when(
    client, world, django_assert_num_queries
):
    url = reverse("partners:edition", args=[world.edition.slug])
    client.force_login(world.pablo)
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.cora)
    office_url = reverse("office:report-edition", args=[world.edition.slug])
    client.get(office_url, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.pablo)

    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        again = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert again.context["report"].as_of == first.context["report"].as_of
    assert "Figures as of" in again.content.decode()


PAGE_QUERIES = 17  # with the modules to pick from
# The session, the user, the edition and its modules: the figures come from the cache.
CACHED_PAGE_QUERIES = 4


def test_the_survey_editor_saves_statements_in_both_languages(client, world):
    client.force_login(world.cora)
    url = reverse("office:survey-statements", args=[world.programme.slug])
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0",
        "form-0-scope": "module", "form-0-kind": "scale", "form-0-order": "1",
        "form-0-text_es": "El módulo fue útil para mi trabajo",
        "form-0-text_en": "The module was useful for my work", "form-0-is_active": "on",
    }  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302
    statement = SurveyStatement.objects.get(programme=world.programme)
    assert statement.text_en == "The module was useful for my work"


def _module_url(w, name="partners:edition", *args) -> str:
    return reverse(name, args=[w.edition.slug, *args]) + f"?module={w.module.slug}"


@pytest.fixture
def module_survey(world):
    """Six women who finished the module's lessons; five of them rated its survey."""
    enrolments = add_students(world.edition, 6)
    statement = SurveyStatement.objects.create(
        programme=world.programme, scope="module", kind="scale",
        text_en="The module was useful for my work", text_es="El módulo fue útil",
    )  # fmt: skip
    for n, enrolment in enumerate(enrolments):
        f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)
        if n < 5:
            response = SurveyResponse.objects.create(enrolment=enrolment, module=world.module)
            SurveyAnswer.objects.create(response=response, statement=statement, score=4 + n % 2)
    return enrolments


def test_a_module_picked_in_the_url_shows_its_figures_by_gender(client, world, module_survey):
    client.force_login(world.pablo)

    page = client.get(_module_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'<option value="{world.module.slug}" selected>' in page
    assert "Module: Migration policy" in page
    focus = page.split('id="focus-heading"', 1)[1].split("</section>", 1)[0]
    assert "Finished the lessons" in focus and "The module was useful for my work" in focus
    assert ">4.4<" in focus  # the five women's mean, shown: a group of five
    by_module = page.split('id="modules-heading"', 1)[1].split("</section>", 1)[0]
    assert "Migration policy" in by_module and world.other_module.title not in by_module


def test_the_module_filter_works_in_the_office_and_in_every_export(client, world, module_survey):
    client.force_login(world.cora)
    office = client.get(_module_url(world, "office:report-edition"), HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.pablo)
    csv = client.get(_module_url(world, "partners:edition-export", "csv"),
                     HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")  # fmt: skip

    assert "Module: Migration policy" in office.content.decode()
    assert "Enrolled, finished the lessons and passed, by gender" in csv
    assert "Survey of the module: mean (1 to 5) by gender" in csv


def test_an_unknown_module_shows_the_whole_edition(client, world):
    client.force_login(world.pablo)
    url = reverse("partners:edition", args=[world.edition.slug]) + "?module=nope"

    response = client.get(url)

    assert response.status_code == 200
    assert 'id="focus-heading"' not in response.content.decode()


@pytest.mark.parametrize("size", [10, 60])
def test_a_module_report_runs_the_same_queries_whatever_the_size(
    client, world, size, django_assert_num_queries, monkeypatch
):
    add_students(world.edition, size)
    client.force_login(world.pablo)
    monkeypatch.setattr(report_cache, "REPORT_SECONDS", 0)
    url = _module_url(world)
    client.get(url)
    with django_assert_num_queries(PAGE_QUERIES + 3):
        assert client.get(url).status_code == 200


def test_the_worker_prepares_the_reports_of_current_editions_for_their_readers(
    client, world, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert report_cache.prepare_reports.call() >= 1

    client.force_login(world.pablo)
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        response = client.get(reverse("partners:edition", args=[world.edition.slug]))
    assert response.status_code == 200


def test_a_programme_report_and_its_exports_state_the_rule_over_editions(client, world):
    client.force_login(world.pablo)
    over_editions = "wherever the report of one of them hides part of it"
    for url in (
        reverse("partners:programme", args=[world.programme.slug]),
        reverse("partners:programme-export", args=[world.programme.slug, "csv"]),
    ):
        assert over_editions in _text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    edition = client.get(
        reverse("partners:edition", args=[world.edition.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert over_editions not in _text(edition)
