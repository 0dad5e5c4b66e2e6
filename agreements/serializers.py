"""API representation of agreements; writes go through agreements.services (the rules)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from agreements import access, services
from agreements.models import Agreement, Party, ScopeArea
from kemitraan.api import ModelSerializer, SlugField, validation_error

APPROVAL_FIELDS = ("approval_reference", "approved_on")


class PartySerializer(ModelSerializer):
    class Meta:
        model = Party
        fields = ["institution", "number", "signatory_name", "signatory_title"]


class AgreementSerializer(ModelSerializer):
    partners = PartySerializer(many=True, source="parties", help_text="At least one partner.")
    scopes = SlugField(
        many=True, slug_field="code", queryset=ScopeArea.objects.all(),
        help_text="Scope area codes; for a PKS, a subset of its parent MoU's.",
    )
    in_force = serializers.BooleanField(read_only=True, help_text="In force today.")

    class Meta:
        model = Agreement
        fields = ["id", "uuid", "kind", "title", "owner", "owner_number", "owner_signatory_name",
                  "owner_signatory_title", "parent", "partners", "scopes", "signed_on",
                  "signing_place", "valid_from", "valid_until", "status", "approval_reference",
                  "approved_on", "terminated_on", "termination_reason", "renewal_of", "in_force"]
        read_only_fields = ["id", "uuid", "in_force"]

    def create(self, validated_data):
        return self.write(Agreement(), validated_data)

    def update(self, instance, validated_data):
        return self.write(instance, validated_data)

    def write(self, agreement, data):
        """Apply the request to ``agreement`` and save it through the one validation path."""
        user = self.context["request"].user
        party_data = data.pop("parties", None)
        scopes = data.pop("scopes", None)
        self.check_approval_rights(user, agreement, data)
        for name, value in data.items():
            setattr(agreement, name, value)
        # A non-election owner is left to the rules, which answer owner_not_election_body.
        if agreement.owner.is_election_unit and \
                not access.owner_units(user).filter(pk=agreement.owner_id).exists():
            raise exceptions.PermissionDenied(
                _("You may enter agreements only for your own unit and the units under it.")
            )
        if party_data is None:
            parties = [Party(institution=p.institution, number=p.number,
                             signatory_name=p.signatory_name, signatory_title=p.signatory_title)
                       for p in agreement.parties.select_related("institution")]
        else:
            parties = [Party(**item) for item in party_data]
        if scopes is None:
            scopes = list(agreement.scopes.all())
        try:
            return services.save_agreement(
                agreement, parties, [scope.code for scope in scopes], user=user
            )
        except DjangoValidationError as error:
            raise validation_error(error) from error

    @staticmethod
    def check_approval_rights(user, agreement, data):
        """Only national approvers of the owner's body record an approval."""
        changed = [name for name in APPROVAL_FIELDS
                   if name in data and data[name] != getattr(agreement, name)]
        if not changed:
            return
        probe = Agreement(owner=data.get("owner", getattr(agreement, "owner", None)))
        if not access.can_approve(user, probe):
            raise exceptions.PermissionDenied(
                _("Only an approver of the national unit of this body may record an approval.")
            )
        agreement.approved_by = user
