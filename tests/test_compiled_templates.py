"""The compiled templates (render/html.py, ``CompiledTemplates``): compiled once
for every language of a process, kept on disk for the other workers and the
next build, compiled again when a template changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from mocr_factsheet.render.html import CompiledTemplates


def _environment(templates: Path, cache: CompiledTemplates, compiled: list[str]) -> Any:
    """An environment like ``render.html.environment``'s that notes each template it compiles."""

    class Counting(jinja2.Environment):
        def compile(self, source: Any, name: Any = None, filename: Any = None, **kw: Any) -> Any:
            compiled.append(name)
            return super().compile(source, name, filename, **kw)

    return Counting(
        loader=jinja2.FileSystemLoader(templates), autoescape=True, bytecode_cache=cache
    )


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html.j2").write_text("<p>{{ n }} offices</p>", "utf-8")
    return folder


def test_every_language_of_a_process_shares_one_compile(templates: Path) -> None:
    cache, compiled = CompiledTemplates(), []
    english = _environment(templates, cache, compiled)
    albanian = _environment(templates, cache, compiled)
    assert english.get_template("page.html.j2").render(n=35) == "<p>35 offices</p>"
    assert albanian.get_template("page.html.j2").render(n=34) == "<p>34 offices</p>"
    assert compiled == ["page.html.j2"]


def test_the_next_process_reads_them_from_the_folder(templates: Path, tmp_path: Path) -> None:
    state = tmp_path / "out" / ".mocr-state" / "templates"
    first, compiled = CompiledTemplates(), []
    first.keep_in(state)
    _environment(templates, first, compiled).get_template("page.html.j2")
    assert compiled == ["page.html.j2"]
    assert len(list(state.glob("*/*"))) == 1

    later, compiled_later = CompiledTemplates(), []  # another worker, or the next build
    later.keep_in(state)
    page = _environment(templates, later, compiled_later).get_template("page.html.j2")
    assert compiled_later == []
    assert page.render(n=3) == "<p>3 offices</p>"


def test_an_edited_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    """``mocr serve`` watches the templates: an edit shows at the next build,
    in this process (the memory) and in the next (the folder)."""
    state = tmp_path / "state"
    cache, compiled = CompiledTemplates(), []
    cache.keep_in(state)
    _environment(templates, cache, compiled).get_template("page.html.j2")
    (templates / "page.html.j2").write_text("<p>{{ n }} MOCRs</p>", "utf-8")
    page = _environment(templates, cache, compiled).get_template("page.html.j2")
    assert page.render(n=35) == "<p>35 MOCRs</p>"
    assert compiled == ["page.html.j2", "page.html.j2"]

    later, compiled_later = CompiledTemplates(), []
    later.keep_in(state)
    page = _environment(templates, later, compiled_later).get_template("page.html.j2")
    assert (page.render(n=2), compiled_later) == ("<p>2 MOCRs</p>", [])


def test_what_an_earlier_version_compiled_is_removed(tmp_path: Path) -> None:
    state = tmp_path / "state"
    (state / "0123456789abcdef").mkdir(parents=True)
    (state / "0123456789abcdef" / "__jinja2_old.cache").write_bytes(b"old")
    CompiledTemplates().keep_in(state)
    assert [p.name for p in state.iterdir()] != ["0123456789abcdef"]
    assert len(list(state.iterdir())) == 1


def test_a_folder_that_cannot_be_made_only_costs_time(templates: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", "utf-8")
    cache, compiled = CompiledTemplates(), []
    cache.keep_in(blocked / "templates")
    page = _environment(templates, cache, compiled).get_template("page.html.j2")
    assert page.render(n=1) == "<p>1 offices</p>"
    assert compiled == ["page.html.j2"]
