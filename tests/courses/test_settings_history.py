"""The history of the settings that change grades: written by every save, in the teaching
workspace as in the admin, and read by coordinators beside the grade formula."""

from decimal import Decimal

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Module, Quiz
from diploma.models import Programme
from tests import factories as f
from tests.courses.test_teach_access import teach_url
from tests.courses.test_teach_module_settings import settings_data


def history_url(world) -> str:
    return reverse("assess:settings-history", args=[world.edition.slug, world.module.slug])


def admin_form_data(response) -> dict:
    """What the admin's change form would post back unchanged, inlines included."""
    bound = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        bound += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in bound:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, forms.MultiWidget):
                for index, part in enumerate(field.field.widget.decompress(value)):
                    data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value
    return data


def test_it_records_who_changed_the_module_weight_in_the_workspace(client, world):
    client.force_login(world.ivan)

    response = client.post(teach_url("module-settings", world), settings_data(weight="2.5"))

    assert response.status_code == 302
    world.module.refresh_from_db()
    assert world.module.weight == Decimal("2.5")
    before, after = world.module.history.order_by("-history_date", "-history_id")[:2][::-1]
    assert (before.weight, after.weight) == (Decimal("1"), Decimal("2.5"))
    assert after.history_user == world.ivan


def test_it_records_who_changed_a_quiz_weight_in_the_admin(client, world):
    quiz = f.QuizFactory(module=world.module, title="Key concepts", kinds=["single"])
    client.force_login(world.root)
    url = reverse("admin:courses_quiz_change", args=[quiz.pk])
    data = admin_form_data(client.get(url))

    response = client.post(url, {**data, "weight": "3"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    quiz.refresh_from_db()
    assert quiz.weight == Decimal("3")
    last = quiz.history.latest()
    assert (last.history_type, last.weight, last.history_user) == ("~", Decimal("3"), world.root)
    assert client.get(reverse("admin:courses_quiz_history", args=[quiz.pk])).status_code == 200


def test_it_records_the_programme_s_pass_rules_in_the_admin(client, world):
    client.force_login(world.root)
    url = reverse("admin:diploma_programme_change", args=[world.programme.pk])
    data = admin_form_data(client.get(url))

    response = client.post(url, {**data, "pass_grade": "13"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    last = Programme.history.filter(id=world.programme.pk).latest()
    assert (last.pass_grade, last.history_user) == (Decimal("13"), world.root)
    history = client.get(reverse("admin:diploma_programme_history", args=[world.programme.pk]))
    assert history.status_code == 200


def test_it_shows_coordinators_who_changed_what_from_what_to_what(client, world):
    client.force_login(world.ivan)
    client.post(teach_url("module-settings", world), settings_data(weight="2.5"))
    client.force_login(world.cora)

    response = client.get(history_url(world), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    change = response.context["page"][0]
    assert (change.who, change.field, change.old, change.new) == (
        world.ivan.get_full_name(),
        "Weight in the final grade",
        "1",
        "2.50",
    )
    html = response.content.decode()
    assert world.ivan.get_full_name() in html
    assert "Weight in the final grade" in html


def test_it_formats_values_in_the_active_language(client, world):
    client.force_login(world.ivan)
    client.post(teach_url("module-settings", world), settings_data(weight="2.5"))
    client.force_login(world.cora)

    response = client.get(history_url(world), HTTP_ACCEPT_LANGUAGE="es")

    assert response.context["page"][0].new == "2,50"


def test_it_lists_the_items_and_the_pass_rules_newest_first(client, world):
    quiz = f.QuizFactory(module=world.module, title="Key concepts")
    question = f.QuestionFactory(quiz=quiz, text="Where is IOM based?")
    assignment = f.AssignmentFactory(module=world.module, title="Policy brief")
    f.QuizFactory(module=world.other_module, title="Not this module").delete()
    quiz.weight = Decimal("2")
    quiz.save()
    question.points = Decimal("4")
    question.save()
    assignment.late_policy = assignment.LatePolicy.CUTOFF
    assignment.save()
    world.programme.require_all_required_modules = False
    world.programme.save()
    client.force_login(world.root)

    response = client.get(history_url(world), HTTP_ACCEPT_LANGUAGE="en")

    changed = [
        (change.subject, change.field, change.old, change.new)
        for change in response.context["page"]
        if change.action == "~"
    ]
    assert changed == [
        ("Programme “International Migration, Globalization and Development”",
         "All required modules must be passed", "Yes", "No"),
        ("Assignment “Policy brief”", "Late policy",
         "Accept late work with a penalty per day", "Refuse after the cut-off date"),
        ("Question “Where is IOM based?” of “Key concepts”", "Points", "2", "4"),
        ("Quiz “Key concepts”", "Weight in the module grade", "1", "2"),
    ]  # fmt: skip
    assert "Not this module" not in response.content.decode()


def test_it_reads_the_history_in_a_constant_number_of_queries(client, world):
    client.force_login(world.cora)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(history_url(world)).status_code == 200
        return len(captured)

    few = queries()
    for n in range(4):
        quiz = f.QuizFactory(module=world.module, kinds=["single", "essay"])
        quiz.weight = Decimal(n + 2)
        quiz.save()
        f.AssignmentFactory(module=world.module)

    assert queries() == few


def test_it_pages_the_changes_by_fifty(client, world):
    module = Module.objects.get(pk=world.module.pk)
    for weight in range(1, 62):
        module.weight = Decimal(weight + 1)
        module.save(update_fields=["weight"])
    client.force_login(world.cora)

    first = client.get(history_url(world))
    second = client.get(history_url(world), {"page": 2})

    # 61 changes, and the values the programme and the module were created with
    assert first.context["page"].paginator.count == 61 + 5 + 2
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 18
    assert first.context["page"][0].new == "62"


@pytest.mark.parametrize("persona", ["ivan", "gus", "olga", "ana", "pablo"])
def test_it_refuses_the_history_to_everyone_but_coordinators_and_staff(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(history_url(world)).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(history_url(world))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_it_answers_405_to_a_post(client, world):
    client.force_login(world.cora)

    assert client.post(history_url(world)).status_code == 405


def test_it_links_the_history_beside_the_formula_for_coordinators_only(client, world):
    f.QuizFactory(module=world.module, kinds=["single"])
    overview = reverse("assess:overview", args=[world.edition.slug, world.module.slug])
    for persona, shown in (("cora", True), ("root", True), ("ivan", False), ("gus", False)):
        client.force_login(getattr(world, persona))
        for url in (overview, teach_url("gradebook", world)):
            html = client.get(url).content.decode()
            assert (history_url(world) in html) is shown, (persona, url)


def test_it_does_not_count_a_save_that_changes_no_grade_setting(client, world):
    quiz = Quiz.objects.create(module=world.module, title="Drafted", slug="drafted")
    quiz.instructions = "Now with instructions."
    quiz.save()
    client.force_login(world.cora)

    response = client.get(history_url(world), HTTP_ACCEPT_LANGUAGE="en")

    drafted = [change for change in response.context["page"] if "Drafted" in change.subject]
    assert [(change.action, change.old) for change in drafted] == [("+", "—"), ("+", "—")]
