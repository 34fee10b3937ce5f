"""What was built from what: the record that makes a second build a no-op.

An output is up to date when the fingerprint of everything it was built from
(the data files it read, the templates, the catalogs, the fonts, the tool's
version) is the one recorded when it was written, and the file holds the bytes
written: its content is hashed and compared with the record, never trusted for
its size and time (a file replaced by another program, or by a build from
other data, is rebuilt). The record lives in the output folder; where it is
missing, as in a fresh clone, everything builds. Beside each output's
fingerprint it keeps the digest of each input, so that a build can say which
input changed (``mocr build --dry-run``). Only the standard library is used
here: deciding that nothing needs rebuilding must stay light.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

MANIFEST = ".mocr-build.json"
_FORMAT = 2

# A record of a few thousand outputs is a few hundred kilobytes.
_MAX_MANIFEST_BYTES = 64 * 2**20
_NOT_A_TABLE = "not a table of outputs, each with its 'inputs' and 'output'"


def _is_entries(entries: object) -> TypeGuard[dict[str, dict[str, Any]]]:
    return isinstance(entries, dict) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("output"), str)
        for entry in entries.values()
    )


def _is_inputs(inputs: object) -> TypeGuard[list[list[str]]]:
    return isinstance(inputs, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in inputs
    )


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    A link (to ``/dev/zero``, say), a FIFO (which would block the read) or a
    device is refused before a byte is read, and a file that grows past the
    limit while being read is refused too: ``ValueError`` with the reason.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if path.is_symlink():
        raise ValueError("a link, not a file")
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError("far larger than any build writes")
    return data


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes (None: missing, a link, a folder…)."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


# The inputs that are not files, in the words of ``mocr build --dry-run``
# (data/inputs.py, ``Digests.parts``).
_INPUT_WORDS = {
    "output": "what the page links (the years, languages or formats of the publication)",
    "code": "the tool (mocr was updated)",
    "mocr": "the tool's version",
    "fonts": "the fonts",
}
_ROWS_LISTED = 3  # a file's rows named one by one up to this many, then counted


def _described(inputs: Sequence[str]) -> list[str]:
    """The inputs that changed, as a reader takes them: a file's rows named where
    there are few (``2019/offices.csv[decan]``), else counted (a year removed changed
    every row: a line of 2,000 characters, CLI review)."""
    rows: dict[str, list[str]] = {}
    for name in inputs:
        file, bracket, row = name.partition("[")
        if bracket:
            rows.setdefault(file, []).append(row.rstrip("]"))
    described: list[str] = []
    for name in inputs:
        file, bracket, _ = name.partition("[")
        if not bracket:
            described.append(_INPUT_WORDS.get(name, name))
        elif file not in rows:
            continue  # counted already
        elif len(rows[file]) <= _ROWS_LISTED:
            described.append(name)
        else:
            described.append(f"{file} ({len(rows.pop(file))} rows)")
    return described


@dataclass(frozen=True)
class Stale:
    """Why an output must be built: ``code`` (``new``, ``inputs``, ``missing``,
    ``changed-on-disk``, ``tool``, ``forced``) and the inputs that changed."""

    code: str
    inputs: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.code == "inputs":
            return f"changed: {', '.join(_described(self.inputs))}"
        return {
            "new": "not built before",
            "missing": "missing from the output folder",
            "changed-on-disk": "its bytes are not the ones built (changed since)",
            "tool": "the tool, its settings or the output's name changed",
            "forced": "--force",
        }.get(self.code, self.code)


@dataclass
class Manifest:
    """Output path (relative to the output folder) → inputs' fingerprint, output
    digest, and the digest of each input it read (``reads``: name → digest)."""

    out_dir: Path
    entries: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, out_dir: Path, *, quiet: bool = False) -> Manifest:
        """The record in ``out_dir``; empty (everything stale) where there is none.

        A damaged record (a hand edit, a merge conflict, a truncated file, a
        link or a FIFO in its place) is treated as absent, with one warning
        line unless ``quiet``: the build then rebuilds everything and writes a
        sound record.
        """
        path = out_dir / MANIFEST
        try:
            found = json.loads(read_bounded(path, _MAX_MANIFEST_BYTES).decode("utf-8"))
            inputs: object = []
            if isinstance(found, dict) and found.get("format") == _FORMAT:
                entries, inputs = found.get("outputs"), found.get("inputs")
            else:
                entries = found  # as written before the inputs were kept
            if not _is_entries(entries) or not _is_inputs(inputs):
                raise ValueError(_NOT_A_TABLE)
            # A hand-edited record may name any path: what no build writes is
            # forgotten, so nothing outside the folder is ever removed.
            entries = {k: v for k, v in entries.items() if _is_output_key(k)}
            for entry in entries.values():
                entry["reads"] = _named(entry.get("reads"), inputs)
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

    def up_to_date(self, path: Path, inputs: str) -> bool:
        return self.why_stale(path, inputs, {}) is None

    def why_stale(
        self, path: Path, inputs: str, parts: dict[str, str], stamped: Sequence[int] | None = None
    ) -> Stale | None:
        """None if ``path`` is up to date; else why not (``parts``: each input's
        digest by name, as the fingerprint ``inputs`` was made from them).
        ``stamped``: the file's stat when the last build stamped this record
        (build/stamp.py); a file that still has it holds the bytes recorded and
        is not read again."""
        entry = self.entries.get(self.key(path))
        if not entry:
            return Stale("new")
        if entry.get("inputs") != inputs:
            read: dict[str, str] = entry.get("reads") or {}
            changed = [name for name in parts if read.get(name) != parts[name]]
            changed += [name for name in read if name not in parts]
            return Stale("inputs", tuple(changed)) if read and changed else Stale("tool")
        try:
            info = path.lstat()
        except OSError:
            return Stale("missing")
        size = entry.get("size")
        if size is not None and str(info.st_size) != size:
            return Stale("changed-on-disk")
        if stamped is not None and list(stamped) == [
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_ino,
        ]:
            return None
        if file_digest(path) != entry.get("output"):
            return Stale("changed-on-disk")
        return None

    def record(
        self, path: Path, inputs: str, data: bytes, parts: dict[str, str] | None = None
    ) -> None:
        self.record_digest(path, inputs, hashlib.sha256(data).hexdigest(), len(data), parts)

    def record_digest(
        self, path: Path, inputs: str, digest: str, size: int, parts: dict[str, str] | None
    ) -> None:
        """``path`` written with bytes of SHA-256 ``digest`` from ``inputs``
        (the fingerprint of ``parts``, each input's digest by name)."""
        self.entries[self.key(path)] = {
            "inputs": inputs,
            "output": digest,
            "size": str(size),
            "reads": dict(parts or {}),
        }

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)

    def to_json(self) -> str:
        """The record; each (input, digest) written once, the outputs' reads as its numbers."""
        pairs = sorted({pair for entry in self.entries.values() for pair in entry["reads"].items()})
        number = {pair: n for n, pair in enumerate(pairs)}
        outputs = {
            key: {**entry, "reads": sorted(number[pair] for pair in entry["reads"].items())}
            for key, entry in self.entries.items()
        }
        # One input, one output a line: a record that reads (and diffs) line by line.
        inputs = ",\n".join(json.dumps(list(pair), ensure_ascii=False) for pair in pairs)
        entries = ",\n".join(
            f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(outputs[key], sort_keys=True)}"
            for key in sorted(outputs)
        )
        return f'{{"format": {_FORMAT},\n"inputs": [\n{inputs}],\n"outputs": {{\n{entries}}}}}\n'


def _named(reads: object, inputs: list[list[str]]) -> dict[str, str]:
    """An output's reads, numbers into ``inputs``, as name → digest (empty if unknown)."""
    if not isinstance(reads, list):
        return {}
    found = [inputs[n] for n in reads if isinstance(n, int) and 0 <= n < len(inputs)]
    return dict((name, digest) for name, digest in found) if len(found) == len(reads) else {}


def _is_output_key(key: str) -> bool:
    """Whether a key of the record names a file a build could have written (a
    hand-edited record may name any path: nothing outside is ever removed)."""
    parts = PurePosixPath(key).parts
    return (
        bool(parts)
        and not PurePosixPath(key).is_absolute()
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in parts)
        and not any(c in key for c in ":\\\0")
    )
