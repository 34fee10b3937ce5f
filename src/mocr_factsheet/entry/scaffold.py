"""``mocr new-year``: the next year's folder, every file ready to fill in."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mocr_factsheet.build.registry import table_sets
from mocr_factsheet.data.dataset import Rows, check_data_folder, load_dataset
from mocr_factsheet.data.model import Reference
from mocr_factsheet.data.schema import TableSchema
from mocr_factsheet.data.validate import Languages, find_years, read_reference
from mocr_factsheet.data.year_tables import DUTY_CHECKLISTS, OFFICERS, OFFICES
from mocr_factsheet.problems import Problem, UserError

if TYPE_CHECKING:
    from mocr_factsheet.i18n.translator import Translator


@dataclass(frozen=True)
class YearScaffold:
    """A new year's folder before it is written: ``year.toml``, the MOCR's three
    tables, and each further mechanism's where the year before has them."""

    folder: Path
    year: int
    reference: Reference
    toml: str
    tables: tuple[tuple[TableSchema, Rows], ...]  # offices, officers, duties, …

    def header(self, table: TableSchema) -> tuple[str, ...]:
        return table.header(self.reference.duties)

    def as_csv(self) -> dict[Path, bytes]:
        """The files as the CSV scaffold: one ``.csv`` per table."""
        files = {self.folder / "year.toml": self.toml.encode("utf-8")}
        for table, rows in self.tables:
            files[self.folder / f"{table.stem}.csv"] = _csv(self.header(table), rows).encode(
                "utf-8"
            )
        return files

    def as_workbooks(self, translator: Translator) -> dict[Path, bytes]:
        """The files with one data-entry ``.xlsx`` workbook per table (see ``workbook``)."""
        from mocr_factsheet.entry.workbook import entry_tables, workbook_bytes

        files = {self.folder / "year.toml": self.toml.encode("utf-8")}
        for table in entry_tables(self.tables, self.reference, translator, self.year):
            files[self.folder / f"{table.name}.xlsx"] = workbook_bytes(table, self.year)
        return files


def _csv(header: Sequence[str], rows: Rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def scaffold_year(
    data_dir: Path,
    year: int,
    languages: Languages,
    carry_over: bool = True,
    encoding: str | None = None,
) -> YearScaffold:
    """The files of ``data/<year>/``, carrying over the latest earlier year's statuses.

    Offices keep their status with empty answers; each established office gets
    an empty duty checklist (``validate`` insists it is filled in) and its
    officers are copied for the analyst to review.
    """
    folder = data_dir / str(year)
    if missing := check_data_folder(data_dir):
        raise UserError(missing)
    if folder.exists():
        raise UserError(
            [
                Problem(
                    f"{year}/",
                    None,
                    None,
                    "exists",
                    f"{folder} already exists; nothing was written",
                )
            ]
        )
    reference, problems = read_reference(data_dir, encoding)
    if reference is None or problems:
        raise UserError(problems)
    # ``carry_over`` False (``new-year --empty``): every status and officer left to
    # fill in, as for a first year (real data started beside the sample years).
    earlier = [y for y in find_years(data_dir) if y < year] if carry_over else []
    status = {m.code: "" for m in reference.municipalities}
    officers: list[list[str]] = []
    further: list[tuple[TableSchema, Rows]] = []
    if earlier:
        try:
            before = load_dataset(
                data_dir, [earlier[-1]], languages, encoding, table_sets=table_sets()
            )
            last = before.years[earlier[-1]].tables
        except UserError as err:
            # Say why another year's problems stop this one before listing them.
            why = Problem(
                f"{year}/",
                None,
                None,
                "previous-year-invalid",
                f"{year} carries over {earlier[-1]}'s statuses and officers; "
                f"fix {earlier[-1]}'s problems below first (nothing was written)",
            )
            raise UserError(err.problems, lead=why) from None
        for table_set in table_sets():
            part = before.years[earlier[-1]].parts.get(table_set.mechanism)
            if table_set.scaffold is not None and part is not None:
                further += table_set.scaffold(reference, part)
        status |= {o.municipality: o.status for o in last.offices}
        officers = [
            OFFICERS.blank_row(municipality=o.municipality, community=o.community, gender=o.gender)
            for o in last.officers
        ]
    source = f"copied from {earlier[-1]}" if earlier else "new"
    notes = "\n".join(f'# {lang} = ["…"]' for lang, base in languages.items() if base is None)
    toml = (
        f"# {year}: statuses and officers {source}; review every file before publishing.\n"
        f'# period = {{ start = "{year}-01", end = "{year}-12" }}\n'
        "sample = false\n"
        "# When the figures are first published, and each time they are corrected:\n"
        f"# published = {year + 1}-03-15\n"
        f"# revised = {year + 1}-04-30\n\n"
        "[notes]\n"
        "# One list per language, the same number of notes in each:\n"
        f"{notes}\n"
    )
    established = [code for code, s in status.items() if s == "established"]
    tables = (
        (OFFICES, [OFFICES.blank_row(municipality=code, status=s) for code, s in status.items()]),
        (OFFICERS, officers),
        (
            DUTY_CHECKLISTS,
            [DUTY_CHECKLISTS.blank_row(reference.duties, municipality=c) for c in established],
        ),
        *further,
    )
    return YearScaffold(folder, year, reference, toml, tables)
