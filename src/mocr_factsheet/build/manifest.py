"""What was built from what: the record that makes a second build a no-op.

An output is up to date when the fingerprint of everything it was built from
(the data files it read, the templates, the catalogs, the fonts, the tool's
version) is the one recorded when it was written, and the file is still the
one written. The record lives in the output folder; where it is missing, as in
a fresh clone, everything builds. Only the standard library is used here:
deciding that nothing needs rebuilding must stay light.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeGuard

MANIFEST = ".mocr-build.json"


# A record of a few thousand outputs is a few hundred kilobytes.
_MAX_MANIFEST_BYTES = 64 * 2**20


def _is_manifest(entries: object) -> TypeGuard[dict[str, dict[str, str]]]:
    return isinstance(entries, dict) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("output"), str)
        for entry in entries.values()
    )


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Manifest:
    """Output path (relative to the output folder) → inputs' fingerprint and output digest."""

    out_dir: Path
    entries: dict[str, dict[str, str]]

    @classmethod
    def load(cls, out_dir: Path, *, quiet: bool = False) -> Manifest:
        """The record in ``out_dir``; empty (everything stale) where there is none.

        A damaged record (a hand edit, a merge conflict, a truncated file) is
        treated as absent, with one warning line unless ``quiet``: the build
        then rebuilds everything and writes a sound record.
        """
        path = out_dir / MANIFEST
        try:
            if path.stat().st_size > _MAX_MANIFEST_BYTES:
                raise ValueError("far larger than any build writes")
            entries = json.loads(path.read_text("utf-8"))
            if not _is_manifest(entries):
                raise ValueError("not a table of outputs, each with its 'inputs' and 'output'")
        except (FileNotFoundError, NotADirectoryError):
            entries = {}  # no record: a fresh clone, a new output folder
        except (OSError, ValueError, RecursionError) as err:
            if not quiet:
                reason = err.strerror if isinstance(err, OSError) else str(err)
                if isinstance(err, RecursionError):
                    reason = "nested too deep"
                elif isinstance(err, UnicodeDecodeError | json.JSONDecodeError):
                    reason = "not valid JSON"
                logging.getLogger("mocr_factsheet").warning(
                    "%s: damaged (%s); treated as absent, so every output is rebuilt",
                    path,
                    reason,
                )
            entries = {}
        return cls(out_dir, entries)

    def key(self, path: Path) -> str:
        return path.relative_to(self.out_dir).as_posix()

    @cached_property
    def written_ns(self) -> int:
        """When the record was written (0 where there is none)."""
        try:
            return (self.out_dir / MANIFEST).stat().st_mtime_ns
        except OSError:
            return 0

    def up_to_date(self, path: Path, inputs: str) -> bool:
        entry = self.entries.get(self.key(path))
        if not entry or entry.get("inputs") != inputs:
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        # The record is written after every output it lists: a file of the
        # recorded size not touched since is the one written, without reading
        # it (hashing every PDF was most of a no-op build of 1,250 outputs). A file
        # written in the same clock tick as the record is read to be sure.
        if entry.get("size") == str(stat.st_size) and stat.st_mtime_ns < self.written_ns:
            return True
        return path.is_file() and entry.get("output") == file_digest(path)

    def record(self, path: Path, inputs: str, data: bytes) -> None:
        self.entries[self.key(path)] = {
            "inputs": inputs,
            "output": hashlib.sha256(data).hexdigest(),
            "size": str(len(data)),
        }

    def to_json(self) -> str:
        return json.dumps(self.entries, indent=1, sort_keys=True) + "\n"
