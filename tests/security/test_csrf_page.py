def test_it_explains_an_expired_form_without_inline_styles(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ana", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>" in html
    assert "<style" not in html
