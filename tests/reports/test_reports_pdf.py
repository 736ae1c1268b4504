"""HTML to PDF: Danish letters in the embedded DejaVu fonts, no external fetches, attachments appended."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from mangfold.reports.fonts import FONT_FAMILY, font_dir, font_face_css
from mangfold.reports.pdf import append_pdfs, html_to_pdf, page_count

PAGE = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Prøve</title></head>
<body><h1>Ærøskøbing og Århus</h1><p>Den 22. marts 2010: 1.234,5 – æ ø å Æ Ø Å.</p>{extra}</body></html>"""


def fonts_of(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_danish_letters_survive_in_the_embedded_dejavu_font() -> None:
    pdf = html_to_pdf(PAGE.format(extra=""), stylesheets=[f'body {{ font-family: "{FONT_FAMILY}"; }}'])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Ærøskøbing og Århus" in text
    assert "æ ø å Æ Ø Å" in text
    assert fonts_of(pdf) and all("DejaVu" in name for name in fonts_of(pdf))


def test_the_font_rules_point_at_the_dejavu_files() -> None:
    css = font_face_css()
    assert (font_dir() / "DejaVuSans.ttf").as_uri() in css
    assert css.count("@font-face") == 4


def test_the_font_folder_can_be_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MANGFOLD_FONT_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="fonts-dejavu-core"):
        font_dir()


def test_nothing_outside_the_font_folder_is_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("p { page-break-before: always; }", encoding="utf-8")
    image = tmp_path / "image.svg"
    tall = 'width="800" height="1200"'
    image.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {tall}><rect {tall}/></svg>', encoding="utf-8")
    extra = f'<link rel="stylesheet" href="{secret.as_uri()}"><img src="{image.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    pdf = html_to_pdf(PAGE.format(extra=extra))
    assert page_count(pdf) == 1  # the stylesheet (a page break) and the tall image would each add a page
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {tall}/>'.encode()
    data_image = f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}">'
    assert page_count(html_to_pdf(PAGE.format(extra=data_image))) == 2  # a data: URL is allowed


def test_attachments_are_appended() -> None:
    one = html_to_pdf(PAGE.format(extra=""))
    two = html_to_pdf(PAGE.format(extra='<p style="page-break-before: always">Bilag</p>'))
    joined = append_pdfs(one, [two])
    assert page_count(joined) == page_count(one) + page_count(two) == 3
    assert "Bilag" in PdfReader(io.BytesIO(joined)).pages[2].extract_text()
