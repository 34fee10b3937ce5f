"""Plain functions and hand-counted figures shared by the test modules (the fixtures
are in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from mocr_factsheet.cli import app

SMALL = Path(__file__).parent / "fixtures" / "small"
DUTIES = (
    "contacts", "assessment", "coordination", "projects", "participation",
    "policy_monitoring", "advice", "outreach",
)  # fmt: skip
# prizren's 2019 profile in tests/fixtures/small, counted by hand: not established in
# 2018; in 2019 work plan no, annual report empty, a Turkish man and a Bosniak woman,
# only ``contacts`` of the eight duties. docs/contract.md §3's JSON shape.
PRIZREN_2019_PROFILE = {
    "year": 2019,
    "municipality": "prizren",
    "status": "established",
    "work_plan": "no",
    "annual_report": "unknown",
    "officers": {"total": 2, "by_community": {"bosniak": 1, "turk": 1}, "f": 1, "m": 1},
    "duties": {d: d == "contacts" for d in DUTIES},
    "duties_count": 1,
    "history": [
        {"year": 2018, "status": "not_established", "work_plan": None,
         "annual_report": None, "officers": 0, "duties_count": None},
        {"year": 2019, "status": "established", "work_plan": "no",
         "annual_report": "unknown", "officers": 2, "duties_count": 1},
    ],
}  # fmt: skip


def invoke(*args: str) -> Result:
    """``mocr ARGS…`` through typer's CliRunner; whatever the exit, never a traceback."""
    result = CliRunner().invoke(app, list(args))
    # An input problem is a message, never a crash (CliRunner catches those).
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def problems_of(data: Path) -> list[str]:
    """``validate``'s report: exit 1, one line per problem."""
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` (a test that misses fails loudly)."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), "utf-8")


# Every table on the page against its container, and every cell against its
# own box and the box that clips it (a scrolling wrapper): what a reader on a
# phone cannot see. Hidden elements (no box) are left out.
_TABLES_FIT = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  const shown = el => {  // drawn, and not visually hidden (kept for screen readers)
    if (el.getClientRects().length === 0) return false;
    for (; el; el = el.parentElement) {
      if (getComputedStyle(el).clipPath !== 'none') return false;
    }
    return true;
  };
  const problems = [];
  for (const table of document.querySelectorAll('table')) {
    if (!shown(table)) continue;
    const container = table.parentElement;
    const wide = table.getBoundingClientRect().width;
    if (wide > container.clientWidth + 0.5) {
      problems.push(`${name(table)} is ${Math.round(wide)} px wide in ` +
        `${name(container)}, ${container.clientWidth} px`);
      continue;
    }
    if (container.scrollWidth > container.clientWidth + 0.5) {
      problems.push(`${name(container)} scrolls: ${container.scrollWidth} px in ` +
        `${container.clientWidth} px`);
    }
    for (const cell of table.querySelectorAll('th, td')) {
      if (!shown(cell)) continue;
      const box = cell.getBoundingClientRect();
      let clip = null;
      for (let el = cell.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible') { clip = el.getBoundingClientRect(); break; }
      }
      const right = clip ? Math.min(clip.right, document.documentElement.clientWidth)
                         : document.documentElement.clientWidth;
      if (cell.scrollWidth > cell.clientWidth + 1 || box.right > right + 0.5 || box.left < -0.5) {
        problems.push(`${name(table)}: "${cell.textContent.trim().slice(0, 40)}" is clipped ` +
          `(${Math.round(box.left)}–${Math.round(box.right)} px, ` +
          `content ${cell.scrollWidth} px in ${cell.clientWidth} px)`);
      }
      // No word broken across lines: a name may break after its "/" (or a "-"), never
      // inside a word ("201 / 9", "Д / а": HTML review). Debian's Chromium has no
      // hyphenation dictionaries: a word broken is one the layout forced apart.
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const found of node.data.matchAll(/[^\\s\\/\\u00ad-]+/g)) {
          const range = document.createRange();
          range.setStart(node, found.index);
          range.setEnd(node, found.index + found[0].length);
          const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (tops.size > 1) problems.push(`${name(table)}: "${found[0]}" is broken across lines`);
        }
      }
    }
  }
  return problems;
}"""


def assert_tables_fit(page: Any) -> None:
    """No ``<table>`` of the open page (a Playwright page) is wider than its
    container, and no cell is clipped: every column can be read without
    scrolling sideways (issue 18, "Tables that read on a phone")."""
    problems = page.evaluate(_TABLES_FIT)
    assert not problems, "tables that do not fit:\n" + "\n".join(problems)
