"""``make bench``: how fast and how big, on the bundled data, as ratios to the import floor.

The whole publication is 16 sheets, 608 profiles, 4 trends sheets, 16 booklets
and 5 index pages, HTML and PDF, with the JSON figures.

Prints, for each case, the median of 5 runs (BENCH_RUNS) with min and max (the
whole publication: 1 run, BENCH_PUBLICATION_RUNS), its ratio to the floor
(importing pandas, matplotlib.pyplot and typst; run just before each run, see
``measure``), the peak memory of any one process, then the time per stage of
the 16 sheets built cold and of one profile. Figures, not assertions: nothing
here fails a test.
"""

from __future__ import annotations

import json
import os
import platform
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MOCR = str(BIN / "mocr")
RUNS = 5
# Issues #11 and #16 (the Typst engine): ratios to the import floor, 2 cores.
TARGETS = {
    "one sheet, cold": 1.5,
    "whole publication, cold": 12.0,
    "one-row edit": 3.0,
    "one-cell workbook edit": 5.0,
    "no-op build": 0.3,
    # Issue #17: from saving one cell of 2019/offices.xlsx to the open profile's HTML rewritten.
    "preview latency": 1.5,
}
MEMORY_TARGET_MB = 400
# Each run of an edit case turns the work plan of the first office that still
# has one to "no", in the copy's 2019 offices (Deçan's, then Dragash's, …):
# every run is an edit no build has seen, as an analyst's are, with fewer work
# plans each time, so that no run finds its changed charts among those kept by
# the runs before (render/kept.py; flipping one cell back and forth would find
# them all from the third run on).
FLIP_ROW = (
    "import sys; from pathlib import Path\n"
    "p = Path(sys.argv[1]); lines = p.read_text('utf-8').split('\\n')\n"
    "i = next(i for i, l in enumerate(lines) if l.split(',')[1:3] == ['established', 'yes'])\n"
    "cells = lines[i].split(','); cells[2] = 'no'; lines[i] = ','.join(cells)\n"
    "p.write_text('\\n'.join(lines), 'utf-8')\n"
)

# The same edit in 2019/offices.xlsx, saved as a spreadsheet program saves it:
# the whole file written again (issue 17: workbooks were hashed whole, so one
# cell rebuilt the year).
FLIP_CELL = (
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1]); sheet = book.worksheets[0]\n"
    "row = next(r for r in sheet.iter_rows(min_row=2)\n"
    "           if r[1].value == 'established' and r[2].value == 'yes')\n"
    "row[2].value = 'no'\n"
    "book.save(sys.argv[1])\n"
)

# Runs a command and prints the peak resident memory of the largest process in
# its tree (RUSAGE_CHILDREN covers every descendant that was waited for).
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak MB of one run."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, env=env, check=True
    )
    seconds = time.perf_counter() - started
    peak_kb, code = out.stdout.split()
    if code != "0":
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return seconds, int(peak_kb) / 1024


# The kinds of page, without issue 18's booklets and downloads.
PAGE_KINDS = ("sheet", "profile", "trends", "committees", "site", "about")
# What any process that draws and prints must pay: the unit of every ratio.
FLOOR = [sys.executable, "-c", "import pandas, matplotlib.pyplot, typst"]


def measure(
    name: str,
    cmd: list[str],
    env: dict[str, str],
    before: list[str] | None = None,
    runs: int = RUNS,
) -> dict[str, float]:
    """``runs`` runs of ``cmd``, each just after a run of the floor: the ratio is
    the median of each run's time over its own floor's, so that a virtual
    machine that slows down or speeds up between cases (its floor seen to move
    from 0.77 to 1.11 s within one bench) moves both sides of a ratio alike."""
    times, floors, peaks = [], [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, env=env, check=True, capture_output=True)
        floors.append(run(FLOOR, env)[0])
        seconds, peak = run(cmd, env)
        times.append(seconds)
        peaks.append(peak)
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "floor": statistics.median(floors),
        "ratio": statistics.median(t / f for t, f in zip(times, floors, strict=True)),
        "peak_mb": max(peaks),
        "runs": runs,
    }


