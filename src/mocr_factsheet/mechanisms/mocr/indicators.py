"""The pure core: from the checked tables of every year to the figures of every page.

Tables in, frozen records of codes and integers out. No files, no labels, no
locale, no clock: everything else in the package stands around this package.
"""

from __future__ import annotations

from mocr_factsheet.core.shares import Comparison, average, percent, shares_of
from mocr_factsheet.mechanisms.mocr import records
from mocr_factsheet.mechanisms.mocr.figures import compute_indicators, profiles, trends
from mocr_factsheet.mechanisms.mocr.records import *  # noqa: F403 (the records, named in records.__all__)
from mocr_factsheet.mechanisms.mocr.tables import Tables, make_tables

__all__ = [
    "Comparison",
    "Tables",
    "average",
    "compute_indicators",
    "make_tables",
    "percent",
    "profiles",
    "shares_of",
    "trends",
]
__all__ += records.__all__
