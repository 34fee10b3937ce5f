"""The year's booklet (templates/booklet.typ): a contents page, the year's sheet
and its 38 profiles in one tagged PDF, measured as an editor would: page count,
each profile on its page and in the contents with that page's number, type big
enough, A4, tagged with its title and language, the same bytes every build.

Covers the bundled data's 2019 in every language.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from layout import Pages, listing, read_pages
from mocr_factsheet.build import registry
from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.render.kind import Job, Scope
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
YEAR = 2019
LANGUAGES = discover_languages(resource_dir("locales"))
TAGS = list(LANGUAGES)
CONTENTS_PAGES = 1  # the contents of 39 entries fit one page
SHEET_PAGES = 2
SMALLEST_PT = 6.5  # docs/contract.md §4
A4 = (595.28, 841.89)  # points


def build(out: Path) -> None:
    args = ["build", "--kind", "booklet", "--year", str(YEAR), "--data", str(DATA)]
    result = CliRunner().invoke(app, [*args, "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def booklets(publication: Path) -> Path:
    """The bundled data's booklets, in the session's whole publication."""
    return publication


def booklet(out: Path, tag: str) -> Path:
    return out / str(YEAR) / f"mocr-{YEAR}-{tag}-booklet.pdf"


def translator(tag: str) -> Translator:
    return Translator.load(LANGUAGES[tag], LANGUAGES)


_READ: dict[Path, Pages] = {}


def laid_out(path: Path) -> Pages:
    """The booklet's page texts and type sizes, read once for every test that asks."""
    if path not in _READ:
        _READ[path] = read_pages(path)
    return _READ[path]


def contents(first_page: str) -> dict[str, int]:
    """The contents page's entries: each heading and its page number."""
    found: dict[str, int] = {}
    for line in first_page.splitlines():
        entry = re.fullmatch(r"(.+?)[\s.]*?\s*\.[\s.]*(\d+)", line)
        if entry:
            found[entry[1].strip()] = int(entry[2])
    return found


@pytest.mark.slow
@pytest.mark.parametrize("tag", TAGS)
def test_a_contents_page_the_sheet_and_every_profile_on_its_page(booklets: Path, tag: str) -> None:
    tr = translator(tag)
    layout = laid_out(booklet(booklets, tag))
    assert len(layout.texts) == CONTENTS_PAGES + SHEET_PAGES + len(MUNICIPALITY_CODES)
    listed = contents(layout.texts[0])
    pages = list(layout.texts)
    sizes = {(round(width, 1), round(height, 1)) for width, height in layout.page_sizes}
    assert sizes == {(round(A4[0], 1), round(A4[1], 1))}
    # The sheet first, on the page after the contents; then one page per profile.
    numbers = list(listed.values())
    profiles = range(CONTENTS_PAGES + SHEET_PAGES + 1, len(pages) + 1)
    assert numbers == [CONTENTS_PAGES + 1, *profiles], listed
    reference = load_dataset(DATA, [YEAR], note_bases(LANGUAGES)).reference
    names = [tr.municipality(reference.municipality(code)) for code in MUNICIPALITY_CODES]
    assert sorted(names) == sorted(list(listed)[1:])
    for name, number in list(listed.items())[1:]:
        # The profile's heading stands on the page the contents gives.
        assert name in pages[number - 1].splitlines()[:4], (name, number)
    # The illustrative-data mark on every page.
    mark = tr.gettext("Illustrative data")
    unmarked = [n for n, text in enumerate(pages, 1) if mark not in text]
    assert not unmarked, f"pages without the sample mark: {unmarked}"
    # Page numbers run on: "n / 41" at each page's foot.
    for number, text in enumerate(pages, 1):
        assert f"{number} / {len(pages)}" in text


@pytest.mark.slow
@pytest.mark.parametrize("tag", TAGS)
def test_no_text_under_the_smallest_size(booklets: Path, tag: str) -> None:
    small = laid_out(booklet(booklets, tag)).text_under(SMALLEST_PT)
    assert not small, f"text under {SMALLEST_PT} pt:\n{listing(small)}"


@pytest.mark.slow
@pytest.mark.parametrize("tag", TAGS)
def test_tagged_with_title_language_and_bookmarks(booklets: Path, tag: str) -> None:
    tr = translator(tag)
    reader = PdfReader(io.BytesIO(booklet(booklets, tag).read_bytes()))
    assert reader.metadata is not None
    title = tr.gettext("Factsheet and municipality profiles %(year)s") % {"year": YEAR}
    assert reader.metadata.title == title
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).split("-")[0] == tr.locale.split("_")[0]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    # The bookmarks: the booklet, the sheet and every profile, each at its page.
    top = [b for b in reader.outline if not isinstance(b, list)]
    assert top[0].title.replace("\u00a0", " ") == title  # its last words kept together
    assert len(top) == 2 + len(MUNICIPALITY_CODES)
    assert [reader.get_destination_page_number(b) for b in top[2:]] == list(
        range(CONTENTS_PAGES + SHEET_PAGES, len(reader.pages))
    )


