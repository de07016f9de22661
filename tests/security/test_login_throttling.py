"""Failed logins slow down guessing: per username from one address, and per address whatever
the usernames, with a limit per address high enough for a university behind one NAT."""

import pytest
from django.test import RequestFactory

from diploma.throttling import client_address
from tests.factories import PASSWORD

LOCKED_OUT = ("Too many failed login attempts", "Demasiados intentos")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20


def _login(client, password: str, username: str = "ana", address: str = "203.0.113.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _is_locked_out(response) -> bool:
    page = response.content.decode()
    return response.status_code == 429 and any(message in page for message in LOCKED_OUT)


def test_it_locks_out_after_repeated_failures_with_a_clear_message(client, world, axes_on):
    for _ in range(2):
        assert _login(client, "wrong").status_code == 200
    assert _is_locked_out(_login(client, "wrong"))


def test_a_locked_out_account_cannot_log_in_even_with_the_right_password(client, world, axes_on):
    for _ in range(3):
        _login(client, "wrong")
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_good_login_is_not_throttled(client, world, axes_on):
    _login(client, "wrong")
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.ana.pk)


def test_the_lock_per_username_leaves_other_addresses_alone(client, world, axes_on):
    for _ in range(3):
        _login(client, "wrong")
    assert _login(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_twenty_usernames_tried_from_one_address_are_locked_out(client, world, axes_on):
    responses = [_login(client, "guess", username=f"user{n}") for n in range(20)]

    assert [r.status_code for r in responses[:19]] == [200] * 19
    assert _is_locked_out(responses[19])
    # Once the address is locked, even a right password from it waits for the cool-off.
    assert _is_locked_out(_login(client, PASSWORD, username="bruno"))
    assert "_auth_user_id" not in client.session
    # Another address is not concerned.
    assert _login(client, PASSWORD, username="bruno", address="198.51.100.20").status_code == 302


def test_a_few_typos_of_different_people_behind_one_address_do_not_lock_it(client, world, axes_on):
    for username in ("ana", "bruno", "carla", "ivan", "olga", "cora", "pablo", "gus"):
        assert _login(client, "typo", username=username).status_code == 200
    response = _login(client, PASSWORD, username="bruno")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.bruno.pk)


def test_the_address_limit_is_well_above_the_limit_per_username(settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT >= 2 * settings.AXES_FAILURE_LIMIT


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    settings.PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"
    settings.PROXY_COUNT = 3
    assert client_address(request) == "10.0.0.2"


def test_many_people_behind_one_proxy_are_counted_by_their_own_address(
    client, world, axes_on, settings
):
    settings.PROXY_COUNT = 1
    for n in range(20):
        client.post(
            "/accounts/login/", {"username": f"user{n}", "password": "guess"},
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7",
        )  # fmt: skip
    response = client.post(
        "/accounts/login/", {"username": "bruno", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20",
    )  # fmt: skip
    assert response.status_code == 302
