"""The pages outside the admin."""

from django.urls import path

from agreements.views import dashboard, documents, followup, lookup, report

app_name = "agreements"

urlpatterns = [
    path("mitra/", lookup.partner_lookup, name="lookup"),
    path("mitra/<int:pk>/", lookup.partner_page, name="partner"),
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("laporan/", report.report_page, name="report"),
    path("dokumen/<int:pk>/pindaian/", documents.download_signed_scan, name="signed-scan"),
    path("dokumen/<int:pk>/cetak/", documents.agreement_document, name="document"),
    path("verifikasi/<uuid:uuid>/", documents.verification, name="verification"),
    path("dokumen/berkas/<slug:kind>/<int:pk>/", followup.followup_file, name="followup-file"),
    path("dokumen/adendum/<int:pk>/cetak/", followup.addendum_document, name="addendum-document"),
]
