"""The evaluation surveys: a student of the edition answers each once, when it is open; bad
input keeps what was typed; the dashboard's list shows what is still to answer."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from students import surveys
from students.models import Enrolment, SurveyAnswer, SurveyResponse, SurveyStatement
from tests import factories as f

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def statements(world):
    def make(scope, kind, text, order):
        return SurveyStatement.objects.create(
            programme=world.programme, scope=scope, kind=kind, order=order,
            text_en=text, text_es=f"ES {text}",
        )  # fmt: skip

    return {
        "useful": make("module", "scale", "The module was useful for my work", 1),
        "clear": make("module", "scale", "The lessons were clear", 2),
        "change": make("module", "text", "What would you change?", 3),
        "overall": make("edition", "scale", "I would recommend the diploma", 1),
    }


def _module_url(w) -> str:
    return reverse("surveys:module", args=[w.edition.slug, w.module.slug])


def _edition_url(w) -> str:
    return reverse("surveys:edition", args=[w.edition.slug])


def _finish_module(w, user=None) -> None:
    enrolment = Enrolment.objects.get(user=user or w.ana, edition=w.edition)
    f.LessonProgressFactory(enrolment=enrolment, lesson=w.lesson)


def _answers(statements, **overrides) -> dict:
    data = {
        f"statement-{statements['useful'].pk}": "5",
        f"statement-{statements['clear'].pk}": "3",
        f"statement-{statements['change'].pk}": "Más casos de la región andina",
    }
    return {**data, **overrides}


def test_it_stays_closed_until_the_student_has_done_the_modules_lessons(client, world, statements):
    client.force_login(world.ana)

    page = client.get(_module_url(world), **EN).content.decode()
    response = client.post(_module_url(world), _answers(statements), **EN)

    assert "This survey opens when you have done every lesson" in page
    assert "<form" not in page.split("<main", 1)[-1].split("</main>")[0]
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_it_opens_once_the_modules_last_live_session_is_over(client, world, statements):
    world.session.starts_at = timezone.now() - dt.timedelta(days=2)
    world.session.ends_at = world.session.starts_at + dt.timedelta(hours=2)
    world.session.save()
    client.force_login(world.ana)

    page = client.get(_module_url(world), **EN).content.decode()

    assert "The module was useful for my work" in page


def test_it_asks_each_statement_as_a_labelled_radio_group(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)

    page = client.get(_module_url(world), **EN).content.decode()

    assert page.count("<fieldset") == 2
    assert '<legend class="fs-6 fw-semibold">The module was useful for my work</legend>' in page
    assert page.count('type="radio"') == 10
    assert "5, strongly agree" in page
    assert f'for="id_statement-{statements["change"].pk}"' in page


def test_it_records_the_answers_once_and_then_thanks_the_student(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)

    response = client.post(_module_url(world), _answers(statements), **EN)

    assert response.status_code == 302 and response["Location"] == _module_url(world)
    saved = SurveyResponse.objects.get()
    assert (saved.enrolment, saved.module) == (world.ana_enrolment, world.module)
    answers = {a.statement_id: (a.score, a.text) for a in SurveyAnswer.objects.all()}
    assert answers == {
        statements["useful"].pk: (5, ""),
        statements["clear"].pk: (3, ""),
        statements["change"].pk: (None, "Más casos de la región andina"),
    }
    page = client.get(_module_url(world), **EN).content.decode()
    assert "Thank you: your answers were saved." in page
    assert "You already answered this survey. Thank you!" in page
    assert 'type="radio"' not in page


def test_it_refuses_a_second_answer(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)
    client.post(_module_url(world), _answers(statements))

    again = client.post(_module_url(world), _answers(statements, **{
        f"statement-{statements['useful'].pk}": "1"}), **EN)  # fmt: skip

    assert again.status_code == 200
    assert "You already answered this survey" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SurveyAnswer.objects.get(statement=statements["useful"]).score == 5


def test_the_database_refuses_a_second_response_even_when_two_requests_race(world, statements):
    SurveyResponse.objects.create(enrolment=world.ana_enrolment, module=world.module)
    SurveyResponse.objects.create(enrolment=world.ana_enrolment)

    with pytest.raises(surveys.AlreadyAnswered):
        surveys.answer(enrolment=world.ana_enrolment, module=world.module, scores={}, texts={})
    with pytest.raises(surveys.AlreadyAnswered):
        surveys.answer(enrolment=world.ana_enrolment, module=None, scores={}, texts={})
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyAnswer.objects.create(
            response=SurveyResponse.objects.first(), statement=statements["useful"], score=6
        )
    assert SurveyResponse.objects.count() == 2


def test_bad_input_keeps_what_was_typed_with_a_translated_message(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)
    data = _answers(statements, **{f"statement-{statements['useful'].pk}": "9"})
    del data[f"statement-{statements['clear'].pk}"]

    response = client.post(_module_url(world), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()
    assert "Más casos de la región andina</textarea>" in page
    assert 'aria-invalid="true"' in page
    assert "Elija un número del 1 al 5." in page or "Choose a number from 1 to 5." in page
    assert "Escoja una opción válida" in page  # Django's own message, in Spanish


def test_bad_input_keeps_the_other_choices_checked(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)
    data = _answers(statements)
    del data[f"statement-{statements['useful'].pk}"]

    page = client.post(_module_url(world), data).content.decode()

    assert f'id="id_statement-{statements["clear"].pk}_2" value="3" checked' in page


@pytest.mark.parametrize("who", ["ivan", "cora", "root"])
def test_only_students_of_the_edition_answer(client, world, statements, who):
    _finish_module(world)
    client.force_login(getattr(world, who))

    assert client.get(_module_url(world)).status_code == 403
    assert client.post(_edition_url(world), {}).status_code == 403


def test_a_student_of_another_edition_or_a_partner_gets_nothing(client, world, statements):
    for user in (world.carla, world.pablo):
        client.force_login(user)
        assert client.get(_module_url(world)).status_code == 403
        assert client.get(_edition_url(world)).status_code == 404


def test_a_withdrawn_student_may_not_answer(client, world, statements):
    _finish_module(world)
    Enrolment.objects.filter(pk=world.ana_enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.ana)

    response = client.post(_module_url(world), _answers(statements))

    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(_module_url(world))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_methods_are_refused(client, world):
    client.force_login(world.ana)

    assert client.put(_module_url(world)).status_code == 405


def test_the_edition_survey_opens_two_weeks_before_the_end(client, world, statements):
    client.force_login(world.ana)
    url = _edition_url(world)
    closed = client.get(url, **EN).content.decode()
    world.edition.ends_on = timezone.localdate() + dt.timedelta(days=10)
    world.edition.save()

    page = client.get(url, **EN).content.decode()
    response = client.post(url, {f"statement-{statements['overall'].pk}": "4"})

    assert "This survey opens on" in closed
    assert "I would recommend the diploma" in page
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.module is None and saved.answers.get().score == 4


def test_it_shows_the_statements_in_the_students_language(client, world, statements):
    _finish_module(world)
    client.force_login(world.ana)

    page = client.get(_module_url(world), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "ES The module was useful for my work" in page


def test_a_survey_without_statements_is_neither_offered_nor_asked(client, world):
    _finish_module(world)
    client.force_login(world.ana)

    page = client.get(_module_url(world), **EN).content.decode()

    assert "There is no survey to answer here." in page
    assert surveys.pending_for(world.ana) == []


def _pending_html(user) -> str:
    request = RequestFactory().get("/learn/")
    request.user = user
    return Template('{% include "students/surveys/_pending.html" %}').render(
        Context({"user": user, "request": request})
    )


def test_the_pending_list_links_to_what_is_open_and_not_yet_answered(client, world, statements):
    assert _pending_html(world.ana).strip() == ""
    _finish_module(world)

    listed = _pending_html(world.ana)
    client.force_login(world.ana)
    client.post(_module_url(world), _answers(statements))

    assert f'href="{_module_url(world)}"' in listed and "Migration policy" in listed
    assert "remittances" not in listed  # the other module's lessons are not done
    assert _pending_html(world.ana).strip() == ""
    assert _pending_html(world.bruno).strip() == ""


def test_the_pending_list_runs_the_same_queries_for_one_module_or_many(
    world, statements, django_assert_num_queries
):
    world.edition.ends_on = timezone.localdate() - dt.timedelta(days=1)
    world.edition.save()
    with django_assert_num_queries(4):
        few = surveys.pending_for(world.ana)
    for _ in range(5):
        f.ModuleFactory(edition=world.edition)
    f.EnrolmentFactory(user=world.ana, edition=world.open_edition)
    with django_assert_num_queries(4):
        many = surveys.pending_for(world.ana)

    assert len(few) == 3  # two modules and the edition, all open once the edition has ended
    assert len(many) == 8


def test_the_dashboard_lists_an_open_survey_until_it_is_answered(client, world, statements):
    client.force_login(world.ana)
    dashboard = reverse("learn:dashboard")
    assert f'href="{_module_url(world)}"' not in client.get(dashboard, **EN).content.decode()

    done = [world.edition.slug, world.module.slug, world.lesson.slug]
    client.post(reverse("learn:lesson-done", args=done))  # the module's only lesson
    assert f'href="{_module_url(world)}"' in client.get(dashboard, **EN).content.decode()

    client.post(_module_url(world), _answers(statements))
    assert f'href="{_module_url(world)}"' not in client.get(dashboard, **EN).content.decode()
