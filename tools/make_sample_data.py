"""Write the bundled, invented sample data: ``data/2016/`` to ``data/2019/``.

    python3 tools/make_sample_data.py [DATA_DIR]

The figures are made up for illustration (``sample = true`` in every
``year.toml``); they only follow the shape of the published sheets: 34
established MOCRs up to 2018, 35 in 2019 (Zvečan/Zveçan), similar offices in
the other three northern municipalities in 2019, 75-90 officers a year.

It also writes the Communities Committees' data (docs/committees.md):
``data/residing.csv`` and ``committees.csv``/``committee_members.csv`` for
2018 and 2019, from a random generator of their own, so that the MOCR files
stay exactly as they were.

Standard library only, one fixed seed, everything in a fixed order: running it
twice writes identical bytes. The reference files at the top of ``data/``
(municipalities.csv, communities.csv, duties.csv) are not written here;
residing.csv is.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 20191323
YEARS = (2016, 2017, 2018, 2019)

MUNICIPALITIES = (
    "decan",
    "dragash",
    "ferizaj",
    "fushe-kosove",
    "gjakove",
    "gjilan",
    "gllogoc",
    "gracanice",
    "hani-i-elezit",
    "istog",
    "junik",
    "kacanik",
    "kamenice",
    "kline",
    "kllokot",
    "leposaviq",
    "lipjan",
    "malisheve",
    "mamushe",
    "mitrovice-jug",
    "mitrovice-veri",
    "novoberde",
    "obiliq",
    "partesh",
    "peje",
    "podujeve",
    "prishtine",
    "prizren",
    "rahovec",
    "ranillug",
    "shterpce",
    "shtime",
    "skenderaj",
    "suhareke",
    "viti",
    "vushtrri",
    "zubin-potok",
    "zvecan",
)
NORTH = ("leposaviq", "mitrovice-veri", "zubin-potok", "zvecan")

DUTIES = (
    "contacts",
    "assessment",
    "coordination",
    "projects",
    "participation",
    "policy_monitoring",
    "advice",
    "outreach",
)
# Base share of offices performing each duty.
DUTY_SHARE = {
    "contacts": 0.93,
    "assessment": 0.62,
    "coordination": 0.92,
    "projects": 0.60,
    "participation": 0.55,
    "policy_monitoring": 0.42,
    "advice": 0.40,
    "outreach": 0.66,
}
# How much an office's overall capacity weighs on each duty: the basic
# duties are performed by nearly every office, the demanding ones depend on it.
DUTY_WEIGHT = {
    "contacts": 0.5,
    "assessment": 0.9,
    "coordination": 0.5,
    "projects": 0.9,
    "participation": 0.9,
    "policy_monitoring": 0.9,
    "advice": 0.9,
    "outreach": 0.9,
}

# Plausible communities of each office's officers, with weights. No croat,
# montenegrin or other: some communities have no officer at all.
OFFICER_MIX = {
    "decan": {"egyptian": 2, "albanian": 2, "serb": 1},
    "dragash": {"gorani": 4, "bosniak": 3},
    "ferizaj": {"ashkali": 3, "serb": 1, "roma": 1, "albanian": 2},
    "fushe-kosove": {"ashkali": 3, "serb": 2, "roma": 2, "albanian": 1},
    "gjakove": {"egyptian": 3, "roma": 2, "ashkali": 1, "albanian": 2},
    "gjilan": {"serb": 4, "albanian": 1, "roma": 1, "turk": 1},
    "gllogoc": {"albanian": 2, "serb": 1},
    "gracanice": {"serb": 6, "roma": 1, "albanian": 1},
    "hani-i-elezit": {"albanian": 1},
    "istog": {"bosniak": 3, "serb": 2, "roma": 1, "egyptian": 1},
    "junik": {"albanian": 1},
    "kacanik": {"albanian": 2, "serb": 1},
    "kamenice": {"serb": 4, "roma": 1, "albanian": 1},
    "kline": {"serb": 2, "egyptian": 2, "roma": 1, "albanian": 2},
    "kllokot": {"serb": 5, "albanian": 1},
    "lipjan": {"serb": 3, "ashkali": 2, "albanian": 2},
    "malisheve": {"albanian": 1},
    "mamushe": {"turk": 5, "albanian": 2},
    "mitrovice-jug": {"roma": 2, "ashkali": 2, "bosniak": 2, "turk": 1, "albanian": 2},
    "novoberde": {"serb": 4, "albanian": 2},
    "obiliq": {"serb": 3, "roma": 2, "ashkali": 2},
    "partesh": {"serb": 1},
    "peje": {"bosniak": 3, "roma": 2, "egyptian": 2, "serb": 1, "albanian": 2},
    "podujeve": {"albanian": 3, "ashkali": 1, "roma": 1},
    "prishtine": {"serb": 2, "bosniak": 2, "turk": 1, "roma": 1, "ashkali": 1, "albanian": 2},
    "prizren": {"turk": 5, "bosniak": 3, "roma": 1, "albanian": 1},
    "rahovec": {"serb": 2, "albanian": 3, "ashkali": 1},
    "ranillug": {"serb": 5, "albanian": 1},
    "shterpce": {"serb": 5, "albanian": 2},
    "shtime": {"ashkali": 3, "albanian": 2},
    "skenderaj": {"serb": 2, "albanian": 2},
    "suhareke": {"albanian": 3, "ashkali": 1},
    "viti": {"serb": 2, "albanian": 2},
    "vushtrri": {"serb": 2, "ashkali": 2, "roma": 1, "albanian": 2},
    "zvecan": {"serb": 1},
}
# Usual number of officers (1-4): larger and more mixed municipalities have
# more; each year an office may gain or lose one.
OFFICE_SIZE = {
    "decan": 2,
    "dragash": 3,
    "ferizaj": 3,
    "fushe-kosove": 3,
    "gjakove": 3,
    "gjilan": 3,
    "gllogoc": 1,
    "gracanice": 3,
    "hani-i-elezit": 1,
    "istog": 3,
    "junik": 1,
    "kacanik": 1,
    "kamenice": 3,
    "kline": 2,
    "kllokot": 2,
    "lipjan": 3,
    "malisheve": 1,
    "mamushe": 2,
    "mitrovice-jug": 4,
    "novoberde": 3,
    "obiliq": 3,
    "partesh": 2,
    "peje": 4,
    "podujeve": 2,
    "prishtine": 4,
    "prizren": 4,
    "rahovec": 2,
    "ranillug": 2,
    "shterpce": 3,
    "shtime": 2,
    "skenderaj": 1,
    "suhareke": 1,
    "viti": 2,
    "vushtrri": 3,
    "zvecan": 2,
}
SHARE_FEMALE = 0.40

# Per year: work plans and annual reports counted over the established
# offices (yes, no, unknown).
REPORTING = {
    2016: {"work_plan": (30, 4, 0), "annual_report": (27, 7, 0)},
    2017: {"work_plan": (31, 3, 0), "annual_report": (25, 9, 0)},
    2018: {"work_plan": (32, 2, 0), "annual_report": (28, 6, 0)},
    2019: {"work_plan": (31, 4, 0), "annual_report": (29, 5, 1)},
}

NOTES = {
    2016: {
        "en": "The four northern municipalities are not covered by this assessment.",
        "sq": "Katër komunat në veri nuk janë përfshirë në këtë vlerësim.",
        "sr": "Četiri opštine na severu nisu obuhvaćene ovom procenom.",
    },
    2017: {
        "en": "The MOCRs’ mandate expired after the local elections of October 2017.",
        "sq": "Mandati i ZKKK-së skadoi pas zgjedhjeve lokale në tetor 2017.",
        "sr": "Mandat OKZP je istekao nakon lokalnih izbora u oktobru 2017.",
    },
}
# When each sample year was "published" and last revised (the colophon prints them).
DATES = {
    2016: ("2017-03-15", None),
    2017: ("2017-12-18", None),
    2018: ("2019-03-14", "2019-05-06"),
    2019: ("2020-03-12", None),
}
PERIODS = {2017: ("2017-01", "2017-09")}


def statuses(year: int) -> dict[str, str]:
    out = {}
    for code in MUNICIPALITIES:
        if code not in NORTH:
            out[code] = "established"
        elif year >= 2019:
            out[code] = "established" if code == "zvecan" else "similar_office"
        else:
            out[code] = "not_established"
    return out


class Generator:
    """Carries each office's officers and duty checklist from year to year."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.roster: dict[str, list[tuple[str, str]]] = {}
        self.quality: dict[str, float] = {}
        self.draws: dict[str, dict[str, float]] = {}
        self.reporting_no: dict[str, set[str]] = {"work_plan": set(), "annual_report": set()}

    def officer(self, code: str) -> tuple[str, str]:
        mix = OFFICER_MIX[code]
        names = sorted(mix)
        community = self.rng.choices(names, weights=[mix[n] for n in names])[0]
        gender = "f" if self.rng.random() < SHARE_FEMALE else "m"
        return community, gender

    def officers(self, code: str) -> list[tuple[str, str]]:
        rng = self.rng
        roster = self.roster.get(code)
        if roster is None:
            size = OFFICE_SIZE[code]
            roster = [self.officer(code) for _ in range(size)]
        else:
            roster = [self.officer(code) if rng.random() < 0.15 else o for o in roster]
            change = rng.random()
            if change < 0.10 and len(roster) < 4:
                roster.append(self.officer(code))
            elif change > 0.86 and len(roster) > 1:
                roster.pop(rng.randrange(len(roster)))
        self.roster[code] = roster
        return sorted(roster)

    def duties(self, code: str, year: int) -> dict[str, bool]:
        rng = self.rng
        if code not in self.quality:
            self.quality[code] = rng.random()
            self.draws[code] = {d: rng.random() for d in DUTIES}
        else:
            q = self.quality[code] + rng.gauss(0, 0.12)
            self.quality[code] = min(1.0, max(0.0, q))
            for d in DUTIES:
                if rng.random() < 0.3:
                    self.draws[code][d] = rng.random()
        q = self.quality[code]
        drift = 0.01 * (year - 2016)
        checklist = {
            d: self.draws[code][d] < DUTY_SHARE[d] + drift + DUTY_WEIGHT[d] * (q - 0.5)
            for d in DUTIES
        }
        if not any(checklist.values()):
            checklist["contacts"] = True
        return checklist

    def reporting(self, established: list[str], year: int) -> dict[str, dict[str, str]]:
        """yes/no/empty per office; offices that said no last year tend to again."""
        rng = self.rng
        out: dict[str, dict[str, str]] = {code: {} for code in established}
        for field, (_yes, no, unknown) in REPORTING[year].items():
            previous = sorted(c for c in self.reporting_no[field] if c in out)
            keep = [c for c in previous if rng.random() < 0.5][:no]
            others = [c for c in established if c not in keep]
            chosen_no = keep + rng.sample(others, no - len(keep))
            rest = [c for c in established if c not in chosen_no]
            chosen_unknown = rng.sample(rest, unknown)
            for code in established:
                if code in chosen_unknown:
                    out[code][field] = ""
                elif code in chosen_no:
                    out[code][field] = "no"
                else:
                    out[code][field] = "yes"
            self.reporting_no[field] = set(chosen_no)
        return out


