"""The wheel carries everything the tool reads at run time."""

from __future__ import annotations

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
