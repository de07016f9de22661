"""Following a discussion: e-mails at once or in a daily digest, in each person's language,
and a link that stops them without logging in."""

import datetime as dt

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from courses.models import DiscussionDigest, DiscussionPost, DiscussionSubscription
from students import discussion_emails, discussions
from students.models import DiscussionEmails, StudentProfile


def _thread(world, author=None):
    return discussions.start_thread(
        module=world.module, author=author or world.ana, title="Convenio 97", body="¿Vinculante?"
    )


def _prefer(user, choice: str, language: str = "es") -> None:
    StudentProfile.objects.filter(user=user).update(
        discussion_emails=choice, preferred_language=language
    )


def test_the_author_of_a_thread_hears_of_each_reply_at_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = _thread(world)
    assert mailoutbox == []  # no one else follows it yet
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(thread=thread, author=world.ivan, body="Sí, si el Perú lo ratifica.")
    [message] = mailoutbox
    assert message.to == [world.ana.email]
    assert message.subject == "[Migration policy] Convenio 97"
    assert "Sí, si el Perú lo ratifica." in message.body
    token = DiscussionSubscription.objects.get(user=world.ana).token
    assert token in message.body


def test_each_person_is_written_to_in_their_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    thread = _thread(world)
    _prefer(world.ana, DiscussionEmails.AT_ONCE, "en")
    _prefer(world.bruno, DiscussionEmails.AT_ONCE, "es")
    discussions.subscribe(user=world.bruno, module=world.module)
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(thread=thread, author=world.ivan, body="Respuesta")
    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert "You receive this because you follow this thread" in by_address[world.ana.email]
    assert "follow this thread" not in by_address[world.bruno.email]


def test_module_followers_hear_of_new_threads_but_not_of_their_own_posts(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    discussions.subscribe(user=world.bruno, module=world.module)
    discussions.subscribe(user=world.ana, module=world.module)
    with django_capture_on_commit_callbacks(execute=True):
        _thread(world, author=world.ana)
    assert [m.to for m in mailoutbox] == [[world.bruno.email]]


def test_a_follower_who_lost_access_hears_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    discussions.subscribe(user=world.carla, module=world.module)
    world.bruno_enrolment.status = "withdrawn"
    world.bruno_enrolment.save()
    discussions.subscribe(user=world.bruno, module=world.module)
    with django_capture_on_commit_callbacks(execute=True):
        _thread(world)
    assert mailoutbox == []


def test_digest_and_silent_people_get_nothing_at_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    thread = _thread(world)
    _prefer(world.ana, DiscussionEmails.DAILY)
    _prefer(world.bruno, DiscussionEmails.NONE)
    discussions.subscribe(user=world.bruno, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(thread=thread, author=world.ivan, body="Respuesta")
    assert mailoutbox == []


def _age(post: DiscussionPost, minutes: int) -> None:
    DiscussionPost.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_the_daily_digest_sends_each_post_once_however_often_it_runs(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    thread = _thread(world)
    _prefer(world.ana, DiscussionEmails.DAILY)
    first = discussions.reply(thread=thread, author=world.ivan, body="Primera respuesta")
    second = discussions.reply(thread=thread, author=world.bruno, body="Segunda respuesta")
    hidden = discussions.reply(thread=thread, author=world.bruno, body="Texto oculto")
    discussions.hide_post(post=hidden, by=world.ivan, reason="Fuera de tema")
    for post in (first, second, hidden):
        _age(post, 60)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert discussion_emails.send_discussion_digests.call() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert discussion_emails.send_discussion_digests.call() == 0
    [digest] = mailoutbox
    assert digest.to == [world.ana.email]
    assert "Primera respuesta" in digest.body and "Segunda respuesta" in digest.body
    assert "Texto oculto" not in digest.body and "¿Vinculante?" not in digest.body
    assert DiscussionSubscription.objects.get(user=world.ana).token in digest.body

    # A day later (everything stored moves a day back): one more reply.
    DiscussionDigest.objects.update(covered_until=F("covered_until") - dt.timedelta(days=1))
    DiscussionPost.objects.update(created_at=F("created_at") - dt.timedelta(days=1))
    third = discussions.reply(thread=thread, author=world.ivan, body="Tercera respuesta")
    _age(third, 30)
    with django_capture_on_commit_callbacks(execute=True):
        assert discussion_emails.send_discussion_digests.call() == 1
    assert "Tercera respuesta" in mailoutbox[-1].body
    assert "Primera respuesta" not in mailoutbox[-1].body


def test_a_post_written_while_the_digest_runs_goes_into_the_next_one(world, mailoutbox):
    thread = _thread(world)
    _prefer(world.ana, DiscussionEmails.DAILY)
    discussions.reply(thread=thread, author=world.ivan, body="Recién escrita")
    assert discussion_emails.send_discussion_digests.call() == 0


def _unsubscribe_url(subscription) -> str:
    module = subscription.thread.module if subscription.thread else subscription.module
    return reverse(
        "discussions:unsubscribe",
        kwargs={"edition": module.edition.slug, "module": module.slug, "token": subscription.token},
    )


def test_the_link_in_the_e_mail_asks_then_stops_without_logging_in(client, world):
    thread = _thread(world)
    subscription = DiscussionSubscription.objects.get(user=world.ana, thread=thread)
    url = _unsubscribe_url(subscription)
    response = client.get(url)
    assert response.status_code == 200 and "<form" in response.content.decode()
    assert DiscussionSubscription.objects.filter(pk=subscription.pk).exists()
    assert client.post(url).status_code == 200
    assert not DiscussionSubscription.objects.filter(pk=subscription.pk).exists()
    assert client.get(url).status_code == 404


def test_a_made_up_or_misplaced_token_stops_nothing(client, world):
    thread = _thread(world)
    subscription = DiscussionSubscription.objects.get(user=world.ana, thread=thread)
    wrong_module = reverse(
        "discussions:unsubscribe",
        kwargs={
            "edition": world.edition.slug,
            "module": world.other_module.slug,
            "token": subscription.token,
        },
    )
    assert client.post(wrong_module).status_code == 404
    made_up = _unsubscribe_url(subscription).replace(subscription.token, "x" * 43)
    assert client.post(made_up).status_code == 404
    assert DiscussionSubscription.objects.filter(pk=subscription.pk).exists()


def test_a_reader_follows_and_leaves_a_module_and_a_thread(client, world):
    thread = _thread(world, author=world.bruno)
    client.force_login(world.ana)
    base = {"edition": world.edition.slug, "module": world.module.slug}
    client.post(reverse("discussions:module-subscribe", kwargs=base))
    client.post(reverse("discussions:thread-subscribe", kwargs={**base, "thread": thread.pk}))
    assert DiscussionSubscription.objects.filter(user=world.ana).count() == 2
    client.post(reverse("discussions:module-subscribe", kwargs=base), {"action": "unsubscribe"})
    client.post(
        reverse("discussions:thread-subscribe", kwargs={**base, "thread": thread.pk}),
        {"action": "unsubscribe"},
    )
    assert not DiscussionSubscription.objects.filter(user=world.ana).exists()
