"""A workbook cell formatted as a date, a time or a percentage, as Excel shows it.

Excel keeps a date as a number of days (15 March 2020 is 43905, half past
ten 0.4375) and shows it through the cell's number format. A problem must quote
what the analyst sees and can find with Ctrl+F ("15.03.2020"), not the number
(CLI review): ``date_text`` writes the number through the format's day, month,
year, hour, minute and second parts. A percentage typed as "45%" is kept as
0.45 and quoted as "45%" (``percent_text``; analyst review). Standard library only.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

# Excel's built-in date and time formats (ECMA-376 §18.8.30), by number format
# id. 14 and 22 follow the computer's regional settings: written here as
# Windows writes them in the region (day.month.year).
BUILTIN_FORMATS = {
    14: "dd.mm.yyyy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "dd.mm.yyyy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
}
# Excel's built-in percentages.
_PERCENT_FORMATS = {9: "0%", 10: "0.00%"}
# The East Asian built-in dates (ids 27-36, 50-58): shown as the region's date.
_EAST_ASIAN = frozenset({*range(27, 37), *range(50, 59)})
# What in a format is not a date part: texts in quotes, escaped characters,
# colours and locales in brackets (not the elapsed [h], [mm], [ss]).
_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_DATE_PART = re.compile(r"[dmyhs]", re.IGNORECASE)
_TOKEN = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|AM/PM|A/P|y+|m+|d+|h+|s+|\.0+|.', re.IGNORECASE)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# The last day Excel shows (31 December 9999); past it, it shows ####.
_LAST_SERIAL = 2_958_465


def format_code(format_id: int, custom: dict[int, str]) -> str | None:
    """The date or percentage format of a number format id, or None where it is neither."""
    if format_id in custom:
        code = custom[format_id]
        return code if is_date_format(code) or is_percent_format(code) else None
    if format_id in _EAST_ASIAN:
        return BUILTIN_FORMATS[14]
    return BUILTIN_FORMATS.get(format_id) or _PERCENT_FORMATS.get(format_id)


def is_percent_format(code: str) -> bool:
    """Whether a number format shows a percentage (``0%``, ``0.0%``)."""
    return "%" in _LITERAL.sub("", _first_section(code))


def percent_text(number: float, code: str) -> str:
    """``number`` as a percentage format shows it: 0.45 through ``0%`` is "45%"."""
    decimals = re.search(r"\.(0+)", _LITERAL.sub("", _first_section(code)))
    return f"{number * 100:.{len(decimals.group(1)) if decimals else 0}f}%"


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date or a time (``dd.mm.yyyy``, ``h:mm``)."""
    section = _first_section(code)
    return section.casefold() != "general" and bool(_DATE_PART.search(_LITERAL.sub("", section)))


def _first_section(code: str) -> str:
    """The format for positive numbers: the part before the first ``;`` outside quotes."""
    return re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', code, maxsplit=1)[0]


def serial_datetime(serial: float, date1904: bool = False) -> datetime | None:
    """The moment an Excel serial number stands for, to the second; None where
    Excel shows none (a negative number, a day after 9999)."""
    if not 0 <= serial <= _LAST_SERIAL:
        return None
    if date1904:
        start = datetime(1904, 1, 1)
    else:
        # Excel counts 29 February 1900, which was no day: from 1 March on, a day less.
        start = datetime(1899, 12, 30) if serial >= 61 else datetime(1899, 12, 31)
    return start + timedelta(seconds=round(serial * 86_400))


def date_text(moment: datetime, code: str, serial: float = 0.0) -> str:
    """``moment`` written through the number format ``code``, as Excel shows it."""
    tokens = _TOKEN.findall(_first_section(code))
    twelve = any(t.upper() in ("AM/PM", "A/P") for t in tokens)
    kinds = [_kind(t) for t in tokens]
    out: list[str] = []
    for i, token in enumerate(tokens):
        kind = kinds[i]
        if kind == "m":  # minutes after an hour or before seconds, else the month
            before = next((k for k in reversed(kinds[:i]) if k), "")
            after = next((k for k in kinds[i + 1 :] if k), "")
            if before == "h" or after == "s":
                out.append(f"{moment.minute:0{min(len(token), 2)}d}")
            else:
                out.append(_month(moment, len(token)))
        else:
            out.append(_part(moment, token, kind, twelve, serial))
    return "".join(out).strip()


def _kind(token: str) -> str:
    first = token[:1].lower()
    if token.startswith("[") and token.endswith("]") and re.fullmatch(r"\[[hms]+\]", token, re.I):
        return "elapsed"
    return first if first in "ymdhs" and token.isalpha() else ""


def _month(moment: datetime, width: int) -> str:
    if width == 1:
        return str(moment.month)
    if width == 2:
        return f"{moment.month:02d}"
    name = _MONTHS[moment.month - 1]
    return name[:3] if width == 3 else name[0] if width == 5 else name


def _part(moment: datetime, token: str, kind: str, twelve: bool, serial: float) -> str:
    width = len(token)
    if kind == "y":
        return str(moment.year) if width > 2 else f"{moment.year % 100:02d}"
    if kind == "d":
        if width <= 2:
            return f"{moment.day:0{width}d}"
        name = _DAYS[moment.weekday()]
        return name[:3] if width == 3 else name
    if kind == "h":
        hour = moment.hour % 12 or 12 if twelve else moment.hour
        return f"{hour:0{min(width, 2)}d}"
    if kind == "s":
        return f"{moment.second:0{min(width, 2)}d}"
    if kind == "elapsed":
        unit = token[1].lower()
        seconds = round(serial * 86_400)
        return str(seconds // {"h": 3600, "m": 60, "s": 1}[unit])
    upper = token.upper()
    if upper == "AM/PM":
        return "AM" if moment.hour < 12 else "PM"
    if upper == "A/P":
        return "A" if moment.hour < 12 else "P"
    if token.startswith('"') and token.endswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith(("_", "*")):
        return " " if token.startswith("_") else ""
    if token.startswith("["):
        return ""  # a colour or a locale
    if re.fullmatch(r"\.0+", token):
        return ""  # tenths of a second: the cell's seconds are whole
    return token
