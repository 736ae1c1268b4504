"""The key a generated report is cached under: a digest of everything the report is made from.

A report is regenerated exactly when one of its inputs changes: the published scorecards of the round
(their ids and publication times), the practices the recommendations draw on (their last change), the
statistics datasets of the city, the language, the format and the version of the templates. Callers pass
those inputs as plain JSON-ready values; the key is the SHA-256 of their canonical JSON form.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["cache_key"]


def _default(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"not part of a cache key: {type(value).__name__}")


def cache_key(inputs: Mapping[str, Any]) -> str:
    """The SHA-256 (hex) of ``inputs`` as canonical JSON (sorted keys; dates in ISO 8601)."""
    text = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
