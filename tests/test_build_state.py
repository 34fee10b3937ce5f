"""The analyst's loop and its safety (issues 17 and 19): workbooks rebuilt row by
row, one build at a time per output folder, a record that trusts content,
finished work kept across an interruption, stale outputs removed, a dry run
that says why, and every file checked writable before anything is replaced."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import SMALL, edit, invoke
from mocr_factsheet.build import run as build_module
from mocr_factsheet.build import write
from mocr_factsheet.build.manifest import MANIFEST, Manifest, Stale
from mocr_factsheet.build.state import STATE, locked
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.settings import FORMATS, BuildSettings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def settings(data: Path, out: Path, **more: Any) -> BuildSettings:
    options: dict[str, Any] = {
        "years": (),
        "languages": (),
        "formats": FORMATS,
        "force": False,
        "jobs": 1,
        "encoding": None,
        **more,
    }
    return BuildSettings(
        data_dir=data,
        out_dir=out,
        templates_dir=resource_dir("templates"),
        locales_dir=resource_dir("locales"),
        **options,
    )


def outputs_in(out: Path) -> dict[str, bytes]:
    """Every published file's bytes (the hidden state left out)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and STATE not in p.parts
    }


def build_args(data: Path, out: Path, *more: str) -> list[str]:
    return ["build", "--data", str(data), "--out", str(out), "--format", "html", *more]


# --- 1. a workbook's rows, told apart by municipality ---------------------------------


def to_workbook(path: Path) -> Path:
    """``path`` (a CSV file) as the workbook Excel would save of it."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    rows = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text.split("\n")[0] else ","))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    target = path.with_suffix(".xlsx")
    book.save(target)
    path.unlink()
    return target


def set_cell(path: Path, municipality: str, column: str, value: str) -> None:
    """One cell of ``municipality``'s row of a workbook, as Excel saves it: every part
    of the file written again (a new time in its properties)."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == municipality)
    row[header.index(column)].value = value
    time.sleep(1.1)  # the properties' time is in seconds
    book.save(path)


def changed_outputs(data: Path, out: Path, change: Any) -> set[str]:
    """The outputs whose inputs ``change`` changes, as the build's planner sees them."""
    plan = build_module.dry_run(settings(data, out))
    before = plan.fingerprints
    change()
    after = build_module.dry_run(settings(data, out)).fingerprints
    assert set(before) == set(after)
    return {p.relative_to(out).as_posix() for p in before if before[p] != after[p]}


@pytest.mark.slow
def test_a_workbook_cell_rebuilds_what_the_same_csv_edit_rebuilds(tmp_path: Path) -> None:
    as_csv, as_xlsx = tmp_path / "csv", tmp_path / "xlsx"
    shutil.copytree(DATA, as_csv)
    shutil.copytree(DATA, as_xlsx)
    offices = to_workbook(as_xlsx / "2019" / "offices.csv")
    out = tmp_path / "out"
    by_csv = changed_outputs(
        as_csv,
        out,
        lambda: edit(
            as_csv / "2019" / "offices.csv",
            "\ndecan,established,yes,yes",
            "\ndecan,established,yes,no",
        ),
    )
    by_xlsx = changed_outputs(
        as_xlsx, out, lambda: set_cell(offices, "decan", "annual_report", "no")
    )
    assert by_xlsx == by_csv
    # Deçan's 2019 profiles, the 2019 sheets and what shows 2019: not the others' profiles.
    assert "2019/municipalities/mocr-2019-decan-en.html" in by_xlsx
    assert not any("prizren" in name for name in by_xlsx)
    # The year's downloads (its charts' files, CSV, workbooks) show all of 2019 too.
    pages = [n for n in by_xlsx if not n.startswith(("2019/charts/", "2019/data/", "trends/data/"))]
    assert len(pages) < 60, sorted(pages)
    # Saving the workbook again, unchanged, rebuilds nothing.
    assert (
        changed_outputs(as_xlsx, out, lambda: set_cell(offices, "decan", "annual_report", "no"))
        == set()
    )


