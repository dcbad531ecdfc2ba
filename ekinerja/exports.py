"""Safe CSV and XLSX writers: the only way a table leaves the dashboard as a file.

Both writers keep real numbers numeric, write dates as dates and neutralise text that a
spreadsheet would run as a formula:

- CSV (UTF-8 with BOM so Excel picks the encoding, comma, RFC 4180 quoting, CRLF): a text cell
  starting with `=`, `+`, `-`, `@`, tab, CR or NUL gets a leading `'`. `-5` held as a number stays
  `-5`; the text `-2+3` becomes `'-2+3`.
- XLSX (XlsxWriter): every cell is written with its typed writer, so text is always a string cell
  and never a formula, array formula or hyperlink, whatever it starts with. The workbook options
  that would reinterpret strings are off as a second line of defence.

Aware datetimes are converted to WIB (Excel has no time zones; column names say "(WIB)").
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from ekinerja.timeutil import WIB
from ekinerja.validation import ValidationError

# Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection, plus NUL).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
BOOL_TEXT = {True: "ya", False: "tidak"}
XLSX_MAX_ROWS = 1_048_576 - 1  # one row is the header
SHEET_NAME_MAX = 31
# Integers above this lose digits as an Excel double: they are written as text instead.
EXACT_INT_LIMIT = 2**53
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm:ss"
TIME_FORMAT = "hh:mm:ss"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralize(text: str) -> str:
    """Prefix `'` to text a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _clean_text(text: str) -> str:
    """Drop lone surrogates (they cannot be encoded and would abort the whole file)."""
    if text.isascii():
        return text
    return text.encode("utf-8", errors="replace").decode("utf-8")


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(float(value))
    return False


def _to_wib_naive(value: datetime) -> datetime:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(WIB).replace(tzinfo=None)
    return value


# --- CSV -----------------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return BOOL_TEXT[bool(value)]
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if number.is_integer() and abs(number) < EXACT_INT_LIMIT:
            return str(int(number))
        return repr(number)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else ""
    if isinstance(value, datetime):  # also pd.Timestamp
        return _to_wib_naive(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return neutralize(_clean_text(str(value)))


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as CSV: UTF-8 with BOM, comma, RFC 4180 quoting, CRLF, formulas neutralised.

    The header row is the column names (neutralised like any text). The index is not written.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=",", quotechar='"', lineterminator="\r\n")
    writer.writerow([_csv_cell(str(name)) for name in df.columns])
    columns = [_csv_column(df.iloc[:, i]) for i in range(len(df.columns))]
    writer.writerows(zip(*columns, strict=True))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _plain_kind(series: pd.Series) -> str:
    """'i' for integers, 'f' for finite floats, 'b' for booleans, with nothing missing; else ''."""
    kind = series.dtype.kind
    if kind in "iub" and not series.isna().any():
        return "i" if kind in "iu" else "b"
    if kind == "f" and bool(np.isfinite(series.to_numpy(dtype=float, na_value=np.nan)).all()):
        return "f"
    return ""


def _csv_column(series: pd.Series) -> list[str]:
    """One column formatted; whole-column fast paths for plain integer and boolean columns."""
    values = series.tolist()
    kind = _plain_kind(series)
    if kind == "i":
        return [str(v) for v in values]
    if kind == "b":
        return [BOOL_TEXT[bool(v)] for v in values]
    return [_csv_cell(v) for v in values]


# --- XLSX ----------------------------------------------------------------------------------------


