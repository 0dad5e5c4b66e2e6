"""The partner pages, under /mitra/."""

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_lookup, name="lookup"),
    path("<int:pk>/", views.partner_page, name="partner"),
]
