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
import logging
from importlib import metadata
from pathlib import Path

import dj_database_url

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from basisbaan.conf import logs
from basisbaan.conf.env import ImproperlyConfiguredError, config
from basisbaan.conf.sentry import init_sentry

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

# -- Cache, background work (docs/operations.md) ---------------------------------------

REDIS_URL = config(
    "REDIS_URL",
    "",
    help_text=(
        "Redis for the shared cache (throttling, job progress, forecast results) and, with "
        "TASK_BACKEND=redis, the job queue: redis://host:6379/0. Empty: no Redis; the cache "
        "is per process and job progress goes through files in BASISBAAN_DATA_DIR/cache."
    ),
    secret=True,
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "basisbaan",
        },
        "jobs": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "basisbaan-jobs",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Job progress is written by the worker and read by the web processes:
        # without Redis, files on this machine are what they share.
        "jobs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "jobs"),
        },
    }

TASK_BACKEND = config(
    "TASK_BACKEND",
    "database",
    help_text=(
        "Where background jobs wait for a worker: database (the embedded default; run "
        "basisbaan worker), redis (RQ on REDIS_URL; run basisbaan worker) or immediate "
        "(in the request itself; for tests and one-off scripts)."
    ),
)
JOB_TIMEOUT = config(
    "JOB_TIMEOUT",
    3600,
    cast=int,
    help_text="Seconds a background job may run; housekeeping marks a job still running after that as failed.",
)
JOB_RETENTION_DAYS = config(
    "JOB_RETENTION_DAYS",
    30,
    cast=int,
    help_text="Days a finished background job (its result and message) is kept; then housekeeping deletes it.",
)
FORECAST_INLINE_LIMIT = config(
    "FORECAST_INLINE_LIMIT",
    1_000_000,
    cast=int,
    help_text=(
        "Draws x contracts up to which a Monte Carlo forecast or capacity question is "
        "computed in the request (about a second); above it, a background job computes "
        "it and the page shows its progress."
    ),
)
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfiguredError(
        f"TASK_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASK_BACKEND!r}"
    )
if TASK_BACKEND == "redis" and not REDIS_URL:
    raise ImproperlyConfiguredError("TASK_BACKEND=redis needs REDIS_URL.")
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": JOB_TIMEOUT,
    }
}

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
    # Second factor (TOTP and recovery codes) and lockout after failed sign-ins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Security keys and passkeys; always installed (its tables), offered when
    # BASISBAAN_WEBAUTHN is on.
    "django_otp_webauthn",
    "axes",
    "mozilla_django_oidc",
    "django_tasks_db",
    "django_rq",
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
    "basisbaan.outcomes",
    "basisbaan.research",
    "basisbaan.income",
    "basisbaan.regions",
    "basisbaan.esf",
    "basisbaan.reports",
    "basisbaan.dashboard",
    "basisbaan.demo",
    "basisbaan.privacy",
    "basisbaan.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "basisbaan.audit.middleware.RequestIdMiddleware",
    # Right after the request id: one request_finished line for every answer, also
    # those of the middleware below (basisbaan.core.logs sets the fields).
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "basisbaan.core.middleware.LanguageMiddleware",
    "basisbaan.core.middleware.NulCharacterMiddleware",
    "basisbaan.core.middleware.SingleQueryValueMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "basisbaan.tenancy.middleware.IdleTimeoutMiddleware",
    "basisbaan.tenancy.middleware.NoStoreMiddleware",
    "basisbaan.tenancy.middleware.LoginRequiredMiddleware",
    "basisbaan.tenancy.middleware.ActiveMunicipalityMiddleware",
    # The user id and municipality on every line the view logs.
    "basisbaan.core.logs.LogContextMiddleware",
    # After the memberships are read (the roles say who needs a second factor).
    "basisbaan.tenancy.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: turns a lockout noticed during the request into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "basisbaan.regions.context_processors.regions",
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
        # Dutch words, municipality names and the demo's words (see tenancy/passwords.py).
        {"NAME": "basisbaan.tenancy.passwords.DutchCommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
    # Development keeps them off, so that the demo's password "demo" works.
    if PRODUCTION
    else []
)

