"""Property-based: whatever the files hold, the readers answer with problems, never a crash.

Random cells, headers, encodings, delimiters, line endings, workbook contents
and TOML are fed to the readers and validators. The only exception allowed is
the tool's own ``UserError``; every problem it reports is one printable line.
The ``ci`` profile (the default) runs a few thousand examples in all, in well
under two minutes; ``HYPOTHESIS_PROFILE=thorough`` runs ten times as many.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mocr_factsheet.core.export import to_json
from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.data.load import read_table
from mocr_factsheet.data.validate import read_year_meta
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.problems import Problem, UserError, report_lines

SMALL = Path(__file__).parent / "fixtures" / "small"
LANGUAGES: dict[str, str | None] = {"en": None, "sq": None, "sr": None, "sr-Cyrl": "sr"}
OFFICERS = ("municipality", "community", "gender")

settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,  # a slow CI machine is not a failure
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
_SCALE = 10 if PROFILE == "thorough" else 1
# Thousands of random examples (half a minute): out of the inner loop, in make test.
pytestmark = pytest.mark.slow


def examples(count: int) -> settings:
    """This test's share of the examples: ten times as many when thorough."""
    return settings(max_examples=count * _SCALE)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One copy of the small data folder; each example rewrites one file of it."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SMALL, data)
        yield data


def assert_printable(problems: list[Problem] | tuple[Problem, ...]) -> None:
    """Every problem is one line a terminal prints as it is, and the report is capped."""
    lines = list(report_lines(list(problems)))
    assert len(lines) <= 1_002
    for line in lines:
        # Printable, or a space of another width (no-break, ideographic).
        assert all(ch.isprintable() or unicodedata.category(ch) == "Zs" for ch in line), line
        assert len(line) < 5_000


# --- what files hold ---------------------------------------------------------------

SPECIAL = st.sampled_from(
    ['"', "'", ",", ";", "\t", "\r", "\n", "\r\n", "\x00", "\x1b[31m", "\ufeff", "\u200b",
     "ë", "Ç", "đ", "Ђ", "ж", "한", "$\\frac$", " ", "\u2028", "\x85", "#N/A", "=1+1"]
)  # fmt: skip
CELL = st.lists(st.text(max_size=6) | SPECIAL, max_size=4).map("".join)
KNOWN_CELL = st.sampled_from(
    ["decan", "Dečane", "prizren", "gracanice", "serb", "albanian", "roma", "f", "m", "male",
     "yes", "no", "", "established", "similar_office", "not_established", "klingon"]
)  # fmt: skip
HEADER_CELL = st.sampled_from([*OFFICERS, "Municipality ", " GENDER", "status", ""]) | CELL