def test_a_workbook_s_rows_move_with_their_municipality(tmp_path: Path) -> None:
    from mocr_factsheet.data.inputs import Digests, Reads

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    to_workbook(data / "municipalities.csv")  # names matched from a workbook too
    officers = to_workbook(data / "2019" / "officers.csv")

    def rows() -> dict[str, str]:
        digests = Digests(data, tmp_path, {}, None)
        return {
            code: digests.fingerprint(Reads(rows=((2019, "officers", code),)))
            for code in ("decan", "prizren", "gracanice")
        }

    before = rows()
    assert len(set(before.values())) == 3
    book = openpyxl.load_workbook(officers)
    book.worksheets[0].append(["Prizreni", "turk", "f"])  # another of Prizren's names
    book.save(officers)
    after = rows()
    assert [c for c in before if before[c] != after[c]] == ["prizren"]
    # A second sheet with no municipality column is read by every municipality.
    book.create_sheet("notes").append(["a note"])
    book.save(officers)
    noted = rows()
    assert all(noted[c] != after[c] for c in after)


def workbook_with(path: Path, parts: dict[str, bytes]) -> None:
    """A small workbook with some of its parts replaced."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["municipality", "community", "gender"])
    sheet.append(["decan", "serb", "f"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)


@pytest.mark.parametrize(
    "parts",
    [
        # 2.5 million empty fonts: 16.7 MB of styles in a few kilobytes
        {
            "xl/styles.xml": b'<styleSheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><fonts>' + b"<font/>" * 2_500_000 + b"</fonts></styleSheet>"
        },
        # one row numbered 999,999,999, in column XFD
        {
            "xl/worksheets/sheet1.xml": b'<worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="999999999"><c r="XFD999999999" '
            b't="inlineStr"><is><t>decan</t></is></c></row></sheetData></worksheet>'
        },
        # not XML at all
        {"xl/worksheets/sheet1.xml": b"<worksheet"},
    ],
    ids=["styles-bomb", "huge-row-number", "broken-xml"],
)
def test_planning_reads_a_hostile_workbook_quickly(tmp_path: Path, parts: dict[str, bytes]) -> None:
    from mocr_factsheet.data.inputs import Digests, Reads

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    (data / "2019" / "officers.csv").unlink()
    workbook_with(data / "2019" / "officers.xlsx", parts)
    started = time.perf_counter()
    digests = Digests(data, tmp_path, {}, None)
    digests.fingerprint(Reads(rows=((2019, "officers", "decan"),)))
    assert time.perf_counter() - started < 2


# --- 2. one build at a time; a record that trusts content -------------------------------


def test_a_second_build_refuses_while_one_holds_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = build_args(SMALL, out, "--kind", "sheet", "--lang", "en", "--jobs", "1")
    with locked(out):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines() == [
            f"{out}: another mocr build is writing in this folder (process {os.getpid()}); "
            "wait for it to finish, or run with --wait",
            "1 problem found.",
        ]
        assert outputs_in(out) == {}

    def release_later(held: threading.Event, release: threading.Event) -> None:
        with locked(out):
            held.set()
            release.wait(10)

    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=release_later, args=(held, release))
    holder.start()
    held.wait(10)
    threading.Timer(1.0, release.set).start()
    result = invoke(*args, "--wait")
    holder.join()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"{out}: another mocr build is writing in this folder (process {os.getpid()}); "
        "waiting for it to finish"
    )
    assert "built 4, up to date 0" in result.stdout


def consistent(out: Path) -> None:
    """Every output the record lists holds the bytes it records."""
    record = Manifest.load(out)
    assert record.entries
    for key, entry in record.entries.items():
        data = (out / key).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["output"], key


@pytest.mark.slow
def test_two_builds_at_once_leave_a_consistent_folder_and_a_mismatch_is_repaired(
    tmp_path: Path,
) -> None:
    other = tmp_path / "other"
    shutil.copytree(SMALL, other)
    edit(other / "2019" / "offices.csv", "\ndecan;established;yes;yes", "\ndecan;established;no;no")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "mocr_factsheet"]
    runs = [
        subprocess.Popen(
            [*command, *build_args(data, out, "--lang", "en", "--jobs", "1", *wait)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for data, wait in ((SMALL, ()), (other, ()), (SMALL, ("--wait",)))
    ]
    results = [(run.wait(300), *run.communicate()) for run in runs]
    for code, _stdout, stderr in results:
        assert code == 0 or "another mocr build is writing in this folder" in stderr, stderr
    assert results[2][0] == 0, results[2]  # --wait always gets its turn
    consistent(out)
    # A file changed behind the record's back, same size and an older time, is rebuilt.
    sheet = out / "2019" / "mocr-2019-en.html"
    stat = sheet.stat()
    text = sheet.read_bytes()
    sheet.write_bytes(text.replace(b"<html", b"<HTML", 1))
    os.utime(sheet, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))
    result = invoke(*build_args(SMALL, out, "--lang", "en", "--jobs", "1"))
    assert result.exit_code == 0, result.output
    assert "built 1, up to date" in result.stdout
    assert sheet.read_bytes() == text
    consistent(out)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_record_that_is_not_a_file_is_not_read(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    record = out / MANIFEST
    if kind == "fifo":
        os.mkfifo(record)
    else:
        record.symlink_to("/dev/zero")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mocr_factsheet",
         *build_args(SMALL, out, "--kind", "sheet", "--lang", "en", "--jobs", "1")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reason = "not a regular file" if kind == "fifo" else "a link, not a file"
    assert (
        f"warning: {record}: damaged ({reason}); treated as absent, so every output is "
        "rebuilt" in result.stderr
    )
    assert time.perf_counter() - started < 60
    assert record.is_file() and not record.is_symlink()


# --- 3. finished work survives an interruption -----------------------------------------


@pytest.mark.slow
def test_an_interrupted_build_s_finished_outputs_are_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    args = build_args(SMALL, out, "--kind", "sheet", "--jobs", "1")
    real = build_module.render_job
    rendered: list[int] = []

    def stopped_on_the_third(context: Any, task: Any) -> Any:
        if len(rendered) == 2:
            raise KeyboardInterrupt
        rendered.append(task.outputs)
        return real(context, task)

    monkeypatch.setattr(build_module, "render_job", stopped_on_the_third)
    result = invoke(*args)
    assert result.exit_code == 130, result.output
    finished = sum(rendered)
    assert finished >= 2
    assert result.stderr.splitlines()[-1] == (
        f"interrupted (Ctrl-C); nothing was written: every output is as it was; the "
        f"{finished} outputs it finished are kept, and the next build reuses them."
    )
    assert outputs_in(out) == {}  # the published files change all at once or not at all
    monkeypatch.setattr(build_module, "render_job", real)
    again = invoke(*args)
    assert again.exit_code == 0, again.output
    assert (
        f"built 10 ({finished} of them finished by an earlier build that stopped, reused), "
        "up to date 0" in again.stdout
    )
    assert not list((out / STATE / "cache").iterdir())
    # What was reused is what a build from scratch writes.
    fresh = tmp_path / "fresh"
    assert invoke(*build_args(SMALL, fresh, "--kind", "sheet", "--jobs", "1")).exit_code == 0
    assert outputs_in(out).keys() == outputs_in(fresh).keys()
    for name, content in outputs_in(fresh).items():
        if name != MANIFEST:
            assert outputs_in(out)[name] == content, name


# --- 4. stale outputs removed ------------------------------------------------------------


def test_outputs_no_input_makes_any_more_are_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    args = build_args(data, out, "--kind", "sheet", "--lang", "en", "--jobs", "1")
    assert invoke(*args).exit_code == 0
    # A profile of a municipality an earlier version knew, recorded as built.
    record = Manifest.load(out)
    gone = out / "2019" / "municipalities" / "mocr-2019-atlantis-en.html"
    gone.parent.mkdir()
    gone.write_text("<p>Atlantis</p>", "utf-8")
    record.record(gone, "0" * 64, gone.read_bytes())
    outside = tmp_path / "outside.html"  # a hand-edited record names a file outside
    outside.write_text("keep me", "utf-8")
    record.entries["../outside.html"] = dict(record.entries[record.key(gone)])
    (out / MANIFEST).write_text(record.to_json(), "utf-8")
    shutil.rmtree(data / "2018")  # and a year removed from the data
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    removed = [line for line in result.stdout.splitlines() if line.startswith("removed ")]
    assert removed == [
        f"removed {out / name} (no input makes it any more)"
        for name in (
            "2018/indicators.json",
            "2018/mocr-2018-en.html",
            "2019/municipalities/mocr-2019-atlantis-en.html",
        )
    ]
    assert "removed 3" in result.stdout.splitlines()[-1]
    assert not (out / "2018").exists() and not gone.parent.exists()
    assert outside.read_text("utf-8") == "keep me"
    assert not any(key.startswith("2018/") for key in Manifest.load(out).entries)
    # What the publish workflow checks before the site is uploaded.
    check = [sys.executable, str(ROOT / "tools" / "check_published.py"), str(out)]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0
    (out / "2019" / "left-behind.html").write_text("<p>old</p>", "utf-8")
    refused = subprocess.run(check, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr == f"{out / '2019' / 'left-behind.html'}: not written by the build\n"


# --- 5. a dry run says what and why -----------------------------------------------------


def test_a_dry_run_lists_what_would_be_rebuilt_and_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    out = tmp_path / "out"
    args = build_args(data, out, "--kind", "sheet", "--lang", "en", "--jobs", "1")
    nothing = invoke(*args, "--dry-run")
    assert nothing.exit_code == 0, nothing.output
    assert not out.exists()
    assert nothing.stdout.splitlines()[0] == "2018/indicators.json: not built before"
    assert invoke(*args).exit_code == 0
    before = outputs_in(out)
    officers = data / "2019" / "officers.csv"
    officers.write_text(officers.read_text("utf-8") + "Prizreni,turk,f\n", "utf-8")
    (out / "2018" / "mocr-2018-en.html").unlink()
    result = invoke(*args, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2018/mocr-2018-en.html: missing from the output folder",
        "2019/indicators.json: changed: 2019/officers.csv",
        "2019/mocr-2019-en.html: changed: 2019/officers.csv",
        "3 to rebuild, 0 to remove, 1 up to date; nothing was written.",
    ]
    plan = json.loads(invoke(*args, "--dry-run", "--json").stdout)
    assert plan["rebuild"][1] == {
        "output": "2019/indicators.json",
        "reason": "inputs",
        "inputs": ["2019/officers.csv"],
        "reused": False,
    }
    assert plan["remove"] == [] and plan["up_to_date"] == 1
    del before["2018/mocr-2018-en.html"]
    assert outputs_in(out) == before
    # On data that does not validate, the build would rebuild nothing: the dry
    # run says why, as the build does, and fails (CLI review: it listed them).
    officers.write_text(officers.read_text("utf-8") + "Prizren,turk,x\n", "utf-8")
    for more in ((), ("--json",)):
        failed = invoke(*args, "--dry-run", *more)
        assert failed.exit_code == 1, failed.output
        assert failed.stdout == ""
        assert failed.stderr.splitlines()[-2:] == [
            "2019/officers.csv:10:gender: 'x' is not a gender; use f or m",
            "1 problem found.",
        ]


def test_a_dry_run_says_in_words_what_is_not_a_file() -> None:
    """What changed, as --dry-run prints it: 'output' and 'code' are the tool's own
    names (a reader took 'changed: output' for a hand edit in out/), and a file whose
    every row changed is counted, not listed row by row (CLI review)."""
    assert str(Stale("inputs", ("output", "code"))) == (
        "changed: what the page links (the years, languages or formats of the publication), "
        "the tool (mocr was updated)"
    )
    rows = tuple(f"2016/officers.csv[{code}]" for code in ("decan", "dragash", "istog", "junik"))
    assert str(Stale("inputs", (*rows, "2016/year.toml"))) == (
        "changed: 2016/officers.csv (4 rows), 2016/year.toml"
    )
    assert str(Stale("inputs", rows[:2])) == (
        "changed: 2016/officers.csv[decan], 2016/officers.csv[dragash]"
    )


# --- 6. every file checked writable before anything is replaced ------------------------


@pytest.mark.slow
def test_a_file_held_by_another_program_stops_the_build_before_anything_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    args = build_args(SMALL, out, "--kind", "sheet", "--lang", "en", "--jobs", "1")
    assert invoke(*args).exit_code == 0
    before = outputs_in(out)
    held = out / "2019" / "mocr-2019-en.html"

    def in_use(path: Path) -> str | None:  # as Windows says of a file open in a viewer
        return (
            "cannot replace it: Permission denied (is it open in another program?)"
            if path == held
            else None
        )

    monkeypatch.setattr(write, "in_use", in_use)
    result = invoke(*args, "--force")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{held}: cannot replace it: Permission denied (is it open in another program?)",
        "1 problem found.",
    ]
    assert outputs_in(out) == before


# --- for a preview: some outputs first, or only some ------------------------------------


@pytest.mark.slow
def test_a_build_can_render_some_outputs_first_or_only_some(tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = out / "2019" / "municipalities" / "mocr-2019-prizren-en.html"
    limits = {"kinds": ("profile",), "languages": ("en",), "formats": ("html",)}
    only = build_module.build(settings(SMALL, out, **limits), only={page})
    assert only.built == [page] and outputs_in(out).keys() == {
        MANIFEST,
        page.relative_to(out).as_posix(),
    }
    page.unlink()
    heard: list[str] = []
    report = build_module.build(
        settings(SMALL, out, **limits), lambda line, *_: heard.append(line), first={page}
    )
    assert heard[0] == "profile 2019 prizren en"
    assert len(report.built) == 2 * 38 and len(report.up_to_date) == 0
