"""The signed scan, the printable document and the public verification page of an agreement."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from agreements import documents, renewal
from agreements.access import can_edit, visible_agreements
from agreements.models import SIGNED_STATUSES, Agreement


@login_required
def download_signed_scan(request, pk):
    """The signed scan, to signed-in users who may read the agreement, always as an attachment."""
    agreement = get_object_or_404(visible_agreements(request.user), pk=pk)
    if not agreement.signed_scan:
        raise Http404("No signed scan")
    return FileResponse(
        agreement.signed_scan.open("rb"),
        as_attachment=True,
        filename=f"pindaian-{agreement.kind}-{agreement.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def agreement_document(request, pk):
    """The MoU or PKS as a formal document (PDF), to signed-in users who may read it."""
    agreement = get_object_or_404(
        visible_agreements(request.user, documents.document_queryset()), pk=pk
    )
    try:
        return documents.document_response(request, agreement)
    except documents.DocumentIncomplete as incomplete:
        return render(
            request,
            "agreements/document_incomplete.html",
            {
                "agreement": agreement,
                "missing": incomplete.missing,
                "may_edit": can_edit(request.user, agreement),
            },
            status=409,
        )


@require_GET
def verification(request, uuid):
    """Public: whether the agreement a printed copy names exists and is in force.

    Shows only what the copy itself states (title, parties and their numbers, dates) and the
    status today, plus the fingerprint of the signed scan; no signatories, approvals or notes.
    An agreement not signed yet (a draft, or an MoU awaiting or given approval) is answered as
    an unknown identifier is, 404 "no signed document is registered": a copy of it has no force,
    and the page must not tell anyone that such a draft exists, nor its title or parties.
    """
    agreement = (
        Agreement.objects.select_related("owner")
        .prefetch_related("parties__institution")
        .filter(uuid=uuid, status__in=SIGNED_STATUSES)
        .first()
    )
    response = render(
        request,
        "agreements/verification.html",
        {
            "agreement": agreement,
            "document_name": agreement and documents.DOCUMENT_NAMES[agreement.kind],
            "today": timezone.localdate(),
            "signature_verifier_url": settings.SIGNATURE_VERIFIER_URL,
            "chain": agreement and renewal.public_facts(agreement),
        },
        status=200 if agreement else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
