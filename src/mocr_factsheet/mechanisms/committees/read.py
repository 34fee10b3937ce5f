"""Reading and checking the Communities Committees' tables, every problem located.

A small reader over the project's reading helpers (``data/load.read_table``,
``data/validate``'s collector, yes/no and gender spellings, municipality
matching): the rules are those of docs/data-format.md and docs/committees.md.
Each function returns what it could make of the input and the problems found;
a caller that got any problem must not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mocr_factsheet.data.load import Row, Table, find_table_file, read_table
from mocr_factsheet.data.model import Reference, YearMeta
from mocr_factsheet.data.names import MunicipalityMatcher, label
from mocr_factsheet.data.schema import TableSchema
from mocr_factsheet.data.validate import (
    Collector,
    _community,
    _municipality,
    _OncePerMunicipality,
    _vocabulary,
    parse_gender,
    parse_yes_no,
)
from mocr_factsheet.mechanisms.committees.model import (
    MAJORITY_COMMUNITY,
    Committee,
    CommitteeYear,
    Member,
    Residing,
    Seat,
)
from mocr_factsheet.mechanisms.committees.schema import (
    COMMITTEE_MEMBERS,
    COMMITTEES,
    RESIDING,
    SEATS,
)
from mocr_factsheet.problems import Problem


def has_committees(data_dir: Path, year: int) -> bool:
    """Whether ``year`` has a ``committees.csv`` (or ``.xlsx``): it then has a CC sheet."""
    stem = COMMITTEES.path(year)
    return any((data_dir / f"{stem}{suffix}").exists() for suffix in (".csv", ".xlsx"))


def _read(
    data_dir: Path, table: TableSchema, year: int | None, encoding: str | None
) -> tuple[Table | None, list[Problem]]:
    return read_table(
        data_dir,
        table.path(year),
        required=table.required(),
        optional=table.optional(),
        encoding=encoding,
    )


def read_residing(
    data_dir: Path,
    reference: Reference,
    matcher: MunicipalityMatcher,
    encoding: str | None = None,
) -> tuple[tuple[Residing, ...] | None, list[Problem]]:
    """``residing.csv``: each community other than the majority that lives in a municipality."""
    table, problems = _read(data_dir, RESIDING, None, encoding)
    if table is None:
        return None, problems
    out = Collector(table, problems)
    communities = [c.code for c in reference.communities]
    first: dict[tuple[str, str], Row] = {}
    found: list[Residing] = []
    for row in table.rows:
        code = _municipality(out, row, matcher)
        community = _community(out, row, communities)
        if code is None or community is None:
            continue
        municipality = reference.municipality(code)
        if MAJORITY_COMMUNITY.get(municipality.majority_language) == community:
            out.add(
                row,
                "community",
                "majority",
                f"'{community}' is the majority community of {label(municipality, 'sq')}; "
                "residing.csv lists only the other communities living there",
            )
            continue
        if (code, community) in first:
            out.add(
                row,
                "community",
                "repeated",
                f"'{community}' in {label(municipality, 'sq')} is repeated "
                f"(first on line {first[code, community].line})",
            )
            continue
        first[code, community] = row
        found.append(Residing(code, community))
    order = {m.code: i for i, m in enumerate(reference.municipalities)}
    position = {c: i for i, c in enumerate(communities)}
    found.sort(key=lambda r: (order[r.municipality], position[r.community]))
    return tuple(found), problems


def read_committee_year(
    data_dir: Path,
    meta: YearMeta,
    reference: Reference,
    matcher: MunicipalityMatcher,
    encoding: str | None = None,
) -> tuple[CommitteeYear | None, list[Problem]]:
    """``<year>/committees.csv`` and ``<year>/committee_members.csv``, checked together."""
    problems: list[Problem] = []
    committees: tuple[Committee, ...] | None = None
    table, found = _read(data_dir, COMMITTEES, meta.year, encoding)
    problems.extend(found)
    if table is not None:
        committees = check_committees(table, reference, matcher, problems)
    members: tuple[Member, ...] | None = None
    table, found = _read(data_dir, COMMITTEE_MEMBERS, meta.year, encoding)
    problems.extend(found)
    if table is not None:
        members = check_members(table, reference, matcher, committees, problems)
    if problems or committees is None or members is None:
        return None, problems
    return CommitteeYear(meta, committees, members), problems


def check_committees(
    table: Table, reference: Reference, matcher: MunicipalityMatcher, problems: list[Problem]
) -> tuple[Committee, ...]:
    """One row per municipality: established yes/no, and the two answers where it is."""
    out = Collector(table, problems)
    once = _OncePerMunicipality(out, matcher)
    committees: list[Committee] = []
    for row in table.rows:
        code = once(row)
        committee = _committee(out, row, code)
        if committee is not None:
            committees.append(committee)
    missing = [label(m, "sq") for m in reference.municipalities if m.code not in once.named]
    if missing and not once.unreadable:
        out.add(
            None,
            None,
            "missing-rows",
            f"no row for {len(missing)} municipalit{'y' if len(missing) == 1 else 'ies'}: "
            f"{', '.join(missing)}; every municipality needs one",
        )
    order = {m.code: i for i, m in enumerate(reference.municipalities)}
    return tuple(sorted(committees, key=lambda c: order[c.municipality]))


def _committee(out: Collector, row: Row, code: str | None) -> Committee | None:
    cell = row.cells["established"]
    established = parse_yes_no(cell)
    if established is None:
        out.add(row, "established", "empty", "empty; answer yes or no")
    elif isinstance(established, str):
        out.add(row, "established", "bad-value", f"'{cell}' is not yes or no")
    answers: dict[str, bool | None] = {}
    for column in ("meets_regularly", "adequate_resources"):
        answer = parse_yes_no(row.cells[column])
        if isinstance(answer, str):
            out.add(row, column, "bad-value", f"'{answer}' is not yes or no (nor empty)")
            answer = None
        elif answer is not None and established is False:
            out.add(
                row, column, "not-established", "must be empty: the committee is not established"
            )
        answers[column] = answer
    if code is None or not isinstance(established, bool):
        return None
    return Committee(code, established, answers["meets_regularly"], answers["adequate_resources"])


def check_members(
    table: Table,
    reference: Reference,
    matcher: MunicipalityMatcher,
    committees: Sequence[Committee] | None,
    problems: list[Problem],
) -> tuple[Member, ...]:
    """One row per member, only for established committees."""
    out = Collector(table, problems)
    communities = [c.code for c in reference.communities]
    established = {c.municipality: c.established for c in committees or ()}
    members: list[Member] = []
    for row in table.rows:
        code = _municipality(out, row, matcher)
        if code is not None and established.get(code) is False:
            out.add(
                row,
                "municipality",
                "not-established",
                f"'{row.cells['municipality']}' has no established Communities Committee "
                "this year, so no members",
            )
        community = _community(out, row, communities)
        gender = parse_gender(row.cells["gender"])
        if gender is None:
            cell = row.cells["gender"]
            found = f"'{cell}' is not a gender" if cell else "the gender is empty"
            out.add(row, "gender", "bad-value", f"{found}; use f or m")
        seat = _seat(out, row)
        if code is not None and community is not None and gender is not None and seat:
            members.append(Member(code, community, gender, seat))
    count = sum(established.values())
    if not table.rows and count:
        out.add(
            None,
            None,
            "missing-rows",
            f"no members at all, though {count} "
            f"committee{'s are' if count > 1 else ' is'} established; "
            "the file needs one row per member",
        )
    return tuple(members)


def _seat(out: Collector, row: Row) -> Seat | None:
    cell = row.cells["seat"]
    value = _vocabulary(cell)
    if value == "assembly":
        return "assembly"
    if value == "community":
        return "community"
    found = f"'{cell}' is not a seat" if cell else "the seat is empty"
    out.add(row, "seat", "bad-value", f"{found}; use one of: {', '.join(SEATS)}")
    return None


def committee_files(data_dir: Path, year: int) -> list[Path]:
    """The files a CC sheet of ``year`` reads besides the reference and ``year.toml``."""
    stems = [RESIDING.path(), COMMITTEES.path(year), COMMITTEE_MEMBERS.path(year)]
    return [path for stem in stems if (path := find_table_file(data_dir, stem)[0]) is not None]
