"""Each profile fits its case, and a real year is marked beside invented ones.

Issue 18 ("Profiles fit their case"): no previous-year column where that year
is not in the data; the exact reason where an office has no checklist of the
year before; a page of its own for a municipality without an office. Issue 17
("Real data protected from invented data"): where a real year's sheet or
profile compares with invented sample years, the year is labelled and a note
says so, in every language. The contexts are checked (every string of both
views, docs/design.md "The PDF engine"), and the web page rendered from them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from mocr_factsheet.data.dataset import Dataset, load_dataset
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.mechanisms.mocr.kinds import year_caveats
from mocr_factsheet.mechanisms.mocr.pages import (
    ProfileContext,
    comparison_note,
    profile_context,
    trends_context,
)
from mocr_factsheet.mechanisms.mocr.sheet import sheet_context
from mocr_factsheet.render.html import render_page
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"
LANGUAGES = discover_languages(resource_dir("locales"))
EN = Translator.load(LANGUAGES["en"], LANGUAGES)
FRAMEWORK = "The eight substantive duties are those set out in the legal and policy"


def _dataset(data: Path, last: int) -> Dataset:
    return load_dataset(data, range(2016, last + 1), note_bases(LANGUAGES))


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return _dataset(DATA, 2019)


@pytest.fixture(scope="module")
def real_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with 2019 made real (``sample = false``) after the
    invented 2016–2018: what ``mocr new-year`` beside the sample years gives."""
    data = tmp_path_factory.mktemp("real") / "data"
    shutil.copytree(DATA, data)
    toml = data / "2019" / "year.toml"
    text = toml.read_text("utf-8")
    assert text.count("sample = true") == 1
    toml.write_text(text.replace("sample = true", "sample = false"), "utf-8")
    return data


@pytest.fixture(scope="module")
def real_2019(real_data: Path) -> Dataset:
    return _dataset(real_data, 2019)


def _context(dataset: Dataset, year: int, code: str, tr: Translator = EN) -> ProfileContext:
    """The profile's context as the profile kind makes it: its year's notes, and
    every year's caveat (caveats.year_caveats)."""
    notes = tr.notes(dataset.years[year].tables.meta.notes)
    caveats = year_caveats(dataset, tr)
    profile = counts.profile(dataset, year, code)
    return profile_context(profile, tr, dataset.reference, notes, caveats)


def _html(context: ProfileContext, tr: Translator = EN) -> str:
    return render_page(TEMPLATES, "profile.html.j2", tr, context).html


def test_the_first_year_has_no_previous_year_column(bundled: Dataset) -> None:
    """2016 is the data's first year: its checklist has one column, and no note hedges."""
    context = _context(bundled, 2016, "decan")
    assert context.office is not None
    duties = context.office.duties
    assert duties.columns == ("Duty", "2016")
    assert all(len(row.cells) == 1 for row in duties.rows)
    assert duties.total is not None and len(duties.total.cells) == 1
    assert context.office.duties_note is None
    html = _html(context)
    assert "2015" not in html and "No checklist for" not in html


def test_a_new_office_says_why_the_year_before_has_no_checklist(bundled: Dataset) -> None:
    """Zvečan: no MOCR in 2018 (in the data), one in 2019."""
    context = _context(bundled, 2019, "zvecan")
    assert context.office is not None
    assert context.office.duties.columns == ("Duty", "2019", "2018")
    assert context.office.duties_note == "No checklist for 2018: no MOCR was established then."
    assert "or the year is not in the data" not in _html(context)


def test_an_office_with_last_years_checklist_needs_no_note(bundled: Dataset) -> None:
    context = _context(bundled, 2019, "prizren")
    assert context.office is not None and context.office.duties_note is None
    assert context.office.duties.columns == ("Duty", "2019", "2018")
    assert context.framework_note is not None and context.framework_note.startswith(FRAMEWORK)


