"""The built sheets, read as a reader and a machine would: PDF text, HTML, figures."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.numbers import format_percent
from pypdf import PdfReader
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.model import Period
from mocr_factsheet.data.names import label
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr import counts as mocr_counts
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LANGUAGES = discover_languages(resource_dir("locales"))
ACRONYM = {"en": "MOCR", "sq": "ZKKK", "sr": "OKZP", "sr-Cyrl": "ОКЗП"}
PUBLISHED = ["en", "sq", "sr"]


@pytest.fixture(scope="module")
def built(publication: Path) -> Path:
    """The bundled data's sheets: the session's publication (conftest.py)."""
    return publication


def build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app, ["build", "--kind", "sheet", "--data", str(data), "--out", str(out), *args]
    )
    assert result.exit_code == 0, result.output


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Text with every run of white space as one space (PDF lines break anywhere)."""
    return re.sub(r"\s+", " ", text).replace("/ ", "/")


@pytest.mark.slow
@pytest.mark.parametrize("year", [2019, 2017])
@pytest.mark.parametrize("tag", [t for t in LANGUAGES if t in ACRONYM])
def test_pdf_text_holds_the_sheet(built: Path, tag: str, year: int) -> None:
    pdf = built / str(year) / f"mocr-{year}-{tag}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2, "the sheet is two A4 pages, like the published one"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = squash(pdf_text(pdf))
    figures = json.loads((built / str(year) / "indicators.json").read_text("utf-8"))
    dataset = load_dataset(DATA, [year], note_bases(LANGUAGES))
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)

    assert ACRONYM[tag] in text and str(year) in text
    assert f"{figures['established']} " in text
    for code in figures["similar_office"] + figures["not_established"]:
        m = dataset.reference.municipality(code)
        assert squash(tr.municipality(m)) in text, code
    for code in figures["duties"]:
        first_words = " ".join(tr.duty(code).split()[:3])
        assert first_words in text, (code, first_words)
    for code in figures["officers"]["by_community"]:
        assert tr.community(code) in text
    core = mocr_counts.indicators(dataset, year)
    # Every duty's count and share, as this language writes them ("30 (86%)").
    for code, counts in figures["duties"].items():
        share = format_percent(core.duties[code].percent / 100, locale=tr.locale)
        assert f"{counts['yes']} ({share})" in text, (code, share)
    # Every community's count and share as the chart labels them: the core's
    # shares, each rounded on its own (so equal counts read the same), and the
    # one sentence that says they may not add up to 100.
    rounding = tr.gettext("Percentages may not add up to 100 because of rounding.")
    assert squash(rounding).replace("\u00a0", " ") in text.replace("\u00a0", " ")
    for code, count in figures["officers"]["by_community"].items():
        share = format_percent(core.community_shares[code] / 100, locale=tr.locale)
        assert f"{count} ({share})" in text
    if figures["sample"]:
        assert tr.gettext("Illustrative data") in text


PLACED_ROW = re.compile(
    r'<tr><th scope="row"><a href="[^"]*mocr-\d{4}-([a-z-]+?)-(?:en|sq|sr)[^"]*">.*?</tr>'
)


def table_numbers(html: str) -> list[str]:
    """The figures in the HTML's data tables, in order: what the sheet says in numbers.
    The rows of the offices, which each language lists in its own alphabet
    (``in_label_order``), come last in the order of their codes (their profile's link)."""

    def numbers(text: str) -> list[str]:
        return [re.sub(r"\D", "", c) or c for c in re.findall(r"<td>([^<]*)</td>", text)]

    placed = sorted((m[1], numbers(m[0])) for m in PLACED_ROW.finditer(html))
    assert placed, "no row links its municipality's profile"
    rest = numbers(PLACED_ROW.sub("", html))
    return rest + [n for _, row in placed for n in row]


@pytest.mark.slow
@pytest.mark.parametrize("year", [2019, 2017])
def test_every_language_shows_the_same_figures(built: Path, year: int) -> None:
    numbers = {
        tag: table_numbers((built / str(year) / f"mocr-{year}-{tag}.html").read_text("utf-8"))
        for tag in LANGUAGES
    }
    first = numbers[PUBLISHED[0]]
    assert len(first) > 60
    for tag, found in numbers.items():
        assert found == first, tag


