"""The trends' charts (mechanisms/mocr/trend_charts.py): small multiples whose
titles, figures and years are SVG text in the page's language, with a text
alternative, the same bytes for the same data, and no community's colour."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.model import Reference
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.mechanisms.mocr.records import Trends
from mocr_factsheet.mechanisms.mocr.trend_charts import (
    DUTY_COLOUR,
    OFFICES_COLOUR,
    WOMEN_COLOUR,
    _shown,
    trend_charts,
)
from mocr_factsheet.render.charts import COMMUNITY_COLOURS, PRINT, SCREEN, Medium
from mocr_factsheet.resources import resource_dir

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = discover_languages(resource_dir("locales"))


@pytest.fixture(scope="module")
def trends_and_reference() -> tuple[Trends, Reference]:
    dataset = load_dataset(DATA, [2016, 2017, 2018, 2019], LANGUAGES, built=[])
    return counts.trends(dataset), dataset.reference


def texts(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize("medium", [PRINT, SCREEN], ids=["print", "screen"])
@pytest.mark.parametrize("tag", ["sq", "sr-Cyrl"])
def test_titles_figures_and_years_are_text_in_the_language(
    trends_and_reference: tuple[Trends, Reference], tag: str, medium: Medium
) -> None:
    trends, reference = trends_and_reference
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    charts = trend_charts(trends, tr, reference, medium, {2016, 2017})
    offices = " ".join(texts(charts["offices"].svg))
    duties = texts(charts["duties"].svg)
    assert tr.gettext("Women among the officers").split()[0] in offices
    for year in trends.years:
        t = trends.by_year[year]
        assert tr.number(t.established) in offices
        assert tr.whole_percent(t.gender.f_percent) in offices
        for duty in reference.duties:
            assert tr.whole_percent(t.duties[duty].percent) in duties
    for duty in reference.duties:
        assert tr.duty_short(duty) in " ".join(duties)
    if medium is PRINT:  # every year fits under four years' points on paper
        # The years with a caveat (the partial 2017, 2016's notes), as the tables mark them.
        assert "2016*" in duties and "2017*" in duties and "2018" in duties
    # The text alternative, in the language, names the years.
    for chart in charts.values():
        found = re.search(r'aria-label="([^"]*)"', chart.svg)
        assert found is not None
        label = html.unescape(found.group(1))
        assert label == chart.name and "2016" in label and "2019" in label
    if tag == "sr-Cyrl":
        assert re.search("[а-я]", charts["duties"].name)


def test_the_same_data_gives_the_same_bytes(trends_and_reference: tuple[Trends, Reference]) -> None:
    trends, reference = trends_and_reference
    tr = Translator.load(LANGUAGES["en"], LANGUAGES)
    first = trend_charts(trends, tr, reference, PRINT)
    again = trend_charts(trends, tr, reference, PRINT)
    assert {k: c.svg for k, c in first.items()} == {k: c.svg for k, c in again.items()}


def test_no_series_wears_a_communitys_colour() -> None:
    community = {c.upper() for c in COMMUNITY_COLOURS.values()}
    assert {OFFICES_COLOUR, DUTY_COLOUR, WOMEN_COLOUR}.isdisjoint(community)


def test_labels_that_do_not_fit_side_by_side_give_the_first_and_last() -> None:
    assert _shown(4, [20.0] * 4, room=90, gap=3) == [0, 1, 2, 3]
    assert _shown(8, [20.0] * 8, room=90, gap=3) == [0, 7]
    assert _shown(1, [20.0], room=90, gap=3) == [0]


def test_a_title_never_ends_on_a_lone_word() -> None:
    from mocr_factsheet.mechanisms.mocr.trend_charts import _wrap_bold

    lines = _wrap_bold("ZKKK që dorëzuan raport vjetor", 125, 7.5)
    assert len(lines) > 1 and " " in lines[-1], lines
