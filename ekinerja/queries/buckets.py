"""The only place that knows SQL dialects: date buckets and durations for SQLite and PostgreSQL.

Buckets come back as ISO text ('2026-11-02') on both databases, because `func.date` gives text on
SQLite and a date on PostgreSQL; `parse_bucket` turns them into dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, cast, extract, func
from sqlmodel import Session

DAY, WEEK, MONTH = "harian", "mingguan", "bulanan"
GRAINS = (DAY, WEEK, MONTH)


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def bucket(column: Any, grain: str, dialect_name: str) -> ColumnElement[str]:
    """First day of the day/ISO week (Monday)/month containing `column` (a DATE), as ISO text."""
    if grain not in GRAINS:
        raise ValueError(f"unknown grain {grain!r}")
    if dialect_name == "sqlite":
        if grain == DAY:
            # SQLite keeps DATE as ISO text already; the bare column lets GROUP BY use an index.
            return column  # type: ignore[no-any-return]
        if grain == WEEK:
            # 'weekday 0' moves forward to Sunday (or stays on it); six days back is Monday.
            return func.date(column, "weekday 0", "-6 days")
        return func.strftime("%Y-%m-01", column)
    if grain == DAY:
        return func.to_char(column, "YYYY-MM-DD")
    field = "week" if grain == WEEK else "month"
    return func.to_char(func.date_trunc(field, column), "YYYY-MM-DD")


def hours_between(start: Any, end: Any, dialect_name: str) -> ColumnElement[float]:
    """`end - start` in hours (fractional) for two timestamp columns."""
    if dialect_name == "sqlite":
        return cast((func.julianday(end) - func.julianday(start)) * 24.0, Float)
    return cast(extract("epoch", end - start) / 3600.0, Float)


def parse_bucket(value: object) -> date:
    """An ISO bucket text (or a date already) as a date."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def bucket_start(day: date, grain: str) -> date:
    """The Python twin of `bucket`, for axes and tests."""
    if grain == DAY:
        return day
    if grain == WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """First days of every month touched by [start, end], oldest first."""
    out = []
    cur = start.replace(day=1)
    while cur <= end:
        out.append(cur)
        cur = (cur + timedelta(days=32)).replace(day=1)
    return out
