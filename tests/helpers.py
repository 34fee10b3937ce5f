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


# Every table wider than the box it stands in, and every cell whose content is
# cut or runs out of it: "what / how wide / room" lines (empty: all fit).
_TABLES_THAT_DO_NOT_FIT = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  const out = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement;
    const width = table.getBoundingClientRect().width;
    const room = box.clientWidth;
    if (width > room + 0.5 || table.scrollWidth > table.clientWidth + 0.5) {
      const wide = Math.round(Math.max(width, table.scrollWidth));
      out.push(`${name(table)} in ${name(box)}: ${wide} px in ${room} px`);
    }
    if (box.scrollWidth > box.clientWidth + 0.5) {
      out.push(`${name(box)} scrolls: ${box.scrollWidth} px in ${box.clientWidth} px`);
    }
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 1) {
        const text = cell.textContent.trim();
        out.push(`${name(table)} "${text}": ${cell.scrollWidth} px in ${cell.clientWidth} px`);
      }
    }
  }
  return out;
}"""


def assert_tables_fit(page: Any) -> None:
    """No table on a Playwright ``page`` is wider than its container (nor makes it
    scroll), and no cell's content is cut: every column can be read as it is."""
    wide = page.evaluate(_TABLES_THAT_DO_NOT_FIT)
    assert not wide, "tables that do not fit:\n" + "\n".join(wide)