def sheet_name(raw: str, used: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no edge apostrophes, at most 31 characters."""
    name = _SHEET_FORBIDDEN.sub("_", _clean_text(str(raw))).strip().strip("'").strip()
    if not name or name.casefold() == "history":  # "History" is reserved by Excel
        name = f"Lembar {name}".strip() if name else "Lembar"
    name = name[:SHEET_NAME_MAX]
    taken = {u.casefold() for u in used}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        n += 1
    return candidate


def safe_filename(stem: str, extension: str) -> str:
    """A download file name from arbitrary parts: letters, digits, dot, dash and underscore only."""
    clean = _FILENAME_UNSAFE.sub("_", _clean_text(stem)).strip("._") or "ekspor"
    return f"{clean[:120]}.{extension}"


Writer = Callable[[Any, int, int, Any], None]


class _XlsxCells:
    """Typed cell writers for one workbook: text is never interpreted."""

    def __init__(self, book: Any) -> None:
        self.date_fmt = book.add_format({"num_format": DATE_FORMAT})
        self.datetime_fmt = book.add_format({"num_format": DATETIME_FORMAT})
        self.time_fmt = book.add_format({"num_format": TIME_FORMAT})
        self.header_fmt = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
        self._extra: dict[str, Any] = {}
        self._book = book

    def number_format(self, pattern: str) -> Any:
        if pattern not in self._extra:
            self._extra[pattern] = self._book.add_format({"num_format": pattern})
        return self._extra[pattern]

    def write(self, sheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
        if _is_missing(value):
            return
        if isinstance(value, bool | np.bool_):
            sheet.write_boolean(row, col, bool(value))
        elif isinstance(value, int | np.integer):
            number = int(value)
            if abs(number) >= EXACT_INT_LIMIT:
                sheet.write_string(row, col, str(number))
            else:
                sheet.write_number(row, col, number, fmt)
        elif isinstance(value, float | np.floating | Decimal):
            if isinstance(value, Decimal) and not value.is_finite():
                return
            sheet.write_number(row, col, float(value), fmt)
        elif isinstance(value, datetime):  # also pd.Timestamp
            sheet.write_datetime(row, col, _to_wib_naive(value), fmt or self.datetime_fmt)
        elif isinstance(value, date):
            sheet.write_datetime(row, col, datetime.combine(value, time()), fmt or self.date_fmt)
        elif isinstance(value, time):
            sheet.write_datetime(row, col, value, fmt or self.time_fmt)
        else:
            sheet.write_string(row, col, _clean_text(str(value)))


def _column_width(name: str, values: list[Any]) -> float:
    """Enough for the header and the first rows (a guess: widths are cosmetic)."""
    longest = max([len(str(name))] + [len(str(v)) for v in values[:50] if not _is_missing(v)])
    return float(min(max(longest + 2, 8), 60))


def to_xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
    number_formats: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook with one sheet per entry (names sanitised, in the given order).

    Every sheet has a bold, frozen header row and an autofilter. `number_formats` maps a column
    name to an Excel number format (e.g. {"Potongan (%)": "0.00"}) wherever that column appears.
    """
    if not sheets:
        raise ValidationError("Tidak ada lembar untuk diekspor")
    too_big = [name for name, df in sheets.items() if len(df) > XLSX_MAX_ROWS]
    if too_big:
        raise ValidationError(
            f"Lembar {too_big[0]!r} melebihi batas Excel ({XLSX_MAX_ROWS:,} baris). "
            "Persempit periode atau unit, atau gunakan CSV."
        )
    formats = dict(number_formats or {})
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": False,
        },
    )
    cells = _XlsxCells(book)
    used: list[str] = []
    for raw_name, df in sheets.items():
        name = sheet_name(raw_name, used)
        used.append(name)
        sheet = book.add_worksheet(name)
        for c, column in enumerate(df.columns):
            values = df[column].tolist()
            sheet.write_string(0, c, _clean_text(str(column)), cells.header_fmt)
            pattern = formats.get(str(column))
            fmt = cells.number_format(pattern) if pattern else None
            kind = _plain_kind(df[column]) if len(df) else ""
            exact = kind == "i" and max(abs(int(v)) for v in values) < EXACT_INT_LIMIT
            if exact or kind == "f":  # plain numbers: no per-cell type checks
                for r, value in enumerate(values, start=1):
                    sheet.write_number(r, c, value, fmt)
            else:
                for r, value in enumerate(values, start=1):
                    cells.write(sheet, r, c, value, fmt)
            sheet.set_column(c, c, _column_width(str(column), values))
        sheet.freeze_panes(1, 0)
        if len(df.columns):
            sheet.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
    book.close()
    return buf.getvalue()