def test_a_municipality_without_an_office_gets_its_own_page(bundled: Dataset) -> None:
    """Leposavić: no MOCR in any year; an office with similar functions in 2019."""
    context = _context(bundled, 2019, "leposaviq")
    assert context.office is None
    assert context.story == (
        "No MOCR was established in this municipality in any year of the data (2016–2019).",
        "An office with similar functions is recorded in 2019.",
        "In 2019, MOCRs were established in 35 of the 38 municipalities.",
    )
    # Only the columns that hold something: no work plan, report or duties of an office.
    assert context.history.columns == ("Year", "Status")
    assert [(r.head, r.cells) for r in context.history.rows] == [
        ("2016", ("None",)),
        ("2017", ("None",)),
        ("2018", ("None",)),
        ("2019", ("Similar office",)),
    ]
    assert context.framework_note is None
    assert context.mandate is not None and context.mandate.startswith(
        "Municipal Offices for Communities and Return are obligatory"
    )
    html = _html(context)
    assert FRAMEWORK not in html and "Substantive duties performed" not in html
    # 2019 has no notes of its own: the notes are those of the years its history shows.
    assert "note-year" not in html and '<p id="note-2016">' in html
    assert "No MOCR was established in this municipality in any year" in html
    # The year notes still apply (the northern municipalities' note of 2016 on its page).
    assert _context(bundled, 2016, "leposaviq").notes == (
        "The four northern municipalities are not covered by this assessment.",
    )


def test_a_year_without_an_office_has_no_count_of_officers(bundled: Dataset) -> None:
    """Zvečan: no MOCR until 2019. Its earlier years show "–" for the officers, as for
    the work plan and the duties, not a count of 0 (PDF review)."""
    context = _context(bundled, 2019, "zvecan")
    columns = context.history.columns
    assert columns == ("Year", "Status", "Work plan", "Annual report", "Officers", "Duties")
    rows = {r.head: dict(zip(columns[1:], r.cells, strict=True)) for r in context.history.rows}
    assert rows["2016"]["Status"] == "None"
    assert rows["2016"]["Officers"] == rows["2016"]["Duties"] == rows["2016"]["Work plan"] == "–"
    assert rows["2019"]["Status"] == "MOCR" and rows["2019"]["Officers"] not in ("–", "0")


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_every_language_writes_the_cases(bundled: Dataset, tag: str) -> None:
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    zvecan = _context(bundled, 2019, "zvecan", tr)
    leposaviq = _context(bundled, 2019, "leposaviq", tr)
    assert zvecan.office is not None and zvecan.office.duties_note
    assert "2018" in zvecan.office.duties_note
    assert len(leposaviq.story) == 3 and all("2019" in s for s in leposaviq.story[1:])
    if tag != "en":  # translated, not the English words
        english = _context(bundled, 2019, "leposaviq")
        assert set(leposaviq.story).isdisjoint(english.story)


def test_a_sample_year_compares_with_sample_years_unmarked(bundled: Dataset) -> None:
    context = _context(bundled, 2019, "decan")
    assert context.office is not None
    assert context.office.duties.columns == ("Duty", "2019", "2018")
    assert [r.head for r in context.history.rows] == ["2016", "2017", "2018", "2019"]
    assert context.comparison_note is None
    sheet = sheet_context(counts.indicators(bundled, 2019), EN, bundled.reference, {}, ())
    assert sheet.per_office.table.head == ("Municipality", "2019", "2018")
    assert sheet.comparison_note is None
    assert sheet.chart_note is None  # in the legend, where there is room


def text_of(html: str) -> str:
    """A page's text as a reader reads it: no tags, no-break spaces as spaces."""
    return re.sub(r"<[^>]*>", "", html).replace("\xa0", " ")


