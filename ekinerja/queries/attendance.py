"""Attendance counters for the overview and the trends, from the unit/day rollup or the summary.

Definitions (work days only; non-work days never count):
- present: status hadir or wfh;
- expected: present + tk + belum (excused days — cuti, izin, sakit, dinas luar — are left out);
- attendance rate: present / expected;
- punctuality: present days without a minute late / present days;
- minutes late per present day: all minutes late / present days;
- early leave: present days with minutes_early > 0 / present days;
- no check-out: present days before today without a check-out record;
- channels: present days by the channel of the first check-in.

Where the numbers come from: per unit or in total without an employee search, from
`unit_day_stat` (a few rows per unit and day, kept by triggers), minus the rows of erased
employees, which the rollup still holds until their summary rows are purged. Per employee, or
with a search, from `daily_summary` itself (the search keeps that small).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlmodel import Session, col

from ekinerja.access import Viewer
from ekinerja.models import DailySummary, Employee, UnitDayStat
from ekinerja.models.attendance import CHANNELS
from ekinerja.queries.buckets import bucket, dialect
from ekinerja.queries.filters import Filters, employee_condition, unit_condition
from ekinerja.summary import EXCUSE_STATUSES

DS = DailySummary
ST = UnitDayStat
PRESENT = ("hadir", "wfh")
CHANNEL_COUNTERS = tuple(f"ch_{c}" for c in CHANNELS)
COUNTERS = (
    "expected",
    "present",
    "ontime",
    "late",
    "late_minutes",
    "early",
    "no_checkout",
    "tk",
    "wfh",
    "excused",
    "belum",
    *CHANNEL_COUNTERS,
)
TOTAL, BY_UNIT, BY_EMPLOYEE = "total", "unit", "pegawai"


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _summary_counters(today: date) -> list[ColumnElement[Any]]:
    status = col(DS.status)
    present = status.in_(PRESENT)
    return [
        _count(status.in_((*PRESENT, "tk", "belum"))).label("expected"),
        _count(present).label("present"),
        _count(and_(present, col(DS.minutes_late) == 0)).label("ontime"),
        _count(and_(present, col(DS.minutes_late) > 0)).label("late"),
        func.sum(case((present, col(DS.minutes_late)), else_=0)).label("late_minutes"),
        _count(and_(present, col(DS.minutes_early) > 0)).label("early"),
        _count(and_(present, col(DS.last_out).is_(None), col(DS.work_date) < today)).label(
            "no_checkout"
        ),
        _count(status == "tk").label("tk"),
        _count(status == "wfh").label("wfh"),
        _count(status.in_(EXCUSE_STATUSES)).label("excused"),
        _count(status == "belum").label("belum"),
        *(_count(and_(present, col(DS.channel) == c)).label(f"ch_{c}") for c in CHANNELS),
    ]


def _rollup_counters(today: date) -> list[ColumnElement[Any]]:
    def total(name: str) -> ColumnElement[Any]:
        return func.sum(getattr(ST, name))

    return [
        (total("present") + total("tk") + total("belum")).label("expected"),
        total("present").label("present"),
        total("ontime").label("ontime"),
        (total("present") - total("ontime")).label("late"),
        total("late_minutes").label("late_minutes"),
        total("early").label("early"),
        func.sum(case((col(ST.work_date) < today, col(ST.no_out)), else_=0)).label("no_checkout"),
        *(total(name).label(name) for name in ("tk", "wfh", "excused", "belum")),
        *(total(name).label(name) for name in CHANNEL_COUNTERS),
    ]


def _groups(table: Any, grain: str | None, by: str, name: str) -> list[ColumnElement[Any]]:
    out: list[ColumnElement[Any]] = []
    if grain is not None:
        out.append(bucket(table.work_date, grain, name).label("bucket"))
    if by == BY_UNIT:
        out.append(col(table.unit_id).label("key"))
    elif by == BY_EMPLOYEE:
        out.append(col(DS.employee_id).label("key"))
    return out


def _summary_select(
    viewer: Viewer, filters: Filters, start: date, end: date, today: date, groups: list[Any]
) -> Select[Any]:
    return (
        select(*groups, *_summary_counters(today))
        .select_from(DS)
        .where(
            col(DS.work_date) >= start,
            col(DS.work_date) <= end,
            col(DS.is_workday),
            unit_condition(col(DS.unit_id), viewer, filters),
        )
    )


def _frame(session: Session, stmt: Select[Any], keys: list[str]) -> pd.DataFrame:
    result = session.execute(stmt)
    frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    for name in COUNTERS:
        frame[name] = pd.to_numeric(frame[name]).fillna(0).astype(np.int64)
    return frame[[*keys, *COUNTERS]]


def counts(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    *,
    today: date,
    grain: str | None = None,
    by: str = TOTAL,
    keys: tuple[int, ...] = (),
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Counters grouped by `bucket` (when a grain is given) and `key` (unit or employee id).

    `keys` limits a grouped result to those ids; `start`/`end` override the filter's dates.
    """
    start = start or filters.start
    end = end or filters.end
    name = dialect(session)
    key_names = (["bucket"] if grain else []) + ([] if by == TOTAL else ["key"])
    if by == BY_EMPLOYEE or filters.search:
        groups = _groups(DS, grain, by, name)
        stmt = _summary_select(viewer, filters, start, end, today, groups).where(
            employee_condition(col(DS.employee_id), filters)
        )
        if keys and by != TOTAL:
            stmt = stmt.where(
                col(DS.employee_id if by == BY_EMPLOYEE else col(DS.unit_id)).in_(keys)
            )
        return (
            _frame(session, stmt.group_by(*groups), key_names)
            if groups
            else _frame(session, stmt, [])
        )

    groups = _groups(ST, grain, by, name)
    stmt = (
        select(*groups, *_rollup_counters(today))
        .select_from(ST)
        .where(
            col(ST.work_date) >= start,
            col(ST.work_date) <= end,
            unit_condition(col(ST.unit_id), viewer, filters),
        )
    )
    if keys and by != TOTAL:
        stmt = stmt.where(col(ST.unit_id).in_(keys))
    frame = _frame(session, stmt.group_by(*groups) if groups else stmt, key_names)
    erased = [
        int(i)
        for i in session.execute(
            select(col(Employee.id)).where(col(Employee.status) == "dihapus")
        ).scalars()
        if i
    ]
    if not erased:
        return frame
    # The rollup counts everyone whose summary rows exist; take the erased back out.
    sgroups = _groups(DS, grain, by, name)
    extra = _summary_select(viewer, filters, start, end, today, sgroups).where(
        col(DS.employee_id).in_(erased)
    )
    if keys and by != TOTAL:
        extra = extra.where(col(DS.unit_id).in_(keys))
    minus = _frame(session, extra.group_by(*sgroups) if sgroups else extra, key_names)
    return subtract(frame, minus, key_names)


