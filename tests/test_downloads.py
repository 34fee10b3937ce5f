"""The data for re-use (docs/design.md, "Downloads"): each year's and the trends'
figures as CSV and .xlsx in each language, ``profiles.json``, and each chart as
SVG and PNG; their contents against the JSON figures, their bytes across
builds, and what a one-row edit rebuilds."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from mocr_factsheet.render.downloads import DataTable, csv_bytes, xlsx_bytes
from test_build import SMALL, is_download, outputs_in, run_build

DOWNLOAD_KINDS = ("--kind", "sheet", "--kind", "data", "--kind", "trends-data")
DOWNLOAD_KINDS += ("--kind", "sheet-charts", "--kind", "trends", "--kind", "site")
DOWNLOAD_KINDS += (
    "--kind",
    "committees",
    "--kind",
    "committees-data",
    "--kind",
    "committees-charts",
)


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a CSV starts with the UTF-8 BOM (Excel on Windows)"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF line ends only"
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def out(publication: Path) -> Path:
    """The bundled data's downloads (and the pages linking them): the session's
    whole publication."""
    return publication


@pytest.mark.slow
def test_the_year_s_csv_holds_the_sheet_s_and_the_profiles_figures(out: Path) -> None:
    for year in (2016, 2019):
        indicators = json.loads((out / str(year) / "indicators.json").read_text("utf-8"))
        profiles = json.loads((out / str(year) / "profiles.json").read_text("utf-8"))
        assert len(profiles) == 38
        data = out / str(year) / "data"
        head, *rows = _read_csv(data / f"mocr-{year}-en-key-figures.csv")
        # Every bundled year is invented: each row says so, with its year.
        assert head == ["Code", "Indicator", "Value", "Illustrative data"]
        assert {r[3] for r in rows} == {str(year)}
        values = {r[0]: r[2] for r in rows}
        assert int(values["established"]) == indicators["established"]
        assert int(values["officers"]) == indicators["officers"]["total"]
        head, *rows = _read_csv(data / f"mocr-{year}-en-communities.csv")
        assert head[:3] == ["Code", "Community", "Officers"]
        assert {r[0]: int(r[2]) for r in rows} == indicators["officers"]["by_community"]
        head, *rows = _read_csv(data / f"mocr-{year}-en-duties.csv")
        assert {r[0]: (int(r[2]), int(r[3])) for r in rows} == {
            d: (v["yes"], v["no"]) for d, v in indicators["duties"].items()
        }
        head, *rows = _read_csv(data / f"mocr-{year}-en-reporting.csv")
        for code, _, yes, no, unknown, _ in rows:
            assert indicators[code] == {"yes": int(yes), "no": int(no), "unknown": int(unknown)}
        head, *rows = _read_csv(data / f"mocr-{year}-en-profiles.csv")
        assert head[:2] == ["Code", "Municipality"]
        assert sorted(r[0] for r in rows) == sorted(profiles)
        for row in rows:
            profile = profiles[row[0]]
            assert row[2] == profile["status"]
            assert int(row[6]) == profile["officers"]["total"]
            assert (int(row[7]), int(row[8])) == (
                profile["officers"]["f"],
                profile["officers"]["m"],
            )
            count = profile["duties_count"]
            assert row[9] == ("" if count is None else str(count))
        # The year before's column where the data has that year: 2015 is not in it,
        # and no column stands empty for it (reader review, session 20).
        before = [] if year == 2016 else [f"Substantive duties performed, {year - 1}"]
        assert head[9:] == ["Substantive duties performed", *before, "Illustrative data"]
        head, *rows = _read_csv(data / f"mocr-{year}-en-profile-duties.csv")
        years = [str(year), *([] if year == 2016 else [str(year - 1)])]
        assert head[4:] == [*years, "Illustrative data"]
        # This year's checklist and the year before's: 2015 is not in the data.
        shown = str(year) if year == 2016 else f"{year - 1}, {year}"
        for code, _, duty, _, done, *_, invented in rows:
            assert profiles[code]["duties"][duty] == (done == "Yes")
            assert invented == shown
        head, *rows = _read_csv(data / f"mocr-{year}-en-profile-officers.csv")
        by_place: dict[str, int] = {}
        for row in rows:
            by_place[row[0]] = by_place.get(row[0], 0) + int(row[6])
        assert by_place == {
            code: p["officers"]["total"] for code, p in profiles.items() if p["officers"]["total"]
        }


@pytest.mark.slow
def test_the_workbook_holds_the_csv_tables_with_headers_in_the_language(out: Path) -> None:
    book = load_workbook(out / "2019" / "mocr-2019-sq-data.xlsx")
    # The tables, after a sheet of notes: which figures are invented, and the
    # caveat of each year whose figures it holds (2018 and 2019 have none).
    assert len(book.sheetnames) == 8
    notice, *sheets = book.worksheets
    assert notice.title == "Shënime"
    lines = [str(row[0]) for row in notice.iter_rows(values_only=True)]
    assert lines[0].startswith("Të dhëna ilustruese — shifrat në këtë skedar për")
    assert len(lines) == 2
    assert book.properties.description.startswith(notice["A1"].value)
    # 2017's holds 2016's figures too (the year before's column): both years' caveats,
    # as the pages print them beside those figures.
    notes = load_workbook(out / "2017" / "mocr-2017-sq-data.xlsx").worksheets[0]
    assert [str(row[0]) for row in notes.iter_rows(values_only=True)][2:] == [
        "Viti 2016: Katër komunat në veri nuk janë përfshirë në këtë vlerësim.",
        "Viti 2017 përfshin vetëm periudhën janar–shtator 2017. Mandati i ZKKK-së "
        "skadoi pas zgjedhjeve lokale në tetor 2017.",
    ]
    assert book.properties.created is not None and book.properties.created.year == 2019
    assert book.properties.created == book.properties.modified
    profiles = sheets[4]
    header = [c.value for c in profiles[1]]
    assert header[:2] == ["Kodi", "Komuna"], header  # Albanian headers, the codes kept
    assert "Gra" in header and "Burra" in header
    for sheet, key in zip(
        sheets,
        ("key-figures", "reporting", "communities", "duties", "profiles", "profile-officers"),
        strict=False,
    ):
        rows = _read_csv(out / "2019" / "data" / f"mocr-2019-sq-{key}.csv")
        cells = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        assert cells == rows, key
        numbers = [v for row in sheet.iter_rows(min_row=2, values_only=True) for v in row]
        assert any(isinstance(v, int) for v in numbers), f"{key}: numbers stay numbers"
    with zipfile.ZipFile(out / "2019" / "mocr-2019-sq-data.xlsx") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2019, 12, 1)}


@pytest.mark.slow
def test_the_trends_downloads_hold_trends_json(out: Path) -> None:
    trends = json.loads((out / "trends" / "trends.json").read_text("utf-8"))
    head, *rows = _read_csv(out / "trends" / "data" / "mocr-trends-sq-years.csv")
    assert head[0] == "Viti"
    assert [int(r[0]) for r in rows] == trends["years"]
    for row in rows:
        year = trends["by_year"][row[0]]
        assert int(row[1]) == year["established"]
        assert int(row[2]) == year["work_plan"]["yes"]
        assert int(row[4]) == year["officers"]["total"]
        assert (int(row[5]), int(row[6])) == (year["officers"]["f"], year["officers"]["m"])
    head, *rows = _read_csv(out / "trends" / "data" / "mocr-trends-en-duties.csv")
    for code, _, year, performed, *_ in rows:
        assert trends["by_year"][year]["duties"][code] == int(performed)
    book = load_workbook(out / "trends" / "mocr-trends-en-data.xlsx")
    assert book.sheetnames[0] == "Notes" and len(book.sheetnames) == 4
    notes = [str(row[0]) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "2017 covers January–September 2017 only." in " ".join(notes)


@pytest.mark.slow
def test_every_download_link_of_a_page_resolves(out: Path) -> None:
    pages = [
        out / "2019" / "mocr-2019-sq.html",
        out / "2019" / "mocr-2019-cc-sq.html",
        out / "index-sq.html",
        out / "index-en.html",
    ]
    charts = 0
    for page in pages:
        html = page.read_text("utf-8")
        # Each file to download, and the "All data files" link to the index's section.
        found = re.findall(r'<a href="([^"#]+)" download>', html)
        found += re.findall(r'<a href="([^"#]+)#data-heading"', html)
        assert found, page
        for href in found:
            target = (page.parent / href).resolve()
            assert target.is_file(), (page.name, href)
            charts += href.endswith((".svg", ".png")) and page.name == "mocr-2019-sq.html"
    assert charts == 10  # the sheet's five charts, each as SVG and PNG
    sheet = (out / "2019" / "mocr-2019-sq.html").read_text("utf-8")
    assert 'class="chart-files"' in sheet and 'class="downloads"' in sheet
    png = (out / "2019" / "charts" / "mocr-2019-sq-duties.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"tIME" not in png
    svg = (out / "2019" / "charts" / "mocr-2019-sq-duties.svg").read_text("utf-8")
    assert svg.startswith("<?xml") and "E kryer" in svg  # the Albanian chart


@pytest.mark.slow
def test_downloads_are_byte_identical_across_builds(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    args = ("--lang", "sr-Cyrl", "--format", "html", *DOWNLOAD_KINDS)
    run_build(SMALL, first, *args, "--jobs", "1")
    run_build(SMALL, second, *args, "--jobs", "2")
    names = [p.relative_to(first).as_posix() for p in outputs_in(first)]
    downloads = [n for n in names if is_download(n)]
    assert len(downloads) == 2 * (10 + 8 + 1) + 4  # per year: charts, tables, JSON; trends
    assert any(n.endswith(".png") for n in downloads) and any(
        n.endswith(".xlsx") for n in downloads
    )
    for name in downloads:
        digest = [hashlib.sha256((o / name).read_bytes()).hexdigest() for o in (first, second)]
        assert digest[0] == digest[1], name


@pytest.mark.slow
def test_a_one_row_edit_rebuilds_the_downloads_that_show_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    args = ("--lang", "en", "--format", "html", *DOWNLOAD_KINDS)
    run_build(data, out, *args)
    # Gračanica's first duty in 2019 (the year after it, none: 2019 is the last).
    duties = data / "2019" / "duties.csv"
    text = duties.read_text("utf-8")
    assert "\ngracanice,po," in text
    duties.write_text(text.replace("\ngracanice,po,", "\ngracanice,no,"), "utf-8")
    rebuilt = [n for n in run_build(data, out, *args) if is_download(n)]
    # 2019's tables, workbook, profiles.json and charts, and the trends' data; not 2018's.
    assert all(n.startswith(("2019/", "trends/")) for n in rebuilt), rebuilt
    assert {
        "2019/mocr-2019-en-data.xlsx",
        "2019/data/mocr-2019-en-profile-duties.csv",
        "2019/profiles.json",
        "2019/charts/mocr-2019-en-duties.svg",
        "2019/charts/mocr-2019-en-duties.png",
        "trends/mocr-trends-en-data.xlsx",
        "trends/data/mocr-trends-en-duties.csv",
    } <= set(rebuilt), rebuilt
    assert len(rebuilt) == 10 + 8 + 1 + 4


def test_a_csv_and_a_workbook_are_the_same_bytes_from_the_same_table() -> None:
    table = DataTable("t", "Зајед/ница: [1]", ("Код", "Вредност"), (("a", 1), ("b", None)))
    assert csv_bytes(table) == "\ufeffКод,Вредност\r\na,1\r\nb,\r\n".encode()
    first = xlsx_bytes([table, table], "2019-12-01", "t", "sr-Cyrl")
    assert first == xlsx_bytes([table, table], "2019-12-01", "t", "sr-Cyrl")
    book = load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["Зајед ница 1", "Зајед ница 1 2"]  # no '/:[]', unique
    assert [c.value for c in book.worksheets[0][3]] == ["b", None]


@pytest.mark.slow
def test_a_year_s_data_holds_its_profiles_history_and_follows_it(tmp_path: Path) -> None:
    """The year's data files carry each profile's history: built alone for one year
    they read every year before it, and an edit of an earlier year rebuilds them."""
    from helpers import invoke

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    result = invoke(
        "build", "--data", str(data), "--out", str(out), "--kind", "data", "--year", "2019"
    )
    assert result.exit_code == 0, result.output  # was a ValueError: 2018 not read
    args = ("--lang", "en", "--kind", "data")
    run_build(data, out, *args)
    offices = data / "2018" / "offices.csv"
    text = offices.read_text("utf-8")
    assert "\ndecan,established,yes," in text
    offices.write_text(text.replace("\ndecan,established,yes,", "\ndecan,established,no,"))
    rebuilt = run_build(data, out, *args)
    assert "2019/profiles.json" in rebuilt and "2019/mocr-2019-en-data.xlsx" in rebuilt


@pytest.mark.slow
def test_every_workbook_sheet_is_named_whole_in_its_language(out: Path) -> None:
    """Each sheet of every data workbook has its short name from the catalog (msgctxt
    "sheet name"), never a title cut at Excel's 31 characters ("Planovi rada i godišnji
    izvešta", language review)."""
    books = sorted(out.rglob("*-data.xlsx"))
    assert len(books) == 4 * 4 + 4 + 2 * 4  # the years', the trends', the committees'
    for path in books:
        for name in load_workbook(path, read_only=True).sheetnames:
            assert len(name) <= 31 and name == name.strip(), (path.name, name)
    book = load_workbook(out / "2019" / "mocr-2019-sr-Cyrl-data.xlsx", read_only=True)
    assert book.sheetnames == [
        "Напомене",  # the bundled figures are invented: said first, in the notes
        "Кључни подаци",
        "Планови и извештаји",
        "Службеници по заједници",
        "Обављене дужности",
        "Профили општина",
        "Службеници по општини",
        "Дужности по општини",
    ]


