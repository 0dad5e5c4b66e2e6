"""API representations of what is recorded under an agreement: activities with evidence files,
evaluations, addenda, attachments and contact persons. Writes go through ``agreements.followup``
and ``agreements.addenda`` (scope, validation, audit history); files are shown as the URL of
their scoped download, never as a media path."""

from django.urls import reverse
from rest_framework import serializers

from agreements import addenda, followup
from agreements.models import (
    Activity,
    ActivityEvidence,
    Addendum,
    AgreementContact,
    Attachment,
    Evaluation,
    ScopeArea,
)
from kemitraan.api import CharField, ModelSerializer, PrimaryKeyField, SlugField
from partners.models import Institution

FILE_HELP = "PDF, JPEG or PNG (extension and content checked), at most 20 MB."


def absolute(serializer, path):
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class PrivateFileField(serializers.FileField):
    """A private file: uploaded as multipart, shown as the URL of its scoped download."""

    def __init__(self, kind, **kwargs):
        self.kind = kind
        kwargs.setdefault("help_text", FILE_HELP)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        path = reverse("agreements:followup-file", args=[self.kind, value.instance.pk])
        return absolute(self.parent, path)


class FollowupSerializer(ModelSerializer):
    """Saves through ``followup.save_record`` with the agreement the route names."""

    related_fields = ()

    def create(self, validated_data):
        return self.write(self.Meta.model(**self.owner_fields()), validated_data)

    def update(self, instance, validated_data):
        return self.write(instance, validated_data)

    def owner_fields(self):
        return {"agreement": self.context["agreement"]}

    def write(self, record, data):
        related = {name: data.pop(name) for name in self.related_fields if name in data}
        for name, value in data.items():
            setattr(record, name, value)
        return followup.save_record(record, self.context["request"].user, related)


class EvidenceSerializer(FollowupSerializer):
    file = PrivateFileField("bukti", write_only=True)
    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = ActivityEvidence
        fields = ["id", "name", "sha256", "download", "file", "created_at"]
        read_only_fields = ["id", "sha256", "created_at"]

    def owner_fields(self):
        return {"activity": self.context["activity"]}

    def get_download(self, evidence) -> str:
        return absolute(self, reverse("agreements:followup-file", args=["bukti", evidence.pk]))


class ActivitySerializer(FollowupSerializer):
    related_fields = ("units", "partners")
    units = PrimaryKeyField(
        many=True,
        required=False,
        queryset=Institution.objects.election_units(),
        help_text="Election units involved (institution ids).",
    )
    partners = PrimaryKeyField(
        many=True,
        required=False,
        queryset=Institution.objects.partners(),
        help_text="Partner institutions involved (institution ids).",
    )
    evidence = EvidenceSerializer(
        many=True, read_only=True, help_text="Evidence files; add one with POST evidence/."
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "date",
            "title",
            "description",
            "place",
            "participants",
            "units",
            "partners",
            "evidence",
        ]


class EvaluationSerializer(FollowupSerializer):
    period_start = serializers.DateField(
        required=False,
        help_text=(
            "Defaults to the next period to evaluate: from `valid_from`, or the day after the last "
            "period evaluated."
        ),
    )
    period_end = serializers.DateField(
        required=False,
        help_text=("Defaults to a year less a day after `period_start` (or the agreement's end)."),
    )
    document = PrivateFileField("evaluasi", required=False, allow_null=True)
    due_next = serializers.DateField(
        read_only=True,
        help_text=(
            "When the next evaluation is due; null once this period reaches the agreement's end."
        ),
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "period_start",
            "period_end",
            "findings",
            "recommendation",
            "document",
            "due_next",
        ]

    def create(self, validated_data):
        period = followup.next_evaluation_period(self.context["agreement"])
        if period and "period_start" not in validated_data:
            validated_data.setdefault("period_start", period[0])
            validated_data.setdefault("period_end", period[1])
        elif period and "period_end" not in validated_data:
            validated_data["period_end"] = period[1]
        return super().create(validated_data)


class AttachmentSerializer(FollowupSerializer):
    file = PrivateFileField("lampiran")
    name = serializers.CharField(source="original_name", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "title", "file", "name", "sha256", "created_at"]
        read_only_fields = ["id", "sha256", "created_at"]


class ContactSerializer(FollowupSerializer):
    class Meta:
        model = AgreementContact
        fields = ["id", "name", "position", "email", "telephone"]


class AddendumSerializer(ModelSerializer):
    partner_numbers = serializers.ListField(
        child=CharField(max_length=100),
        required=False,
        source="partner_number_list",
        help_text="Each partner's number for the addendum, in the order of the partners.",
    )
    scopes = SlugField(
        many=True,
        slug_field="code",
        queryset=ScopeArea.objects.all(),
        required=False,
        help_text="Scope area codes it adds from `signed_on`.",
    )
    document = serializers.SerializerMethodField(help_text="The addendum as a PDF document.")

    class Meta:
        model = Addendum
        fields = [
            "id",
            "title",
            "owner_number",
            "partner_numbers",
            "signed_on",
            "signing_place",
            "text",
            "valid_until",
            "scopes",
            "document",
        ]

    def get_document(self, addendum) -> str:
        return absolute(self, reverse("agreements:addendum-document", args=[addendum.pk]))

    def create(self, validated_data):
        return self.write(Addendum(agreement=self.context["agreement"]), validated_data)

    def update(self, instance, validated_data):
        return self.write(instance, validated_data)

    def write(self, addendum, data):
        numbers = data.pop("partner_number_list", None)
        scopes = data.pop("scopes", None)
        for name, value in data.items():
            setattr(addendum, name, value)
        if numbers is not None:
            addendum.partner_numbers = "\n".join(number.strip() for number in numbers)
        scope_codes = (
            [scope.code for scope in scopes]
            if scopes is not None
            else [scope.code for scope in addendum.scopes.all()]
            if addendum.pk
            else []
        )
        return addenda.save_addendum(addendum, scope_codes, self.context["request"].user)
