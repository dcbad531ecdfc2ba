"""Tren Kinerja: attendance and activity metrics per day/week/month, per unit or per employee.

Attendance counters come from ekinerja.queries.attendance (the employee's unit on that day);
activity minutes from `activity` (not rejected, not deleted; the employee's current unit), divided
by the expected work days (present + TK), so they compare with the daily target of 300 minutes as
the monthly recap does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from ekinerja.access import Viewer
from ekinerja.models import ActivityDayStat, Employee, Unit
from ekinerja.queries import attendance as att
from ekinerja.queries.buckets import bucket, dialect, parse_bucket
from ekinerja.queries.filters import Filters, employee_condition, unit_condition

DS = att.DS
DAILY_TARGET_MINUTES = 300
# Activities are the biggest table (about 300,000 rows a month in a city of 5,000): pages read
# at most this many days of them, the last days of the chosen range.
ACTIVITY_MAX_DAYS = 92

TOTAL, BY_UNIT, BY_EMPLOYEE = att.TOTAL, att.BY_UNIT, att.BY_EMPLOYEE
GROUPINGS = (TOTAL, BY_UNIT, BY_EMPLOYEE)
# Lines on one chart: more than this is unreadable (and costs WebGL contexts in the browser).
MAX_LINES = 10


@dataclass(frozen=True)
class Metric:
    key: str
    column: str
    kind: str  # "rate" (0..1), "minutes"
    higher_is_better: bool
    target: float | None = None


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("kehadiran", "attendance_rate", "rate", True),
        Metric("ketepatan", "punctuality", "rate", True),
        Metric("telat", "late_per_day", "minutes", False),
        Metric("pulang_cepat", "early_rate", "rate", False),
        Metric("tk", "tk_rate", "rate", False),
        Metric("wfh", "wfh_share", "rate", True),
        Metric("aktivitas", "activity_per_day", "minutes", True, DAILY_TARGET_MINUTES),
    )
}


STAT = ActivityDayStat


def _activity_minutes(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    group: list[Any],
    names: list[str],
    keys: tuple[int, ...] = (),
    by: str = TOTAL,
) -> pd.DataFrame:
    """Minutes not rejected (approved or pending), grouped by `group` (labelled `names`), from the
    activity rollup (models.analytics.ActivityDayStat)."""
    minutes = col(STAT.approved_minutes) + col(STAT.pending_minutes)
    stmt = (
        select(*group, func.sum(minutes).label("activity_minutes"))
        .select_from(STAT)
        .join(Employee, col(Employee.id) == col(STAT.employee_id))
        .where(
            col(STAT.work_date) >= filters.start,
            col(STAT.work_date) <= filters.end,
            unit_condition(col(Employee.unit_id), viewer, filters),
            employee_condition(col(STAT.employee_id), filters),
        )
    )
    if keys:
        key_column = col(Employee.unit_id) if by == BY_UNIT else col(STAT.employee_id)
        stmt = stmt.where(col(key_column).in_(keys))
    if group:
        stmt = stmt.group_by(*group)
    return pd.DataFrame(session.execute(stmt).all(), columns=[*names, "activity_minutes"])


def _finish(attendance: pd.DataFrame, activity: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    frame = (
        attendance.merge(activity, on=keys, how="left")
        if keys
        else attendance.assign(activity_minutes=activity["activity_minutes"].sum())
    )
    frame = att.add_rates(frame)
    minutes = pd.to_numeric(frame["activity_minutes"]).fillna(0).astype("int64")
    frame["activity_minutes"] = minutes
    expected = frame["expected"].astype(float)
    frame["activity_per_day"] = (minutes / expected.where(expected > 0)).astype(float)
    return frame


def series(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    grain: str,
    by: str = TOTAL,
    keys: tuple[int, ...] = (),
    today: date | None = None,
    activity: bool = True,
) -> pd.DataFrame:
    """Counters and metrics per bucket (and per unit/employee id in `key` when grouped).

    `keys` limits a grouped series to those unit or employee ids (at most MAX_LINES are used).
    Activity minutes of buckets without a work day are left out (nothing to divide them by);
    `activity=False` skips reading activities (the expensive part over long ranges); with
    activities the whole series covers only the last ACTIVITY_MAX_DAYS days of the range.
    """
    today = today or filters.end
    if activity:
        filters = filters.tail(ACTIVITY_MAX_DAYS)
    limited = tuple(keys[:MAX_LINES]) if by != TOTAL else ()
    counts = att.counts(session, viewer, filters, today=today, grain=grain, by=by, keys=limited)
    key_names = ["bucket"] + ([] if by == TOTAL else ["key"])
    a_cols = [bucket(col(STAT.work_date), grain, dialect(session)).label("bucket")]
    if by == BY_UNIT:
        a_cols.append(col(Employee.unit_id).label("key"))
    elif by == BY_EMPLOYEE:
        a_cols.append(col(STAT.employee_id).label("key"))
    act = (
        _activity_minutes(session, viewer, filters, a_cols, key_names, limited, by)
        if activity
        else pd.DataFrame(columns=[*key_names, "activity_minutes"])
    )
    out = _finish(counts, act, key_names)
    out["bucket"] = out["bucket"].map(parse_bucket)
    if by != TOTAL:
        labels = _labels(session, by, out["key"].astype(int).unique().tolist())
        out["label"] = out["key"].map(labels)
    return out.sort_values(key_names).reset_index(drop=True)


def _labels(session: Session, by: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    if by == BY_UNIT:
        rows = session.execute(
            select(col(Unit.id), col(Unit.name)).where(col(Unit.id).in_(ids))
        ).all()
    else:
        rows = session.execute(
            select(col(Employee.id), col(Employee.name)).where(col(Employee.id).in_(ids))
        ).all()
    return {int(i): str(n) for i, n in rows}


def breakdown(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    by: str,
    today: date | None = None,
    activity: bool = True,
) -> pd.DataFrame:
    """The whole period per unit or per employee: counters, metrics and names (for the drill-down).

    With activities, the period is its last ACTIVITY_MAX_DAYS days at most (as in `series`).
    """
    today = today or filters.end
    if activity:
        filters = filters.tail(ACTIVITY_MAX_DAYS)
    counts = att.counts(session, viewer, filters, today=today, by=by)
    if by == BY_UNIT:
        names = pd.DataFrame(
            session.execute(
                select(col(Unit.id), col(Unit.code), col(Unit.name)).where(
                    filters.scope(viewer).clause(col(Unit.id))
                )
            ).all(),
            columns=["key", "code", "name"],
        )
        a_key: Any = col(Employee.unit_id).label("key")
    else:
        ids = counts["key"].astype(int).tolist()
        names = pd.DataFrame(
            session.execute(
                select(col(Employee.id), col(Employee.nip), col(Employee.name), col(Unit.name))
                .join(Unit, col(Unit.id) == col(Employee.unit_id))
                .where(col(Employee.id).in_(ids))
            ).all(),
            columns=["key", "nip", "name", "unit"],
        )
        a_key = col(STAT.employee_id).label("key")
    act = (
        _activity_minutes(session, viewer, filters, [a_key], ["key"])
        if activity
        else pd.DataFrame(columns=["key", "activity_minutes"])
    )
    frame = _finish(counts.merge(names, on="key"), act, ["key"])
    return frame.sort_values("name").reset_index(drop=True)
