"""The site's own pages as a reader meets them: the front page in every language,
the index of municipalities in each language's order, and the colophon with
each year's dates from its year.toml (docs/design.md, "The site")."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.entry.scaffold import scaffold_year
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.site import statement

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = discover_languages(resource_dir("locales"))


def build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out), *args])
    assert result.exit_code == 0, result.output


def translator(tag: str) -> Translator:
    return Translator.load(LANGUAGES[tag], LANGUAGES)


class LanguageBlocks(HTMLParser):
    """The text inside each element that carries a lang attribute, by language
    (the innermost one counts), and the text outside any."""

    VOID = frozenset({"meta", "link", "br", "wbr", "img", "input"})
    # Within a line of text: the text on either side of these is one run
    # ("2016–2019" in its span, then ".").
    INLINE = frozenset({"span", "b", "strong", "em", "abbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str | None, list[str]] = {}
        self.skip = 0
        self.inline = False  # the last tag was an inline one
        self.last: str | None = None  # the language of the last text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))
        self.inline = tag in self.INLINE

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        self.inline = tag in self.INLINE

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        texts = self.texts.setdefault(lang, [])
        if self.inline and texts and lang == self.last:
            texts[-1] += data
        elif data.strip():
            texts.append(data)
        self.last = lang


def blocks(html: str) -> dict[str | None, str]:
    parser = LanguageBlocks()
    parser.feed(html)
    return {lang: " ".join(texts) for lang, texts in parser.texts.items()}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's front page, index pages and colophons in every language."""
    out = tmp_path_factory.mktemp("site")
    build(DATA, out, "--kind", "site", "--kind", "about", "--format", "html", "--jobs", "1")
    return out


