"""URLs of API v1 (/api/v1/)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter
from rest_framework_nested.routers import NestedSimpleRouter

from accounts.views import ObtainTokenView, RevokeTokenView
from agreements import followup_api
from agreements.api import AgreementViewSet, InstitutionViewSet
from imports import api as imports_api
from notifications.api import NotificationViewSet, ReportJobViewSet
from partners.api import InstitutionContactViewSet, RegionViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("regions", RegionViewSet)
router.register("institutions", InstitutionViewSet)
router.register("agreements", AgreementViewSet)
router.register("notifications", NotificationViewSet)
router.register("report-jobs", ReportJobViewSet, basename="report-job")

# Under each agreement (and each activity, each institution): agreements/{agreement_pk}/…/.
agreement_router = NestedSimpleRouter(router, "agreements", lookup="agreement")
for prefix, viewset in [
    ("activities", followup_api.ActivityViewSet),
    ("evaluations", followup_api.EvaluationViewSet),
    ("addenda", followup_api.AddendumViewSet),
    ("attachments", followup_api.AttachmentViewSet),
    ("contacts", followup_api.ContactViewSet),
]:
    agreement_router.register(prefix, viewset, basename=f"agreement-{prefix}")
activity_router = NestedSimpleRouter(agreement_router, "activities", lookup="activity")
activity_router.register("evidence", followup_api.EvidenceViewSet, basename="activity-evidence")
institution_router = NestedSimpleRouter(router, "institutions", lookup="institution")
institution_router.register("contacts", InstitutionContactViewSet, basename="institution-contacts")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", RevokeTokenView.as_view(), name="api-logout"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # The import routes come before the router's, which would read "import" as an id.
    path("agreements/import/", imports_api.AgreementImportView.as_view(), name="agreement-import"),
    path(
        "agreements/import/template/",
        imports_api.TemplateView.as_view(kind="agreements"),
        name="agreement-import-template",
    ),
    path(
        "institutions/import/",
        imports_api.InstitutionImportView.as_view(),
        name="institution-import",
    ),
    path(
        "institutions/import/template/",
        imports_api.TemplateView.as_view(kind="institutions"),
        name="institution-import-template",
    ),
    path("", include(router.urls)),
    path("", include(agreement_router.urls)),
    path("", include(activity_router.urls)),
    path("", include(institution_router.urls)),
]
