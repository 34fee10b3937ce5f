"""The only code that writes files: all or nothing, so a failed run leaves old outputs whole."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from pathlib import Path

from mocr_factsheet.files import staged
from mocr_factsheet.problems import Problem, UserError


def write_all(files: Sequence[tuple[Path, bytes | Path]], removed: Sequence[Path] = ()) -> None:
    """Write every file, or none; then remove ``removed`` (files no build makes any more).

    Each file goes to a temporary file beside its target first (or is a
    finished file already written in the output folder's cache, given as its
    path); only when all are written are they moved into place
    (``os.replace``, atomic on POSIX: a reader sees the old file or the new
    one). A file that cannot be written — a folder in its place, a file where
    a folder should be, no permission, a full disk, a file another program
    holds open — raises a UserError naming it, and no target is touched.
    (Only a failure of the moves themselves, which need no space and whose
    folders were just written in and checked, could leave some files new and
    some old.)
    """
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []  # the temporary files made here, removed if not moved
    current: Path | None = None
    try:
        for path, data in files:
            current = path
            if isinstance(data, Path) and _same_device(data, path):
                _prepare(path)
                staged.append((data, path))
            else:
                tmp = _stage(path, data.read_bytes() if isinstance(data, Path) else data)
                made.append(tmp)
                staged.append((tmp, path))
        problems = [
            Problem(str(path), None, None, "cannot-write", reason)
            for _, path in staged
            if (reason := in_use(path))
        ]
        if problems:
            raise UserError(problems)
        for tmp, path in staged:
            current = path
            tmp.replace(path)
    except OSError as err:
        reason = err.strerror or str(err)
        raise UserError([Problem(str(current), None, None, "cannot-write", reason)]) from None
    finally:
        for tmp in made:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    for path in removed:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            path.unlink()
        _remove_empty_folders(path.parent)
    _sweep_leftovers([path for _, path in staged])


def write_file(path: Path, data: bytes) -> None:
    """One file, whole or not at all (a temporary file, then ``os.replace``)."""
    _stage(path, data).replace(path)


def _same_device(source: Path, target: Path) -> bool:
    """Whether ``source`` can be moved to ``target`` by renaming it."""
    folder = next((f for f in (target.parent, *target.parents) if f.exists()), None)
    try:
        return folder is not None and source.stat().st_dev == folder.stat().st_dev
    except OSError:
        return False


def _remove_empty_folders(folder: Path) -> None:
    """``folder`` and the folders above it that removing a file left empty."""
    while True:
        try:
            folder.rmdir()  # only if empty
        except OSError:
            return
        folder = folder.parent


def in_use(path: Path) -> str | None:
    """Why the existing file ``path`` cannot be replaced now, if it cannot.

    On Windows a file open in another program (a PDF in a viewer) cannot be
    replaced; opening it for writing (and writing nothing) finds that before
    any file is moved. On POSIX a file open elsewhere can be replaced.
    """
    if os.name != "nt" or not path.is_file():
        return None
    try:
        with path.open("ab"):
            pass
    except OSError as err:
        return f"cannot replace it: {err.strerror or err} (is it open in another program?)"
    return None


def unwritable_outputs(paths: Sequence[Path]) -> list[Problem]:
    """Every output of ``paths`` that could not be written now, found before any
    work: a folder in its place, a file where its folder should be, a folder
    with no permission, a file held by another program."""
    problems: list[Problem] = []
    blocked: dict[Path, str | None] = {}
    for path in paths:
        if path.parent not in blocked:
            blocked[path.parent] = _blocked(path.parent)
        reason = blocked[path.parent]
        if reason is None and path.is_dir() and not path.is_symlink():
            reason = "cannot write: a folder of that name is in the way"
        if reason is None:
            reason = in_use(path)
        if reason:
            problems.append(Problem(str(path), None, None, "cannot-write", reason))
    return problems


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


def _prepare(path: Path) -> None:
    """Make ``path``'s folder if need be; an OSError saying why a file cannot go there."""
    reason = _blocked(path.parent)
    if reason:
        raise OSError(reason)
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "cannot write: a folder of that name is in the way")
    path.parent.mkdir(parents=True, exist_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file in ``path``'s folder, made if need be."""
    _prepare(path)
    return staged(path, data)
