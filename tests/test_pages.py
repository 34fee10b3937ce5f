"""The profile, trends and index pages, read as a reader and a machine would."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.model import MUNICIPALITY_CODES, Period
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr import counts as mocr_counts
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = discover_languages(resource_dir("locales"))


def build(data: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out), *args])
    assert result.exit_code == 0, result.output


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("/ ", "/")


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if tag in ("img", "script", "link") and (found.get("src") or found.get("href")):
            self.srcs.append(found.get("src") or found.get("href") or "")


def links_of(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole publication of the small data in English, HTML and PDF."""
    out = tmp_path_factory.mktemp("published")
    build(SMALL, out, "--lang", "en", "--jobs", "2")
    return out


@pytest.mark.slow
def test_every_link_of_the_site_is_relative_and_resolves(english: Path) -> None:
    pages = [english / "index.html", english / "index-en.html"]
    linked: set[Path] = set()
    for page in pages:
        found = links_of(page)
        assert found.srcs == [], "the front pages fetch nothing"
        for href in found.hrefs:
            parsed = urlparse(href)
            assert not parsed.scheme and not parsed.netloc and not href.startswith("/"), href
            if not parsed.path:  # within the page (the skip link): an id of it
                assert f'id="{parsed.fragment}"' in page.read_text("utf-8"), href
                continue
            target = (page.parent / parsed.path).resolve()
            assert target.is_file(), f"{page.name} links {href}, which the build did not write"
            linked.add(target)
    outputs = {
        p.resolve()
        for p in english.rglob("*")
        if p.suffix in (".html", ".pdf") and p.name != "index.html"
    }
    # Every page and PDF the build wrote can be reached from the front page.
    assert outputs - linked == set()
    index = (english / "index-en.html").read_text("utf-8")
    assert 'href="2019/municipalities/mocr-2019-prizren-en.pdf"' in index
    assert 'href="trends/mocr-trends-en.html"' in index
    assert 'href="index.html"' in index


