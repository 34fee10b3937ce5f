"""Files written whole or not at all: a reader sees the old bytes or the new ones.

``staged`` writes the bytes to a temporary file beside the target, to be
moved onto it with ``os.replace`` (atomic on POSIX and on Windows' NTFS):
build/write.py stages every output of a run so, then moves them all.
``keep`` writes one entry of a cache so (the compiled catalogs, the web
font's subsets, the kept charts, the build's stamp), where another worker
may be reading it, and a folder that cannot be written costs time only.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def staged(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file in ``path``'s folder, named
    ``.NAME.RANDOM.tmp`` (build/write.py's ``_sweep_leftovers`` knows the
    name) and readable by all, as an output is."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.chmod(0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def keep(path: Path, data: bytes) -> bool:
    """Write the cache entry ``path`` whole or not at all, its folder made if
    need be; whether it was written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = staged(path, data)
    except OSError:
        return False
    try:
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True
