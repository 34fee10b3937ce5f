"""A year's caveat: what its own sheet says of it, carried wherever its figures go.

The part of the year it covers, where that is part only ("2017 covers
January–September 2017 only."), then its notes (``year.toml``), led by the year
where the period does not name it ("2016: The four northern municipalities are
not covered by this assessment."). Derived from the data alone, never from a
list of years (docs/design.md, "A year's caveat travels with its figures"):
the pages print it beside another year's figures (``mechanisms/mocr/pages.py``),
the data files on their first sheet (``render/downloads.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.data.model import Period, YearMeta
    from mocr_factsheet.i18n.translator import Translator


def whole_year(period: Period) -> bool:
    return period.start.endswith("-01") and period.end.endswith("-12")


def sentence(text: str) -> str:
    """A sentence ending in one full stop where a value put in it ends in one
    already (Serbian writes a year ``2017.``: "… septembar 2017.." → "… septembar 2017.")."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def year_notes(tr: Translator, metas: Iterable[YearMeta]) -> dict[int, str]:
    """Each year's caveat as a page of another year (or of every year) prints it
    beside that year's figures, in ``tr``'s language; years without a part-year
    period or notes have none."""
    found: dict[int, str] = {}
    for meta in sorted(metas, key=lambda m: m.year):
        notes = " ".join(tr.notes(meta.notes))
        parts: list[str] = []
        if not whole_year(meta.period):
            parts.append(
                sentence(
                    tr.gettext("%(year)s covers %(period)s only.")
                    % {"year": meta.year, "period": tr.period(meta.period)}
                )
            )
            if notes:
                parts.append(notes)
        elif notes:
            parts.append(
                # TRANSLATORS: a year's notes (from its own sheet) on the page of
                # another year that shows its figures: "2016: The four northern …".
                tr.pgettext("a year's notes on another year's page", "%(year)s: %(notes)s")
                % {"year": meta.year, "notes": notes}
            )
        if parts:
            found[meta.year] = " ".join(parts)
    return found


def year_caveats(dataset: Dataset, tr: Translator) -> dict[int, str]:
    """Each year's caveat (``year_notes``) of every year the dataset read: in
    full, or only for the year after's figures."""
    metas = {
        data.previous.year: data.previous.meta
        for data in dataset.years.values()
        if data.previous is not None and data.previous.meta is not None
    }
    metas |= {year: data.tables.meta for year, data in dataset.years.items()}
    return year_notes(tr, metas.values())
