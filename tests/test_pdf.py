"""The sheet's PDF (Typst): our fonts only, nothing read but the page's data,
metadata and tags from the data, charts as vector drawings whose words are text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from mocr_factsheet.data.dataset import Dataset, load_dataset
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.render.kind import RenderContext, Scope
from mocr_factsheet.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = discover_languages(resource_dir("locales"))
# Text that Typst would run as code or markup if it were ever read as such.
HOSTILE = (
    '#read("/etc/passwd") #image("/etc/hostname") $x^2$ *bold* _it_ @ref <label> '
    '\\ `raw` #import "@preview/x:1.0.0": * = heading ] [ } { // not a comment'
)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data", [2019], note_bases(LANGUAGES))


def sheet_pdf(dataset: Dataset, tag: str, notes: tuple[str, ...] | None = None) -> bytes:
    """2019's sheet in ``tag`` as the build typesets it (with ``notes`` in place of the year's)."""
    from mocr_factsheet.mechanisms.mocr.charts import all_charts
    from mocr_factsheet.mechanisms.mocr.sheet import render_sheet_pdf

    scope = Scope((2019,), (2019,), (tag,), ("pdf",), ())
    ctx = RenderContext(Path("out"), resource_dir("templates"), dataset, LANGUAGES, scope)
    figures = counts.indicators(dataset, 2019)
    tr = ctx.translator(tag)
    if notes is None:
        notes = tr.notes(dataset.years[2019].tables.meta.notes)
    charts = all_charts(figures, tr, dataset.reference)
    return render_sheet_pdf(ctx, figures, tr, charts, notes, Path(f"mocr-2019-{tag}.pdf"))


@pytest.fixture(scope="module")
def sq_pdf(dataset: Dataset) -> bytes:
    return sheet_pdf(dataset, "sq")


def words(pdf: bytes) -> str:
    """The PDF's text with every run of white space as one space."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_metadata_comes_from_the_data(sq_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sq_pdf))
    info = reader.metadata
    assert info is not None
    assert info["/Title"].replace("\u00a0", " ") == (
        "Zyrat Komunale për Komunitete dhe Kthim (ZKKK) 2019"
    )
    assert info["/CreationDate"].startswith("D:20191201")
    assert info["/ModDate"] == info["/CreationDate"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sq"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_same_data_same_bytes(dataset: Dataset, sq_pdf: bytes) -> None:
    assert sheet_pdf(dataset, "sq") == sq_pdf


def test_only_the_packaged_fonts_are_embedded_as_subsets(sq_pdf: bytes) -> None:
    fonts: set[str] = set()

    def collect(resources: object) -> None:
        if not hasattr(resources, "get"):
            return
        for font in (resources.get("/Font") or {}).values():  # type: ignore[attr-defined]
            fonts.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():  # type: ignore[attr-defined]
            collect(xobject.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(sq_pdf)).pages:
        collect(page.get("/Resources"))
    # The packaged DejaVu files, each cut down to the glyphs used ("ABCDEF+"):
    # no system font, in the text or in the charts.
    assert {name.split("+")[-1] for name in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}, fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", name) for name in fonts), fonts


def test_charts_are_vector_drawings_whose_words_are_text(dataset: Dataset, sq_pdf: bytes) -> None:
    from mocr_factsheet.i18n.translator import Translator

    reader = PdfReader(io.BytesIO(sq_pdf))
    for page in reader.pages:
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            assert xobject.get_object()["/Subtype"] != "/Image", "a chart was drawn as pixels"
    text = words(sq_pdf)
    tr = Translator.load(LANGUAGES["sq"], LANGUAGES)
    figures = counts.indicators(dataset, 2019)
    # The charts' labels, legends and values: searchable text.
    for code in figures.officers_by_community:
        assert tr.community(code) in text, code
    for label in ("Yes", "No", "Unknown", "Women", "Men", "Performed", "Not performed"):
        assert tr.gettext(label) in text, label
    bare = re.sub(r"\s", "", text)  # a long name is written on two lines
    for code in figures.duties_per_office:
        name = tr.municipality(dataset.reference.municipality(code))
        assert re.sub(r"\s", "", name) in bare, name


@pytest.mark.parametrize("tag", ["en", "sr-Cyrl"])
def test_hostile_notes_are_printed_as_typed(dataset: Dataset, tag: str) -> None:
    pdf = sheet_pdf(dataset, tag, notes=(HOSTILE,))
    text = words(pdf).replace("\u00a0", " ")
    # Typst breaks the note's line anywhere: compare without white space.
    assert re.sub(r"\s", "", HOSTILE) in re.sub(r"\s", "", text)
    assert "root:" not in text  # /etc/passwd was not read
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


@pytest.mark.slow
def test_hostile_notes_are_printed_as_typed_by_every_kind(tmp_path: Path) -> None:
    """User text never becomes Typst code, in any PDF (issue 19): the year's
    note holding Typst's markup is printed as typed by the sheet, the profile
    and the Communities Committees sheet, and no file is read. (The trends
    print no year's notes; their names and labels reach Typst the same way,
    as JSON data: render/typst.py.)"""
    import json
    import shutil

    from typer.testing import CliRunner

    from mocr_factsheet.cli import app

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    year_toml = data / "2019" / "year.toml"
    assert "[notes]" not in year_toml.read_text("utf-8")
    with year_toml.open("a", encoding="utf-8") as toml:
        toml.write(f"\n[notes]\nen = [{json.dumps(HOSTILE)}]\n")
    out = tmp_path / "out"
    kinds = ["--kind", "sheet", "--kind", "profile", "--kind", "committees"]
    result = CliRunner().invoke(
        app,
        ["build", "--data", str(data), "--out", str(out), "--lang", "en", "--format", "pdf",
         "--municipality", "prizren", "--jobs", "1", *kinds],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdfs = {
        "sheet": out / "2019" / "mocr-2019-en.pdf",
        "profile": out / "2019" / "municipalities" / "mocr-2019-prizren-en.pdf",
        "committees": out / "2019" / "mocr-2019-cc-en.pdf",
    }
    for kind, pdf in pdfs.items():
        found = words(pdf.read_bytes()).replace("\u00a0", " ")
        assert re.sub(r"\s", "", HOSTILE) in re.sub(r"\s", "", found), kind
        assert "root:" not in found, kind
