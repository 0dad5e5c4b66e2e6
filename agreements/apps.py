from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from agreements import receivers, scans  # noqa: F401  (receivers connect themselves)
        from agreements.models import (
            ActivityEvidence,
            Agreement,
            Attachment,
            Evaluation,
            Mou,
            Pks,
        )

        # The admin saves MoUs and PKS through their proxy models, which send their own signals.
        for model in (Agreement, Mou, Pks):
            scans.track(model, "signed_scan")
        scans.track(ActivityEvidence, "file")
        scans.track(Attachment, "file")
        scans.track(Evaluation, "document")