@pytest.mark.slow
def test_a_csv_label_names_the_workbook_sheet_after_the_notes(out: Path) -> None:
    """The index labels each CSV by its table's title (``DataKind.table_keys``: "Кључни
    подаци (CSV)"), and the workbook names its sheets by the tables' titles after a
    first sheet, "Notes", saying which figures are invented (``sample_notice``) and
    the years' caveats: the label and the sheet a reader then looks for are the same
    words, in order, and the notice, having no CSV, has no label (the site and the
    invented-figures marks, merged)."""
    from mocr_factsheet.build.registry import KINDS
    from mocr_factsheet.i18n.languages import discover_languages
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.render.downloads import DataKind
    from mocr_factsheet.render.kind import Job
    from mocr_factsheet.resources import resource_dir

    languages = discover_languages(resource_dir("locales"))
    data_kinds = [k for k in KINDS.values() if isinstance(k, DataKind)]
    assert len(data_kinds) == 3  # the year's, the trends', the committees'
    for tag in languages:
        tr = Translator.load(languages[tag], languages)
        index = (out / f"index-{tag}.html").read_text("utf-8")
        for kind in data_kinds:
            titles = [tr.pgettext("sheet name", t) for t in kind.table_keys.values()]
            year = None if kind.name == "trends-data" else 2019
            book = load_workbook(kind.path(out, Job(kind.name, year, tag), "xlsx"), read_only=True)
            notice = tr.pgettext("sheet name", "Notes")
            assert book.sheetnames == [notice, *titles], (tag, kind.name)
            for title in titles:
                label = tr.gettext("%(table)s (CSV)") % {"table": title}
                assert label in index, (tag, kind.name, label)  # the CC's after its name
            assert tr.gettext("%(table)s (CSV)") % {"table": notice} not in index


