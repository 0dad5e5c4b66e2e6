"""Reading the environment into settings: yes/no flags, lists, numbers, the e-mail and cache
settings from their URLs. Used by ``kemitraan.settings`` (README, "Configuration")."""

import os

import environ
from django.core.exceptions import ImproperlyConfigured


def env_flag(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings():
    """The EMAIL_* settings: from EMAIL_URL (smtp://, smtp+tls://, smtp+ssl://, consolemail://,
    …), then the usual EMAIL_* variables on top of it; the console backend if neither is set."""
    found = {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if os.environ.get("EMAIL_HOST"):
        found["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_URL"):
        parsed = environ.Env.email_url_config(os.environ["EMAIL_URL"])
        found.update({name: value for name, value in parsed.items() if value not in (None, "")})
    for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        if os.environ.get(name):
            found[name] = os.environ[name]
    if os.environ.get("EMAIL_PORT"):
        found["EMAIL_PORT"] = env_int("EMAIL_PORT", 25)
    for name in ("EMAIL_USE_TLS", "EMAIL_USE_SSL"):
        if name in os.environ:
            found[name] = env_flag(name)
    return found


def env_int(name, default):
    """Read a whole-number environment variable."""
    return int(os.environ.get(name, "").strip() or default)


def cache_settings(url):
    """Django's CACHES for ``CACHE_URL``: Redis for a ``redis://`` URL, local memory if unset."""
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, not {url!r}.")
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
