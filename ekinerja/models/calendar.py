"""Calendar facts: holidays and collective leave, Ramadan periods, shifts and excused absences."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now

HOLIDAY_KINDS = ("nasional", "cuti_bersama", "lokal")
LEAVE_KINDS = ("cuti", "izin", "sakit", "dinas_luar", "wfh")


class Holiday(SQLModel, table=True):
    """A day off for everyone: national holiday, cuti bersama, or a local decision."""

    __tablename__ = "holiday"
    __table_args__ = (
        CheckConstraint("kind IN ('nasional', 'cuti_bersama', 'lokal')", name="holiday_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=15)
    # "holidays" when taken from the package, otherwise the admin who added it.
    source: str = Field(default="holidays", max_length=100)


class SpecialPeriod(SQLModel, table=True):
    """A period with its own hours; today only Ramadan (Perpres 21/2023)."""

    __tablename__ = "special_period"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="period_order"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="ramadan", max_length=20)
    start_date: date
    end_date: date
    note: str | None = Field(default=None, max_length=200)


class ShiftAssignment(SQLModel, table=True):
    """The hours of one employee on one day in a shift unit (WIB; an end before the start is the next day)."""

    __tablename__ = "shift_assignment"
    __table_args__ = (UniqueConstraint("employee_id", "work_date", name="uq_shift_employee_day"),)

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    work_date: date
    start: time
    end: time
    label: str = Field(default="", max_length=30)


class Leave(SQLModel, table=True):
    """Cuti, izin, sakit, dinas luar or an assigned WFH: excuses that cancel lateness or absence."""

    __tablename__ = "leave"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('cuti', 'izin', 'sakit', 'dinas_luar', 'wfh')", name="leave_kind"
        ),
        CheckConstraint("end_date >= start_date", name="leave_order"),
        Index("ix_leave_employee_dates", "employee_id", "start_date", "end_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    kind: str = Field(max_length=12)
    # For cuti: tahunan, sakit, besar, melahirkan, alasan_penting.
    subkind: str | None = Field(default=None, max_length=30)
    start_date: date
    end_date: date
    note: str | None = Field(default=None, max_length=1000)
    approved_by: int | None = Field(default=None, foreign_key="employee.id")
    created_at: datetime = Field(default_factory=utc_now)
    version: int = 1
    deleted_at: datetime | None = None
