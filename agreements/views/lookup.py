"""Pages for regional offices: the partner lookup (/mitra/) and the partner page (/mitra/<id>/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agreements.access import profile_of
from agreements.selectors import followup, lookup
from partners import selectors as partner_selectors
from partners.models import Body, Category


def bodies_for(request):
    """Both bodies, the user's own first: a KPU clerk reads the KPU line first."""
    profile = profile_of(request.user)
    own = profile.unit.body if profile else Body.KPU
    return sorted(Body.values, key=lambda body: body != own)


@login_required
def partner_lookup(request):
    """Search partners by name or short name; each result says which national MoUs cover it."""
    filterset, page = lookup.search(request.GET, timezone.localdate(), bodies_for(request))
    return render(
        request,
        "pages/lookup.html",
        {
            "form": filterset.form,
            "page": page,
            "categories": [c for c in Category.choices if c[0] != Category.ELECTION_BODY],
            "provinces": partner_selectors.provinces(),
            "bodies": Body.choices,
        },
    )


@login_required
def partner_page(request, pk):
    """A partner: the answer for the user's unit, its national MoUs, the PKS under them, its
    parent and branches."""
    day = timezone.localdate()
    institution = get_object_or_404(partner_selectors.partners(), pk=pk)
    mous = lookup.national_mous(institution, day, own_body=bodies_for(request)[0])
    province = request.GET.get("province", "")
    return render(
        request,
        "pages/partner.html",
        {
            "partner": institution,
            "ancestors": institution.lineage()[1:],
            "today": day,
            "answers": lookup.answers(request.user, institution, day, mous),
            "mous": mous,
            "pks_page": lookup.pks_under(
                mous, request.user, day, province, request.GET.get("page")
            ),
            "province": province,
            "provinces": partner_selectors.provinces() if mous else [],
            "branches": partner_selectors.branches(institution),
            **followup.partner_extras(request.user, institution, mous),
        },
    )
