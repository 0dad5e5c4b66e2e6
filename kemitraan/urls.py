"""Top-level URLs."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = admin.site.site_title = "Kemitraan KPU & Bawaslu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("agreements.urls")),
]
