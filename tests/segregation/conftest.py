"""Fixtures shared by the segregation tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

DATA = Path(str(resources.files("mangfold") / "data" / "sacramento"))
REFERENCE = Path(__file__).with_name("seg_pysal_reference.py")


@pytest.fixture(scope="session")
def pysal_reference() -> Callable[[str], dict[str, Any]]:
    """``pysal_reference(suite)``: the PySAL values of one suite of seg_pysal_reference.py.

    Computed in a subprocess (importing ``segregation`` changes NumPy's error state process-wide).
    """

    def run(suite: str) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, str(REFERENCE), suite, str(DATA)],
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        )
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    return run