def test_a_title_too_long_for_a_sheet_is_cut_after_a_whole_word() -> None:
    long = DataTable("t", "Službenici prema pripadnosti zajednici i polu", ("a",), ())
    one_word = DataTable("u", "X" * 40, ("a",), ())
    book = load_workbook(io.BytesIO(xlsx_bytes([long, one_word], "2019-12-01", "t", "sr")))
    assert book.sheetnames == ["Službenici prema pripadnosti", "X" * 31]


@pytest.mark.slow
def test_every_chart_file_says_whose_it_is_and_that_its_figures_are_invented(
    out: Path,
) -> None:
    """A chart's file is credited in the chart's own language: its page's title above
    it, the Mission's name and, for the bundled (invented) data, the mark below it, as
    text in the SVG; the PNG is that SVG drawn (HTML review: the files said neither)."""
    mark = {
        "en": "Illustrative data — the figures in this document are invented",
        "sr-Cyrl": "Илустративни подаци — бројке у овом документу измишљене су",
    }
    mission = {"en": "OSCE Mission in Kosovo", "sr-Cyrl": "Мисија ОЕБС-а на Косову"}
    files = sorted(out.rglob("charts/*.svg"))
    assert len(files) > 100
    for path in files:
        language = "sr-Cyrl" if "-sr-Cyrl-" in path.name else path.name.split("-")[2]
        if language not in mark:
            continue
        svg = path.read_text("utf-8")
        shown = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", svg[: svg.index("<svg x=")]))
        below = " ".join(
            re.findall(r"<text [^>]*>([^<]*)</text>", svg[svg.rindex("</svg>", 0, -6) :])
        )
        assert re.search(r"\b20\d\d\b", shown), (path, shown)  # its page's title, with the year
        assert below.startswith(mission[language]) and mark[language] in below, (path, below)
        assert "<title>" in svg
    png = out / "2019" / "charts" / "mocr-2019-en-reporting.png"
    from PIL import Image

    with Image.open(png) as image:
        width, height = image.size
    inner = re.search(
        r'<svg x="0" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"',
        png.with_suffix(".svg").read_text("utf-8"),
    )
    assert inner is not None
    # Taller than the chart alone by its credit's lines (150 ppi).
    assert height > float(inner.group(2)) * 150 / 72 + 60
    assert abs(width - float(inner.group(1)) * 150 / 72) <= 2


