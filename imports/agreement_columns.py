"""The columns of the agreements sheet (fixed by the interface contract, in Bahasa Indonesia),
the field each column fills, and the names of kinds and statuses a cell may hold."""

from agreements.models import Kind, Status

KIND, TITLE, OWNER, OWNER_NUMBER = "Jenis", "Judul", "Satuan Kerja", "Nomor Satuan Kerja"
OWNER_SIGNATORY, OWNER_SIGNATORY_TITLE = (
    "Penanda Tangan Satuan Kerja",
    "Jabatan Penanda Tangan Satuan Kerja",
)
PARENT, PARTNERS, PARTNER_NUMBERS = "Nomor MoU Induk", "Mitra", "Nomor Mitra"
PARTNER_SIGNATORIES, PARTNER_SIGNATORY_TITLES = (
    "Penanda Tangan Mitra",
    "Jabatan Penanda Tangan Mitra",
)
SCOPES, SIGNED_ON = "Ruang Lingkup", "Tanggal Penandatanganan"
SIGNING_PLACE = "Tempat Penandatanganan"
VALID_FROM, VALID_UNTIL, STATUS = "Berlaku Mulai", "Berlaku Sampai", "Status"
APPROVAL_REFERENCE, APPROVED_ON = "Nomor Surat Persetujuan", "Tanggal Persetujuan"

COLUMNS = [
    KIND,
    TITLE,
    OWNER,
    OWNER_NUMBER,
    OWNER_SIGNATORY,
    OWNER_SIGNATORY_TITLE,
    PARENT,
    PARTNERS,
    PARTNER_NUMBERS,
    PARTNER_SIGNATORIES,
    PARTNER_SIGNATORY_TITLES,
    SCOPES,
    SIGNED_ON,
    SIGNING_PLACE,
    VALID_FROM,
    VALID_UNTIL,
    STATUS,
    APPROVAL_REFERENCE,
    APPROVED_ON,
]
REQUIRED = [KIND, TITLE, OWNER, PARTNERS]

# The column each field's errors belong to; the termination fields have no column of their
# own, and a terminated status is what asks for them.
FIELD_COLUMNS = {
    "kind": KIND,
    "title": TITLE,
    "owner": OWNER,
    "owner_number": OWNER_NUMBER,
    "owner_signatory_name": OWNER_SIGNATORY,
    "owner_signatory_title": OWNER_SIGNATORY_TITLE,
    "parent": PARENT,
    "partners": PARTNERS,
    "scopes": SCOPES,
    "signed_on": SIGNED_ON,
    "signing_place": SIGNING_PLACE,
    "valid_from": VALID_FROM,
    "valid_until": VALID_UNTIL,
    "status": STATUS,
    "approval_reference": APPROVAL_REFERENCE,
    "approved_on": APPROVED_ON,
    "terminated_on": STATUS,
    "termination_reason": STATUS,
}
KIND_NAMES = {"mou": Kind.MOU, "pks": Kind.PKS}
# The status names of the template (Bahasa Indonesia), whatever the user's language.
STATUS_NAMES = {
    "draf": Status.DRAFT,
    "menunggu persetujuan": Status.AWAITING_APPROVAL,
    "disetujui": Status.APPROVED,
    "ditandatangani": Status.SIGNED,
    "diakhiri": Status.TERMINATED,
}
PARTY_COLUMNS = (PARTNER_NUMBERS, PARTNER_SIGNATORIES, PARTNER_SIGNATORY_TITLES)


STATUS_OPTIONS = {**STATUS_NAMES, **{status.value: status.value for status in Status}}
