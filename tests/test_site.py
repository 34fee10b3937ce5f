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
from mocr_factsheet.translit import latin_to_cyrillic

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = discover_languages(resource_dir("locales"))
AZBUKA = "абвгдђежзијклљмнњопрстћуфхцчџш"


def build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out), *args])
    assert result.exit_code == 0, result.output


def translator(tag: str) -> Translator:
    return Translator.load(LANGUAGES[tag], LANGUAGES)


class LanguageBlocks(HTMLParser):
    """The text inside each element that carries a lang attribute, by language
    (the innermost one counts), and the text outside any."""

    VOID = frozenset({"meta", "link", "br", "wbr", "img", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str | None, list[str]] = {}
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        self.texts.setdefault(lang, []).append(data)


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


def rows(page: Path) -> list[tuple[str, str]]:
    """The index's municipalities in order: (their folded key, the label shown)."""
    html = page.read_text("utf-8")
    found = re.findall(r'<tr data-key="([^"]+)"><th scope="row">(.*?)</th>', html)
    return [(key, re.sub(r"<[^>]+>", "", label)) for key, label in found]


def test_the_cyrillic_index_is_in_cyrillic_order(site: Path) -> None:
    labels = [label for _, label in rows(site / "index-sr-Cyrl.html")]
    assert len(labels) == 38
    # Each label read in Cyrillic (Latin letters as their Serbian counterparts),
    # a compass word after the name it qualifies (Северна Митровица under М):
    # the first letters never go back in the azbuka.
    read = [re.sub(r"^(Северна|Јужна) ", "", label) for label in labels]
    firsts = [AZBUKA.index(latin_to_cyrillic(label.casefold())[0]) for label in read]
    assert firsts == sorted(firsts), labels
    # В before Г before Д, where the Latin order has D, G, V.
    vushtrri, gjakove, decan = (
        next(i for i, label in enumerate(labels) if label.startswith(start))
        for start in ("Vushtrri", "Gjakovë", "Deçan")
    )
    assert vushtrri < gjakove < decan


def test_albanian_sorts_its_letters_of_two(site: Path) -> None:
    labels = [label for _, label in rows(site / "index-sq.html")]
    # gj is a letter after g: Gllogoc, Gračanica before Gjakovë, Gjilan.
    assert labels.index("Gllogoc/Glogovac") < labels.index("Gjakovë/Đakovica")
    assert labels.index("Gračanica/Graçanicë") < labels.index("Gjakovë/Đakovica")


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_the_two_mitrovicas_stand_together(site: Path, tag: str) -> None:
    keys = [key for key, _ in rows(site / f"index-{tag}.html")]
    places = [i for i, key in enumerate(keys) if "mitrovic" in key]
    assert len(places) == 2 and places[1] - places[0] == 1, [keys[i] for i in places]


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


def test_new_year_writes_the_dates_to_fill_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    toml = scaffold_year(data, 2020, note_bases(LANGUAGES)).toml
    assert "# published = 2021-03-15\n" in toml
    assert "# revised = 2021-04-30\n" in toml


@pytest.mark.parametrize("tag", ["en", "sr-Cyrl"])
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
    assert "key-figures.csv — 2019" in texts


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
