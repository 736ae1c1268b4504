"""The settings' three modes, each read in a fresh Python (settings are read once per process): development
(the default), the local demo `make run` serves (MANGFOLD_DEMO=1) and production (MANGFOLD_PRODUCTION=1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = """
import json
from django.conf import settings
order = settings.MIDDLEWARE
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
HEADERS = "mangfold.web.core.security.SecurityHeadersMiddleware"
print(json.dumps({
    "debug": settings.DEBUG,
    "whitenoise": WHITENOISE in order,
    "headers_after_whitenoise": WHITENOISE in order and order.index(HEADERS) > order.index(WHITENOISE),
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "secure_cookies": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "two_factor": settings.MANGFOLD_REQUIRE_2FA,
    "secret_key": settings.SECRET_KEY,
    "hosts": settings.ALLOWED_HOSTS,
}))
"""


def settings_with(tmp_path: Path, **env: str) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MANGFOLD_", "DEBUG", "SECRET_KEY"))}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "mangfold.web.settings",
            "MANGFOLD_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_local_demo_runs_like_production_but_over_plain_http_on_loopback(tmp_path: Path) -> None:
    demo = settings_with(tmp_path, MANGFOLD_DEMO="1")
    assert demo["debug"] is False
    assert demo["whitenoise"] and demo["headers_after_whitenoise"]  # static files keep their caching
    assert demo["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert demo["secure_cookies"] is False and demo["ssl_redirect"] is False
    assert demo["two_factor"] is False
    assert demo["hosts"] == ["127.0.0.1", "localhost", "testserver"]


def test_the_demo_makes_its_own_secret_key_once_and_keeps_it(tmp_path: Path) -> None:
    first = settings_with(tmp_path, MANGFOLD_DEMO="1")["secret_key"]
    assert len(first) >= 50 and "insecure" not in first
    assert settings_with(tmp_path, MANGFOLD_DEMO="1")["secret_key"] == first
    assert (tmp_path / "demo-secret-key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_development_keeps_debug_and_the_development_server_static_files(tmp_path: Path) -> None:
    development = settings_with(tmp_path)
    assert development["debug"] is True and development["whitenoise"] is False
    assert not (tmp_path / "demo-secret-key").exists()


def test_production_wins_over_the_demo_switch(tmp_path: Path) -> None:
    production = settings_with(
        tmp_path,
        MANGFOLD_PRODUCTION="1",
        MANGFOLD_DEMO="1",
        SECRET_KEY="production-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="mangfold.example.org",
    )
    assert production["debug"] is False and production["whitenoise"]
    assert production["secure_cookies"] is True and production["ssl_redirect"] is True
    assert production["two_factor"] is True