def test_a_chart_of_real_figures_carries_no_mark() -> None:
    from mocr_factsheet.render.charts import Chart
    from mocr_factsheet.render.downloads import ChartCredit, credited_svg

    chart = Chart("k", '<svg width="100pt" height="50pt" viewBox="0 0 100 50"><g/></svg>', "Name")
    real = credited_svg(chart, ChartCredit("Title 2020", "OSCE Mission in Kosovo", None))
    assert "Illustrative" not in real and "#fff3cd" not in real
    assert '<svg x="0" y="' in real and real.endswith("</svg>") and "<g/>" in real
    invented = credited_svg(chart, ChartCredit("T", "S", "Illustrative data — <invented> & so"))
    texts = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", invented))
    assert texts.endswith("Illustrative data — &lt;invented&gt; &amp; so")  # escaped, wrapped


@pytest.mark.slow
def test_the_committees_downloads_hold_committees_json_as_the_page_shows_it(out: Path) -> None:
    """The CC sheet's files are its page's tables, names and headings in the page's
    language, codes kept, the figures those of committees.json (before: one table of
    JSON paths, 'gender_by_municipality.fushe-kosove.f,2': HTML review)."""
    figures = json.loads((out / "2019" / "committees.json").read_text("utf-8"))
    data = out / "2019" / "data"
    head, *rows = _read_csv(data / "mocr-2019-cc-sq-key-figures.csv")
    assert head == ["Kodi", "Treguesi", "Vlera", "Të dhëna ilustruese"]
    values = {r[0]: int(r[2]) for r in rows}
    assert values == {
        "municipalities": figures["municipalities"],
        "established": figures["established"],
        "members": figures["members"]["total"],
        "women": figures["members"]["f"],
        "men": figures["members"]["m"],
    }
    _, *rows = _read_csv(data / "mocr-2019-cc-en-functioning.csv")
    for key, _label, yes, no, unknown, _ in rows:
        assert figures[key] == {"yes": int(yes), "no": int(no), "unknown": int(unknown)}
    _, *rows = _read_csv(data / "mocr-2019-cc-sr-Cyrl-communities.csv")
    assert {r[0]: int(r[2]) for r in rows} == figures["members"]["by_community"]
    assert all(r[1].startswith("Косовски") for r in rows)
    for code, _name, _members, _share, women, men, _ in rows:
        assert figures["gender_by_community"][code] == {"f": int(women), "m": int(men)}
    _, *rows = _read_csv(data / "mocr-2019-cc-en-municipalities.csv")
    assert {r[0]: {"f": int(r[2]), "m": int(r[3])} for r in rows} == figures[
        "gender_by_municipality"
    ]
    _, *rows = _read_csv(data / "mocr-2019-cc-en-unrepresented.csv")
    assert [(r[0], int(r[2])) for r in rows] == [
        (u["community"], u["count"]) for u in figures["unrepresented"]
    ]
    assert rows[0][4].count("; ") + 1 == len(figures["unrepresented"][0]["municipalities"])


