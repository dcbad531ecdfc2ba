"""Vectorised value checks: each parses one column of text and reports the bad cells.

A `Checker` wraps the text table of one file and its IssueLog. Every method returns the parsed
column (missing or bad values as NA) and records one issue per bad cell with the column name
and an Indonesian reason, so the report can say exactly what to fix.
"""

from __future__ import annotations

import ipaddress
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ekinerja.importing.formats import RecordFormat
from ekinerja.importing.report import IssueLog
from ekinerja.texts import importing as T
from ekinerja.timeutil import WIB, utc_now
from ekinerja.validation import ValidationError, normalize_nip

# Phones and machines drift a little; a punch up to five minutes ahead of the server is accepted.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST_YEAR = 2010
BOOL_TRUE = frozenset({"true", "1", "ya", "y", "yes"})
BOOL_FALSE = frozenset({"false", "0", "tidak", "t", "no", "n"})
SPECIAL_NUMBERS = frozenset({"nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity",
                             "-infinity", "+infinity"})  # fmt: skip
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_AWARE = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})"
_NAIVE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_KEY = r"[A-Za-z0-9][A-Za-z0-9._:/@#-]{0,119}"


def mask(values: Any) -> np.ndarray:
    """A plain boolean array from a pandas result that may hold NA."""
    if isinstance(values, pd.Series):
        return np.asarray(values.to_numpy(dtype=bool, na_value=False))
    return np.asarray(values, dtype=bool)