# Signing in: see docs/security.md#sign-in. axes first, so that a locked-out user and
# address is refused before any password is checked; OIDC only when switched on.
OIDC_ENABLED = config(
    "OIDC_ENABLED",
    False,
    cast=bool,
    help_text="Offer 'Inloggen met de eigen organisatie' through OpenID Connect.",
)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    *(["basisbaan.tenancy.oidc.BasisbaanOIDCBackend"] if OIDC_ENABLED else []),
]
TWO_FACTOR = config(
    "BASISBAAN_2FA",
    "required" if PRODUCTION else "optional",
    help_text=(
        "required: every user who sees personal data (and every staff user) signs in "
        "with a second factor; optional: only users who set one up (the demo)."
    ),
)
if TWO_FACTOR not in {"required", "optional"}:
    raise ImproperlyConfiguredError(
        f"BASISBAAN_2FA must be 'required' or 'optional', not {TWO_FACTOR!r}"
    )
if PRODUCTION and TWO_FACTOR != "required":
    raise ImproperlyConfiguredError(
        "BASISBAAN_2FA=optional is for development and the demo: production requires "
        "the second factor."
    )
OTP_TOTP_ISSUER = "Basisbaan"
# django-otp's own delay after a wrong code (1 s, 2 s, 4 s, ...) beside the lockout.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Security keys and passkeys (WebAuthn) beside the authenticator app (docs/security-auth.md).
WEBAUTHN_ENABLED = config(
    "BASISBAAN_WEBAUTHN",
    not PRODUCTION,
    cast=bool,
    help_text="Offer security keys and passkeys (WebAuthn) as a second factor beside the app.",
)
_webauthn_required = PRODUCTION and WEBAUTHN_ENABLED
# A key belongs to one domain (the relying party): in development "localhost" (an IP
# address such as 127.0.0.1 cannot be one; open http://localhost:8000 to try it).
OTP_WEBAUTHN_RP_ID = config(
    "WEBAUTHN_RP_ID",
    "localhost",
    help_text=(
        "WebAuthn: the domain keys are registered for, e.g. basisbaan.example.nl "
        "(changing it makes every key useless). Required in production when on."
    ),
    required=_webauthn_required,
)
OTP_WEBAUTHN_RP_NAME = config(
    "WEBAUTHN_RP_NAME", "Basisbaan", help_text="WebAuthn: the name the browser shows."
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = config(
    "WEBAUTHN_ALLOWED_ORIGINS",
    [f"http://{host}:8000" for host in ALLOWED_HOSTS if host == "localhost"]
    or ["http://localhost:8000"],
    cast=list,
    help_text=(
        "WebAuthn: comma-separated origins the site is opened under "
        "(https://basisbaan.example.nl). Required in production when on."
    ),
    required=_webauthn_required,
)
# A key is a second factor after the password, never instead of it.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
AXES_FAILURE_LIMIT = config(
    "LOGIN_FAILURE_LIMIT",
    5,
    cast=int,
    help_text="Failed sign-ins (password or code) of one user from one address before lockout.",
)
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=config(
        "LOGIN_COOLOFF_MINUTES",
        15,
        cast=int,
        help_text="Minutes a locked-out user and address wait before trying again.",
    )
)
# Per user AND address: an attacker cannot lock a user out from everywhere, and one
# address cannot try one user's password more than the limit.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "basisbaan.tenancy.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# Our own audit log records sign-ins; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["password", "code", "old_password", "new_password1"]
# Behind a proxy REMOTE_ADDR is the proxy: name the header it sets with the client address.
LOGIN_CLIENT_IP_HEADER = config(
    "LOGIN_CLIENT_IP_HEADER",
    "",
    help_text=(
        "Request META key with the client address set by the proxy (e.g. HTTP_X_REAL_IP; "
        "its last comma-separated value is used); empty: REMOTE_ADDR. For lockout per address."
    ),
)
AXES_CLIENT_IP_CALLABLE = "basisbaan.tenancy.lockout.client_ip"
SESSION_IDLE_TIMEOUT = config(
    "SESSION_IDLE_TIMEOUT",
    30,
    cast=int,
    help_text="Minutes without a request after which a signed-in user is signed out.",
)
OIDC_RP_CLIENT_ID = config(
    "OIDC_RP_CLIENT_ID", "", help_text="OpenID Connect: the client id Basisbaan has at the IdP."
)
OIDC_RP_CLIENT_SECRET = config(
    "OIDC_RP_CLIENT_SECRET",
    "",
    help_text="OpenID Connect: the client secret.",
    secret=True,
    required=OIDC_ENABLED and PRODUCTION,
)
OIDC_RP_SIGN_ALGO = config(
    "OIDC_RP_SIGN_ALGO", "RS256", help_text="OpenID Connect: the ID token's signing algorithm."
)
OIDC_OP_AUTHORIZATION_ENDPOINT = config(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", "", help_text="OpenID Connect: authorization endpoint URL."
)
OIDC_OP_TOKEN_ENDPOINT = config(
    "OIDC_OP_TOKEN_ENDPOINT", "", help_text="OpenID Connect: token endpoint URL."
)
OIDC_OP_USER_ENDPOINT = config(
    "OIDC_OP_USER_ENDPOINT", "", help_text="OpenID Connect: userinfo endpoint URL."
)
OIDC_OP_JWKS_ENDPOINT = config(
    "OIDC_OP_JWKS_ENDPOINT", "", help_text="OpenID Connect: JWKS endpoint URL (RS256 keys)."
)
OIDC_RP_SCOPES = config(
    "OIDC_RP_SCOPES", "openid email profile", help_text="OpenID Connect: scopes asked for."
)
OIDC_CREATE_USER = config(
    "OIDC_CREATE_USER",
    False,
    cast=bool,
    help_text="OpenID Connect: create a Basisbaan user on first sign-in (else only known e-mails).",
)
OIDC_ROLES_FROM_CLAIM = config(
    "OIDC_ROLES_FROM_CLAIM",
    "",
    help_text=(
        "OpenID Connect: name of the claim with the user's groups; empty keeps the roles "
        "in Basisbaan (memberships made by the functional administrator)."
    ),
)
OIDC_ROLE_MAP = config(
    "OIDC_ROLE_MAP",
    [],
    cast=list,
    help_text=(
        "OpenID Connect: group=municipality-slug:role pairs, comma-separated, e.g. "
        "bb-consulenten=leeuwarden:caseworker."
    ),
)
OIDC_TRUST_IDP_MFA = config(
    "OIDC_TRUST_IDP_MFA",
    "claim",
    help_text=(
        "OpenID Connect: when a sign-in counts as two-factor: claim (the ID token's amr "
        "or acr says so), always (the IdP enforces MFA) or never (Basisbaan asks its own code)."
    ),
)
OIDC_MFA_ACR_VALUES = config(
    "OIDC_MFA_ACR_VALUES",
    [],
    cast=list,
    help_text="OpenID Connect: acr values that mean a second factor was used (comma-separated).",
)
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

