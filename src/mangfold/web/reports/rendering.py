"""Making report files: the city profile as PDF, the committee briefing as PDF (profile attached) or Word.

The same templates make the web page and the PDF: ``reports/_profile.html`` inside the site's layout on
the web, inside ``reports/profile_print.html`` with ``print.css`` for WeasyPrint, its charts rendered to
SVG by vl-convert from the same specifications. :func:`make` gives the bytes of one file; the background
task (:mod:`mangfold.web.reports.tasks`) calls it and stores them on a
:class:`~mangfold.web.reports.models.ReportFile`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.template.loader import render_to_string
from django.utils import timezone, translation

from mangfold.reports import typography
from mangfold.reports.docx import briefing_docx
from mangfold.reports.pdf import append_pdfs, html_to_pdf
from mangfold.web.assessments.models import Round
from mangfold.web.reports import briefings, report_charts
from mangfold.web.reports.keys import APP_DIR, report_key
from mangfold.web.reports.models import Briefing, ReportFile
from mangfold.web.reports.profile import ProfileReport, build_profile

Progress = Callable[[int, str], None]


def _quiet(percent: int, step: str) -> None:
    """Progress reporting that reports nothing (direct calls, the command line)."""


@cache
def print_css() -> str:
    return (APP_DIR / "static" / "reports" / "print.css").read_text(encoding="utf-8")


def profile_pdf(report: ProfileReport, progress: Progress = _quiet) -> bytes:
    """The city profile as PDF (call inside ``translation.override(report.lang)``)."""
    progress(25, "charts")
    images = report_charts.svg_images(report.charts, report.lang)
    progress(55, "layout")
    html = render_to_string("reports/profile_print.html", {"report": report, "images": images})
    progress(65, "pdf")
    return html_to_pdf(html, stylesheets=[print_css()])


def profile_html(report: ProfileReport) -> str:
    """The city profile as one self-contained HTML file: the print layout with its charts as SVG images."""
    images = report_charts.svg_images(report.charts, report.lang)
    return render_to_string(
        "reports/profile_print.html", {"report": report, "images": images, "inline_css": print_css()}
    )


def briefing_html(briefing: Briefing, report: ProfileReport, *, inline_css: bool = False) -> str:
    """The briefing in its print layout (with the stylesheet inline for a self-contained file)."""
    context = {
        "briefing": briefing,
        "sections": briefings.sections(briefing),
        "case_line": briefings.case_line(briefing, typography.long_date(report.generated, report.lang)),
        "signatures": briefings.signature_lines(),
        "report": report,
        "city": briefings.city_name(report),
        "barometer": briefings.barometer(report),
        "inline_css": print_css() if inline_css else "",
    }
    return render_to_string("reports/briefing_print.html", context)


def briefing_pdf(
    briefing: Briefing, report: ProfileReport, profile: bytes, progress: Progress = _quiet
) -> bytes:
    """The briefing as PDF with the city profile appended as Bilag 1."""
    progress(80, "layout")
    html = briefing_html(briefing, report)
    progress(90, "pdf")
    return append_pdfs(html_to_pdf(html, stylesheets=[print_css()]), [profile])


def briefing_word(briefing: Briefing, report: ProfileReport) -> bytes:
    """The briefing as a Word document (the profile listed under Bilag, not embedded)."""
    return briefing_docx(
        briefings.word_document(briefing, typography.long_date(report.generated, report.lang))
    )


def _profile_bytes(report: ProfileReport, progress: Progress) -> bytes:
    """The profile PDF of the current data: the cached file when there is one, else made (and cached)."""
    round_, city, lang = report.round, report.entry.city, report.lang
    key = report_key(ReportFile.Kind.PROFILE, "pdf", round_, city, lang)
    done = (
        ReportFile.objects.filter(key=key, status=ReportFile.Status.DONE)
        .values_list("content", flat=True)
        .first()
    )
    if done is not None:
        return bytes(done)
    content = profile_pdf(report, lambda percent, step: progress(percent * 7 // 10, step))
    ReportFile.objects.update_or_create(
        key=key,
        defaults={
            "kind": ReportFile.Kind.PROFILE,
            "fmt": "pdf",
            "city": city,
            "round": round_,
            "language": lang,
            "status": ReportFile.Status.DONE,
            "progress": 100,
            "content": content,
            "size": len(content),
            "finished_at": timezone.now(),
        },
    )
    return content


def make(
    kind: str, fmt: str, round_: Round, city_slug: str, lang: str, progress: Progress = _quiet
) -> bytes | None:
    """The bytes of a report file for the current data (None when the city has no published result).

    ``kind`` is ``profile`` (``pdf`` or a self-contained ``html``) or ``briefing`` (``pdf`` with the
    profile attached, ``docx``, or ``html``).
    """
    with translation.override(lang):
        progress(5, "data")
        report = build_profile(round_, city_slug, lang)
        if report is None:
            return None
        if kind == ReportFile.Kind.PROFILE:
            return profile_html(report).encode("utf-8") if fmt == "html" else profile_pdf(report, progress)
        briefing = briefings.current(report)
        if fmt == "html":
            return briefing_html(briefing, report, inline_css=True).encode("utf-8")
        if fmt == "docx":
            progress(60, "layout")
            return briefing_word(briefing, report)
        return briefing_pdf(briefing, report, _profile_bytes(report, progress), progress)
