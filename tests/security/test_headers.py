import re

import pytest

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")", re.I)


@pytest.fixture
def pages(world):
    return [*PUBLIC_PAGES, world.programme.get_absolute_url()]


def test_it_sends_a_strict_content_security_policy(client, pages):
    for path in pages:
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_pages_have_no_inline_scripts_or_styles(client, pages, world):
    client.force_login(world.ana)
    for path in [*pages, "/learn/", "/accounts/profile/"]:
        html = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(html), f"inline <script> in {path}"
        assert not re.search(r"<style[\s>]", html, re.I), f"<style> block in {path}"
        assert not re.search(r"\sstyle=\"", html, re.I), f"style attribute in {path}"


def test_it_sends_the_other_security_headers(client, db):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_it_refuses_an_oversized_form_body(client, db):
    response = client.post("/accounts/login/", {"username": "a", "password": "x" * 3_000_000})
    assert response.status_code == 400
