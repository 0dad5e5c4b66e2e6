"""API representations of regions, institutions and their contact persons."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers

from kemitraan.api import (
    BlankAsNullChoiceField,
    ModelSerializer,
    PrimaryKeyField,
    validation_error,
)
from partners import services
from partners.models import Accreditation, Body, Institution, InstitutionContact, Level, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind", "parent"]


class InstitutionSerializer(ModelSerializer):
    serializer_related_field = PrimaryKeyField
    body = BlankAsNullChoiceField(choices=Body.choices, help_text="Null unless an election unit.")
    level = BlankAsNullChoiceField(choices=Level.choices, help_text="Null unless an election unit.")
    accreditation = BlankAsNullChoiceField(
        choices=Accreditation.choices, help_text="BAN-PT grade; null unless a university."
    )

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "short_name",
            "category",
            "body",
            "level",
            "region",
            "parent",
            "accreditation",
            "accreditation_valid_until",
        ]
        # The model's constraints (checked by full_clean) cover uniqueness, conditions included.
        validators = []

    def create(self, validated_data):
        return self.write(Institution(), validated_data)

    def update(self, instance, validated_data):
        return self.write(instance, validated_data)

    def write(self, institution, data):
        """Apply the request and save through ``partners.services.save_institution``."""
        expected_version = data.pop("expected_version", None)
        for name, value in data.items():
            setattr(institution, name, value)
        try:
            return services.save_institution(
                institution, self.context["request"].user, expected_version=expected_version
            )
        except DjangoValidationError as error:
            raise validation_error(error) from error
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error


class InstitutionContactSerializer(ModelSerializer):
    class Meta:
        model = InstitutionContact
        fields = ["id", "name", "position", "email", "telephone"]

    def create(self, validated_data):
        contact = InstitutionContact(institution=self.context["institution"], **validated_data)
        return services.save_contact(contact, self.context["request"].user)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.save_contact(instance, self.context["request"].user)
