"""A build's stamp: a build with nothing to do costs no more than looking.

Deciding that every output is up to date the careful way reads and hashes
every input, splits every table by municipality, computes 1,284
fingerprints and hashes every output (``plan_build`` in ``build/run.py``):
half a second for the bundled data, more than half of it for nothing when
nothing changed. After a build of the whole question that leaves everything
up to date, the stamp (``out/.mocr-state/stamp.json``) records what ``make``
and git's index trust: the ``stat`` of every file and folder the build could
have read (the data folder, the templates, the catalogs, the package's code,
fonts and assets) and of every output, with the question itself (the run's
options). The next run with the same question compares the stats and, if
every one holds, has nothing to do; if any differs, it plans the careful way
and writes a new stamp when it is done.

**What a stat proves.** Size, modification time and *change* time to the
nanosecond, and the inode. Writing a file changes its change time, which no
program can set back (``touch``, ``cp -p``, an editor or a restore from a
cache all leave a new one): a file whose stat holds has not been written
since. A folder's stat changes when a file is added to or removed from it.

**Racy files** (git's term). A file written in the same clock tick as the
stamp was taken could be written again without its stat moving, on a file
system with coarse times (two seconds on FAT). Every stat is taken *before*
the build plans, and the stamp is written only if they all still hold when
it has finished; a stamp in which an input was modified less than
``_RACY_NS`` before that first look is not trusted (the next run plans the
careful way, and stamps again).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from pathlib import Path

from mocr_factsheet import __version__
from mocr_factsheet.build.manifest import MANIFEST
from mocr_factsheet.build.state import STATE
from mocr_factsheet.files import keep
from mocr_factsheet.resources import PACKAGE_DIR
from mocr_factsheet.settings import BuildSettings

STAMP = "stamp.json"
_RACY_NS = 2_000_000_000  # the coarsest file-system clock in use (FAT)
_SKIPPED = ("__pycache__",)

Stat = tuple[int, int, int, int] | None  # size, mtime_ns, ctime_ns, inode; None: missing


# Paths as strings and ``os`` calls: a no-op build looks at some 2,000 of them,
# and ``pathlib`` would cost it more than the looking.
def _stat(path: str) -> Stat:
    try:
        s = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)


def _tree(folder: Path) -> Iterable[str]:
    """Every folder and file under ``folder``, itself included, hidden ones and
    bytecode caches aside: the superset of what a build reads there."""
    yield str(folder)
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED)
        for name in dirs:
            yield os.path.join(root, name)  # noqa: PTH118
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)  # noqa: PTH118


def question(settings: BuildSettings) -> str:
    """The run's options, as the stamp compares them (``--jobs`` changes no output)."""
    fields = [str(value) for value in astuple(settings)]
    del fields[list(BuildSettings.__dataclass_fields__).index("jobs")]
    extra = [__version__, os.environ.get("SOURCE_DATE_EPOCH", ""), str(Path.cwd())]
    return hashlib.sha256("\0".join(fields + extra).encode()).hexdigest()


def look(settings: BuildSettings) -> dict[str, Stat]:
    """The stat of everything the build may read."""
    folders = (settings.data_dir, settings.templates_dir, settings.locales_dir, PACKAGE_DIR)
    return {path: _stat(path) for folder in folders for path in _tree(folder)}


def holds(settings: BuildSettings) -> list[Path] | None:
    """The outputs, if the stamp holds for this question; else None."""
    path = settings.out_dir / STATE / STAMP
    try:
        stamp = json.loads(path.read_bytes())
        if stamp["question"] != question(settings):
            return None
        record: list[int] | None = stamp["record"]
        inputs: dict[str, list[int] | None] = stamp["inputs"]
        outputs: dict[str, list[int] | None] = stamp["outputs"]
        taken: int = stamp["taken"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # JSON holds a stat as a list: compare lists.
    seen = {name: None if st is None else list(st) for name, st in look(settings).items()}
    if seen != inputs or any(st is not None and st[1] >= taken - _RACY_NS for st in seen.values()):
        return None
    manifest = _stat(str(settings.out_dir / MANIFEST))
    if record is None or manifest is None or list(manifest) != record:
        return None
    for name, recorded in outputs.items():
        current = _stat(name)
        if recorded is None or current is None or list(current) != recorded:
            return None
    return [Path(name) for name in outputs]


def outputs(settings: BuildSettings) -> dict[str, list[int] | None]:
    """The outputs' stats as the last stamp recorded them, if the build record
    is still the one it stamped (else none): an output whose stat still holds
    has the bytes that record gives, and the careful path need not hash it
    (``Manifest.why_stale``). Whatever the question: a stat proves the same."""
    try:
        stamp = json.loads((settings.out_dir / STATE / STAMP).read_bytes())
        record: list[int] | None = stamp["record"]
        found: dict[str, list[int] | None] = stamp["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    manifest = _stat(str(settings.out_dir / MANIFEST))
    if record is None or manifest is None or list(manifest) != record:
        return {}
    return found if isinstance(found, dict) else {}


def write(
    settings: BuildSettings, before: dict[str, Stat], taken: int, outputs: Sequence[Path]
) -> None:
    """Stamp the run, if nothing it may have read moved since ``before`` (looked at
    ``taken``, in ``time.time_ns()``); a stamp that cannot be written is no stamp."""
    path = settings.out_dir / STATE / STAMP
    if look(settings) != before:
        forget(settings)
        return
    stamp = {
        "question": question(settings),
        "taken": taken,
        "inputs": before,
        "record": _stat(str(settings.out_dir / MANIFEST)),
        "outputs": {str(p): _stat(str(p)) for p in outputs},
    }
    if not keep(path, json.dumps(stamp, separators=(",", ":")).encode()):
        forget(settings)


def forget(settings: BuildSettings) -> None:
    """No stamp: the next build plans the careful way."""
    with contextlib.suppress(OSError):
        (settings.out_dir / STATE / STAMP).unlink(missing_ok=True)


def now() -> int:
    return time.time_ns()
