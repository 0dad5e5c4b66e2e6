"""The agreement: an MoU or a PKS, one table, with the MoU and PKS menus as proxies."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements import scans, terms
from agreements.models.choices import (
    EXPIRING_WITHIN_DAYS,
    SIGNED_STATUSES,
    Kind,
    Status,
    in_force_condition,
    is_in_force,
)
from agreements.models.party import Party, ScopeArea
from kemitraan.models import ConstraintErrorsOnFieldsMixin, PlainTextMixin
from kemitraan.versioning import VersionedModel
from partners.models import Institution


class AgreementQuerySet(models.QuerySet):
    def mous(self):
        return self.filter(kind=Kind.MOU)

    def pks(self):
        return self.filter(kind=Kind.PKS)

    def in_force_on(self, day):
        """Signed, not terminated before ``day``, and ``valid_from <= day <= effective_until``."""
        return self.filter(in_force_condition(day))

    def expiring(self, today=None, within_days=EXPIRING_WITHIN_DAYS):
        """In force on ``today`` and ending (with its addenda) within ``within_days`` days."""
        today = today or timezone.localdate()
        return self.in_force_on(today).filter(
            effective_until__lte=today + datetime.timedelta(days=within_days)
        )

    def national(self, body=None):
        """Agreements owned by a national unit (of ``body`` if given)."""
        qs = self.filter(owner__level="national")
        return qs.filter(owner__body=body) if body else qs

    def with_relations(self):
        """What lists and documents show: owner, parent, partners and scopes, in few queries."""
        return self.select_related("owner", "owner__region", "parent").prefetch_related(
            "scopes", models.Prefetch("parties", Party.objects.select_related("institution"))
        )


# The form field each single-row rule's error belongs to, by constraint name.
AGREEMENT_CONSTRAINT_FIELDS = {
    "agreements_agreement_invalid_period": "valid_until",
    "agreements_agreement_invalid_period_signed_dates": "signed_on",
    "agreements_agreement_invalid_period_starts_after_signing": "valid_from",
    "agreements_agreement_parent_required": "parent",
    "agreements_agreement_termination_recorded": "terminated_on",
    "agreements_agreement_approval_incomplete": "approved_on",
    "agreements_agreement_signing_recorded": "status",
}


class Agreement(PlainTextMixin, ConstraintErrorsOnFieldsMixin, VersionedModel):
    """An MoU or a PKS owned by an election unit (PIHAK PERTAMA) with one or more partners."""

    CONSTRAINT_FIELDS = AGREEMENT_CONSTRAINT_FIELDS
    # The national chair's approval of a regional MoU: recorded only by a national approver.
    APPROVAL_FIELDS = ("approval_reference", "approved_on")

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    owner = models.ForeignKey(
        Institution,
        verbose_name=_("owner (first party)"),
        on_delete=models.PROTECT,
        related_name="owned_agreements",
    )
    owner_number = models.CharField(_("owner's document number"), max_length=100, blank=True)
    owner_signatory_name = models.CharField(_("owner's signatory"), max_length=200, blank=True)
    owner_signatory_title = models.CharField(
        _("owner's signatory title"), max_length=200, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent MoU"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    scopes = models.ManyToManyField(ScopeArea, verbose_name=_("scope areas"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signing_place = models.CharField(_("place of signing"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # ``valid_until`` as extended by the addenda: kept by the write paths under the agreement's
    # row lock (``services.save_agreement``, ``addenda``), so that "in force" stays one indexed
    # comparison in SQL.
    effective_until = models.DateField(
        _("valid until, with its addenda"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    approval_reference = models.CharField(
        _("approval letter number"),
        max_length=100,
        blank=True,
        help_text=_("The national chair's approval letter, for an MoU of a regional unit."),
    )
    approved_on = models.DateField(_("approval date"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    refused_on = models.DateField(_("approval refused on"), null=True, blank=True, editable=False)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval refused by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    refusal_reason = models.TextField(
        _("reason the approval was refused"), blank=True, editable=False
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renewal of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )
    signed_scan = models.FileField(
        _("signed scan (PDF)"),
        upload_to=scans.upload_path,
        blank=True,
        validators=[scans.validate_signed_scan],
        help_text=_("PDF only, at most 20 MB."),
    )
    signed_scan_sha256 = models.CharField(
        _("SHA-256 of the signed scan"), max_length=64, blank=True, editable=False
    )
    # Once signed, an agreement is ended, never erased, whatever its status later.
    ever_signed = models.BooleanField(_("signed at least once"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[scopes], excluded_fields=["version"])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["kind", "status", "effective_until"]),
            models.Index(fields=["owner", "kind"]),
            models.Index(fields=["owner", "effective_until"]),
            models.Index(fields=["signed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_invalid_period",
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                violation_error_code="invalid_period",
                violation_error_message=_("The end of validity is before its start."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_invalid_period_signed_dates",
                condition=~Q(status__in=SIGNED_STATUSES)
                | Q(
                    signed_on__isnull=False,
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                ),
                violation_error_code="invalid_period",
                violation_error_message=_(
                    "A signed agreement needs its signing date and its validity period."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_invalid_period_starts_after_signing",
                condition=Q(signed_on__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_from__gte=F("signed_on")),
                violation_error_code="invalid_period",
                violation_error_message=_("The validity cannot start before the signing date."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_effective_until_recorded",
                condition=Q(valid_until__isnull=True, effective_until__isnull=True)
                | Q(effective_until__gte=F("valid_until")),
                violation_error_code="effective_until_recorded",
                violation_error_message=_(
                    "The end of validity with the addenda is recorded, and not before the end "
                    "as signed."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_parent_required",
                condition=Q(kind=Kind.PKS, parent__isnull=False)
                | Q(kind=Kind.MOU, parent__isnull=True),
                violation_error_code="parent_required",
                violation_error_message=_(
                    "A PKS must name the MoU it is derived from; an MoU has no parent."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_termination_recorded",
                condition=Q(status=Status.TERMINATED, terminated_on__isnull=False)
                & ~Q(termination_reason="")
                | (~Q(status=Status.TERMINATED) & Q(terminated_on__isnull=True)),
                violation_error_code="termination_recorded",
                violation_error_message=_(
                    "A terminated agreement records the termination date and reason; "
                    "only a terminated one has a termination date."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_signing_recorded",
                condition=~Q(status__in=SIGNED_STATUSES) | Q(ever_signed=True),
                violation_error_code="signing_recorded",
                violation_error_message=_("A signed agreement is recorded as signed."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_approval_incomplete",
                condition=Q(approval_reference="", approved_on__isnull=True)
                | (~Q(approval_reference="") & Q(approved_on__isnull=False)),
                violation_error_code="approval_incomplete",
                violation_error_message=_("An approval needs both the letter number and its date."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        self.record_signing()

    def save(self, *args, **kwargs):
        self.record_signing()
        scans.fingerprint(self, "signed_scan", "signed_scan_sha256")
        super().save(*args, **kwargs)

    def record_signing(self):
        """Remember that the agreement was signed: it can then never be deleted."""
        self.ever_signed = self.ever_signed or self.is_signed

    @property
    def is_mou(self):
        return self.kind == Kind.MOU

    @property
    def is_signed(self):
        return self.status in SIGNED_STATUSES

    def in_force_on(self, day):
        """Signed, not terminated before ``day``, and ``valid_from <= day <= effective_until``
        (the end as extended by its addenda)."""
        return is_in_force(
            self.status, self.terminated_on, self.valid_from, self.effective_until, day
        )

    @property
    def in_force(self):
        return self.in_force_on(timezone.localdate())

    @property
    def runs_until(self):
        """The day it ends: its termination day if it was ended early, else its end of
        validity as extended by its addenda."""
        return self.terminated_on or self.effective_until

    @property
    def is_extended(self):
        """Whether an addendum extended its validity."""
        return self.effective_until is not None and self.effective_until != self.valid_until

    def amendments(self):
        """Its addenda as ``terms.Amendment`` (from ``addenda__scopes`` if prefetched)."""
        if self.pk is None:
            return []
        addenda = self.addenda.all()
        if "addenda" not in getattr(self, "_prefetched_objects_cache", {}):
            addenda = addenda.prefetch_related("scopes")
        return [addendum.as_amendment() for addendum in addenda]

    def terms_on(self, day):
        """Its terms on ``day`` (``terms.Terms``: end of validity and scope codes), counting
        the addenda signed by then: the one answer the rules, filters and pages read."""
        scope_codes = [scope.code for scope in self.scopes.all()] if self.pk else []
        return terms.terms_on(self.valid_until, scope_codes, self.amendments(), day)

    def scope_areas_on(self, day):
        """The scope areas (``ScopeArea``, in their order) of its terms on ``day``; reads the
        prefetched ``scopes`` and ``addenda__scopes``."""
        areas = {scope.code: scope for scope in self.scopes.all()}
        for addendum in self.addenda.all():
            if addendum.signed_on <= day:
                areas.update({scope.code: scope for scope in addendum.scopes.all()})
        return sorted(areas.values(), key=lambda scope: (scope.order, scope.code))


class Mou(Agreement):
    """The MoUs, as their own admin menu."""

    class Meta:
        proxy = True
        verbose_name = _("MoU (memorandum of understanding)")
        verbose_name_plural = _("MoUs (memoranda of understanding)")


class Pks(Agreement):
    """The PKS (cooperation agreements), as their own admin menu."""

    class Meta:
        proxy = True
        verbose_name = _("PKS (cooperation agreement)")
        verbose_name_plural = _("PKS (cooperation agreements)")


# django-simple-history registers the history on the concrete model only; the admin's history
# views of the two proxy menus look the history manager up on the proxies' own options.
for _proxy in (Mou, Pks):
    _proxy._meta.simple_history_manager_attribute = Agreement._meta.simple_history_manager_attribute
