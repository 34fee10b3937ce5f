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

import subprocess
import sys
from pathlib import Path

from mocr_factsheet.dataset import load_dataset
from mocr_factsheet.indicators import DutyCount, GenderSplit, YesNo, YesNoUnknown

SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES = {"en": None, "sq": None, "sr": None}


def test_small_fixture_2019_by_hand() -> None:
    figures = load_dataset(SMALL, [2019], LANGUAGES).indicators(2019)
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
        "contacts": YesNo(3, 0),
        "assessment": YesNo(2, 1),
        "coordination": YesNo(2, 1),
        "projects": YesNo(1, 2),
        "participation": YesNo(1, 2),
        "policy_monitoring": YesNo(1, 2),
        "advice": YesNo(1, 2),
        "outreach": YesNo(2, 1),
    }
    assert dict(figures.duties_per_office) == {
        "decan": DutyCount(count=4, previous=2),
        "gracanice": DutyCount(count=8, previous=5),
        "prizren": DutyCount(count=1, previous=None),  # not established in 2018
    }


def test_first_year_has_no_previous_figures() -> None:
    figures = load_dataset(SMALL, [2018], LANGUAGES).indicators(2018)
    assert figures.period.start == "2018-01" and figures.period.end == "2018-12"
    assert figures.sample is False
    assert dict(figures.duties_per_office) == {
        "decan": DutyCount(count=2, previous=None),
        "gracanice": DutyCount(count=5, previous=None),
    }
    assert figures.officers_total == 1


def test_json_shape_follows_the_contract() -> None:
    data = load_dataset(SMALL, [2019], LANGUAGES).indicators(2019).as_json()
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


def test_core_imports_no_presentation_library() -> None:
    code = (
        "import sys, mocr_factsheet.indicators\n"
        "heavy = {'jinja2', 'babel', 'matplotlib', 'weasyprint', 'pandas'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