def year_toml(year: int) -> str:
    lines = ["# Sample data: the figures are invented for illustration, not the OSCE Mission's."]
    if year in PERIODS:
        start, end = PERIODS[year]
        lines.append(f'period = {{ start = "{start}", end = "{end}" }}')
    lines.append("sample = true")
    if year in DATES:
        published, revised = DATES[year]
        lines.append(f"published = {published}")
        if revised:
            lines.append(f"revised = {revised}")
    if year in NOTES:
        lines.append("")
        lines.append("[notes]")
        for lang in ("en", "sq", "sr"):
            text = NOTES[year][lang].replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{lang} = ["{text}"]')
    return "\n".join(lines) + "\n"


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    # No cell holds a comma, quote or newline, so no quoting is needed.
    for row in rows:
        assert all("," not in c and '"' not in c and "\n" not in c for c in row)
    return "".join(",".join(r) + "\n" for r in [header, *rows])


def generate(data: Path) -> list[Path]:
    gen = Generator(SEED)
    written = []
    for year in YEARS:
        status = statuses(year)
        established = [c for c in MUNICIPALITIES if status[c] == "established"]
        reporting = gen.reporting(established, year)
        offices = [
            [
                c,
                status[c],
                reporting.get(c, {}).get("work_plan", ""),
                reporting.get(c, {}).get("annual_report", ""),
            ]
            for c in MUNICIPALITIES
        ]
        officers = [[c, com, g] for c in established for com, g in gen.officers(c)]
        duties = []
        for c in established:
            checklist = gen.duties(c, year)
            duties.append([c] + ["yes" if checklist[d] else "no" for d in DUTIES])

        folder = data / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        files = {
            "year.toml": year_toml(year),
            "offices.csv": csv_text(
                ["municipality", "status", "work_plan", "annual_report"], offices
            ),
            "officers.csv": csv_text(["municipality", "community", "gender"], officers),
            "duties.csv": csv_text(["municipality", *DUTIES], duties),
        }
        for name, text in files.items():
            path = folder / name
            path.write_bytes(text.encode("utf-8"))
            written.append(path)
    return written


