"""The PDF engine's own guarantees (src/mocr_factsheet/render/typst.py, docs/design.md):
text from the data is printed as typed, never run as Typst code; the same
page gives the same bytes; only the package's fonts are embedded; the PDF
says its title and language; Typst's problems are the build's problems."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import Translator
from mocr_factsheet.problems import UserError
from mocr_factsheet.render.typst import base_data, forget, page_count, render_pdf, timestamp
from mocr_factsheet.resources import resource_dir

HOSTILE = (
    '#read("/etc/passwd") $x^2$ *bold* _it_ @ref <label> \\ `raw` '
    '#import "@preview/x:1.0.0": * = heading ] [ } { // not a comment'
)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    shutil.copy(resource_dir("templates") / "base.typ", tmp_path / "base.typ")
    shutil.copy(Path(__file__).parent / "fixtures" / "typst" / "probe.typ", tmp_path)
    return tmp_path


def page(tag: str, text: str, sample: bool = True) -> dict[str, object]:
    languages = discover_languages(resource_dir("locales"))
    tr = Translator.load(languages[tag], languages)
    return {"base": base_data(tr, f"Title {tag}", sample), "text": text}


def words(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_text_from_the_data_is_printed_as_typed(templates: Path) -> None:
    pdf = render_pdf(templates, "probe.typ", page("en", HOSTILE), "2019-12-01", "out.pdf")
    text = " ".join(words(pdf).split())
    assert " ".join(HOSTILE.split()) in text
    assert "root:" not in text


def test_same_page_same_bytes_and_the_date_from_the_data(templates: Path) -> None:
    one = render_pdf(templates, "probe.typ", page("sq", "Një"), "2019-12-01", "out.pdf")
    two = render_pdf(templates, "probe.typ", page("sq", "Një"), "2019-12-01", "out.pdf")
    assert one == two
    other = render_pdf(templates, "probe.typ", page("sq", "Një"), "2018-12-01", "out.pdf")
    assert other != one  # the creation date is the data's
    assert b"D:20191201" in one


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    assert timestamp("2019-12-01") == 1575158400
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert timestamp("2019-12-01") == 86400


@pytest.mark.parametrize(
    ("tag", "lang"), [("en", "en"), ("sq", "sq"), ("sr", "sr"), ("sr-Cyrl", "sr")]
)
def test_title_language_and_fonts(templates: Path, tag: str, lang: str) -> None:
    pdf = render_pdf(templates, "probe.typ", page(tag, "Ђ ë č"), "2019-12-01", "out.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == f"Title {tag}"
    assert str(reader.trailer["/Root"]["/Lang"]).startswith(lang)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
    fonts = set()
    for p in reader.pages:
        for font in p["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"}


def test_a_template_error_is_a_problem_of_the_build(templates: Path) -> None:
    (templates / "broken.typ").write_text('#read("/etc/passwd")\n', "utf-8")
    with pytest.raises(UserError) as caught:
        render_pdf(templates, "broken.typ", page("en", "x"), "2019-12-01", "out/x.pdf")
    (problem,) = caught.value.problems
    assert problem.file == "out/x.pdf"
    # Typst reads under its root only: "/etc/passwd" is looked for in the templates folder.
    assert problem.message.startswith("Typst (broken.typ:1:6): file not found")


def test_a_template_error_says_where_in_the_template(templates: Path) -> None:
    (templates / "wrong.typ").write_text('#let x = 1\n#(x + "a")\n', "utf-8")
    with pytest.raises(UserError) as caught:
        render_pdf(templates, "wrong.typ", page("en", "x"), "2019-12-01", "out/x.pdf")
    (problem,) = caught.value.problems
    assert problem.message.startswith("Typst (wrong.typ:2:2): cannot add integer and string")


def feet(pdf: bytes) -> list[str]:
    return [p.extract_text().splitlines()[-1] for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_page_count_read_from_the_pdf_and_the_feet_given_or_counted(templates: Path) -> None:
    long = page("en", " ".join(["A paragraph of words."] * 700))
    counted = render_pdf(templates, "probe.typ", long, "2019-12-01", "out.pdf")
    assert page_count(counted) == len(feet(counted)) == 3
    assert feet(counted) == ["1 / 3", "2 / 3", "3 / 3"]
    # The count given as data (base.typ, folio): the same feet, laid out once.
    given = {**long, "base": {**long["base"], "pages": 3}}  # type: ignore[dict-item]
    assert render_pdf(templates, "probe.typ", given, "2019-12-01", "out.pdf") == counted
    # A one-page document's number given too.
    short = page("en", "Short.")
    one = {**short, "base": {**short["base"], "page": 1, "pages": 1}}  # type: ignore[dict-item]
    pdf = render_pdf(templates, "probe.typ", one, "2019-12-01", "out.pdf")
    assert page_count(pdf) == 1
    assert feet(pdf) == ["1 / 1"]
    assert pdf == render_pdf(templates, "probe.typ", short, "2019-12-01", "out.pdf")


def test_forgetting_the_memo_changes_no_byte(templates: Path) -> None:
    before = render_pdf(templates, "probe.typ", page("sq", "Një"), "2019-12-01", "out.pdf")
    forget(templates)
    assert render_pdf(templates, "probe.typ", page("sq", "Një"), "2019-12-01", "out.pdf") == before


def test_large_memos_are_dropped_one_before_the_next(
    templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A booklet's or the trends' memo is dropped before the next such document is
    # set, never after it (a worker's last one is left to the process's end),
    # and the documents' bytes are those of a compile without it.
    from mocr_factsheet.render import typst

    dropped: list[str] = []
    monkeypatch.setattr(typst, "forget", lambda folder: dropped.append("forget"))
    monkeypatch.setattr(typst, "_large_held", [])
    alone = render_pdf(templates, "probe.typ", page("en", "One."), "2019-12-01", "out.pdf")
    for n in range(3):
        with typst.one_large_memo(templates):
            dropped.append(f"set {n}")
            pdf = render_pdf(templates, "probe.typ", page("en", "One."), "2019-12-01", "out.pdf")
        assert pdf == alone
    assert dropped == ["set 0", "forget", "set 1", "forget", "set 2"]
