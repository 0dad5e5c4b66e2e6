"""The choices of regions, institutions and staff: region kinds, the two bodies and their levels,
institution categories, BAN-PT grades and staff roles (their values are the API's codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("province")
    REGENCY = "regency", _("regency (kabupaten)")
    CITY = "city", _("city (kota)")


class Body(models.TextChoices):
    KPU = "kpu", "KPU"
    BAWASLU = "bawaslu", "Bawaslu"

    @property
    def national_unit_name(self):
        """How documents and messages name the body's national unit: "KPU RI"."""
        return f"{self.label} RI"


class Level(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCE = "province", _("province")
    REGENCY = "regency", _("regency/city")


class Category(models.TextChoices):
    ELECTION_BODY = "election_body", _("election body")
    MINISTRY = "ministry", _("ministry or central agency")
    VERTICAL_OFFICE = "vertical_office", _("vertical office")
    LOCAL_GOVERNMENT = "local_government", _("local government")
    UNIVERSITY = "university", _("university")
    CIVIL_SOCIETY = "civil_society", _("civil-society organisation")
    MEDIA = "media", _("media")
    OTHER = "other", _("other")


class Accreditation(models.TextChoices):
    UNGGUL = "unggul", _("Excellent (Unggul)")
    BAIK_SEKALI = "baik_sekali", _("Very good (Baik Sekali)")
    BAIK = "baik", _("Good (Baik)")
    A = "a", "A"
    B = "b", "B"
    C = "c", "C"


class Role(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    APPROVER = "approver", _("approver")
