"""Integrity findings: signs of fake GPS, reused photos or buddy punching, waiting for review.

A finding is never a penalty by itself: it enters a review queue (status `baru`) and an admin or
auditor confirms or rejects it (with a reason); every change of status is audited. `key` is
derived from what was found (rule, employee, day or pattern), so running the checks again
updates the same rows instead of adding new ones.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now

FINDING_STATUSES = ("baru", "dikonfirmasi", "ditolak")
SEVERITIES = ("rendah", "sedang", "tinggi")


class IntegrityFinding(SQLModel, table=True):
    __tablename__ = "integrity_finding"
    __table_args__ = (
        CheckConstraint("status IN ('baru', 'dikonfirmasi', 'ditolak')", name="finding_status"),
        CheckConstraint("severity IN ('rendah', 'sedang', 'tinggi')", name="finding_severity"),
        CheckConstraint("last_date >= work_date", name="finding_dates"),
        Index("ix_finding_unit_day", "unit_id", "work_date"),
        Index("ix_finding_status_day", "status", "work_date"),
        Index("ix_finding_employee", "employee_id", "work_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Stable identity of what was found: rule, employee and day (or pattern).
    key: str = Field(max_length=160, unique=True)
    kind: str = Field(max_length=30, index=True)
    severity: str = Field(max_length=10)
    employee_id: int = Field(foreign_key="employee.id")
    # The employee's unit when found, so supervisors' scope filters need no join.
    unit_id: int = Field(foreign_key="unit.id")
    # First and last WIB day the finding concerns (the same day for single-day findings).
    work_date: date
    last_date: date
    # JSON with ids and measurements only (no names, no photo hashes); shown in Indonesian by
    # ekinerja.integrity.describe.
    evidence: str = Field(max_length=20000)
    status: str = Field(default="baru", max_length=15)
    status_reason: str | None = Field(default=None, max_length=2000)
    reviewed_by: str | None = Field(default=None, max_length=100)
    reviewed_at: datetime | None = None
    detected_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = 1
