"""Ctrl-C, SIGTERM and a killed parent: a build never leaves a mix of old and new outputs.

Before the write phase an interrupt stops the build at once: nothing has been
written, every output is as it was. While finished files are being moved into
place, interrupts wait until the last move is done, then stop the build. Worker
processes die with the build (Linux), even when it is killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Interrupted(KeyboardInterrupt):
    """The build was stopped by ``signum``; ``written``: after the writing, not
    before; ``kept``: how many finished outputs were kept for the next build."""

    def __init__(self, signum: int, *, written: bool = False, kept: int = 0) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.written = written
        self.kept = kept

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # as a shell reports a process ended by the signal


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the work as Ctrl-C does, so that it is reported and
    cleaned up (by default it ends the process on the spot, saying nothing)."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done, then raise ``Interrupted``
    (``written=True``) if one came: the block is never left half done."""
    if not _in_main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:
        raise Interrupted(received[0], written=True)


def tie_to_parent(parent: int | None) -> None:
    """In a worker process: die when ``parent`` does, and leave interrupts to it.

    Ctrl-C in a terminal reaches every process of the group; the workers ignore
    it and the build stops them. Linux kills a worker whose parent dies
    (``PR_SET_PDEATHSIG``), so none outlives a build killed with SIGKILL and
    holds its pipes open. ``parent`` None: the worker was started by a fork
    server, its parent, which dies with the build.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:  # it died before the line above
        os._exit(1)
