"""One palette, one meaning per colour (src/mocr_factsheet/render/palette.py):
the charts, the stylesheets and the Typst templates agree, the colours stand
out against white, and a sheet and a profile paint the same meaning alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.render import charts
from mocr_factsheet.render.palette import (
    HEAT_FILLS,
    HEAT_INKS,
    MARK_COLOURS,
    MARKS,
    PALETTE,
    TEXT_COLOURS,
)
from mocr_factsheet.resources import resource_dir

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SMALL = Path(__file__).parent / "fixtures" / "small"
DATA = Path(__file__).resolve().parent.parent / "data"


def css_properties(css: str) -> dict[str, str]:
    """The custom properties of a stylesheet's ``:root``, by name (no ``--``), lower case."""
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert root, "no :root block"
    body = re.sub(r"/\*.*?\*/", "", root.group(1), flags=re.S)
    return {m[1]: m[2].lower() for m in re.finditer(r"--([\w-]+)\s*:\s*([^;]+?)\s*;", body)}


def typst_palette(typ: str) -> dict[str, str]:
    """``base.typ``'s ``palette`` dictionary, by name, lower case."""
    block = re.search(r"#let palette = \((.*?)\n\)", typ, re.S)
    assert block, "no palette in base.typ"
    entry = r'"([\w-]+)":\s*rgb\("(#[0-9A-Fa-f]{6})"\)'
    return {m[1]: m[2].lower() for m in re.finditer(entry, block[1])}


def test_css_and_typst_carry_the_palette() -> None:
    expected = {name: colour.lower() for name, colour in PALETTE.items()}
    css = css_properties((TEMPLATES / "base.css").read_text("utf-8"))
    assert {name: css.get(name) for name in PALETTE} == expected
    assert typst_palette((TEMPLATES / "base.typ").read_text("utf-8")) == expected


def test_css_properties_are_read_as_written() -> None:
    """The parser above finds what it is given (a test that can fail)."""
    assert css_properties(":root { --yes: #ABCDEF; /* --no: #000000; */ --x-y:#111111 }\n") == {
        "yes": "#abcdef"
    }
    assert typst_palette('#let palette = (\n  "yes": rgb("#ABCDEF"),\n)\n') == {"yes": "#abcdef"}


def test_colours_stand_out_and_mean_one_thing() -> None:
    for name in MARK_COLOURS:
        assert charts.contrast_with_white(PALETTE[name]) >= 3.0, name  # WCAG 1.4.11
    for name in TEXT_COLOURS:
        assert charts.contrast_with_white(PALETTE[name]) >= 4.5, name  # WCAG 1.4.3
    meanings = [PALETTE[name].upper() for name in MARK_COLOURS]
    assert len(set(meanings)) == len(meanings), "one colour, one meaning"
    # Community colours (as drawn: darkened to 3:1) are never a year's, an
    # answer's, the average's or women's and men's.
    languages = note_bases(discover_languages(resource_dir("locales")))
    reference = load_dataset(DATA, [2019], languages).reference
    drawn = {c.upper() for c in charts.community_colours(reference).values()}
    drawn |= {charts.with_contrast(c).upper() for c in charts.COMMUNITY_COLOURS.values()}
    assert not drawn & set(meanings)
    # The lightness of the years runs from this year (darkest) to older years.
    years = [charts.luminance(PALETTE[n]) for n in ("this-year", "previous-year", "older-years")]
    assert years == sorted(years)
    assert set(MARKS) == {"yes", "no", "unknown"} and len(set(MARKS.values())) == 3


def _resolve(css: str, selector: str, prop: str) -> str:
    """The colour ``selector``'s ``prop`` has in ``css``, its ``var()`` resolved."""
    rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert rule, selector
    value = re.search(rf"(?:^|;|\s){prop}\s*:\s*([^;]+)", rule[1])
    assert value, (selector, prop)
    found = value[1].strip()
    named = re.fullmatch(r"var\(--([\w-]+)\)", found)
    return css_properties(css)[named[1]] if named else found.lower()


def _fills(html: str, name: str) -> list[str]:
    """The fills of the screen chart named ``name`` in a page, in order, lower case."""
    chart = rf'<svg [^>]*aria-label="{re.escape(name)}[^"]*" class="chart chart-screen".*?</svg>'
    svg = re.search(chart, html, re.S)
    assert svg, name
    return [f.lower() for f in re.findall(r"fill:\s*(#[0-9A-Fa-f]{6})", svg[0])]


