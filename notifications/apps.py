from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Reminders, approval notifications, e-mail and background reports."""

    name = "notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from notifications import receivers

        receivers.connect()
