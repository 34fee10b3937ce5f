"""The wheel carries everything the tool reads at run time."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel, built once for this module's tests."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (built,) = folder.glob("mocr_factsheet-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_templates_catalogs_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in [
        "mocr_factsheet/templates/base.html.j2",
        "mocr_factsheet/templates/base.css",
        "mocr_factsheet/templates/sheet.html.j2",
        "mocr_factsheet/templates/sheet.css",
        "mocr_factsheet/locales/messages.pot",
        "mocr_factsheet/locales/languages.toml",
        "mocr_factsheet/locales/en/LC_MESSAGES/messages.po",
        "mocr_factsheet/locales/sq/LC_MESSAGES/messages.po",
        "mocr_factsheet/locales/sr/LC_MESSAGES/messages.po",
        "mocr_factsheet/locales/sr_Cyrl/LC_MESSAGES/messages.po",
        "mocr_factsheet/assets/fonts/DejaVuSans.ttf",
        "mocr_factsheet/assets/fonts/DejaVuSans-Bold.ttf",
        "mocr_factsheet/assets/fonts/LICENSE_DEJAVU",
    ]:
        assert needed in names, needed
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "mocr = mocr_factsheet.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_wheel_holds_babel_s_settings(wheel: Path) -> None:
    """The renderer parses the templates with babel.cfg's options: an installed tool needs it."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mocr_factsheet/i18n/babel.cfg" in names


# The system libraries WeasyPrint needed and the tool no longer does (docs/design.md).
HIDDEN = re.compile(r"lib(pango|pangoft2|pangocairo|harfbuzz|harfbuzz-subset)-?[\d.]*\.so")
LIBRARY_DIRS = ("/usr/lib", "/lib", "/usr/local/lib")


@pytest.mark.slow
def test_every_kind_builds_without_pango_or_harfbuzz(tmp_path: Path) -> None:
    """A machine with nothing but Python: the system's Pango and HarfBuzz are hidden
    (each file bound over by /dev/null in a private mount namespace) and every kind
    of page, PDF included, still builds."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("hiding system libraries needs root and unshare (util-linux)")
    libraries = sorted(
        str(path)
        for folder in LIBRARY_DIRS
        if Path(folder).is_dir()
        for path in Path(folder).rglob("lib*.so*")
        if HIDDEN.match(path.name) and not path.is_symlink()
    )
    probe = "import ctypes; ctypes.CDLL('libpango-1.0.so.0')"
    script = "\n".join(
        [
            "set -e",
            *(f"mount --bind /dev/null {shlex.quote(lib)}" for lib in libraries),
            # The hiding works: loading Pango fails in here.
            f"if {shlex.quote(sys.executable)} -c {shlex.quote(probe)} 2>/dev/null; then"
            " echo 'Pango is still loadable'; exit 3; fi",
            f"exec {shlex.quote(sys.executable)} -m mocr_factsheet build"
            f" --data {shlex.quote(str(ROOT / 'data'))} --out {shlex.quote(str(tmp_path))}"
            " --lang sr-Cyrl --jobs 2",
        ]
    )
    result = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    kinds = {
        "sheet": "2019/mocr-2019-sr-Cyrl.pdf",
        "profile": "2019/municipalities",
        "trends": "trends/mocr-trends-sr-Cyrl.pdf",
        "committees": "2019/mocr-2019-cc-sr-Cyrl.pdf",
    }
    for kind, path in kinds.items():
        target = tmp_path / path
        pdfs = sorted(target.glob("*.pdf")) if target.is_dir() else [target]
        assert pdfs and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs), kind
