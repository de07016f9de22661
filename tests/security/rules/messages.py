"""Messages to a group: written in the teaching workspace by the module's instructors and the
edition's coordinators; read on /learn/messages/ by their recipients only."""

from students.models import GroupMessage
from tests.security.rules import DENY, OK, Rule, logged_in, module_kwargs

TEACHERS = {**logged_in(DENY), "instructor": OK, "coordinator": OK, "staff": OK}
COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}


def _message_to_ana(w) -> dict:
    """A message from ivan to ana alone: everyone else, its author and staff included, gets
    nothing on the students' side."""
    message = GroupMessage.objects.create(
        edition=w.edition, module=w.module, author=w.ivan, group="All active students",
        subject="Room change", body="We meet in Aula 205.",
    )  # fmt: skip
    message.recipients.add(w.ana)
    return {"message": message.pk}


RULES = {
    "learn:messages": Rule(expect=logged_in(OK)),
    "learn:message-detail": Rule(kwargs=_message_to_ana, expect={**logged_in(DENY), "student": OK}),
    "teach:messages": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:edition-messages": Rule(
        kwargs=lambda w: {"edition": w.edition.slug}, expect=COORDINATORS
    ),
}
