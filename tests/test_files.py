"""src/mocr_factsheet/files.py: a file written whole or not at all, for the outputs
and the caches."""

from __future__ import annotations

import stat
from pathlib import Path

from mocr_factsheet.files import keep, staged


def test_a_staged_file_waits_beside_its_target_as_the_sweep_knows_it(tmp_path: Path) -> None:
    target = tmp_path / "mocr-2019-sq.pdf"
    tmp = staged(target, b"%PDF")
    assert tmp.parent == tmp_path and not target.exists()
    # build/write.py's _sweep_leftovers finds a killed run's files by this name.
    assert tmp.name.startswith(".mocr-2019-sq.pdf.") and tmp.name.endswith(".tmp")
    assert tmp.read_bytes() == b"%PDF"
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o644  # readable by all, as an output is


def test_a_kept_entry_is_written_whole_its_folder_made(tmp_path: Path) -> None:
    entry = tmp_path / "catalogs" / "sq.0123.mo"
    assert keep(entry, b"first")
    assert keep(entry, b"second")
    assert entry.read_bytes() == b"second"
    assert [p.name for p in entry.parent.iterdir()] == ["sq.0123.mo"]  # no temporary left


def test_an_entry_that_cannot_be_written_costs_nothing_but_itself(tmp_path: Path) -> None:
    (tmp_path / "charts").write_bytes(b"a file where the folder should be")
    assert not keep(tmp_path / "charts" / "entry.pickle", b"chart")
    # A folder in the entry's place: staged, then not moved, and the staged file removed.
    (tmp_path / "fonts" / "subset.woff2").mkdir(parents=True)
    assert not keep(tmp_path / "fonts" / "subset.woff2", b"font")
    assert [p.name for p in (tmp_path / "fonts").iterdir()] == ["subset.woff2"]
