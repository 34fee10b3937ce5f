"""The navigation every web page carries (``templates/_nav.html.j2``, included by
``base.html.j2``): one mechanism for every kind of page.

A page's navigation is read from the publication's addresses
(``RenderContext.links``: every page by kind, year and municipality, in each
language and format) and from what its kind relates it to (``Kind.related``):

- the publication's index in this language (``index-<lang>.html``) and the
  front page with every language (``index.html``);
- this page's PDF, where the run makes PDFs;
- the same page in every language the run makes, each named in itself, the
  page's own marked current;
- the previous and the next year's page of the same kind (and municipality);
- the pages its kind relates it to: a sheet its year's profiles, a profile
  its year's sheet and its municipality's other years, and so on.

Only what the build makes is linked: an address missing from the links (a
format or a language the run does not make, a year without the page) is
left out. Every address is relative to the page, so ``out/`` works from a
folder, a zip or any web server. What a page links is also part of its
fingerprint (``nav_label``): adding a year rebuilds its neighbours' pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mocr_factsheet.i18n.translator import Translator

# What render/kind.py's ``Links`` are made of (kind.py imports this module, not
# the other way round): a page's (kind, year, municipality), and its address in
# each format by that key.
Key = tuple[str, int | None, str | None]
Addresses = Mapping[Key, Mapping[str, str]]
# The site's pages (``site.py``): index-<lang>.html under this key, index.html beside them.
INDEX_KEY: Key = ("site", None, None)
FRONT_PAGE = "index.html"


def untranslated(message: str) -> str:
    """A message marked for the catalogs (imported as ``_``) and translated later,
    in the page's language, by ``page_nav``."""
    return message


@dataclass(frozen=True)
class Related:
    """A page a kind relates one of its pages to: its key, a fragment of it
    (``#profiles-heading``), and its label's message (``%(year)s``: the page's year)."""

    label: str
    key: Key
    fragment: str = ""


@dataclass(frozen=True)
class NavLink:
    """One link of the navigation: its address relative to the page, its text,
    and the language of the page it leads to (``lang``/``hreflang``: "" for the
    page's own)."""

    href: str
    label: str
    lang: str = ""
    current: bool = False
    # Words before the text for screen readers only ("Previous year:" before "2018").
    hidden: str = ""


@dataclass(frozen=True)
class NavGroup:
    """Links that belong together, with a visible heading ("Other years")."""

    label: str
    links: tuple[NavLink, ...]


@dataclass(frozen=True)
class Nav:
    """What ``templates/_nav.html.j2`` shows."""

    label: str  # the <nav>'s aria-label
    index: NavLink | None
    front: NavLink | None
    pdf: NavLink | None
    languages_label: str
    languages: tuple[NavLink, ...]
    previous: NavLink | None
    next: NavLink | None
    related: tuple[NavLink, ...]
    groups: tuple[NavGroup, ...]

    def hrefs(self) -> tuple[str, ...]:
        """Every address it links, in order."""
        links = [self.index, self.front, self.pdf, *self.languages, self.previous, self.next]
        links += self.related
        links += [link for group in self.groups for link in group.links]
        return tuple(link.href for link in links if link is not None)


@dataclass(frozen=True)
class NavPlan:
    """Which pages a page's navigation links, by key, before any text: what its
    fingerprint covers (``signature``) and what ``page_nav`` labels."""

    page: str  # the page's own address, relative to out/
    index: str | None
    front: str | None
    pdf: str | None
    languages: tuple[tuple[str, str], ...]  # (tag, address)
    previous: tuple[int, str] | None
    next: tuple[int, str] | None
    related: tuple[tuple[int, str], ...]  # (its place in ``Related``s, address)
    years: tuple[tuple[int, str], ...]  # with ``years_of``: the same page's other years

    def signature(self) -> str:
        """The plan as one line, for the page's fingerprint."""
        return "nav:" + repr(self)


def relative(address: str, page: str) -> str:
    """``address`` as a link from ``page`` (both relative to out/, "/"-separated):
    ``posixpath.relpath`` without its trips to the file system (it costs a
    third of a second in the planning of the whole publication)."""
    target, start = address.split("/"), page.split("/")[:-1]
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def _year_key(key: Key, year: int) -> Key:
    return (key[0], year, key[2])


def plan_nav(
    links: Mapping[str, Addresses],
    key: Key,
    language: str | None,
    related: Sequence[Related],
    languages: Sequence[str],
    years_of: bool = False,
) -> NavPlan | None:
    """The pages the web page ``key`` in ``language`` links (None: the page is not
    in ``links``; language None: the front page, index.html).

    ``links``: every page's addresses per language (``RenderContext.links``);
    ``related``: the pages its kind relates it to; ``languages``: the run's, in
    order; ``years_of``: whether to list every year's page of the same kind and
    municipality (a profile's other years).
    """
    year = key[1]
    tag = language or (languages[0] if languages else "")
    own = links.get(tag, {})
    front = language is None
    if front:  # index.html: every language's index
        key = INDEX_KEY
    addresses = own.get(key, {})
    page = FRONT_PAGE if front else addresses.get("html")
    if page is None:
        return None

    def href(
        found: Mapping[str, str] | None, fragment: str = "", formats: tuple[str, ...] = ("html",)
    ) -> str | None:
        for fmt in formats:
            if found and fmt in found:
                return relative(found[fmt], page) + fragment
        return None

    def rel(address: str) -> str:
        return relative(address, page)

    index = None if front else href(own.get(INDEX_KEY))
    years = sorted(
        y
        for (kind, y, code), found in own.items()
        if kind == key[0] and code == key[2] and y is not None and "html" in found
    )
    before = [y for y in years if year is not None and y < year]
    after = [y for y in years if year is not None and y > year]
    found_related: list[tuple[int, str]] = []
    for i, entry in enumerate(related):
        # Its web page, or its PDF where it has none (the year's booklet).
        address = href(own.get(entry.key), entry.fragment, ("html", "pdf"))
        if address is not None:
            found_related.append((i, address))
    languages_found = []
    for other in languages:
        address = href(links.get(other, {}).get(key))
        if address is not None:
            languages_found.append((other, address))
    return NavPlan(
        page=page,
        index=index,
        front=None if front or index is None else rel(FRONT_PAGE),
        pdf=None if front or "pdf" not in addresses else rel(addresses["pdf"]),
        languages=tuple(languages_found),
        previous=(before[-1], str(href(own[_year_key(key, before[-1])]))) if before else None,
        next=(after[0], str(href(own[_year_key(key, after[0])]))) if after else None,
        related=tuple(found_related),
        years=tuple((y, str(href(own[_year_key(key, y)]))) for y in years) if years_of else (),
    )


