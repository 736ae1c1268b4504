"""How a report file's state reads on the pages and in the progress script's JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mangfold.web.assessments.models import Round
from mangfold.web.network.models import City
from mangfold.web.reports import jobs, keys
from mangfold.web.reports.models import ReportFile


def step_label(step: str) -> str:
    labels = {
        "": _("Waiting for the worker"),
        "data": _("Reading the results"),
        "charts": _("Drawing the charts"),
        "layout": _("Laying out the pages"),
        "pdf": _("Writing the PDF"),
        "done": _("Ready"),
    }
    return labels.get(step, step)


def kind_label(kind: str, fmt: str) -> str:
    names: dict[tuple[str, str], str] = {
        (ReportFile.Kind.PROFILE, "pdf"): _("City profile (PDF)"),
        (ReportFile.Kind.BRIEFING, "pdf"): _("Committee briefing (PDF, with the city profile attached)"),
        (ReportFile.Kind.BRIEFING, "docx"): _("Committee briefing (Word)"),
    }
    return names.get((kind, fmt), f"{kind} ({fmt})")


def filename(kind: str, fmt: str, round_: Round, city: City, lang: str) -> str:
    """``mangfold-profile-aarhus-2024-da.pdf``: ASCII only, safe in a Content-Disposition header."""
    return f"mangfold-{kind}-{city.slug}-{round_.slug}-{lang}.{fmt}"


@dataclass(frozen=True)
class FileStatus:
    """A report file for the current data: not made yet (``file`` None), queued, being made, ready, failed."""

    kind: str
    fmt: str
    file: ReportFile | None
    export_url: str
    download_url: str

    @property
    def label(self) -> str:
        return kind_label(self.kind, self.fmt)

    @property
    def state(self) -> str:
        return "missing" if self.file is None else self.file.status

    @property
    def ready(self) -> bool:
        return self.file is not None and self.file.status == ReportFile.Status.DONE

    @property
    def running(self) -> bool:
        return self.file is not None and self.file.status in (
            ReportFile.Status.QUEUED,
            ReportFile.Status.RUNNING,
        )

    @property
    def failed(self) -> bool:
        return self.file is not None and self.file.status == ReportFile.Status.FAILED

    @property
    def step(self) -> str:
        return step_label(self.file.step) if self.file is not None else ""

    @property
    def progress(self) -> int:
        return self.file.progress if self.file is not None else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "progress": self.progress,
            "step": self.step,
            "done": self.ready,
            "failed": self.failed,
            "download": self.download_url if self.ready else None,
            "size": self.file.size if self.ready and self.file is not None else None,
        }


def file_status(
    kind: str, fmt: str, round_: Round, city: City, lang: str, *, data: Mapping[str, Any] | None = None
) -> FileStatus:
    args = [round_.network.slug, round_.slug, city.slug, kind, fmt]
    return FileStatus(
        kind=kind,
        fmt=fmt,
        file=jobs.current_file(kind, fmt, round_, city, lang, data=data),
        export_url=reverse("reports:export", args=args),
        download_url=reverse("reports:download", args=args),
    )


def file_statuses(kind: str, round_: Round, city: City, lang: str) -> list[FileStatus]:
    """The state of the report's file in each of its formats (the data they are made from read once)."""
    data = keys.data_inputs(round_, city)
    return [file_status(kind, fmt, round_, city, lang, data=data) for fmt in keys.FORMATS[kind]]
