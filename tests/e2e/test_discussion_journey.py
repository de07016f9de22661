"""A student asks in the module's discussion and follows it; the instructor answers, marks the
answer, hides a post and locks the thread."""

from courses.models import DiscussionPost, DiscussionSubscription, DiscussionThread
from tests.e2e.conftest import login
from tests.factories import PASSWORD


def _submit(visit, page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()
    visit.check(page)


def test_a_question_is_asked_answered_and_moderated(visit, e2e_world):
    world = e2e_world
    page = visit.new_page()
    login(visit, page, "ana", PASSWORD)
    visit.goto(page, world.lesson.get_absolute_url())
    page.locator(f"main a[href$='?lesson={world.lesson.slug}']").click()
    page.wait_for_load_state()
    visit.check(page)
    page.fill("input[name=title]", "¿Quién migra más: mujeres u hombres?")
    page.fill("textarea[name=body]", "Según la **lección**, ¿cambia por región?")
    page.check("input[name=is_question]")
    _submit(visit, page, "main form button[type=submit].btn-primary")
    thread = DiscussionThread.objects.get()
    assert thread.lesson == world.lesson and thread.is_question
    assert page.locator("main strong", has_text="lección").count() == 1

    page.locator("main a", has_text=world.module.title).first.click()  # breadcrumb
    page.wait_for_load_state()
    page.locator("main a[href$='/discussions/']").first.click()
    page.wait_for_load_state()
    visit.check(page)
    _submit(visit, page, "main form[action$='/follow/'] button")
    assert DiscussionSubscription.objects.filter(user=world.ana, module=world.module).exists()

    page.context.clear_cookies()
    login(visit, page, "bruno", PASSWORD)
    visit.goto(page, f"/learn/{world.edition.slug}/{world.module.slug}/discussions/{thread.pk}/")
    page.fill("textarea[name=body]", "Compra seguidores baratos aquí")
    _submit(visit, page, "main form[action$='/reply/'] button")

    page.context.clear_cookies()
    login(visit, page, "ivan", PASSWORD)
    visit.goto(page, f"/learn/{world.edition.slug}/{world.module.slug}/discussions/{thread.pk}/")
    page.fill("textarea[name=body]", "Depende de la región: lo vemos en la sesión.")
    _submit(visit, page, "main form[action$='/reply/'] button")
    answer = thread.posts.get(author=world.ivan)
    _submit(visit, page, f"main form[action$='/answer/{answer.pk}/'] button")
    spam = thread.posts.get(author=world.bruno)
    page.locator(f"#post-{spam.pk} a[href$='/hide/']").click()
    page.wait_for_load_state()
    visit.check(page)
    page.fill("input[name=reason]", "Publicidad")
    _submit(visit, page, "main form button.btn-danger")
    _submit(visit, page, "main form[action$='/moderate/'] button[value=lock]")

    thread.refresh_from_db()
    assert thread.answered_post == answer and thread.is_locked
    assert DiscussionPost.objects.get(pk=spam.pk).is_hidden
    assert page.locator("main form[action$='/reply/']").count() == 0