@pytest.mark.slow
@pytest.mark.parametrize("year", [2019, 2017])
def test_every_language_has_the_same_sections_and_notes(built: Path, year: int) -> None:
    shapes = {}
    for tag in LANGUAGES:
        html = (built / str(year) / f"mocr-{year}-{tag}.html").read_text("utf-8")
        shapes[tag] = (
            re.findall(r"<(section|h2|h3|figure|table|li)\b", html),
            html.count("<svg "),
        )
    assert len(set(map(str, shapes.values()))) == 1, shapes


@pytest.mark.slow
def test_html_is_self_contained(built: Path) -> None:
    years = sorted(p.name for p in DATA.iterdir() if p.name.isdigit())
    for html_file in [built / y / f"mocr-{y}-{tag}.html" for y in years for tag in LANGUAGES]:
        html = html_file.read_text("utf-8")
        # Nothing fetched: no source, stylesheet or other resource but inline data;
        # links (<a href>, the navigation's) lead to the publication's other files.
        assert not re.search(r"""\bsrc\s*=\s*["'](?!#|data:)""", html), html_file
        assert not re.search(r"""<(?!a\b)\w+[^>]*\bhref\s*=\s*["'](?!#|data:)""", html), html_file
        assert not re.search(r"url\(\s*['\"]?(?!#|data:)", html), html_file
        assert "http://" not in html.replace("http://www.w3.org/", "")
        assert "https://" not in html
        assert "file:" not in html
        assert html.count("<svg ") == 10  # each chart drawn for the screen and for print
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), "ids repeat across the inline charts"


@pytest.mark.slow
def test_html_declares_language_and_title(built: Path) -> None:
    for tag, language in LANGUAGES.items():
        html = (built / "2019" / f"mocr-2019-{tag}.html").read_text("utf-8")
        assert f'<html lang="{language.locale.replace("_", "-")}">' in html
        # The title names the office by its acronym in that language, and the year.
        title = re.search(r"<title>([^<]*)</title>", html)
        assert title, f"{tag}: the page has no <title>"
        assert tag in ACRONYM, f"{tag}: a new language; add its acronym to ACRONYM"
        assert ACRONYM[tag] in title[1] and "2019" in title[1], f"{tag}: <title>{title[1]}"


@pytest.mark.slow
def test_sample_mark_on_every_page(built: Path) -> None:
    tr = Translator.load(LANGUAGES["sq"], LANGUAGES)
    reader = PdfReader(built / "2019" / "mocr-2019-sq.pdf")
    for page in reader.pages:
        assert tr.gettext("Illustrative data") in (page.extract_text() or "")


def test_municipality_labels_follow_the_majority_language() -> None:
    dataset = load_dataset(DATA, [2019], note_bases(LANGUAGES))
    ref = dataset.reference
    assert label(ref.municipality("prishtine"), "sq") == "Prishtinë/Priština"
    assert label(ref.municipality("gracanice"), "sr") == "Gračanica/Graçanicë"
    assert label(ref.municipality("mamushe"), "en") == "Mamuşa/Mamushë/Mamuša"
    assert label(ref.municipality("junik"), "sq") == "Junik"
    assert label(ref.municipality("mitrovice-jug"), "en") == "Mitrovicë/Mitrovica South"
    assert label(ref.municipality("mitrovice-jug"), "sq") == "Mitrovicë e Jugut/Južna Mitrovica"
    assert label(ref.municipality("zubin-potok"), "sr", cyrillic=True) == "Зубин Поток"
    assert label(ref.municipality("gracanice"), "sr", cyrillic=True) == "Грачаница/Graçanicë"
    # A name Albanian and Serbian share is Serbian too: Cyrillic (docs/contract.md §1).
    assert label(ref.municipality("prizren"), "sr", cyrillic=True) == "Призрен"
    assert label(ref.municipality("junik"), "sr", cyrillic=True) == "Јуник"
    assert label(ref.municipality("mamushe"), "sr", cyrillic=True) == "Mamuşa/Mamushë/Мамуша"
    assert label(ref.municipality("prizren"), "sr") == "Prizren"


