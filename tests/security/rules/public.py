from tests.security.rules import OK, REDIRECT, Rule, everyone, logged_in

RULES = {
    "home": Rule(expect=everyone(OK)),
    "programme-detail": Rule(kwargs=lambda w: {"slug": w.programme.slug}, expect=everyone(OK)),
    "instructor-detail": Rule(kwargs=lambda w: {"slug": "ivan"}, expect=everyone(OK)),
    "healthz": Rule(expect=everyone(OK)),
    "readyz": Rule(expect=everyone(OK)),
    "accounts:login": Rule(expect=everyone(OK)),
    "accounts:logout": Rule(method="post", expect=everyone(REDIRECT)),
    "accounts:signup": Rule(expect=everyone(OK)),
    "accounts:after-login": Rule(expect=logged_in(REDIRECT)),
    "accounts:profile": Rule(expect=logged_in(OK)),
    "accounts:profile-edit": Rule(expect=logged_in(OK)),
    "accounts:password-change": Rule(expect=logged_in(OK)),
    "accounts:password-change-done": Rule(expect=logged_in(OK)),
    "accounts:password-reset": Rule(expect=everyone(OK)),
    "accounts:password-reset-done": Rule(expect=everyone(OK)),
    "accounts:password-reset-confirm": Rule(
        kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}, expect=everyone(OK)
    ),
    "accounts:password-reset-complete": Rule(expect=everyone(OK)),
}
