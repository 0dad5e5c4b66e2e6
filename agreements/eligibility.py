"""Which national MoUs cover a partner: the question regional offices ask before a PKS."""

from django.db.models import Count

from agreements.models import Agreement


def national_mous_covering(institutions, body, day):
    """National MoUs of ``body`` in force on ``day`` that cover every one of ``institutions``.

    An MoU covers an institution when the institution, or one of its ancestors (the ministry of
    a vertical office, the national organisation of a branch), is one of its partners.
    """
    mous = Agreement.objects.mous().national(body).in_force_on(day)
    for institution in institutions:
        lineage = [institution.pk, *(ancestor.pk for ancestor in institution.ancestors())]
        mous = mous.filter(pk__in=Agreement.objects.filter(parties__institution__in=lineage).values("pk"))
    return mous.annotate(partner_count=Count("parties")).order_by("valid_until")
