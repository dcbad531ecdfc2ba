"""The daily summary rule, case by case, against hand-computed expectations.

Default schedule (Perpres 21/2023): Mon-Thu 07:30-16:00, Fri 07:30-16:30; Ramadan 08:00-15:00,
Fri 08:00-15:30. 2026-10-05 is a Monday, 2026-10-09 a Friday, 2026-10-10 a Saturday,
2026-08-17 Independence Day, 2026-05-15 a cuti bersama (Friday), 2026-03-02 a Monday in Ramadan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
from ekinerja.calendar import sync_calendar
from ekinerja.models import DailySummary, Employee, ShiftAssignment
from ekinerja.summary import refresh, refresh_pairs
from ekinerja.timeutil import utc_now
from tests import factories as f

MON = date(2026, 10, 5)
FRI = date(2026, 10, 9)
SAT = date(2026, 10, 10)
HOLIDAY = date(2026, 8, 17)
CUTI_BERSAMA = date(2026, 5, 15)
RAMADAN_MON = date(2026, 3, 2)
TODAY = date(2026, 11, 29)


@dataclass
class Case:
    name: str
    day: date
    punches: list[tuple[int, int, int, str, str]]  # hh, mm, ss, direction, channel
    expected: tuple[str, int, int] | None  # status, minutes late, minutes early; None = no row
    leave: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    today: date = TODAY


CASES = [
    Case(
        "on time exactly",
        MON,
        [(7, 30, 0, "in", "fingerprint"), (16, 0, 0, "out", "fingerprint")],
        ("hadir", 0, 0),
    ),
    Case(
        "59 seconds after start is not late",
        MON,
        [(7, 30, 59, "in", "fingerprint"), (16, 0, 0, "out", "fingerprint")],
        ("hadir", 0, 0),
    ),
    Case(
        "one minute late",
        MON,
        [(7, 31, 0, "in", "fingerprint"), (16, 0, 0, "out", "fingerprint")],
        ("hadir", 1, 0),
    ),
    Case(
        "31 minutes late",
        MON,
        [(8, 1, 0, "in", "selfie"), (16, 5, 0, "out", "selfie")],
        ("hadir", 31, 0),
    ),
    Case(
        "91 minutes late",
        MON,
        [(9, 1, 0, "in", "fingerprint"), (16, 0, 0, "out", "fingerprint")],
        ("hadir", 91, 0),
    ),
    Case(
        "one minute early leave",
        MON,
        [(7, 0, 0, "in", "fingerprint"), (15, 59, 0, "out", "fingerprint")],
        ("hadir", 0, 1),
    ),
    Case(
        "30 seconds early is not early",
        MON,
        [(7, 0, 0, "in", "fingerprint"), (15, 59, 30, "out", "fingerprint")],
        ("hadir", 0, 0),
    ),
    Case(
        "friday ends 16:30",
        FRI,
        [(7, 20, 0, "in", "fingerprint"), (16, 0, 0, "out", "fingerprint")],
        ("hadir", 0, 30),
    ),
    Case(
        "ramadan starts 08:00",
        RAMADAN_MON,
        [(8, 0, 0, "in", "fingerprint"), (15, 0, 0, "out", "fingerprint")],
        ("hadir", 0, 0),
    ),
    Case(
        "ramadan late from 08:00",
        RAMADAN_MON,
        [(8, 15, 0, "in", "fingerprint"), (14, 50, 0, "out", "fingerprint")],
        ("hadir", 15, 10),
    ),
    Case(
        "first in and last out win",
        MON,
        [
            (7, 45, 0, "in", "qr"),
            (7, 40, 0, "in", "fingerprint"),
            (12, 0, 0, "out", "fingerprint"),
            (16, 10, 0, "out", "fingerprint"),
        ],
        ("hadir", 10, 0),
        extra={"channel": "fingerprint", "punch_count": 4},
    ),
    Case(
        "no check-out: early counted by the recap, not here",
        MON,
        [(7, 20, 0, "in", "fingerprint")],
        ("hadir", 0, 0),
        extra={"last_out": None},
    ),
    Case(
        "no check-in",
        MON,
        [(16, 0, 0, "out", "fingerprint")],
        ("hadir", 0, 0),
        extra={"first_in": None, "channel": "fingerprint"},
    ),
    Case("no record on a past work day is TK", MON, [], ("tk", 0, 0)),
    Case(
        "WFH check-in gives WFH and still counts lateness",
        MON,
        [(7, 40, 0, "in", "wfh"), (16, 0, 0, "out", "wfh")],
        ("wfh", 10, 0),
    ),
    Case(
        "sick leave excuses a late day",
        MON,
        [(9, 0, 0, "in", "fingerprint")],
        ("sakit", 0, 0),
        leave="sakit",
    ),
    Case("cuti without punches", MON, [], ("cuti", 0, 0), leave="cuti"),
    Case("dinas luar", MON, [], ("dinas_luar", 0, 0), leave="dinas_luar"),
    Case(
        "assigned WFH with punches",
        MON,
        [(7, 29, 0, "in", "wfh"), (16, 0, 0, "out", "wfh")],
        ("wfh", 0, 0),
        leave="wfh",
    ),
    Case("assigned WFH without punches is still TK", MON, [], ("tk", 0, 0), leave="wfh"),
    Case("holiday without punches has no row", HOLIDAY, [], None),
    Case(
        "holiday with punches is libur, no lateness",
        HOLIDAY,
        [(10, 0, 0, "in", "selfie")],
        ("libur", 0, 0),
    ),
    Case("cuti bersama is not a work day", CUTI_BERSAMA, [], None),
    Case("saturday punches are libur", SAT, [(9, 0, 0, "in", "qr")], ("libur", 0, 0)),
    Case("today without punches is not yet TK", MON, [], ("belum", 0, 0), today=MON),
    Case(
        "today late arrival already counts",
        MON,
        [(7, 45, 0, "in", "fingerprint")],
        ("hadir", 15, 0),
        today=MON,
    ),
]


def _setup(session: Session) -> Employee:
    sync_calendar(session, [2026])
    unit = f.unit(session, "DISKOMINFO")
    return f.employee(session, unit)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_daily_summary_rule(engine: Engine, case: Case) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        for hh, mm, ss, direction, channel in case.punches:
            lat_lon = {"lat": -7.62, "lon": 111.52} if channel in ("selfie", "wfh") else {}
            f.punch(session, emp, case.day, hh, mm, direction, channel, ss=ss, **lat_lon)
        if case.leave:
            f.leave(session, emp, case.leave, case.day)
        refresh(session, [emp.id], case.day, case.day, today=case.today)  # type: ignore[list-item]
    with db.read_session(engine) as session:
        rows = session.exec(select(DailySummary).where(DailySummary.employee_id == emp.id)).all()
    if case.expected is None:
        assert rows == []
        return
    assert len(rows) == 1
    row = rows[0]
    assert (row.status, row.minutes_late, row.minutes_early) == case.expected
    assert row.work_date == case.day
    for name, value in case.extra.items():
        assert getattr(row, name) == value, name


def test_expected_hours_are_stored_in_utc(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        f.punch(session, emp, MON, 7, 30)
        refresh(session, [emp.id], MON, MON, today=TODAY)  # type: ignore[list-item]
        row = session.exec(select(DailySummary)).one()
    # 07:30 WIB is 00:30 UTC; 16:00 WIB is 09:00 UTC.
    assert row.expected_start == f.wib(MON, 7, 30)
    assert row.expected_start is not None and row.expected_start.hour == 0
    assert row.expected_end == f.wib(MON, 16, 0)


def test_soft_deleted_punch_is_ignored(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        f.punch(session, emp, MON, 7, 0)
        f.punch(session, emp, MON, 9, 0, deleted_at=utc_now())
        late = f.punch(session, emp, MON, 8, 0)
        late.deleted_at = utc_now()
        refresh(session, [emp.id], MON, MON, today=TODAY)  # type: ignore[list-item]
        row = session.exec(select(DailySummary)).one()
    assert (row.status, row.minutes_late, row.punch_count) == ("hadir", 0, 1)


def test_a_week_has_one_row_per_work_day_and_tk_for_gaps(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        for day in (5, 6, 8):  # Mon, Tue, Thu present; Wed and Fri absent
            f.punch(session, emp, date(2026, 10, day), 7, 15)
        written = refresh(session, [emp.id], date(2026, 10, 5), date(2026, 10, 11), today=TODAY)  # type: ignore[list-item]
        rows = session.exec(select(DailySummary).order_by(DailySummary.work_date)).all()
    assert written == 5
    assert [(r.work_date.day, r.status) for r in rows] == [
        (5, "hadir"), (6, "hadir"), (7, "tk"), (8, "hadir"), (9, "tk"),
    ]  # fmt: skip


def test_shift_unit_uses_the_roster(engine: Engine) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
        shift = f.schedule(session, name="Shift RSUD", is_shift=True, workdays="1234567")
        unit = f.unit(session, "RSUD", sched=shift)
        nurse = f.employee(session, unit)
        # Afternoon shift on the Independence Day holiday: hospitals work on holidays.
        session.add(
            ShiftAssignment(
                employee_id=nurse.id, work_date=HOLIDAY, start=time(14, 0), end=time(21, 0)
            )
        )  # type: ignore[arg-type]
        f.punch(session, nurse, HOLIDAY, 14, 10)
        f.punch(session, nurse, HOLIDAY, 20, 45, "out")
        # No roster entry on the next day: a day off even though it is a Tuesday.
        refresh(session, [nurse.id], HOLIDAY, date(2026, 8, 18), today=TODAY)  # type: ignore[list-item]
        rows = session.exec(select(DailySummary)).all()
    assert [(r.work_date, r.status, r.minutes_late, r.minutes_early) for r in rows] == [
        (HOLIDAY, "hadir", 10, 15)
    ]


def test_deactivated_account_stops_counting_on_its_deactivation_day(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        emp.status = "nonaktif"
        emp.status_changed_at = f.wib(date(2026, 10, 7), 9, 0)
        session.add(emp)
        session.flush()
        refresh(session, [emp.id], date(2026, 10, 5), date(2026, 10, 9), today=TODAY)  # type: ignore[list-item]
        days = [r.work_date.day for r in session.exec(select(DailySummary)).all()]
    assert sorted(days) == [5, 6]


def test_refresh_pairs_recomputes_only_touched_days(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _setup(session)
        refresh(session, [emp.id], date(2026, 10, 5), date(2026, 10, 9), today=TODAY)  # type: ignore[list-item]
        f.punch(session, emp, date(2026, 10, 6), 7, 50)
        refresh_pairs(session, [(emp.id, date(2026, 10, 6))])  # type: ignore[list-item]
        rows = {r.work_date.day: r for r in session.exec(select(DailySummary)).all()}
    assert rows[6].status == "hadir" and rows[6].minutes_late == 20
    assert [rows[d].status for d in (5, 7, 8, 9)] == ["tk"] * 4
