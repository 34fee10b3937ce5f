"""The bars by community that the MOCR sheet (officers) and the Communities
Committees' sheet (members) share (render/charts.py, ``community_bars``): every
label inside its figure, however long the longest bar and its label, in print
and on screen, in every language's community names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.render.charts import (
    PAD,
    PRINT,
    SCREEN,
    community_bars,
    right_limit,
    text_width,
)
from mocr_factsheet.resources import resource_dir

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = discover_languages(resource_dir("locales"))
REFERENCE = load_dataset(DATA, [2019], LANGUAGES, built=[]).reference
assert REFERENCE is not None
CODES = [c.code for c in REFERENCE.communities]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 10_000), min_size=1, max_size=8),
    st.lists(st.text("0123456789 (%)", max_size=14), min_size=8, max_size=8),
    st.floats(40, 400),
)
def test_the_limit_leaves_room_for_every_label(
    ends: list[int], labels: list[str], axis_pt: float
) -> None:
    """At ``right_limit``, a label set ``PAD`` after its bar's end ends inside the axis
    (where a label is not itself most of the axis' width: nothing could fit it)."""
    labels = labels[: len(ends)]
    assume(all(text_width([label], PRINT.value) / axis_pt + PAD + 0.01 < 0.9 for label in labels))
    limit = right_limit(ends, labels, PRINT.value, axis_pt)
    assert limit >= max(ends)
    for end, label in zip(ends, labels, strict=True):
        right = (end + limit * PAD) / limit * axis_pt + text_width([label], PRINT.value)
        assert right <= axis_pt + 1e-6, (end, label)


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.integers(0, 5_000), min_size=1, max_size=len(CODES)),
    st.sampled_from(list(LANGUAGES)),
    st.sampled_from([PRINT, SCREEN]),
    st.sampled_from([1.0, 1.5]),
)
def test_every_label_stands_inside_the_figure(
    numbers: list[int], tag: str, medium: object, thickness: float
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    assert medium in (PRINT, SCREEN)
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    counts = dict(zip(CODES, numbers, strict=False))
    total = sum(counts.values()) or 1
    labels = [tr.count_and_percent(n, round(100 * n / total)) for n in counts.values()]
    fig = community_bars(counts, labels, tr, REFERENCE, medium, 0, pitch=6, thickness=thickness)  # type: ignore[arg-type]
    renderer = FigureCanvasAgg(fig).get_renderer()
    box = fig.bbox
    texts = [t for t in fig.texts if t.get_text()]
    assert {t.get_text() for t in texts} >= set(labels)
    for text in texts:
        extent = text.get_window_extent(renderer)
        assert box.x0 - 0.5 <= extent.x0 and extent.x1 <= box.x1 + 0.5, text.get_text()
