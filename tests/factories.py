"""Small, exact datasets for tests: build only what a test needs, with readable defaults."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time

from sqlmodel import Session

from ekinerja.models import (
    Activity,
    BehaviourReview,
    Device,
    Employee,
    Leave,
    Office,
    Punch,
    Unit,
    WorkSchedule,
)
from ekinerja.models.work import BERAKHLAK
from ekinerja.timeutil import WIB

_seq = itertools.count(1)


def schedule(session: Session, **fields: object) -> WorkSchedule:
    row = WorkSchedule(name=str(fields.pop("name", f"Jadwal {next(_seq)}")), **fields)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def unit(
    session: Session, code: str | None = None, sched: WorkSchedule | None = None, **fields: object
) -> Unit:
    sched = sched or schedule(session)
    n = next(_seq)
    row = Unit(
        code=code or f"U{n}",
        name=str(fields.pop("name", f"Unit {n}")),
        schedule_id=sched.id,
        **fields,
    )  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def office(
    session: Session, u: Unit, lat: float = -7.6244, lon: float = 111.5206, radius_m: float = 100.0
) -> Office:
    row = Office(unit_id=u.id, name=f"Kantor {u.code}", lat=lat, lon=lon, radius_m=radius_m)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def nip(n: int, sex: int = 1) -> str:
    """A valid-looking NIP: born 1985-01-01 + n days is not needed; vary the sequence only."""
    return f"19850101201001{sex}{n:03d}"


def employee(session: Session, u: Unit, n: int | None = None, **fields: object) -> Employee:
    n = n if n is not None else next(_seq) % 1000
    row = Employee(
        nip=str(fields.pop("nip", nip(n))),
        name=str(fields.pop("name", f"Pegawai {n}")),
        sex=str(fields.pop("sex", "L")),
        unit_id=u.id,  # type: ignore[arg-type]
        jabatan=str(fields.pop("jabatan", "Pelaksana")),
        golongan=str(fields.pop("golongan", "III/a")),
        **fields,  # type: ignore[arg-type]
    )
    session.add(row)
    session.flush()
    return row


def wib(day: date, hh: int, mm: int, ss: int = 0) -> datetime:
    """A WIB wall-clock time as an aware UTC datetime."""
    return datetime.combine(day, time(hh, mm, ss), tzinfo=WIB).astimezone(UTC)


def punch(
    session: Session,
    e: Employee,
    day: date,
    hh: int,
    mm: int,
    direction: str = "in",
    channel: str = "fingerprint",
    ss: int = 0,
    **fields: object,
) -> Punch:
    row = Punch(
        employee_id=e.id,  # type: ignore[arg-type]
        channel=channel,
        direction=direction,
        ts=wib(day, hh, mm, ss),
        work_date=day,
        **fields,  # type: ignore[arg-type]
    )
    session.add(row)
    session.flush()
    return row


def leave(session: Session, e: Employee, kind: str, start: date, end: date | None = None) -> Leave:
    row = Leave(employee_id=e.id, kind=kind, start_date=start, end_date=end or start)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def activity(
    session: Session, e: Employee, day: date, minutes: int = 60, description: str = "Rapat"
) -> Activity:
    row = Activity(employee_id=e.id, work_date=day, description=description, minutes=minutes)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row


def review(
    session: Session,
    reviewer: Employee,
    reviewee: Employee,
    period: date,
    rating: int = 2,
    relation: str = "rekan",
    comment: str | None = None,
) -> BehaviourReview:
    values = dict.fromkeys(BERAKHLAK, rating)
    row = BehaviourReview(
        period=period.replace(day=1), reviewer_id=reviewer.id, reviewee_id=reviewee.id,  # type: ignore[arg-type]
        relation=relation, comment=comment, **values,  # type: ignore[arg-type]
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def device(session: Session, e: Employee, day: date, device_id: str | None = None) -> Device:
    seen = wib(day, 7, 0)
    row = Device(
        employee_id=e.id, device_id=device_id or f"HP-{e.id}", os="Android", first_seen=seen,  # type: ignore[arg-type]
        last_seen=seen,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


# --- analytics (Ringkasan, Tren, Aktivitas, Review, Perangkat) ----------------------------------


def summary_day(
    session: Session,
    e: Employee,
    day: date,
    status: str = "hadir",
    *,
    unit_id: int | None = None,
    minutes_late: int = 0,
    minutes_early: int = 0,
    channel: str | None = "fingerprint",
    checked_out: bool = True,
    is_workday: bool = True,
) -> object:
    """One daily_summary row written directly (the analytics read it; the rule is tested elsewhere)."""
    from ekinerja.models import DailySummary

    present = status in ("hadir", "wfh")
    row = DailySummary(
        employee_id=e.id, unit_id=unit_id or e.unit_id, work_date=day, status=status,  # type: ignore[arg-type]
        is_workday=is_workday, minutes_late=minutes_late if present else 0,
        minutes_early=minutes_early if present else 0,
        channel=channel if present else None, punch_count=2 if present else 0,
        first_in=wib(day, 7, 30) if present else None,
        last_out=wib(day, 16, 0) if present and checked_out else None,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def review_values(
    session: Session,
    reviewer: Employee,
    reviewee: Employee,
    period: date,
    values: tuple[int, ...],
    relation: str = "rekan",
    comment: str | None = None,
) -> BehaviourReview:
    """A review with one rating per BerAKHLAK value, in the regulation's order."""
    row = BehaviourReview(
        period=period.replace(day=1), reviewer_id=reviewer.id, reviewee_id=reviewee.id,  # type: ignore[arg-type]
        relation=relation, comment=comment, **dict(zip(BERAKHLAK, values, strict=True)),  # type: ignore[arg-type]
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def work_result(session: Session, e: Employee, period: date, rating: int) -> object:
    from ekinerja.models import WorkResultRating

    row = WorkResultRating(employee_id=e.id, period=period.replace(day=1), rating=rating)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    return row
