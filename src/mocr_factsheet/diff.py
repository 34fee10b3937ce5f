"""``mocr diff``: what changed between two data folders, for a reviewer.

Figures first (every figure of ``indicators.json`` and of the profiles that
changed, year by year), then the data rows that changed, with file and line.
Both folders are read and checked as a build would, then counted; nothing is
rendered, so this is quick and imports no charting or templating library.

Rows are compared by what they mean, not how they are spelled: a municipality
by its code, a status or yes/no as the reader understands it (``po`` is
``yes``). Offices and duty checklists are matched by municipality; officers,
who have no key, as a multiset (an officer whose gender was corrected is one
removed and one added).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from mocr_factsheet.build.registry import KINDS, declared_tables, table_sets
from mocr_factsheet.core.export import json_text
from mocr_factsheet.data.dataset import Dataset, load_dataset
from mocr_factsheet.data.load import read_table
from mocr_factsheet.data.model import YearMeta
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.schema import (
    MUNICIPALITY,
    TableSchema,
    Vocabulary,
)
from mocr_factsheet.data.validate import Languages
from mocr_factsheet.problems import Problem, UserError
from mocr_factsheet.render.kind import Job, Kind

Change = Literal["changed", "added", "removed"]
_ABSENT = object()


@dataclass(frozen=True)
class FigureChange:
    year: int
    figure: str  # the JSON path: "work_plan.yes", "duties.contacts.yes"
    old: Any  # a JSON value; _ABSENT where the figure did not exist
    new: Any
    municipality: str | None = None  # set for a municipality's figure (a profile's)


@dataclass(frozen=True)
class RowChange:
    file: str  # as under the data folder: "2019/offices.csv"
    line: int | None  # the new file's line; for a removed row, the old file's
    key: str  # the municipality's code, or "notes.en", "period"
    column: str | None
    old: str
    new: str
    change: Change = "changed"


@dataclass(frozen=True)
class NewYear:
    """A year the new folder adds: every figure its pages print, each beside
    the same figure of the year before it (``FigureChange.old``; absent where
    there is no year before, or the figure was not printed then)."""

    year: int
    previous: int | None
    figures: tuple[FigureChange, ...] = ()
    profiles: tuple[FigureChange, ...] = ()


@dataclass(frozen=True)
class DataDiff:
    old_dir: Path
    new_dir: Path
    years_added: tuple[int, ...] = ()
    years_removed: tuple[int, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    profiles: tuple[FigureChange, ...] = ()
    rows: tuple[RowChange, ...] = field(default_factory=tuple)
    new_years: tuple[NewYear, ...] = ()

    @property
    def changed(self) -> bool:  # a new year's figures are what it adds
        return bool(
            self.years_added or self.years_removed or self.figures or self.profiles or self.rows
        )


# --- comparing -------------------------------------------------------------------


def _read(
    data_dir: Path, languages: Languages, encoding: str | None
) -> tuple[Dataset | None, list[Problem]]:
    """A folder read and checked; its problems name files as the shell would."""
    try:
        return load_dataset(data_dir, [], languages, encoding, table_sets=table_sets()), []
    except UserError as err:
        return None, [_under(data_dir, p) for p in err.problems]


def _under(data_dir: Path, problem: Problem) -> Problem:
    """The problem with its file given under ``data_dir`` (two folders are read)."""
    if problem.code == "missing-folder":  # diff takes its folders as arguments, not --data
        found = "a file, not a data folder" if data_dir.exists() else "data folder not found"
        message = f"{found}: give the folder that holds municipalities.csv and the year folders"
        return replace(problem, message=message)
    if Path(problem.file) == data_dir:
        return problem
    return Problem(
        (data_dir / problem.file).as_posix(),
        problem.row,
        problem.column,
        problem.code,
        problem.message,
        problem.position,
    )


def diff_folders(
    old_dir: Path, new_dir: Path, languages: Languages, encoding: str | None = None
) -> DataDiff:
    """Everything that changed from ``old_dir`` to ``new_dir``; raises with both
    folders' problems where either does not validate. ``encoding``: of the files
    that are not UTF-8, in either folder (as ``validate --encoding``)."""
    old, old_problems = _read(old_dir, languages, encoding)
    new, new_problems = _read(new_dir, languages, encoding)
    if old is None or new is None:
        raise UserError([*old_problems, *new_problems])
    common = sorted(set(old.years) & set(new.years))
    figures: list[FigureChange] = []
    profiles: list[FigureChange] = []
    old_folder = _Folder(old_dir, old, encoding)
    new_folder = _Folder(new_dir, new, encoding)
    rows = _reference_changes(old_folder, new_folder)
    for year in common:
        # Every kind's figures, as the registry lists the kinds: the year's
        # own, then each municipality's.
        for before, after in zip(_printed(old, year), _printed(new, year), strict=True):
            for code, figures_now in after.items():
                changes = _figure_changes(year, before.get(code, {}), figures_now, code)
                (figures if code is None else profiles).extend(changes)
        rows += _meta_changes(year, old.years[year].tables.meta, new.years[year].tables.meta)
        rows += _table_changes(old_folder, new_folder, year)
    added = sorted(set(new.years) - set(old.years))
    return DataDiff(
        old_dir,
        new_dir,
        tuple(added),
        tuple(sorted(set(old.years) - set(new.years))),
        tuple(figures),
        tuple(profiles),
        tuple(rows),
        tuple(_new_year(new, year) for year in added),
    )


def _new_year(dataset: Dataset, year: int) -> NewYear:
    """Every figure of an added ``year`` beside the year before it in the same folder."""
    previous = max((y for y in dataset.years if y < year), default=None)
    figures: list[FigureChange] = []
    profiles: list[FigureChange] = []
    earlier = _printed(dataset, previous) if previous is not None else [{} for _ in KINDS]
    for before, printed in zip(earlier, _printed(dataset, year), strict=True):
        for code, now in printed.items():
            now = {k: v for k, v in now.items() if k != "year"}  # the year itself, said above
            listed = _figure_changes(year, before.get(code, {}), now, code, every=True)
            (figures if code is None else profiles).extend(listed)
    return NewYear(year, previous, tuple(figures), tuple(profiles))


def _printed(dataset: Dataset, year: int) -> list[dict[str | None, dict[str, Any]]]:
    """The figures each kind prints in ``year`` (in the registry's order), by
    municipality: those of its JSON (``kind.compared``) and the shares,
    percentages and averages its pages print beside them, taken from its
    figures' record (``kind.figures``). A municipality's page that repeats a
    figure of the year's (the average of all offices) does not list it again."""
    found = [(kind, kind.compared(dataset, year)) for kind in KINDS.values()]
    extras = [
        {code: _extras(kind, dataset, year, code) for code in compared} for kind, compared in found
    ]
    the_year = {p: v for extra in extras for p, v in extra.get(None, {}).items()}
    printed: list[dict[str | None, dict[str, Any]]] = []
    for (kind, compared), extra in zip(found, extras, strict=True):
        by_code: dict[str | None, dict[str, Any]] = {}
        for code, figures in compared.items():
            own = {
                p: v
                for p, v in extra[code].items()
                if code is None or p not in the_year or the_year[p] != v
            }
            # A mechanism's figures may stand under its name (``committees.…``).
            if list(figures) == [kind.name] and isinstance(figures[kind.name], dict):
                by_code[code] = {kind.name: _merged(figures[kind.name], own)}
            else:
                by_code[code] = _merged(figures, own)
        printed.append(by_code)
    return printed


def _extras(kind: Kind, dataset: Dataset, year: int, code: str | None) -> dict[str, Any]:
    record = kind.figures(dataset, Job(kind.name, year, None, code))
    return dict(_derived(record)) if record is not None else {}


def _merged(figures: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON's figures with ``extra`` (``{"a.b": 1}``) put in their places."""
    merged: dict[str, Any] = json.loads(json.dumps(figures))  # a deep copy of JSON values
    for path, value in extra.items():
        *parents, last = path.split(".")
        into = merged
        for key in parents:
            if not isinstance(into.get(key), dict):
                into[key] = {}
            into = into[key]
        into[last] = value
    return merged


# What the pages print beside the counts: a record's fields so named.
_DERIVED = re.compile(r"percent|share|average")


def _derived(value: Any, path: str = "", derived: bool = False) -> Iterator[tuple[str, Any]]:
    """``(path, value)`` of every share, percentage and average in a figures
    record (dataclasses and mappings, walked; lists of records are the
    history, printed and compared as their own year's figures)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _derived(
                getattr(value, f.name),
                f"{path}.{f.name}" if path else f.name,
                derived or bool(_DERIVED.search(f.name)),
            )
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _derived(item, f"{path}.{key}", derived)
    elif derived and not isinstance(value, tuple | list):
        yield path, _as_printed(value)


def _as_printed(value: Any) -> Any:
    """An average as the pages print it: to one decimal (Babel rounds half to even)."""
    if isinstance(value, Fraction):
        return float(Decimal(str(float(value))).quantize(Decimal("0.1"), ROUND_HALF_EVEN))
    return value


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``{"a": {"b": 1}}`` → ``("a.b", 1)``; a list of objects each named by a code
    (``committees.json``'s ``unrepresented``: ``{"community": "bosniak", …}``) as
    an object by that code (``unrepresented.bosniak.count``); other lists and
    scalars are leaves."""
    if isinstance(value, list) and (name := _naming_key(value)) is not None:
        value = {item[name]: {k: v for k, v in item.items() if k != name} for item in value}
    if isinstance(value, dict):
        for key in sorted(value):
            yield from _flatten(value[key], f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


def _naming_key(items: list[Any]) -> str | None:
    """The key that names each object of ``items``: the first, in sorted order, that
    every one has with a text of its own; None where ``items`` are not such objects."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in sorted(items[0]):
        names = [item.get(key) for item in items]
        if all(isinstance(n, str) for n in names) and len(set(names)) == len(names):
            return str(key)
    return None


def _figure_changes(
    year: int,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    municipality: str | None = None,
    *,
    every: bool = False,
) -> list[FigureChange]:
    """The figures that differ; with ``every``, each figure of ``new`` beside ``old``'s."""
    before, after = dict(_flatten(old)), dict(_flatten(new))
    paths = after.keys() if every else before.keys() | after.keys()
    return [
        FigureChange(year, path, before.get(path, _ABSENT), after.get(path, _ABSENT), municipality)
        # In the JSON's order: keys sorted level by level.
        for path in sorted(paths, key=lambda p: p.split("."))
        if every or before.get(path, _ABSENT) != after.get(path, _ABSENT)
    ]


def _meta_changes(year: int, old: YearMeta, new: YearMeta) -> list[RowChange]:
    """year.toml: the period, the sample flag, the dates and every note, by language."""
    name = f"{year}/year.toml"
    changes: list[RowChange] = []
    before = f"{old.period.start} to {old.period.end}"
    after = f"{new.period.start} to {new.period.end}"
    if before != after:
        changes.append(RowChange(name, None, "period", None, before, after))
    if old.sample != new.sample:
        changes.append(
            RowChange(name, None, "sample", None, str(old.sample).lower(), str(new.sample).lower())
        )
    for key in ("published", "revised"):
        was_date, now_date = getattr(old, key), getattr(new, key)
        if was_date != now_date:
            shown = [d.isoformat() if d else "" for d in (was_date, now_date)]
            changes.append(RowChange(name, None, key, None, shown[0], shown[1]))
    for lang in sorted(old.notes.keys() | new.notes.keys()):
        was, now = old.notes.get(lang, ()), new.notes.get(lang, ())
        for index in range(max(len(was), len(now))):
            a = was[index] if index < len(was) else None
            b = now[index] if index < len(now) else None
            if a == b:
                continue
            change: Change = "added" if a is None else "removed" if b is None else "changed"
            key = f"notes.{lang}[{index + 1}]"
            changes.append(RowChange(name, None, key, None, a or "", b or "", change))
    return changes


# --- the tables' rows -----------------------------------------------------------

# One read row: its line and what its cells mean, by column.
Meaning = tuple[int, dict[str, str]]


def _vocabulary_code(cell: str) -> str:
    """A status or community as compared: no case; spaces and hyphens read as ``_``."""
    return re.sub(r"[\s-]+", "_", cell.strip().casefold())


def _spelled(vocabulary: Vocabulary) -> Callable[[str], str]:
    """How a cell of ``vocabulary`` reads: the value its spelling stands for (po → yes)."""

    def read(cell: str) -> str:
        value = cell.casefold()
        return vocabulary.spellings.get(value, value)

    return read


def _reader(vocabulary: Vocabulary | None, matcher: MunicipalityMatcher) -> Callable[[str], str]:
    if vocabulary is None:
        return _same
    if vocabulary is MUNICIPALITY:
        return lambda cell: matcher.match(cell) or cell
    if vocabulary.spellings:
        return _spelled(vocabulary)
    return _vocabulary_code


def _same(cell: str) -> str:
    return cell


@dataclass(frozen=True)
class _Folder:
    """One data folder, read."""

    path: Path
    dataset: Dataset
    encoding: str | None = None


def _read_rows(folder: _Folder, year: int | None, schema: TableSchema) -> tuple[str, list[Meaning]]:
    """A checked table's rows, each cell read as what it means (codes, yes/no)."""
    duties = folder.dataset.reference.duties
    table, _ = read_table(
        folder.path,
        schema.path(year),
        required=schema.required(duties),
        optional=schema.optional(duties),
        encoding=folder.encoding,
    )
    if table is None:  # cannot happen after validation; nothing to compare then
        return f"{schema.path(year)}.csv", []
    matcher = folder.dataset.matcher
    readers = {c.name: _reader(c.vocabulary, matcher) for c in schema.all_columns(duties)}
    if not schema.in_year_folder and "code" in readers:
        readers["code"] = _vocabulary_code  # reference codes are read without case
    rows = [
        (row.line, {name: read(row.cells[name]) for name, read in readers.items()})
        for row in table.rows
    ]
    return table.file, rows


def _reference_changes(old: _Folder, new: _Folder) -> list[RowChange]:
    """The reference tables' rows, matched by code (a name or a colour changed)."""
    changes: list[RowChange] = []
    # The shared reference tables, then each mechanism's own (residing.csv).
    for schema in (t for t in declared_tables() if not t.in_year_folder):
        old_file, old_rows = _read_rows(old, None, schema)
        new_file, new_rows = _read_rows(new, None, schema)
        compare = _multiset_changes if schema.per_municipality == "many" else _keyed_changes
        changes += compare(old_file, old_rows, new_file, new_rows, schema.header())
    return changes


def _table_changes(old: _Folder, new: _Folder, year: int) -> list[RowChange]:
    changes: list[RowChange] = []
    # Every mechanism's tables: a table a year does not have has no rows.
    for schema in (t for s in table_sets() for t in s.tables):
        old_file, old_rows = _read_rows(old, year, schema)
        new_file, new_rows = _read_rows(new, year, schema)
        columns = schema.header(new.dataset.reference.duties)
        # Rows without a key (officers: many per municipality) are compared as a
        # multiset; the others (one row per municipality) by municipality.
        compare = _multiset_changes if schema.per_municipality == "many" else _keyed_changes
        changes += compare(old_file, old_rows, new_file, new_rows, columns)
    return changes


def _keyed_changes(
    old_file: str,
    old_rows: list[Meaning],
    new_file: str,
    new_rows: list[Meaning],
    columns: Sequence[str],
) -> list[RowChange]:
    """Rows matched by their first column: each cell that changed; rows added or removed."""
    by = columns[0]  # the municipality, or a reference table's code
    before = {cells[by]: (line, cells) for line, cells in old_rows}
    after = {cells[by]: (line, cells) for line, cells in new_rows}
    changes: list[RowChange] = []
    for key, (line, cells) in after.items():
        if key not in before:
            changes.append(
                RowChange(new_file, line, key, None, "", _summary(cells, columns), "added")
            )
            continue
        was = before[key][1]
        changes += [
            RowChange(new_file, line, key, c, was[c], cells[c])
            for c in columns[1:]
            if was[c] != cells[c]
        ]
    changes += [
        RowChange(old_file, line, key, None, _summary(cells, columns), "", "removed")
        for key, (line, cells) in before.items()
        if key not in after
    ]
    return changes


def _multiset_changes(
    old_file: str,
    old_rows: list[Meaning],
    new_file: str,
    new_rows: list[Meaning],
    columns: Sequence[str],
) -> list[RowChange]:
    """Rows without a key: those whose meaning one side has more often than the other."""

    def unmatched(rows: list[Meaning], other: list[Meaning]) -> list[Meaning]:
        left = Counter(tuple(cells[c] for c in columns) for _, cells in other)
        extra: list[Meaning] = []
        for line, cells in rows:
            value = tuple(cells[c] for c in columns)
            if left[value]:
                left[value] -= 1
            else:
                extra.append((line, cells))
        return extra

    changes = [
        RowChange(
            new_file, line, cells["municipality"], None, "", _summary(cells, columns), "added"
        )
        for line, cells in unmatched(new_rows, old_rows)
    ]
    changes += [
        RowChange(
            old_file, line, cells["municipality"], None, _summary(cells, columns), "", "removed"
        )
        for line, cells in unmatched(old_rows, new_rows)
    ]
    return changes


def _summary(cells: Mapping[str, str], columns: Sequence[str]) -> str:
    """A whole row's values but the key: ``serb, m`` or ``contacts=yes, …``."""
    rest = columns[1:]
    if len(rest) <= 3:
        return ", ".join(cells[c] for c in rest)
    return ", ".join(f"{c}={cells[c]}" for c in rest)


# --- writing it out --------------------------------------------------------------


def _value(value: Any) -> str:
    """A figure as the JSON writes it; a figure that was not there as ``—``."""
    if value is _ABSENT:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _where(change: RowChange) -> str:
    return f"{change.file}:{change.line}" if change.line is not None else change.file


def _row_text(change: RowChange, colour: Callable[[str, str], str]) -> str:
    old, new = colour(repr(change.old), "red"), colour(repr(change.new), "green")
    if change.change == "added":
        return f"{_where(change)} {change.key} added: {new}"
    if change.change == "removed":
        return f"{_where(change)} {change.key} removed: {old}"
    column = f" {change.column}" if change.column else ""
    return f"{_where(change)} {change.key}{column}: {old} → {new}"


def _sides(change: FigureChange) -> tuple[str, str]:
    """Before and after as shown: a list's codes taken out and put in, not the whole lists."""
    if isinstance(change.old, list) and isinstance(change.new, list):
        out = [c for c in change.old if c not in change.new]
        into = [c for c in change.new if c not in change.old]
        return ("− " + ", ".join(out) if out else "", "+ " + ", ".join(into) if into else "")
    return _value(change.old), _value(change.new)


def _figure_text(change: FigureChange, colour: Callable[[str, str], str]) -> str:
    who = f" {change.municipality}" if change.municipality else ""
    old, new = _sides(change)
    if isinstance(change.old, list) and isinstance(change.new, list):
        shown = " ".join(colour(t, c) for t, c in ((old, "red"), (new, "green")) if t)
        return f"{change.year}{who} {change.figure}: {shown}"
    return f"{change.year}{who} {change.figure}: {colour(old, 'red')} → {colour(new, 'green')}"


def _new_year_title(added: NewYear) -> str:
    if added.previous is None:
        return f"{added.year}: every figure (no year before it)"
    return f"{added.year}: every figure, beside {added.previous}"


def _listed(value: Any) -> str:
    """A figure of a new year as shown: a list's codes, joined."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return _value(value)


def _beside_text(change: FigureChange, previous: int | None) -> str:
    who = f" {change.municipality}" if change.municipality else ""
    before = f" ({previous}: {_listed(change.old)})" if previous is not None else ""
    return f"{change.year}{who} {change.figure}: {_listed(change.new)}{before}"


def to_text(diff: DataDiff, colour: bool = False) -> str:
    """For a terminal: coloured only where ``colour`` (the CLI asks on a terminal)."""

    def paint(text: str, name: str) -> str:
        if not colour:
            return text
        codes = {"red": "31", "green": "32", "bold": "1"}
        return f"\x1b[{codes[name]}m{text}\x1b[0m"

    lines: list[str] = []
    if not diff.changed:
        return f"No change between {diff.old_dir} and {diff.new_dir}.\n"
    if diff.years_added or diff.years_removed:
        lines.append(paint("Years", "bold"))
        lines += [f"{y}: year added" for y in diff.years_added]
        lines += [f"{y}: year removed" for y in diff.years_removed]
    for added in diff.new_years:
        lines.append(paint(_new_year_title(added), "bold"))
        lines += [_beside_text(c, added.previous) for c in (*added.figures, *added.profiles)]
    if diff.figures:
        lines.append(paint("Figures (indicators.json)", "bold"))
        lines += [_figure_text(c, paint) for c in diff.figures]
    if diff.profiles:
        lines.append(paint("Profile figures", "bold"))
        lines += [_figure_text(c, paint) for c in diff.profiles]
    if diff.rows:
        lines.append(paint("Data rows", "bold"))
        lines += [_row_text(c, paint) for c in diff.rows]
    return "\n".join(lines) + "\n"


# What GitHub's Markdown would render in a table cell, escaped with a backslash
# (every ASCII punctuation character may be, docs/reliability.md): HTML and
# autolinks (<), images and links ([ ] ( ) !), emphasis and strikethrough
# (* _ ~), code (`), entities (&), mentions and references (@ #), math ($),
# emoji (:) and the cell's own border (|). "_" inside a word emphasizes
# nothing and is left as typed.
_MARKDOWN = re.compile(r"[\\`*~\[\]()<>&|!#@$:]|(?<!\w)_|_(?!\w)")


def _cell(text: str) -> str:
    """Text shown as typed inside a Markdown table cell, escaped exactly once."""
    one_line = " ".join(text.splitlines())
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), one_line) or " "


def _bold(text: str) -> str:
    """Raw ``text`` in bold (escaped here: pass it unescaped)."""
    return f"**{_cell(text)}**" if text else " "


def _shown(text: str) -> str:
    """A data cell in a table: an empty one said as such (escaped here)."""
    return _cell(text) if text else "*empty*"


def _code(text: str) -> str:
    """Raw ``text`` as code: nothing renders inside but the cell's border."""
    if text and "`" not in text and text == " ".join(text.splitlines()):
        return "`" + text.replace("|", "\\|") + "`"
    return _cell(text)


def _table(title: str, header: str, align: str, rows: list[list[object]]) -> list[str]:
    """A ``### title`` section: a Markdown table of ``rows`` (cells already escaped)."""
    body = ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [f"### {title}", "", header, align, *body, ""]


def _new_year_markdown(added: NewYear) -> list[str]:
    """The year's figures in a table, beside the year before; its profiles folded."""
    was = str(added.previous) if added.previous is not None else "before"
    lines = _table(
        _new_year_title(added),
        f"| figure | {was} | {added.year} |",
        "| --- | ---: | ---: |",
        [[_code(c.figure), _cell(_listed(c.old)), _bold(_listed(c.new))] for c in added.figures],
    )
    if added.profiles:
        # GitHub folds a <details> block: 38 profiles' figures stay one line.
        lines += [
            f"<details><summary>The profiles' figures of {added.year} "
            f"({len(added.profiles)})</summary>",
            "",
            *_table(
                f"Profiles of {added.year}",
                f"| municipality | figure | {was} | {added.year} |",
                "| --- | --- | ---: | ---: |",
                [
                    [
                        _cell(c.municipality or ""),
                        _code(c.figure),
                        _cell(_listed(c.old)),
                        _bold(_listed(c.new)),
                    ]
                    for c in added.profiles
                ],
            ),
            "</details>",
            "",
        ]
    return lines


def to_markdown(diff: DataDiff) -> str:
    """A summary for a CI job page (GitHub's ``$GITHUB_STEP_SUMMARY``)."""
    lines = [f"## Data changes: {_code(str(diff.old_dir))} → {_code(str(diff.new_dir))}", ""]
    if not diff.changed:
        return "\n".join([*lines, "No figure and no data row changed.", ""])
    counts = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in (
            (len(diff.years_added), "year added", "years added"),
            (len(diff.years_removed), "year removed", "years removed"),
            (len(diff.figures), "figure", "figures"),
            (len(diff.profiles), "profile figure", "profile figures"),
            (len(diff.rows), "data row changed", "data rows changed"),
        )
        if n
    ]
    lines += [", ".join(counts) + ".", ""]
    if diff.years_added or diff.years_removed:
        lines += ["### Years", ""]
        lines += [f"- **{y}** added" for y in diff.years_added]
        lines += [f"- **{y}** removed" for y in diff.years_removed]
        lines.append("")
    for added in diff.new_years:
        lines += _new_year_markdown(added)
    if diff.figures:
        lines += _table(
            "Figures",
            "| year | figure | before | after |",
            "| --- | --- | ---: | ---: |",
            [
                [c.year, _code(c.figure), _cell(_sides(c)[0]), _bold(_sides(c)[1])]
                for c in diff.figures
            ],
        )
    if diff.profiles:
        lines += _table(
            "Profile figures",
            "| year | municipality | figure | before | after |",
            "| --- | --- | --- | ---: | ---: |",
            [
                [
                    c.year,
                    _cell(c.municipality or ""),
                    _code(c.figure),
                    _cell(_sides(c)[0]),
                    _bold(_sides(c)[1]),
                ]
                for c in diff.profiles
            ],
        )
    if diff.rows:
        lines += _table(
            "Data rows",
            "| file | line | row | column | before | after |",
            "| --- | ---: | --- | --- | --- | --- |",
            [
                [
                    _code(c.file),
                    c.line if c.line is not None else "",
                    _cell(c.key),
                    _cell(c.column or c.change),
                    _shown(c.old) if c.change != "added" else " ",
                    (f"**{_shown(c.new)}**" if c.new else "*empty*")
                    if c.change != "removed"
                    else " ",
                ]
                for c in diff.rows
            ],
        )
    return "\n".join(lines)


def to_json(diff: DataDiff) -> str:
    """For scripts: every change, with JSON values (null where a figure was not there)."""

    def figure(c: FigureChange) -> dict[str, Any]:
        found: dict[str, Any] = {"year": c.year, "figure": c.figure}
        if c.municipality is not None:
            found["municipality"] = c.municipality
        found["old"] = None if c.old is _ABSENT else c.old
        found["new"] = None if c.new is _ABSENT else c.new
        return found

    def beside(c: FigureChange) -> dict[str, Any]:
        found: dict[str, Any] = {"figure": c.figure}
        if c.municipality is not None:
            found["municipality"] = c.municipality
        found["previous"] = None if c.old is _ABSENT else c.old
        found["value"] = None if c.new is _ABSENT else c.new
        return found

    document = {
        "old": diff.old_dir.as_posix(),
        "new": diff.new_dir.as_posix(),
        "changed": diff.changed,
        "years": {"added": list(diff.years_added), "removed": list(diff.years_removed)},
        "figures": [figure(c) for c in diff.figures],
        "profiles": [figure(c) for c in diff.profiles],
        "rows": [
            {
                "file": c.file,
                "line": c.line,
                "key": c.key,
                "column": c.column,
                "change": c.change,
                "old": c.old,
                "new": c.new,
            }
            for c in diff.rows
        ],
        "new_years": [
            {
                "year": added.year,
                "previous": added.previous,
                "figures": [beside(c) for c in added.figures],
                "profiles": [beside(c) for c in added.profiles],
            }
            for added in diff.new_years
        ],
    }
    return json_text(document)