def _last_column(path: Path) -> dict[str, str]:
    """A CSV's first column against its last: each row's "Illustrative data" cell."""
    head, *rows = _read_csv(path)
    assert head[-1] == "Illustrative data", head
    return {r[0]: r[-1] for r in rows}


@pytest.mark.slow
def test_the_downloads_mark_the_rows_whose_figures_are_invented(tmp_path: Path) -> None:
    """A CSV or workbook is forwarded away from the page that marks its figures:
    the rows of invented years say so in the file, a real year's rows do not.
    The small data: 2018 real, 2019 invented; then the other way round."""
    from helpers import invoke

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    args = ("--lang", "en", "--kind", "data", "--kind", "trends-data")
    out = tmp_path / "out"
    run_build(data, out, *args)
    assert _last_column(out / "trends/data/mocr-trends-en-years.csv") == {
        "2018": "",
        "2019": "2019",
    }
    offices = _read_csv(out / "trends/data/mocr-trends-en-offices.csv")[1:]
    assert {(r[2], r[-1]) for r in offices} == {("2018", ""), ("2019", "2019")}
    real = out / "2018/data/mocr-2018-en-key-figures.csv"
    assert _read_csv(real)[0] == ["Code", "Indicator", "Value"]  # no mark on a real year
    assert len(load_workbook(out / "2018/mocr-2018-en-data.xlsx").sheetnames) == 7
    assert set(_last_column(out / "2019/data/mocr-2019-en-key-figures.csv").values()) == {"2019"}
    # The 2019 profiles beside 2018's figures: only 2019's are invented.
    assert set(_last_column(out / "2019/data/mocr-2019-en-profiles.csv").values()) == {"2019"}
    trends = invoke("trends", "--data", str(data))
    assert trends.output.splitlines()[0].endswith("(illustrative sample data: 2019)")

    (data / "2018/year.toml").write_text("sample = true\n", "utf-8")
    toml = data / "2019/year.toml"
    toml.write_text(toml.read_text("utf-8").replace("sample = true", "sample = false"), "utf-8")
    run_build(data, out, *args)
    key_figures = _read_csv(out / "2019/data/mocr-2019-en-key-figures.csv")
    assert key_figures[0] == ["Code", "Indicator", "Value"]
    # A real year's profiles hold the year before's invented duty counts.
    assert set(_last_column(out / "2019/data/mocr-2019-en-profiles.csv").values()) == {"2018"}
    notice = load_workbook(out / "2019/mocr-2019-en-data.xlsx").worksheets[0]
    assert notice["A1"].value == (
        "Illustrative data — the figures in this file for 2018 are invented for "
        "demonstration; they are not monitoring results."
    )


