"""A module's discussion: who reads and writes it, threads and replies, edits, moderation,
reports, unread markers, search and pagination."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import DiscussionPost, DiscussionThread, PostReport, PostRevision
from students import discussions


def _url(world, name="index", module=None, **kwargs) -> str:
    module = module or world.module
    return reverse(
        f"discussions:{name}",
        kwargs={"edition": module.edition.slug, "module": module.slug, **kwargs},
    )


def _thread(world, author=None, title="¿Qué convenio ratificó el Perú?", body="Pregunta.", **kw):
    return discussions.start_thread(
        module=world.module, author=author or world.ana, title=title, body=body, **kw
    )


# Who ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["ana", "bruno", "ivan", "gus", "cora", "root"])
def test_it_opens_the_discussion_to_the_module_readers(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(_url(world)).status_code == 200


@pytest.mark.parametrize("persona", ["carla", "olga", "pablo"])
def test_it_keeps_everyone_else_out(client, world, persona):
    thread = _thread(world)
    client.force_login(getattr(world, persona))
    assert client.get(_url(world)).status_code == 403
    assert client.get(_url(world, "thread-detail", thread=thread.pk)).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(_url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_guest_instructor_moderates_the_module_they_teach_only(client, world):
    thread = _thread(world)
    other = discussions.start_thread(
        module=world.other_module, author=world.bruno, title="Remesas", body="Hola"
    )
    client.force_login(world.gus)
    response = client.post(_url(world, "thread-moderate", thread=thread.pk), {"action": "lock"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_locked
    url = _url(world, "thread-moderate", module=world.other_module, thread=other.pk)
    assert client.post(url, {"action": "lock"}).status_code == 403
    other.refresh_from_db()
    assert not other.is_locked


def test_a_student_cannot_moderate(client, world):
    thread = _thread(world, author=world.bruno)
    post = thread.posts.get()
    client.force_login(world.ana)
    assert (
        client.post(_url(world, "thread-moderate", thread=thread.pk), {"action": "pin"}).status_code
        == 403
    )
    assert client.post(_url(world, "post-hide", post=post.pk), {"reason": "x"}).status_code == 403
    assert client.get(_url(world, "reports")).status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden


def test_a_thread_of_another_module_is_not_found_through_this_one(client, world):
    other = discussions.start_thread(
        module=world.other_module, author=world.bruno, title="Remesas", body="Hola"
    )
    client.force_login(world.ivan)
    assert client.get(_url(world, "thread-detail", thread=other.pk)).status_code == 404


# Threads and replies ------------------------------------------------------------------------


def test_a_student_starts_a_thread_about_a_lesson_and_follows_it(client, world):
    client.force_login(world.ana)
    response = client.post(
        _url(world, "thread-new"),
        {
            "title": "  ¿Qué obligaciones   genera el Convenio 97? ",
            "body": "Según la **lección**, <script>alert(1)</script> ¿es vinculante?",
            "is_question": "on",
            "lesson": world.lesson.pk,
        },
    )
    thread = DiscussionThread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(world, "thread-detail", thread=thread.pk)
    assert thread.title == "¿Qué obligaciones genera el Convenio 97?"
    assert thread.is_question and thread.lesson == world.lesson and thread.author == world.ana
    post = thread.posts.get()
    assert "<strong>lección</strong>" in post.body_html and "<script" not in post.body_html
    assert thread.subscriptions.filter(user=world.ana).exists()

    page = client.get(response["Location"]).content.decode()
    assert "<strong>lección</strong>" in page and "<script>alert" not in page
    assert world.lesson.get_absolute_url() in page


def test_a_bad_thread_keeps_what_was_typed(client, world):
    client.force_login(world.ana)
    response = client.post(_url(world, "thread-new"), {"title": "", "body": "Mi texto largo"})
    assert response.status_code == 200
    assert "Mi texto largo" in response.content.decode()
    assert not DiscussionThread.objects.exists()


def test_the_new_thread_form_offers_the_lesson_it_comes_from(client, world):
    client.force_login(world.ana)
    response = client.get(_url(world, "thread-new") + f"?lesson={world.lesson.slug}")
    assert response.context["form"].initial["lesson"] == world.lesson


def test_the_lesson_links_to_its_module_discussion(client, world):
    client.force_login(world.ana)
    page = client.get(world.lesson.get_absolute_url()).content.decode()
    assert _url(world) in page
    assert f"{_url(world, 'thread-new')}?lesson={world.lesson.slug}" in page


def test_the_module_page_links_to_its_discussion(client, world):
    client.force_login(world.ana)
    assert _url(world) in client.get(world.module.get_absolute_url()).content.decode()


def test_a_reply_goes_to_the_end_of_the_thread(client, world):
    thread = _thread(world)
    client.force_login(world.bruno)
    response = client.post(_url(world, "reply", thread=thread.pk), {"body": "Creo que *sí*."})
    post = thread.posts.last()
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{post.pk}")
    assert post.author == world.bruno and "<em>sí</em>" in post.body_html
    thread.refresh_from_db()
    assert thread.last_post_at == post.created_at


def test_an_empty_reply_keeps_the_form(client, world):
    thread = _thread(world)
    client.force_login(world.bruno)
    response = client.post(_url(world, "reply", thread=thread.pk), {"body": ""})
    assert response.status_code == 200
    assert thread.posts.count() == 1


def test_no_one_replies_to_a_locked_thread(client, world):
    thread = _thread(world)
    discussions.set_thread_flags(thread=thread, locked=True)
    client.force_login(world.bruno)
    response = client.post(_url(world, "reply", thread=thread.pk), {"body": "Tarde"})
    assert response.status_code == 302
    assert thread.posts.count() == 1
    page = client.get(_url(world, "thread-detail", thread=thread.pk)).content.decode()
    assert _url(world, "reply", thread=thread.pk) not in page


def test_instructors_posts_carry_a_badge(client, world):
    thread = _thread(world)
    discussions.reply(thread=thread, author=world.ivan, body="Respuesta del profesor")
    client.force_login(world.ana)
    response = client.get(_url(world, "thread-detail", thread=thread.pk))
    posts = response.context["posts"]
    assert [p.by_instructor for p in posts] == [False, True]
    assert response.content.decode().count("badge text-bg-info") == 1


@pytest.mark.parametrize("persona", ["ana", "ivan"])
def test_the_author_or_an_instructor_marks_the_answer(client, world, persona):
    thread = _thread(world, is_question=True)
    answer = discussions.reply(thread=thread, author=world.bruno, body="Sí, desde 1949")
    client.force_login(getattr(world, persona))
    client.post(_url(world, "thread-answer", thread=thread.pk, post=answer.pk))
    thread.refresh_from_db()
    assert thread.answered_post == answer
    client.post(_url(world, "thread-answer", thread=thread.pk, post=answer.pk))
    thread.refresh_from_db()
    assert thread.answered_post is None


def test_another_student_cannot_mark_the_answer(client, world):
    thread = _thread(world, is_question=True)
    answer = discussions.reply(thread=thread, author=world.ivan, body="Sí")
    client.force_login(world.bruno)
    response = client.post(_url(world, "thread-answer", thread=thread.pk, post=answer.pk))
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.answered_post is None


# Editing ------------------------------------------------------------------------------------


def test_the_author_edits_within_30_minutes_and_the_earlier_text_is_kept(client, world):
    thread = _thread(world, body="Primera versión")
    post = thread.posts.get()
    client.force_login(world.ana)
    response = client.post(_url(world, "post-edit", post=post.pk), {"body": "Segunda versión"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Segunda versión" and post.edited_at is not None
    assert list(PostRevision.objects.values_list("body", flat=True)) == ["Primera versión"]

    page = client.get(_url(world, "thread-detail", thread=thread.pk)).content.decode()
    assert "Segunda versión" in page and "Primera versión" not in page
    client.force_login(world.ivan)
    page = client.get(_url(world, "thread-detail", thread=thread.pk)).content.decode()
    assert "Primera versión" in page  # moderators see the earlier texts


def test_after_30_minutes_the_post_stays_as_it_is(client, world):
    thread = _thread(world, body="Texto")
    post = thread.posts.get()
    DiscussionPost.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=31)
    )
    client.force_login(world.ana)
    response = client.post(_url(world, "post-edit", post=post.pk), {"body": "Cambiado"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Texto" and not PostRevision.objects.exists()


def test_no_one_edits_someone_elses_post(client, world):
    post = _thread(world, body="Texto").posts.get()
    for persona in ("bruno", "ivan"):
        client.force_login(getattr(world, persona))
        client.post(_url(world, "post-edit", post=post.pk), {"body": "Cambiado"})
    post.refresh_from_db()
    assert post.body == "Texto"


# Moderation ---------------------------------------------------------------------------------


def test_a_hidden_post_stays_stored_and_moderators_still_read_it(client, world):
    thread = _thread(world)
    post = discussions.reply(thread=thread, author=world.bruno, body="Insulto fuera de lugar")
    client.force_login(world.cora)
    response = client.post(_url(world, "post-hide", post=post.pk), {"reason": "Falta de respeto"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == world.cora
    assert post.hidden_reason == "Falta de respeto" and post.body == "Insulto fuera de lugar"
    assert (
        "Insulto fuera de lugar"
        in client.get(_url(world, "thread-detail", thread=thread.pk)).content.decode()
    )

    client.force_login(world.ana)
    url = _url(world, "thread-detail", thread=thread.pk)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Insulto fuera de lugar" not in page
    assert "Hidden by a moderator." in page


def test_hiding_needs_a_reason(client, world):
    post = _thread(world).posts.get()
    client.force_login(world.ivan)
    response = client.post(_url(world, "post-hide", post=post.pk), {"reason": ""})
    assert response.status_code == 200
    post.refresh_from_db()
    assert not post.is_hidden


def test_a_moderator_shows_a_hidden_post_again(client, world):
    post = _thread(world).posts.get()
    discussions.hide_post(post=post, by=world.ivan, reason="Error")
    client.force_login(world.ivan)
    client.post(_url(world, "post-unhide", post=post.pk))
    post.refresh_from_db()
    assert not post.is_hidden and post.hidden_reason == ""


def test_pinned_threads_come_first(client, world):
    first = _thread(world, title="Primero")
    _thread(world, title="Segundo")
    client.force_login(world.ivan)
    client.post(_url(world, "thread-moderate", thread=first.pk), {"action": "pin"})
    response = client.get(_url(world))
    assert [t.title for t in response.context["threads"]] == ["Primero", "Segundo"]


def test_a_reader_reports_a_post_and_moderators_see_the_open_reports(client, world):
    thread = _thread(world, author=world.bruno, body="Publicidad de una casa de cambio")
    post = thread.posts.get()
    client.force_login(world.ana)
    assert client.get(_url(world, "post-report", post=post.pk)).status_code == 200
    client.post(_url(world, "post-report", post=post.pk), {"reason": "Es publicidad"})
    client.post(_url(world, "post-report", post=post.pk), {"reason": "Otra vez"})
    assert PostReport.objects.filter(handled=False).count() == 1

    client.force_login(world.ivan)
    response = client.get(_url(world, "reports"))
    assert [r.reason for r in response.context["reports"]] == ["Es publicidad"]
    report = PostReport.objects.get()
    client.post(_url(world, "report-handle", report=report.pk))
    report.refresh_from_db()
    assert report.handled and report.handled_by == world.ivan
    assert not client.get(_url(world, "reports")).context["reports"]


def test_hiding_a_post_closes_its_reports(world):
    post = _thread(world, author=world.bruno).posts.get()
    discussions.report_post(post=post, reporter=world.ana, reason="Spam")
    discussions.hide_post(post=post, by=world.ivan, reason="Spam")
    assert PostReport.objects.get().handled


# Unread, search, pages ----------------------------------------------------------------------


def test_threads_with_posts_since_the_last_visit_are_marked_unread(client, world):
    thread = _thread(world, author=world.bruno)
    client.force_login(world.ana)
    assert client.get(_url(world)).context["threads"][0].is_unread
    client.get(_url(world, "thread-detail", thread=thread.pk))
    assert not client.get(_url(world)).context["threads"][0].is_unread
    discussions.reply(thread=thread, author=world.bruno, body="Nuevo")
    assert client.get(_url(world)).context["threads"][0].is_unread
    # The author's own reply leaves the thread read for them.
    client.force_login(world.bruno)
    assert not client.get(_url(world)).context["threads"][0].is_unread


def test_it_searches_titles_and_posts_of_the_module_only(client, world):
    _thread(world, title="Remesas familiares", body="Hola")
    convenio = _thread(world, title="Pregunta", body="Sobre el CONVENIO 143")
    discussions.start_thread(
        module=world.other_module, author=world.bruno, title="Convenio", body="Convenio"
    )
    hidden = _thread(world, title="Otra", body="convenio escondido").posts.get()
    discussions.hide_post(post=hidden, by=world.ivan, reason="x")
    client.force_login(world.ana)
    response = client.get(_url(world), {"q": "convenio"})
    assert [t.pk for t in response.context["threads"]] == [convenio.pk]
    client.force_login(world.ivan)
    assert len(client.get(_url(world), {"q": "convenio"}).context["threads"]) == 2


def test_threads_and_posts_come_in_pages(client, world):
    thread = _thread(world)
    for number in range(discussions.POSTS_PER_PAGE + 5):
        discussions.reply(thread=thread, author=world.bruno, body=f"Respuesta {number}")
    for number in range(discussions.THREADS_PER_PAGE):
        _thread(world, title=f"Tema {number}")
    client.force_login(world.ana)
    assert len(client.get(_url(world)).context["threads"]) == discussions.THREADS_PER_PAGE
    assert len(client.get(_url(world), {"page": 2}).context["threads"]) == 1
    url = _url(world, "thread-detail", thread=thread.pk)
    assert len(client.get(url).context["posts"]) == discussions.POSTS_PER_PAGE
    assert len(client.get(url, {"page": 2}).context["posts"]) == 6


# Constant queries ---------------------------------------------------------------------------


def _fill(world, posts: int) -> DiscussionThread:
    """A module with `posts` posts in threads of 50, read by ana now and then."""
    now = timezone.now()
    thread = None
    users = [world.ana, world.bruno, world.ivan]
    rows = []
    for number in range(posts):
        if number % 50 == 0:
            thread = DiscussionThread.objects.create(
                module=world.module, author=users[number % 3], title=f"Tema {number}",
                is_question=True, lesson=world.lesson,
            )  # fmt: skip
        post = DiscussionPost(
            thread=thread, author=users[number % 3], body=f"Mensaje {number}",
            created_at=now - dt.timedelta(minutes=posts - number),
        )  # fmt: skip
        post.render_body()
        rows.append(post)
    DiscussionPost.objects.bulk_create(rows)
    first = DiscussionPost.objects.filter(thread=thread).first()
    discussions.hide_post(post=first, by=world.ivan, reason="x")
    PostRevision.objects.create(post=first, body="antes")
    DiscussionPost.objects.filter(pk=first.pk).update(edited_at=now)
    return thread


@pytest.mark.parametrize("persona", ["ana", "ivan"])
@pytest.mark.parametrize("size", [10, 500])
def test_the_discussion_pages_run_the_same_queries_at_10_and_500_posts(
    client, world, django_assert_num_queries, persona, size
):
    thread = _fill(world, size)
    user = getattr(world, persona)
    discussions.subscribe(user=user, module=world.module)
    client.force_login(user)
    client.get(_url(world))  # the session is read the same way every time after this
    # user, (module: remembered for a student), thread count, threads, module subscription,
    # (open reports)
    with django_assert_num_queries(4 if persona == "ana" else 6):
        assert client.get(_url(world)).status_code == 200
    with django_assert_num_queries(4 if persona == "ana" else 6):
        assert client.get(_url(world), {"q": "Mensaje"}).status_code == 200
    # user, (module), thread, post count, posts, (earlier texts), read mark, subscription
    url = _url(world, "thread-detail", thread=thread.pk)
    client.get(url)
    with django_assert_num_queries(6 if persona == "ana" else 8):
        assert client.get(url).status_code == 200
