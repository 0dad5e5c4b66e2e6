"""Who sees and edits which agreements: one scoping function, named users."""

import pytest
from django.core.exceptions import PermissionDenied

from agreements import access
from agreements.models import Agreement
from agreements.services import record_approval
from tests.conftest import make_agreement


@pytest.fixture
def agreements(world, national_mou):
    """A national MoU and a PKS each for KPU Jatim, KPU Kota Blitar and KPU Kota Banjarmasin."""
    made = {"national_mou": national_mou}
    for name, unit in [
        ("jatim", world.kpu_jatim),
        ("blitar", world.kpu_blitar),
        ("banjarmasin", world.kpu_banjarmasin),
    ]:
        made[name] = make_agreement(
            unit,
            [world.kemensos],
            ["sosialisasi"],
            kind="pks",
            parent=national_mou,
            title=f"PKS {name}",
        )
    return made


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_national_staff_see_and_edit_everything(users, agreements):
    assert access.visible_agreements(users.national_editor).count() == 4
    assert access.editable_agreements(users.national_editor).count() == 4
    assert access.can_edit(users.national_editor, agreements["banjarmasin"])


def test_national_viewer_sees_everything_but_edits_nothing(users, agreements):
    assert access.visible_agreements(users.national_viewer).count() == 4
    assert not access.editable_agreements(users.national_viewer).exists()
    assert not access.can_edit(users.national_viewer, agreements["jatim"])


def test_provincial_editor_edits_own_unit_and_regencies_under_it(users, agreements):
    editable = access.editable_agreements(users.provincial_editor)
    assert titles(editable) == {"PKS jatim", "PKS blitar"}
    assert not access.can_edit(users.provincial_editor, agreements["banjarmasin"])
    assert not access.can_edit(users.provincial_editor, agreements["national_mou"])


def test_provincial_editor_reads_national_mous_but_not_other_provinces(users, agreements):
    visible = titles(access.visible_agreements(users.provincial_editor))
    assert agreements["national_mou"].title in visible
    assert "PKS banjarmasin" not in visible


def test_regency_editor_edits_only_its_own_unit(users, agreements):
    assert titles(access.editable_agreements(users.regency_editor)) == {"PKS blitar"}
    assert not access.can_edit(users.regency_editor, agreements["jatim"])


def test_regency_editor_of_another_province_is_refused(users, agreements):
    assert not access.can_edit(users.other_regency_editor, agreements["blitar"])
    assert "PKS blitar" not in titles(access.visible_agreements(users.other_regency_editor))


def test_signed_in_user_without_unit_reads_only_national_mous(users, agreements):
    assert titles(access.visible_agreements(users.outsider)) == {agreements["national_mou"].title}
    assert not access.editable_agreements(users.outsider).exists()


def test_anonymous_sees_nothing(agreements):
    from django.contrib.auth.models import AnonymousUser

    assert not access.visible_agreements(AnonymousUser()).exists()


def test_owner_units_follow_the_scope(world, users):
    assert set(access.owner_units(users.provincial_editor)) == {world.kpu_jatim, world.kpu_blitar}
    assert set(access.owner_units(users.regency_editor)) == {world.kpu_blitar}
    assert access.owner_units(users.national_editor).count() == 9
    assert not access.owner_units(users.national_viewer).exists()


def test_only_national_approvers_record_approvals(world, users):
    regional_mou = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        status="awaiting_approval",
        signed_on=None,
        valid_until=None,
    )
    with pytest.raises(PermissionDenied):
        record_approval(
            regional_mou, "B/12/KPU/2024", regional_mou.created_at.date(), users.provincial_approver
        )
    record_approval(
        regional_mou, "B/12/KPU/2024", regional_mou.created_at.date(), users.national_admin
    )
    regional_mou.refresh_from_db()
    assert regional_mou.status == "approved"
    assert regional_mou.approved_by == users.national_admin
    assert Agreement.history.filter(id=regional_mou.pk, history_user=users.national_admin).exists()
