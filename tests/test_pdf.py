"""The PDF: our fonts only, nothing fetched, metadata and tags from the data."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from mocr_factsheet.data.dataset import load_dataset
from mocr_factsheet.i18n.languages import discover_languages, note_bases
from mocr_factsheet.mechanisms.mocr import counts
from mocr_factsheet.problems import UserError
from mocr_factsheet.render.html import Sheet
from mocr_factsheet.render.pdf import allowed_file, render_pdf
from mocr_factsheet.resources import FONTS_DIR, resource_dir

ROOT = Path(__file__).resolve().parent.parent


def test_fetcher_allows_only_the_package_assets() -> None:
    font = FONTS_DIR / "DejaVuSans.ttf"
    assert allowed_file(font.as_uri()) == font.resolve()
    assert allowed_file("file:///etc/passwd") is None
    assert allowed_file((FONTS_DIR / ".." / ".." / "cli.py").resolve().as_uri()) is None
    assert allowed_file("https://example.org/logo.png") is None


def test_a_file_outside_the_assets_fails_the_build() -> None:
    html = (
        '<html lang="en"><head><title>t</title></head><body>'
        '<img src="file:///etc/passwd" alt="x"></body></html>'
    )
    with pytest.raises(UserError) as caught:
        render_pdf(Sheet(html, "2019-12-01"), "out/x.pdf")
    assert "refused to fetch file:///etc/passwd" in str(caught.value)


@pytest.fixture(scope="module")
def sheet_pdf() -> PdfReader:
    from mocr_factsheet.i18n.translator import Translator
    from mocr_factsheet.mechanisms.mocr.charts import all_charts
    from mocr_factsheet.mechanisms.mocr.sheet import render_sheet

    languages = discover_languages(resource_dir("locales"))
    dataset = load_dataset(ROOT / "data", [2019], note_bases(languages))
    figures = counts.indicators(dataset, 2019)
    tr = Translator.load(languages["sq"], languages)
    charts = all_charts(figures, tr, dataset.reference)
    sheet = render_sheet(
        resource_dir("templates"), figures, tr, dataset.reference, charts, (), inline_charts=False
    )
    return PdfReader(io.BytesIO(render_pdf(sheet, "mocr-2019-sq.pdf")))


def test_metadata_comes_from_the_data(sheet_pdf: PdfReader) -> None:
    info = sheet_pdf.metadata
    assert info is not None
    assert info["/Title"].replace("\u00a0", " ") == (
        "Zyrat Komunale për Komunitete dhe Kthim (ZKKK) 2019"
    )
    assert info["/CreationDate"] == "D:20191201" == info["/ModDate"]
    root = sheet_pdf.trailer["/Root"]
    assert root["/Lang"] == "sq"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_only_the_packaged_fonts_are_embedded(sheet_pdf: PdfReader) -> None:
    fonts: set[str] = set()

    def collect(resources: object) -> None:
        if not hasattr(resources, "get"):
            return
        for font in (resources.get("/Font") or {}).values():  # type: ignore[attr-defined]
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        for xobject in (resources.get("/XObject") or {}).values():  # type: ignore[attr-defined]
            collect(xobject.get_object().get("/Resources"))

    for page in sheet_pdf.pages:
        collect(page.get("/Resources"))
    # Named after the family our @font-face binds to the packaged DejaVu files:
    # no system font was used, in the text or in the charts.
    assert fonts == {"MOCR-Sans", "MOCR-Sans-Bold"}, fonts