def test_a_real_profile_marks_the_invented_years(real_2019: Dataset) -> None:
    context = _context(real_2019, 2019, "decan")
    assert context.office is not None
    assert context.office.duties.columns == ("Duty", "2019", "2018 (illustrative data)")
    assert [r.head for r in context.history.rows] == [
        "2016 (illustrative data)",
        "2017 (illustrative data)",
        "2018 (illustrative data)",
        "2019",
    ]
    assert context.comparison_note == (
        "The figures for 2016–2018 are illustrative data, invented for demonstration, "
        "not monitoring results: compare them with those of 2019 with care."
    )
    html = _html(context)
    # The last two words of a paragraph are kept together (a no-break space), a
    # range of years too (a span: render/html.py, years_whole).
    assert context.comparison_note in text_of(html)
    assert "2018 (illustrative data)</th>" in html


def test_a_real_sheet_marks_the_invented_year_before(real_2019: Dataset) -> None:
    ind = counts.indicators(real_2019, 2019)
    assert not ind.sample and ind.previous_sample
    sheet = sheet_context(ind, EN, real_2019.reference, {}, ())
    assert sheet.per_office.table.head == ("Municipality", "2019", "2018 (illustrative data)")
    assert sheet.comparison_note is not None and "2018" in sheet.comparison_note
    # Zvečan has no 2018 figure: the legend's note, crowded out by the mark, under the chart.
    # The one wording of this gap (mechanisms/mocr/gaps.py).
    assert sheet.chart_note == "– no MOCR that year"
    assert sheet.missing_previous == "– no MOCR that year"


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_the_mark_in_every_language(real_2019: Dataset, tag: str) -> None:
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    context = _context(real_2019, 2019, "decan", tr)
    marked = tr.gettext("%(year)s (illustrative data)") % {"year": 2018}
    assert context.office is not None and context.office.duties.columns[2] == marked
    assert context.comparison_note and "2016" in context.comparison_note
    if tag != "en":
        assert marked != "2018 (illustrative data)"
    html = _html(context, tr)
    assert context.comparison_note in text_of(html).replace("&#39;", "'")


def test_the_trends_mark_invented_years_beside_real_ones(
    bundled: Dataset, real_2019: Dataset
) -> None:
    mixed = trends_context(counts.trends(real_2019), EN, real_2019.reference, {})
    assert [(y.year, y.invented) for y in mixed.years] == [
        ("2016", True),
        ("2017", True),
        ("2018", True),
        ("2019", False),
    ]
    assert mixed.invented == (
        "The figures for 2016–2018 are illustrative data, invented for demonstration, "
        "not monitoring results: compare them with those of 2019 with care."
    )
    html = render_page(TEMPLATES, "trends.html.j2", EN, mixed).html
    assert html.count("<sup>†</sup>") == 3 * 3 + 1  # three tables' heads, the note
    # All sample (the bundled data): the page's own mark says it, no year is singled out.
    alike = trends_context(counts.trends(bundled), EN, bundled.reference, {})
    assert not any(y.invented for y in alike.years) and alike.invented is None


def test_the_first_year_without_an_office_does_not_repeat_its_verdict(bundled: Dataset) -> None:
    """2016, the data's only year so far: the verdict says there is no MOCR; the
    story adds the year's count, not "in any year of the data (2016)"."""
    context = _context(bundled, 2016, "mitrovice-veri")
    assert context.verdict == "No MOCR has been established in this municipality."
    assert context.story == ("In 2016, MOCRs were established in 34 of the 38 municipalities.",)


def test_a_page_is_rebuilt_when_an_earlier_year_s_sample_flag_changes() -> None:
    """The mark depends on the earlier years' ``sample`` flags: the sheet reads
    the year before's ``year.toml``, a profile every earlier year's."""
    from mocr_factsheet.build import registry
    from mocr_factsheet.render.kind import Scope

    scope = Scope((2019,), (2017, 2018, 2019), ("en",), ("html",), ("prizren",))
    sheet, profile = registry.KINDS["sheet"], registry.KINDS["profile"]
    [(sheet_job, _)] = [t for t in sheet.targets(scope) if t[1] == "html"]
    assert sheet.reads(sheet_job, "html", scope).meta == (2018, 2019)
    [(profile_job, _)] = profile.targets(scope)
    assert profile.reads(profile_job, "html", scope).meta == (2017, 2018, 2019)


