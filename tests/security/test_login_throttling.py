import pytest


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, password: str):
    return client.post("/accounts/login/", {"username": "ana", "password": password})


def test_it_locks_out_after_repeated_failures_with_a_clear_message(client, world, axes_on):
    for _ in range(2):
        assert _login(client, "wrong").status_code == 200
    response = _login(client, "wrong")
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode() or (
        "Demasiados intentos" in response.content.decode()
    )


def test_a_locked_out_account_cannot_log_in_even_with_the_right_password(client, world, axes_on):
    from tests.factories import PASSWORD

    for _ in range(3):
        _login(client, "wrong")
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_good_login_is_not_throttled(client, world, axes_on):
    from tests.factories import PASSWORD

    _login(client, "wrong")
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.ana.pk)