@st.composite
def csv_bytes(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A CSV file as written by hand or by a program, and the --encoding given."""
    header = draw(st.lists(HEADER_CELL, min_size=0, max_size=5))
    rows = draw(st.lists(st.lists(KNOWN_CELL | CELL, max_size=5), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        if quote:
            cells = ['"' + c.replace('"', '""') + '"' for c in cells]
        return delimiter.join(cells)

    text = ending.join(line(r) for r in [header, *rows]) + draw(st.sampled_from(["", ending]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1250", "cp1251", "utf-16"]))
    raw = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # cut anywhere, as a full disk or a copy does
        raw = raw[: draw(st.integers(0, len(raw)))]
    given_encoding = draw(st.sampled_from([None, None, "cp1250", "utf-16", "latin-1"]))
    return raw, given_encoding


@examples(800)
@given(csv_bytes())
def test_any_csv_is_read_or_reported(folder: Path, file: tuple[bytes, str | None]) -> None:
    raw, encoding = file
    (folder / "any.csv").write_bytes(raw)
    table, problems = read_table(folder, "any", required=OFFICERS, encoding=encoding)
    assert table is not None or problems
    assert_printable(problems)


@examples(300)
@given(st.binary(max_size=400), st.sampled_from([None, "cp1250", "utf-16"]))
def test_any_bytes_are_read_or_reported(folder: Path, raw: bytes, encoding: str | None) -> None:
    (folder / "any.csv").write_bytes(raw)
    _, problems = read_table(folder, "any", required=OFFICERS, encoding=encoding)
    assert_printable(problems)


WORKBOOK_VALUE = (
    KNOWN_CELL
    | CELL.map(lambda s: "".join(ch for ch in s if ch.isprintable() or ch in "\t\n"))
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
    | st.sampled_from(["=1+1", '=IF(TRUE,"f","m")', "#N/A", "#DIV/0!", "=NA()"])
    | st.dates()
)


@examples(250)
@given(
    st.lists(st.lists(WORKBOOK_VALUE, max_size=5), max_size=8),
    st.dictionaries(
        st.sampled_from(["A1", "B2", "E9", "CV5", "CW2", "A10001", "XFD1", "XFD1048576"]),
        WORKBOOK_VALUE,
        max_size=2,
    ),
)
def test_any_workbook_is_read_or_reported(
    folder: Path, rows: list[list[Any]], cells: dict[str, Any]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(OFFICERS))
    for row in rows:
        sheet.append(row)
    for ref, value in cells.items():
        sheet[ref] = value
    (folder / "any.csv").unlink(missing_ok=True)
    path = folder / "any.xlsx"
    book.save(path)
    try:
        table, problems = read_table(folder, "any", required=OFFICERS)
    finally:
        path.unlink()
    assert table is not None or problems
    assert_printable(problems)


MEMBERS = st.sampled_from(
    ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
     "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/sharedStrings.xml"]
)  # fmt: skip
MEMBER_BYTES = st.binary(max_size=200) | st.sampled_from(
    [b"<x/>", b"<worksheet><sheetData/></worksheet>"]
)


@examples(150)
@given(st.dictionaries(MEMBERS, MEMBER_BYTES))
def test_any_zip_as_a_workbook_is_reported(folder: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    (folder / "any.csv").unlink(missing_ok=True)
    path = folder / "any.xlsx"
    path.write_bytes(buffer.getvalue())
    try:
        _, problems = read_table(folder, "any", required=OFFICERS)
    finally:
        path.unlink()
    assert problems
    assert all(p.message.rstrip().split(":")[-1].strip() for p in problems)  # a reason, always
    assert_printable(problems)


# --- TOML -------------------------------------------------------------------------------

TOML_SCALAR = (
    st.text(max_size=12) | SPECIAL | st.integers() | st.booleans() | st.sampled_from(["2019-01"])
)
TOML_VALUE = st.recursive(
    TOML_SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["start", "end", "en", "sq", "sr", "sr-Cyrl", "x"]), inner
        )
    ),
    max_leaves=8,
)


def toml_value(value: Any) -> str:
    """A value written as TOML (inline tables and arrays; JSON strings are TOML strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + "}"


@examples(500)
@given(
    st.dictionaries(st.sampled_from(["period", "sample", "notes", "sampel", "extra"]), TOML_VALUE),
    st.sampled_from([None, ["en"], ["sq", "sr"], ["sr-Cyrl"]]),
)
def test_any_year_toml_is_read_or_reported(
    folder: Path, doc: dict[str, Any], built: list[str] | None
) -> None:
    text = "\n".join(f'"{key}" = {toml_value(value)}' for key, value in doc.items())
    (folder / "2019" / "year.toml").write_text(text, "utf-8", errors="surrogatepass")
    meta, problems = read_year_meta(folder, 2019, LANGUAGES, None, built)
    assert meta is not None or problems
    assert_printable(problems)


@examples(200)
@given(st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_text_as_year_toml_is_read_or_reported(folder: Path, text: str) -> None:
    (folder / "2019" / "year.toml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _, problems = read_year_meta(folder, 2019, LANGUAGES)
    assert_printable(problems)


# --- a whole data folder ----------------------------------------------------------------

TARGETS = ["2019/officers.csv", "2019/offices.csv", "2019/duties.csv", "municipalities.csv",
           "communities.csv", "2018/duties.csv"]  # fmt: skip


@examples(300)
@given(st.sampled_from(TARGETS), st.data())
def test_any_data_folder_validates_or_reports(
    folder: Path, target: str, data: st.DataObject
) -> None:
    """One file of a valid folder rewritten, rows kept or mixed with random ones."""
    original = (SMALL / target).read_text("utf-8").splitlines()
    kept = data.draw(st.lists(st.sampled_from(original), max_size=len(original) + 3))
    noise = data.draw(st.lists(st.lists(KNOWN_CELL | CELL, max_size=9).map(",".join), max_size=3))
    lines = original[:1] + kept + noise if data.draw(st.booleans()) else kept + noise
    path = folder / target
    path.write_text("\n".join(lines), "utf-8")
    try:
        dataset = load_dataset(folder, [2019], LANGUAGES)
    except UserError as err:
        assert err.problems
        assert_printable(err.problems)
    else:
        to_json(counts.indicators(dataset, 2019))
    finally:
        shutil.copy(SMALL / target, path)
