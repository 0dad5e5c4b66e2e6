"""FilterSets that query agreements: the one FilterSet of agreements (API, report, pages) and
the institutions' filters that need agreements (``national_mou``)."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from agreements.models import Agreement, Kind, Party, Status
from agreements.selectors import duties
from kemitraan.filters import IdFilter, search_names
from partners.filters import InstitutionFilter, institutions_named
from partners.models import Body, Institution, in_province, self_or_ancestor_in


class AgreementFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    owner = IdFilter(field_name="owner_id")
    body = django_filters.ChoiceFilter(field_name="owner__body", choices=Body.choices)
    province = django_filters.CharFilter(method="in_province", label="Owner's province code")
    partner = IdFilter(method="with_partner", label="Partner institution id")
    parent = IdFilter(field_name="parent_id")
    in_force_on = django_filters.DateFilter(method="filter_in_force_on")
    expiring_within = django_filters.NumberFilter(
        method="filter_expiring_within",
        min_value=0,
        max_value=3650,
        label="In force today and ending within this many days",
    )
    unused_months = django_filters.NumberFilter(
        method="filter_unused",
        min_value=1,
        max_value=120,
        label="Signed and unused: in force at least this many months, with no activity "
        "recorded in them",
    )
    signed_from = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_until = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", label="Search title, numbers and partner names")

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "status",
            "owner",
            "body",
            "province",
            "partner",
            "parent",
            "in_force_on",
            "expiring_within",
            "unused_months",
            "signed_from",
            "signed_until",
            "q",
        ]

    def in_province(self, queryset, name, value):
        return queryset.filter(in_province(value, "owner__region"))

    def with_partner(self, queryset, name, value):
        return queryset.filter(
            pk__in=Party.objects.filter(institution_id=value).values("agreement")
        )

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)

    def filter_expiring_within(self, queryset, name, value):
        return queryset.expiring(timezone.localdate(), int(value))

    def filter_unused(self, queryset, name, value):
        return duties.without_activity(queryset, timezone.localdate(), int(value))

    def search(self, queryset, name, value):
        # Three subqueries, each on one table, so that PostgreSQL can use the trigram index of
        # each (an OR across a join cannot use any index); a partner's name may hold a typo.
        by_number = search_names(Party.objects.all(), value, "number")
        by_partner = Party.objects.filter(
            institution__in=institutions_named(Institution.objects.all(), value)
        )
        by_agreement = search_names(Agreement.objects.all(), value, "title", "owner_number")
        return queryset.filter(
            Q(pk__in=by_number.values("agreement"))
            | Q(pk__in=by_partner.values("agreement"))
            | Q(pk__in=by_agreement.values("pk"))
        )


class InstitutionCoverageFilter(InstitutionFilter):
    """The institutions' filters, plus whether a national MoU in force covers them."""

    national_mou = django_filters.ChoiceFilter(
        choices=Body.choices,
        method="holding_national_mou",
        label="Partners covered today by a national MoU of this body (directly or via a parent)",
    )

    class Meta(InstitutionFilter.Meta):
        fields = [*InstitutionFilter.Meta.fields, "national_mou"]

    def holding_national_mou(self, queryset, name, value):
        mous = Agreement.objects.mous().national(value).in_force_on(timezone.localdate())
        return queryset.filter(self_or_ancestor_in(mous.values("parties__institution")))
