"""The work calendar: which days are work days for a unit, and their hours in WIB.

Sources, in order of precedence: a unit's shift assignments (shift units), holidays and cuti
bersama (the `holidays` package for Indonesia plus local decisions added by admins), Ramadan
periods (own hours, Perpres 21/2023), and the unit's weekly schedule with Friday hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays as holidays_pkg
from sqlmodel import Session, col, select

from ekinerja.models import Holiday, ShiftAssignment, SpecialPeriod, WorkSchedule
from ekinerja.timeutil import wib_to_utc

FRIDAY = 5
# Ramadan lasts 29 or 30 days; the package knows Idul Fitri, so Ramadan is taken as the 30
# days before it. Admins correct the dates in the table when the government's decision differs.
RAMADAN_DAYS = 30


@dataclass(frozen=True)
class DayHours:
    """What one day means for one schedule: a work day or not, and the hours if it is."""

    day: date
    is_workday: bool
    is_ramadan: bool
    holiday: str | None
    start: datetime | None  # UTC
    end: datetime | None  # UTC


@dataclass
class WorkCalendar:
    holidays: dict[date, Holiday]
    ramadan: list[tuple[date, date]]

    @classmethod
    def load(cls, session: Session, start: date, end: date) -> WorkCalendar:
        rows = session.exec(
            select(Holiday).where(col(Holiday.day) >= start, col(Holiday.day) <= end)
        ).all()
        periods = session.exec(
            select(SpecialPeriod).where(
                SpecialPeriod.kind == "ramadan",
                col(SpecialPeriod.end_date) >= start,
                col(SpecialPeriod.start_date) <= end,
            )
        ).all()
        return cls({h.day: h for h in rows}, [(p.start_date, p.end_date) for p in periods])

    def is_ramadan(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.ramadan)

    def holiday_name(self, day: date) -> str | None:
        h = self.holidays.get(day)
        return h.name if h else None

    def hours(
        self, schedule: WorkSchedule, day: date, shift: ShiftAssignment | None = None
    ) -> DayHours:
        ramadan = self.is_ramadan(day)
        holiday = self.holiday_name(day)
        if schedule.is_shift:
            # Hospitals and field services work on holidays too: the roster decides.
            if shift is None:
                return DayHours(day, False, ramadan, holiday, None, None)
            start = wib_to_utc(day, shift.start)
            end_day = day + timedelta(days=1) if shift.end <= shift.start else day
            return DayHours(day, True, ramadan, holiday, start, wib_to_utc(end_day, shift.end))
        weekday = day.isoweekday()
        if holiday is not None or str(weekday) not in schedule.workdays:
            return DayHours(day, False, ramadan, holiday, None, None)
        start_t, end_t = schedule_times(schedule, weekday, ramadan)
        return DayHours(day, True, ramadan, None, wib_to_utc(day, start_t), wib_to_utc(day, end_t))


def schedule_times(schedule: WorkSchedule, weekday: int, ramadan: bool) -> tuple[time, time]:
    """Start and end (WIB) of a regular schedule on an ISO weekday, in or out of Ramadan."""
    friday = weekday == FRIDAY
    if ramadan:
        return schedule.ramadan_start, (
            schedule.ramadan_end_fri if friday else schedule.ramadan_end_mon_thu
        )
    return schedule.start, (schedule.end_fri if friday else schedule.end_mon_thu)


def weekly_hours(schedule: WorkSchedule, ramadan: bool) -> float:
    """Net working hours a week (breaks per Perpres 21/2023), to check a schedule against the law."""
    total = 0.0
    for weekday in range(1, 8):
        if str(weekday) not in schedule.workdays:
            continue
        start, end = schedule_times(schedule, weekday, ramadan)
        gross = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds / 3600
        if ramadan:
            brk = 1.0 if weekday == FRIDAY else 0.5
        else:
            brk = 1.5 if weekday == FRIDAY else 1.0
        total += gross - brk
    return total


def package_holidays(years: Iterable[int]) -> list[tuple[date, str, str]]:
    """National holidays and cuti bersama from the `holidays` package, with Indonesian names."""
    out: list[tuple[date, str, str]] = []
    for category, kind in (("public", "nasional"), ("government", "cuti_bersama")):
        cal = holidays_pkg.country_holidays(
            "ID", years=list(years), categories=(category,), language="id"
        )
        out.extend((day, name, kind) for day, name in cal.items())
    return sorted(out)


def ramadan_periods(years: Iterable[int]) -> list[tuple[date, date]]:
    """Ramadan as the 30 days before Idul Fitri, from the package's Idul Fitri dates."""
    cal = holidays_pkg.country_holidays("ID", years=list(years), language="en_US")
    eids = sorted(day for day, name in cal.items() if name == "Eid al-Fitr")
    return [(eid - timedelta(days=RAMADAN_DAYS), eid - timedelta(days=1)) for eid in eids]


def sync_calendar(session: Session, years: Iterable[int]) -> int:
    """Add the package's holidays and Ramadan periods for the years; keeps admin entries as they are.

    Returns how many rows were added.
    """
    years = list(years)
    known = {h.day for h in session.exec(select(Holiday)).all()}
    added = 0
    for day, name, kind in package_holidays(years):
        if day not in known:
            session.add(Holiday(day=day, name=name, kind=kind, source="holidays"))
            known.add(day)
            added += 1
    existing = {(p.start_date, p.end_date) for p in session.exec(select(SpecialPeriod)).all()}
    for start, end in ramadan_periods(years):
        if not any(a <= end and start <= b for a, b in existing):
            session.add(SpecialPeriod(kind="ramadan", start_date=start, end_date=end))
            added += 1
    session.flush()
    return added
