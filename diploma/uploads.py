"""Checks of uploaded files, shared by every form that accepts one.

A file is checked by its extension, its size and, for the formats we know, its first bytes:
a renamed executable or HTML page does not pass as a PDF.
"""

from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "jpg", "jpeg", "png")

_ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "docx": _ZIP,
    "odt": _ZIP,
    "xlsx": _ZIP,
    "ods": _ZIP,
    "zip": _ZIP,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _starts_with(file: File, prefixes: tuple[bytes, ...]) -> bool:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    return any(head.startswith(prefix) for prefix in prefixes)


def validate_upload(
    file: File, extensions: Iterable[str] = DOCUMENT_EXTENSIONS, max_mb: int | None = None
) -> None:
    """Refuse a file of another type than `extensions` or larger than `max_mb` megabytes.

    `max_mb` defaults to settings.UPLOAD_MAX_MB.
    """
    allowed = [extension.lower().lstrip(".") for extension in extensions]
    limit_mb = settings.UPLOAD_MAX_MB if max_mb is None else max_mb
    extension = extension_of(file.name or "")
    if extension not in allowed:
        raise ValidationError(
            _("%(name)s is not an accepted type of file. Accepted: %(accepted)s.")
            % {"name": PurePath(file.name or "").name, "accepted": ", ".join(allowed)},
            code="file_type",
        )
    if file.size is not None and file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("%(name)s is too large (%(size)s): the limit is %(limit)d MB.")
            % {
                "name": PurePath(file.name).name,
                "size": filesizeformat(file.size),
                "limit": limit_mb,
            },
            code="file_size",
        )
    if not file.size:
        raise ValidationError(
            _("%(name)s is empty.") % {"name": PurePath(file.name).name}, code="file_empty"
        )
    signature = SIGNATURES.get(extension)
    if signature and not _starts_with(file, signature):
        raise ValidationError(
            _("%(name)s does not look like a %(extension)s file: is it damaged or renamed?")
            % {"name": PurePath(file.name).name, "extension": extension.upper()},
            code="file_content",
        )


@deconstructible
class UploadValidator:
    """`validate_upload` as a validator for a model or form field."""

    def __init__(
        self, extensions: Iterable[str] = DOCUMENT_EXTENSIONS, max_mb: int | None = None
    ) -> None:
        self.extensions = tuple(extensions)
        self.max_mb = max_mb

    def __call__(self, file: File) -> None:
        validate_upload(file, self.extensions, self.max_mb)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.extensions == other.extensions
            and self.max_mb == other.max_mb
        )


def shortened(name: str, limit: int) -> str:
    """A file name cut to `limit` characters that keeps its extension."""
    if len(name) <= limit:
        return name
    path = PurePath(name)
    suffix = path.suffix[:limit]
    return path.stem[: limit - len(suffix)] + suffix
