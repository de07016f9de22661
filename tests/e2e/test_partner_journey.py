"""IOM's partner staff log in to the partner area, read a programme's report and an edition's,
pick a module, and download the edition's CSV: aggregates only, never a student's name."""

import re
import subprocess

from django.urls import reverse

from students.models import SurveyAnswer, SurveyResponse, SurveyStatement
from tests import factories as f
from tests.e2e.conftest import login
from tests.factories import PASSWORD
from tests.security.test_html_validity import validator  # noqa: F401  (a fixture)
from tests.students.test_reports import add_students


def _full_report(world) -> list:
    """Seven more students, five of whom rated the module's survey."""
    enrolments = add_students(world.edition, 7)
    statement = SurveyStatement.objects.create(
        programme=world.programme, scope="module", kind="scale",
        text_en="The module was useful for my work", text_es="El módulo fue útil para mi trabajo",
    )  # fmt: skip
    for n, enrolment in enumerate(enrolments[:5]):
        f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)
        response = SurveyResponse.objects.create(enrolment=enrolment, module=world.module)
        SurveyAnswer.objects.create(response=response, statement=statement, score=3 + n % 3)
    # Names no page shows for another reason (a random last name can be "English").
    for user in (world.ana, world.bruno, world.carla):
        user.last_name = f"Apellido-{user.username}"
        user.save(update_fields=["last_name"])
    return [e.user for e in enrolments] + [world.ana, world.bruno, world.carla]


def _secrets(people) -> set[str]:
    return {s for u in people for s in (u.get_full_name(), u.email, u.last_name) if s}


def _open(visit, page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    visit.check(page)


def _leaked(secrets: set[str], text: str) -> list[str]:
    # As whole words: a last name such as "Chang" is also part of longer words.
    return [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]


def _no_names(page, secrets: set[str]) -> None:
    leaked = _leaked(secrets, page.content())
    assert not leaked, (page.url, leaked)


def test_a_partner_reads_the_reports_of_the_programmes_it_supports(visit, e2e_world):
    world = e2e_world
    secrets = _secrets(_full_report(world))
    page = visit.new_page()

    login(visit, page, "pablo", PASSWORD)

    assert page.url.endswith(reverse("partners:home"))
    visit.check(page)
    _no_names(page, secrets)
    assert "Labour Migration" not in page.content()

    _open(
        visit, page, f"main a[href='{reverse('partners:programme', args=[world.programme.slug])}']"
    )
    assert page.locator("svg[role=img] title").count() >= 1
    assert page.locator("table caption").count() >= 4
    _no_names(page, secrets)

    edition_url = reverse("partners:edition", args=[world.edition.slug])
    _open(visit, page, f"main a[href='{edition_url}']")
    assert page.locator("#funnel-heading").count() == 1
    _no_names(page, secrets)

    page.select_option("select[name=module]", world.module.slug)
    _open(visit, page, "form.report-filter button[type=submit]")
    assert page.url.endswith(f"{edition_url}?module={world.module.slug}")
    assert page.locator("#focus-heading").count() == 1
    assert page.locator(f"option[value='{world.module.slug}'][selected]").count() == 1
    _no_names(page, secrets)

    with page.expect_download() as download:
        page.locator("a[href*='report.csv']").first.click()
    path = download.value.path()
    csv = path.read_text(encoding="utf-8-sig")
    assert world.module.title in csv
    assert not _leaked(secrets, csv)


def test_the_partner_and_survey_pages_are_valid_html(e2e_world, client, tmp_path, validator):  # noqa: F811
    world = e2e_world
    _full_report(world)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    survey = reverse("surveys:module", args=[world.edition.slug, world.module.slug])
    edition = reverse("partners:edition", args=[world.edition.slug])
    pages = {
        "partners-home": (world.pablo, "get", reverse("partners:home")),
        "partners-programme": (
            world.pablo, "get", reverse("partners:programme", args=[world.programme.slug])
        ),
        "partners-edition": (world.pablo, "get", edition),
        "partners-module": (world.pablo, "get", f"{edition}?module={world.module.slug}"),
        "office-module": (
            world.cora, "get",
            reverse("office:report-edition", args=[world.edition.slug])
            + f"?module={world.module.slug}",
        ),
        "survey": (world.ana, "get", survey),
        "survey-errors": (world.ana, "post", survey),
        "survey-closed": (
            world.ana, "get", reverse("surveys:edition", args=[world.edition.slug])
        ),
    }  # fmt: skip
    for name, (user, method, url) in pages.items():
        client.force_login(user)
        response = getattr(client, method)(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
