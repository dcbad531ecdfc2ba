"""Days of the demo period as arrays, and the leave and shift rosters drawn over them.

Instants are int64 microseconds since the epoch, UTC; a day is its index in the period. WIB is
UTC+7 without daylight saving, so a WIB wall-clock time is a fixed offset from the day's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from data import demo_words as words
from data.demo_org import Org
from ekinerja.calendar import WorkCalendar
from ekinerja.models import WorkSchedule

US = 1_000_000
HOUR = 3600 * US
DAY = 24 * HOUR
WIB_OFFSET = 7 * HOUR
EPOCH = date(1970, 1, 1)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

# Leave kinds as small codes; 0 = none.
LEAVE_CODES = {"cuti": 1, "izin": 2, "sakit": 3, "dinas_luar": 4, "wfh": 5}
LEAVE_NAMES = {v: k for k, v in LEAVE_CODES.items()}
SHIFTS = ((time(7, 0), time(14, 0), "Pagi"), (time(14, 0), time(21, 0), "Siang"))


def to_us(value: datetime) -> int:
    return int((value - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1))


def from_us(value: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(value))


@dataclass
class Days:
    """Every day of the period with the regular schedule's hours (Perpres 21/2023, holidays)."""

    dates: list[date]
    dates64: npt.NDArray[np.datetime64]
    dates_obj: ObjArray
    midnight: IntArray  # UTC instant of WIB midnight
    workday: BoolArray  # regular schedule
    start: IntArray  # regular start, UTC us (0 on days off)
    end: IntArray
    ramadan: BoolArray

    @property
    def n(self) -> int:
        return len(self.dates)

    def index(self, day: date) -> int:
        return (day - self.dates[0]).days


def build_days(calendar: WorkCalendar, regular: WorkSchedule, first: date, last: date) -> Days:
    dates = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    n = len(dates)
    workday = np.zeros(n, dtype=bool)
    start = np.zeros(n, dtype=np.int64)
    end = np.zeros(n, dtype=np.int64)
    ramadan = np.zeros(n, dtype=bool)
    for i, day in enumerate(dates):
        h = calendar.hours(regular, day)
        ramadan[i] = h.is_ramadan
        if h.is_workday and h.start is not None and h.end is not None:
            workday[i] = True
            start[i] = to_us(h.start)
            end[i] = to_us(h.end)
    dates64 = np.array(dates, dtype="datetime64[D]")
    midnight = (dates64 - np.datetime64(EPOCH, "D")).astype(np.int64) * DAY - WIB_OFFSET
    dates_obj = np.empty(n, dtype=object)
    dates_obj[:] = dates
    return Days(dates, dates64, dates_obj, midnight, workday, start, end, ramadan)


@dataclass
class Roster:
    """Shift days of the RSUD staff: employee position, day index, shift (0 pagi, 1 siang)."""

    emp: IntArray
    day: IntArray
    shift: IntArray

    def frame(self, days: Days) -> pd.DataFrame:
        starts = np.array([s[0] for s in SHIFTS], dtype=object)
        ends = np.array([s[1] for s in SHIFTS], dtype=object)
        labels = np.array([s[2] for s in SHIFTS], dtype=object)
        return pd.DataFrame(
            {
                "employee_id": self.emp + 1,
                "work_date": pd.Series(days.dates_obj[self.day], dtype=object),
                "start": pd.Series(starts[self.shift], dtype=object),
                "end": pd.Series(ends[self.shift], dtype=object),
                "label": pd.Series(labels[self.shift], dtype=object),
            }
        )


def last_day_index(org: Org, days: Days) -> IntArray:
    """Last day (index) each employee counts; beyond the period for active accounts."""
    out = np.full(len(org.last_day), days.n + 1, dtype=np.int64)
    for i, d in enumerate(org.last_day):
        if d is not None:
            out[i] = days.index(d)
    return out


