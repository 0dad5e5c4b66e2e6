"""Admin mixins shared by the apps' ModelAdmins."""

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
