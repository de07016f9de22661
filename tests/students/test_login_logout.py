from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"


def test_it_shows_the_login_form(client, db):
    response = client.get(LOGIN)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert 'href="/accounts/password/reset/"' in html


def test_it_logs_in_with_username_and_password(client, world):
    response = client.post(LOGIN, {"username": "ana", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/learn/"
    assert client.session["_auth_user_id"] == str(world.ana.pk)


def test_it_sends_the_student_to_the_learning_space_after_login(client, world):
    client.post(LOGIN, {"username": "ana", "password": PASSWORD})

    response = client.get("/accounts/after-login/")

    assert response["Location"] == "/learn/"


def test_it_goes_back_to_next_after_login(client, world):
    response = client.post(
        LOGIN, {"username": "ana", "password": PASSWORD, "next": "/accounts/profile/"}
    )

    assert response["Location"] == "/accounts/profile/"


def test_it_ignores_an_unsafe_next_after_login(client, world):
    client.force_login(world.ana)

    response = client.get("/accounts/after-login/", {"next": "https://evil.example/"})

    assert response["Location"] == "/learn/"


def test_it_refuses_a_wrong_password_and_keeps_the_username(client, world):
    client.cookies["django_language"] = "en"

    response = client.post(LOGIN, {"username": "ana", "password": "wrong-password"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in html
    assert 'value="ana"' in html
    assert "_auth_user_id" not in client.session


def test_it_refuses_to_log_out_with_get(client, world):
    client.force_login(world.ana)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(world.ana.pk)


def test_it_logs_out_with_post(client, world):
    client.force_login(world.ana)

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_it_offers_a_logout_button_to_a_signed_in_user(client, world):
    client.force_login(world.ana)

    html = client.get("/").content.decode()

    assert f'<form class="logout" action="{LOGOUT}" method="post">' in html
    assert 'href="/accounts/profile/"' in html
    assert 'href="/learn/"' in html


def test_it_locks_out_after_repeated_failures(client, world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    client.cookies["django_language"] = "en"
    for _ in range(5):
        client.post(LOGIN, {"username": "ana", "password": "wrong-password"})

    response = client.post(LOGIN, {"username": "ana", "password": PASSWORD})

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed login attempts" in html
    assert "try again in 15 minutes" in html
    assert html.count("<h1") == 1
    assert "_auth_user_id" not in client.session
