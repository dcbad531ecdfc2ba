"""Small, exact datasets for tests: build only what a test needs, with readable defaults."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time

from sqlmodel import Session

from ekinerja.models import Employee, Leave, Office, Punch, Unit, WorkSchedule
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
