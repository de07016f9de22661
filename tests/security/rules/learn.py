from tests.security.rules import (
    DENY,
    OK,
    REDIRECT,
    Rule,
    lesson_kwargs,
    logged_in,
    module_kwargs,
    readers_of_the_edition,
)

RULES = {
    "learn:dashboard": Rule(expect=logged_in(OK)),
    "learn:module-detail": Rule(kwargs=module_kwargs, expect=readers_of_the_edition()),
    "learn:module-offline": Rule(kwargs=module_kwargs, expect=readers_of_the_edition()),
    "learn:lesson-detail": Rule(kwargs=lesson_kwargs, expect=readers_of_the_edition()),
    "learn:lesson-done": Rule(
        kwargs=lesson_kwargs,
        method="post",
        expect={**readers_of_the_edition(DENY), "student": REDIRECT},
    ),
}
