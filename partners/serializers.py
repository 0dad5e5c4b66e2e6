"""API representations of regions and institutions."""

from rest_framework import serializers

from kemitraan.api import BlankAsNullChoiceField, FullCleanMixin, ModelSerializer, PrimaryKeyField
from partners.models import Accreditation, Body, Institution, Level, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind", "parent"]


class InstitutionSerializer(FullCleanMixin, ModelSerializer):
    serializer_related_field = PrimaryKeyField
    body = BlankAsNullChoiceField(choices=Body.choices, help_text="Null unless an election unit.")
    level = BlankAsNullChoiceField(choices=Level.choices, help_text="Null unless an election unit.")
    accreditation = BlankAsNullChoiceField(
        choices=Accreditation.choices, help_text="BAN-PT grade; null unless a university."
    )

    class Meta:
        model = Institution
        fields = ["id", "name", "short_name", "category", "body", "level", "region", "parent",
                  "accreditation", "accreditation_valid_until"]
        # The model's constraints (checked by full_clean) cover uniqueness, conditions included.
        validators = []