# Turns the copy's 2019/offices.csv into the workbook an analyst would keep instead.
TO_WORKBOOK = (
    "import csv, sys; from pathlib import Path; import openpyxl\n"
    "p = Path(sys.argv[1]); book = openpyxl.Workbook()\n"
    "for row in csv.reader(p.read_text('utf-8').splitlines()): book.active.append(row)\n"
    "book.save(p.with_suffix('.xlsx')); p.unlink()\n"
)
PREVIEWED = "2019/municipalities/mocr-2019-decan-en.html"


def preview_latency(work: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """``mocr serve`` on a copy whose 2019 offices are a workbook, with Deçan's
    profile open (its event stream read as a browser would): each run flips one
    cell (Deçan's work plan), saves, and times until the profile's HTML is rewritten."""
    import openpyxl

    data, out = work / "preview-data", work / "preview-out"
    shutil.copytree(ROOT / "data", data)
    subprocess.run([sys.executable, "-c", TO_WORKBOOK, str(data / "2019" / "offices.csv")],
                   check=True)  # fmt: skip
    workbook, page = data / "2019" / "offices.xlsx", out / PREVIEWED
    server = subprocess.Popen(
        [MOCR, "serve", "--data", str(data), "--out", str(out), "--format", "html", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**env, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(x) for x in server.stdout or ()], daemon=True
    ).start()

    def wait_for(words: str, seconds: float = 600) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if words in line:
                return line
        sys.exit(f"mocr serve never said '{words}'")

    times: list[float] = []
    floors: list[float] = []
    try:
        url = urlsplit(wait_for("serving ").rsplit(" on ", 1)[1].split()[0])
        wait_for("the publication is up to date")
        viewer = socket.create_connection((url.hostname, url.port))
        viewer.sendall(
            f"GET /.mocr/events?page=/{PREVIEWED} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode()
        )
        threading.Thread(target=_drain, args=(viewer,), daemon=True).start()
        time.sleep(0.5)  # the stream is open: the profile is the page being viewed
        for _ in range(runs):
            floors.append(run(FLOOR, env)[0])  # the server idle, as measure() does
            book = openpyxl.load_workbook(workbook)
            for row in book.active.iter_rows(min_row=2):
                if row[0].value == "decan":
                    row[2].value = "no" if row[2].value == "yes" else "yes"
            before = page.stat().st_mtime_ns
            book.save(workbook)
            saved = time.perf_counter()
            while page.stat().st_mtime_ns == before and time.perf_counter() - saved < 120:
                time.sleep(0.005)
            times.append(time.perf_counter() - saved)
            wait_for("the publication is up to date")  # the rest of the cycle, before the next save
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_kb = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1])
        viewer.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "floor": statistics.median(floors),
        "ratio": statistics.median(t / f for t, f in zip(times, floors, strict=True)),
        "peak_mb": peak_kb / 1024,
        "runs": runs,
    }


def _drain(sock: socket.socket) -> None:
    """Read and forget what the server sends, as an open page does."""
    try:
        while sock.recv(65536):
            pass
    except OSError:
        pass


def stage_times(
    out: Path, env: dict[str, str], kinds: tuple[str, ...], years: tuple[int, ...] = ()
) -> dict[str, float]:
    code = (
        "import json, os\n"
        "from pathlib import Path\n"
        "from mocr_factsheet.build.run import build\n"
        "from mocr_factsheet.resources import resource_dir\n"
        "from mocr_factsheet.settings import BuildSettings\n"
        f"s = BuildSettings(Path('data'), Path({str(out)!r}), {years!r}, (), ('html', 'pdf'),\n"
        "    True, os.cpu_count() or 1, None, resource_dir('templates'), resource_dir('locales'),\n"
        f"    kinds={kinds!r})\n"
        "r = build(s)\n"
        "print(json.dumps({**r.stages, 'outputs': len(r.built)}))\n"
    )
    out_json = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    ).stdout
    return json.loads(out_json)