def test_the_front_page_names_each_language_in_itself(tmp_path: Path) -> None:
    build(SMALL, tmp_path, "--kind", "site", "--format", "html")
    front = (tmp_path / "index.html").read_text("utf-8")
    for tag, name in [("en", "English"), ("sq", "Shqip"), ("sr", "Srpski"), ("sr-Cyrl", "Српски")]:
        assert re.search(rf'<li lang="[^"]+"><a href="index-{tag}.html"[^>]*><span class="name">'
                         rf"{name}", front), tag  # fmt: skip
    assert '<li lang="sr-Latn">' in front and '<li lang="sr-Cyrl">' in front
    sq = (tmp_path / "index-sq.html").read_text("utf-8")
    assert '<html lang="sq">' in sq and "Profilet e komunave" in sq


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An MOCR, a similar office (2019) and a municipality without one (2018), in every
    language, from the bundled data."""
    out = tmp_path_factory.mktemp("profiles")
    build(
        DATA, out, "--kind", "profile", "--year", "2019", "--year", "2018",
        "--municipality", "prizren", "--municipality", "leposaviq", "--municipality", "zvecan",
    )  # fmt: skip
    return out


@pytest.mark.slow
@pytest.mark.parametrize("tag", list(LANGUAGES))
@pytest.mark.parametrize(
    ("year", "code"), [(2019, "prizren"), (2019, "leposaviq"), (2018, "zvecan")]
)
def test_a_profile_is_one_a4_page_in_every_language(
    profiles: Path, tag: str, year: int, code: str
) -> None:
    pdf = profiles / str(year) / "municipalities" / f"mocr-{year}-{code}-{tag}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1, "a profile is one A4 page"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    text = pdf_text(pdf)
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    dataset = load_dataset(DATA, range(2016, year + 1), note_bases(LANGUAGES))
    profile = mocr_counts.profile(dataset, year, code)
    assert squash(tr.municipality(dataset.reference.municipality(code))) in text
    assert tr.gettext("Illustrative data") in text
    status = {
        "established": "An MOCR is established in this municipality.",
        "similar_office": "This municipality has an office with similar functions; "
        "it is not counted as an MOCR.",
        "not_established": "No MOCR has been established in this municipality.",
    }[profile.status]
    assert squash(tr.gettext(status)) in text
    # The history: every year up to this one.
    for entry in profile.history:
        assert str(entry.year) in text
    if profile.established:
        assert profile.duties_count is not None
        count = tr.gettext("%(count)s of %(all)s") % {"count": profile.duties_count, "all": 8}
        assert count in text
        for code_ in profile.duties or {}:
            assert " ".join(tr.duty(code_).split()[:3]) in text


@pytest.mark.slow
def test_a_profile_shows_the_figures_of_the_core(profiles: Path) -> None:
    """Prizren 2019, checked by hand against data/2019 and data/2018: an MOCR with a work
    plan and an annual report, 4 officers (Bosniak: a woman and a man; Turk: two
    women), 6 of the 8 duties in 2019 against 7 in 2018, above the year's average
    of 5.1 (177 duties over 35 MOCRs)."""
    dataset = load_dataset(DATA, [2016, 2017, 2018, 2019], note_bases(LANGUAGES))
    figures = mocr_counts.profile(dataset, 2019, "prizren").as_json()
    assert figures["officers"] == {
        "total": 4, "by_community": {"bosniak": 2, "turk": 2}, "f": 3, "m": 1
    }  # fmt: skip
    assert (figures["work_plan"], figures["annual_report"], figures["duties_count"]) == (
        "yes", "yes", 6,
    )  # fmt: skip
    assert [h["duties_count"] for h in figures["history"]] == [7, 7, 7, 6]
    indicators = mocr_counts.indicators(dataset, 2019).as_json()
    counts = [c["count"] for c in indicators["duties_per_office"].values()]
    assert (sum(counts), len(counts)) == (177, 35)
    text = pdf_text(profiles / "2019" / "municipalities" / "mocr-2019-prizren-en.pdf")
    assert "Above the average of all MOCRs in 2019 (5.1 duties)." in text
    assert "Kosovo Bosniak 1 1 2" in text and "Kosovo Turk 2 0 2" in text
    sq = pdf_text(profiles / "2019" / "municipalities" / "mocr-2019-prizren-sq.pdf")
    assert "(5,1 detyra)" in sq


@pytest.mark.slow
def test_trends_json_and_pages_hold_every_year(tmp_path: Path) -> None:
    build(DATA, tmp_path, "--kind", "trends", "--lang", "en", "--lang", "sr")
    figures = json.loads((tmp_path / "trends" / "trends.json").read_text("utf-8"))
    assert figures["years"] == [2016, 2017, 2018, 2019]
    for tag in ("en", "sr"):
        pdf = tmp_path / "trends" / f"mocr-trends-{tag}.pdf"
        assert len(PdfReader(pdf).pages) <= 2
    text = pdf_text(tmp_path / "trends" / "mocr-trends-en.pdf")
    for year in figures["years"]:
        assert str(figures["by_year"][str(year)]["established"]) in text
    # 2017 covers part of the year, and the note says so.
    period = Translator.load(LANGUAGES["en"], LANGUAGES).period(Period("2017-01", "2017-09"))
    assert f"2017 covers {period} only." in text
    html = (tmp_path / "trends" / "mocr-trends-en.html").read_text("utf-8")
    # The heat map: one row per office established in any year, a header cell each.
    # Each office's name links its latest profile.
    heat_rows = re.findall(r'<tr><th scope="row"><a href="[^"]+"><span class="place">', html)
    assert len(heat_rows) == len(
        [c for c in MUNICIPALITY_CODES if c not in ("leposaviq", "mitrovice-veri", "zubin-potok")]
    )
