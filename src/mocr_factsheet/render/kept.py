"""Charts and chart images kept between builds (``out/.mocr-state/charts/``),
given again where nothing they were made from has changed: an edit redraws
only the charts it changes.

**A drawn chart** is a function of its arguments (``@kept`` on each chart's
drawing function, in the mechanisms' ``charts.py``). The arguments it names
(a year's figures, the reference tables) are records of which a chart reads
a few fields, and a translator is asked for words and numbers; each of those
is handed to the chart inside a ``_Reader`` that writes down every field read
and every call made, with what came back. The other arguments (a medium, a
height, the values of a trend) count whole. The chart is kept with its
arguments and what it read; a later call with the same arguments for which
every read gives the same answer again is given that chart, without
matplotlib (a build system's dynamic dependencies, as in Shake or Salsa:
no list of the fields a chart shows, kept by hand, can go stale). Answers
are compared by their pickles: same types, same order, same bytes (1 is not
1.0, and the same counts in another order make another chart).

**A chart's PNG** is kept under the digest of what Typst rasterised: the
SVG, the template and its resolution (``KeptImages``).

What else a chart depends on, the code and the fonts that draw it, names the
folder the entries live in (``_depends``): a changed line of the package
starts an empty folder, and the one before is removed. The cache only ever
costs time: a folder that cannot be written, an entry that cannot be read or
an answer that cannot be pickled means drawing the chart.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from mocr_factsheet.files import keep
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.resources import FONTS_DIR, PACKAGE_DIR, tree_files

P = ParamSpec("P")
R = TypeVar("R")

_PROTOCOL = 4  # fixed: the same value gives the same bytes in every build
_ENTRIES = 8  # in a file: the years (and edits) drawn with the same arguments
_FILES = 4000  # in the folder: beyond, the least recently used go
_MAX_FILE = 16 * 2**20


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=_PROTOCOL)


class _UnkeptError(Exception):
    """Something a chart read cannot be written down: the chart is drawn and not kept."""


# One read: which argument (its position), "get" or "call", the field's name,
# the call's arguments (pickled) and the answer (pickled).
Read = tuple[int, str, str, bytes, bytes]


class _Reader:
    """An argument as a chart sees it, writing down what the chart reads of it."""

    __slots__ = ("_index", "_reads", "_target")

    def __init__(self, target: object, index: int, reads: list[Read]) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value) and not isinstance(value, type):
            method = value

            def call(*args: Any, **kwargs: Any) -> Any:
                answer = method(*args, **kwargs)
                try:
                    self._reads.append(
                        (self._index, "call", name, _dumps((args, kwargs)), _dumps(answer))
                    )
                except Exception as error:  # any object pickle refuses
                    raise _UnkeptError(name) from error
                return answer

            return call
        try:
            self._reads.append((self._index, "get", name, b"", _dumps(value)))
        except Exception as error:
            raise _UnkeptError(name) from error
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a chart changes none of its arguments ({name})")


def _read_again(arguments: Sequence[object], read: Read) -> bool:
    """Whether ``read`` gives the same answer of ``arguments`` now."""
    index, how, name, call, answer = read
    try:
        value = getattr(arguments[index], name)
        if how == "call":
            args, kwargs = pickle.loads(call)
            value = value(*args, **kwargs)
        return _dumps(value) == answer
    except Exception:  # a field gone, a call that fails now: not the same
        return False


@functools.cache
def _depends() -> str:
    """What a kept chart depends on besides its arguments: this package's code,
    its fonts, and the versions of Python and matplotlib."""
    from importlib.metadata import version

    # The versions from the installed packages' records: importing matplotlib
    # would cost a build whose charts are all kept most of what keeping saves.
    digest = hashlib.sha256(repr((sys.version, version("matplotlib"), version("typst"))).encode())
    for path in [
        *(p for p in tree_files(PACKAGE_DIR) if p.suffix == ".py"),
        *tree_files(FONTS_DIR),
    ]:
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _trim(folder: Path, most: int) -> None:
    """Leave at most ``most`` files in ``folder``, removing the least recently written."""
    files = list(os.scandir(folder))
    if len(files) > most:
        files.sort(key=lambda f: f.stat().st_mtime)
        for entry in files[: len(files) - most // 2]:
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()


class KeptCharts:
    """The drawn charts of earlier builds, once ``keep_in`` names their folder."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.drawn = 0  # drawn (and kept) by this process
        self.reused = 0  # given again
        self.unkept = 0  # drawn again because something they read could not be kept

    def keep_in(self, folder: Path | None) -> None:
        """Keep charts in (a folder under) ``folder``; None: keep none."""
        self.folder = None
        if folder is None:
            return
        key = _depends()
        try:
            (folder / key).mkdir(parents=True, exist_ok=True)
            for other in folder.iterdir():  # what an earlier version of the code drew
                if other.name != key:
                    shutil.rmtree(other, ignore_errors=True)
            _trim(folder / key, _FILES)
        except OSError:
            return  # a cache: a folder that cannot be made only costs time
        self.folder = folder / key

    def _file(self, function: Callable[..., Any], language: str, whole: bytes) -> Path | None:
        """The file of ``function``'s charts in ``language`` with the arguments
        that count ``whole``: one per medium and height, holding the years'."""
        if self.folder is None:
            return None
        name = f"{function.__module__}.{function.__qualname__}\0{language}\0".encode()
        return self.folder / f"{hashlib.sha256(name + whole).hexdigest()[:32]}.pickle"

    def _entries(self, path: Path) -> list[tuple[bytes, tuple[Read, ...], Any]]:
        try:
            with path.open("rb") as file:
                if os.fstat(file.fileno()).st_size > _MAX_FILE:
                    return []
                entries = pickle.load(file)
            return entries if isinstance(entries, list) else []
        except Exception:  # missing, cut short by a crash, or not ours: none
            return []

    def _store(self, path: Path, entries: list[tuple[bytes, tuple[Read, ...], Any]]) -> None:
        keep(path, pickle.dumps(entries[:_ENTRIES], protocol=_PROTOCOL))

    def call(
        self,
        function: Callable[..., R],
        read: Sequence[str],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> R:
        """``function(*args, **kwargs)``, or the chart it gave for the same reads before."""
        bound = inspect.signature(function).bind(*args, **kwargs)
        bound.apply_defaults()
        values = list(bound.arguments.values())
        tracked = {
            i
            for i, (name, value) in enumerate(bound.arguments.items())
            if name in read or isinstance(value, Translator)
        }
        language = next((v.language.tag for v in values if isinstance(v, Translator)), "")
        try:
            whole = _dumps([v for i, v in enumerate(values) if i not in tracked])
        except Exception:  # an argument pickle refuses: drawn every time
            return function(*args, **kwargs)
        path = self._file(function, language, whole)
        if path is None:
            return function(*args, **kwargs)
        entries = self._entries(path)
        for n, (same, reads, chart) in enumerate(entries):
            if same == whole and all(_read_again(values, r) for r in reads):
                self.reused += 1
                if n:  # the most recently used first: the last ones go when it is full
                    entries.insert(0, entries.pop(n))
                    self._store(path, entries)
                return chart  # type: ignore[no-any-return]  # what the same reads drew
        reads_made: list[Read] = []
        for i, name in enumerate(bound.arguments):
            if i in tracked:
                bound.arguments[name] = _Reader(values[i], i, reads_made)
        self.drawn += 1
        try:
            chart = function(*bound.args, **bound.kwargs)
        except Exception:  # _UnkeptError, or a use of an argument a _Reader cannot stand for
            self.unkept += 1
            return function(*args, **kwargs)
        self._store(path, [(whole, tuple(reads_made), chart), *entries])
        return chart


KEPT = KeptCharts()


class KeptImages:
    """Charts' PNG files of earlier builds, by the digest of what was rasterised."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.made = 0
        self.reused = 0

    def keep_in(self, folder: Path | None) -> None:
        """Keep images in (a folder under) ``folder``; None: keep none."""
        self.folder = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _trim(folder, _FILES)
        except OSError:
            return
        self.folder = folder

    def get(self, parts: Sequence[bytes], make: Callable[[], bytes]) -> bytes:
        """``make()``, or what it gave before for the same ``parts`` (what it
        rasterises: the SVG, the template, the resolution)."""
        if self.folder is None:
            return make()
        digest = hashlib.sha256(_depends().encode())
        for part in parts:
            digest.update(hashlib.sha256(part).digest())
        path = self.folder / f"{digest.hexdigest()[:32]}.png"
        with contextlib.suppress(OSError):
            data = path.read_bytes()
            if data.startswith(b"\x89PNG\r\n\x1a\n"):
                self.reused += 1
                return data
        data = make()
        self.made += 1
        keep(path, data)
        return data


IMAGES = KeptImages()


def kept(*read: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A chart function whose charts are kept between builds; ``read`` names the
    arguments it reads fields of (a translator's calls are always written down)."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            return KEPT.call(function, read, args, kwargs)

        return wrapper

    return decorate
