"""Views of the agreements app outside the admin."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from agreements.access import visible_agreements


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
