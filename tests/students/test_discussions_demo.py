"""The demo's running edition has lively discussions."""

from courses.models import DiscussionPost, DiscussionThread, PostRevision
from diploma.demo.loader import load_demo


def test_the_demo_edition_has_questions_answers_a_hidden_post_and_a_locked_thread(db):
    load_demo()
    threads = DiscussionThread.objects.filter(
        module__edition__slug="migracion-internacional-en-curso"
    )
    posts = DiscussionPost.objects.filter(thread__in=threads)
    assert threads.count() >= 5 and posts.count() >= 15
    assert threads.filter(is_locked=True).count() == 1
    assert threads.filter(is_pinned=True).exists()
    assert threads.filter(is_question=True, answered_post__isnull=False).count() >= 2
    assert threads.filter(is_question=True, answered_post__isnull=True).exists()
    assert posts.filter(is_hidden=True).exclude(hidden_reason="").count() == 1
    assert posts.filter(author__instructor__isnull=False).count() >= 5
    assert PostRevision.objects.filter(post__in=posts).exists()
    assert all(post.body_html for post in posts)

    load_demo()  # once more: nothing doubles
    assert DiscussionPost.objects.filter(thread__in=threads).count() == posts.count()
