"""Settings for Kemitraan. One module: every difference between machines comes from
environment variables (see README.md, "Configuration")."""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kemitraan.environment import cache_settings, email_settings, env_flag, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-kemitraan-development-only"

DEBUG = env_flag("DEBUG")
# The development key is refused when the app is served with DEBUG off (kemitraan.wsgi);
# management commands such as makemigrations still run without a key.
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "kemitraan.admin_site.KemitraanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "accounts.apps.AxesConfig",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "kemitraan",
    "accounts",
    "partners",
    "agreements",
    "imports",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kemitraan.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the lockout flag the sign-in forms' authentication set.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kemitraan.urls"
WSGI_APPLICATION = "kemitraan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kemitraan.context_processors.page_frame",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The lockout backend first: it refuses a locked-out client before a password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kemitraan.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves the static files from gunicorn itself, so the API docs and the admin work
# on a closed office network with no other web server.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Signed scans are private: they live outside the static tree and are served only
# through a view that checks who asks (see agreements.views).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SIGNED_SCAN_MAX_BYTES = 20 * 1024 * 1024
SIGNATURE_VERIFIER_URL = os.environ.get(
    "SIGNATURE_VERIFIER_URL", "https://tte.komdigi.go.id/verifyPDF"
)

# Staff sign in on the pages' own form (/masuk/), which is not only for admin users, and land
# on their home (what needs doing); signing out shows the form again.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request then gets 401 with "WWW-Authenticate: Token".
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["kemitraan.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "kemitraan.api.CursorPage",
    "DEFAULT_SCHEMA_CLASS": "kemitraan.api_schema.ErrorDocumentingSchema",
    "EXCEPTION_HANDLER": "kemitraan.api.error_response",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only: an agreement's nested partner list cannot be sent as a form. The parser refuses
    # bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and nesting deeper than JSON_MAX_DEPTH (400).
    "DEFAULT_PARSER_CLASSES": ["kemitraan.parsers.JSONParser"],
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Kemitraan API",
    "DESCRIPTION": (
        "The partnership register of KPU and Bawaslu: MoUs, PKS, partners and their "
        'eligibility. Errors answer with {"detail", "code", "errors"}: see ErrorResponse.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "BodyEnum": "partners.models.Body",
        "LevelEnum": "partners.models.Level",
        "StatusEnum": "agreements.models.Status",
        "KindEnum": "agreements.models.Kind",
        "CategoryEnum": "partners.models.Category",
        "RegionKindEnum": "partners.models.RegionKind",
        "ImportRowStatusEnum": "imports.api.ROW_STATUSES",
    },
}

# Reverting to an old version would skip the partnership rules (the history form has no
# partner inline): history is for reading; changes go through the normal form.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Sign-in ----------------------------------------------------------------------------------------

# API tokens (django-rest-knox): stored as hashes, several per user, each expiring; revoked on a
# password change and on signing out (accounts.receivers).
TOKEN_TTL_DAYS = env_int("TOKEN_TTL_DAYS", 30)
if TOKEN_TTL_DAYS < 1:
    raise ImproperlyConfigured("TOKEN_TTL_DAYS must be at least 1.")
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
}

# Throttle counters and sign-in failures live in the cache: Redis when CACHE_URL is set (needed
# with several gunicorn workers, which do not share local memory), else local memory.
CACHES = cache_settings(os.environ.get("CACHE_URL", "").strip())

# django-axes: five wrong passwords for one username from one address lock that pair out of every
# sign-in door (/masuk/, /admin/login/, the token endpoint) for 15 minutes; each further try
# starts the wait again. Without a shared cache the failures are kept in the database instead.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"

# Production (HTTPS) -------------------------------------------------------------------------------

SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# The header covers this host and hosts under it only; kemitraan runs on a host of its own.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
# "HTTP_X_FORWARDED_PROTO,https": behind nginx, which terminates HTTPS and sets that header.
SECURE_PROXY_SSL_HEADER = tuple(env_list("SECURE_PROXY_SSL_HEADER", "")) or None
if SECURE_PROXY_SSL_HEADER is not None and len(SECURE_PROXY_SSL_HEADER) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER is a header and a value: HTTP_X_FORWARDED_PROTO,https"
    )
SILENCED_SYSTEM_CHECKS = [
    # HSTS preloading is decided for a whole domain (go.id) by its owners, not by one application.
    "security.W021",
]

# Errors ----------------------------------------------------------------------------------------

# Warnings and errors, with the traceback of every 500, go to stderr: what gunicorn and systemd
# collect. Django's own logging (runserver's request lines) is kept.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # Background tasks: each daily run's summary, and failures with their traceback.
        "notifications": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
# A JSON body nested deeper than this is refused (400 too_deep): an agreement needs three levels.
JSON_MAX_DEPTH = 20
# Seconds a client is told to wait (Retry-After) when the database cannot be reached.
DATABASE_RETRY_AFTER = 10

# Long PDFs (the signed-agreement report) are rendered in parts by this many forked processes,
# one per core the server may use (agreements.pdf); 1 renders in the request's own process.
PDF_RENDER_PROCESSES = len(os.sched_getaffinity(0))

# Links in e-mails point here (no request to take the host from when a task sends them).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks (notifications.tasks). Without a broker they run in-process, so that a
# first run needs nothing but Python; in production a worker and the scheduler run beside
# gunicorn (README, "Background tasks").
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    # Nothing leaves the process; the in-memory transport keeps kombu from looking for a broker.
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged once it has run, so a worker that dies mid-task leaves it queued.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "count-the-new-day": {
        "task": "agreements.tasks.count_the_new_day",
        "schedule": crontab(hour=0, minute=5),
    },
    "send-reminders": {
        "task": "notifications.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    "delete-expired-reports": {
        "task": "notifications.tasks.delete_expired_reports",
        "schedule": crontab(hour=2, minute=30),
    },
}

# E-mail (reminders and notifications).
globals().update(email_settings())
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kemitraan@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reports of more rows than this are built in the background (notifications.report_jobs), and
# their files deleted after REPORT_FILE_DAYS days. Agreements hands them over through this
# hook, so that it never imports the notifications app.
REPORT_JOB_HANDLER = "notifications.report_jobs.start_if_large"
REPORT_JOB_ROWS = env_int("REPORT_JOB_ROWS", 500)
REPORT_FILE_DAYS = env_int("REPORT_FILE_DAYS", 7)

# Spreadsheet import (imports): the largest file accepted, the largest uncompressed XLSX (a
# zip bomb is refused before it is read), and from how many rows an admin upload runs as a
# background job when a task queue exists.
IMPORT_MAX_BYTES = 10 * 1024 * 1024
IMPORT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
IMPORT_BACKGROUND_ROWS = 500