def test_the_year_before_read_alone_brings_its_sample_flag(real_data: Path) -> None:
    """A sheet built alone (``--year 2019``) reads 2018 only for its previous-year
    figures (``read_previous``): its flag comes with them."""
    alone = load_dataset(real_data, [2019], note_bases(LANGUAGES))
    previous = alone.years[2019].previous
    assert previous is not None and previous.year == 2018 and previous.sample
    ind = counts.indicators(alone, 2019)
    assert ind.previous_sample and not ind.sample


@pytest.mark.parametrize("tag", list(LANGUAGES))
@pytest.mark.parametrize(
    "years", [[2016], [2016, 2018], [2016, 2017, 2018], [2016, 2017, 2018, 2020]]
)
def test_years_in_a_sentence_as_the_language_writes_them(tag: str, years: list[int]) -> None:
    """Serbian writes a year with its ordinal dot ("2016. i 2018."), which then ends a
    sentence ending on a year: never "2016 i 2018." nor "2019.." (language review)."""
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    sentences = [
        comparison_note(tr, 2021, years),
        tr.gettext("An MOCR was established in this municipality in %(years)s, not in %(year)s.")
        % {"years": tr.years(years), "year": 2021},
        tr.gettext("An office with similar functions is recorded in %(years)s.")
        % {"years": tr.years(years)},
        tr.gettext(
            "No MOCR was established in this municipality in any year of the data (%(years)s)."
        )
        % {"years": tr.years(years)},
    ]
    for sentence in sentences:
        assert sentence and ".." not in sentence and ". )" not in sentence, sentence
        assert sentence.rstrip(")").endswith("."), sentence
        shown = [y for y in years if not {y - 1, y + 1} <= set(years)]  # a run's ends
        for year in shown:
            assert str(year) in sentence
            if tag.startswith("sr"):  # every year of the list carries its dot
                assert re.search(rf"{year}\.", sentence), sentence
            else:
                assert not re.search(rf"{year}\.\S", sentence), sentence


# --- a year's caveat travels with its figures ----------------------------------------
# The 2016 sheet says the four northern municipalities were not covered; 2017 covers
# January–September only (and the MOCRs' mandate expired in October). Wherever a later
# page shows those years' figures — a profile's history and last year's checklist, the
# sheet's per-office chart and table, the trends' columns — the year carries a "*" and
# the note stands at the foot (PDF review F1, F2; HTML review F10).

NOTE_2016 = "2016: The four northern municipalities are not covered by this assessment."
NOTE_2017 = (
    "2017 covers January–September 2017 only. "
    "The MOCRs’ mandate expired after the local elections of October 2017."
)
NORTH = ("leposaviq", "mitrovice-veri", "zubin-potok", "zvecan")


def _unbroken(html: str) -> str:
    """The page's text with its no-break spaces (a note's last two words) as spaces."""
    return html.replace("\xa0", " ").replace("&#39;", "'")


