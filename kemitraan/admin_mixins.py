"""Admin mixins shared by the apps' ModelAdmins."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from partners import access


class StaffAccessMixin:
    """Staff with a profile (or superusers) may use the admin pages of this model."""

    def has_module_permission(self, request):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)


class ReadOnlyAdminMixin:
    """Reference data and helper views: read in the admin, never written there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedHistoryMixin:
    """The history pages (simple_history) of the records the user may read, and only those:
    any other id, unknown or malformed, is 404; a past version is read, never reverted."""

    def readable_or_404(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(_("No such record."))
        return record

    def history_view(self, request, object_id, extra_context=None):
        record = self.readable_or_404(request, object_id)
        return super().history_view(request, str(record.pk), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = self.readable_or_404(request, object_id)
        if request.method != "GET":
            raise PermissionDenied
        if (
            not str(version_id).isdigit()
            or not record.history.filter(history_id=version_id).exists()
        ):
            raise Http404(_("No such version."))
        return super().history_form_view(request, str(record.pk), version_id, extra_context)
