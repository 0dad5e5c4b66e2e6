"""Top-level URLs."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = admin.site.site_title = "Kemitraan KPU & Bawaslu"
# Agreement lists are wide (parties, dates, status); the menu is one click away on the home page.
admin.site.enable_nav_sidebar = False
# No public pages yet: hide the "view site" link rather than lead to a 404.
admin.site.site_url = None

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("kemitraan.api_urls")),
    path("", include("agreements.urls")),
]
