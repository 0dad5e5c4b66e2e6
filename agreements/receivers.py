"""What the agreements app does when something below it changes (connected in ``apps``)."""

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from agreements import violations
from agreements.models import SIGNED_STATUSES, Agreement, Kind, Mou, Party, Pks
from partners.models import COVERAGE_DEPTH, PARENT_CHAIN, Category, self_or_ancestor_in
from partners.signals import institution_changing

AGREEMENTS_NAMED = 5


@receiver(pre_delete, sender=Agreement)
@receiver(pre_delete, sender=Mou)
@receiver(pre_delete, sender=Pks)
def refuse_deleting_a_signed_agreement(sender, instance, **kwargs):
    """The last guard behind ``services.delete_agreement``: whatever deletes a row (a queryset,
    a cascade, a script), an agreement that was ever signed stays."""
    if instance.ever_signed:
        raise ValidationError(_("A signed agreement is ended, never erased."), code="not_deletable")


def lineage_ids_after(partner, changed):
    """The ids of ``partner``'s lineage once ``changed`` (in it, about to get a new parent) is
    saved: the chain below ``changed`` as stored, then ``changed``'s new chain."""
    chain = []
    for member in partner.lineage():
        if member.pk == changed.pk:
            break
        chain.append(member.pk)
    new_chain = [member.pk for member in changed.lineage()]
    return set((chain + new_chain)[: COVERAGE_DEPTH + 1])


def uncovered_pks(institution):
    """Signed PKS whose partner (``institution`` or one below it) would no longer be covered by
    the parent MoU once ``institution`` has its new parent."""
    parties = Party.objects.filter(
        self_or_ancestor_in([institution.pk], "institution"),
        agreement__kind=Kind.PKS,
        agreement__status__in=SIGNED_STATUSES,
    ).select_related("agreement__parent", "agreement__owner", f"institution__{PARENT_CHAIN}")
    broken = {}
    for party in parties:
        pks = party.agreement
        mou_partners = set(pks.parent.parties.values_list("institution_id", flat=True))
        if not lineage_ids_after(party.institution, institution) & mou_partners:
            broken[pks.pk] = pks
    return list(broken.values())


def unaccredited_agreements(institution):
    """Signed agreements with ``institution`` as a party that its new accreditation would no
    longer cover on their signing day."""
    if institution.category != Category.UNIVERSITY:
        return []
    signed = Agreement.objects.filter(
        parties__institution=institution, status__in=SIGNED_STATUSES
    ).select_related("owner")
    return [agreement for agreement in signed if not institution.accredited_on(agreement.signed_on)]


def named(agreements):
    """The first agreements by title and owner, the rest counted."""
    listed = "; ".join(
        f"{agreement} ({agreement.owner})" for agreement in agreements[:AGREEMENTS_NAMED]
    )
    more = len(agreements) - AGREEMENTS_NAMED
    return listed + (" " + _("… and %(count)d more.") % {"count": more} if more > 0 else "")


def breaking(field, detail, agreements):
    """The error on ``field`` that names the agreements the change would break."""
    code = "institution_change_breaks_agreement"
    message = _("%(rule)s: %(detail)s %(agreements)s") % {
        "rule": violations.RULE_TITLES[code],
        "detail": detail,
        "agreements": named(agreements),
    }
    return {field: [ValidationError(message, code=code)]}


@receiver(institution_changing)
def check_institution_change(sender, institution, stored, **kwargs):
    """An institution's parent, category and accreditation decide coverage and eligibility:
    a change may not leave a signed agreement breaking ``partner_not_covered`` or
    ``partner_not_accredited``."""
    errors = {}
    if institution.parent_id != stored.parent_id:
        broken = uncovered_pks(institution)
        if broken:
            errors |= breaking(
                "parent",
                _(
                    "with this parent, the partner of these PKS would no "
                    "longer be covered by their national MoU:"
                ),
                broken,
            )
    accreditation = ("category", "accreditation", "accreditation_valid_until")
    if any(getattr(institution, name) != getattr(stored, name) for name in accreditation):
        broken = unaccredited_agreements(institution)
        if broken:
            errors |= breaking(
                "accreditation_valid_until",
                _("the accreditation would no longer cover the signing day of:"),
                broken,
            )
    return errors
