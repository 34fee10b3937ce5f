"""The wheel carries everything the tool reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_holds_templates_catalogs_and_fonts(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("mocr_factsheet-*.whl")
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
