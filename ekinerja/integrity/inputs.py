"""One period of attendance read for the rules: a few column-selected queries, no per-row work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Executable, String, cast, or_, select
from sqlmodel import Session, col

from ekinerja.models import Employee, Leave, Office, Punch

PUNCH_COLUMNS = [
    "id",
    "employee_id",
    "channel",
    "direction",
    "ts",
    "work_date",
    "lat",
    "lon",
    "accuracy_m",
    "mock_location",
    "device_id",
    "ip",
    "photo_sha256",
    "photo_phash",
    "fp_device_id",
]
APP_GPS_CHANNELS = ("selfie", "wfh")


@dataclass
class Inputs:
    start: date
    end: date
    # Punches of [start - 1 day, end] (the day before gives consecutive-punch rules a start).
    punches: pd.DataFrame
    # Employees not erased: employee_id, unit_id, home_lat, home_lon.
    staff: pd.DataFrame
    # Offices: office_id, unit_id, lat, lon, radius_m.
    offices: pd.DataFrame
    # Days excused as dinas luar (official duty elsewhere): employee_id, work_date.
    away: pd.DataFrame
    # Photo hashes of the look-back period before `start`: id, employee_id, ts, work_date,
    # photo_sha256, photo_phash.
    earlier_photos: pd.DataFrame

    @property
    def in_period(self) -> pd.Series:
        return (self.punches["work_date"] >= self.start) & (self.punches["work_date"] <= self.end)


def _frame(session: Session, stmt: Executable, columns: list[str]) -> pd.DataFrame:
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=columns)


def _column(name: str) -> Any:
    """Times and days are read as text and parsed in one vectorised step: per-row type
    conversion of a month of punches would cost more than every rule together."""
    column = col(getattr(Punch, name))
    return cast(column, String).label(name) if name in ("ts", "work_date") else column


def _punches(
    session: Session, lo: date, hi: date, columns: list[str], photos_only: bool = False
) -> pd.DataFrame:
    stmt = (
        select(*(_column(name) for name in columns))
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
        .where(
            col(Punch.work_date) >= lo,
            col(Punch.work_date) <= hi,
            col(Punch.deleted_at).is_(None),
            col(Employee.status) != "dihapus",
        )
    )
    if photos_only:
        stmt = stmt.where(
            or_(col(Punch.photo_sha256).is_not(None), col(Punch.photo_phash).is_not(None))
        )
    frame = _frame(session, stmt, columns)
    # SQLite returns UTC without an offset, PostgreSQL with one: both parse to UTC.
    frame["ts"] = pd.to_datetime(frame["ts"], utc=True, format="ISO8601")
    frame["work_date"] = pd.to_datetime(
        frame["work_date"].str.slice(0, 10), format="%Y-%m-%d"
    ).dt.date
    return frame


def load(session: Session, start: date, end: date, photo_lookback_days: int) -> Inputs:
    punches = _punches(session, start - timedelta(days=1), end, PUNCH_COLUMNS)
    punches["mock_location"] = punches["mock_location"].astype(bool)
    staff = _frame(
        session,
        select(
            col(Employee.id), col(Employee.unit_id), col(Employee.home_lat), col(Employee.home_lon)
        ).where(col(Employee.status) != "dihapus"),  # fmt: skip
        ["employee_id", "unit_id", "home_lat", "home_lon"],
    )
    offices = _frame(
        session,
        select(
            col(Office.id),
            col(Office.unit_id),
            col(Office.lat),
            col(Office.lon),
            col(Office.radius_m),
        ),  # fmt: skip
        ["office_id", "unit_id", "lat", "lon", "radius_m"],
    )
    leave = _frame(
        session,
        select(col(Leave.employee_id), col(Leave.start_date), col(Leave.end_date)).where(
            col(Leave.kind) == "dinas_luar",
            col(Leave.deleted_at).is_(None),
            col(Leave.end_date) >= start,
            col(Leave.start_date) <= end,
        ),
        ["employee_id", "start_date", "end_date"],
    )
    away = _expand(leave, start, end)
    earlier = _punches(
        session,
        start - timedelta(days=max(photo_lookback_days, 0) + 1),
        start - timedelta(days=2),
        ["id", "employee_id", "ts", "work_date", "photo_sha256", "photo_phash"],
        photos_only=True,
    )
    return Inputs(start, end, punches, staff, offices, away, earlier.reset_index(drop=True))


def _expand(leave: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Leave ranges to one row per employee and day, clipped to the period."""
    if leave.empty:
        return pd.DataFrame(columns=["employee_id", "work_date"])
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    lo = pd.to_datetime(leave["start_date"])
    hi = pd.to_datetime(leave["end_date"])
    lo = lo.where(lo >= first, first)
    hi = hi.where(hi <= last, last)
    days = (hi - lo).dt.days + 1
    keep = days > 0
    rep = leave[keep].loc[leave[keep].index.repeat(days[keep])].copy()
    offset = rep.groupby(level=0).cumcount()
    rep["work_date"] = (lo[keep].loc[rep.index] + pd.to_timedelta(offset, unit="D")).dt.date
    out: pd.DataFrame = rep[["employee_id", "work_date"]].drop_duplicates().reset_index(drop=True)
    return out