# E-mail (password reset links). Development prints them on the console; production
# sends them through EMAIL_HOST (default: a mail server on localhost).
_smtp_host = config(
    "EMAIL_HOST",
    "localhost" if PRODUCTION else "",
    help_text="SMTP server for password reset mail (production: localhost); empty: the console.",
)
_SMTP = {
    "host": _smtp_host,
    "port": config("EMAIL_PORT", 587, cast=int, help_text="SMTP port."),
    "username": config("EMAIL_HOST_USER", "", help_text="SMTP user name."),
    "password": config("EMAIL_HOST_PASSWORD", "", help_text="SMTP password.", secret=True),
    "use_tls": config("EMAIL_USE_TLS", True, cast=bool, help_text="SMTP with STARTTLS."),
}
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": _SMTP}
        # Never a reset link in a production log: production always mails.
        if _smtp_host or PRODUCTION
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    "Basisbaan <noreply@localhost>",
    help_text="Sender of password reset mail.",
)
PASSWORD_RESET_TIMEOUT = 3600  # a reset link works for one hour

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

# Imports (payroll, guidance hours): limits that keep one bad file from taking the
# server down (docs/security.md#input-imports-and-exports).
IMPORT_MAX_ERRORS = config(
    "IMPORT_MAX_ERRORS",
    1000,
    cast=int,
    help_text="Errors an import keeps in detail; beyond it only counts per column and reason.",
)
PAYROLL_MAX_UPLOAD_BYTES = config(
    "PAYROLL_MAX_UPLOAD_BYTES",
    200 * 1024 * 1024,
    cast=int,
    help_text="Largest payroll file accepted, in bytes, on the page and in the API.",
)
IMPORT_XLSX_MAX_UNPACKED_BYTES = config(
    "IMPORT_XLSX_MAX_UNPACKED_BYTES",
    500 * 1024 * 1024,
    cast=int,
    help_text="An .xlsx whose parts unpack to more bytes than this is refused unopened.",
)
IMPORT_XLSX_MAX_RATIO = config(
    "IMPORT_XLSX_MAX_RATIO",
    100,
    cast=int,
    help_text="An .xlsx with a part packed more than this many times smaller is refused.",
)

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
# (basisbaan.core.api.authentication). See docs/security.md#api.
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
    "DEFAULT_PARSER_CLASSES": [
        "basisbaan.core.api.parsers.JSONParser",
        "basisbaan.core.api.parsers.FormParser",
        "basisbaan.core.api.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "basisbaan.core.api.schema.AutoSchema",
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
        "ExitReasonEnum": "basisbaan.participants.constants.ExitReason",
        "CouncilReportStatusEnum": "basisbaan.reports.constants.ReportStatus",
        # Research: studies, respondents and sessions.
        "StudyMethodEnum": "basisbaan.research.constants.StudyMethod",
        "WageValueMethodEnum": "basisbaan.contracts.constants.WageValueMethod",
        "WageLineReasonEnum": "basisbaan.contracts.constants.WageLineReason",
        "RespondentKindEnum": "basisbaan.research.constants.RespondentKind",
        "ResearchSessionKindEnum": "basisbaan.research.constants.SessionKind",
        "RedactionSourceEnum": "basisbaan.research.constants.ProposalSource",
        "ReferralSourceEnum": "basisbaan.intake.vocabulary.ReferralSource",
        # ESF+: the one answer set of the questions EECO13-17.
        "EsfAnswerEnum": "basisbaan.esf.constants.Answer",
        "LkvKindEnum": "basisbaan.contracts.constants.LkvKind",
    },
}