@pytest.mark.slow
def test_script_in_a_note_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    toml = data / "2019" / "year.toml"
    text = toml.read_text("utf-8").split("[notes]")[0]
    evil = '<script>alert(1)</script><img src="file:///etc/passwd">'
    notes = "".join(f"{lang} = ['{evil}']\n" for lang in LANGUAGES if lang != "sr-Cyrl")
    toml.write_text(text + "[notes]\n" + notes, "utf-8")
    out = tmp_path / "out"
    build(data, out, "--year", "2019", "--lang", "en", "--jobs", "1")
    html = (out / "2019" / "mocr-2019-en.html").read_text("utf-8")
    assert "<script>" not in html and '<img src="file:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "alert(1)" in pdf_text(out / "2019" / "mocr-2019-en.pdf")


@pytest.mark.slow
def test_first_year_shows_no_empty_previous_series(tmp_path: Path) -> None:
    small = Path(__file__).parent / "fixtures" / "small"
    build(small, tmp_path, "--lang", "en", "--format", "html", "--jobs", "1")
    first = (tmp_path / "2018" / "mocr-2018-en.html").read_text("utf-8")
    assert "Number of substantive duties performed per MOCR, 2018<a" in first
    assert "2017" not in first  # no legend, column or title for a year with no data
    second = (tmp_path / "2019" / "mocr-2019-en.html").read_text("utf-8")
    assert "Number of substantive duties performed per MOCR, 2019 and 2018<a" in second


def test_palette_fills_stand_three_to_one_on_white() -> None:
    from mocr_factsheet.data.model import Community
    from mocr_factsheet.render import charts

    fills = [charts.YES, charts.NO, charts.UNKNOWN, charts.WOMEN, charts.MEN]
    fills += [charts.THIS_YEAR, charts.LAST_YEAR]
    assert len(set(fills)) == len(fills), "one colour, one meaning"
    reference = load_dataset(DATA, [2019], note_bases(LANGUAGES)).reference
    given = charts.community_colours(reference)
    fills += list(given.values())
    for fill in fills:
        assert charts.contrast_with_white(fill) >= 3.0, fill
    # #88CCEE (1.8:1) is darkened, its hue kept; a dark colour is left alone.
    assert charts.with_contrast("#88CCEE") != "#88CCEE"
    assert charts.with_contrast("#004488") == "#004488"
    # Without communities.csv's colours, every community keeps the same colour.
    bare = type(reference)(
        reference.municipalities,
        tuple(Community(c.code) for c in reference.communities),
        reference.duties,
    )
    assert charts.community_colours(bare) == given


def test_small_counts_in_words_and_numbers_tied_to_their_words() -> None:
    words = {tag: Translator.load(LANGUAGES[tag], LANGUAGES) for tag in LANGUAGES}
    assert words["en"].in_words(3, "in municipalities") == "three"
    assert words["sq"].in_words(4, "in municipalities") == "katër"
    assert words["sr"].in_words(4, "in municipalities") == "četiri"
    assert words["sr"].in_words(1, "in municipalities") == "jednoj"  # u jednoj opštini
    assert words["sr-Cyrl"].in_words(3, "in municipalities") == "три"
    assert words["en"].in_words(12, "in municipalities") == "12"
    tie = words["en"].tie
    assert tie("by Regulation 02/2010 on") == "by Regulation\u00a002/2010\u00a0on"
    assert tie("Уредба 02/2010 о") == "Уредба\u00a002/2010\u00a0о"
    assert tie("in 35 municipalities") == "in\u00a035\u00a0municipalities"
    # An abbreviation keeps its number ("br." ended a line, "03/L-040" began the next).
    assert tie("samoupravi br. 03/L-040.") == "samoupravi br.\u00a003/L-040."
    assert tie("Law No. 03/L-040") == "Law No.\u00a003/L-040"
    assert tie("in 2019. 35 of 38") == "in\u00a02019. 35\u00a0of\u00a038"  # a sentence's end
    assert tie('<span class="a 1">x</span> 3 b') == '<span class="a 1">x</span> 3\u00a0b'
    assert words["sq"].period(Period("2017-01", "2017-09")) == "janar–shtator 2017"