@pytest.mark.slow
def test_a_sheet_and_a_profile_paint_a_meaning_alike(tmp_path: Path) -> None:
    args = ["build", "--data", str(SMALL), "--out", str(tmp_path), "--lang", "en"]
    args += ["--format", "html", "--year", "2019", "--kind", "sheet", "--kind", "profile"]
    result = CliRunner().invoke(app, [*args, "--municipality", "prizren", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    sheet = (tmp_path / "2019" / "mocr-2019-en.html").read_text("utf-8")
    profile_path = tmp_path / "2019" / "municipalities" / "mocr-2019-prizren-en.html"
    profile = profile_path.read_text("utf-8")
    duties = set(_fills(sheet, "Offices that performed each substantive duty"))
    per_office = _fills(sheet, "Substantive duties performed per MOCR")
    # Performed and not performed: the sheet's bars, the profile's ✓ and ✗.
    performed, not_performed = (_resolve(profile, f".mark.{k}", "color") for k in ("yes", "no"))
    assert performed == PALETTE["yes"].lower() and not_performed == PALETTE["no"].lower()
    assert {performed, not_performed} <= duties
    # This year: the sheet's bar of an office's count, the profile's bar of its own.
    this_year = _resolve(profile, ".bar.own", "background")
    assert this_year == PALETTE["this-year"].lower() and this_year in per_office
    assert PALETTE["previous-year"].lower() in per_office
    # The average has its own colour, never a year's or an answer's.
    average = _resolve(profile, ".bar.average", "background")
    assert average == PALETTE["average"].lower()
    assert average not in set(per_office) | duties
    # The profile's marks are the palette's, with their words for a screen reader.
    assert f'aria-hidden="true">{MARKS["yes"]}</span><span class="vh">Yes</span>' in profile


def _heat_css(css: str) -> tuple[list[str], list[str]]:
    """trends.css's ``.c0``–``.c8``: each cell's background and text colour, as ``#rrggbb``."""

    def six(colour: str) -> str:  # "#222" → "#222222"
        return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour

    rules = re.findall(r"\.c(\d)\s*\{\s*background:\s*(#\w+);\s*color:\s*(#\w+);\s*\}", css)
    assert [int(n) for n, _, _ in rules] == list(range(len(rules))), "c0, c1, … in order"
    return [six(b).lower() for _, b, _ in rules], [six(c).lower() for _, _, c in rules]


def _heat_typst(typ: str) -> tuple[list[str], list[str]]:
    """trends.typ's ``heat-fills`` and ``heat-inks``, as ``#rrggbb``."""
    fills = re.search(r"#let heat-fills = \((.*?)\)\.map\(rgb\)", typ, re.S)
    inks = re.search(r"#let heat-inks = (.*)", typ)
    assert fills and inks, "no heat-fills or heat-inks in trends.typ"
    listed = [c.lower() for c in re.findall(r'"(#[0-9A-Fa-f]{6})"', fills[1])]
    # ("#222222",) * 5 + ("#000000", …): each tuple times its count.
    expanded: list[str] = []
    for group, times in re.findall(r"\(([^()]*)\)(?:\s*\*\s*(\d+))?", inks[1]):
        expanded += [c.lower() for c in re.findall(r'"(#[0-9A-Fa-f]{6})"', group)] * int(times or 1)
    return listed, expanded


def test_the_heat_map_has_one_scale_in_web_page_and_pdf() -> None:
    """The trends' heat map (duties performed, 0–8) is painted alike on screen
    and on paper, darker for more, its figures legible on every cell."""
    fills = [c.lower() for c in HEAT_FILLS]
    inks = [c.lower() for c in HEAT_INKS]
    assert _heat_css((TEMPLATES / "trends.css").read_text("utf-8")) == (fills, inks)
    assert _heat_typst((TEMPLATES / "trends.typ").read_text("utf-8")) == (fills, inks)
    assert len(fills) == len(inks) == 9  # 0 to 8 duties
    lightness = [charts.luminance(c) for c in fills]
    assert lightness == sorted(lightness, reverse=True), "more duties, darker"
    for fill, ink in zip(fills, inks, strict=True):
        light, dark = sorted((charts.luminance(fill), charts.luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (fill, ink)  # WCAG 1.4.3


def test_the_heat_map_readers_read_as_written() -> None:
    assert _heat_css(".c0 { background: #F7FBFF; color: #222; }") == (["#f7fbff"], ["#222222"])
    typ = '#let heat-fills = (\n  "#AABBCC", "#000000",\n).map(rgb)\n'
    typ += '#let heat-inks = ("#222222",) * 2 + ("#FFFFFF",)\n'
    assert _heat_typst(typ) == (["#aabbcc", "#000000"], ["#222222", "#222222", "#ffffff"])
