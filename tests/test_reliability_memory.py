"""No input makes a ``mocr`` process grow past 1 GB: the worst inputs, measured.

Each input sits just under a limit of the readers (or far past it), and
``mocr validate`` runs on it in a fresh process whose peak resident memory
(``ru_maxrss``) is read at its end. docs/reliability.md quotes the figures
(``pytest -s`` prints them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

SMALL = Path(__file__).parent / "fixtures" / "small"
LIMIT = 2**30  # the contract's bound: 1 GB (docs/contract.md §1)
# Whole processes on inputs of hundreds of megabytes: out of the inner loop.
pytestmark = pytest.mark.slow
# Runs the command line in this process and writes its peak memory (bytes).
# VmHWM rather than ru_maxrss, which on Linux carries the peak of the parent
# (pytest) into a child started with vfork and exec.
MEASURE = """
import re, sys
from pathlib import Path
from mocr_factsheet.cli import app
try:
    app(sys.argv[2:], prog_name="mocr")
except SystemExit as done:
    code = done.code
peak = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
Path(sys.argv[1]).write_text(f"{int(peak) * 1024} {code}")
"""


def peak_memory(tmp_path: Path, *args: str) -> tuple[int, int, str]:
    """``mocr ARGS`` in a fresh process: its peak memory in bytes, exit status, stderr."""
    report = tmp_path / "peak.txt"
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(report), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    peak, code = report.read_text().split()
    return int(peak), int(code), result.stderr


def _huge_cells(data: Path) -> None:
    """9.9 MB of officers, every row wrong, every cell Cyrillic and over a thousand characters."""
    line = "д" * 1_100 + ",ж" * 2 + "\n"
    count = (9_900_000 // len(line.encode())) + 1
    (data / "2019" / "officers.csv").write_text(
        "municipality,community,gender\n" + line * count, "utf-8"
    )


def _many_problems(data: Path) -> None:
    """9,990 rows, three problems each: the report is capped, the count is not."""
    (data / "2019" / "officers.csv").write_text(
        "municipality,community,gender\n" + "nowhere,klingon,x\n" * 9_990, "utf-8"
    )


def _stray_last_cell(data: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["municipality", "community", "gender"])
    sheet["XFD1048576"] = "x"
    book.save(data / "2019" / "officers.xlsx")
    (data / "2019" / "officers.csv").unlink()


def _inflating_workbook(data: Path) -> None:
    """Just under the unpacked limit: 48 MB of shared text in 9,000 rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["municipality", "community", "gender"])
    for number in range(9_000):
        sheet.append([f"{number:05d}" + "x" * 1_800, "y" * 1_800, "z" * 1_800])
    path = data / "2019" / "officers.xlsx"
    book.save(path)
    (data / "2019" / "officers.csv").unlink()
    with zipfile.ZipFile(path) as archive:
        assert 40 * 2**20 < sum(m.file_size for m in archive.infolist()) < 50 * 2**20


def _zip_bomb(data: Path) -> None:
    _stray_last_cell(data)
    path = data / "2019" / "officers.xlsx"
    chunk = b"a" * 2**20
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings2.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(1_024):
            member.write(chunk)


def _deep_toml(data: Path) -> None:
    with (data / "2019" / "year.toml").open("a") as handle:
        handle.write("\nextra = " + "[" * 100_000 + "]" * 100_000 + "\n")


def _form_feeds(data: Path) -> None:
    """9.9 MB of characters that str.splitlines (not csv) takes for line breaks."""
    (data / "2019" / "officers.csv").write_text("\x0c" * 9_900_000, "utf-8")


def _windows_1250_words(data: Path) -> None:
    """9.9 MB in Windows-1250, one-letter words: the encoding is guessed from its start."""
    (data / "2019" / "officers.csv").write_bytes("č ".encode("cp1250") * 4_950_000)


WORST: dict[str, Callable[[Path], None]] = {
    "9.9 MB of form feeds": _form_feeds,
    "9.9 MB of Windows-1250": _windows_1250_words,
    "9.9 MB CSV of 1,100-character Cyrillic cells": _huge_cells,
    "29,970 problems": _many_problems,
    "workbook with a value in XFD1048576": _stray_last_cell,
    "workbook unpacking to 48 MB": _inflating_workbook,
    "workbook unpacking to 1 GB": _zip_bomb,
    "TOML nested 100,000 deep": _deep_toml,
}


@pytest.mark.parametrize("name", list(WORST))
def test_the_worst_inputs_stay_far_below_1_gb(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    WORST[name](data)
    peak, code, stderr = peak_memory(tmp_path, "validate", "--data", str(data))
    print(f"\n{name}: peak {peak / 2**20:.0f} MB, exit {code}, {len(stderr.splitlines())} lines")
    assert code == 1
    assert stderr.splitlines()[-1].endswith("found.")
    assert len(stderr.splitlines()) <= 1_002
    assert peak < LIMIT // 2, f"{name}: {peak / 2**20:.0f} MB"