def test_a_table_is_marked_by_the_years_of_its_rows() -> None:
    from mocr_factsheet.render.downloads import sample_marked

    class Words:
        def gettext(self, message: str) -> str:
            return {"Illustrative data": "Илустративни подаци"}.get(message, message)

    tr = Words()
    by_year = DataTable("t", "t", ("Year", "n"), ((2018, 1), (2019, 2)), row_years=(2018, 2019))
    marked = sample_marked(by_year, tr, frozenset({2019}), None)  # type: ignore[arg-type]
    assert marked.columns == ("Year", "n", "Илустративни подаци")
    assert marked.rows == ((2018, 1, None), (2019, 2, "2019"))
    both = DataTable("t", "t", ("n", "before"), ((1, 2),), years=(2019, 2018))
    assert sample_marked(both, tr, frozenset({2018, 2019}), 2019).rows == ((1, 2, "2018, 2019"),)  # type: ignore[arg-type]
    own = DataTable("t", "t", ("n",), ((1,),))
    assert sample_marked(own, tr, frozenset({2018}), 2019) is own  # type: ignore[arg-type]
    notice = xlsx_bytes([own], "2019-12-01", "t", "en", ("Invented.", "Second line."), "Notice")
    book = load_workbook(io.BytesIO(notice))
    assert book.sheetnames == ["Notice", "t"]
    assert [r[0].value for r in book.worksheets[0].iter_rows()] == ["Invented.", "Second line."]


@given(st.text(alphabet=st.sampled_from(list("ab&<>\"'\n\r\t —„“"))))
def test_the_svg_escapes_are_the_standard_librarys(text: str) -> None:
    # render/downloads.py escapes as xml.sax.saxutils does, without importing it
    # (it imports ssl: 90 ms of each worker's start).
    from xml.sax.saxutils import escape as standard_escape
    from xml.sax.saxutils import quoteattr as standard_quoteattr

    from mocr_factsheet.render.downloads import escape, quoteattr

    assert escape(text) == standard_escape(text)
    assert quoteattr(text) == standard_quoteattr(text)
