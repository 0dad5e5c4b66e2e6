"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from agreements.views import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("kemitraan.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The calendar of the pages' date inputs (kemitraan.widgets) reads its words from here.
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django.contrib.admin"]),
        name="javascript-catalog",
    ),
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # What needs doing for the user; anonymous visitors are sent on to sign in from there.
    path("", home.home, name="home"),
    path("", include("notifications.urls")),
    path("", include("agreements.urls")),
]

handler400 = "kemitraan.errors.bad_request"
handler403 = "kemitraan.errors.permission_denied"
handler404 = "kemitraan.errors.page_not_found"
handler500 = "kemitraan.errors.server_error"
