"""Regions, institutions (election units and partners) and the staff profile that ties
a user to an election unit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kemitraan.models import ConstraintErrorsOnFieldsMixin, PlainTextMixin
from kemitraan.versioning import VersionedModel
from partners import logos
from partners.choices import (
    Accreditation,
    Body,
    Category,
    Level,
    RegionKind,
    Role,
)
from partners.contacts import InstitutionContact  # noqa: F401  (a model of this app)

# How many levels up the parent chain national MoU coverage is followed (ministry → vertical
# office → its local office → a unit of that office): by the rules, the filters and the pages.
COVERAGE_DEPTH = 3
# The parent chain as a ``select_related`` path, loaded once for the rules and the pages.
PARENT_CHAIN = "__".join(["parent"] * COVERAGE_DEPTH)


def in_province(code, region_path="region"):
    """Q for rows whose region at ``region_path`` is the province ``code`` or lies in it."""
    return Q(**{region_path: code}) | Q(**{f"{region_path}__parent": code})


def province_code_of(region_path="region"):
    """The code of the province the region at ``region_path`` is or lies in (an expression)."""
    return Coalesce(f"{region_path}__parent_id", f"{region_path}_id")


def province_name_of(region_path="region"):
    """The name of the province the region at ``region_path`` is or lies in (an expression)."""
    return Coalesce(f"{region_path}__parent__name", f"{region_path}__name")


def self_or_ancestor_in(ids, path=""):
    """Q for institutions (at ``path``) that, or one of whose ancestors up to
    ``COVERAGE_DEPTH`` levels, are among ``ids`` (a list or a subquery of ids)."""
    prefix = f"{path}__" if path else ""
    condition = Q()
    for depth in range(COVERAGE_DEPTH + 1):
        condition |= Q(**{prefix + "__".join(["parent"] * depth + ["id__in"]): ids})
    return condition


class Region(PlainTextMixin, models.Model):
    """A province or regency/city, identified by its Kemendagri code."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_province_has_no_parent",
                condition=Q(kind=RegionKind.PROVINCE, parent__isnull=True)
                | (~Q(kind=RegionKind.PROVINCE) & Q(parent__isnull=False)),
                violation_error_message=_(
                    "A province has no parent region; a regency or city belongs to a province."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def province_code(self):
        """The code of the province this region is or lies in."""
        return self.code if self.parent_id is None else self.parent_id


class InstitutionQuerySet(models.QuerySet):
    def election_units(self):
        return self.filter(category=Category.ELECTION_BODY)

    def partners(self):
        """Institutions that may be partners: all but the election units."""
        return self.exclude(category=Category.ELECTION_BODY)

    def national_unit(self, body):
        return self.get(category=Category.ELECTION_BODY, body=body, level=Level.NATIONAL)


class Institution(PlainTextMixin, ConstraintErrorsOnFieldsMixin, VersionedModel):
    """An election unit or a partner institution; branches and vertical offices name a parent."""

    CONSTRAINT_FIELDS = {
        "partners_institution_election_unit_fields": "body",
        "partners_institution_election_unit_region": "region",
        "partners_institution_accreditation_only_university": "accreditation",
        "partners_institution_accreditation_complete": "accreditation_valid_until",
        "partners_institution_letterhead_only_election_unit": "letterhead_address",
    }

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    body = models.CharField(
        _("election body"), max_length=10, choices=Body.choices, blank=True, default=""
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, blank=True, default=""
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "For a vertical office, its ministry; for a branch, its national organisation; "
            "for a regional election unit, the unit one level up."
        ),
    )
    accreditation = models.CharField(
        _("accreditation (BAN-PT)"),
        max_length=12,
        choices=Accreditation.choices,
        blank=True,
        default="",
    )
    accreditation_valid_until = models.DateField(
        _("accreditation valid until"), null=True, blank=True
    )
    letterhead_logo = models.FileField(
        _("letterhead logo"),
        upload_to=logos.upload_path,
        blank=True,
        validators=[logos.validate_logo],
        help_text=_(
            "PNG or JPEG, at most 1 MB: printed at the top of the unit's documents and reports."
        ),
    )
    letterhead_address = models.TextField(
        _("letterhead address"),
        blank=True,
        help_text=_(
            "The lines under the unit's name on its letterhead: street, city and "
            "postal code; telephone, e-mail, website."
        ),
    )
    head_name = models.CharField(_("name of the head of the unit"), max_length=200, blank=True)
    head_title = models.CharField(
        _("title of the head of the unit"),
        max_length=200,
        blank=True,
        help_text=_(
            "As the head signs, e.g. “Ketua KPU Kota Blitar”: the reports' "
            "“Mengetahui” block names them."
        ),
    )
    history = HistoricalRecords(excluded_fields=["version"])

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["category", "body", "level"]),
            models.Index(fields=["body", "level"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_election_unit_fields",
                condition=(Q(category=Category.ELECTION_BODY) & ~Q(body="") & ~Q(level=""))
                | (~Q(category=Category.ELECTION_BODY) & Q(body="", level="")),
                violation_error_message=_(
                    "An election unit has a body and a level; other institutions have neither."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_election_unit_region",
                condition=~Q(category=Category.ELECTION_BODY)
                | Q(level=Level.NATIONAL, region__isnull=True)
                | (~Q(level=Level.NATIONAL) & Q(region__isnull=False)),
                violation_error_message=_(
                    "A national election unit has no region; a provincial or regency/city "
                    "unit has one."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_accreditation_only_university",
                condition=Q(category=Category.UNIVERSITY)
                | Q(accreditation="", accreditation_valid_until__isnull=True),
                violation_error_message=_("Only a university holds a BAN-PT accreditation."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_accreditation_complete",
                condition=Q(accreditation="", accreditation_valid_until__isnull=True)
                | (~Q(accreditation="") & Q(accreditation_valid_until__isnull=False)),
                violation_error_message=_(
                    "An accreditation needs both its grade and the date it is valid until."
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_letterhead_only_election_unit",
                condition=Q(category=Category.ELECTION_BODY)
                | Q(letterhead_logo="", letterhead_address="", head_name="", head_title=""),
                violation_error_message=_("Only an election unit has a letterhead and a head."),
            ),
            models.UniqueConstraint(
                name="%(app_label)s_%(class)s_one_national_unit_per_body",
                fields=["body"],
                condition=Q(category=Category.ELECTION_BODY, level=Level.NATIONAL),
                violation_error_message=_("This body already has its national unit."),
            ),
            models.UniqueConstraint(
                name="%(app_label)s_%(class)s_one_unit_per_body_and_region",
                fields=["body", "region"],
                condition=Q(category=Category.ELECTION_BODY),
                violation_error_message=_("This body already has a unit for this region."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.parent_id is not None
            and self.pk is not None
            and any(member.pk == self.pk for member in self.parent.lineage())
        ):
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _(
                            "%(parent)s is under this institution already; an institution cannot "
                            "be its "
                            "own ancestor."
                        )
                        % {"parent": self.parent},
                        code="parent_cycle",
                    )
                }
            )

    @property
    def is_election_unit(self):
        return self.category == Category.ELECTION_BODY

    @property
    def is_national_unit(self):
        return self.is_election_unit and self.level == Level.NATIONAL

    def lineage(self):
        """This institution and its parents, nearest first, up to ``COVERAGE_DEPTH`` levels:
        the chain through which a national MoU covers it. Parents loaded with
        ``select_related(PARENT_CHAIN)`` cost no query."""
        chain = [self]
        while len(chain) <= COVERAGE_DEPTH and chain[-1].parent_id is not None:
            parent = chain[-1].parent
            if any(member.pk == parent.pk for member in chain):
                break
            chain.append(parent)
        return chain

    @property
    def head_signing_title(self):
        """How the head of the unit signs: the title entered, or "Ketua" of the unit."""
        return self.head_title or f"Ketua {self.name}"

    def accredited_on(self, day):
        """Whether this university holds a BAN-PT accreditation valid on ``day``."""
        return bool(
            self.accreditation
            and self.accreditation_valid_until
            and day <= self.accreditation_valid_until
        )


class StaffProfile(models.Model):
    """Ties a user to the election unit they work for, with their role there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    unit = models.ForeignKey(
        Institution,
        verbose_name=_("election unit"),
        on_delete=models.PROTECT,
        related_name="staff",
        limit_choices_to={"category": Category.ELECTION_BODY},
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return f"{self.user} — {self.unit} ({self.get_role_display()})"
