"""The admin site: its name, and the agreements first on the home page."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# Home page order: what clerks use all day first, user administration last.
APP_ORDER = ["agreements", "imports", "partners", "auth", "axes"]


class KemitraanAdminSite(admin.AdminSite):
    site_header = site_title = "Kemitraan KPU & Bawaslu"
    index_title = "Beranda"
    # "View site" leads staff to the partner lookup, the pages outside the admin.
    site_url = "/mitra/"
    # Agreement lists are wide (parties, dates, status); the menu is one click away at home.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: position for position, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(APP_ORDER)))


class KemitraanAdminConfig(AdminConfig):
    """Installs KemitraanAdminSite as the default admin site."""

    default_site = "kemitraan.admin_site.KemitraanAdminSite"
