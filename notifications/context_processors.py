"""The unread-notification count in the header of the pages and of the admin."""

from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """``unread_notifications``: counted only when a template shows it (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: user.notifications.filter(read_at__isnull=True).count()
        )
    }
