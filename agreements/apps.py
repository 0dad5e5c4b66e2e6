from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from agreements import receivers  # noqa: F401  (connects the receivers)
