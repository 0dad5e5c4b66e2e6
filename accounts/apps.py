from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: lockout of repeated failures, expiring API tokens and their revocation."""

    name = "accounts"
    verbose_name = _("Sign-in")
    default = True  # "accounts" in INSTALLED_APPS means this one, not AxesConfig below

    def ready(self):
        from accounts import receivers, schema  # noqa: F401 (they register themselves)


class AxesConfig(AxesAppConfig):
    """django-axes, named in the admin in the site's language."""

    verbose_name = _("Sign-in lockout")
