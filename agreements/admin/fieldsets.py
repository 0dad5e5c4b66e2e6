"""The sections of the MoU and PKS forms, in the order of the document: the first party, its
partners (the inline), the scope, signing and validity, the national approval (a regional MoU
only), early termination, the document."""

from django.utils.translation import gettext_lazy as _

from kemitraan.admin_forms import VERSION_FIELDS

SIGNING_FIELDSET = (
    _("Signing and validity"),
    {
        "fields": ["signed_on", "signing_place", ("valid_from", "valid_until"), "status"],
    },
)
DOCUMENT_FIELDSET = (
    _("Document"),
    {
        "fields": ["signed_scan", "signed_scan_link", "renewal_of", "uuid"],
    },
)
TERMINATION_FIELDSET = (
    _("Early termination"),
    {
        "classes": ["collapse"],
        "fields": ["terminated_on", "termination_reason"],
    },
)


APPROVAL_FIELDS = {"approval_reference", "approved_on", "approved_by"}
APPROVAL_FIELDSET = (
    _("National approval (MoU of a regional unit)"),
    {
        "fields": ["approval_reference", "approved_on", "approved_by"],
    },
)
# The approval section of a new MoU entered by national staff, which may be for any unit.
APPROVAL_OF_ANY_UNIT = {
    "classes": ["collapse"],
    "description": _(
        "Only for an MoU of a provincial or regency/city unit: the national "
        "chair's approval letter, before it is signed."
    ),
}


def fields_of(fieldset):
    """The field names of a fieldset, those on shared lines included."""
    return {
        name
        for line in fieldset[1]["fields"]
        for name in (line if isinstance(line, (list, tuple)) else [line])
    }


def owner_fieldset(extra=()):
    return (
        _("First party (election unit)"),
        {
            "fields": [
                "title",
                "owner",
                *extra,
                "owner_number",
                "owner_signatory_name",
                "owner_signatory_title",
                VERSION_FIELDS,
            ],
        },
    )
