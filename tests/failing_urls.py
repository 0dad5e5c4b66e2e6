"""The project's URLs plus views that fail on purpose, for the tests of the error answers."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from kemitraan import urls

FAILURE = "uji: kesalahan yang disengaja"


def fail(request):
    raise RuntimeError(FAILURE)


def refuse(request):
    raise PermissionDenied


@api_view(["GET"])
@permission_classes([AllowAny])
def api_fail(request):
    raise RuntimeError(FAILURE)


urlpatterns = [
    path("uji/gagal/", fail),
    path("uji/ditolak/", refuse),
    path("api/v1/uji/gagal/", api_fail),
    *urls.urlpatterns,
]
handler400, handler403 = urls.handler400, urls.handler403
handler404, handler500 = urls.handler404, urls.handler500