# -- Health, logs and errors (docs/operations.md#health-logs-and-errors) -------------------

HEALTH_MIN_FREE_MB = config(
    "HEALTH_MIN_FREE_MB",
    500,
    cast=int,
    help_text="/health/ready fails when the disk of BASISBAAN_DATA_DIR has fewer free MB than this.",
)
# Probes come over plain http from inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

LOG_FORMAT = config(
    "LOG_FORMAT",
    "json" if PRODUCTION else "console",
    help_text="json (one JSON object a line; the production default) or console (readable).",
)
if LOG_FORMAT not in logs.LOG_FORMATS:
    raise ImproperlyConfiguredError(f"LOG_FORMAT must be json or console, not {LOG_FORMAT!r}")
LOGGING = logs.logging_config(
    level=config("LOG_LEVEL", "INFO", help_text="Log level of the console log."),
    log_format=LOG_FORMAT,
    debug=DEBUG,
)
logs.configure_structlog()
# django-structlog's request lines (basisbaan.core.logs): never the client's address;
# request_started only at DEBUG (request_finished says it all).
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = logging.DEBUG
DJANGO_STRUCTLOG_USER_ID_FIELD = "pk"

# Error reports by mail (without personal data: basisbaan.core.reporting).
ADMINS = config(
    "ADMINS",
    [],
    cast=list,
    help_text="Who gets a mail on every server error: 'Name <mail>' addresses, comma-separated.",
)
SERVER_EMAIL = config(
    "SERVER_EMAIL",
    DEFAULT_FROM_EMAIL,
    help_text="Sender of the error mail to ADMINS.",
)
EMAIL_SUBJECT_PREFIX = "[Basisbaan] "
DEFAULT_EXCEPTION_REPORTER_FILTER = "basisbaan.core.reporting.ExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "basisbaan.core.reporting.ExceptionReporter"