@pytest.mark.parametrize("code", NORTH)
def test_a_later_profile_of_a_northern_municipality_carries_the_2016_note(
    bundled: Dataset, code: str
) -> None:
    context = _context(bundled, 2019, code)
    assert [(r.head, r.note) for r in context.history.rows] == [
        ("2016", "note-2016"),
        ("2017", "note-2017"),
        ("2018", ""),
        ("2019", ""),
    ]
    assert [(n.year, n.text) for n in context.year_notes] == [(2016, NOTE_2016), (2017, NOTE_2017)]
    html = _unbroken(_html(context))
    # The row's mark links to its note, which the page prints.
    assert re.search(
        r'<th scope="row">2016<a class="mark" href="#note-2016" aria-label="See the note">\*</a>',
        html,
    )
    assert f'<p id="note-2016"><span class="mark" aria-hidden="true">*</span> {NOTE_2016}</p>' in (
        html
    )
    assert f'<p id="note-2017"><span class="mark" aria-hidden="true">*</span> {NOTE_2017}</p>' in (
        html
    )


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_the_year_notes_travel_in_every_language(bundled: Dataset, tag: str) -> None:
    """A reader of Zubin Potok's 2019 profile in Serbian Cyrillic reads 2016's note in
    Cyrillic, as the 2016 profile gives it, led by the year; 2017's period as the
    trends wrote it, then its note."""
    tr = Translator.load(LANGUAGES[tag], LANGUAGES)
    context = _context(bundled, 2019, "zubin-potok", tr)
    (own_2016,) = tr.notes(bundled.years[2016].tables.meta.notes)
    (own_2017,) = tr.notes(bundled.years[2017].tables.meta.notes)
    assert own_2016 == _context(bundled, 2016, "zubin-potok", tr).notes[0]
    notes = {n.year: n.text for n in context.year_notes}
    assert set(notes) == {2016, 2017}
    assert notes[2016].endswith(own_2016) and "2016" in notes[2016].removesuffix(own_2016)
    period = tr.period(bundled.years[2017].tables.meta.period)
    assert period in notes[2017] and notes[2017].endswith(own_2017)
    if tag == "sr-Cyrl":
        assert notes[2016].startswith("2016. година: Четири општине на северу")
    html = _unbroken(_html(context, tr))
    for year, text in notes.items():
        assert f'href="#note-{year}"' in html and f"</span> {text}</p>" in html


def test_the_profile_of_2018_marks_the_nine_months_of_2017(bundled: Dataset) -> None:
    """Its checklist's "2017" column and its history's "2017" row; 2016 in its history."""
    context = _context(bundled, 2018, "prizren")
    assert context.office is not None
    duties = context.office.duties
    assert duties.columns == ("Duty", "2018", "2017")
    assert duties.notes == ("", "", "note-2017")
    assert {r.head: r.note for r in context.history.rows} == {
        "2016": "note-2016",
        "2017": "note-2017",
        "2018": "",
    }
    assert [n.year for n in context.year_notes] == [2016, 2017]
    html = _html(context)
    assert re.search(r'<th scope="col">2017<a class="mark" href="#note-2017"', html)


def test_a_year_with_notes_marks_its_own_row_with_them(bundled: Dataset) -> None:
    """2017's profile: its own notes (after its subheading's "*") and its row in the
    history point to the same note; 2016, shown beside it, has its own."""
    context = _context(bundled, 2017, "prizren")
    assert {r.head: r.note for r in context.history.rows} == {
        "2016": "note-2016",
        "2017": "note-year",
    }
    assert [n.year for n in context.year_notes] == [2016]  # not its own again
    # 2016's profile: its row ties its "None" to the note (the four northern municipalities).
    first = _context(bundled, 2016, "zubin-potok")
    assert [(r.head, r.note) for r in first.history.rows] == [("2016", "note-year")]
    assert first.year_notes == ()
    assert '<th scope="row">2016<a class="mark" href="#note-year"' in _html(first)


def test_the_sheet_of_2018_marks_2017_in_its_per_office_chart(bundled: Dataset) -> None:
    from mocr_factsheet.mechanisms.mocr.charts import duties_per_office_chart
    from mocr_factsheet.render.charts import PRINT, SCREEN

    ind = counts.indicators(bundled, 2018)
    caveats = year_caveats(bundled, EN)
    sheet = sheet_context(ind, EN, bundled.reference, {}, (), caveats)
    assert sheet.per_office.table.head == ("Municipality", "2018", "2017")
    assert sheet.per_office.table.notes == ("", "", "note-2017")
    assert [(n.year, n.text) for n in sheet.year_notes] == [(2017, NOTE_2017)]
    for medium in (PRINT, SCREEN):
        svg = duties_per_office_chart(ind, EN, bundled.reference, medium, noted=caveats).svg
        assert ">2017*</text>" in svg and ">2018</text>" in svg
    html = _unbroken(
        render_page(TEMPLATES, "sheet.html.j2", EN, replace(sheet, charts=_no_charts())).html
    )
    assert re.search(r'<th scope="col">2017<a class="mark" href="#note-2017"', html)
    assert f'<p id="note-2017"><span class="mark" aria-hidden="true">*</span> {NOTE_2017}</p>' in (
        html
    )
    # 2019's year before (2018) has no caveat: nothing marked.
    later = sheet_context(counts.indicators(bundled, 2019), EN, bundled.reference, {}, (), caveats)
    assert later.year_notes == () and later.per_office.table.notes == ("", "", "")


