def test_it_reports_liveness_without_the_database(client):
    # No `db` fixture: pytest-django raises on any database access.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_reports_readiness_with_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


def test_it_reports_an_unreachable_database(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OSError("connection refused")

    monkeypatch.setattr("diploma.views.connection", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
