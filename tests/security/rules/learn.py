from django.core.files.base import ContentFile

from courses.models import Resource
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


def resource_kwargs(w) -> dict:
    """A file of ana's lesson: its readers download it, everyone else gets nothing."""
    resource, _ = Resource.objects.get_or_create(
        lesson=w.lesson, title="Census tables", kind="file",
        defaults={"file": ContentFile(b"%PDF-1.4", name="census.pdf"), "size": 8},
    )  # fmt: skip
    return {**lesson_kwargs(w), "resource": resource.pk}


RULES = {
    "learn:dashboard": Rule(expect=logged_in(OK)),
    "learn:module-detail": Rule(kwargs=module_kwargs, expect=readers_of_the_edition()),
    "learn:module-offline": Rule(kwargs=module_kwargs, expect=readers_of_the_edition()),
    "learn:lesson-detail": Rule(kwargs=lesson_kwargs, expect=readers_of_the_edition()),
    "learn:resource-file": Rule(kwargs=resource_kwargs, expect=readers_of_the_edition()),
    "learn:lesson-done": Rule(
        kwargs=lesson_kwargs,
        method="post",
        expect={**readers_of_the_edition(DENY), "student": REDIRECT},
    ),
}