# --- Communities Committees ----------------------------------------------------

CC_SEED = 20191503
CC_YEARS = (2018, 2019)
# The communities other than the majority living in each municipality
# (invented, in the communities' display order); none listed: only the majority.
RESIDING = {
    "decan": ("serb", "ashkali", "egyptian"),
    "dragash": ("bosniak", "gorani"),
    "ferizaj": ("serb", "roma", "ashkali"),
    "fushe-kosove": ("serb", "roma", "ashkali", "egyptian"),
    "gjakove": ("bosniak", "roma", "ashkali", "egyptian"),
    "gjilan": ("serb", "turk", "roma", "ashkali"),
    "gllogoc": ("serb",),
    "gracanice": ("albanian", "roma", "ashkali"),
    "hani-i-elezit": (),
    "istog": ("serb", "bosniak", "roma", "ashkali", "egyptian"),
    "junik": (),
    "kacanik": (),
    "kamenice": ("serb", "roma"),
    "kline": ("serb", "roma", "ashkali", "egyptian"),
    "kllokot": ("albanian", "roma"),
    "leposaviq": ("albanian", "bosniak"),
    "lipjan": ("serb", "roma", "ashkali", "croat"),
    "malisheve": (),
    "mamushe": ("albanian",),
    "mitrovice-jug": ("serb", "bosniak", "turk", "roma", "ashkali", "egyptian"),
    "mitrovice-veri": ("albanian", "bosniak", "turk", "roma", "gorani"),
    "novoberde": ("albanian", "roma"),
    "obiliq": ("serb", "roma", "ashkali", "egyptian"),
    "partesh": ("roma",),
    "peje": ("serb", "bosniak", "roma", "ashkali", "egyptian", "montenegrin"),
    "podujeve": ("serb", "roma", "ashkali"),
    "prishtine": ("serb", "bosniak", "turk", "roma", "ashkali", "montenegrin"),
    "prizren": ("serb", "bosniak", "turk", "roma", "ashkali", "gorani"),
    "rahovec": ("serb", "roma", "ashkali", "egyptian"),
    "ranillug": ("albanian", "roma"),
    "shterpce": ("albanian",),
    "shtime": ("ashkali",),
    "skenderaj": ("serb",),
    "suhareke": ("roma", "ashkali"),
    "viti": ("serb", "roma", "croat"),
    "vushtrri": ("serb", "roma", "ashkali"),
    "zubin-potok": ("albanian",),
    "zvecan": ("albanian",),
}
MAJORITY = {
    **dict.fromkeys(MUNICIPALITIES, "albanian"),
    **dict.fromkeys(
        ("gracanice", "kllokot", "leposaviq", "mitrovice-veri", "novoberde", "partesh",
         "ranillug", "shterpce", "zubin-potok", "zvecan"),
        "serb",
    ),
    "mamushe": "turk",
}  # fmt: skip
NO_COMMITTEE = {
    2018: ("hani-i-elezit", "leposaviq", "mitrovice-veri", "zubin-potok"),
    2019: ("leposaviq", "zubin-potok"),
}
# How likely a committee has a representative of a community living there:
# Kosovo Turks and Bosniaks are often left out.
REPRESENTED = {"turk": 0.3, "bosniak": 0.4}
REPRESENTED_OTHERS = 0.85
CC_SHARE_FEMALE = 0.3
# Per year: established committees that do not meet regularly, or whose answer
# is unknown; and the same for adequate resources.
MEETING = {2018: (6, 2), 2019: (5, 1)}
RESOURCES = {2018: (11, 3), 2019: (9, 2)}


