"""Employees (ASN) and their account status."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now

EMPLOYEE_STATUSES = ("aktif", "nonaktif", "dihapus")


class Employee(SQLModel, table=True):
    __tablename__ = "employee"
    __table_args__ = (
        CheckConstraint("length(nip) = 18", name="employee_nip_length"),
        CheckConstraint("sex IN ('L', 'P')", name="employee_sex"),
        CheckConstraint("status IN ('aktif', 'nonaktif', 'dihapus')", name="employee_status"),
        CheckConstraint(
            "home_lat IS NULL OR home_lat BETWEEN -90 AND 90", name="employee_home_lat"
        ),
        CheckConstraint(
            "home_lon IS NULL OR home_lon BETWEEN -180 AND 180", name="employee_home_lon"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # NIP is an 18-digit identifier, stored as text so leading zeros survive.
    nip: str = Field(max_length=18, unique=True, index=True)
    name: str = Field(max_length=200)
    sex: str = Field(max_length=1)
    birth_date: date | None = None
    unit_id: int = Field(foreign_key="unit.id", index=True)
    jabatan: str = Field(max_length=200)
    jabatan_type: str = Field(default="Pelaksana", max_length=50)
    golongan: str = Field(max_length=10)
    supervisor_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    # Registered WFH address, used to judge WFH check-ins.
    home_lat: float | None = None
    home_lon: float | None = None
    home_kelurahan: str | None = Field(default=None, max_length=100)
    status: str = Field(default="aktif", max_length=10)
    status_reason: str | None = Field(default=None, max_length=500)
    # Policy section IV: data of accounts deactivated for violations is kept to prevent repeat abuse.
    deactivated_for_violation: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    status_changed_at: datetime | None = None
    version: int = 1
