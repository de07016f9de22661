"""Admin pieces shared by every app's admin: links read as https, editions listed with their
programme. Here, beside the domain, so that the apps' admins need not import the site's."""

from django import forms
from django.contrib import admin
from django.db.models import URLField
from django.http import HttpRequest

from diploma.models import Edition

# A link typed without a scheme is read as https://, Django 6.0's default.
HTTPS_LINKS = {URLField: {"assume_scheme": "https"}}


def https_links(field, **kwargs) -> forms.Field | None:
    """A model form's `formfield_callback` that reads links the way the admin does."""
    return field.formfield(**{**HTTPS_LINKS.get(type(field), {}), **kwargs})


class EditionListFilter(admin.RelatedFieldListFilter):
    """Editions with their programme's title, read in one query."""

    def field_choices(self, field, request: HttpRequest, model_admin) -> list[tuple[int, str]]:
        return [
            (edition.pk, str(edition)) for edition in Edition.objects.select_related("programme")
        ]
