"""Pages of the notifications app."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("pemberitahuan/", views.notification_list, name="list"),
    path("pemberitahuan/<int:pk>/dibaca/", views.mark_read, name="read"),
    path("pemberitahuan/semua-dibaca/", views.mark_all_read, name="read-all"),
    path("pemberitahuan/email/", views.email_preference, name="email"),
    path("laporan/tugas/<uuid:pk>/", views.report_job, name="report-job"),
    path("laporan/tugas/<uuid:pk>/unduh/", views.report_download, name="report-download"),
]