def main() -> None:
    # The package as `pip install` leaves it: its bytecode compiled once (pip
    # does so at install time), so no measured process compiles our sources.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "mocr_factsheet")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    work = Path(tempfile.mkdtemp(prefix="mocr-bench-"))
    out = work / "out"
    data = str(ROOT / "data")
    runs = int(os.environ.get("BENCH_RUNS", RUNS))
    publication_runs = int(os.environ.get("BENCH_PUBLICATION_RUNS", 1))
    try:
        # A copy of the data: the one-row case edits it.
        edited = work / "data"
        shutil.copytree(data, edited)
        build = [MOCR, "build", "--data", str(edited), "--out", str(out)]
        cases = {
            "import floor": measure("floor", FLOOR, env, runs=runs),
            "one sheet, cold": measure(
                "one",
                [*build, "--kind", "sheet", "--year", "2019", "--lang", "sq", "--force"],
                env,
                runs=runs,
            ),
            "38 profiles, cold": measure(
                "profiles",
                [*build, "--kind", "profile", "--year", "2019", "--lang", "sq", "--force"],
                env,
                runs=runs,
            ),
            # Minutes, not seconds: one run unless BENCH_PUBLICATION_RUNS says more.
            "whole publication, cold": measure(
                "publication", [*build, "--force"], env, runs=publication_runs
            ),
            # Issue 18: the publication without what it added (booklets, data files,
            # chart files), which it may make at most 10% slower.
            "pages only, cold": measure(
                "pages",
                [*build, "--force", *(f"--kind={k}" for k in PAGE_KINDS)],
                env,
                runs=publication_runs,
            ),
            # Issue 18: the 16 booklets alone (each reads its sheet's and 38 profiles'
            # pages again; in a whole build it reuses its sheet's, see docs/performance.md).
            "16 booklets, cold": measure(
                "booklets", [*build, "--kind", "booklet", "--force"], env, runs=publication_runs
            ),
        }
        cases["no-op build"] = measure("noop", build, env, runs=runs)
        # Each run changes one row (an office's work plan in 2019) and rebuilds.
        flip = [sys.executable, "-c", FLIP_ROW, str(edited / "2019" / "offices.csv")]
        cases["one-row edit"] = measure("edit", build, env, before=flip, runs=runs)
        cases["preview latency"] = preview_latency(work, env, runs)
        # The same, in a workbook: once built from the workbook, each run changes one cell.
        offices = edited / "2019" / "offices.csv"
        subprocess.run([sys.executable, "-c", TO_WORKBOOK, str(offices)], env=env, check=True)
        subprocess.run(build, env=env, check=True, capture_output=True)
        flip_cell = [sys.executable, "-c", FLIP_CELL, str(offices.with_suffix(".xlsx"))]
        cases["one-cell workbook edit"] = measure("cell", build, env, before=flip_cell, runs=runs)
        stages = stage_times(work / "stages", env, ("sheet",))
        profile_stages = stage_times(work / "profile-stages", env, ("profile",), (2019,))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"mocr-factsheet benchmark — {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    print(
        "seconds: median (min–max) of the runs; floor: the median of the import floor\n"
        "run just before each of them; ratio: the median of each run over its floor\n"
    )
    print(
        f"{'case':<26}{'runs':>5}{'median':>8}{'min':>8}{'max':>8}{'floor':>8}{'ratio':>8}"
        f"{'target':>8}{'peak MB':>9}"
    )
    for name, c in cases.items():
        target = TARGETS.get(name)
        ratio = c["ratio"]
        verdict = "" if target is None else ("  ok" if ratio <= target else "  MISSED")
        print(
            f"{name:<26}{c['runs']:>5.0f}{c['median']:>8.2f}{c['min']:>8.2f}{c['max']:>8.2f}"
            f"{c['floor']:>8.2f}{ratio:>8.2f}"
            f"{'' if target is None else f'≤{target}':>8}{c['peak_mb']:>9.0f}{verdict}"
        )
    peak = max(c["peak_mb"] for n, c in cases.items() if n != "import floor")
    print(
        f"\npeak memory of any one process: {peak:.0f} MB "
        f"(target ≤ {MEMORY_TARGET_MB} MB: {'ok' if peak <= MEMORY_TARGET_MB else 'MISSED'})"
    )
    print("\nstages of the 16 sheets built cold (seconds, summed over worker processes):")
    stages.pop("outputs")
    for stage, seconds in stages.items():
        print(f"  {stage:<8}{seconds:>8.2f}")
    count = profile_stages.pop("outputs") / 2  # HTML and PDF of each profile
    print(f"\none profile (HTML and PDF), from {count:.0f} built cold, in ms:")
    for stage, seconds in profile_stages.items():
        print(f"  {stage:<8}{1000 * seconds / count:>8.1f}")


if __name__ == "__main__":
    main()
