"""API v1: the spreadsheet import (``agreements/import/``, ``institutions/import/``) and its
templates. The report's shape is fixed by API.md; a bad file answers 400 or 413 in the API's
error format."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements import access
from agreements.api import FileNegotiation
from imports import template
from imports.reading import FileError, check_size
from imports.runner import run_import
from kemitraan.api import ErrorResponseSerializer


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="An XLSX workbook or a CSV file with the template's columns, at most 10 MB."
    )
    dry_run = serializers.BooleanField(
        default=True, help_text="`true` (the default): check every row and save nothing."
    )


# The outcome of each row of an import report (its OpenAPI enum is named in the settings).
ROW_STATUSES = [("new", "new"), ("update", "update"), ("error", "error")]


class ImportErrorSerializer(serializers.Serializer):
    column = serializers.CharField(allow_null=True, help_text="The column, or null for the row.")
    code = serializers.CharField(
        help_text="Stable code, e.g. `national_mou_required`, "
        "`unknown_institution`, `out_of_scope`."
    )
    message = serializers.CharField(help_text="The same message the admin gives.")


class ImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row number in the spreadsheet.")
    status = serializers.ChoiceField(
        ROW_STATUSES, help_text="`new`, `update` (the row matches an existing record) or `error`."
    )
    errors = ImportErrorSerializer(many=True)


class AgreementImportRowSerializer(ImportRowSerializer):
    agreement = serializers.IntegerField(
        allow_null=True,
        help_text="The agreement's id, once saved or when the row updates an existing one.",
    )


class InstitutionImportRowSerializer(ImportRowSerializer):
    institution = serializers.IntegerField(allow_null=True)


def report_serializer(row_serializer, name):
    return type(
        name,
        (serializers.Serializer,),
        {
            "dry_run": serializers.BooleanField(),
            "saved": serializers.BooleanField(
                help_text="Whether the rows were saved: never in a "
                "dry run, never if any row has an error."
            ),
            "rows": row_serializer(many=True),
        },
    )


AgreementImportReportSerializer = report_serializer(
    AgreementImportRowSerializer, "AgreementImportReport"
)
InstitutionImportReportSerializer = report_serializer(
    InstitutionImportRowSerializer, "InstitutionImportReport"
)
REPORTS = {
    "agreements": AgreementImportReportSerializer,
    "institutions": InstitutionImportReportSerializer,
}
FILE_ERRORS = {
    400: "A bad file (not a spreadsheet, damaged, password-protected, no header row, an unknown "
    "column, another encoding) or a bad request.",
    413: "The file is over 10 MB, or the workbook unpacks to an absurd size.",
}


def file_error_response(error):
    body = {"detail": error.message, "code": error.code}
    if error.column:
        body["errors"] = {error.column: [{"code": error.code, "message": error.message}]}
    return Response(body, status=error.status)


def import_schema(kind):
    label = "agreements (MoU and PKS)" if kind == "agreements" else "partner institutions"
    return extend_schema(
        summary=f"Import {label} from a spreadsheet",
        description="Every row goes through the same rules and scope checks as the API and the "
        "admin. A dry run saves nothing; a real run saves every row or, if any row "
        "has an error, none, and answers the same report.",
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            200: REPORTS[kind],
            **{
                code: OpenApiResponse(ErrorResponseSerializer, description=text)
                for code, text in FILE_ERRORS.items()
            },
        },
    )


class ImportView(APIView):
    """Checks or imports one uploaded file."""

    kind = "agreements"
    parser_classes = [MultiPartParser]

    def post(self, request):
        if not access.can_write(request.user):
            raise exceptions.PermissionDenied(_("Your account may not enter data."))
        serializer = ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            check_size(upload.size)
            report = run_import(
                upload.read(),
                upload.name,
                request.user,
                kind=self.kind,
                dry_run=serializer.validated_data["dry_run"],
            )
        except FileError as error:
            return file_error_response(error)
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        return Response(report)


@import_schema("agreements")
class AgreementImportView(ImportView):
    kind = "agreements"


@import_schema("institutions")
class InstitutionImportView(ImportView):
    kind = "institutions"


class TemplateView(APIView):
    """The import template, as an XLSX workbook or a CSV file."""

    kind = "agreements"
    content_negotiation_class = FileNegotiation

    @extend_schema(
        summary="The import template (XLSX or CSV)",
        description="The header row, an instruction sheet in Bahasa Indonesia, drop-down lists "
        "and one example row (XLSX); the header and the example row (CSV).",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=list(template.FORMATS),
                default="xlsx",
                description="The file format of the template.",
            )
        ],
        responses={
            **{
                (200, template.CONTENT_TYPES[name].split(";")[0]): OpenApiResponse(
                    OpenApiTypes.BINARY, description="The template, as an attachment."
                )
                for name in template.FORMATS
            },
            400: OpenApiResponse(ErrorResponseSerializer, description="An unknown format."),
        },
    )
    def get(self, request):
        file_format = request.query_params.get("format", "xlsx")
        if file_format not in template.FORMATS:
            raise exceptions.ValidationError(
                {
                    "format": [
                        exceptions.ErrorDetail(_("Choose xlsx or csv."), code="invalid_choice")
                    ]
                }
            )
        return template_response(*template.template_file(self.kind, file_format))


def template_response(content, content_type, file_name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
