"""The MOCR's figures of a dataset, each counted once and kept in the dataset.

Every command and every kind asks here: ``indicators(dataset, 2019)`` counts
the year's figures on first use, and any later call (another page of the
year, another worker task) gets the same object from ``Dataset.counted``,
the one cache of figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core imports pandas: only counting loads it
    from mocr_factsheet.data.dataset import Dataset
    from mocr_factsheet.mechanisms.mocr.indicators import Indicators, Profile, Tables, Trends


def tables(dataset: Dataset) -> Tables:
    """The core's tables of every year the dataset read (built once, on first use)."""
    return dataset.counted(_tables)


def indicators(dataset: Dataset, year: int) -> Indicators:
    """The year's figures: ``indicators.json``, the sheet."""
    return dataset.counted(_indicators, year)


def profiles(dataset: Dataset, year: int) -> dict[str, Profile]:
    """Every municipality's profile of ``year`` (reference order), counted at once.

    The dataset must have read every year folder up to ``year`` (the history).
    """
    dataset.check_read([*(y for y in dataset.folders if y <= year), year], f"a profile of {year}")
    return dataset.counted(_profiles, year)


def profile(dataset: Dataset, year: int, code: str) -> Profile:
    """One municipality's profile; ``code`` as in municipalities.csv."""
    return profiles(dataset, year)[code]


def trends(dataset: Dataset) -> Trends:
    """Every year side by side: the dataset must have read every year folder."""
    dataset.check_read(list(dataset.folders), "the trends")
    return dataset.counted(_trends)


def _tables(dataset: Dataset) -> Tables:
    from mocr_factsheet.mechanisms.mocr.indicators import make_tables

    return make_tables(
        dataset.reference,
        [data.tables for data in dataset.years.values()],
        [data.previous for data in dataset.years.values() if data.previous is not None],
    )


def _indicators(dataset: Dataset, year: int) -> Indicators:
    from mocr_factsheet.mechanisms.mocr.indicators import compute_indicators

    return compute_indicators(tables(dataset), year)


def _profiles(dataset: Dataset, year: int) -> dict[str, Profile]:
    from mocr_factsheet.mechanisms.mocr.indicators import profiles as count_profiles

    return count_profiles(tables(dataset), year)


def _trends(dataset: Dataset) -> Trends:
    from mocr_factsheet.mechanisms.mocr.indicators import trends as count_trends

    return count_trends(tables(dataset))