def test_the_front_page_says_every_line_in_each_language(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    found = blocks(html.split("<body>", 1)[1])
    english = translator("en")
    english_lines = [statement(english), english.gettext("About these figures")]
    for tag in LANGUAGES:
        tr = translator(tag)
        lang = tr.locale.replace("_", "-")
        text = squash(found.get(lang, ""))
        expected = [
            tr.gettext("OSCE Mission in Kosovo"),
            tr.gettext("MOCR factsheets"),
            tr.gettext("Illustrative data"),
            tr.gettext(
                "the figures in this document are invented for demonstration; "
                "they are not monitoring results."
            ),
            tr.gettext("About these figures"),
            tr.pgettext("language", "name"),
            tr.gettext("Skip to content"),
            statement(tr),
        ]
        rest = text
        for line in sorted(expected, key=len, reverse=True):
            assert squash(line) in text, f"{tag}: {line!r} is not in its block"
            rest = rest.replace(squash(line), " ")
        line = tr.gettext("Factsheets, municipality profiles and trends, %(first)s–%(last)s")
        rest = rest.replace(squash(line % {"first": 2016, "last": 2019}), " ")
        # Nothing is left but the separators: every word is the catalog's.
        assert re.fullmatch(r"[\s·—–]*", rest), f"{tag}: not from its catalog: {rest!r}"
        if tag != "en":
            for line in english_lines:
                assert squash(line) not in text, f"English in the {tag} block: {line!r}"
    # Nothing on the page is outside a language's block but the separators.
    assert re.fullmatch(r"[\s·]*", found.get(None, "")), found.get(None)
    # Nor in what a screen reader says of it: its landmarks' names and its author.
    labels = re.findall(r'aria-label="([^"]*)"', html)
    author = re.search(r'<meta name="author" content="([^"]*)">', html)
    assert author is not None
    for tag in LANGUAGES:
        tr = translator(tag)
        assert tr.gettext("OSCE Mission in Kosovo") in author[1].split(" · ")
        for message in ("Pages of the publication", "Languages"):
            assert any(tr.gettext(message) in label.split(" · ") for label in labels), (
                tag,
                message,
            )
    assert all(len(label.split(" · ")) == len(LANGUAGES) for label in labels), labels


def rows(page: Path) -> list[tuple[str, str]]:
    """The index's municipalities in order: (their folded key, the label shown)."""
    html = page.read_text("utf-8")
    found = re.findall(r'<tr data-key="([^"]+)"><th scope="row">(.*?)</th>', html)
    return [(key, re.sub(r"<[^>]+>", "", label)) for key, label in found]


# Each language's list, checked by hand against its alphabet (docs/design.md, "The
# site"): sorted by the name in the language, as the label shows it. Serbian
# Cyrillic: а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш, so
# Урошевац (Ferizaj) under У, Ђаковица after Драгаш, Елез Хан under Е.
HAND_CHECKED = {
    "sr-Cyrl": (
        "viti vushtrri gllogoc gjilan gracanice decan dragash gjakove hani-i-elezit zvecan "
        "zubin-potok istog mitrovice-jug junik kamenice kacanik kline kllokot fushe-kosove "
        "leposaviq lipjan malisheve mamushe novoberde obiliq rahovec partesh peje podujeve "
        "prizren prishtine ranillug mitrovice-veri skenderaj suhareke ferizaj shtime shterpce"
    ),
    # Serbian Latin: a b c č ć d dž đ e … n nj o p r s š t u v z ž: Junik before
    # Južna Mitrovica (n before ž), Kačanik before Kamenica, Priština before Prizren.
    "sr": (
        "decan dragash gjakove hani-i-elezit gllogoc gjilan gracanice istog junik "
        "mitrovice-jug kacanik kamenice kline kllokot fushe-kosove leposaviq lipjan malisheve "
        "mamushe novoberde obiliq rahovec partesh peje podujeve prishtine prizren ranillug "
        "mitrovice-veri skenderaj suhareke shtime shterpce ferizaj viti vushtrri zubin-potok "
        "zvecan"
    ),
    # Albanian: … d dh e ë f g gj … l ll … s sh t th …: Gllogoc and Graçanicë before
    # Gjakovë, Klinë before Kllokot, Shtërpcë (ë) before Shtime (i), Skënderaj before both.
    "sq": (
        "decan dragash ferizaj fushe-kosove gllogoc gracanice gjakove gjilan hani-i-elezit "
        "istog junik kacanik kamenice kline kllokot leposaviq lipjan malisheve mamushe "
        "mitrovice-jug mitrovice-veri novoberde obiliq partesh peje podujeve prishtine prizren "
        "rahovec ranillug skenderaj suhareke shterpce shtime viti vushtrri zubin-potok zvecan"
    ),
}


def row_codes(page: Path) -> list[str]:
    """The municipalities of a page's table of profiles, or of its table of
    offices, in order: the code of the profile each row's first link opens."""
    html = page.read_text("utf-8")
    found = re.findall(r"<tr[^>]*><th scope=\"row\">.*?mocr-\d{4}-([a-z-]+?)-(?:en|sq|sr)", html)
    return found


@pytest.mark.parametrize("tag", list(HAND_CHECKED))
def test_each_index_lists_the_municipalities_in_its_own_alphabet(site: Path, tag: str) -> None:
    """Before, the Cyrillic index sorted the labels' first names read in Cyrillic:
    Ferizaj/Урошевац under Ф, Gjakovë/Ђаковица under Г (HTML review)."""
    assert row_codes(site / f"index-{tag}.html") == HAND_CHECKED[tag].split()
    # The name sorted by is marked in its label: the order can be seen.
    html = (site / f"index-{tag}.html").read_text("utf-8")
    sorted_by = {"sq": "Ferizaj", "sr": "Uroševac", "sr-Cyrl": "Урошевац"}[tag]
    marked = rf'<th scope="row">(?:[^<]|<wbr>)*<span class="sorted-by">{sorted_by}</span>'
    assert re.search(marked, html), sorted_by


@pytest.mark.parametrize("tag", list(HAND_CHECKED))
def test_every_list_of_municipalities_is_in_the_same_order(tag: str) -> None:
    """One order per language, whatever the page: the index, the sheet's table and
    chart of offices, the CC sheet's, the trends' heat map (``in_label_order``)."""
    from mocr_factsheet.data.validate import read_reference
    from mocr_factsheet.i18n.translator import in_label_order

    reference, problems = read_reference(DATA, fonts=False)
    assert reference is not None and not problems
    codes = [m.code for m in reference.municipalities]
    assert in_label_order(translator(tag), reference, codes) == HAND_CHECKED[tag].split()


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2019 sheets and CC sheets as web pages, with the profiles they link."""
    out = tmp_path_factory.mktemp("sheets")
    build(
        DATA,
        out,
        *("--year", "2019", "--kind", "sheet", "--kind", "committees", "--kind", "profile"),
        *("--kind", "site", "--kind", "trends", "--format", "html", "--jobs", "1"),
    )
    return out


@pytest.mark.slow
@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_the_sheets_tables_link_each_municipality_to_its_profile(sheets: Path, tag: str) -> None:
    """Before, a sheet named 35 offices as plain text: a reader who found their
    figure could not open their own profile from it (HTML review)."""
    page = sheets / "2019" / f"mocr-2019-{tag}.html"
    html = page.read_text("utf-8")
    table = html.split("<table", 1)[0] + html.rsplit("<table", 1)[1]  # the offices' table
    links = re.findall(r'<th scope="row"><a href="([^"]+)"><span class="place">', table)
    assert len(links) == 35
    assert all(link.startswith("municipalities/mocr-2019-") for link in links)
    assert all((page.parent / link).is_file() for link in links)
    # In the language's order, as on its index.
    if tag in HAND_CHECKED:
        offices = [re.search(r"mocr-2019-([a-z-]+?)-(?:en|sq|sr)", link)[1] for link in links]  # type: ignore[index]
        assert offices == [c for c in HAND_CHECKED[tag].split() if c in offices]
    # The CC sheet's table of members and the trends' heat map link them too.
    cc = sheets / "2019" / f"mocr-2019-cc-{tag}.html"
    cc_links = re.findall(
        r'<th scope="row"><a href="(municipalities/[^"]+)">', cc.read_text("utf-8")
    )
    assert cc_links and all((cc.parent / link).is_file() for link in cc_links)
    trends = sheets / "trends" / f"mocr-trends-{tag}.html"
    heat = re.findall(r'<th scope="row"><a href="([^"]+)">', trends.read_text("utf-8"))
    assert heat and all(h.startswith("../2019/municipalities/") for h in heat)
    assert all((trends.parent / h).is_file() for h in heat)


def keys_by_code(page: Path) -> dict[str, str]:
    """Each row's filter key on an index, by its municipality's code."""
    html = page.read_text("utf-8")
    found = re.findall(
        r'<tr data-key="([^"]+)"><th scope="row">.*?mocr-\d{4}-([a-z-]+?)-(?:en|sq|sr)', html
    )
    return {code: key for key, code in found}


def test_the_filter_finds_a_municipality_by_any_of_its_names(site: Path) -> None:
    """Before, "Prishtina" and "Gjakova" found nothing on any index, and the English
    index's key of the Mitrovicas was "mitrovica/mitrovicë нортх" (HTML review)."""
    typed_names = [
        ("prishtine", "prishtina"),
        ("gjakove", "gjakova"),
        ("peje", "peja"),
        ("fushe-kosove", "fushe kosova"),
        ("mitrovice-veri", "severna mitrovica"),
        ("mitrovice-veri", "северна митровица"),
        ("mitrovice-veri", "mitrovica e veriut"),
        ("mitrovice-veri", "mitrovica north"),
        ("mitrovice-jug", "јужна митровица"),
        ("gjakove", "ђаковица"),
        ("gjakove", "djakovica"),
        ("gjakove", "dakovica"),
        ("mamushe", "mamusa"),
    ]
    # On every index, whatever its language: a reader types the name they know.
    for tag in LANGUAGES:
        keys = keys_by_code(site / f"index-{tag}.html")
        assert len(keys) == 38
        for code, typed in typed_names:
            assert typed in keys[code], (tag, code, typed, keys[code])
    en = keys_by_code(site / "index-en.html")
    assert not re.search("нортх|соутх|ë", " ".join(en.values()))


@pytest.mark.parametrize(
    ("name", "definite"),
    [
        ("Prishtinë", "Prishtina"),
        ("Gjakovë", "Gjakova"),
        ("Pejë", "Peja"),
        ("Gjilan", "Gjilani"),
        ("Istog", "Istogu"),
        ("Shtime", "Shtimja"),
        ("Fushë Kosovë", "Fushë Kosova"),
        ("Zubin Potok", "Zubin Potoku"),
        ("Mitrovicë e Jugut", "Mitrovica e Jugut"),
        ("Hani i Elezit", "Hani i Elezit"),
        ("Viti", "Viti"),
    ],
)
def test_the_albanian_definite_form(name: str, definite: str) -> None:
    from mocr_factsheet.data.names import albanian_definite

    assert albanian_definite(name) == definite


def test_the_accessibility_statement_gives_a_way_to_report_a_barrier(site: Path) -> None:
    """Before, it asked readers to tell the Mission of a barrier and gave no address,
    form or link (HTML review)."""
    from mocr_factsheet.site import CONTACT_HREF

    assert CONTACT_HREF == "https://www.osce.org/mission-in-kosovo"
    for tag in LANGUAGES:
        tr = translator(tag)
        html = squash((site / f"about-{tag}.html").read_text("utf-8"))
        section = html[html.index('id="access-heading"') :]
        section = section[: section.index("</section>")]
        asked = tr.gettext(
            "Automatic tests do not find every barrier. If something on these pages is hard "
            "to read or use, please tell the OSCE Mission in Kosovo through the contact "
            "details on its website:"
        )
        assert squash(asked) in section, tag
        assert f'<a href="{CONTACT_HREF}">www.osce.org/mission-in-kosovo</a>' in section, tag


def test_the_index_shows_this_years_status_as_the_profiles_say_it(site: Path) -> None:
    html = (site / "index-sq.html").read_text("utf-8")
    tr = translator("sq")
    assert tr.gettext("Status in %(year)s") % {"year": 2019} in html
    row = re.search(r"<tr data-key=\"[^\"]*prizren[^\"]*\">.*?</tr>", html, re.DOTALL)
    assert row and f">{tr.pgettext('status', 'MOCR')}</td>" in row.group(0)
    row = re.search(r"<tr data-key=\"[^\"]*leposavi[^\"]*\">.*?</tr>", html, re.DOTALL)
    assert row and f">{tr.pgettext('status', 'similar office')}</td>" in row.group(0)
    # The filter box is there for the script to show, and the colophon is linked.
    assert 'id="municipality-filter" hidden' in html
    assert 'href="about-sq.html"' in html


def test_an_index_has_no_booklets_section_where_the_run_makes_no_pdf(
    site: Path, tmp_path: Path
) -> None:
    """``--format html`` (or ``mocr serve --format html``) makes no booklet: the
    index had a "Booklets" heading and its sentence over an empty list."""
    for tag in LANGUAGES:
        assert 'id="booklets-heading"' not in (site / f"index-{tag}.html").read_text("utf-8")
    build(DATA, tmp_path, "--kind", "site", "--lang", "en", "--jobs", "1")
    html = (tmp_path / "index-en.html").read_text("utf-8")
    assert 'id="booklets-heading"' in html
    assert 'href="2019/mocr-2019-en-booklet.pdf"' in html


def test_the_colophon_prints_the_dates_of_year_toml(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    toml = data / "2019" / "year.toml"
    text = toml.read_text("utf-8")
    toml.write_text(
        text.replace(
            "sample = true", "sample = true\npublished = 2020-02-03\nrevised = 2020-04-05"
        ),
        "utf-8",
    )
    out = tmp_path / "out"
    build(data, out, "--kind", "about", "--lang", "en", "--lang", "sq")
    for tag in ("en", "sq"):
        tr = translator(tag)
        page = squash((out / f"about-{tag}.html").read_text("utf-8"))
        published, revised = tr.date(date(2020, 2, 3)), tr.date(date(2020, 4, 5))
        assert f'<time datetime="2020-02-03">{published}</time>' in page, tag
        assert f'<time datetime="2020-04-05">{revised}</time>' in page, tag
        # 2018 gives no dates: the colophon says so rather than inventing one.
        row = re.search(r"<th scope=\"row\">2018</th>.*?</tr>", page)
        assert row and tr.gettext("Not given") in row.group(0), tag
        assert tr.gettext("Not revised") in row.group(0), tag
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in page
    assert "12 mars 2020" not in page  # the fixture's own dates, not the bundled data's
    # The Mission writes British English (locales/languages.toml): day, month, year.
    assert '<time datetime="2020-02-03">3 February 2020</time>' in squash(
        (out / "about-en.html").read_text("utf-8")
    )


def test_english_is_british() -> None:
    """The Mission's English is British (the published sheets in shared/seeds): the
    day before the month, and no comma before the "and" of a list."""
    tr = translator("en")
    assert tr.date(date(2020, 3, 12)) == "12 March 2020"
    assert tr.join(["Kosovo Bosniaks", "Kosovo Turks", "Kosovo Roma"]) == (
        "Kosovo Bosniaks, Kosovo Turks and Kosovo Roma"
    )


def test_new_year_writes_the_dates_to_fill_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    toml = scaffold_year(data, 2020, note_bases(LANGUAGES)).toml
    assert "# published = 2021-03-15\n" in toml
    assert "# revised = 2021-04-30\n" in toml


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_every_data_link_names_its_year_to_a_screen_reader(site: Path, tag: str) -> None:
    """A screen reader lists the links alone: 'key-figures.csv' four times said nothing
    of which year's it was (HTML review). Each link's text is its own."""
    html = (site / f"index-{tag}.html").read_text("utf-8")
    section = html[html.index('id="data-heading"') :]
    section = section[: section.index("</section>")]
    texts = [
        squash(re.sub(r"<[^>]+>", "", inner))
        for inner in re.findall(r"<a [^>]*download[^>]*>(.*?)</a>", section, re.S)
    ]
    assert len(texts) > 20
    assert len(set(texts)) == len(texts), sorted(t for t in texts if texts.count(t) > 1)[:4]
    # Each file by what it holds, in the page's language: not its English file
    # name ("key-figures.csv", "unrepresented.csv" on the Albanian and Serbian
    # indexes; HTML review).
    tr = translator(tag)
    key_figures = tr.gettext("%(table)s (CSV)") % {
        "table": tr.pgettext("sheet name", "Key figures")
    }
    assert f"{key_figures} — 2019" in texts
    cc = tr.gettext("Communities Committees")
    unrepresented = tr.pgettext("sheet name", "Unrepresented communities")
    assert f"{cc}: {tr.gettext('%(table)s (CSV)') % {'table': unrepresented}} — 2019" in texts
    assert f"{tr.gettext('Factsheet figures (JSON)')} — 2019" in texts
    assert not [t for t in texts if re.search(r"\.(csv|json)\b", t)], texts
    if tag == "sr-Cyrl":
        assert "Кључни подаци (CSV) — 2019" in texts


def test_a_pages_metadata_gives_the_dates_year_toml_gives(site: Path, tmp_path: Path) -> None:
    """dcterms.issued and dcterms.modified are when the figures were first published
    and last revised (year.toml): a year's page its year's, a page of every year the
    first publication and the latest change. Before, both said the period's last month,
    against the colophon's dates (HTML review)."""

    def dates(page: Path) -> dict[str, str]:
        found = re.findall(r'<meta name="dcterms\.(\w+)" content="([^"]+)">', page.read_text())
        return dict(found)

    assert dates(site / "index-en.html") == {
        "created": "2019-12-01",
        "issued": "2017-03-15",  # 2016's figures, the first published
        "modified": "2020-03-12",  # 2019's, the latest change
    }
    build(DATA, tmp_path, "--kind", "sheet", "--year", "2018", "--lang", "en", "--format", "html")
    assert dates(tmp_path / "2018" / "mocr-2018-en.html") == {
        "created": "2018-12-01",
        "issued": "2019-03-14",
        "modified": "2019-05-06",  # year.toml's revised
    }


@pytest.mark.slow
def test_the_booklet_link_says_it_is_a_pdf_its_size_and_pages(tmp_path: Path) -> None:
    """The navigation's "Factsheet and municipality profiles 2019" looked like the
    page links beside it and started a 1 MB download of 41 pages (HTML review)."""
    import pdfplumber

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(DATA, data)
    args = ("--year", "2019", "--kind", "sheet", "--kind", "booklet", "--lang", "en")
    build(data, out, *args, "--lang", "sr-Cyrl")
    for tag, size, pages in [
        ("en", "{:.1f} MB", "41 pages"),
        ("sr-Cyrl", "{:.1f} MB", "41 страна"),
    ]:
        booklet = out / "2019" / f"mocr-2019-{tag}-booklet.pdf"
        with pdfplumber.open(booklet) as pdf:
            assert len(pdf.pages) == 41
        megabytes = size.format(booklet.stat().st_size / 1e6)
        if tag == "sr-Cyrl":
            megabytes = megabytes.replace(".", ",")
        html = squash((out / "2019" / f"mocr-2019-{tag}.html").read_text("utf-8"))
        link = re.search(rf'<a href="mocr-2019-{tag}-booklet.pdf">([^<]*)</a>', html)
        assert link, tag
        assert link[1].endswith(f"(PDF, {megabytes}, {pages})"), link[1]
    # An edit of 2017 changes the 2019 booklet (its profiles' history): the 2019 sheet's
    # web page, which describes the booklet, is built again with it.
    sheet_page = out / "2019" / "mocr-2019-en.html"
    before = sheet_page.stat().st_mtime_ns
    offices = data / "2017" / "offices.csv"
    text = offices.read_text("utf-8")
    offices.write_text(text.replace("decan,established,yes", "decan,established,no"), "utf-8")
    build(data, out, *args)
    assert sheet_page.stat().st_mtime_ns != before


@pytest.mark.slow
def test_a_sheet_built_alone_reads_the_booklet_it_describes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run of the sheet alone (``--kind sheet``, one worker) after a build of the
    booklet describes the booklet from the folder rather than typesetting its 41
    pages again (it took a one-sheet build from 1.2 s to 1.75 s:
    docs/performance.md); the page is the same bytes. A booklet changed on disk
    is typeset again."""
    from mocr_factsheet.mechanisms.mocr.kinds import BookletKind

    out = tmp_path / "out"
    year = ("--year", "2019", "--lang", "en", "--jobs", "1")
    build(DATA, out, *year, "--kind", "sheet", "--kind", "booklet")
    sheet_page = out / "2019" / "mocr-2019-en.html"
    page = sheet_page.read_bytes()
    typeset: list[Path] = []
    original = BookletKind._booklet

    def counted(self: BookletKind, ctx: object, job: object, path: Path) -> bytes:
        typeset.append(path)
        return original(self, ctx, job, path)  # type: ignore[arg-type]

    monkeypatch.setattr(BookletKind, "_booklet", counted)
    build(DATA, out, *year, "--kind", "sheet", "--force")
    assert typeset == []
    assert sheet_page.read_bytes() == page
    booklet = out / "2019" / "mocr-2019-en-booklet.pdf"
    booklet.write_bytes(booklet.read_bytes() + b"\n")  # no longer the bytes recorded
    build(DATA, out, *year, "--kind", "sheet", "--force")
    assert typeset == [booklet]
    assert sheet_page.read_bytes() == page
