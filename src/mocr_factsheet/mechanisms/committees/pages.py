"""The CC sheet's page context: every text, figure and label it shows, in one language.

``committee_page`` is the one function that computes them, from
``CommitteeFigures``, the catalogs and the reference: the sentences (with
their figures and municipality names in), the headings, the tables' cells and
the charts' names. Its ``CommitteePage`` is what both views are made of:
``templates/committees.html.j2`` (the web page, whose Jinja filters add the
HTML-only markup: spans, ``<wbr>``, no-break ties) and ``templates/committees.typ``
(the PDF, given the same texts as data by ``render.typst_page``). Nothing is
counted here: every figure comes from the core. docs/committees.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup, escape

from mocr_factsheet.core.shares import YesNoUnknown
from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.translator import Translator, in_label_order
from mocr_factsheet.mechanisms.committees.records import CommitteeFigures
from mocr_factsheet.render.palette import marked


@dataclass(frozen=True)
class Places:
    """Municipality labels as a list in running text (``text``: "A, B and C", a
    label's spaces no-break, the last label tied to the word before it) and the
    labels it lists, in order."""

    text: str
    labels: tuple[str, ...]

    def __html__(self) -> str:
        """The list for the web page: each label in a ``<span class="place">`` that may
        break only after its "/" (``<wbr>``); the last one whole (``place-last``)."""
        out: list[str] = []
        at = 0
        for i, label in enumerate(self.labels):
            start = self.text.index(label, at)
            last = i == len(self.labels) - 1
            out.append(str(escape(self.text[at:start])))
            inner = Markup("/" if last else "/<wbr>").join(label.split("/"))
            css = "place place-last" if last else "place"
            out.append(str(Markup('<span class="{}">{}</span>').format(css, inner)))
            at = start + len(label)
        out.append(str(escape(self.text[at:])))
        return "".join(out)


@dataclass(frozen=True)
class Named:
    """A sentence that lists municipalities: its text, and the list in it
    (``Places``, which the web page marks up)."""

    text: str
    places: Places

    def __html__(self) -> str:
        head, _, tail = self.text.partition(self.places.text)
        return str(escape(head)) + self.places.__html__() + str(escape(tail))


@dataclass(frozen=True)
class AnswerTable:
    """A yes/no/unknown table: its caption and the three counts as written."""

    caption: str
    yes: str
    no: str
    unknown: str


@dataclass(frozen=True)
class Row:
    """A table's row: its heading cell (a name) and its other cells as written."""

    name: str
    cells: tuple[str, ...]
    code: str | None = None  # a municipality's row: its code (the web page links its profile)


@dataclass(frozen=True)
class CommitteePage:
    """Everything ``templates/committees.html.j2`` and ``templates/committees.typ`` show."""

    title: str
    description: str
    created: str  # ISO date from the data
    sample: bool
    sample_note: str
    year: str
    period: str | None
    notes: tuple[str, ...]
    year_note: str  # the notes as one paragraph ('' without notes)
    mandate_label: str
    mandate: str
    # Establishment and functioning.
    establishment: str
    established: str  # the key figure, as written
    key_figure: str  # the words after it
    not_established: Named | None
    meetings_caption: str
    not_meeting: Named | None
    meetings: AnswerTable
    answers_head: tuple[str, str, str]  # Yes, No, Unknown
    # Unrepresented communities.
    unrepresented: str
    unrepresented_text: str
    unrepresented_chart: bool  # whether a community is unrepresented anywhere
    unrepresented_table: str
    unrepresented_head: tuple[str, str, str]
    unrepresented_rows: tuple[Row, ...]
    # Community representation of members.
    communities: str
    members_caption: str
    communities_table: str
    communities_head: tuple[str, str, str]
    communities_rows: tuple[Row, ...]
    # Access to adequate resources.
    resources: str
    resources_caption: str
    inadequate: Named | None
    resources_table: AnswerTable
    # Gender representation.
    gender: str
    gender_source: str
    women_share: str
    gender_table: str
    gender_head: tuple[str, str, str]
    gender_rows: tuple[Row, ...]
    source: str = ""  # the output's path, for the PDF's messages

    def as_context(self) -> dict[str, Any]:
        """The page as Jinja's context (shallow: records stay records)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def places(tr: Translator, reference: Reference, codes: Sequence[str]) -> Places:
    """Municipality labels joined as a list, in their labels' order; a name's words
    stay together. The last label stays with the word before it ("and
    Vushtrri/Vučitrn."): no name's end alone on the list's last line."""
    ordered = in_label_order(tr, reference, codes)
    labels = tuple(
        tr.municipality(reference.municipality(c)).replace(" ", "\u00a0") for c in ordered
    )
    joined = tr.join(list(labels))
    if len(labels) > 1 and joined.endswith(" " + labels[-1]):
        joined = f"{joined[: -len(labels[-1]) - 1]}\u00a0{labels[-1]}"
    return Places(joined, labels)


def in_text(tr: Translator, community: str) -> str:
    """A community's name as running text writes it ("Kosovo Bosniaks", "kosovski Bošnjaci")."""
    return tr.pgettext("community: in text", community)


def _answers(tr: Translator, caption: str, answers: YesNoUnknown) -> AnswerTable:
    return AnswerTable(
        caption, tr.number(answers.yes), tr.number(answers.no), tr.number(answers.unknown)
    )


def _unrepresented_text(tr: Translator, figures: CommitteeFigures) -> str:
    most = [(in_text(tr, u.community), u.count) for u in figures.most_unrepresented(2)]
    if len(most) >= 2:
        (first, n), (second, second_count) = most
        return tr.ngettext(
            "The communities most often left without a member are %(first)s, "
            "unrepresented in %(n)s municipality, and %(second)s, in %(second_count)s.",
            "The communities most often left without a member are %(first)s, "
            "unrepresented in %(n)s municipalities, and %(second)s, in %(second_count)s.",
            n,
        ) % {
            "first": first,
            "n": tr.in_words(n, "in municipalities"),
            "second": second,
            "second_count": tr.in_words(second_count, "in municipalities"),
        }
    if most:
        (first, n), *_ = most
        return tr.ngettext(
            "Only %(first)s are left without a member, in %(n)s municipality.",
            "Only %(first)s are left without a member, in %(n)s municipalities.",
            n,
        ) % {"first": first, "n": tr.in_words(n, "in municipalities")}
    return tr.gettext(
        "Every community living in a municipality with a committee has a member on it."
    )


def committee_page(
    figures: CommitteeFigures,
    tr: Translator,
    reference: Reference,
    notes: tuple[str, ...],
) -> CommitteePage:
    """The sheet's every text, figure and label in ``tr``'s language."""
    from mocr_factsheet.mechanisms.committees.charts import committees_in_order

    f = figures
    whole_year = f.period.start.endswith("-01") and f.period.end.endswith("-12")
    established, total = tr.number(f.established), tr.number(f.established)
    not_established = meetings = inadequate = None
    if f.not_established:
        listed = places(tr, reference, f.not_established)
        count = len(f.not_established)
        not_established = Named(
            tr.ngettext(
                "In %(words)s municipality (%(names)s), the assembly has not established "
                "a Communities Committee.",
                "In %(words)s municipalities (%(names)s), the assembly has not established "
                "a Communities Committee.",
                count,
            )
            % {"words": tr.in_words(count, "in municipalities"), "names": listed.text},
            listed,
        )
    if f.not_meeting_regularly:
        listed = places(tr, reference, f.not_meeting_regularly)
        meetings = Named(
            tr.ngettext(
                "Does not meet regularly: %(names)s.",
                "Do not meet regularly: %(names)s.",
                len(f.not_meeting_regularly),
            )
            % {"names": listed.text},
            listed,
        )
    if f.inadequate_resources:
        listed = places(tr, reference, f.inadequate_resources)
        inadequate = Named(
            tr.gettext("Without adequate resources: %(names)s.") % {"names": listed.text}, listed
        )
    answers_head = (
        marked("yes", tr.gettext("Yes")),
        marked("no", tr.gettext("No")),
        marked("unknown", tr.gettext("Unknown")),
    )
    return CommitteePage(
        title=tr.gettext("Communities Committees %(year)s") % {"year": f.year},
        description=tr.gettext(
            "Information sheet on the Communities Committees of the municipal assemblies "
            "in Kosovo, %(year)s."
        )
        % {"year": str(f.year)},
        created=f"{f.period.end}-01",
        sample=f.sample,
        sample_note=tr.gettext(
            "the figures in this sheet are invented for demonstration; "
            "they are not monitoring results."
        ),
        year=str(f.year),
        period=None if whole_year else tr.period(f.period),
        notes=notes,
        year_note=" ".join(notes),
        mandate_label=tr.gettext("Mandate"),
        mandate=tr.gettext(
            "Communities Committees are standing committees of the municipal assemblies, "
            "set up under the Law on Local Self-Government No. 03/L-040. Each is made up of "
            "members of the assembly and of representatives of the communities living in the "
            "municipality; every community living there must have at least one "
            "representative. The committee reviews whether the rights and interests of "
            "communities are respected in the municipality’s policies and practices, and "
            "makes recommendations to the assembly. It should meet at least once a month."
        )
        + " "
        + tr.gettext(
            "Its establishment and work are further governed by the Ministry of Local "
            "Government Administration’s Administrative Instruction No. 03/2014, amended by "
            "Administrative Instruction No. 02/2018, and by the guidelines and terms of "
            "reference for Communities Committees."
        ),
        establishment=tr.gettext("Establishment and functioning"),
        established=established,
        # The noun agrees with the number before it (``established``); every
        # municipality has a row (docs/contract.md §5), so "in 38 municipalities".
        # TRANSLATORS: after the number of committees established, in large type
        # ("36 committees in 38 municipalities"); %(total)s: every municipality.
        key_figure=tr.ngettext(
            "committee in %(total)s municipalities",
            "committees in %(total)s municipalities",
            f.established,
        )
        % {"total": tr.number(f.municipalities)},
        not_established=not_established,
        meetings_caption=tr.ngettext(
            "%(meets)s of %(total)s committee meets at least once a month.",
            "%(meets)s of %(total)s committees meet at least once a month.",
            f.established,
        )
        % {"meets": tr.number(f.meets_regularly.yes), "total": total},
        not_meeting=meetings,
        meetings=_answers(
            tr, tr.gettext("Committees that meet at least once a month"), f.meets_regularly
        ),
        answers_head=answers_head,
        unrepresented=tr.gettext("Unrepresented communities"),
        unrepresented_text=_unrepresented_text(tr, f),
        unrepresented_chart=bool(f.most_unrepresented(2)),
        unrepresented_table=tr.gettext(
            "Municipalities where a community has no member on the committee"
        ),
        unrepresented_head=(
            tr.gettext("Community"),
            tr.gettext("Unrepresented"),
            tr.gettext("Lives in"),
        ),
        unrepresented_rows=tuple(
            Row(tr.community(u.community), (tr.number(u.count), tr.number(u.living_in)))
            for u in f.unrepresented
        ),
        communities=tr.gettext("Community representation of members"),
        members_caption=" ".join(
            (
                tr.ngettext(
                    "%(total)s member of all committees: %(assembly)s sitting as assembly "
                    "members, %(community)s as representatives of communities.",
                    "%(total)s members of all committees: %(assembly)s sitting as assembly "
                    "members, %(community)s as representatives of communities.",
                    f.members_total,
                )
                % {
                    "total": tr.number(f.members_total),
                    "assembly": tr.number(f.members_by_seat["assembly"]),
                    "community": tr.number(f.members_by_seat["community"]),
                },
                # each share rounded on its own (core/shares.py, docs/design.md)
                tr.gettext("Percentages may not add up to 100 because of rounding."),
            )
        ),
        communities_table=tr.gettext("Committee members by community"),
        communities_head=(tr.gettext("Community"), tr.gettext("Members"), tr.gettext("Share")),
        communities_rows=tuple(
            Row(tr.community(code), (tr.number(count), tr.whole_percent(f.community_shares[code])))
            for code, count in f.members_by_community.items()
        ),
        resources=tr.gettext("Access to adequate resources"),
        resources_caption=tr.ngettext(
            "%(yes)s of %(total)s committee has access to adequate resources.",
            "%(yes)s of %(total)s committees have access to adequate resources.",
            f.established,
        )
        % {"yes": tr.number(f.adequate_resources.yes), "total": total},
        inadequate=inadequate,
        resources_table=_answers(
            tr, tr.gettext("Committees with access to adequate resources"), f.adequate_resources
        ),
        gender=tr.gettext("Gender representation of members per municipality"),
        gender_source=tr.gettext(
            "Based on regular monitoring by the Mission’s field teams, on periodic reviews "
            "and on reports produced by the municipalities."
        ),
        women_share=" ".join(
            (
                tr.gettext(
                    "Women make up %(share)s of the committees’ members (%(women)s of %(total)s)."
                )
                % {
                    "share": tr.whole_percent(f.members.f_percent),
                    "women": tr.number(f.members.f),
                    "total": tr.number(f.members_total),
                },
                tr.gettext("Percentages may not add up to 100 because of rounding."),
            )
        ),
        gender_table=tr.gettext("Women and men on each committee"),
        gender_head=(tr.gettext("Municipality"), tr.gettext("Women"), tr.gettext("Men")),
        gender_rows=tuple(
            Row(
                tr.municipality(reference.municipality(code)),
                (
                    tr.count_and_percent(split.f, split.f_percent),
                    tr.count_and_percent(split.m, split.m_percent),
                ),
                code,
            )
            for code in committees_in_order(f, tr, reference)
            for split in (f.gender_by_municipality[code],)
        ),
    )
