"""Uploads: streamed to a temporary file as they arrive, never held whole in memory, with a size limit.

:class:`LimitedUploadHandler` is the only upload handler (``FILE_UPLOAD_HANDLERS``). Every uploaded file
goes to a temporary file chunk by chunk (64 KB); past :data:`MAX_UPLOAD_BYTES` the rest of the file is
counted but not stored, and the file arrives empty with ``too_large`` set and ``size`` the bytes sent. The
form then refuses it with :func:`check_size` ("The file is larger than 50 MB.") instead of a 500, and no
reader ever sees a cut-off file. Forms with a smaller limit call :func:`check_size` with theirs.
Requests are read to their end, so the page with the message comes back to the browser; a front proxy
should still cap the request body (``client_max_body_size`` in nginx).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

__all__ = ["MAX_UPLOAD_BYTES", "LimitedUploadHandler", "check_size", "max_upload_bytes"]

MAX_UPLOAD_BYTES = 50 * 2**20
"""The largest file the site accepts (``MANGFOLD_MAX_UPLOAD_MB`` in the settings changes it)."""


def max_upload_bytes() -> int:
    """The site's upload limit in bytes: ``settings.MANGFOLD_MAX_UPLOAD_BYTES`` or 50 MB."""
    return int(getattr(settings, "MANGFOLD_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES))


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stream each file to a temporary file; store no byte past the site's limit (see the module)."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.limit = max_upload_bytes()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        upload: TemporaryUploadedFile = self.file
        upload.too_large = self.received > self.limit  # type: ignore[attr-defined]
        if upload.too_large:  # type: ignore[attr-defined]
            upload.truncate(0)  # nothing of a refused file is kept, nor read by mistake
        upload.seek(0)
        upload.size = self.received
        return upload


def check_size(upload: Any, limit: int | None = None) -> None:
    """Refuse an upload larger than ``limit`` bytes or the site's limit (the smaller) in the page's
    language."""
    limit = max_upload_bytes() if limit is None else min(limit, max_upload_bytes())
    if upload is not None and (getattr(upload, "too_large", False) or upload.size > limit):
        megabytes = limit / 2**20
        shown = number_format(round(megabytes, 2), decimal_pos=0 if megabytes.is_integer() else 2)
        raise ValidationError(
            _("The file is larger than %(limit)s MB."), code="too_large", params={"limit": shown}
        )
