"""Agreement pages outside the admin."""

from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("dokumen/<int:pk>/pindaian/", views.download_signed_scan, name="signed-scan"),
]