SENTRY_DSN = config(
    "SENTRY_DSN",
    "",
    help_text="Error reporting to Sentry (or a compatible service); empty: off.",
    secret=True,
)
SENTRY_ENVIRONMENT = config(
    "SENTRY_ENVIRONMENT",
    ENVIRONMENT,
    help_text="The environment Sentry files errors under (default: BASISBAAN_ENV).",
)
try:
    _version = metadata.version("basisbaan")
except metadata.PackageNotFoundError:  # a checkout that was never installed
    _version = "unknown"
SENTRY_RELEASE = config(
    "SENTRY_RELEASE",
    f"basisbaan@{_version}",
    help_text="The release Sentry files errors under (default: basisbaan@<version>).",
)
SENTRY_TRACES_SAMPLE_RATE = config(
    "SENTRY_TRACES_SAMPLE_RATE",
    0.0,
    cast=float,
    help_text="Share of requests traced for performance in Sentry (0 to 1; default 0).",
)
if SENTRY_DSN:
    init_sentry(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# -- Privacy and disclosure (docs/privacy.md) -------------------------------------------

PSEUDONYM_KEY = config(
    "PSEUDONYM_KEY",
    "",
    help_text=(
        "Key of the research pseudonyms (HMAC-SHA256). Empty: the installation's own "
        "random key, made once in the database. Never the SECRET_KEY."
    ),
    secret=True,
)
DEDUCE_CACHE_DIR = Path(
    config(
        "BASISBAAN_DEDUCE_CACHE",
        str(DATA_DIR / "deduce-cache"),
        help_text=(
            "Folder of deduce's lookup-table cache (the transcript pseudonymisation). Built "
            "once (about 85 s) by basisbaan deduce_cache; loading it then takes about 5 s."
        ),
    )
)
RETENTION_PARTICIPANT_YEARS = config(
    "RETENTION_PARTICIPANT_YEARS",
    10,
    cast=int,
    help_text=(
        "Years a participant's personal data is kept after the exit or the programme's "
        "end (Selectielijst gemeenten, sociaal domein); then basisbaan purge anonymises it."
    ),
)
RETENTION_PAYROLL_PREVIEW_DAYS = config(
    "RETENTION_PAYROLL_PREVIEW_DAYS",
    1,
    cast=int,
    help_text=(
        "Days an unconfirmed payroll preview (the uploaded file with BSNs and wages) is kept "
        "after the upload; it can be confirmed for 24 hours only."
    ),
)
RETENTION_TEMP_FILE_DAYS = config(
    "RETENTION_TEMP_FILE_DAYS",
    2,
    cast=int,
    help_text="Days a file in the temporary directory (BASISBAAN_DATA_DIR/tmp) is kept.",
)
TEMP_DIR = DATA_DIR / "tmp"
SECURITY_CONTACT = config(
    "SECURITY_CONTACT",
    "mailto:security@basisbaan.example",
    help_text="Where vulnerabilities are reported (security.txt Contact: mailto: or https:).",
)
SECURITY_POLICY_URL = config(
    "SECURITY_POLICY_URL",
    "",
    help_text="Address of the vulnerability disclosure policy (SECURITY.md) for security.txt.",
)