@pytest.mark.slow
def test_profiles_that_run_on_are_set_tighter_and_numbered_as_they_fall(tmp_path: Path) -> None:
    # Eight years of history and long notes: at profile.css's sizes some Albanian
    # profiles take two pages, so the booklet's expected page count is wrong and
    # the kind measures where each page starts (mechanisms/mocr/kinds.py, _fit_profiles).
    from test_profiles_pdf import LAST, eight_years

    data = eight_years(DATA, tmp_path / "data")
    out = tmp_path / "out"
    args = ["build", "--kind", "booklet", "--year", str(LAST), "--lang", "sq"]
    result = CliRunner().invoke(app, [*args, "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    path = out / str(LAST) / f"mocr-{LAST}-sq-booklet.pdf"
    pages = list(read_pages(path).texts)
    assert len(pages) == CONTENTS_PAGES + SHEET_PAGES + len(MUNICIPALITY_CODES)
    listed = contents(pages[0])
    assert len(listed) == 1 + len(MUNICIPALITY_CODES)
    for name, number in list(listed.items())[1:]:
        assert name in pages[number - 1].splitlines()[:4], (name, number)
    for number, text in enumerate(pages, 1):
        assert f"{number} / {len(pages)}" in text


@pytest.mark.slow
def test_same_data_same_bytes(booklets: Path, tmp_path: Path) -> None:
    build(tmp_path)
    for tag in TAGS:
        assert booklet(tmp_path, tag).read_bytes() == booklet(booklets, tag).read_bytes(), tag


# --- what it reads --------------------------------------------------------------------


SCOPE = Scope(
    years=(2018, 2019),
    all_years=(2016, 2017, 2018, 2019),
    languages=("en", "sq"),
    formats=("html", "pdf"),
    municipalities=MUNICIPALITY_CODES,
)


def test_a_booklet_reads_what_its_sheet_and_profiles_read() -> None:
    kinds = registry.KINDS
    job = Job("booklet", 2019, "sq")
    reads = kinds["booklet"].reads(job, "pdf", SCOPE)
    sheet = kinds["sheet"].reads(Job("sheet", 2019, "sq"), "pdf", SCOPE)
    assert set(sheet.tables) <= set(reads.tables)
    for code in MUNICIPALITY_CODES:
        profile = kinds["profile"].reads(Job("profile", 2019, "sq", code), "pdf", SCOPE)
        assert set(profile.rows) <= set(reads.rows)
        assert set(profile.tables) <= set(reads.tables)
    assert {"booklet.typ", "sheet.typ", "profile.typ", "base.typ"} <= set(reads.templates)
    assert reads.languages == ("sq",)


def test_one_pdf_per_year_and_language_and_none_without_pdf() -> None:
    kind = registry.KINDS["booklet"]
    assert kind.targets(SCOPE) == [
        (Job("booklet", y, lang), "pdf") for y in (2018, 2019) for lang in ("en", "sq")
    ]
    html_only = Scope(**{**SCOPE.__dict__, "formats": ("html",)})
    assert kind.targets(html_only) == []
    path = kind.path(Path("out"), Job("booklet", 2019, "sr-Cyrl"), "pdf")
    assert path == Path("out/2019/mocr-2019-sr-Cyrl-booklet.pdf")


def test_municipality_builds_leave_the_booklets_alone() -> None:
    names = [k.name for k in registry.kinds_to_build([], {"municipality"})]
    assert "booklet" not in names
    assert "booklet" in [k.name for k in registry.kinds_to_build([], {"year"})]


@pytest.mark.slow
@pytest.mark.parametrize("year", [2016, 2017])
def test_the_contents_name_the_pages_without_their_marks(booklets: Path, year: int) -> None:
    """A year's note is marked on its pages, beside the note; the contents page lists
    the sheet by its title alone (it read '(MOCRs) 2016*', with no note on that page)."""
    import pdfplumber

    path = booklets / str(year) / f"mocr-{year}-en-booklet.pdf"
    with pdfplumber.open(path) as pdf:
        first, sheet = (pdf.pages[i].extract_text() or "" for i in (0, 1))
    assert "*" not in first and f"(MOCRs) {year}" in first
    assert "*" in sheet  # the sheet's own page still marks its note


@pytest.mark.slow
def test_the_covers_title_keeps_its_year_with_its_words(booklets: Path) -> None:
    """'…профили општина за / 2019. годину': the Cyrillic title's first line ended on
    'за' (PDF review); the year stays with the words around it."""
    import pdfplumber

    with pdfplumber.open(booklet(booklets, "sr-Cyrl")) as pdf:
        lines = [line.strip() for line in (pdf.pages[0].extract_text() or "").splitlines()]
    title = next(i for i, line in enumerate(lines) if "Информативна брошура" in line)
    assert not lines[title].endswith(" за"), lines[title : title + 2]
    assert "за 2019. годину" in " ".join(lines[title : title + 2])
