"""One wording for each kind of gap ("–"), the same on the sheet, the profiles
and the trends, in every language (docs/design.md, "One wording for each kind
of gap"): a dash is never an answer (those have their marks, render/palette.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mocr_factsheet.i18n.translator import Translator

GAP = "–"


def no_office(tr: Translator) -> str:
    """The municipality had no MOCR that year: nothing to count."""
    return tr.pgettext("gap", "– no MOCR that year")


def not_in_data(tr: Translator) -> str:
    """The year was not monitored: no figures for it at all."""
    return tr.pgettext("gap", "– not in the data")


def not_applicable(tr: Translator) -> str:
    """The figure does not apply (an office with similar functions is not an MOCR)."""
    return tr.pgettext("gap", "– not applicable")
