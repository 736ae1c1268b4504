"""Write the vendored Vega / Vega-Lite / vega-embed bundle the web pages draw charts with.

The bundle comes from vl-convert (the same Vega and Vega-Lite versions that render the SVG charts of the
PDF reports), so the browser and the reports draw from one engine; no CDN is ever contacted.
Run after upgrading vl-convert-python: ``.venv/bin/python scripts/vendor_vega.py``.
"""

from __future__ import annotations

from pathlib import Path

import vl_convert

TARGET = Path(__file__).resolve().parents[1] / "src/mangfold/web/static/mangfold/vendor"


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    header = (
        f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite {vl_convert.get_vegalite_versions()[-1]}, "
        f"vega-embed {vl_convert.get_vega_embed_version()} – BSD-3-Clause, (c) University of Washington "
        "Interactive Data Lab. Bundled by vl-convert; see LICENSE-vega.txt. */\n"
    )
    (TARGET / "vega-bundle.js").write_text(header + vl_convert.javascript_bundle(), encoding="utf-8")


if __name__ == "__main__":
    main()
