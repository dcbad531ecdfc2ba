"""Work calendar: weekly hours per Perpres 21/2023, holidays and Ramadan from the package."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Engine
from sqlmodel import select

import db
from ekinerja.calendar import (
    WorkCalendar,
    package_holidays,
    ramadan_periods,
    sync_calendar,
    weekly_hours,
)
from ekinerja.models import Holiday, SpecialPeriod, WorkSchedule


def test_default_schedule_is_37_5_hours_and_32_5_in_ramadan() -> None:
    schedule = WorkSchedule(name="Perpres 21/2023")
    assert weekly_hours(schedule, ramadan=False) == 37.5
    assert weekly_hours(schedule, ramadan=True) == 32.5


def test_ramadan_is_the_thirty_days_before_idul_fitri() -> None:
    # Idul Fitri 1447 H falls on 21 March 2026 in the government's calendar.
    assert (date(2026, 2, 19), date(2026, 3, 20)) in ramadan_periods([2026])


def test_package_gives_national_holidays_and_cuti_bersama() -> None:
    days = {(d, kind) for d, _name, kind in package_holidays([2026])}
    assert (date(2026, 8, 17), "nasional") in days
    assert (date(2026, 12, 25), "nasional") in days
    assert (date(2026, 12, 24), "cuti_bersama") in days


def test_sync_keeps_local_decisions_and_is_idempotent(engine: Engine) -> None:
    with db.write_session(engine) as session:
        session.add(
            Holiday(
                day=date(2026, 6, 20), name="Hari Jadi Kota Madiun", kind="lokal", source="admin"
            )
        )
        session.add(
            Holiday(
                day=date(2026, 8, 17),
                name="HUT RI (keputusan daerah)",
                kind="lokal",
                source="admin",
            )
        )
        first = sync_calendar(session, [2026])
        second = sync_calendar(session, [2026])
        rows = {h.day: h for h in session.exec(select(Holiday)).all()}
        periods = session.exec(select(SpecialPeriod)).all()
    assert first > 10 and second == 0
    assert rows[date(2026, 6, 20)].kind == "lokal"
    # The admin's entry for the same day is kept, not overwritten by the package.
    assert rows[date(2026, 8, 17)].source == "admin"
    assert len(periods) == 1


def test_calendar_hours_for_holiday_friday_and_ramadan(engine: Engine) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
        cal = WorkCalendar.load(session, date(2026, 1, 1), date(2026, 12, 31))
    schedule = WorkSchedule(name="x")
    holiday = cal.hours(schedule, date(2026, 8, 17))
    assert not holiday.is_workday and holiday.holiday
    friday = cal.hours(schedule, date(2026, 10, 9))
    assert (
        friday.is_workday
        and friday.end is not None
        and friday.end.hour == 9
        and friday.end.minute == 30
    )  # 16:30 WIB
    ramadan = cal.hours(schedule, date(2026, 3, 2))
    assert ramadan.is_ramadan and ramadan.start is not None and ramadan.start.hour == 1  # 08:00 WIB
    weekend = cal.hours(
        WorkSchedule(name="y", workdays="123456", start=time(8, 0)), date(2026, 10, 10)
    )
    assert weekend.is_workday  # a six-day schedule works on Saturday