def page_nav(
    links: Mapping[str, Addresses],
    key: Key,
    language: str | None,
    translator: Callable[[str], Translator],
    languages: Sequence[str],
    related: Sequence[Related] = (),
    years_of: str = "",
    files: Mapping[Key, bytes] | None = None,
) -> Nav | None:
    """The navigation of the web page ``key`` in ``language`` (the run's first for
    index.html): ``plan_nav``'s pages, labelled.

    ``files``: a related page that is a PDF only (the year's booklet), by key, as
    its bytes: its link says so, and its size and pages (``pdf_facts``), so that a
    reader on a phone knows what the link starts (HTML review).

    ``translator``: each language's (``RenderContext.translator``);
    ``related``: the pages its kind relates it to (``Kind.related``);
    ``years_of``: the heading's message of the list of its years ("" for none).
    """
    plan = plan_nav(links, key, language, related, languages, years_of=bool(years_of))
    if plan is None:
        return None
    tr = translator(language or languages[0])
    _ = tr.gettext
    if language is None:  # index.html speaks every language, its labels too
        from mocr_factsheet.i18n.translator import every_language

        _ = partial(every_language, [translator(tag) for tag in languages])
    current = key[1]
    year_links = tuple(NavLink(address, str(y), current=y == current) for y, address in plan.years)
    return Nav(
        label=_("Pages of the publication"),
        index=None
        if plan.index is None
        else NavLink(plan.index, _("MOCR factsheets"), current=key == INDEX_KEY),
        front=None if plan.front is None else NavLink(plan.front, _("All languages")),
        pdf=None
        if plan.pdf is None
        else NavLink(plan.pdf, "PDF", hidden=_("Download this page as")),
        languages_label=_("Languages"),
        # One language is no choice: listed only where the run makes more.
        languages=()
        if len(plan.languages) < 2
        else tuple(
            NavLink(
                address,
                translator(tag).pgettext("language", "name"),
                lang=translator(tag).locale.replace("_", "-"),  # as render/html.py's html_lang
                current=tag == language,
            )
            for tag, address in plan.languages
        ),
        # With the list of its years, the previous and next are in it.
        previous=None
        if plan.previous is None or year_links
        else NavLink(plan.previous[1], str(plan.previous[0]), hidden=_("Previous year:")),
        next=None
        if plan.next is None or year_links
        else NavLink(plan.next[1], str(plan.next[0]), hidden=_("Next year:")),
        related=tuple(
            NavLink(
                address,
                _(related[i].label) % {"year": current}
                + (
                    f" ({pdf_facts(tr, pdf)})" if (pdf := (files or {}).get(related[i].key)) else ""
                ),
            )
            for i, address in plan.related
        ),
        groups=(NavGroup(_(years_of), year_links),) if year_links else (),
    )


def place_addresses(
    links: Mapping[str, Addresses], key: Key, language: str | None, places_kind: str | None
) -> dict[str, str]:
    """The pages the municipalities' names on the web page ``key`` in ``language``
    link, by municipality code, relative to the page: each one's ``places_kind``
    page (a profile) of the page's year, or, on a page of every year (the
    trends), of the latest year that has them; only those the site links
    (``links``), so that no name links a page the build did not write. Empty
    where ``places_kind`` is None or the page is not in ``links``."""
    own = links.get(language or "", {})
    page = own.get(key, {}).get("html")
    if places_kind is None or page is None:
        return {}
    found = {
        (y, code): addresses["html"]
        for (kind, y, code), addresses in own.items()
        if kind == places_kind and code is not None and y is not None and "html" in addresses
    }
    year = key[1] if key[1] is not None else max((y for y, _ in found), default=None)
    return {code: relative(address, page) for (y, code), address in found.items() if y == year}


def pdf_facts(tr: Translator, pdf: bytes) -> str:
    """What a link to a PDF says of it, from its bytes: "PDF, 1.1 MB, 41 pages"
    (megabytes of 10^6 bytes, to one decimal, as the language writes numbers)."""
    from babel.numbers import format_decimal

    from mocr_factsheet.render.typst import page_count

    pages = page_count(pdf)
    size = format_decimal(len(pdf) / 1_000_000, format="#,##0.0", locale=tr.locale)
    return tr.ngettext(
        "PDF, %(size)s MB, %(num)s page", "PDF, %(size)s MB, %(num)s pages", pages
    ) % {
        "size": size,
        "num": tr.number(pages),
    }
