"""The pure core against figures counted by hand from tests/fixtures/small.

2019 (hand count): established decan, gracanice, prizren; similar offices
leposaviq and zubin-potok; the other 33 not established. Work plans:
decan yes, gracanice yes, prizren no → 2/1/0. Annual reports: decan yes,
gracanice no, prizren empty → 1/1/1. Officers: decan albanian f + serb m;
gracanice serb f, serb m, roma f; prizren turk m, bosniak f → 7.
Duties: decan 4 (contacts, assessment, coordination, outreach), gracanice 8,
prizren 1 (contacts); 2018: decan 2, gracanice 5, prizren not established.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from helpers import DUTIES, PRIZREN_2019_PROFILE, SMALL
from mocr_factsheet.cli import app
from mocr_factsheet.data.dataset import Dataset, load_dataset
from mocr_factsheet.data.model import (
    STATUSES,
    DutyChecklist,
    Office,
    Officer,
    Period,
    YearMeta,
    YearTables,
)
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.mechanisms.mocr.indicators import (
    DutyCount,
    GenderShares,
    GenderSplit,
    ProfileYear,
    YesNo,
    YesNoUnknown,
    compute_indicators,
    make_tables,
    percent,
    profiles,
    shares_of,
    trends,
)

LANGUAGES = {"en": None, "sq": None, "sr": None}


def test_small_fixture_2019_by_hand() -> None:
    figures = counts.indicators(load_dataset(SMALL, [2019], LANGUAGES), 2019)
    assert figures.year == 2019
    assert (figures.period.start, figures.period.end) == ("2019-01", "2019-06")
    assert figures.sample is True
    assert figures.municipalities == 38
    assert figures.established == 3
    assert figures.established_offices == ("decan", "gracanice", "prizren")
    assert figures.similar_office == ("leposaviq", "zubin-potok")
    assert len(figures.not_established) == 33
    assert "decan" not in figures.not_established
    assert figures.work_plan == YesNoUnknown(yes=2, no=1, unknown=0)
    assert figures.annual_report == YesNoUnknown(yes=1, no=1, unknown=1)
    assert figures.officers_total == 7
    assert dict(figures.officers_by_community) == {
        "albanian": 1, "serb": 3, "bosniak": 1, "turk": 1, "roma": 1,
    }  # fmt: skip
    # the reference's display order, not alphabetical
    assert list(figures.officers_by_community) == ["albanian", "serb", "bosniak", "turk", "roma"]
    assert dict(figures.gender_by_community) == {
        "albanian": GenderSplit(f=1, m=0),
        "serb": GenderSplit(f=1, m=2),
        "bosniak": GenderSplit(f=1, m=0),
        "turk": GenderSplit(f=0, m=1),
        "roma": GenderSplit(f=1, m=0),
    }
    assert dict(figures.duties) == {
        "contacts": YesNo(3, 0, percent=100),
        "assessment": YesNo(2, 1, percent=67),  # 66.7
        "coordination": YesNo(2, 1, percent=67),
        "projects": YesNo(1, 2, percent=33),  # 33.3
        "participation": YesNo(1, 2, percent=33),
        "policy_monitoring": YesNo(1, 2, percent=33),
        "advice": YesNo(1, 2, percent=33),
        "outreach": YesNo(2, 1, percent=67),
    }
    # (4 + 8 + 1) / 3 = 4 1/3 duties on average
    assert figures.average_duties == Fraction(13, 3)
    assert dict(figures.duties_per_office) == {
        "decan": DutyCount(count=4, previous=2, versus_average="below"),
        "gracanice": DutyCount(count=8, previous=5, versus_average="above"),
        # not established in 2018
        "prizren": DutyCount(count=1, previous=None, versus_average="below"),
    }
    # 1, 3, 1, 1, 1 of 7: 14.29, 42.86, 14.29, 14.29, 14.29, each rounded on its
    # own: equal counts, equal shares, adding up to 99 (docs/design.md).
    assert dict(figures.community_shares) == {
        "albanian": 14, "serb": 43, "bosniak": 14, "turk": 14, "roma": 14,
    }  # fmt: skip
    assert list(figures.community_shares) == list(figures.officers_by_community)
    # women: decan albanian, gracanice serb and roma, prizren bosniak; 4/7 = 57.14
    assert figures.gender == GenderShares(f=4, m=3, f_percent=57, m_percent=43)
    assert (figures.women, figures.men) == (4, 3)


def test_first_year_has_no_previous_figures() -> None:
    figures = counts.indicators(load_dataset(SMALL, [2018], LANGUAGES), 2018)
    assert figures.period.start == "2018-01" and figures.period.end == "2018-12"
    assert figures.sample is False
    assert dict(figures.duties_per_office) == {
        "decan": DutyCount(count=2, previous=None, versus_average="below"),
        "gracanice": DutyCount(count=5, previous=None, versus_average="above"),
    }
    assert figures.average_duties == Fraction(7, 2)
    assert not figures.has_previous
    assert figures.officers_total == 1
    assert figures.gender == GenderShares(f=0, m=1, f_percent=0, m_percent=100)
    assert dict(figures.community_shares) == {"albanian": 100}


def test_json_shape_follows_the_contract() -> None:
    """``indicators.json`` as docs/contract.md §3 lays it out."""
    data = counts.indicators(load_dataset(SMALL, [2019], LANGUAGES), 2019).as_json()
    assert sorted(data) == sorted([
        "year", "period", "sample", "municipalities", "established", "similar_office",
        "not_established", "work_plan", "annual_report", "officers", "gender_by_community",
        "duties", "duties_per_office",
    ])  # fmt: skip
    assert data["officers"] == {
        "total": 7,
        "by_community": {"albanian": 1, "serb": 3, "bosniak": 1, "turk": 1, "roma": 1},
    }
    assert data["duties_per_office"]["prizren"] == {"count": 1, "previous": None}
    assert data["work_plan"] == {"yes": 2, "no": 1, "unknown": 0}


def _modules_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        "heavy = {'jinja2', 'babel', 'matplotlib', 'typst', 'pandas'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(eval(out.stdout))


def test_core_imports_pandas_and_no_presentation_library() -> None:
    assert _modules_after("import mocr_factsheet.mechanisms.mocr.indicators") == ["pandas"]


def test_reading_the_data_does_not_import_the_core() -> None:
    """The no-op build plans with ``dataset``: pandas loads only once something is counted."""
    assert _modules_after("import mocr_factsheet.data.dataset, mocr_factsheet.core.export") == []


def _small(*years: int) -> Dataset:
    return load_dataset(SMALL, list(years), LANGUAGES)


def test_profile_of_an_office_new_this_year_by_hand() -> None:
    """prizren: not established in 2018; in 2019 work plan no, report empty, a Turkish
    man and a Bosniak woman, only ``contacts`` of the eight duties."""
    p = counts.profile(_small(2018, 2019), 2019, "prizren")
    assert p.status == "established" and p.established
    assert (p.work_plan, p.annual_report) == ("no", "unknown")
    assert p.officers_total == 2
    assert list(p.officers_by_community.items()) == [("bosniak", 1), ("turk", 1)]
    assert p.gender_by_community == {"bosniak": GenderSplit(1, 0), "turk": GenderSplit(0, 1)}
    assert p.gender == GenderShares(f=1, m=1, f_percent=50, m_percent=50)
    assert p.duties == {d: d == "contacts" for d in DUTIES}
    assert p.duties_count == 1
    assert p.previous_duties is None and p.previous_duties_count is None
    assert p.average_duties == Fraction(13, 3)
    assert p.versus_average == "below"
    assert p.history == (
        ProfileYear(2018, "not_established", None, None, 0, None),
        ProfileYear(2019, "established", "no", "unknown", 2, 1, sample=True),
    )
    assert p.as_json() == PRIZREN_2019_PROFILE


def test_profile_compares_with_the_year_before() -> None:
    """decan 2018: contacts and coordination (2); 2019: contacts, assessment,
    coordination and outreach (4), officers an Albanian woman and a Serb man."""
    p = counts.profile(_small(2018, 2019), 2019, "decan")
    assert p.duties_count == 4 and p.previous_duties_count == 2
    assert p.previous_duties == {d: d in {"contacts", "coordination"} for d in DUTIES}
    assert p.duties == {
        d: d in {"contacts", "assessment", "coordination", "outreach"} for d in DUTIES
    }
    assert (p.work_plan, p.annual_report) == ("yes", "yes")
    assert dict(p.officers_by_community) == {"albanian": 1, "serb": 1}
    history = [
        (h.year, h.work_plan, h.annual_report, h.officers, h.duties_count) for h in p.history
    ]
    assert history == [(2018, "yes", "no", 1, 2), (2019, "yes", "yes", 2, 4)]


def test_profile_without_an_office_has_nulls_and_a_history() -> None:
    p = counts.profile(_small(2018, 2019), 2019, "leposaviq")
    assert p.status == "similar_office" and not p.established
    assert p.work_plan is p.annual_report is p.duties is p.duties_count is None
    assert p.versus_average is None
    assert p.officers_total == 0 and dict(p.officers_by_community) == {}
    data = p.as_json()
    assert data["officers"] == {"total": 0, "by_community": {}, "f": 0, "m": 0}
    assert [(h["year"], h["status"]) for h in data["history"]] == [
        (2018, "not_established"), (2019, "similar_office"),
    ]  # fmt: skip


def test_all_profiles_of_a_year_at_once_match_one_by_one() -> None:
    dataset = _small(2018, 2019)
    every = counts.profiles(dataset, 2019)
    assert len(every) == 38
    assert list(every)[:3] == ["decan", "dragash", "ferizaj"]  # the reference's order
    for code in ("decan", "gracanice", "prizren", "leposaviq", "viti"):
        assert every[code] == counts.profile(dataset, 2019, code)


def test_profile_history_and_trends_need_every_year_read() -> None:
    with pytest.raises(ValueError, match="not read: 2018"):
        counts.profile(_small(2019), 2019, "decan")
    with pytest.raises(ValueError, match="not read: 2018"):
        counts.trends(_small(2019))
    dataset = _small()
    assert counts.profiles(dataset, 2018) is counts.profiles(dataset, 2018)  # counted once
    assert counts.trends(dataset) is counts.trends(dataset)


def test_trends_by_hand() -> None:
    t = counts.trends(_small())
    assert t.years == (2018, 2019)
    y18, y19 = t.by_year[2018], t.by_year[2019]
    assert y18.established == 2 and y19.established == 3
    assert y18.work_plan == YesNoUnknown(1, 1, 0) and y19.work_plan == YesNoUnknown(2, 1, 0)
    assert y18.annual_report == YesNoUnknown(1, 1, 0)
    assert y19.annual_report == YesNoUnknown(1, 1, 1)
    assert y18.gender == GenderShares(f=0, m=1, f_percent=0, m_percent=100)
    assert y19.gender == GenderShares(f=4, m=3, f_percent=57, m_percent=43)
    assert (y18.officers_total, y19.officers_total) == (1, 7)
    assert {d: v.yes for d, v in y18.duties.items()} == {
        "contacts": 2, "assessment": 1, "coordination": 2, "projects": 1,
        "participation": 1, "policy_monitoring": 0, "advice": 0, "outreach": 0,
    }  # fmt: skip
    assert y18.duties["assessment"] == YesNo(yes=1, no=1, percent=50)
    assert y19.duties["outreach"] == YesNo(yes=2, no=1, percent=67)
    assert (y18.whole_year, y19.whole_year) == (True, False)
    assert (y18.sample, y19.sample) == (False, True) and t.any_sample
    assert t.duties_per_office == {
        "decan": {2018: 2, 2019: 4},
        "gracanice": {2018: 5, 2019: 8},
        "prizren": {2018: None, 2019: 1},
    }
    data = t.as_json()
    assert data["years"] == [2018, 2019]
    assert data["by_year"]["2019"]["officers"] == {"total": 7, "f": 4, "m": 3}
    assert data["by_year"]["2018"]["work_plan"] == {"yes": 1, "no": 1, "unknown": 0}
    assert sorted(data["by_year"]["2019"]) == [
        "annual_report", "duties", "established", "officers", "work_plan",
    ]  # fmt: skip


def test_shares_of_by_hand() -> None:
    # Kosovo Roma 6 and Kosovo Ashkali 6 of 80 officers: 7.5 each, both 8% (a
    # half rounded up), never 8% beside 7% as largest-remainder rounding gave.
    counts = {"albanian": 45, "serb": 23, "roma": 6, "ashkali": 6}
    assert shares_of(counts) == {"albanian": 56, "serb": 29, "roma": 8, "ashkali": 8}
    assert sum(shares_of(counts).values()) == 101  # 56.25 + 28.75 + 7.5 + 7.5
    # 1/3 each: 33.33 → 33 for all three, adding up to 99
    assert shares_of({"a": 1, "b": 1, "c": 1}) == {"a": 33, "b": 33, "c": 33}
    assert shares_of({"f": 1, "m": 2}) == {"f": 33, "m": 67}
    assert shares_of({"x": 0, "y": 0}) == {"x": 0, "y": 0}
    assert shares_of({}) == {}


def test_percent_rounds_a_half_up() -> None:
    assert [percent(1, 8), percent(1, 200), percent(3, 200), percent(2, 3)] == [13, 1, 2, 67]
    assert percent(5, 0) == 0


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--data", str(SMALL)])


def test_cli_profile_by_any_name() -> None:
    by_code = _run("indicators", "--year", "2019", "--municipality", "prizren", "--format", "json")
    assert by_code.exit_code == 0, by_code.output
    assert by_code.stdout.endswith("}\n")
    data = json.loads(by_code.stdout)
    assert data["officers"] == {
        "total": 2,
        "by_community": {"bosniak": 1, "turk": 1},
        "f": 1,
        "m": 1,
    }
    assert list(data) == sorted(data)
    for name in ("Prizren", "PRIZREN", "prizreni"):
        again = _run("indicators", "--year", "2019", "--municipality", name, "--format", "json")
        assert again.stdout == by_code.stdout
    cyrillic = _run("indicators", "--year", "2019", "--municipality", "Dečane", "--format", "csv")
    rows = dict(line.split(",", 1) for line in cyrillic.stdout.splitlines()[1:])
    assert rows["municipality"] == "decan"
    assert rows["duties_count"] == "4"
    assert rows["history.2018.duties_count"] == "2"
    assert rows["work_plan"] == "yes"
    table = _run("indicators", "--year", "2019", "--municipality", "leposaviq").stdout
    assert "similar_office" in table and "2018" in table


def test_cli_unknown_municipality_is_a_usage_error() -> None:
    result = _run("indicators", "--year", "2019", "--municipality", "Prizrem")
    assert result.exit_code == 2
    assert "unknown municipality 'Prizrem'" in result.output
    assert "Prizren" in result.output


def test_cli_trends() -> None:
    result = _run("trends", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["by_year"]["2018"]["duties"]["contacts"] == 2
    assert result.stdout.endswith("}\n")
    rows = dict(line.split(",", 1) for line in _run("trends", "--format", "csv").stdout.split()[1:])
    assert rows["by_year.2019.officers.f"] == "4"
    assert rows["years"] == "2018;2019"
    table = _run("trends").stdout
    assert "2018      2019" in table


# --- properties -------------------------------------------------------------------


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_of_rounds_each_share_on_its_own(counts: list[int]) -> None:
    keyed = {f"c{i}": n for i, n in enumerate(counts)}
    shares = shares_of(keyed)
    assert list(shares) == list(keyed)
    total = sum(counts)
    if total == 0:
        assert set(shares.values()) == {0}
        return
    # each within half a point of its exact share, so the sum within half a
    # point per share of 100
    for key, n in keyed.items():
        assert abs(Fraction(shares[key]) - Fraction(100 * n, total)) <= Fraction(1, 2)
    assert abs(sum(shares.values()) - 100) <= len(counts) / 2
    # equal counts get equal shares; a larger count never gets a smaller share
    for a, b in itertools.combinations(keyed, 2):
        if keyed[a] == keyed[b]:
            assert shares[a] == shares[b]
        elif keyed[a] > keyed[b]:
            assert shares[a] >= shares[b]
        else:
            assert shares[a] <= shares[b]


@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=1000))
def test_percent_is_within_half_a_point(part: int, whole: int) -> None:
    assert abs(Fraction(percent(part, whole)) - Fraction(100 * part, whole)) <= Fraction(1, 2)


REFERENCE = load_dataset(SMALL, [2019], LANGUAGES).reference
CODES = [m.code for m in REFERENCE.municipalities]
COMMUNITIES = [c.code for c in REFERENCE.communities]


@st.composite
def year_tables(draw: st.DrawFn, year: int) -> YearTables:
    statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=38, max_size=38))
    answer = st.sampled_from([True, False, None])
    unanswered = st.just(None)
    offices = tuple(
        Office(code, status, draw(a), draw(a))
        for code, status in zip(CODES, statuses, strict=True)
        for a in [answer if status == "established" else unanswered]
    )
    established = [o.municipality for o in offices if o.status == "established"]
    officers = tuple(
        Officer(draw(st.sampled_from(established)), community, gender)
        for community, gender in draw(
            st.lists(
                st.tuples(st.sampled_from(COMMUNITIES), st.sampled_from(["f", "m"])),
                max_size=60 if established else 0,
            )
        )
    )  # fmt: skip
    duties = tuple(
        DutyChecklist(code, frozenset(draw(st.sets(st.sampled_from(DUTIES)))))
        for code in established
    )
    meta = YearMeta(year, Period(f"{year}-01", f"{year}-12"), False)
    return YearTables(meta, offices, officers, duties)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(year_tables(2018), year_tables(2019))
def test_every_view_of_random_years_agrees_with_a_recount(
    first: YearTables, second: YearTables
) -> None:
    """The year's figures, the 38 profiles and the trends are three group-bys over
    the same tables: each agrees with the others and with a count of the records."""
    tables = make_tables(REFERENCE, [first, second])
    figures = compute_indicators(tables, 2019)
    every = profiles(tables, 2019)
    column = trends(tables).by_year[2019]
    assert figures.officers_total == len(second.officers) == column.officers_total
    assert sum(p.officers_total for p in every.values()) == figures.officers_total
    women = sum(o.gender == "f" for o in second.officers)
    assert figures.gender.f == women == column.gender.f
    if second.officers:
        # each share rounded on its own: within half a point of 100 per share
        assert abs(sum(figures.community_shares.values()) - 100) <= len(COMMUNITIES) / 2
        assert figures.gender.f_percent + figures.gender.m_percent in (100, 101)
    established = [o.municipality for o in second.offices if o.status == "established"]
    assert list(figures.duties_per_office) == established
    before = {row.municipality: len(row.performed) for row in first.duties}
    for row in second.duties:
        count = figures.duties_per_office[row.municipality]
        assert count.count == len(row.performed) == every[row.municipality].duties_count
        assert count.previous == before.get(row.municipality)
        assert every[row.municipality].previous_duties_count == before.get(row.municipality)
    for duty in DUTIES:
        yes = sum(duty in row.performed for row in second.duties)
        assert figures.duties[duty].yes == yes == column.duties[duty].yes
    if established:
        total = sum(len(row.performed) for row in second.duties)
        assert figures.average_duties == Fraction(total, len(established))
    for code, p in every.items():
        assert [h.year for h in p.history] == [2018, 2019]
        assert p.history[-1].officers == p.officers_total
        assert p.history[0].status == next(
            o.status for o in first.offices if o.municipality == code
        )
        assert (p.duties is None) == (p.status != "established")
