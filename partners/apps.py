from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and regions")

    def ready(self):
        from partners.logos import LOGO_FILES
        from partners.models import Institution

        LOGO_FILES.connect(Institution)
