"""Numbers typed as answers: one decimal point or comma, an optional sign, nothing else.

Uploaded files are checked by diploma/uploads.py, shared with the other apps.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# An optional sign, digits and at most one decimal point or comma: "3.5", "3,5", "-2", ",5".
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> Decimal | None:
    """A number as people type it, with a decimal point or comma: "3.5" and "3,5" are 3.5.

    Spaces are ignored ("1 500"); letters, exponents and a second separator ("1.000,5") are
    not numbers here: None.
    """
    cleaned = _SPACES.sub("", text or "")
    if not _NUMBER.fullmatch(cleaned):
        return None
    return Decimal(cleaned.replace(",", "."))


def validate_number(text: str) -> None:
    """Refuse an answer that `parse_number` does not read as a number."""
    if parse_number(text) is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a number. Type digits, with a point or a comma before "
                "the decimals, for example 3.5 or 3,5."
            )
            % {"value": text.strip()[:40]},
            code="not_a_number",
        )
