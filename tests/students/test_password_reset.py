import re

import pytest
from django.core import mail
from django.template import loader
from django.utils import translation

from tests import factories as f

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "quipu-andes-2027-reset"


def _reset_link(body: str) -> str:
    match = re.search(r"https?://testserver(/accounts/password/reset/\S+/\S+/)", body)
    assert match, body
    return match.group(1)


def test_it_sends_one_email_with_a_link_that_sets_a_new_password(client, world):
    response = client.post(RESET, {"email": "ANA@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "ana" in message.body

    form_page = client.get(_reset_link(message.body), follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done["Location"] == "/accounts/password/reset/complete/"
    world.ana.refresh_from_db()
    assert world.ana.check_password(NEW_PASSWORD)
    assert (
        client.post("/accounts/login/", {"username": "ana", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_it_refuses_a_link_that_was_already_used(client, world):
    client.post(RESET, {"email": "ana@example.org"})
    link = _reset_link(mail.outbox[0].body)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(("page_language", "preferred"), [("en", "es"), ("es", "en")])
def test_it_writes_in_the_language_of_the_profile(
    client, world, monkeypatch, page_language, preferred
):
    profile = world.bruno.profile
    profile.preferred_language = preferred
    profile.save(update_fields=["preferred_language"])
    languages = []
    render_to_string = loader.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return render_to_string(*args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", spy)
    client.cookies["django_language"] = page_language

    client.post(RESET, {"email": "bruno@example.org"})

    assert len(mail.outbox) == 1
    assert languages == [preferred, preferred]


def test_it_says_the_same_for_an_unknown_address_and_sends_nothing(client, db):
    f.UserFactory(username="rosa")

    response = client.post(RESET, {"email": "nobody@example.org"})

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []
