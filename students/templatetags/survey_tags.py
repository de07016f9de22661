"""The surveys a student still has to answer, for the dashboard."""

from django import template

from students import surveys

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_surveys(context) -> list[surveys.Pending]:
    """At most four queries (see students.surveys.pending_for); none for anonymous visitors."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    return surveys.pending_for(user)