@pytest.mark.slow
def test_names_in_charts_are_text_never_math_or_markup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    names = data / "municipalities.csv"
    odd = r"$\frac{1}{2}$ <b>Dečan</b>"
    names.write_text(
        names.read_text("utf-8").replace("decan,Deçan,Dečane,,,", f"decan,Deçan,Dečane,,{odd},"),
        "utf-8",
    )
    out = tmp_path / "out"
    build(data, out, "--year", "2019", "--lang", "en", "--jobs", "1")
    # A name may break after each "/" (<wbr>, markup of ours between escaped parts).
    html = (out / "2019" / "mocr-2019-en.html").read_text("utf-8").replace("/<wbr>", "/")
    assert r"$\frac{1}{2}$ &lt;b&gt;Dečan&lt;/b&gt;" in html
    assert "<b>Dečan" not in html
    assert r"$\frac{1}{2}$" in pdf_text(out / "2019" / "mocr-2019-en.pdf")


def test_chart_labels_and_headings_end_on_two_words() -> None:
    from mocr_factsheet.render.charts import text_width, wrap
    from mocr_factsheet.render.html import last_words_together, place_name

    text = "Advising the municipal assembly on matters of communities’ rights"
    width = text_width(["Advising the municipal assembly on matters of communities’"], 8) + 1
    # Greedy, the last line would be "rights" alone; the word before goes down.
    assert wrap(text, width, 8) == [
        "Advising the municipal assembly on matters of",
        "communities’ rights",
    ]
    assert wrap("one", width, 8) == ["one"]
    assert last_words_together("Community representation of MOCR officers") == (
        "Community representation of MOCR\u00a0officers"
    )
    assert last_words_together("a <b> & c") == "a &lt;b&gt; &amp;\u00a0c"
    # Two long words stay apart: together they might not fit a phone's heading line.
    assert last_words_together("Родна заступљеност према припадности заједницама") == (
        "Родна заступљеност према припадности заједницама"
    )
    assert last_words_together("боље и поштовање заједницама", longest=30).endswith(
        "поштовање\u00a0заједницама"
    )
    # A place's name breaks after its slash; each language's name of up to 12
    # characters is whole, a longer one keeps its last two words together.
    assert place_name("Suharekë/Suva Reka") == "Suharekë/<wbr>Suva\u00a0Reka"
    assert place_name("Mitrovicë e Jugut/Južna Mitrovica") == (
        "Mitrovicë e\u00a0Jugut/<wbr>Južna Mitrovica"
    )
    assert place_name("A <b>/C & D") == "A\u00a0&lt;b&gt;/<wbr>C\u00a0&amp;\u00a0D"


def test_a_name_that_looks_like_a_chart_id_is_drawn_as_typed() -> None:
    """The chart's ids are made unique by a prefix; a text that names one
    ("#text_1", "url(#p1)") is a label, written as typed (docs/reliability.md)."""
    from matplotlib.figure import Figure

    from mocr_factsheet.render.charts import _to_svg

    figure = Figure(figsize=(2, 1))
    figure.text(0.1, 0.5, "#text_1 #patch_1 url(#text_1)")
    svg = _to_svg(figure, "screen-per-office")
    assert "#text_1 #patch_1 url(#text_1)" in svg
    assert 'id="screen-per-office-text_1"' in svg  # the ids themselves are prefixed


def test_a_range_of_years_is_kept_whole_in_the_text_only() -> None:
    from mocr_factsheet.render.html import years_whole

    page = (
        '<html><head><title>T 2016–2019</title></head><body data-x="2016–2019">'
        "<h1>(ZKKK)\u00a02016–2019</h1><p>2017–2018, 12016–2019, 2016–20190, 2016-2019</p>"
        '<script>const range = "2016–2019";</script></body></html>'
    )
    assert years_whole(page) == (
        '<html><head><title>T 2016–2019</title></head><body data-x="2016–2019">'
        '<h1>(ZKKK)\u00a0<span class="nowrap">2016–2019</span></h1>'
        '<p><span class="nowrap">2017–2018</span>, 12016–2019, 2016–20190, 2016-2019</p>'
        '<script>const range = "2016–2019";</script></body></html>'
    )
    assert years_whole("<p>2016–2019</p>") == "<p>2016–2019</p>"  # no body: not a page
