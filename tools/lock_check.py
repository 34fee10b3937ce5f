"""Whether ``requirements.lock`` pins what ``pyproject.toml`` pins.

``make install`` installs the lock (every package, with its hashes) and then
the project without its dependencies; a dependency added to, changed in or
removed from ``pyproject.toml`` since the lock was made would go unnoticed.
This says so before anything is installed, and how to refresh the lock:
``make lock`` (docs/reliability.md, "Tests on every push").

    python tools/lock_check.py [pyproject.toml] [requirements.lock]

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# A requirement pinned exactly: "name==1.2", "name[extra]==1.2".
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)\s*$")
# A package line of the lock: "name==1.2 \" or "name==1.2 ; marker \".
_LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_DIRECT = "# via mocr-factsheet (pyproject.toml)"


def normal(name: str) -> str:
    """A package name as the index compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(pyproject: Path) -> tuple[dict[str, str], list[str]]:
    """The direct dependencies and the dev extra's, by name; and those not pinned exactly."""
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pins: dict[str, str] = {}
    loose: list[str] = []
    for requirement in requirements:
        match = _PIN.match(requirement)
        if match is None:
            loose.append(requirement)
        else:
            pins[normal(match[1])] = match[2]
    return pins, loose


def locked(lock: Path) -> tuple[dict[str, set[str]], set[str]]:
    """Every locked package's versions (a universal lock may hold two, by
    Python version), and the names the lock took from pyproject.toml."""
    versions: dict[str, set[str]] = {}
    direct: set[str] = set()
    current = ""
    for line in lock.read_text("utf-8").splitlines():
        match = _LOCKED.match(line)
        if match is not None:
            current = normal(match[1])
            versions.setdefault(current, set()).add(match[2])
        elif line.strip() == _DIRECT or line.strip() == "#   mocr-factsheet (pyproject.toml)":
            direct.add(current)
    return versions, direct


def problems(pyproject: Path, lock: Path) -> list[str]:
    if not lock.is_file():
        return [f"{lock} is missing"]
    pins, loose = pinned(pyproject)
    versions, direct = locked(lock)
    found = [f"{pyproject} does not pin {r!r} exactly (name==version)" for r in loose]
    for name, version in sorted(pins.items()):
        if version not in versions.get(name, set()):
            has = ", ".join(sorted(versions.get(name, set()))) or "none"
            found.append(f"{pyproject} pins {name}=={version}; {lock} has {has}")
    found += [
        f"{lock} still holds {name}, which {pyproject} no longer names"
        for name in sorted(direct - pins.keys())
    ]
    return found


def main(argv: list[str]) -> int:
    pyproject = Path(argv[1] if len(argv) > 1 else "pyproject.toml")
    lock = Path(argv[2] if len(argv) > 2 else "requirements.lock")
    found = problems(pyproject, lock)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(
            f"{lock} is out of date with {pyproject}: run `make lock` (it needs the network) "
            f"and commit {lock}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