def build_roster(org: Org, days: Days, rng: np.random.Generator) -> Roster:
    """Clinical staff rotate five days on, two off, a week of pagi then a week of siang (no
    overnight shifts); the hospital's officials and clerks work pagi on regular work days."""
    staff = np.flatnonzero(org.shift)
    if staff.size == 0:
        return Roster(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))
    clinical = np.array(
        [
            org.level[e] == 3 and org.employees["jabatan_type"].iat[int(e)] == "Fungsional"
            for e in staff
        ]
    )
    offset = rng.integers(0, 7, staff.size)
    phase = rng.integers(0, 2, staff.size)
    d = np.arange(days.n)
    on = np.where(
        clinical[:, None],
        ((d[None, :] + offset[:, None]) % 7) < 5,
        days.workday[None, :],
    )
    shift = np.where(
        clinical[:, None], ((d[None, :] + offset[:, None]) // 7 + phase[:, None]) % 2, 0
    )
    last = last_day_index(org, days)[staff]
    on &= d[None, :] <= last[:, None]
    rows, cols = np.nonzero(on)
    order = np.lexsort((staff[rows], cols))
    return Roster(
        staff[rows][order].astype(np.int64),
        cols[order].astype(np.int64),
        shift[rows, cols][order].astype(np.int64),
    )


@dataclass
class LeaveTable:
    frame: pd.DataFrame  # rows for the database, in id order
    keys: IntArray  # sorted emp * n_days + day of every covered day
    codes: IntArray  # leave code of each key

    def lookup(self, emp: IntArray, day: IntArray, n_days: int) -> IntArray:
        if self.keys.size == 0:
            return np.zeros(emp.size, dtype=np.int64)
        k = emp * n_days + day
        pos = np.searchsorted(self.keys, k).clip(0, self.keys.size - 1)
        return np.where(self.keys[pos] == k, self.codes[pos], 0)


def build_leave(
    org: Org, days: Days, roster: Roster, rng: np.random.Generator, created_base: datetime
) -> LeaveTable:
    """Annual leave, sick days, permits, official trips and WFH assignments; never overlapping."""
    n_emp = len(org.unit_idx)
    years = days.n / 365.0
    office = ~org.in_field & ~org.shift
    plans = [
        # kind, yearly mean per person (array), lengths, probabilities
        ("cuti", np.full(n_emp, 1.8), (1, 2, 3, 4, 5), (0.3, 0.25, 0.2, 0.15, 0.1)),
        ("sakit", np.full(n_emp, 0.9), (1, 2, 3), (0.5, 0.3, 0.2)),
        ("izin", np.full(n_emp, 0.8), (1,), (1.0,)),
        ("dinas_luar", np.where(org.level <= 2, 2.5, 0.6), (1, 2, 3), (0.3, 0.4, 0.3)),
        ("wfh", np.where(office, 1.2, 0.0), (1, 2), (0.6, 0.4)),
    ]
    workday_idx = np.flatnonzero(days.workday)
    emp_l, start_l, len_l, kind_l = [], [], [], []
    for kind, mean, choices, probs in plans:
        count = rng.poisson(mean * years)
        emp = np.repeat(np.arange(n_emp), count)
        length = rng.choice(choices, emp.size, p=probs)
        day = rng.integers(0, days.n, emp.size)
        # Leave starts on a regular work day (the next one after the drawn day).
        if workday_idx.size:
            nxt = np.searchsorted(workday_idx, day).clip(0, workday_idx.size - 1)
            day = np.where(org.shift[emp], day, workday_idx[nxt])
        emp_l.append(emp)
        start_l.append(day)
        len_l.append(length)
        kind_l.append(np.full(emp.size, LEAVE_CODES[kind]))
    emp = np.concatenate(emp_l)
    start = np.concatenate(start_l)
    length = np.concatenate(len_l)
    code = np.concatenate(kind_l)
    subkind = np.full(code.size, None, dtype=object)
    subkind[code == LEAVE_CODES["cuti"]] = "tahunan"
    # One long maternity leave in a city-sized demo.
    women = np.flatnonzero((org.employees["sex"].to_numpy() == "P") & (org.level == 3))
    if n_emp >= 300 and women.size:
        w = int(rng.choice(women))
        emp = np.append(emp, w)
        start = np.append(start, days.n // 4)
        length = np.append(length, 90)
        code = np.append(code, LEAVE_CODES["cuti"])
        subkind = np.append(subkind, "melahirkan")
    # Working days count, not calendar days: a 3-day leave from Friday ends on Tuesday.
    end = _add_workdays(start, length, days, org.shift[emp])
    last = last_day_index(org, days)[emp]
    keep = start <= np.minimum(last, days.n - 1)
    end = np.minimum(end, np.minimum(last, days.n - 1))
    emp, start, end, code, subkind = emp[keep], start[keep], end[keep], code[keep], subkind[keep]
    # No overlaps: drop a leave that starts before every earlier one of the same person ended.
    order = np.lexsort((start, emp))
    emp, start, end, code, subkind = (
        emp[order],
        start[order],
        end[order],
        code[order],
        subkind[order],
    )
    prev_end = pd.Series(end).groupby(emp).cummax().groupby(emp).shift(1).fillna(-1).to_numpy()
    ok = start > prev_end
    emp, start, end, code, subkind = emp[ok], start[ok], end[ok], code[ok], subkind[ok]
    # Ids in the order the requests were made: by start day.
    order = np.lexsort((emp, start))
    emp, start, end, code, subkind = (
        emp[order],
        start[order],
        end[order],
        code[order],
        subkind[order],
    )

    n = emp.size
    notes = np.array([_pick_note(rng, LEAVE_NAMES[int(c)]) for c in code], dtype=object)
    ahead = np.where(
        np.isin(code, (LEAVE_CODES["sakit"], LEAVE_CODES["izin"])), 0, rng.integers(2, 15, n)
    )
    created = days.midnight[start] - ahead * DAY + rng.integers(7 * HOUR, 15 * HOUR, n)
    created = np.minimum(created, to_us(created_base))
    sup = org.supervisor[emp]
    frame = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "employee_id": emp + 1,
            "kind": pd.Series(
                np.array([LEAVE_NAMES[int(c)] for c in code], dtype=object), dtype=object
            ),
            "subkind": pd.Series(subkind, dtype=object),
            "start_date": days.dates64[start],
            "end_date": days.dates64[end],
            "note": pd.Series(notes, dtype=object),
            "approved_by": pd.array(np.where(sup >= 0, sup + 1, 0), dtype="Int64"),
            "created_at": pd.to_datetime(created, unit="us", utc=True),
        }
    )
    frame.loc[sup < 0, "approved_by"] = pd.NA
    lengths = end - start + 1
    key_emp = np.repeat(emp, lengths)
    key_day = np.repeat(start, lengths) + (
        np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    keys = key_emp * days.n + key_day
    codes = np.repeat(code, lengths)
    order = np.argsort(keys, kind="stable")
    return LeaveTable(frame, keys[order], codes[order])


def _add_workdays(start: IntArray, length: IntArray, days: Days, shift: BoolArray) -> IntArray:
    """End day of a leave of `length` work days from `start` (calendar days for shift staff)."""
    cum = np.cumsum(days.workday.astype(np.int64))
    # Number of work days up to and including start, then find where the count reaches +length.
    before = cum[start] - days.workday[start]
    target = before + length
    end = np.searchsorted(cum, target, side="left")
    end = np.where(shift, start + length - 1, end)
    return np.minimum(np.maximum(end, start), days.n - 1)


def _pick_note(rng: np.random.Generator, kind: str) -> str:
    notes = words.LEAVE_NOTES[kind]
    return notes[int(rng.integers(len(notes)))]
