"""The app's URLs plus ``raw/agreements/``: the API's page of agreements as a plain Django view
returning ``JsonResponse``, the yardstick of the list endpoint (it lives here, not in the app).

It reads the same rows with the same scoping (``visible_agreements``, newest first), its
partners and scope areas in one query each, writes every value by hand and answers without
DRF, django-filter or a serializer; ``next`` and ``previous`` are left empty.
"""

from django.http import JsonResponse
from django.urls import path
from django.utils import timezone

from agreements.access import visible_agreements
from agreements.models import Agreement, Party, is_in_force
from kemitraan.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kemitraan.urls import urlpatterns as app_urlpatterns

COLUMNS = (
    "id",
    "uuid",
    "kind",
    "title",
    "owner_id",
    "owner_number",
    "owner_signatory_name",
    "owner_signatory_title",
    "parent_id",
    "signed_on",
    "signing_place",
    "valid_from",
    "valid_until",
    "effective_until",
    "status",
    "approval_reference",
    "approved_on",
    "terminated_on",
    "termination_reason",
    "renewal_of_id",
)


def iso(day):
    return day.isoformat() if day else None


def raw_agreements(request):
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "not signed in"}, status=401)
    size = min(int(request.GET.get("page_size", 50)), 200)
    rows = list(visible_agreements(request.user).order_by("-id").values(*COLUMNS)[:size])
    ids = [row["id"] for row in rows]
    partners, scopes = {}, {}
    for agreement, institution, number, name, title in Party.objects.filter(
        agreement_id__in=ids
    ).values_list("agreement_id", "institution_id", "number", "signatory_name", "signatory_title"):
        partners.setdefault(agreement, []).append(
            {
                "institution": institution,
                "number": number,
                "signatory_name": name,
                "signatory_title": title,
            }
        )
    for agreement, code in (
        Agreement.scopes.through.objects.filter(agreement_id__in=ids)
        .order_by("scopearea__order", "scopearea__code")
        .values_list("agreement_id", "scopearea__code")
    ):
        scopes.setdefault(agreement, []).append(code)
    today = timezone.localdate()
    results = [
        {
            "id": row["id"],
            "uuid": str(row["uuid"]),
            "kind": row["kind"],
            "title": row["title"],
            "owner": row["owner_id"],
            "owner_number": row["owner_number"],
            "owner_signatory_name": row["owner_signatory_name"],
            "owner_signatory_title": row["owner_signatory_title"],
            "parent": row["parent_id"],
            "partners": partners.get(row["id"], []),
            "scopes": scopes.get(row["id"], []),
            "signed_on": iso(row["signed_on"]),
            "signing_place": row["signing_place"],
            "valid_from": iso(row["valid_from"]),
            "valid_until": iso(row["valid_until"]),
            "status": row["status"],
            "approval_reference": row["approval_reference"],
            "approved_on": iso(row["approved_on"]),
            "terminated_on": iso(row["terminated_on"]),
            "termination_reason": row["termination_reason"],
            "renewal_of": row["renewal_of_id"],
            "in_force": is_in_force(
                row["status"],
                row["terminated_on"],
                row["valid_from"],
                row["effective_until"],
                today,
            ),
        }
        for row in rows
    ]
    return JsonResponse({"next": None, "previous": None, "results": results})


urlpatterns = [path("raw/agreements/", raw_agreements), *app_urlpatterns]
