"""The output folder's hidden state (``out/.mocr-state/``): one build at a time,
and the work a stopped build had finished.

**The lock.** A build holds ``.mocr-state/lock`` from before it reads the
record until its last file is in place; a second build into the same folder
refuses, naming the process that holds it, or waits (``--wait``). The lock is
the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on Windows), on
an open file: it is released on any exit, a crash or SIGKILL included, so no
stale lock is ever left behind (a lock file made with ``O_EXCL`` outlives a
killed build, and guessing whether its process still runs is unreliable). The
file itself stays; it holds the process number of the last build, for the
message.

**The cache.** Each output is written to ``.mocr-state/cache/`` as soon as it
is rendered, under a name made from its path and its fingerprint, and moved
from there into place when every output is ready: the published files still
change all at once. A build stopped before that (Ctrl-C, SIGTERM, a crash, a
problem in one job) leaves its finished outputs in the cache, and the next
build whose fingerprints match takes them instead of rendering them again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mocr_factsheet.build.manifest import read_bounded
from mocr_factsheet.problems import Problem, UserError

STATE = ".mocr-state"
_LOCK_OFFSET = 2**30  # Windows locks a byte range: one far past the process number
_MAX_OUTPUT_BYTES = 2**30


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    """Who holds the lock, as its file says."""
    try:
        pid = read_bounded(path, 64).decode("ascii").strip()
    except (OSError, ValueError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


@contextlib.contextmanager
def locked(
    out_dir: Path, *, wait: bool = False, waiting: Callable[[str], None] = lambda _: None
) -> Iterator[None]:
    """Hold the output folder's lock for the block; another build holding it is
    a problem, or, with ``wait``, is waited for (``waiting`` hears why, once).

    An output folder made only for the lock is removed again if the block
    wrote nothing in it (a build that stopped on a problem writes nothing).
    """
    existed = out_dir.exists()
    folder = out_dir / STATE
    path = folder / "lock"
    said = False
    while True:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as err:
            reason = f"cannot write: {err.strerror or err}"
            raise UserError([Problem(str(path), None, None, "cannot-write", reason)]) from None
        if not _try_lock(fd):
            busy = f"another mocr build is writing in this folder{_holder(path)}"
            if not wait:
                os.close(fd)
                raise UserError(
                    [
                        Problem(
                            str(out_dir),
                            None,
                            None,
                            "build-running",
                            f"{busy}; wait for it to finish, or run with --wait",
                        )
                    ]
                )
            if not said:
                waiting(f"{out_dir}: {busy}; waiting for it to finish")
                said = True
            try:
                while not _try_lock(fd):  # polled: interrupts stay prompt on every system
                    time.sleep(0.2)
            except BaseException:
                os.close(fd)
                raise
        if _still_there(fd, path):
            break
        # The build before removed the file while this one waited on it: lock the new one.
        _unlock(fd)
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        try:
            if not existed:
                _remove_if_unused(out_dir, path)
        finally:
            _unlock(fd)
            os.close(fd)


def _still_there(fd: int, path: Path) -> bool:
    """Whether ``path`` is still the file open as ``fd``."""
    try:
        return os.path.samestat(os.fstat(fd), path.stat())
    except OSError:
        return False


def _remove_if_unused(out_dir: Path, lock: Path) -> None:
    """Remove the output folder made for the lock, if nothing else was written in it."""
    folder = lock.parent
    cache = folder / "cache"
    with contextlib.suppress(OSError):
        if any(p != folder for p in out_dir.iterdir()):
            return
        if any(p not in (lock, cache) for p in folder.iterdir()):
            return
        if cache.exists() and any(cache.iterdir()):
            return
        if cache.exists():
            cache.rmdir()
        lock.unlink()  # while still locked: a build waiting on it sees it gone and retries
        folder.rmdir()
        out_dir.rmdir()


class Cache:
    """Finished outputs not yet in place, by output and fingerprint."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / STATE / "cache"

    def entry(self, key: str, fingerprint: str) -> Path:
        """Where the output ``key`` (its path in the output folder) built from
        ``fingerprint`` is kept."""
        name = hashlib.sha256(f"{key}\0{fingerprint}".encode()).hexdigest()
        return self.folder / f"{name}.out"

    def get(self, key: str, fingerprint: str) -> Path | None:
        """The kept output, if a build finished it and did not put it in place."""
        path = self.entry(key, fingerprint)
        return path if path.is_file() and not path.is_symlink() else None

    def read(self, path: Path) -> bytes:
        return read_bounded(path, _MAX_OUTPUT_BYTES)

    def clear(self) -> None:
        """Forget every kept output (they are all in place, or no longer wanted)."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()
