"""Messages whose ids are codes from the data: the catalogs hold their display names.

Community and duty names are translations, not data (docs/contract.md §1), so the
codes themselves are the message ids, with a context; the English catalog
gives the English names. The calls below only mark them for extraction.
"""

from __future__ import annotations


def N_(context: str, code: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Marks ``code`` for extraction under ``context``; translated later, in ``i18n``."""
    return code


COMMUNITIES = (
    # TRANSLATORS: community names, e.g. "Kosovo Albanian" / "shqiptarë të Kosovës".
    N_("community", "albanian"),
    N_("community", "serb"),
    N_("community", "bosniak"),
    N_("community", "turk"),
    N_("community", "roma"),
    N_("community", "ashkali"),
    N_("community", "egyptian"),
    N_("community", "gorani"),
    N_("community", "montenegrin"),
    N_("community", "croat"),
    N_("community", "other"),
)

DUTIES = (
    # TRANSLATORS: the substantive duties' official long names, as in the published sheets.
    N_("duty", "contacts"),
    N_("duty", "assessment"),
    N_("duty", "coordination"),
    N_("duty", "projects"),
    N_("duty", "participation"),
    N_("duty", "policy_monitoring"),
    N_("duty", "advice"),
    N_("duty", "outreach"),
)

DUTIES_SHORT = (
    # TRANSLATORS: one or two words naming each duty, for the charts' text alternatives.
    N_("duty-short", "contacts"),
    N_("duty-short", "assessment"),
    N_("duty-short", "coordination"),
    N_("duty-short", "projects"),
    N_("duty-short", "participation"),
    N_("duty-short", "policy_monitoring"),
    N_("duty-short", "advice"),
    N_("duty-short", "outreach"),
)

NUMBER_WORDS = (
    # TRANSLATORS: the number in words as it stands in "in <N> municipalities",
    # in the case and gender that phrase needs (sr: "u jednoj opštini", "u tri
    # opštine"; sq: "në tri komuna"). Translator.in_words(n, "in municipalities").
    N_("number: in municipalities", "1"),
    N_("number: in municipalities", "2"),
    N_("number: in municipalities", "3"),
    N_("number: in municipalities", "4"),
    N_("number: in municipalities", "5"),
    N_("number: in municipalities", "6"),
    N_("number: in municipalities", "7"),
    N_("number: in municipalities", "8"),
    N_("number: in municipalities", "9"),
)
