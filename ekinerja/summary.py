"""The daily summary: one row per employee and work day, computed from punches.

`compute_summaries` is the single rule, vectorised with pandas so that the same code serves a
one-record correction and a city-wide rebuild. `refresh` recomputes the rows of some employees
over some days inside the caller's transaction; every write path calls it.

Status of a day:
- a leave (cuti, izin, sakit, dinas luar) covering a work day gives that status, whatever was punched;
- otherwise any punch makes the day `hadir` (or `wfh` when the first check-in was a WFH check-in);
- no punch on a past work day is `tk` (tanpa keterangan), on today `belum`;
- punches on a non-work day give `libur` and no lateness.
Minutes late and early are whole minutes (seconds are dropped, so 07:30:59 is on time).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import delete, select
from sqlmodel import Session, col

from ekinerja.bulk import bulk_insert
from ekinerja.calendar import WorkCalendar
from ekinerja.models import DailySummary, Employee, Leave, Punch, ShiftAssignment, WorkSchedule
from ekinerja.models import Unit as UnitModel
from ekinerja.timeutil import today_wib, utc_now

EXCUSE_STATUSES = ("cuti", "izin", "sakit", "dinas_luar")
SUMMARY_COLUMNS = [
    "employee_id",
    "unit_id",
    "work_date",
    "status",
    "is_workday",
    "is_ramadan",
    "expected_start",
    "expected_end",
    "first_in",
    "last_out",
    "minutes_late",
    "minutes_early",
    "channel",
    "punch_count",
    "mock_count",
]


def _day_table(
    calendar: WorkCalendar, schedules: dict[int, WorkSchedule], start: date, end: date
) -> pd.DataFrame:
    """Hours of every regular schedule on every day of the range (a few thousand rows at most)."""
    rows = []
    day = start
    while day <= end:
        for sid, schedule in schedules.items():
            if schedule.is_shift:
                continue
            h = calendar.hours(schedule, day)
            rows.append((sid, day, h.is_workday, h.is_ramadan, h.start, h.end))
        day += timedelta(days=1)
    frame = pd.DataFrame(
        rows,
        columns=["schedule_id", "work_date", "is_workday", "is_ramadan", "exp_start", "exp_end"],
    )
    return frame


def _shift_table(
    calendar: WorkCalendar, schedules: dict[int, WorkSchedule], shifts: pd.DataFrame
) -> pd.DataFrame:
    """Per-employee hours for shift units, from their roster.

    The calendar is asked once per distinct (day, start, end): a month's roster of a hospital
    has thousands of rows but only a few dozen distinct shifts.
    """
    columns = ["employee_id", "work_date", "is_workday", "is_ramadan", "exp_start", "exp_end"]
    if shifts.empty:
        return pd.DataFrame(columns=columns)
    any_shift = next(s for s in schedules.values() if s.is_shift)
    key = ["work_date", "start", "end"]
    combos = shifts[key].drop_duplicates().reset_index(drop=True)
    hours = [
        calendar.hours(
            any_shift,
            work_date,
            ShiftAssignment(employee_id=0, work_date=work_date, start=start, end=end),
        )
        for work_date, start, end in combos.itertuples(index=False, name=None)
    ]
    combos["is_workday"] = True
    combos["is_ramadan"] = [h.is_ramadan for h in hours]
    combos["exp_start"] = [h.start for h in hours]
    combos["exp_end"] = [h.end for h in hours]
    out = shifts[["employee_id", *key]].merge(combos, on=key, how="left")
    return out[columns]


def _as_utc(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, utc=True)


def compute_summaries(
    punches: pd.DataFrame,
    staff: pd.DataFrame,
    leave: pd.DataFrame,
    shifts: pd.DataFrame,
    calendar: WorkCalendar,
    schedules: dict[int, WorkSchedule],
    start: date,
    end: date,
    today: date | None = None,
) -> pd.DataFrame:
    """Summaries for the staff over [start, end] (days after `today` are left out).

    punches: employee_id, ts (UTC), work_date, direction, channel, mock_location
    staff: employee_id, unit_id, schedule_id, last_day (date or None: last day the account counts)
    leave: employee_id, kind, start_date, end_date
    shifts: employee_id, work_date, start, end (WIB times)
    """
    today = today or today_wib()
    end = min(end, today)
    if end < start or staff.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)

    shift_ids = {sid for sid, s in schedules.items() if s.is_shift}
    days = _day_table(calendar, schedules, start, end)
    regular = staff[~staff["schedule_id"].isin(shift_ids)]
    grid = regular.merge(days, on="schedule_id")
    grid = grid[grid["is_workday"]]
    shift_staff = staff[staff["schedule_id"].isin(shift_ids)]
    if not shift_staff.empty:
        roster = shifts[
            shifts["employee_id"].isin(shift_staff["employee_id"])
            & (shifts["work_date"] >= start)
            & (shifts["work_date"] <= end)
        ]
        sgrid = shift_staff.merge(_shift_table(calendar, schedules, roster), on="employee_id")
        grid = pd.concat([grid, sgrid], ignore_index=True)
    grid = grid[["employee_id", "work_date", "is_workday", "is_ramadan", "exp_start", "exp_end"]]

    # Punch aggregates per employee and day.
    p = punches[
        punches["employee_id"].isin(staff["employee_id"])
        & (punches["work_date"] >= start)
        & (punches["work_date"] <= end)
    ].copy()
    p["ts"] = _as_utc(p["ts"])
    p = p.sort_values(["employee_id", "work_date", "ts"], kind="stable")
    key = ["employee_id", "work_date"]
    counts = p.groupby(key, sort=False).agg(
        punch_count=("ts", "size"), mock_count=("mock_location", "sum")
    )
    ins = p[p["direction"] == "in"]
    first = ins.groupby(key, sort=False).agg(first_in=("ts", "first"), channel=("channel", "first"))
    outs = p[p["direction"] == "out"]
    last = outs.groupby(key, sort=False).agg(last_out=("ts", "last"))
    any_channel = p.groupby(key, sort=False).agg(any_channel=("channel", "first"))
    agg = counts.join(first, how="left").join(last, how="left").join(any_channel, how="left")
    agg = agg.reset_index()

    out = grid.merge(agg, on=key, how="outer")
    # Punches on days that are not work days: a row with status libur.
    off = out["is_workday"].isna()
    if off.any():
        out.loc[off, "is_workday"] = False
        ram = out.loc[off, "work_date"].map(calendar.is_ramadan)
        out.loc[off, "is_ramadan"] = ram
    out["is_workday"] = out["is_workday"].astype(bool)
    out["is_ramadan"] = out["is_ramadan"].astype(bool)
    out = out.merge(staff[["employee_id", "unit_id", "last_day"]], on="employee_id", how="left")
    last_day = pd.to_datetime(out["last_day"])
    keep = last_day.isna() | (pd.to_datetime(out["work_date"]) <= last_day)
    # A fresh index: the columns assigned below from Series must line up row by row.
    out = out[keep].reset_index(drop=True)

    out["punch_count"] = out["punch_count"].fillna(0).astype(int)
    out["mock_count"] = out["mock_count"].fillna(0).astype(int)
    out["channel"] = out["channel"].fillna(out["any_channel"])

    # Lateness and early leave in whole minutes, only on work days.
    exp_start = _as_utc(out["exp_start"])
    exp_end = _as_utc(out["exp_end"])
    first_in = _as_utc(out["first_in"])
    last_out = _as_utc(out["last_out"])
    late_s = (first_in - exp_start).dt.total_seconds()
    early_s = (exp_end - last_out).dt.total_seconds()
    out["minutes_late"] = np.floor(late_s.clip(lower=0).fillna(0) / 60).astype(int)
    out["minutes_early"] = np.floor(early_s.clip(lower=0).fillna(0) / 60).astype(int)

    status = np.where(
        out["punch_count"] > 0,
        np.where(out["channel"] == "wfh", "wfh", "hadir"),
        np.where(out["work_date"] >= today, "belum", "tk"),
    ).astype(object)
    status = np.where(out["is_workday"], status, "libur")

    # Leave covering a work day: the excuse wins, and cancels lateness and early leave.
    excuse = _excuse_per_day(leave, out[key])
    out = out.merge(excuse, on=key, how="left")
    excused = out["is_workday"] & out["excuse"].isin(EXCUSE_STATUSES)
    status = np.where(excused, out["excuse"], status)
    out["status"] = status
    out.loc[excused | ~out["is_workday"], ["minutes_late", "minutes_early"]] = 0
    # An assigned WFH day is present when punched, excused from the office but not from hours.
    wfh_assigned = out["is_workday"] & (out["excuse"] == "wfh") & (out["punch_count"] > 0)
    out.loc[wfh_assigned, "status"] = "wfh"

    out["expected_start"] = exp_start
    out["expected_end"] = exp_end
    out["first_in"] = first_in
    out["last_out"] = last_out
    out = out.sort_values(key, kind="stable").reset_index(drop=True)
    return out[SUMMARY_COLUMNS]


def _excuse_per_day(leave: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Which leave kind covers each (employee, day), if any; the first recorded wins on overlap."""
    cols = ["employee_id", "work_date", "excuse"]
    if leave.empty or pairs.empty:
        return pd.DataFrame(columns=cols)
    lv = leave[leave["employee_id"].isin(pairs["employee_id"].unique())]
    if lv.empty:
        return pd.DataFrame(columns=cols)
    lengths = (pd.to_datetime(lv["end_date"]) - pd.to_datetime(lv["start_date"])).dt.days + 1
    rep = lv.loc[lv.index.repeat(lengths)].copy()
    offset = rep.groupby(level=0).cumcount()
    rep["work_date"] = (
        pd.to_datetime(rep["start_date"]) + pd.to_timedelta(offset, unit="D")
    ).dt.date
    rep = rep.rename(columns={"kind": "excuse"})
    rep = rep.drop_duplicates(["employee_id", "work_date"], keep="first")
    return rep[cols]


