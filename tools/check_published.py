"""Check that an output folder holds exactly what the build wrote, before it is published.

``python tools/check_published.py out``: every file the site would show (every
file but the hidden ones: the build record, ``.mocr-state/``, which GitHub
Pages' upload leaves out) must be one the build record lists, with the bytes it
records; and every file it lists must be there. Exit 1 with one line per file
that is not, else 0. The publish workflow runs it after ``mocr build``: the
output folder comes back from the Actions cache, and nothing from an earlier
run may reach the site unless this build still makes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mocr_factsheet.build.manifest import Manifest, file_digest


def check(out: Path) -> list[str]:
    record = Manifest.load(out)
    shown = {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if not path.is_dir()
        and not any(part.startswith(".") for part in path.relative_to(out).parts)
    }
    problems = [
        f"{out / key}: not written by the build" for key in sorted(shown - set(record.entries))
    ]
    for key, entry in sorted(record.entries.items()):
        if key not in shown:
            problems.append(f"{out / key}: listed in the build record but missing")
        elif file_digest(out / key) != entry["output"]:
            problems.append(f"{out / key}: not the bytes the build wrote")
    return problems


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    problems = check(out)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{out}: every file is the one the build wrote.")


if __name__ == "__main__":
    main()
