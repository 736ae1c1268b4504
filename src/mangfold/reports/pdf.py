"""HTML to PDF with WeasyPrint, and attachments appended to a PDF with pypdf.

WeasyPrint fetches nothing from the network here: :func:`html_to_pdf` allows only ``data:`` URLs and
files in the font folder (a report is made of data, inline SVG charts and the embedded fonts).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from mangfold.reports.fonts import font_dir, font_face_css

__all__ = ["append_pdfs", "html_to_pdf", "page_count"]


def _fetcher(allowed: Path) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and the files under ``allowed``, nothing else."""
    url_fetcher: Any = importlib.import_module("weasyprint.urls").URLFetcher
    root = allowed.resolve()

    class LocalFetcher(url_fetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file" and not Path(unquote(parsed.path)).resolve().is_relative_to(root):
                raise ValueError(f"reports read no file outside the font folder: {url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"data", "file"})


def html_to_pdf(html: str, *, stylesheets: Sequence[str] = ()) -> bytes:
    """The PDF of an HTML document and its print stylesheets (CSS text), with DejaVu fonts embedded."""
    weasyprint: Any = importlib.import_module("weasyprint")  # untyped: imported as a module object
    CSS, HTML = weasyprint.CSS, weasyprint.HTML
    fonts = importlib.import_module("weasyprint.text.fonts").FontConfiguration()
    fetcher = _fetcher(font_dir())
    sheets = [CSS(string=font_face_css(), font_config=fonts, url_fetcher=fetcher)]
    sheets += [CSS(string=sheet, font_config=fonts, url_fetcher=fetcher) for sheet in stylesheets]
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=sheets, font_config=fonts)
    return pdf


def append_pdfs(main: bytes, attachments: Sequence[bytes]) -> bytes:
    """``main`` followed by the pages of every attachment, as one PDF."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in (main, *attachments):
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
