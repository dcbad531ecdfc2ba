"""Time handling: stored in UTC, shown and bucketed in WIB (Asia/Jakarta, UTC+7, no DST)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ekinerja.validation import ValidationError

WIB = ZoneInfo("Asia/Jakarta")
# WIB has had no daylight saving since 1964, so a fixed offset is exact for vectorised work.
WIB_OFFSET = timedelta(hours=7)


def utc_now() -> datetime:
    return datetime.now(UTC)


def today_wib() -> date:
    return utc_now().astimezone(WIB).date()


def require_aware(value: datetime, field: str = "waktu") -> datetime:
    """Refuse naive datetimes: a time without a zone is ambiguous between WIB and UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"{field} harus menyertakan zona waktu (mis. +07:00 atau Z)")
    return value.astimezone(UTC)


def to_wib(value: datetime) -> datetime:
    return require_aware(value).astimezone(WIB)


def wib_date(value: datetime) -> date:
    """The WIB calendar date of an instant: the work day a punch belongs to."""
    return to_wib(value).date()


def wib_to_utc(day: date, clock: time) -> datetime:
    """The UTC instant of a WIB wall-clock time on a given day."""
    return datetime.combine(day, clock, tzinfo=WIB).astimezone(UTC)


def fmt_wib(value: datetime | None, with_seconds: bool = False) -> str:
    """Format for people: 02-11-2026 07:31 WIB."""
    if value is None:
        return "-"
    pattern = "%d-%m-%Y %H:%M:%S" if with_seconds else "%d-%m-%Y %H:%M"
    return to_wib(value).strftime(pattern) + " WIB"