def committees(rng: random.Random, year: int, seats: dict[str, set[str]]) -> tuple[
    list[list[str]], list[list[str]]
]:  # fmt: skip
    """One year's committees.csv and committee_members.csv rows. ``seats`` carries
    each committee's represented communities to the next year."""
    established = [c for c in MUNICIPALITIES if c not in NO_COMMITTEE[year]]
    answers: dict[str, dict[str, str]] = {c: {} for c in established}
    for field, (no, unknown) in (("meets", MEETING[year]), ("resources", RESOURCES[year])):
        chosen = rng.sample(established, no + unknown)
        for code in established:
            answers[code][field] = (
                "no" if code in chosen[:no] else "" if code in chosen[no:] else "yes"
            )
    committee_rows = [
        [
            c,
            "yes" if c in answers else "no",
            answers.get(c, {}).get("meets", ""),
            answers.get(c, {}).get("resources", ""),
        ]
        for c in MUNICIPALITIES
    ]
    member_rows: list[list[str]] = []
    for code in established:
        before = seats.get(code)
        chosen_communities = set()
        for community in RESIDING[code]:
            if before is not None and rng.random() < 0.85:
                present = community in before
            else:
                present = rng.random() < REPRESENTED.get(community, REPRESENTED_OTHERS)
            if present:
                chosen_communities.add(community)
        seats[code] = chosen_communities
        majority = MAJORITY[code]
        people = [(majority, "assembly") for _ in range(rng.randint(3, 5))]
        people += [(majority, "community")]
        for community in sorted(chosen_communities):
            people += [(community, "community")] * (1 + (rng.random() < 0.25))
        if chosen_communities and rng.random() < 0.3:
            people.append((sorted(chosen_communities)[0], "assembly"))
        for community, seat in people:
            gender = "f" if rng.random() < CC_SHARE_FEMALE else "m"
            member_rows.append([code, community, gender, seat])
    member_rows.sort(key=lambda r: (MUNICIPALITIES.index(r[0]), r[3], r[1], r[2]))
    return committee_rows, member_rows


def generate_committees(data: Path) -> list[Path]:
    rng = random.Random(CC_SEED)
    residing = [[c, community] for c in MUNICIPALITIES for community in RESIDING[c]]
    path = data / "residing.csv"
    path.write_bytes(csv_text(["municipality", "community"], residing).encode("utf-8"))
    written = [path]
    seats: dict[str, set[str]] = {}
    for year in CC_YEARS:
        committee_rows, member_rows = committees(rng, year, seats)
        files = {
            "committees.csv": csv_text(
                ["municipality", "established", "meets_regularly", "adequate_resources"],
                committee_rows,
            ),
            "committee_members.csv": csv_text(
                ["municipality", "community", "gender", "seat"], member_rows
            ),
        }
        for name, text in files.items():
            path = data / str(year) / name
            path.write_bytes(text.encode("utf-8"))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    data = Path(argv[1]) if len(argv) > 1 else root / "data"
    for path in [*generate(data), *generate_committees(data)]:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
