"""Django settings for mangfold, read from the environment.

One file for every environment (the table of variables is in README.md, "Configuration"). SQLite is the
embedded default; ``DATABASE_URL`` selects PostgreSQL. ``MANGFOLD_PRODUCTION=1`` switches on the production
hardening that ``manage.py check --deploy`` asks for. ``MANGFOLD_DEMO=1`` is what ``make run`` serves: the
production server's settings (DEBUG off, static files by WhiteNoise) on plain HTTP at the loopback address,
cookies usable without HTTPS, no two-factor duty, a secret key generated once into the data folder.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from mangfold.web.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent


def demo_secret_key(folder: Path) -> str:
    """The local demo's secret key: made once (64 random URL-safe characters), kept in ``folder``."""
    path = folder / "demo-secret-key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="ascii")
    return path.read_text(encoding="ascii").strip()


DATA_DIR = Path(env_str("MANGFOLD_DATA_DIR", str(Path.cwd() / "var"))).resolve()

PRODUCTION = env_bool("MANGFOLD_PRODUCTION", False)
DEMO = env_bool("MANGFOLD_DEMO", False) and not PRODUCTION
DEBUG = env_bool("DEBUG", not (PRODUCTION or DEMO))
_DEV_SECRET = "django-insecure-mangfold-development-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY and DEMO:
    SECRET_KEY = demo_secret_key(DATA_DIR)
elif not SECRET_KEY and not PRODUCTION:
    SECRET_KEY = _DEV_SECRET
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "mangfold.web.core",
    "mangfold.web.accounts",
    "mangfold.web.network",
    "mangfold.web.assessments",
    "mangfold.web.practices",
    "mangfold.web.results",
    "mangfold.web.statistics",
    "mangfold.web.reports",
    "mangfold.web.barometer",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mangfold.web.core.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mangfold.web.core.middleware.CoreLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "mangfold.web.core.security.RefuseNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mangfold.web.results.cache.RequestMemo",
]

# Static files from STATIC_ROOT (collectstatic) by WhiteNoise, before the headers middleware (a static file
# is the same for everyone and may be cached); runserver serves them in development.
SERVE_STATIC = PRODUCTION or DEMO
if SERVE_STATIC:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "mangfold.web.urls"
WSGI_APPLICATION = "mangfold.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mangfold.web.core.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mangfold.sqlite3'}"),
        # each worker keeps its connection between requests (checked before reuse), not one per request
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "core:home"

# Languages: MANGFOLD_LANGUAGES lists the codes (Danish first: the default). Adding a language is
# catalogues (locale/<code>/LC_MESSAGES/django.po in each app, and the core's .po files in
# mangfold/locale/<code>/ or MANGFOLD_LOCALE_PATHS) and its code in MANGFOLD_LANGUAGES, never a code
# change (README, "Adding a language").
LANGUAGE_CODE = "da"
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in env_list("MANGFOLD_LANGUAGES", "da,en")]
LOCALE_PATHS: list[Path] = []  # each app carries its own locale/<code>/ catalogue
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Uploads stream to a temporary file as they arrive (nothing of a file is held in memory); past
# MANGFOLD_MAX_UPLOAD_MB a file is no longer stored and its form says it is too large (core/uploads.py).
FILE_UPLOAD_HANDLERS = ["mangfold.web.core.uploads.LimitedUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the other fields of a request (Django's default, stated)
MANGFOLD_MAX_UPLOAD_BYTES = env_int("MANGFOLD_MAX_UPLOAD_MB", 50) * 2**20
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if SERVE_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mangfold <noreply@localhost>")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# accounts ------------------------------------------------------------------------------------------------
# Two-factor authentication (TOTP, django-otp) is required of network administrators and city coordinators
# when MANGFOLD_REQUIRE_2FA is on: by default in production, off in development, `make run` and the tests.
MANGFOLD_REQUIRE_2FA = env_bool("MANGFOLD_REQUIRE_2FA", PRODUCTION)
MANGFOLD_INVITATION_DAYS = env_int("MANGFOLD_INVITATION_DAYS", 14)
# The smallest group in which a rank, percentile or peer-group place is shown (docs/methodology/benchmark.md).
MANGFOLD_MIN_RANK_SAMPLE = env_int("MANGFOLD_MIN_RANK_SAMPLE", 5)
# Log-in throttling: after this many failures for one username (or from one IP address) within the window,
# further attempts are refused until the failures are older than the window.
MANGFOLD_LOGIN_MAX_FAILURES = env_int("MANGFOLD_LOGIN_MAX_FAILURES", 5)
MANGFOLD_LOGIN_MAX_FAILURES_PER_IP = env_int("MANGFOLD_LOGIN_MAX_FAILURES_PER_IP", 30)
MANGFOLD_LOGIN_WINDOW_MINUTES = env_int("MANGFOLD_LOGIN_WINDOW_MINUTES", 15)
MANGFOLD_RESET_MAX_PER_ADDRESS = env_int("MANGFOLD_RESET_MAX_PER_ADDRESS", 3)
MANGFOLD_RESET_MAX_PER_IP = env_int("MANGFOLD_RESET_MAX_PER_IP", 20)
MANGFOLD_RESET_WINDOW_MINUTES = env_int("MANGFOLD_RESET_WINDOW_MINUTES", 60)
# Behind a reverse proxy: the header with the client's address, as a META key (e.g. HTTP_X_REAL_IP).
MANGFOLD_CLIENT_IP_HEADER = env_str("MANGFOLD_CLIENT_IP_HEADER", "")
AUTHENTICATION_BACKENDS = ["mangfold.web.accounts.backends.ThrottledModelBackend"]
MIDDLEWARE.append("mangfold.web.accounts.middleware.TwoFactorMiddleware")
OTP_TOTP_ISSUER = "mangfold"
# end accounts --------------------------------------------------------------------------------------------
