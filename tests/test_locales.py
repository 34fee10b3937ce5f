"""Equal in every language: catalogs checked, Cyrillic Serbian, a new language without code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import babel.messages.pofile
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from mocr_factsheet.cli import app
from mocr_factsheet.i18n import catalogs
from mocr_factsheet.i18n.languages import discover_languages
from mocr_factsheet.i18n.translator import CompiledCatalogs
from mocr_factsheet.resources import resource_dir
from mocr_factsheet.translit import cyrillic_to_latin, fold, latin_to_cyrillic

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LOCALES = resource_dir("locales")


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the catalogs to break."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES, copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def invoke(args: list[str], locales: Path | None = None) -> tuple[int, str]:
    env = {"MOCR_LOCALES": str(locales)} if locales else {}
    result = CliRunner().invoke(app, args, env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def line_of(path: Path, text: str) -> int:
    """The line of the PO entry whose msgid starts with ``text`` (its msgid line)."""
    lines = path.read_text("utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(f'msgid "{text}'):
            return number
    raise AssertionError(f"{text!r} not in {path}")


def replace_in_entry(path: Path, msgid: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the msgstr lines of one entry."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = line_of(path, msgid) - 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    entry = "".join(lines[start:end])
    head, _, strings = entry.partition("msgstr")
    lines[start:end] = [head + "msgstr" + strings.replace(old, new, 1)]
    path.write_text("".join(lines), "utf-8")


def test_shipped_catalogs_pass() -> None:
    code, output = invoke(["locales", "check"])
    assert code == 0, output
    assert "en, sq, sr, sr-Cyrl" in output


def test_untranslated_message_is_named_with_its_line(locales: Path) -> None:
    po = locales / "sq" / "LC_MESSAGES" / "messages.po"
    replace_in_entry(po, "Establishment", '"Themelimi"', '""')
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    assert f"{po}:{line_of(po, 'Establishment')}: 'Establishment' is not translated" in output


def test_wrong_placeholder_is_named(locales: Path) -> None:
    po = locales / "sr" / "LC_MESSAGES" / "messages.po"
    replace_in_entry(po, "Performance %(year)s", "%(year)s", "%(godina)s")
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    line = line_of(po, "Performance %(year)s")
    assert (
        f"{po}:{line}: 'Performance %(year)s': the placeholders ['godina'] differ from "
        "the source's ['year']"
    ) in output


def test_missing_plural_form_is_named(locales: Path) -> None:
    po = locales / "sr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    entry = text.index('msgid "in %(count)s municipality"')
    third = text.index("msgstr[2]", entry)
    po.write_text(text[:third] + text[text.index("\n", third) + 1 :], "utf-8")
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    assert (
        f"{po}:{line_of(po, 'in %(count)s municipality')}: 'in %(count)s municipality' "
        "(plural form 2) is not translated"
    ) in output


def test_fuzzy_message_is_named(locales: Path) -> None:
    po = locales / "sq" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8").replace('msgid "Establishment"', '#, fuzzy\nmsgid "Establishment"')
    po.write_text(text, "utf-8")
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    assert "'Establishment' is marked fuzzy" in output


def test_build_refuses_an_incomplete_catalog_and_writes_nothing(
    locales: Path, tmp_path: Path
) -> None:
    po = locales / "sq" / "LC_MESSAGES" / "messages.po"
    replace_in_entry(po, "Establishment", '"Themelimi"', '""')
    out = tmp_path / "out"
    code, output = invoke(
        ["build", "--data", str(DATA), "--out", str(out), "--year", "2019", "--lang", "sq"], locales
    )
    assert code == 1
    assert f"{po}:{line_of(po, 'Establishment')}: 'Establishment' is not translated" in output
    assert not out.exists()


def test_build_refuses_notes_missing_in_one_language(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    toml = data / "2017" / "year.toml"
    toml.write_text(re.sub(r"(?m)^sq = .*\n", "", toml.read_text("utf-8")), "utf-8")
    out = tmp_path / "out"
    build = ["build", "--data", str(data), "--out", str(out), "--year", "2017", "--format", "html"]
    build += ["--kind", "sheet"]
    for langs in ([], ["--lang", "sq"], ["--lang", "sq", "--lang", "en"]):
        code, output = invoke([*build, *langs])
        assert code == 1
        assert "2017/year.toml:6: notes: 'sq' has 0 notes where 'en' has 1" in output
        assert not out.exists()
    # The complete languages still build: only the incomplete one is refused.
    code, output = invoke([*build, "--lang", "en", "--lang", "sr-Cyrl"])
    assert code == 0, output
    assert sorted(p.name for p in (out / "2017").iterdir()) == [
        "indicators.json",
        "mocr-2017-en.html",
        "mocr-2017-sr-Cyrl.html",
    ]


def test_serbian_transliteration() -> None:
    assert latin_to_cyrillic("OKZP") == "ОКЗП"
    assert latin_to_cyrillic("Gračanica") == "Грачаница"
    assert latin_to_cyrillic("Zvečan") == "Звечан"
    assert latin_to_cyrillic("Severna Mitrovica") == "Северна Митровица"
    assert latin_to_cyrillic("Ljubljana, NJEGOŠ, Džakula, DŽAMIJA, Đakovica") == (
        "Љубљана, ЊЕГОШ, Џакула, ЏАМИЈА, Ђаковица"
    )
    # n+j and d+ž that are two letters, after a prefix; the digraphs elsewhere
    assert latin_to_cyrillic("Injekcija, konjunktura, nadživeti, podžanr, konj, Odžak") == (
        "Инјекција, конјунктура, надживети, поджанр, коњ, Оџак"
    )
    assert latin_to_cyrillic("u %(count)s opštini: %(names)s") == "у %(count)s општини: %(names)s"
    assert latin_to_cyrillic('<span class="place">Peć</span>') == '<span class="place">Пећ</span>'
    # decomposed input is normalised first
    assert latin_to_cyrillic("s\u030cta") == "шта"
    assert cyrillic_to_latin("Северна Митровица") == "Severna Mitrovica"
    assert fold("Ђаковица") == fold("Đakovica") == "djakovica"


@pytest.mark.slow
def test_cyrillic_sheet_is_in_cyrillic_but_for_other_languages_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = invoke(
        [*("build", "--kind", "sheet", "--data", str(DATA), "--out", str(out)),
         *("--year", "2019", "--lang", "sr-Cyrl")]
    )  # fmt: skip
    assert code == 0, output
    text = " ".join(
        p.extract_text() or "" for p in PdfReader(out / "2019" / "mocr-2019-sr-Cyrl.pdf").pages
    ).replace("\u00a0", " ")  # a name's words are tied by no-break spaces
    assert "ОКЗП" in text and "Грачаница/Graçanicë" in text.replace("/ ", "/")
    assert "Северна Митровица" in text and "Звечан/Zveçan" in text.replace("/ ", "/")
    # Every Latin word left is part of a name in another language (Albanian, Turkish).
    import csv

    with (DATA / "municipalities.csv").open(encoding="utf-8") as handle:
        names = " ".join(r["name_sq"] + " " + r["name_tr"] for r in csv.DictReader(handle))
    allowed = set(re.findall(r"[^\W\d_]+", names))
    latin = set(re.findall(r"[A-Za-zÀ-žș]+", text)) - allowed
    assert latin == set(), latin
    html = (out / "2019" / "mocr-2019-sr-Cyrl.html").read_text("utf-8")
    assert '<html lang="sr-Cyrl">' in html


def test_cyrillic_catalog_overrides_one_message(locales: Path, tmp_path: Path) -> None:
    po = locales / "sr_Cyrl" / "LC_MESSAGES" / "messages.po"
    replace_in_entry(po, "Establishment", '""', '"Оснивање"')
    out = tmp_path / "out"
    code, output = invoke(
        [
            "build",
            "--kind",
            "sheet",
            "--data",
            str(DATA),
            "--out",
            str(out),
            "--year",
            "2019",
            "--lang",
            "sr-Cyrl",
            "--format",
            "html",
        ],
        locales,
    )
    assert code == 0, output
    html = (out / "2019" / "mocr-2019-sr-Cyrl.html").read_text("utf-8")
    assert "<h2>Оснивање</h2>" in html
    assert "Формирање" not in html


@pytest.mark.slow
def test_a_new_language_needs_no_code(locales: Path, tmp_path: Path) -> None:
    """A German catalog dropped into a copy of locales/ is built like the others."""
    german = locales / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    english = (locales / "en" / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    text = english.replace("Language: en", "Language: de").replace(
        'msgstr "Establishment"', 'msgstr "Gründung"'
    )
    (german / "messages.po").write_text(text, "utf-8")
    code, output = invoke(["locales", "check"], locales)
    assert code == 0, output
    assert "de" in output
    # The year's notes are data: the German translator adds them to each
    # year.toml a 2019 page shows (its own, and 2016's and 2017's on the profiles).
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for toml in data.glob("*/year.toml"):
        lines = toml.read_text("utf-8").splitlines()
        german_notes = [
            line.replace("en = ", "de = ", 1) for line in lines if line.startswith("en = ")
        ]
        toml.write_text("\n".join(lines + german_notes) + "\n", "utf-8")
    out = tmp_path / "out"
    code, output = invoke(
        ["build", "--data", str(data), "--out", str(out), "--year", "2019", "--lang", "de"], locales
    )
    assert code == 0, output
    html = (out / "2019" / "mocr-2019-de.html").read_text("utf-8")
    assert '<html lang="de">' in html and "<h2>Gründung</h2>" in html
    assert (out / "2019" / "mocr-2019-de.pdf").read_bytes().startswith(b"%PDF")


def test_a_stale_template_is_named(locales: Path) -> None:
    pot = locales / "messages.pot"
    text = pot.read_text("utf-8")
    start = text.index('msgid "Establishment"')
    pot.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], "utf-8")
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    assert "'Establishment' is used but not in the template; run make locales" in output


def test_a_stale_compiled_catalog_is_named(locales: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = locales / "sq" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as source, po.with_suffix(".mo").open("wb") as compiled:
        write_mo(compiled, read_po(source, locale="sq"))
    code, output = invoke(["locales", "check"], locales)
    assert code == 0, output  # compiled from the current text
    replace_in_entry(po, "Establishment", '"Themelimi"', '"Themelimi i ZKKK-ve"')
    code, output = invoke(["locales", "check"], locales)
    assert code == 1
    assert f"{po}: messages.mo was compiled from an older text; run make locales" in output


def test_compiled_catalogs_are_kept_and_follow_their_sources(locales: Path, tmp_path: Path) -> None:
    """A build keeps each language's compiled catalog (out/.mocr-state/catalogs/):
    the next worker reads it instead of parsing the PO files; a catalog edited since
    is compiled again, with the languages derived from it, and its old entry goes."""
    languages = discover_languages(locales)
    folder = tmp_path / "catalogs"

    def establishment() -> dict[str, str]:
        catalogs = CompiledCatalogs()
        catalogs.keep_in(folder)
        return {
            tag: catalogs.translations(languages[tag], languages).gettext("Establishment")
            for tag in languages
        }

    def entries() -> dict[str, str]:
        return {p.name.split(".")[0]: p.name for p in folder.iterdir()}

    expected = {
        "en": "Establishment", "sq": "Themelimi", "sr": "Formiranje", "sr-Cyrl": "Формирање"
    }  # fmt: skip
    assert establishment() == expected
    kept = entries()
    assert sorted(kept) == sorted(languages)
    assert len(list(folder.iterdir())) == len(languages)
    # Kept, not compiled again: a process that cannot parse PO files still translates.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(babel.messages.pofile, "read_po", None)
        assert establishment() == expected
    # Serbian Latin edited: sr and the Cyrillic derived from it change, the rest is kept.
    po = locales / "sr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text("utf-8").replace('msgstr "Formiranje"', 'msgstr "Osnivanje"'), "utf-8"
    )
    assert establishment() == {**expected, "sr": "Osnivanje", "sr-Cyrl": "Оснивање"}
    now = entries()
    assert {tag for tag in languages if now[tag] != kept[tag]} == {"sr", "sr-Cyrl"}
    assert len(list(folder.iterdir())) == len(languages)
    # A damaged entry is compiled again, not a traceback.
    (folder / now["sq"]).write_bytes(b"not a catalog")
    assert establishment() == {**expected, "sr": "Osnivanje", "sr-Cyrl": "Оснивање"}


def test_sound_catalogs_are_checked_again_only_once_they_change(
    locales: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build remembers catalogs it found sound (out/.mocr-state/catalogs/checked.*)
    and does not parse them again; a catalog changed since is checked, and refused."""
    out = tmp_path / "out"
    build = ["build", "--data", str(DATA), "--out", str(out), "--kind", "about", "--force"]
    build += ["--format", "html"]
    assert invoke(build, locales)[0] == 0
    assert len(list((out / ".mocr-state" / "catalogs").glob("checked.*"))) == 1
    checks: list[object] = []
    monkeypatch.setattr(catalogs, "check_catalogs", lambda *args, **_: checks.append(args) or [])
    assert invoke(build, locales)[0] == 0
    assert checks == []
    monkeypatch.undo()
    po = locales / "sq" / "LC_MESSAGES" / "messages.po"
    replace_in_entry(po, "Establishment", '"Themelimi"', '""')
    code, output = invoke(build, locales)
    assert code == 1
    assert f"{po}:{line_of(po, 'Establishment')}: 'Establishment' is not translated" in output


def test_no_word_of_the_cyrillic_catalog_mixes_scripts() -> None:
    """The Cyrillic catalog is the Latin one transliterated, with its own entries
    where a word must stay Latin (CSV, Excel, PDF): a word is in one script or the
    other, never both ("Еxцел", which a sentence with "Excel" in it became before
    its entry was written: reader review, session 20)."""
    from mocr_factsheet.i18n.translator import load_catalog

    languages = discover_languages(resource_dir("locales"))
    catalog = load_catalog(languages["sr-Cyrl"], languages)
    mixed = set()
    for message in catalog:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            # Placeholders ("%(year)s") and markup are not words of the text.
            plain = re.sub(r"%\(\w+\)s|<[^>]*>", " ", text or "")
            for word in re.findall(r"\w+", plain):
                if re.search("[A-Za-z]", word) and re.search("[\u0400-\u04ff]", word):
                    mixed.add(word)
    assert mixed == set()