class Checker:
    def __init__(
        self,
        fmt: RecordFormat,
        columns: dict[str, list[Any]],
        lines: list[int],
        decimal_comma: bool = False,
        now: datetime | None = None,
    ) -> None:
        self.fmt = fmt
        self.n = len(lines)
        self.log = IssueLog(np.asarray(lines, dtype=np.int64))
        self.decimal_comma = decimal_comma
        self.now = now or utc_now()
        self._raw = {
            name: pd.Series(columns.get(name, [None] * self.n), dtype="str") for name in fmt.names
        }
        self._reported: dict[str, np.ndarray] = {}
        for name, series in self._raw.items():
            nul = mask(series.str.contains("\x00", regex=False))
            self.add(nul, name, T.R_NUL)

    # --- recording ------------------------------------------------------------------------------

    def add(
        self, bad: Any, column: str, reason: str | pd.Series, values: pd.Series | None = None
    ) -> None:
        """Record bad cells, once per cell: a cell already reported is not reported again."""
        m = mask(bad)
        seen = self._reported.setdefault(column, np.zeros(self.n, dtype=bool))
        m = m & ~seen
        if not m.any():
            return
        seen |= m
        self.log.add(m, column, reason, values)

    def add_cells(self, cells: list[tuple[int, str, str, object]]) -> None:
        for row, column, reason, value in cells:
            m = np.zeros(self.n, dtype=bool)
            m[row] = True
            self.add(m, column, reason, pd.Series([value] * self.n, dtype=object))

    @property
    def bad(self) -> np.ndarray:
        return self.log.bad

    # --- reading columns ------------------------------------------------------------------------

    def text(self, name: str, strip: bool = True) -> pd.Series:
        """The column as text, NA when empty; required columns report empty cells."""
        s = self._raw[name]
        if strip:
            s = s.str.strip()
        s = s.mask(mask(s == ""))
        column = self.fmt.column(name)
        if column.required:
            self.add(s.isna(), name, T.R_REQUIRED)
        if column.max_len is not None:
            self.add(s.str.len() > column.max_len, name,
                     T.R_TOO_LONG.format(limit=column.max_len), s)  # fmt: skip
        return s

    def key(self, name: str = "source_key", reserved_prefix: str | None = "zk:") -> pd.Series:
        s = self.text(name)
        self.add(s.notna() & ~mask(s.str.fullmatch(_KEY)), name, T.R_KEY_FORMAT, s)
        if reserved_prefix:
            self.add(mask(s.str.startswith(reserved_prefix)), name, T.R_KEY_RESERVED, s)
        return s

    def choice(self, name: str) -> pd.Series:
        s = self.text(name).str.lower()
        choices = self.fmt.column(name).choices
        self.add(s.notna() & ~s.isin(choices), name,
                 T.R_CHOICE.format(choices=", ".join(choices)), s)  # fmt: skip
        return s.where(s.isin(choices))

    def number(self, name: str, integer: bool = False) -> pd.Series:
        s = self.text(name)
        t = s
        if self.decimal_comma:
            t = s.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        present = s.notna()
        special = mask(s.str.lower().isin(SPECIAL_NUMBERS))
        exponent = mask(t.str.fullmatch(_NUMBER + r"[eE][+-]?\d+"))
        pattern = r"[+-]?\d+" if integer else _NUMBER
        ok = mask(t.str.fullmatch(pattern))
        self.add(present & special, name, T.R_NUMBER_SPECIAL, s)
        self.add(present & exponent, name, T.R_NUMBER_EXPONENT, s)
        self.add(present & ~ok, name, T.R_INTEGER if integer else T.R_NUMBER_FORMAT, s)
        values = pd.to_numeric(t.where(ok), errors="coerce").astype("float64")
        column = self.fmt.column(name)
        if column.low is not None and column.high is not None:
            out = mask((values < column.low) | (values > column.high))
            label = T.R_RANGE.format(low=_num(column.low), high=_num(column.high))
            self.add(out, name, label, s)
            values = values.mask(out)
        return values

    def boolean(self, name: str, default: bool) -> pd.Series:
        s = self.text(name).str.lower()
        true = mask(s.isin(BOOL_TRUE))
        false = mask(s.isin(BOOL_FALSE))
        self.add(s.notna() & ~true & ~false, name, T.R_BOOL, s)
        return pd.Series(np.where(true, True, np.where(false, False, default)), dtype=bool)

    def hex(self, name: str) -> pd.Series:
        s = self.text(name).str.lower()
        length = self.fmt.column(name).max_len or 0
        self.add(s.notna() & ~mask(s.str.fullmatch(f"[0-9a-f]{{{length}}}")), name,
                 T.R_HEX.format(length=length), s)  # fmt: skip
        return s

    def ip(self, name: str) -> pd.Series:
        s = self.text(name)
        # IPv4 by pattern (vectorised); anything else (IPv6) through the ipaddress module.
        ok4 = mask(s.str.fullmatch(_IPV4))
        valid: dict[str, bool] = {}
        for value in s[~ok4].dropna().unique():
            try:
                ipaddress.ip_address(str(value))
                valid[str(value)] = True
            except ValueError:
                valid[str(value)] = False
        ok = ok4 | mask(s.map(valid))
        self.add(s.notna() & ~ok, name, T.R_IP, s)
        return s

    def timestamp(self, name: str) -> pd.Series:
        """ISO 8601 with a zone, to UTC (microseconds, as the database stores them)."""
        s = self.text(name)
        aware = mask(s.str.fullmatch(_AWARE))
        naive = mask(s.str.fullmatch(_NAIVE))
        self.add(s.notna() & naive, name, T.R_DATETIME_NAIVE, s)
        self.add(s.notna() & ~aware, name, T.R_DATETIME_FORMAT, s)
        parsed = pd.to_datetime(s.where(aware), format="ISO8601", utc=True, errors="coerce")
        parsed = parsed.dt.as_unit("us").dt.floor("us")
        self.add(aware & parsed.isna().to_numpy(), name, T.R_DATETIME_FORMAT, s)
        return self._time_window(name, parsed, s)

    def wall_clock(self, name: str, s: pd.Series) -> pd.Series:
        """WIB wall-clock `YYYY-MM-DD HH:MM:SS` (fingerprint machines) to UTC."""
        ok = mask(s.str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"))
        self.add(s.notna() & ~ok, name, T.R_ZK_TIME, s)
        local = pd.to_datetime(s.where(ok), format="%Y-%m-%d %H:%M:%S", errors="coerce")
        self.add(ok & local.isna().to_numpy(), name, T.R_ZK_TIME, s)
        parsed = local.dt.tz_localize(WIB).dt.tz_convert("UTC").dt.as_unit("us")
        return self._time_window(name, parsed, s)

    def _time_window(self, name: str, parsed: pd.Series, s: pd.Series) -> pd.Series:
        future = mask(parsed > pd.Timestamp(self.now + FUTURE_TOLERANCE))
        old = mask(parsed < pd.Timestamp(datetime(EARLIEST_YEAR, 1, 1, tzinfo=WIB)))
        self.add(future, name, T.R_FUTURE, s)
        self.add(old, name, T.R_TOO_OLD.format(year=EARLIEST_YEAR), s)
        return parsed.mask(future | old)

    def day(self, name: str) -> pd.Series:
        s = self.text(name)
        ok = mask(s.str.fullmatch(r"\d{4}-\d{2}-\d{2}"))
        parsed = pd.to_datetime(s.where(ok), format="%Y-%m-%d", errors="coerce")
        self.add(s.notna() & (~ok | parsed.isna().to_numpy()), name, T.R_DATE_FORMAT, s)
        today = pd.Timestamp(self.now.astimezone(WIB).date())
        future = mask(parsed > today)
        self.add(future, name, T.R_FUTURE, s)
        return parsed.mask(future).dt.date

    def month(self, name: str) -> pd.Series:
        s = self.text(name)
        ok = mask(s.str.fullmatch(r"\d{4}-\d{2}(?:-01)?"))
        parsed = pd.to_datetime(s.where(ok).str.slice(0, 7), format="%Y-%m", errors="coerce")
        self.add(s.notna() & (~ok | parsed.isna().to_numpy()), name, T.R_MONTH_FORMAT, s)
        local = self.now.astimezone(WIB).date()
        future = mask(parsed > pd.Timestamp(date(local.year, local.month, 1)))
        self.add(future, name, T.R_FUTURE, s)
        return parsed.mask(future).dt.date

    def nip(self, name: str, staff: pd.DataFrame) -> pd.Series:
        """NIP text to employee id; unknown and erased employees are reported."""
        s = self.text(name)
        scientific = mask(s.str.fullmatch(r"\d(?:[.,]\d+)?[eE][+-]?\d+"))
        self.add(scientific, name, T.R_NIP_SCIENTIFIC, s)
        compact = s.str.replace(r"[ .]", "", regex=True)
        shaped = mask(compact.str.fullmatch(r"\d{18}"))
        self.add(s.notna() & ~shaped, name, T.R_NIP_FORMAT, s)
        problems: dict[str, str] = {}
        for value in compact[shaped].unique():
            try:
                normalize_nip(str(value))
            except ValidationError as exc:
                problems[str(value)] = str(exc)
        invalid = mask(compact.isin(list(problems)))
        self.add(invalid, name, compact.map(problems), s)
        known = compact.map(staff["employee_id"]) if not staff.empty else compact.map({})
        status = compact.map(staff["status"]) if not staff.empty else compact.map({})
        usable = shaped & ~invalid
        self.add(usable & mask(known.isna()), name, T.R_NIP_UNKNOWN, s)
        deleted = usable & mask(status == "dihapus")
        self.add(deleted, name, T.R_NIP_DELETED, s)
        return known.mask(deleted | ~usable).astype("Int64")


def _num(value: float) -> str:
    return f"{value:g}"
