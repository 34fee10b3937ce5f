"""Checking: from read tables to the model's records, every problem collected.

Each reader returns what it could make of the input and the list of problems
found; nothing stops at the first one, so an analyst sees them all at once.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final

from mocr_factsheet.data import schema, year_tables
from mocr_factsheet.data.check import Collector, Context, read_tables
from mocr_factsheet.data.glyphs import font_problem, hidden_marks, hidden_problem, undrawable
from mocr_factsheet.data.load import Row, check_file_size, decode, read_table, unreadable_file
from mocr_factsheet.data.model import (
    COMMUNITY_CODES,
    DUTY_CODES,
    GENDERS,
    MAJORITY_LANGUAGES,
    MUNICIPALITY_CODES,
    Community,
    DutyChecklist,
    Gender,
    Municipality,
    Office,
    Officer,
    Period,
    PreviousYear,
    Reference,
    YearMeta,
    YearTables,
)
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.problems import Problem
from mocr_factsheet.translit import fold

YEAR_KEYS = ("period", "sample", "published", "revised", "notes")
_NAME_COLUMNS = tuple(c.name for c in schema.MUNICIPALITIES.columns if c.printed_name)
# A year folder: four ASCII digits and nothing else (``\d`` would take Arabic-Indic
# digits, ``$`` a trailing newline), the first not 0: the folder is named as
# the year is written, which the problems' paths repeat ("0016" was read as
# the year 16, and its files reported missing from "16/").
YEAR_FOLDER = re.compile(r"[1-9][0-9]{3}")
# The years the tool takes, everywhere: --year, new-year and the year folders
# (a folder 1999/ was built, but could not be asked for with --year 1999).
YEARS: Final = range(2000, 2100)
# year.toml holds a few notes: a few kilobytes.
MAX_TOML_BYTES = 2**20
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")

# The languages sheets are built in, each with the language whose notes it
# borrows where it has none of its own (sr-Cyrl → sr), else None.
Languages = Mapping[str, str | None]


def parse_yes_no(cell: str) -> bool | str | None:
    """True, False, None for empty; the cell itself where it is not a yes/no."""
    if not cell:
        return None
    value = schema.YES_NO.read(cell)
    return cell if value is None else value == "yes"


def parse_gender(cell: str) -> Gender | None:
    value = schema.GENDER.read(cell)
    return next((g for g in GENDERS if g == value), None)


_vocabulary = schema.code_of


# --- reference tables -------------------------------------------------------


def read_reference(
    data_dir: Path, encoding: str | None = None, *, fonts: bool = True
) -> tuple[Reference | None, list[Problem]]:
    """``municipalities``, ``communities`` and ``duties`` at the data folder's top.

    The tables come back with their problems as long as every code is there
    and every record usable; None where the years cannot be checked against them.
    ``fonts`` False: every check but whether the fonts draw each name (what
    planning a build needs before it takes a name from them, without loading
    the fonts; the build's full reading checks that too).
    """
    problems: list[Problem] = []
    municipalities = _read_municipalities(data_dir, encoding, problems, fonts)
    communities = _read_communities(data_dir, encoding, problems)
    duties = _read_duties(data_dir, encoding, problems)
    if municipalities is None or communities is None or duties is None:
        return None, problems
    complete = (
        {m.code for m in municipalities} == set(MUNICIPALITY_CODES)
        and {c.code for c in communities} == set(COMMUNITY_CODES)
        and set(duties) == set(DUTY_CODES)
    )
    if not complete:
        return None, problems
    # A problem that leaves every record usable (a bad colour, an ambiguous
    # name) must not hide the problems of the year folders: return the tables.
    return Reference(municipalities, communities, duties), problems


def _read_municipalities(
    data_dir: Path, encoding: str | None, problems: list[Problem], fonts: bool = True
) -> tuple[Municipality, ...] | None:
    table, found = read_table(
        data_dir,
        schema.MUNICIPALITIES.path(),
        required=schema.MUNICIPALITIES.required(),
        optional=schema.MUNICIPALITIES.optional(),
        encoding=encoding,
    )
    problems.extend(found)
    if table is None:
        return None
    out = Collector(table, problems)
    result: list[Municipality] = []
    first_row: dict[str, Row] = {}
    for row in table.rows:
        cells = row.cells
        code = cells["code"]
        if code not in MUNICIPALITY_CODES:
            close = _closest(code, MUNICIPALITY_CODES)
            out.add(row, "code", "unknown-code", f"unknown municipality code '{code}'{close}")
            continue
        if code in first_row:
            out.add(
                row,
                "code",
                "repeated",
                f"'{code}' is repeated (first on {table.row_word} {first_row[code].line})",
            )
            continue
        first_row[code] = row
        for column in ("name_sq", "name_sr"):
            if not cells[column]:
                out.add(row, column, "empty", f"the name of '{code}' is empty")
        for column in _NAME_COLUMNS:
            name = cells.get(column, "")
            if name and not any(ch.isalpha() for ch in name):
                # A date or a number in a name's cell (a workbook's date cell
                # reads as 2019-03-12): it would be printed as the name (fuzzing).
                out.add(
                    row,
                    column,
                    "not-a-name",
                    f"'{name}' has no letter, so it is no municipality's name: "
                    "is it in the right column?",
                )
            elif hidden := hidden_marks(name):
                out.add(row, column, "hidden-marks", hidden_problem(hidden))
            elif fonts and (missing := undrawable(name)):
                out.add(row, column, "undrawable", font_problem(missing))
        majority = cells["majority_language"].casefold()
        if majority not in MAJORITY_LANGUAGES:
            out.add(
                row,
                "majority_language",
                "bad-value",
                f"'{cells['majority_language']}' is not one of: sq, sr, tr",
            )
            # Only the label's order depends on it: keep the row, so the years
            # are still checked; a reported problem stops any build anyway.
            majority = "sq"
        if majority == "tr" and not cells.get("name_tr"):
            out.add(
                row,
                "name_tr",
                "empty",
                "Turkish is the majority language, so the Turkish name is needed",
            )
        result.append(
            Municipality(
                code,
                cells["name_sq"],
                cells["name_sr"],
                cells.get("name_tr", ""),
                cells.get("name_en", ""),
                majority,
            )
        )
    missing = [c for c in MUNICIPALITY_CODES if c not in first_row]
    if missing:
        out.add(None, None, "missing-rows", f"no row for: {', '.join(missing)}")
    _check_names_unambiguous(first_row, out)
    return tuple(result)


def _check_names_unambiguous(rows: Mapping[str, Row], out: Collector) -> None:
    """No name (as compared, without case or diacritics) may be two municipalities'."""
    owner: dict[str, tuple[str, Row, str]] = {}
    for code, row in rows.items():
        for column in ("code", *_NAME_COLUMNS):
            name = row.cells.get(column, "")
            if not name:
                continue
            key = fold(name)
            first = owner.setdefault(key, (code, row, column))
            if first[0] != code:
                out.add(
                    row,
                    column,
                    "ambiguous-name",
                    f"'{name}' is also the {first[2]} of '{first[0]}' ({out.table.row_word} "
                    f"{first[1].line}): "
                    "a name must say which municipality it is",
                )


def _read_communities(
    data_dir: Path, encoding: str | None, problems: list[Problem]
) -> tuple[Community, ...] | None:
    table, found = read_table(
        data_dir,
        schema.COMMUNITIES.path(),
        required=schema.COMMUNITIES.required(),
        optional=schema.COMMUNITIES.optional(),
        encoding=encoding,
    )
    problems.extend(found)
    if table is None:
        return None
    out = Collector(table, problems)
    codes = _read_code_list(out, COMMUNITY_CODES, "community")
    result: list[Community] = []
    for row, code in codes:
        colour = row.cells.get("colour", "")
        if colour and not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
            out.add(row, "colour", "bad-colour", f"'{colour}' is not a colour like #1F77B4")
            colour = ""
        result.append(Community(code, colour.upper() or None))
    return tuple(result)


def _read_duties(
    data_dir: Path, encoding: str | None, problems: list[Problem]
) -> tuple[str, ...] | None:
    table, found = read_table(
        data_dir, schema.DUTIES.path(), required=schema.DUTIES.required(), encoding=encoding
    )
    problems.extend(found)
    if table is None:
        return None
    return tuple(
        code for _, code in _read_code_list(Collector(table, problems), DUTY_CODES, "duty")
    )


def _read_code_list(out: Collector, known: Sequence[str], what: str) -> list[tuple[Row, str]]:
    """Rows of a one-code-per-row reference table: every known code once."""
    result: list[tuple[Row, str]] = []
    seen: dict[str, int] = {}
    for row in out.table.rows:
        code = _vocabulary(row.cells["code"])
        if code not in known:
            out.add(
                row,
                "code",
                "unknown-code",
                f"unknown {what} code '{row.cells['code']}'; the codes are: {', '.join(known)}",
            )
        elif code in seen:
            out.add(
                row,
                "code",
                "repeated",
                f"'{code}' is repeated (first on {out.table.row_word} {seen[code]})",
            )
        else:
            seen[code] = row.line
            result.append((row, code))
    missing = [c for c in known if c not in seen]
    if missing:
        out.add(None, None, "missing-rows", f"no row for: {', '.join(missing)}")
    return result


def _closest(value: str, choices: Sequence[str]) -> str:

    close = difflib.get_close_matches(value.casefold(), choices, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


# --- one year -----------------------------------------------------------------


def find_years(data_dir: Path) -> list[int]:
    """Every monitored year, from the folders named like ``2019``."""
    if not data_dir.is_dir():
        return []
    return sorted(
        int(p.name) for p in data_dir.iterdir() if p.is_dir() and YEAR_FOLDER.fullmatch(p.name)
    )


def read_year_meta(
    data_dir: Path,
    year: int,
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> tuple[YearMeta | None, list[Problem]]:
    """``<year>/year.toml``: the period, the sample flag, the dates and the notes, checked.

    The notes of the ``built`` languages (all of them where None) must be as
    many in each; notes in any known language are accepted.
    """
    name = f"{year}/year.toml"
    path = data_dir / name
    if not path.is_file():
        return None, [Problem(name, None, None, "missing-file", "file not found")]
    try:
        too_large = check_file_size(path, name, MAX_TOML_BYTES)
        if too_large is not None:
            return None, [too_large]
        raw = path.read_bytes()
    except OSError as err:
        return None, [unreadable_file(name, err)]
    text, unreadable = decode(raw, name, encoding)
    if text is None:
        return None, unreadable
    try:
        doc = _parse_toml(text)
    except tomllib.TOMLDecodeError as err:
        return None, [toml_problem(name, _straight_quotes(text), err)]
    except RecursionError:
        # tomllib recurses once per level of nesting: a few hundred are enough.
        return None, [
            Problem(
                name,
                None,
                None,
                "too-deep",
                "values are nested hundreds of levels deep (lists in lists, or tables in "
                "tables); year.toml holds a period, a sample flag and lists of notes",
            )
        ]
    problems: list[Problem] = []

    def located(*keys: str, column: str | None = None) -> Callable[..., None]:
        """Problems on the line of the first of ``keys`` written in the file."""

        def problem(code: str, message: str, *more: str) -> None:
            line = next((n for k in (*more, *keys) if (n := _key_at(text, k))), None)
            problems.append(Problem(name, line, column, code, message))

        return problem

    for key in doc:
        if key not in YEAR_KEYS:
            hint = _closest(key, YEAR_KEYS) or ";"
            located(key)(
                "unknown-key", f"unknown key '{key}'{hint} the keys are: {', '.join(YEAR_KEYS)}"
            )
    sample = doc.get("sample", False)
    if not isinstance(sample, bool):
        located("sample", column="sample")(
            "bad-value", f"sample must be true or false, not {sample!r}"
        )
        sample = False
    period = _read_period(doc.get("period"), year, located("period", column="period"))
    notes = _read_notes(doc.get("notes", {}), languages, built, located("notes"))
    dates = _read_dates(doc, year, name, text, problems)
    if problems or period is None:
        return None, problems
    return YearMeta(year, period, sample, notes, **dates), problems


_DATE_KEYS = ("published", "revised")
_DATE_LINE = re.compile(r"\s*[\"']?(published|revised)[\"']?\s*=")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _key_at(text: str, key: str) -> int | None:
    """The line a key of ``year.toml`` is written on (1-based), if found: as
    ``key = …`` or as a table's header, ``[key]``."""
    quoted = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^[ \t]*(?:{quoted}[ \t]*=|\[[ \t]*{quoted}[ \t]*\])", re.MULTILINE)
    found = pattern.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _read_dates(
    doc: dict[str, Any], year: int, name: str, text: str, problems: list[Problem]
) -> dict[str, date | None]:
    """``published`` and ``revised``: optional dates, written ``2019-12-15`` (a TOML
    date) or ``"2019-12-15"``; each problem located at its key's line."""
    found: dict[str, date | None] = {}
    for key in _DATE_KEYS:
        value = doc.get(key)
        found[key] = None
        if value is None:
            continue

        def problem(message: str, key: str = key) -> None:
            problems.append(Problem(name, _key_at(text, key), key, "bad-date", message))

        example = f"{key} = {year + 1}-03-15"
        if isinstance(value, datetime | time):
            problem(f"{key} is a day, without a time of day: write it as {example}")
            continue
        if isinstance(value, str):
            match = _ISO_DATE.fullmatch(value.strip())
            try:
                value = date.fromisoformat(value.strip()) if match else None
            except ValueError:
                problem(f"{key} '{value}' is not a day of the calendar; write it as {example}")
                continue
            if value is None:
                shown = doc.get(key)
                problem(f"{key} must be a date like {example} (year-month-day), not '{shown}'")
                continue
        if not isinstance(value, date):
            # As TOML reads what was typed: true, 2020, 1.5 or a list (not Python's repr).
            shown = json.dumps(value, ensure_ascii=False, default=str)
            problem(f"{key} must be a date like {example} (year-month-day), not {shown}")
            continue
        if value.year < year:
            problem(f"{key} {value.isoformat()} is before {year}, the year the figures are of")
            continue
        found[key] = value
    published, revised = found["published"], found["revised"]
    if revised is not None and published is None and "published" not in doc:
        problems.append(
            Problem(
                name,
                _key_at(text, "revised"),
                "revised",
                "bad-date",
                f"revised needs published: say when the {year} figures were first published",
            )
        )
    elif published is not None and revised is not None and revised < published:
        problems.append(
            Problem(
                name,
                _key_at(text, "revised"),
                "revised",
                "bad-date",
                f"revised {revised.isoformat()} is before published {published.isoformat()}",
            )
        )
    return found


# Curly quotes where a text starts or ends (what Word and many mail programs
# turn typed quotes into): read as the straight quotes TOML needs, double as
# double, single as single. One inside a text (“new” in "the “new” office", the
# apostrophe of "MOCRs’ mandate") is left as it is.
_CURLY = "\u201c\u201d\u201e\u201f"
_OPENING = re.compile(rf"([=\[,{{]\s*)[{_CURLY}]")
_CLOSING = re.compile(rf"[{_CURLY}](\s*(?:[\]}},#]|$))", re.MULTILINE)
_CURLY_SINGLE = "\u2018\u2019\u201a\u201b"
_OPENING_SINGLE = re.compile(rf"([=\[,{{]\s*)[{_CURLY_SINGLE}]")
_CLOSING_SINGLE = re.compile(rf"[{_CURLY_SINGLE}](\s*(?:[\]}},#]|$))", re.MULTILINE)
_MONTH_UNQUOTED = re.compile(r"=\s*([0-9]{4}-[0-9]{1,2})\b(?!-)")
_TOML_AT = re.compile(r"at line (\d+), column (\d+)")


def _straight_quotes(text: str) -> str:
    if any(ch in text for ch in _CURLY):
        text = _CLOSING.sub(r'"\1', _OPENING.sub(r'\1"', text))
    if any(ch in text for ch in _CURLY_SINGLE):
        text = _CLOSING_SINGLE.sub(r"'\1", _OPENING_SINGLE.sub(r"\1'", text))
    return text


def _parse_toml(text: str) -> dict[str, Any]:
    """``year.toml``'s keys; a text between curly quotes is read as if they were straight
    (only where the file would otherwise not be TOML at all)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        straight = _straight_quotes(text)
        if straight == text:
            raise
        return tomllib.loads(straight)


def toml_problem(name: str, text: str, err: tomllib.TOMLDecodeError) -> Problem:
    """What is wrong with a ``year.toml`` that is not TOML, in plain words: what to
    type, on which line (tomllib says only "Unclosed array" or "Invalid value")."""
    at = _TOML_AT.search(str(err))
    number = int(at.group(1)) if at else None
    lines = text.splitlines()
    ended = "at end of document" in str(err)  # tomllib names no line: the last one written
    if ended and number is None:
        number = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=None)
    line = lines[number - 1] if number is not None and 0 < number <= len(lines) else ""
    curly = [ch for ch in "\u201c\u201d\u201e\u201f\u2018\u2019" if ch in line]
    month = _MONTH_UNQUOTED.search(line)
    said = str(err)
    dated = _DATE_LINE.match(line)
    if dated:
        key = dated.group(1)
        return Problem(
            name,
            number,
            key,
            "bad-date",
            f"{key} must be a day of the calendar written year-month-day, as in {key} = 2020-03-15",
        )
    key = re.match(r"\s*([\w-]+)\s*[=:]", line)
    if month:
        year = month.group(1)[:4]  # the example in the file's own year
        message = (
            f"the month {month.group(1)} must be in quotes: "
            f'write "{month.group(1)}", as in period = {{ start = "{year}-01", end = "{year}-12" }}'
        )
    elif "Cannot overwrite a value" in said or "Cannot declare" in said:
        message = (
            "a key is written twice (each language's notes, and each of period, sample, "
            "published and revised, come once): keep one of them"
        )
    elif "Expected '=' after a key" in said:
        message = (
            'a key and its value are joined by "=", not ":" or a space, as in '
            'sample = true or en = ["The first note."]'
        )
    elif "inline table" in said or ("Expected ',' or '}'" in said and "{" in line):
        message = (
            "the period is not written as TOML reads it: a comma between the two months, "
            'and braces around them: period = { start = "2020-01", end = "2020-06" }'
        )
    elif "Invalid value" in said and key is not None and key.group(1) == "sample":
        message = "the sample flag is true or false, in small letters and without quotes"
    elif curly:
        message = (
            f"{' '.join(curly)}: curly quotes (from Word or a mail) cannot start or end a "
            'text here; type straight quotes ("), as in en = ["The first note."]'
        )
    elif ("Unclosed array" in said or "Expected ',' or ']'" in said) and line.count('"') > 2:
        message = (
            'a note holds a straight quote (") inside its text, which ends the text there; '
            'inside a note write “ ” (or \\"), or put the whole note in single quotes: '
            "en = ['The \"new\" office opened.']"
        )
    elif "escape" in said.lower():  # "Unescaped '\\'", "Escaped character is not …"
        message = (
            "a backslash (\\) in a text starts an escape that TOML does not know: write \\\\ "
            "for a backslash, or put the whole note in single quotes: en = ['C:\\notes']"
        )
    elif "Illegal character '\\n'" in said:
        message = 'a text is not closed on this line: its closing quote (") is missing'
    elif ended:
        message = (
            'the file ends before a list or a text is closed: a closing ] or quote (") '
            "is missing, on this line or one above"
        )
    elif "Invalid value" in said:
        message = (
            "a value is not written as TOML reads it: a text goes in straight quotes "
            '(en = ["The first note."]), the sample flag is true or false'
        )
    else:
        message = (
            f"not valid TOML: {said}; a quote or bracket is likely missing on this line "
            '(a text goes in straight quotes: en = ["The first note."])'
        )
    return Problem(name, number, None, "bad-toml", message)


def _read_period(value: Any, year: int, problem: Callable[..., None]) -> Period | None:
    if value is None:
        return Period(f"{year}-01", f"{year}-12")
    if not isinstance(value, dict) or set(value) - {"start", "end"}:
        problem("bad-period", f'period must look like {{ start = "{year}-01", end = "{year}-12" }}')
        return None
    months: list[str] = []
    for key in ("start", "end"):
        month = value.get(key, f"{year}-01" if key == "start" else f"{year}-12")
        found = _MONTH.fullmatch(month) if isinstance(month, str) else None
        if found and not 1 <= int(found.group(2)) <= 12:
            problem(
                "bad-period",
                f"period.{key} '{month}': {found.group(2)} is not a month "
                f'(they go from "{year}-01" to "{year}-12")',
                key,
            )
        elif not found:
            # A TOML date (2019-01-01, unquoted) is shown as written, not as Python's repr.
            shown = f"'{month}'" if isinstance(month, str) else str(month)
            problem("bad-period", f'period.{key} must be a month like "{year}-01", not {shown}')
        elif int(found.group(1)) != year:
            problem("bad-period", f"period.{key} {month} is not in {year}")
        else:
            months.append(month)
    if len(months) < 2:
        return None
    if months[0] > months[1]:
        problem("bad-period", f"period starts ({months[0]}) after it ends ({months[1]})")
        return None
    return Period(months[0], months[1])


def _read_notes(
    value: Any,
    languages: Languages,
    built: Collection[str] | None,
    problem: Callable[..., None],
) -> dict[str, tuple[str, ...]]:
    """Notes per language; every built language must carry as many as the others."""
    if not isinstance(value, dict):
        problem("bad-notes", 'notes must be a table of lists: [notes] en = ["…"]')
        return {}
    notes: dict[str, tuple[str, ...]] = {}
    unreadable: set[str] = set()
    spelled = {tag.casefold(): tag for tag in languages}
    given: dict[str, str] = {}  # language → the key it was first given under
    for key, items in value.items():
        lang = spelled.get(key.replace("_", "-").casefold())
        if lang is None:
            problem(
                "unknown-language",
                f"notes: unknown language '{key}'; the languages are: {', '.join(languages)}",
                key,
            )
            continue
        if lang in given:
            problem(
                "repeated", f"notes: '{lang}' is given twice, as '{given[lang]}' and '{key}'", key
            )
            continue
        given[lang] = key
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            problem("bad-notes", f"notes.{lang} must be a list of non-empty texts", key)
            unreadable.add(lang)
            continue
        notes[lang] = tuple(i.strip() for i in items)
        for number, note in enumerate(notes[lang], start=1):
            if hidden := hidden_marks(note):
                problem(
                    "hidden-marks", f"notes.{key}, note {number}: {hidden_problem(hidden)}", key
                )
            elif missing := undrawable(note):
                problem("undrawable", f"notes.{key}, note {number}: {font_problem(missing)}", key)

    # Each built sheet must print as many notes as the fullest language has,
    # built or not. A language without notes of its own prints its base's
    # (sr-Cyrl, sr's): a shortfall is reported once, under the base. A
    # language already reported as unreadable is not compared.
    def printer(lang: str) -> str:
        if _borrows_notes(lang, notes, languages):
            return languages[lang] or lang
        return lang

    counts = {
        lang: len(notes.get(lang, ()))
        for lang in languages
        if lang not in unreadable and printer(lang) == lang
    }
    built_printers = {printer(lang) for lang in (languages if built is None else built)}
    _check_parity(counts, built_printers, problem)
    return notes


def _borrows_notes(language: str, notes: dict[str, tuple[str, ...]], languages: Languages) -> bool:
    """Whether ``language`` prints its base language's notes (transliterated, for sr-Cyrl)."""
    base = languages[language]
    return language not in notes and base is not None and base in languages


def _check_parity(
    counts: dict[str, int], built: Collection[str], problem: Callable[..., None]
) -> None:
    """A sheet in one official language never says less than in another."""
    most = max(counts.values(), default=0)
    fullest = next((lang for lang, n in counts.items() if n == most), "")
    for lang, n in counts.items():
        if n < most and lang in built:
            problem(
                "notes-parity",
                f"notes: '{lang}' has {n} note{'s' if n != 1 else ''} where '{fullest}' has "
                f"{most}; a sheet in one language must not say less than in another",
                lang,
            )


def read_year(
    data_dir: Path,
    year: int,
    reference: Reference,
    matcher: MunicipalityMatcher,
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> tuple[YearTables | None, list[Problem]]:
    """One year's folder, checked against the reference tables (``built``: see
    ``read_year_meta``). ``matcher``: the reference's municipalities, built once
    by the caller for every year it reads."""
    problems: list[Problem] = []
    meta, found = read_year_meta(data_dir, year, languages, encoding, built)
    problems.extend(found)
    context = Context(reference, matcher)
    read = read_tables(data_dir, year, year_tables.YEAR_TABLES, context, problems, encoding)
    tables = Context(reference, matcher, read)
    offices = tables.records(year_tables.OFFICES, Office)
    officers = tables.records(year_tables.OFFICERS, Officer)
    duties = tables.records(year_tables.DUTY_CHECKLISTS, DutyChecklist)
    if problems or meta is None or offices is None or officers is None or duties is None:
        return None, problems
    return YearTables(meta, offices, officers, duties), problems


def read_previous(
    data_dir: Path,
    year: int,
    reference: Reference,
    matcher: MunicipalityMatcher,
    languages: Languages,
    encoding: str | None = None,
    built: Collection[str] | None = None,
) -> tuple[PreviousYear | None, list[Problem]]:
    """What a sheet reads of the year before (the tables read for the next year:
    offices and duties, and its ``year.toml``: the sheet marks that year's figures
    with its notes and period, and a comparison of real with invented figures),
    if the folder exists. ``built``: as ``read_year_meta``'s."""
    before = year - 1
    if not (data_dir / str(before)).is_dir():
        return None, []
    problems: list[Problem] = []
    wanted = [t for t in year_tables.YEAR_TABLES if t.read_for_next_year]
    read = read_tables(data_dir, before, wanted, Context(reference, matcher), problems, encoding)
    tables = Context(reference, matcher, read)
    offices = tables.records(year_tables.OFFICES, Office)
    duties = tables.records(year_tables.DUTY_CHECKLISTS, DutyChecklist)
    meta, found = read_year_meta(data_dir, before, languages, encoding, built)
    problems.extend(found)
    if problems or offices is None or duties is None or meta is None:
        return None, problems
    return PreviousYear(before, offices, duties, meta.sample, meta), problems