def _no_charts() -> dict[str, str]:
    from mocr_factsheet.mechanisms.mocr.charts import CHART_KEYS

    return dict.fromkeys(CHART_KEYS, "")


def test_the_trends_mark_every_year_with_a_caveat(bundled: Dataset) -> None:
    context = trends_context(
        counts.trends(bundled), EN, bundled.reference, year_caveats(bundled, EN)
    )
    assert [(y.year, y.noted) for y in context.years] == [
        ("2016", True),
        ("2017", True),
        ("2018", False),
        ("2019", False),
    ]
    assert [(n.year, n.text) for n in context.year_notes] == [(2016, NOTE_2016), (2017, NOTE_2017)]
    html = render_page(TEMPLATES, "trends.html.j2", EN, context).html
    assert html.count("2016<sup>*</sup>") == 3  # the three tables' heads


def test_any_year_s_notes_travel_not_only_2016_and_2017(tmp_path: Path) -> None:
    """The caveat comes from the data: notes added to 2018 mark 2018 on the 2019
    sheet and profiles; 2017 given the whole year keeps its notes, led by its year."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "2018" / "year.toml").write_text(
        "sample = true\n[notes]\n"
        'en = ["Two offices reported late."]\n'
        'sq = ["Dy zyra raportuan me vonesë."]\n'
        'sr = ["Dve kancelarije su kasno izvestile."]\n',
        "utf-8",
    )
    toml = data / "2017" / "year.toml"
    toml.write_text(
        toml.read_text("utf-8").replace('period = { start = "2017-01", end = "2017-09" }\n', ""),
        "utf-8",
    )
    dataset = _dataset(data, 2019)
    caveats = year_caveats(dataset, EN)
    assert caveats[2018] == "2018: Two offices reported late."
    assert caveats[2017] == (
        "2017: The MOCRs’ mandate expired after the local elections of October 2017."
    )
    sheet = sheet_context(counts.indicators(dataset, 2019), EN, dataset.reference, {}, (), caveats)
    assert sheet.per_office.table.notes == ("", "", "note-2018")
    profile = _context(dataset, 2019, "prizren")
    assert profile.office is not None and profile.office.duties.notes[-1] == "note-2018"
    assert [n.year for n in profile.year_notes] == [2016, 2017, 2018]
    cyrillic = Translator.load(LANGUAGES["sr-Cyrl"], LANGUAGES)
    assert year_caveats(dataset, cyrillic)[2018] == (
        "2018. година: Две канцеларије су касно известиле."
    )


def test_a_page_needs_the_notes_of_every_year_it_shows_in_its_language(tmp_path: Path) -> None:
    """A 2019 profile in Albanian prints 2016's note: 2016's notes must be given in
    Albanian too, or the build says so (before, only the page's own year was checked,
    and the Albanian page would have said less than the English one)."""
    from typer.testing import CliRunner

    from mocr_factsheet.cli import app

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    toml = data / "2016" / "year.toml"
    text = toml.read_text("utf-8")
    toml.write_text(re.sub(r"(?m)^sq = .*\n", "", text), "utf-8")
    args = ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--year", "2019"]
    args += ["--kind", "profile", "--municipality", "zubin-potok", "--format", "html"]
    result = CliRunner().invoke(app, [*args, "--lang", "sq"])
    assert result.exit_code == 1, result.output
    assert "2016/year.toml:5: notes: 'sq' has 0 notes where 'en' has 1" in result.output
    assert CliRunner().invoke(app, [*args, "--lang", "en"]).exit_code == 0
