"""The fonts of reports: DejaVu (Debian's fonts-dejavu-core), which has every Danish letter (æ, ø, å).

The PDF embeds the DejaVu files named here (WeasyPrint subsets them) and the charts are measured and set
in the same family: :func:`register_chart_fonts` registers the folder with vl-convert once per process.
The folder is ``$MANGFOLD_FONT_DIR`` or ``/usr/share/fonts/truetype/dejavu`` (``scripts/system-deps.sh``
installs it).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["CHART_FONT", "FONT_FAMILY", "font_dir", "font_face_css", "register_chart_fonts"]

FONT_FAMILY = "DejaVu Sans"
CHART_FONT = FONT_FAMILY
_DEFAULT_DIR = "/usr/share/fonts/truetype/dejavu"
_FACES = (
    # file, weight, style
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


def font_dir() -> Path:
    """The folder of the DejaVu fonts; :class:`FileNotFoundError` with the fix when it is missing."""
    path = Path(os.environ.get("MANGFOLD_FONT_DIR", _DEFAULT_DIR))
    if not (path / _FACES[0][0]).is_file():
        raise FileNotFoundError(
            f"DejaVu fonts not found in {path}: install Debian's fonts-dejavu-core "
            "(scripts/system-deps.sh) or set MANGFOLD_FONT_DIR"
        )
    return path


def font_face_css() -> str:
    """``@font-face`` rules that make WeasyPrint embed the DejaVu files of :func:`font_dir`."""
    folder = font_dir()
    rules = []
    for name, weight, style in _FACES:
        path = folder / name
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


@cache
def register_chart_fonts() -> Path:
    """Register the DejaVu folder with vl-convert (once per process) so charts are measured in it."""
    import vl_convert

    folder = font_dir()
    vl_convert.register_font_directory(str(folder))
    return folder
