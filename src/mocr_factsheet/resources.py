"""Where the package finds what it reads at run time: templates, catalogs, fonts.

An installed wheel carries ``templates/`` and ``locales/`` inside the package;
a source checkout keeps them at the repository's top, where translators and
designers edit them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ASSETS_DIR = PACKAGE_DIR / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"


def resource_dir(name: str) -> Path:
    """``templates`` or ``locales``: inside the package when installed, else the checkout's."""
    packaged = PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent.parent / name


def tree_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` that a build may read (hidden files and caches aside)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                   for part in p.relative_to(folder).parts)
        and p.suffix != ".mo"
    )  # fmt: skip