def subtract(frame: pd.DataFrame, minus: pd.DataFrame, key_names: list[str]) -> pd.DataFrame:
    if minus.empty or not (minus[list(COUNTERS)] != 0).any().any():
        return frame
    if not key_names:
        return (frame[list(COUNTERS)] - minus[list(COUNTERS)].to_numpy()).reset_index(drop=True)
    merged = frame.merge(minus, on=key_names, how="left", suffixes=("", "_minus"))
    for name in COUNTERS:
        merged[name] = merged[name] - merged[f"{name}_minus"].fillna(0).astype(np.int64)
    return merged[[*key_names, *COUNTERS]]


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    den = den.astype(float)
    return (num.astype(float) / den.where(den > 0)).astype(float)


def add_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """The rates next to the counters, as floats (NaN when the denominator is zero)."""
    out = frame.copy()
    for name in COUNTERS:
        if name in out:
            out[name] = pd.to_numeric(out[name]).fillna(0).astype(np.int64)
    out["attendance_rate"] = _ratio(out["present"], out["expected"])
    out["punctuality"] = _ratio(out["ontime"], out["present"])
    out["late_per_day"] = _ratio(out["late_minutes"], out["present"])
    out["early_rate"] = _ratio(out["early"], out["present"])
    out["tk_rate"] = _ratio(out["tk"], out["expected"])
    out["wfh_share"] = _ratio(out["wfh"], out["present"])
    return out
