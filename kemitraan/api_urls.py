"""URLs of API v1 (/api/v1/)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from accounts.views import ObtainTokenView, RevokeTokenView
from agreements.api import AgreementViewSet, InstitutionViewSet
from imports import api as imports_api
from notifications.api import NotificationViewSet, ReportJobViewSet
from partners.api import RegionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("regions", RegionViewSet)
router.register("institutions", InstitutionViewSet)
router.register("agreements", AgreementViewSet)
router.register("notifications", NotificationViewSet)
router.register("report-jobs", ReportJobViewSet, basename="report-job")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", RevokeTokenView.as_view(), name="api-logout"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # The import routes come before the router's, which would read "import" as an id.
    path("agreements/import/", imports_api.AgreementImportView.as_view(), name="agreement-import"),
    path("agreements/import/template/", imports_api.TemplateView.as_view(kind="agreements"),
         name="agreement-import-template"),
    path("institutions/import/", imports_api.InstitutionImportView.as_view(),
         name="institution-import"),
    path("institutions/import/template/", imports_api.TemplateView.as_view(kind="institutions"),
         name="institution-import-template"),
    path("", include(router.urls)),
]
