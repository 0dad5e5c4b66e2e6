"""API representations of agreements and of partner eligibility; writes go through
``agreements.services`` (the rules, the approval path)."""

import functools

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from agreements import access, services
from agreements.models import Agreement, Party, ScopeArea, is_in_force
from kemitraan.api import ModelSerializer, SlugField, validation_error
from kemitraan.api_rows import Computed, RowReader
from partners.models import Body


class PartySerializer(ModelSerializer):
    class Meta:
        model = Party
        fields = ["institution", "number", "signatory_name", "signatory_title"]


class AgreementSerializer(ModelSerializer):
    partners = PartySerializer(many=True, source="parties", help_text="At least one partner.")
    scopes = SlugField(
        many=True,
        slug_field="code",
        queryset=ScopeArea.objects.all(),
        help_text="Scope area codes; for a PKS, a subset of its parent MoU's.",
    )
    in_force = serializers.BooleanField(read_only=True, help_text="In force today.")
    effective_until = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="`valid_until` as extended by the addenda signed so far.",
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "uuid",
            "kind",
            "title",
            "owner",
            "owner_number",
            "owner_signatory_name",
            "owner_signatory_title",
            "parent",
            "partners",
            "scopes",
            "signed_on",
            "signing_place",
            "valid_from",
            "valid_until",
            "status",
            "approval_reference",
            "approved_on",
            "terminated_on",
            "termination_reason",
            "renewal_of",
            "in_force",
            "effective_until",
        ]
        read_only_fields = ["id", "uuid", "in_force", "effective_until"]

    def create(self, validated_data):
        return self.write(Agreement(), validated_data)

    def update(self, instance, validated_data):
        return self.write(instance, validated_data)

    def write(self, agreement, data):
        """Apply the request to ``agreement`` and save it through the one validation path."""
        user = self.context["request"].user
        expected_version = data.pop("expected_version", None)
        party_data = data.pop("parties", None)
        scopes = data.pop("scopes", None)
        for name, value in data.items():
            setattr(agreement, name, value)
        # A non-election owner is left to the rules, which answer owner_not_election_body.
        if (
            agreement.owner.is_election_unit
            and not access.owner_units(user).filter(pk=agreement.owner_id).exists()
        ):
            raise exceptions.PermissionDenied(
                _("You may enter agreements only for your own unit and the units under it.")
            )
        parties = (
            services.current_parties(agreement)
            if party_data is None
            else [Party(**item) for item in party_data]
        )
        scope_codes = (
            services.current_scope_codes(agreement)
            if scopes is None
            else [scope.code for scope in scopes]
        )
        try:
            return services.save_agreement(
                agreement, parties, scope_codes, user=user, expected_version=expected_version
            )
        except DjangoValidationError as error:
            raise validation_error(error) from error
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error


IN_FORCE_COLUMNS = ("status", "terminated_on", "valid_from", "effective_until")


@functools.cache
def agreement_rows():
    """``AgreementSerializer``'s output read from ``values()`` rows, for the list: today's date
    is taken once per request for ``in_force``."""
    return RowReader(
        AgreementSerializer(),
        computed={
            "in_force": Computed(
                columns=IN_FORCE_COLUMNS,
                per_request=timezone.localdate,
                value=lambda row, today: is_in_force(
                    *(row[name] for name in IN_FORCE_COLUMNS), today
                ),
            )
        },
    )


class EligibilityQuerySerializer(serializers.Serializer):
    body = serializers.ChoiceField(choices=Body.choices)
    on = serializers.DateField(required=False, help_text="Defaults to today (Asia/Jakarta).")


class EligibleMouSerializer(serializers.ModelSerializer):
    scopes = serializers.SerializerMethodField(
        help_text="Its scope area codes on `on`, with those its addenda added by then."
    )

    class Meta:
        model = Agreement
        fields = ["id", "title", "owner", "valid_from", "valid_until", "effective_until", "scopes"]

    def get_scopes(self, mou) -> list[str]:
        return [scope.code for scope in mou.scope_areas]


class EligibilitySerializer(serializers.Serializer):
    institution = serializers.IntegerField(source="institution.pk")
    body = serializers.CharField()
    on = serializers.DateField()
    eligible = serializers.BooleanField()
    mous = EligibleMouSerializer(many=True)
    reason = serializers.CharField()


class RefusalSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000,
        help_text="Why the chair refuses: the unit reads it, changes the MoU and submits it again.",
    )
