from tests.conftest import make_agreement


def test_national_mou_and_pks_under_it(world, national_mou):
    pks = make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind="pks",
        parent=national_mou,
        signed_on=national_mou.signed_on,
    )
    assert pks.parties.get().institution == world.kanwil_kemenag_jatim
