"""Downloads of what is recorded under an agreement: its follow-up files (activity evidence,
evaluation documents, attachments) and the printable document of an addendum. Only signed-in
users who may read the agreement get them; files always as attachments."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from agreements import addendum_documents, scans
from agreements.access import visible_agreements
from agreements.models import ActivityEvidence, Addendum, Attachment, Evaluation, Party

# The URL's kind of file → (model, file field, path from the record to its agreement).
FILES = {
    "bukti": (ActivityEvidence, "file", "activity__agreement"),
    "evaluasi": (Evaluation, "document", "agreement"),
    "lampiran": (Attachment, "file", "agreement"),
}


@login_required
@require_GET
def followup_file(request, kind, pk):
    """A follow-up file, to signed-in users who may read its agreement, as an attachment."""
    if kind not in FILES:
        raise Http404("Unknown kind of file")
    model, field, agreement_path = FILES[kind]
    readable = visible_agreements(request.user).values("pk")
    record = get_object_or_404(model.objects.filter(**{f"{agreement_path}__in": readable}), pk=pk)
    file = getattr(record, field)
    if not file:
        raise Http404("No file")
    extension = scans.extension_of(file.name)
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"{kind}-{pk}.{extension}",
        content_type=scans.content_type_of(file.name),
    )


@login_required
@require_GET
def addendum_document(request, pk):
    """An addendum as a formal document (PDF), to signed-in users who may read its agreement."""
    addenda = (
        Addendum.objects.filter(agreement__in=visible_agreements(request.user).values("pk"))
        .select_related("agreement__owner")
        .prefetch_related(
            "scopes",
            "agreement__addenda",
            Prefetch("agreement__parties", Party.objects.select_related("institution")),
        )
    )
    return addendum_documents.addendum_response(request, get_object_or_404(addenda, pk=pk))
