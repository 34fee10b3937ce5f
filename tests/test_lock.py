"""``requirements.lock``: what ``make install`` and the workflows install, every
package pinned and hashed, and never behind ``pyproject.toml`` (issue #19)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
CHECK = ROOT / "tools" / "lock_check.py"


def check(pyproject: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(pyproject), str(LOCK)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_lock_pins_what_pyproject_pins() -> None:
    result = check(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stderr


def test_every_locked_package_is_pinned_with_its_hashes() -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8").split("\n", 2)[2])
    packages = [e for e in entries if not e.startswith("#")]
    assert len(packages) > 50
    for entry in packages:
        assert re.match(r"[A-Za-z0-9._-]+==\S+", entry), entry
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('"typer==0.27.2"', '"typer==0.27.3"', "pins typer==0.27.3; "),
        ('"jinja2==3.1.6",', '"jinja2==3.1.6", "tomli-w==1.2.0",', "pins tomli-w==1.2.0; "),
        ('    "matplotlib==3.11.2",\n', "", "still holds matplotlib, which"),
        ('"babel==2.18.0"', '"babel>=2.18"', "does not pin 'babel>=2.18' exactly"),
    ],
)
def test_a_lock_behind_pyproject_is_said_with_the_command_that_refreshes_it(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    if old not in text:
        pytest.skip(f"{old} is no longer in pyproject.toml")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text.replace(old, new, 1), "utf-8")
    result = check(pyproject)
    assert result.returncode == 1
    assert said in result.stderr
    assert result.stderr.rstrip().endswith(
        f"run `make lock` (it needs the network) and commit {LOCK}"
    )
