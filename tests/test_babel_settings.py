"""Babel's settings have one home, ``src/mocr_factsheet/i18n/babel.cfg``, and its readers agree.

``make locales`` extracts with it (``pybabel extract -F``), ``mocr locales
check`` extracts with it (``i18n/catalogs.py``) and the renderer parses the
templates with its ``[jinja2]`` options (``render/html.py``). Each test here
fails when one of them goes its own way.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface, parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2.utils import import_string

from mocr_factsheet.i18n.babel_cfg import BABEL_CFG
from mocr_factsheet.i18n.catalogs import source_messages
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.render.html import environment
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
# Options of `pybabel extract` that are Babel's settings: they belong in babel.cfg.
SETTINGS = re.compile(r"(?:^|\s)(?:-k|--keywords?|-c|--add-comments|--no-default-keywords)\b")


def _extract_recipe() -> str:
    """The ``pybabel extract`` command of the Makefile's ``locales`` target, joined."""
    text = (ROOT / "Makefile").read_text("utf-8").replace("\\\n", " ")
    (line,) = [line for line in text.splitlines() if "pybabel extract" in line]
    return line


def _jinja_options() -> dict[str, str]:
    """babel.cfg's ``[jinja2]`` options, parsed by Babel itself."""
    with BABEL_CFG.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(BABEL_CFG))
    (pattern,) = [pattern for pattern, method in method_map if method == "jinja2"]
    return dict(options_map[pattern])


def test_make_locales_reads_babel_cfg_and_adds_no_settings_of_its_own() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    variable = re.search(r"^BABEL_CFG\s*:?=\s*(\S+)$", makefile, re.MULTILINE)
    assert variable and ROOT / variable[1] == BABEL_CFG, "the Makefile's BABEL_CFG is not babel.cfg"
    recipe = _extract_recipe()
    assert " -F $(BABEL_CFG) " in recipe, recipe
    assert not SETTINGS.search(recipe), f"keywords and comment tags go in babel.cfg: {recipe}"


def test_pybabel_and_the_check_extract_the_same_messages(tmp_path: Path) -> None:
    """``pybabel extract -F babel.cfg`` over the checkout, as ``make locales`` runs it."""
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(BABEL_CFG), "--no-location", "--sort-output",
         "-o", str(pot), str(ROOT)]
    )  # fmt: skip
    with pot.open("rb") as handle:
        extracted = {
            (m.id if isinstance(m.id, str) else m.id[0], m.context) for m in read_po(handle)
        }
    extracted.discard(("", None))  # the header
    checked = set(source_messages(resource_dir("templates")))
    assert extracted == checked, (
        f"only pybabel: {sorted(extracted - checked, key=str)[:5]}; "
        f"only the check: {sorted(checked - extracted, key=str)[:5]}"
    )
    assert len(checked) > 100  # the catalogs' messages, not an empty extraction twice


def test_the_renderer_parses_templates_as_pybabel_does() -> None:
    options = _jinja_options()
    languages = discover_languages(resource_dir("locales"))
    env = environment(resource_dir("templates"), Translator.load(languages["en"], languages))
    for key in ("trim_blocks", "lstrip_blocks", "keep_trailing_newline"):
        wanted = options.get(key, "false").lower() in {"1", "on", "yes", "true"}
        assert getattr(env, key) is wanted, f"{key}: the renderer differs from babel.cfg"
    loaded = {type(extension) for extension in env.extensions.values()}
    for name in options["extensions"].split(","):
        assert import_string(name.strip()) in loaded, name
    # The sheets' white space (and so their bytes) is written for these two.
    assert env.trim_blocks and env.lstrip_blocks
