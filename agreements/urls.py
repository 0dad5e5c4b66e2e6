"""Agreement pages outside the admin."""

from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("dokumen/<int:pk>/pindaian/", views.download_signed_scan, name="signed-scan"),
    path("dokumen/<int:pk>/cetak/", views.agreement_document, name="document"),
    path("verifikasi/<uuid:uuid>/", views.verification, name="verification"),
    path("laporan/", views.report_page, name="report"),
]
