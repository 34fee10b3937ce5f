"""What an output is built from, as its kind declares it, and one digest of it.

A kind says what each of its outputs reads (``Reads``): the reference tables,
some years' ``year.toml``, whole data tables, or only one municipality's rows
of a table. ``Digests`` turns that declaration into a fingerprint, reading and
hashing each file once however many outputs share it. A municipality's rows
are told apart with the standard library alone (the ``csv`` module and the
name matcher): deciding that nothing needs rebuilding never imports pandas,
openpyxl, Jinja, Babel, matplotlib or Typst.

A workbook (``.xlsx``) is split the same way, its rows read with ``zipfile``
and ``xml.etree`` (``workbook_rows``): one cell of ``offices.xlsx`` rebuilds
what the same edit of ``offices.csv`` rebuilds.

What cannot be split by municipality is counted as read by every
municipality: the header and any line above it, a row whose municipality
cell names none, a whole file that does not decode or parse, a workbook's
styles and sheet list. A change there rebuilds every profile that reads the
table: more work, never a stale page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mocr_factsheet import __version__
from mocr_factsheet.data import schema
from mocr_factsheet.data.load import clean, find_table_file, read_records
from mocr_factsheet.data.model import Municipality
from mocr_factsheet.data.names import MunicipalityMatcher
from mocr_factsheet.data.workbook_rows import Workbook, read_workbook
from mocr_factsheet.data.workbooks import MAX_WORKBOOK_BYTES
from mocr_factsheet.resources import FONTS_DIR, PACKAGE_DIR, tree_files

# The tables every output reads: every reading of the data checks its names
# and codes against them.
REFERENCE_TABLES = tuple(t.stem for t in schema.REFERENCE_TABLES)


@dataclass(frozen=True)
class Reads:
    """What one output is built from.

    ``tables``: whole data tables, as ``(year, table)`` (year None: a table at
    the data folder's top that only some outputs read); ``rows``: one
    municipality's rows of a table, as ``(year, table, code)``; ``meta``: the
    years whose ``year.toml`` it reads. ``templates``: the files of the
    templates folder it is drawn with (none for JSON figures); ``language``:
    the languages whose catalogs it is written in. The reference tables of
    ``REFERENCE_TABLES`` and the package's own code are read by every output.
    """

    tables: tuple[tuple[int | None, str], ...] = ()
    rows: tuple[tuple[int, str, str], ...] = ()
    meta: tuple[int, ...] = ()
    templates: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    fonts: bool = False


def joined(first: Reads, *others: Reads) -> Reads:
    """What an output built from each of ``first`` and ``others`` reads (a page that
    also describes another output: ``Kind.related_reads``); a row of a table read
    whole is read already."""
    if not others:
        return first
    every = (first, *others)
    tables = tuple(dict.fromkeys(t for r in every for t in r.tables))
    return Reads(
        tables=tables,
        rows=tuple(dict.fromkeys(w for r in every for w in r.rows if w[:2] not in tables)),
        meta=tuple(sorted({m for r in every for m in r.meta})),
        templates=tuple(dict.fromkeys(t for r in every for t in r.templates)),
        languages=tuple(dict.fromkeys(g for r in every for g in r.languages)),
        fonts=any(r.fonts for r in every),
    )


def _hash(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class _Split:
    """A table's digest, whole and by municipality."""

    whole: str
    by_code: dict[str, str] | None  # None: the file cannot be split (all rows count)
    shared: str  # the digest every municipality's rows are hashed with
    utf8: bool


class Digests:
    """Digests of the data folder, the templates, catalogs, fonts and code, each file read once.

    ``encoding``: how a data file that is not UTF-8 is read (``--encoding``).
    """

    def __init__(
        self,
        data_dir: Path,
        templates_dir: Path,
        catalogs: dict[str, list[tuple[str, Path]]],
        encoding: str | None,
    ) -> None:
        self.data_dir = data_dir
        self.templates_dir = templates_dir
        self.catalogs = catalogs  # language → (name, file) of every catalog it is written from
        self.encoding = encoding
        self._files: dict[Path, tuple[str, bool]] = {}
        self._tables: dict[str, tuple[str, Path | None]] = {}
        self._splits: dict[Path, _Split] = {}
        self._by_name: dict[str, str] = {}
        self._matcher: MunicipalityMatcher | bool | None = False  # False: not built yet
        self._code = self._named(
            PACKAGE_DIR, [p for p in tree_files(PACKAGE_DIR) if p.suffix == ".py"]
        )
        # The fonts and the web font's shipped subsets (assets/webfonts).
        fonts = FONTS_DIR.parent
        self._fonts = self._named(fonts, tree_files(FONTS_DIR) + tree_files(fonts / "webfonts"))

    # --- files --------------------------------------------------------------

    def _file(self, path: Path) -> tuple[str, bool]:
        """The file's digest, and whether it reads as UTF-8 text."""
        if path not in self._files:
            if not path.is_file():
                self._files[path] = ("missing", True)
            else:
                try:
                    data = path.read_bytes()
                except OSError:  # the build's reading reports it, located
                    self._files[path] = ("unreadable", True)
                    return self._files[path]
                try:
                    data.decode("utf-8")
                    utf8 = b"\x00" not in data
                except UnicodeDecodeError:
                    utf8 = False
                self._files[path] = (hashlib.sha256(data).hexdigest(), utf8)
        return self._files[path]

    def _named_file(self, name: str, folder: Path, *under: str) -> str:
        """The digest of ``folder/under…``, looked up by its ``name`` in the
        fingerprint: 1,284 outputs name the same few files, and building their
        paths again for each cost a no-op build a fifth of its planning."""
        if name not in self._by_name:
            self._by_name[name] = self._file(folder.joinpath(*under))[0]
        return self._by_name[name]

    def _named(self, root: Path, files: list[Path]) -> str:
        """One digest of files under names that do not depend on where the checkout is."""
        return _hash(
            *(f"{root.name}/{p.relative_to(root).as_posix()}:{self._file(p)[0]}" for p in files)
        )

    def _table(self, stem: str) -> tuple[str, Path | None]:
        """The file of ``stem`` (``2019/offices``) under the name it is known by."""
        if stem not in self._tables:
            path, _ = find_table_file(self.data_dir, stem)
            name = stem if path is None else path.relative_to(self.data_dir).as_posix()
            self._tables[stem] = (name, path)
        return self._tables[stem]

    # --- a table's rows, by municipality --------------------------------------

    def matcher(self) -> MunicipalityMatcher | None:
        """The name matcher of the checked reference tables; None where they have
        problems (every table is then read whole, and the build reports them)."""
        if self._matcher is False:
            self._matcher = None
            found = read_municipalities(self.data_dir, self.encoding)
            if found:
                self._matcher = MunicipalityMatcher(found)
        return self._matcher if isinstance(self._matcher, MunicipalityMatcher) else None

    def _whole(self, path: Path) -> tuple[str, bool]:
        """A table's digest: its bytes, or what a workbook holds (not when it was saved)."""
        if path.suffix == ".xlsx":
            split = self._split(path)
            return split.whole, split.utf8
        return self._file(path)

    def _split(self, path: Path) -> _Split:
        if path in self._splits:
            return self._splits[path]
        whole, utf8 = self._file(path)
        split = _Split(whole, None, whole, utf8)
        matcher = self.matcher()
        by_row: tuple[list[str], dict[str, list[str]]] | None = None
        if path.suffix == ".csv" and matcher is not None and (utf8 or self.encoding):
            name = path.relative_to(self.data_dir).as_posix()
            records, _, problems = read_records(
                path, name, None if utf8 else self.encoding, ("municipality",)
            )
            if records and not problems:
                by_row = _rows_by_municipality(
                    [(dict(enumerate(r)), "\x1f".join(r)) for r in records], matcher
                )
        elif path.suffix == ".xlsx" and (book := read_workbook(path, MAX_WORKBOOK_BYTES)):
            # What the workbook holds, not its bytes: saving it again changes nothing.
            whole = _hash(
                "workbook", book.shared, *(r.line for _, rows in book.sheets for r in rows)
            )
            utf8 = True  # a workbook's text is Unicode whatever --encoding says
            split = _Split(whole, None, whole, utf8)
            if matcher is not None:
                by_row = _workbook_by_municipality(book, matcher)
        if by_row is not None:
            shared_rows, rows = by_row
            shared = _hash("rows", *shared_rows)
            split = _Split(
                whole, {code: _hash(shared, *lines) for code, lines in rows.items()}, shared, utf8
            )
        self._splits[path] = split
        return split

    # --- the fingerprint ---------------------------------------------------------

    def fingerprint(self, reads: Reads, *labels: str) -> str:
        """One digest of everything ``reads`` declares, and of ``labels`` (kind, format…)."""
        return fingerprint(self.parts(reads, *labels))

    def parts(self, reads: Reads, *labels: str) -> dict[str, str]:
        """Each thing ``reads`` declares, by a name that says what it is
        (``2019/offices.xlsx[decan]``, ``templates/profile.html``), with its digest."""
        parts = {"mocr": __version__, "output": "\x1f".join(labels), "code": self._code}
        utf8 = True
        for stem in REFERENCE_TABLES:
            name, path = self._table(stem)
            digest, is_utf8 = self._whole(path) if path else ("missing", True)
            utf8 &= is_utf8
            parts[name] = digest
        for year in reads.meta:
            name = f"{year}/year.toml"
            parts[name] = self._named_file(name, self.data_dir, name)
        for folder, table in reads.tables:
            name, path = self._table(table if folder is None else f"{folder}/{table}")
            digest, is_utf8 = self._whole(path) if path else ("missing", True)
            utf8 &= is_utf8
            parts[name] = digest
        for year, table, code in reads.rows:
            name, path = self._table(f"{year}/{table}")
            if path is None:
                parts[f"{name}[{code}]"] = "missing"
                continue
            split = self._split(path)
            utf8 &= split.utf8
            rows = split.whole if split.by_code is None else split.by_code.get(code, split.shared)
            parts[f"{name}[{code}]"] = rows
        # The same bytes read in another encoding are other data; UTF-8 files
        # are read as UTF-8 whatever --encoding says.
        parts["encoding"] = "utf-8" if utf8 else str(self.encoding)
        for template in reads.templates:
            name = f"templates/{template}"
            parts[name] = self._named_file(name, self.templates_dir, template)
        if reads.fonts:
            parts["fonts"] = self._fonts
        for language in reads.languages:
            for name, path in self.catalogs[language]:
                parts[name] = self._named_file(name, path)
        return parts


def fingerprint(parts: dict[str, str]) -> str:
    """The one digest of an output's inputs, as ``Digests.parts`` names them."""
    return _hash(*(f"{name}:{digest}" for name, digest in parts.items()))


def _rows_by_municipality(
    records: Sequence[tuple[Mapping[int, str], str]], matcher: MunicipalityMatcher
) -> tuple[list[str], dict[str, list[str]]] | None:
    """Each record (its cells' text by column, and itself as a line of text)
    split into those every municipality reads (the header and above, rows naming
    no municipality) and each municipality's. None where there is no
    ``municipality`` column to split by."""
    start = next(
        (i for i, (cells, _) in enumerate(records) if any(map(clean, cells.values()))), None
    )
    if start is None:
        return None
    header = [i for i, cell in records[start][0].items() if clean(cell).lower() == "municipality"]
    if len(header) != 1:
        return None
    column = header[0]
    shared = [line for _, line in records[: start + 1]]
    rows: dict[str, list[str]] = {}
    for cells, line in records[start + 1 :]:
        code = matcher.match(clean(cells[column])) if column in cells else None
        if code is None:
            shared.append(line)
        else:
            rows.setdefault(code, []).append(line)
    return shared, rows


def _workbook_by_municipality(
    book: Workbook, matcher: MunicipalityMatcher
) -> tuple[list[str], dict[str, list[str]]]:
    """A workbook's rows as ``_rows_by_municipality`` splits them, sheet by sheet;
    a sheet with no ``municipality`` column is read by every municipality."""
    shared = [f"parts:{book.shared}"]
    rows: dict[str, list[str]] = {}
    for name, sheet in book.sheets:
        lines = [(row.texts, f"{name}\x1d{row.line}") for row in sheet]
        split = _rows_by_municipality(lines, matcher)
        if split is None:
            shared += [line for _, line in lines]
            continue
        shared += split[0]
        for code, found in split[1].items():
            rows.setdefault(code, []).extend(found)
    return shared, rows


def read_municipalities(data_dir: Path, encoding: str | None = None) -> list[Municipality]:
    """``municipalities`` as checked (``validate.read_reference``, every rule but
    the fonts'), for matching names while planning; empty where the reference
    tables have any problem: no name, label or path is ever taken from a table
    that has not passed its checks (the build then reports them)."""
    from mocr_factsheet.data.validate import read_reference

    reference, problems = read_reference(data_dir, encoding, fonts=False)
    if reference is None or problems:
        return []
    return list(reference.municipalities)
