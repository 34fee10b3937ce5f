"""``mocr serve`` as the analyst uses it: a profile open in a real browser, a cell of a
workbook changed, and the page redraws itself; a wrong value, and the problem line
shows over the page; the value fixed, and the page is back. Then Ctrl-C.

The server runs as its own process (``python -m mocr_factsheet serve``) on a copy of
the small data whose 2019 offices are a workbook; the browser is Debian's Chromium
(see tests/test_browser.py), and it talks to 127.0.0.1 only.
"""

from __future__ import annotations

import csv
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import SMALL
from test_committees_browser import BrowserThread  # beside test_browser.py's own Playwright

pytestmark = pytest.mark.slow
PAGE = "2019/municipalities/mocr-2019-decan-en.html"
FIRST_BUILD_SECONDS = 300  # the small data's English pages, on a shared machine
RELOAD_MS = 60_000
# The end of each pass of the server's builds ("rebuilt 67 files in 2.7 s; the publication
# is up to date", serve.py; before the CLI review it began "up to date").
UP_TO_DATE = "; the publication is up to date"


def as_workbook(csv_file: Path) -> Path:
    """The CSV file as the workbook an analyst would keep instead (the same header and rows)."""
    rows = list(csv.reader(csv_file.read_text("utf-8").splitlines(), delimiter=";"))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    workbook = csv_file.with_suffix(".xlsx")
    book.save(workbook)
    csv_file.unlink()
    return workbook


def set_cell(workbook: Path, municipality: str, column: str, value: str) -> None:
    """Change one cell and save the workbook in place, as a spreadsheet program does."""
    book = openpyxl.load_workbook(workbook)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == municipality:
            row[header.index(column)].value = value
    book.save(workbook)


class Served:
    """``mocr serve`` in its own process, its output lines read as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mocr_factsheet", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str, seconds: float, containing: str = "") -> str:
        """The next line starting with ``start`` (and holding ``containing``)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.said.append(line)
            if line.startswith(start) and containing in line:
                return line
        raise AssertionError(f"no line starting {start!r} in {seconds} s: {self.said}")

    def stop(self) -> int:
        """Ctrl-C, and the exit status (the process is killed if it has not
        stopped within 30 s); every line it said is in ``said``."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        self.reader.join(timeout=10)
        while not self.lines.empty():
            self.said.append(self.lines.get())
        return code


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Served, str, Path]]:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    workbook = as_workbook(data / "2019" / "offices.csv")
    server = Served(
        "--data", str(data), "--out", str(tmp_path / "out"),
        "--lang", "en", "--format", "html", "--jobs", "2",
    )  # fmt: skip
    try:
        url = server.wait_for("serving ", 60).rsplit(" on ", 1)[1].split()[0]
        server.wait_for("", FIRST_BUILD_SECONDS, containing=UP_TO_DATE)
        yield server, url, workbook
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
        server.reader.join(timeout=10)
        if server.process.stdout is not None:
            server.process.stdout.close()


MAYBE = "2019/offices.xlsx:2:work_plan: 'maybe'"


def work_plan(page: Any) -> str:
    return str(page.locator("dl.facts div:has(dt:text-is('Work plan')) dd").inner_text())


def test_a_saved_cell_redraws_the_open_page(
    browser: BrowserThread, served: tuple[Served, str, Path]
) -> None:
    server, url, workbook = served

    def analyst(chromium: Any) -> None:
        page = chromium.new_page()
        try:
            page.goto(url + PAGE, wait_until="load")
            assert work_plan(page) == "✓\u00a0Yes"  # with its mark (render/palette.py)

            # One cell changed: the page reloads by itself with the new figure.
            with page.expect_event("load", timeout=RELOAD_MS):
                set_cell(workbook, "decan", "work_plan", "no")
            page.wait_for_function(
                "() => document.querySelector('#mocr-problems') === null", timeout=RELOAD_MS
            )
            assert work_plan(page) == "✗\u00a0No"

            # A value the data cannot hold: the problem line shows over the last good page.
            set_cell(workbook, "decan", "work_plan", "maybe")
            problems = page.locator("#mocr-problems")
            problems.wait_for(state="visible", timeout=RELOAD_MS)
            # The first line shown is this one: a cycle that read the workbook half
            # saved waited for the save's end (serve.py, still_saving).
            assert MAYBE in problems.inner_text()
            # Saying first what the page under it is: the last good build, not the data.
            assert problems.inner_text().startswith("The data has problems, so the preview ")
            assert work_plan(page) == "✗\u00a0No"
            # Above the page, not over it: what follows the box starts below it (a
            # page not built yet says what it waits for there).
            covered = page.evaluate(
                "() => { const box = document.querySelector('#mocr-problems');"
                " const first = [...document.body.children].find("
                "   e => e !== box && e.tagName !== 'SCRIPT');"
                " return first.getBoundingClientRect().top < box.getBoundingClientRect().bottom; }"
            )
            assert not covered

            # Fixed: the problems go, and the page is back with the value.
            with page.expect_event("load", timeout=RELOAD_MS):
                set_cell(workbook, "decan", "work_plan", "yes")
            problems.wait_for(state="detached", timeout=RELOAD_MS)
            assert work_plan(page) == "✓\u00a0Yes"
        finally:
            page.close()

    browser.run(analyst)

    # The server done with the last save (its problem said, then the pages of the fixed
    # value rebuilt): Ctrl-C is heard between builds, however slow the machine.
    server.wait_for("", RELOAD_MS / 1000, containing="2019/offices.xlsx:2:work_plan")
    server.wait_for("", FIRST_BUILD_SECONDS, containing=UP_TO_DATE)
    # Ctrl-C stops it cleanly: a line, exit status 0, no traceback.
    assert server.stop() == 0
    assert server.said[-1] == "stopped."
    assert not any("Traceback" in line for line in server.said)
    assert not any("not a readable Excel workbook" in line for line in server.said)
