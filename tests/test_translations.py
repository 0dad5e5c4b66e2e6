"""The Indonesian catalogue is complete and compiled, and Indonesian is what users get."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from agreements.violations import RULE_TITLES

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "id" / "LC_MESSAGES"


DOMAINS = ["django", "djangojs"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_is_translated_and_none_is_fuzzy(domain):
    catalogue = polib.pofile(LOCALE / f"{domain}.po")
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.obsolete_entries() == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_source(domain):
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(LOCALE / f"{domain}.po")}
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(LOCALE / f"{domain}.mo")}
    assert compiled == source, "run `make messages` to recompile locale/id"


def test_rule_titles_are_in_indonesian():
    with translation.override("en"):
        english = {code: str(title) for code, title in RULE_TITLES.items()}
    with translation.override("id"):
        indonesian = {code: str(title) for code, title in RULE_TITLES.items()}
    assert indonesian["national_mou_required"] == "MoU nasional diperlukan"
    assert all(indonesian[code] != english[code] for code in RULE_TITLES)
