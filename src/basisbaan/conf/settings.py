"""Django settings for Basisbaan, read from the environment.

``BASISBAAN_ENV`` chooses the mode: ``development`` (the default: SQLite, a
throw-away secret key, localhost) or ``production`` (SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL must be given; no secret has a default). DEBUG is off unless
``DEBUG=true`` is set, in both modes: the demo (``make run``) shows the app's own
Dutch 404, 403 and 500 pages, as users will see them; a developer who wants
Django's technical pages sets ``DEBUG=true``. Never in production.
See docs/operations.md for every variable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from basisbaan.conf.env import config

BASE_DIR = Path(__file__).resolve().parent.parent  # src/basisbaan
PROJECT_DIR = BASE_DIR.parent.parent  # repository root in a checkout

ENVIRONMENT = config(
    "BASISBAAN_ENV",
    "development",
    help_text="development or production; production demands real secrets.",
)
PRODUCTION = ENVIRONMENT == "production"

DEBUG = config(
    "DEBUG",
    False,
    cast=bool,
    help_text="Django's technical error pages, for developers (true); never in production.",
)
SECRET_KEY = config(
    "SECRET_KEY",
    None if PRODUCTION else "dev-only-insecure-key-do-not-use-in-production-0123456789",
    help_text="Django secret key: 50+ random characters. Required in production.",
    secret=True,
    required=PRODUCTION,
)
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
    cast=list,
    help_text="Comma-separated host names the site is served under.",
    required=PRODUCTION,
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    [],
    cast=list,
    help_text="Comma-separated origins (https://host) trusted for CSRF behind a proxy.",
)

DATA_DIR = Path(
    config(
        "BASISBAAN_DATA_DIR",
        str(PROJECT_DIR / "var"),
        help_text="Folder for the SQLite database and uploaded files in development.",
    )
)
if not PRODUCTION:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            None if PRODUCTION else f"sqlite:///{DATA_DIR / 'basisbaan.sqlite3'}",
            help_text="Database URL: postgres://user:pass@host:5432/name or sqlite:///path.",
            secret=True,
            required=PRODUCTION,
        ),
        conn_max_age=config(
            "DB_CONN_MAX_AGE",
            60,
            cast=int,
            help_text="Seconds a database connection is kept open for reuse.",
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "basisbaan.core",
    "basisbaan.tenancy",
    "basisbaan.audit",
    "basisbaan.parameters",
    "basisbaan.programmes",
    "basisbaan.participants",
    "basisbaan.hosts",
    "basisbaan.placements",
    "basisbaan.contracts",
    "basisbaan.payroll",
    "basisbaan.costs",
    "basisbaan.budgets",
    "basisbaan.intake",
    "basisbaan.guidance",
    "basisbaan.dashboard",
    "basisbaan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "basisbaan.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "basisbaan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "basisbaan.tenancy.middleware.LoginRequiredMiddleware",
    "basisbaan.tenancy.middleware.ActiveMunicipalityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "basisbaan.urls"
WSGI_APPLICATION = "basisbaan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "basisbaan.tenancy.context_processors.tenancy",
                "basisbaan.participants.context_processors.privacy",
            ],
            "builtins": [
                "basisbaan.core.templatetags.nlformat",
                "basisbaan.participants.templatetags.participant_privacy",
            ],
        },
    }
]

AUTH_USER_MODEL = "tenancy.User"
LOGIN_URL = "tenancy:login"
LOGIN_REDIRECT_URL = "dashboard:dashboard"
LOGOUT_REDIRECT_URL = "tenancy:login"
AUTH_PASSWORD_VALIDATORS = (
    [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
    if PRODUCTION
    else []
)

# Language and formats: Dutch first, English second. Dates as 29-11-2026,
# amounts as 1.234,56 (see basisbaan/core/formats/nl).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["basisbaan.core.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Project-wide static files (vendored NL Design System CSS, htmx, app.css).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(
    config(
        "STATIC_ROOT",
        str(DATA_DIR / "static"),
        help_text="Folder collectstatic writes the static files to.",
    )
)
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# In development WhiteNoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
# ... and picks up an edited stylesheet without a restart, with DEBUG off too.
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# Security. Sessions end when the browser closes and after 8 idle hours.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = config(
    "SECURE_SSL_REDIRECT",
    PRODUCTION,
    cast=bool,
    help_text="Redirect http to https (turn off only when a proxy does it).",
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# API tokens (django-rest-knox): stored as a SHA-512 digest only, each with an
# expiry; a password change ends every token made before it
# (basisbaan.core.api.authentication). See docs/security-api.md.
API_TOKEN_TTL_DAYS = config(
    "API_TOKEN_TTL_DAYS",
    30,
    cast=int,
    help_text="Days an API token works after it was made (then a new one is needed).",
)
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=API_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    # Recognisable in a leaked log or repository (secret scanners), not secret itself.
    "TOKEN_PREFIX": "bb_",
    "TOKEN_LIMIT_PER_USER": None,
    "AUTO_REFRESH": False,
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "basisbaan.core.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "basisbaan.core.api.pagination.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "basisbaan.core.api.filters.TenantFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "basisbaan.core.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    # Every API route is throttled (tests/api/test_throttling.py walks them):
    # per user when signed in, per address otherwise; 429 with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": config(
            "API_THROTTLE_ANON",
            "60/min",
            help_text="API requests allowed per address without sign-in (n/sec, min, hour, day).",
        ),
        "user": config(
            "API_THROTTLE_USER",
            "1200/min",
            help_text="API requests allowed per signed-in user (n/sec, min, hour, day).",
        ),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Basisbaan API",
    "DESCRIPTION": (
        "REST API of Basisbaan. Every request works in one municipality: the "
        "user's only one, or the one named in the X-Municipality header (slug)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        # Intake and matching: one name per controlled vocabulary.
        "TrackEnum": "basisbaan.hosts.constants.Track",
        "CompetenceEnum": "basisbaan.intake.vocabulary.Competence",
        "SectorEnum": "basisbaan.intake.vocabulary.Sector",
        "WorkTypeEnum": "basisbaan.intake.vocabulary.WorkType",
        "ConstraintCategoryEnum": "basisbaan.intake.vocabulary.ConstraintCategory",
        "LanguageLevelEnum": "basisbaan.intake.vocabulary.LanguageLevel",
        "SupportLevelEnum": "basisbaan.intake.vocabulary.Level",
        "IntakeDecisionEnum": "basisbaan.intake.vocabulary.Decision",
        "ProposalStatusEnum": "basisbaan.intake.vocabulary.ProposalStatus",
        # ... and the enums of other apps whose field names they share.
        "RenewalDecisionEnum": "basisbaan.contracts.constants.Decision",
        "FeedbackSessionStatusEnum": "basisbaan.guidance.constants.SessionStatus",
        "ParticipantStatusEnum": "basisbaan.participants.constants.ParticipantStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": config("LOG_LEVEL", "INFO", help_text="Log level of the console log."),
    },
}
