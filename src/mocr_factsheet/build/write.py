"""The only code that writes files: all or nothing, so a failed run leaves old outputs whole."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mocr_factsheet.problems import Problem, UserError


def write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file, or none.

    Each file goes to a temporary file beside its target first; only when all
    are written are they moved into place (``os.replace``, atomic on POSIX: a
    reader sees the old file or the new one). A file that cannot be written —
    a folder in its place, a file where a folder should be, no permission, a
    full disk — raises a UserError naming it, and no target is touched. (Only
    a failure of the moves themselves, which need no space and whose folders
    were just written in, could leave some files new and some old.)
    """
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    try:
        for path, data in files:
            current = path
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            current = path
            tmp.replace(path)
    except OSError as err:
        reason = err.strerror or str(err)
        raise UserError([Problem(str(current), None, None, "cannot-write", reason)]) from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    _sweep_leftovers([path for _, path in staged])


def _sweep_leftovers(written: Sequence[Path]) -> None:
    """Remove the temporary files an earlier run left beside the files just
    written (a build killed with SIGKILL while staging cannot clean up)."""
    by_folder: dict[Path, set[str]] = {}
    for path in written:
        by_folder.setdefault(path.parent, set()).add(path.name)
    for folder, names in by_folder.items():
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                # _stage names them ".NAME.RANDOM.tmp"
                if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
                    continue
                target = entry.name[1 : -len(".tmp")].rpartition(".")[0]
                if target in names:
                    with contextlib.suppress(OSError):
                        (folder / entry.name).unlink()


def unwritable(folder: Path) -> list[Problem]:
    """Why outputs cannot go into ``folder``, found before any work rather than
    after minutes of it; empty if they can."""
    reason = _blocked(folder)
    return [Problem(str(folder), None, None, "cannot-write", reason)] if reason else []


def _blocked(folder: Path) -> str | None:
    """What keeps files from being written in ``folder``: its nearest existing
    ancestor (or itself) is a file, or is not writable."""
    existing = next((f for f in (folder, *folder.parents) if f.exists()), None)
    if existing is None:
        return None
    if not existing.is_dir():
        return f"cannot write: '{existing}' is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write: no permission to write in '{existing}'"
    return None


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file in ``path``'s folder, made if need be."""
    reason = _blocked(path.parent)
    if reason:
        raise OSError(reason)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "cannot write: a folder of that name is in the way")
    path.parent.mkdir(parents=True, exist_ok=True)
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
