"""The CC sheet's template context: the core's figures with names on the codes.

Every figure comes from ``CommitteeFigures``; this module only puts labels on
municipality and community codes and orders what the page lists. Words live
in the template and the catalogs. The context is typed (``CommitteePage``)
up to the template's boundary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup

from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures, WomenMen
from mocr_factsheet.translit import fold


@dataclass(frozen=True)
class NamedCount:
    """A community's label in running text and the number of municipalities it is
    unrepresented in."""

    name: str
    count: int


@dataclass(frozen=True)
class CommitteeRow:
    """One established committee's row of the gender table: its municipality's label."""

    name: str
    split: WomenMen


@dataclass(frozen=True)
class CommitteePage:
    """Everything ``templates/committees.html.j2`` shows."""

    title: str
    created: str  # ISO date from the data
    sample: bool
    sample_note: str
    year: str
    period: str | None
    f: CommitteeFigures
    not_established: Markup
    not_meeting: Markup
    inadequate: Markup
    most_unrepresented: tuple[NamedCount, ...]
    committees: tuple[CommitteeRow, ...]
    charts: Mapping[str, Markup]
    notes: tuple[str, ...]
    source: str = ""  # the output's path, for the PDF's messages

    def as_context(self) -> dict[str, Any]:
        """The page as Jinja's context (shallow: records stay records)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def places(tr: Translator, reference: Reference, codes: Sequence[str]) -> Markup:
    """Municipality labels joined as a list; a name's words stay together, and a
    two-language label may break only after its "/". The last label stays whole
    and with the word before it ("and Vushtrri/Vučitrn."): no name's end alone
    on the list's last line."""
    ordered = sorted(codes, key=lambda c: fold(tr.municipality(reference.municipality(c))))
    labels = [
        Markup('<span class="{}">{}</span>').format(
            "place place-last" if i == len(ordered) - 1 else "place",
            Markup("/" if i == len(ordered) - 1 else "/<wbr>").join(
                part.replace(" ", "\u00a0")
                for part in tr.municipality(reference.municipality(c)).split("/")
            ),
        )
        for i, c in enumerate(ordered)
    ]
    joined = str(tr.join(labels))
    head, space, last = joined.rpartition(' <span class="place place-last">')
    return Markup(f'{head}\u00a0<span class="place place-last">{last}' if space else joined)


def in_text(tr: Translator, community: str) -> str:
    """A community's name as running text writes it ("Kosovo Bosniaks", "kosovski Bošnjaci")."""
    return tr.pgettext("community: in text", community)


def committee_page(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    charts: Mapping[str, Markup],
    notes: tuple[str, ...],
) -> CommitteePage:
    from mocr_factsheet.mechanisms.committees.charts import committees_in_order

    whole_year = figures.period.start.endswith("-01") and figures.period.end.endswith("-12")
    return CommitteePage(
        title=tr.gettext("Communities Committees %(year)s") % {"year": figures.year},
        created=f"{figures.period.end}-01",
        sample=figures.sample,
        sample_note=tr.gettext(
            "the figures in this sheet are invented for demonstration; "
            "they are not monitoring results."
        ),
        year=str(figures.year),
        period=None if whole_year else tr.period(figures.period),
        f=figures,
        not_established=places(tr, reference, figures.not_established),
        not_meeting=places(tr, reference, figures.not_meeting_regularly),
        inadequate=places(tr, reference, figures.inadequate_resources),
        most_unrepresented=tuple(
            NamedCount(in_text(tr, u.community), u.count) for u in figures.most_unrepresented(2)
        ),
        committees=tuple(
            CommitteeRow(
                tr.municipality(reference.municipality(code)),
                figures.gender_by_municipality[code],
            )
            for code in committees_in_order(figures, tr, reference)
        ),
        charts=charts,
        notes=notes,
    )