# --- reading inputs from the database and writing results back ---------------------------------


def _staff_frame(session: Session, employee_ids: Iterable[int] | None) -> pd.DataFrame:
    stmt = (
        select(
            col(Employee.id),
            col(Employee.unit_id),
            col(UnitModel.schedule_id),
            col(Employee.status),
            col(Employee.status_changed_at),
        )
        .join(UnitModel, col(UnitModel.id) == col(Employee.unit_id))
        .where(col(Employee.status) != "dihapus")
    )
    if employee_ids is not None:
        stmt = stmt.where(col(Employee.id).in_(list(employee_ids)))
    rows = session.execute(stmt).all()
    frame = pd.DataFrame(
        rows, columns=["employee_id", "unit_id", "schedule_id", "status", "changed_at"]
    )
    # A deactivated account stops counting from the day it was deactivated.
    frame["last_day"] = [
        (c.date() - timedelta(days=1)) if s == "nonaktif" and c is not None else None
        for s, c in zip(frame["status"], frame["changed_at"], strict=True)
    ]
    return frame[["employee_id", "unit_id", "schedule_id", "last_day"]]


def load_inputs(
    session: Session, employee_ids: Iterable[int] | None, start: date, end: date
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Staff, punches (not soft-deleted), leave and shifts needed to summarise the range."""
    ids = None if employee_ids is None else list(employee_ids)
    staff = _staff_frame(session, ids)
    pstmt = select(
        col(Punch.employee_id),
        col(Punch.ts),
        col(Punch.work_date),
        col(Punch.direction),
        col(Punch.channel),
        col(Punch.mock_location),
    ).where(
        col(Punch.work_date) >= start, col(Punch.work_date) <= end, col(Punch.deleted_at).is_(None)
    )
    lstmt = (
        select(col(Leave.employee_id), col(Leave.kind), col(Leave.start_date), col(Leave.end_date))
        .where(
            col(Leave.end_date) >= start,
            col(Leave.start_date) <= end,
            col(Leave.deleted_at).is_(None),
        )
        .order_by(col(Leave.id))
    )
    sstmt = select(
        col(ShiftAssignment.employee_id),
        col(ShiftAssignment.work_date),
        col(ShiftAssignment.start),
        col(ShiftAssignment.end),
    ).where(col(ShiftAssignment.work_date) >= start, col(ShiftAssignment.work_date) <= end)
    if ids is not None:
        pstmt = pstmt.where(col(Punch.employee_id).in_(ids))
        lstmt = lstmt.where(col(Leave.employee_id).in_(ids))
        sstmt = sstmt.where(col(ShiftAssignment.employee_id).in_(ids))
    punches = pd.DataFrame(
        session.execute(pstmt).all(),
        columns=["employee_id", "ts", "work_date", "direction", "channel", "mock_location"],
    )
    leave = pd.DataFrame(
        session.execute(lstmt).all(), columns=["employee_id", "kind", "start_date", "end_date"]
    )
    shifts = pd.DataFrame(
        session.execute(sstmt).all(), columns=["employee_id", "work_date", "start", "end"]
    )
    return staff, punches, leave, shifts


def refresh(
    session: Session,
    employee_ids: Iterable[int] | None,
    start: date,
    end: date,
    today: date | None = None,
) -> int:
    """Recompute the summary rows of these employees (None: everyone) over [start, end].

    Runs in the caller's transaction, so a correction and its summary commit together.
    Returns the number of rows written.
    """
    ids = None if employee_ids is None else sorted(set(employee_ids))
    if ids is not None and not ids:
        return 0
    staff, punches, leave, shifts = load_inputs(session, ids, start, end)
    schedules = {s.id: s for s in session.scalars(select(WorkSchedule)).all() if s.id is not None}
    calendar = WorkCalendar.load(session, start, end)
    frame = compute_summaries(punches, staff, leave, shifts, calendar, schedules, start, end, today)
    stmt = delete(DailySummary).where(
        col(DailySummary.work_date) >= start, col(DailySummary.work_date) <= end
    )
    if ids is not None:
        stmt = stmt.where(col(DailySummary.employee_id).in_(ids))
    session.execute(stmt)
    if frame.empty:
        return 0
    # The bulk path writes a city-wide rebuild or a month's import in seconds, not minutes.
    return bulk_insert(session.connection(), DailySummary, frame.assign(updated_at=utc_now()))


def refresh_pairs(session: Session, pairs: Iterable[tuple[int, date]]) -> int:
    """Recompute the days touched by a change: grouped per employee over the days' span."""
    spans: dict[int, tuple[date, date]] = {}
    for employee_id, day in pairs:
        lo, hi = spans.get(employee_id, (day, day))
        spans[employee_id] = (min(lo, day), max(hi, day))
    written = 0
    # Employees sharing a span are refreshed together to keep the number of queries small.
    by_span: dict[tuple[date, date], list[int]] = {}
    for employee_id, span in spans.items():
        by_span.setdefault(span, []).append(employee_id)
    for (lo, hi), ids in by_span.items():
        written += refresh(session, ids, lo, hi)
    return written
