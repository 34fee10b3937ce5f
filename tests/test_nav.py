"""Every web page's navigation (render/nav.py): which pages it links, by the
publication's addresses (build/registry.py's ``site_links``) for the bundled
data, and that adding a year rebuilds its neighbours' web pages."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from mocr_factsheet.build.registry import KINDS, site_links
from mocr_factsheet.cli import app
from mocr_factsheet.data.model import MUNICIPALITY_CODES
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.render.kind import Job, RenderContext, Scope
from mocr_factsheet.render.nav import Nav, NavPlan
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = discover_languages(resource_dir("locales"))
YEARS = (2016, 2017, 2018, 2019)  # the bundled data's


def scope(
    languages: tuple[str, ...] = tuple(LANGUAGES), formats: tuple[str, ...] = ("html", "pdf")
) -> Scope:
    return Scope(YEARS, YEARS, languages, formats, MUNICIPALITY_CODES, DATA)


def plan(job: Job, run: Scope | None = None) -> NavPlan:
    run = run or scope()
    kind = KINDS[job.kind]
    found = site_links(Path("out"), run)
    from mocr_factsheet.render.nav import plan_nav

    key = (job.kind, job.year, job.municipality)
    result = plan_nav(
        found, key, job.language, kind.related(job), run.languages, bool(kind.years_heading)
    )
    assert result is not None
    return result


def nav(job: Job, run: Scope | None = None) -> Nav:
    """The navigation as a page of ``job`` gets it (``Kind.nav``), without a dataset."""
    run = run or scope()
    ctx = RenderContext(
        Path("out"),
        Path("templates"),
        cast(Any, None),
        LANGUAGES,
        run,
        site_links(Path("out"), run),
    )
    found = KINDS[job.kind].nav(ctx, job)
    assert found is not None
    return found


def test_the_first_year_has_a_next_year_and_no_previous() -> None:
    first = plan(Job("sheet", 2016, "sq"))
    assert first.previous is None
    assert first.next == (2017, "../2017/mocr-2017-sq.html")
    assert first.pdf == "mocr-2016-sq.pdf"
    assert first.index == "../index-sq.html" and first.front == "../index.html"


def test_the_last_year_has_a_previous_year_and_no_next() -> None:
    last = plan(Job("sheet", 2019, "en"))
    assert last.previous == (2018, "../2018/mocr-2018-en.html")
    assert last.next is None
    middle = plan(Job("sheet", 2018, "en"))
    assert middle.previous is not None and middle.previous[0] == 2017
    assert middle.next is not None and middle.next[0] == 2019


def test_a_sheet_links_its_profiles_and_its_committees_sheet_where_there_is_one() -> None:
    labels = nav(Job("sheet", 2019, "en")).related
    assert [(link.href, link.label) for link in labels] == [
        ("../index-en.html#profiles-heading", "Municipality profiles 2019"),
        ("mocr-2019-cc-en.html", "Communities Committees 2019"),
        # The booklet has no web page: its PDF.
        ("mocr-2019-en-booklet.pdf", "Factsheet and municipality profiles 2019"),
    ]
    # 2017 has no committees.csv: its sheet links no CC sheet.
    assert [link.href for link in nav(Job("sheet", 2017, "en")).related] == [
        "../index-en.html#profiles-heading",
        "mocr-2017-en-booklet.pdf",
    ]
    # An HTML-only run makes no booklet: none is linked.
    html_only = nav(Job("sheet", 2019, "en"), scope(formats=("html",))).related
    assert "mocr-2019-en-booklet.pdf" not in [link.href for link in html_only]
    back = nav(Job("committees", 2019, "sq")).related
    assert [(link.href, link.label) for link in back] == [
        ("mocr-2019-sq.html", "Fleta informative 2019")
    ]


def test_a_municipality_without_an_office_links_its_years_and_its_sheet() -> None:
    # Leposaviq has no MOCR in the bundled data: its profile is a page like any other.
    found = nav(Job("profile", 2018, "sr", "leposaviq"))
    assert [(link.href, link.label) for link in found.related] == [
        ("../mocr-2018-sr.html", "Informativna brošura za 2018. godinu")
    ]
    (years,) = found.groups
    assert years.label == "Ova opština po godinama"
    assert [(link.label, link.current) for link in years.links] == [
        ("2016", False), ("2017", False), ("2018", True), ("2019", False)
    ]  # fmt: skip
    assert years.links[0].href == "../../2016/municipalities/mocr-2016-leposaviq-sr.html"
    # The years are in the list: no separate previous and next.
    assert found.previous is None and found.next is None


def test_the_languages_are_those_of_the_run_each_named_in_itself() -> None:
    every = nav(Job("trends", None, "sr-Cyrl"))
    assert [(link.label, link.lang, link.current) for link in every.languages] == [
        ("English", "en-GB", False),  # British English (locales/languages.toml)
        ("Shqip", "sq", False),
        ("Srpski (latinica)", "sr-Latn", False),
        ("Српски (ћирилица)", "sr-Cyrl", True),
    ]
    assert every.languages[1].href == "mocr-trends-sq.html"
    # --lang en --lang sr: no Albanian link; --lang en alone: no choice, no list.
    two = nav(Job("trends", None, "en"), scope(("en", "sr")))
    assert [link.href for link in two.languages] == ["mocr-trends-en.html", "mocr-trends-sr.html"]
    alone = nav(Job("trends", None, "en"), scope(("en",)))
    assert alone.languages == ()
    assert not any("-sq" in href for href in alone.hrefs())


def test_a_format_the_run_does_not_make_is_not_linked() -> None:
    assert plan(Job("profile", 2019, "en", "prizren"), scope(formats=("html",))).pdf is None
    assert nav(Job("profile", 2019, "en", "prizren")).pdf is not None


def test_the_front_page_links_every_language_index() -> None:
    front = plan(Job("site"))
    assert front.index is None and front.pdf is None
    assert [href for _, href in front.languages] == [f"index-{tag}.html" for tag in LANGUAGES]
    index = nav(Job("site", None, "sq"))
    assert index.index is not None and index.index.current


def test_every_label_is_translated() -> None:
    tr = Translator.load(LANGUAGES["sq"], LANGUAGES)
    found = nav(Job("sheet", 2018, "sq"))
    assert found.label == tr.gettext("Pages of the publication") != "Pages of the publication"
    assert found.previous is not None and found.previous.hidden == "Viti paraprak:"
    assert found.pdf is not None and found.pdf.hidden == "Shkarkoni këtë faqe si"


def build(*args: str) -> str:
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_adding_a_year_rebuilds_the_neighbouring_years_web_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    args = ["--data", str(data), "--out", str(out), "--lang", "en", "--kind", "sheet"]
    build(*args)
    html_2019 = out / "2019" / "mocr-2019-en.html"
    assert 'rel="next"' not in html_2019.read_text("utf-8")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("mocr-*")}
    shutil.copytree(data / "2019", data / "2020")
    toml = data / "2020" / "year.toml"
    toml.write_text(toml.read_text("utf-8").replace("2019-", "2020-"), "utf-8")
    report = build(*args)
    changed = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("mocr-*")
        if before.get(p) != p.stat().st_mtime_ns
    )
    # 2019's web page gains a link to 2020; its PDF and 2018's pages are as they were.
    assert changed == [
        "2019/mocr-2019-en.html", "2020/mocr-2020-en.html", "2020/mocr-2020-en.pdf"
    ], report  # fmt: skip
    assert re.search(r'href="../2020/mocr-2020-en.html" rel="next"', html_2019.read_text("utf-8"))


@pytest.mark.parametrize(
    ("address", "page"),
    [
        ("index-en.html", "2019/municipalities/mocr-2019-prizren-en.html"),
        ("2018/municipalities/a.html", "2019/municipalities/b.html"),
        ("2019/a.html", "2019/b.html"),
        ("trends/t.html", "index.html"),
        ("index.html", "trends/t.html"),
        ("a/b/c.html", "a/d.html"),
    ],
)
def test_an_address_is_relative_to_the_page_as_posixpath_makes_it(address: str, page: str) -> None:
    from mocr_factsheet.render.nav import relative

    assert relative(address, page) == posixpath.relpath(address, posixpath.dirname(page) or ".")


def test_a_run_links_the_other_languages_pages_the_folder_holds() -> None:
    """A run limited to one language links what an earlier build published in the
    others (the manifest's paths), and only that: a page it writes is the page the
    whole build wrote, not one without its other languages (CLI review)."""
    published = {"2019/mocr-2019-en.html", "2019/mocr-2019-en.pdf", "index-en.html"}
    found = site_links(Path("out"), scope(("sq",)), list(LANGUAGES), published)
    assert list(found) == ["en", "sq"]  # the others publish nothing yet
    assert found["en"] == {
        ("sheet", 2019, None): {"html": "2019/mocr-2019-en.html", "pdf": "2019/mocr-2019-en.pdf"},
        ("site", None, None): {"html": "index-en.html"},
    }
    run = scope(("sq",))
    ctx = RenderContext(Path("out"), Path("templates"), cast(Any, None), LANGUAGES, run, found)
    sheet = KINDS["sheet"].nav(ctx, Job("sheet", 2019, "sq"))
    assert sheet is not None
    assert [(link.lang, link.href) for link in sheet.languages] == [
        ("en-GB", "mocr-2019-en.html"),
        ("sq", "mocr-2019-sq.html"),
    ]
    # A year the other language has not published: no link to it.
    older = KINDS["sheet"].nav(ctx, Job("sheet", 2018, "sq"))
    assert older is not None and older.languages == ()


@pytest.mark.slow
def test_a_limited_run_after_a_whole_build_rewrites_nothing(tmp_path: Path) -> None:
    """`--lang sq` (the README's demo), `--format html`, `--year` after a whole build:
    every page is up to date; before, each rewrote its pages without the other
    languages' links, and the next whole build rewrote them back."""
    out = tmp_path / "out"
    args = ["--data", str(SMALL), "--out", str(out), "--jobs", "1"]
    fresh = tmp_path / "fresh"
    build(
        "--data",
        str(SMALL),
        "--out",
        str(fresh),
        "--kind",
        "sheet",
        "--year",
        "2019",
        "--lang",
        "sq",
    )
    assert 'hreflang="en-GB"' not in (fresh / "2019" / "mocr-2019-sq.html").read_text("utf-8")
    build(*args, "--lang", "en", "--lang", "sq")
    for limited in (
        ["--lang", "sq"],
        ["--format", "html", "--lang", "en", "--lang", "sq"],
        ["--kind", "sheet", "--year", "2019", "--lang", "sq"],
        ["--lang", "en", "--format", "pdf"],
    ):
        report = build(*args, *limited)
        assert "built 0," in report, (limited, report)
    assert 'hreflang="en-GB"' in (out / "2019" / "mocr-2019-sq.html").read_text("utf-8")
