"""Attendance: punches from the four channels of the app, their devices, and the daily summary."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now

CHANNELS = ("selfie", "wfh", "qr", "fingerprint")
DIRECTIONS = ("in", "out")


class QrCode(SQLModel, table=True):
    """A QR code posted at an office or an event; scanning it is a check-in at that place."""

    __tablename__ = "qr_code"
    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90", name="qr_lat_range"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="qr_lon_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    label: str = Field(max_length=200)
    office_id: int | None = Field(default=None, foreign_key="office.id")
    lat: float
    lon: float
    radius_m: float = 150.0
    valid_from: date | None = None
    valid_to: date | None = None


class FingerprintDevice(SQLModel, table=True):
    """A fingerprint machine (ZKTeco), placed at one office."""

    __tablename__ = "fingerprint_device"

    id: int | None = Field(default=None, primary_key=True)
    serial: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    office_id: int = Field(foreign_key="office.id", index=True)


class FingerprintPin(SQLModel, table=True):
    """Maps the PIN enrolled on the machines to an employee (editable by admins)."""

    __tablename__ = "fingerprint_pin"

    id: int | None = Field(default=None, primary_key=True)
    pin: str = Field(max_length=20, unique=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)


class Punch(SQLModel, table=True):
    """One attendance record from the app or a fingerprint machine."""

    __tablename__ = "punch"
    __table_args__ = (
        CheckConstraint("channel IN ('selfie', 'wfh', 'qr', 'fingerprint')", name="punch_channel"),
        CheckConstraint("direction IN ('in', 'out')", name="punch_direction"),
        CheckConstraint("lat IS NULL OR lat BETWEEN -90 AND 90", name="punch_lat_range"),
        CheckConstraint("lon IS NULL OR lon BETWEEN -180 AND 180", name="punch_lon_range"),
        CheckConstraint("accuracy_m IS NULL OR accuracy_m >= 0", name="punch_accuracy"),
        Index("ix_punch_employee_day", "employee_id", "work_date"),
        Index("ix_punch_day", "work_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    channel: str = Field(max_length=12)
    direction: str = Field(max_length=3)
    ts: datetime
    # The WIB calendar day of `ts`, stored so day filters need no time-zone arithmetic in SQL.
    work_date: date
    lat: float | None = None
    lon: float | None = None
    accuracy_m: float | None = None
    photo_path: str | None = Field(default=None, max_length=300)
    photo_sha256: str | None = Field(default=None, max_length=64, index=True)
    # 64-bit perceptual hash (hex) for near-duplicate selfies.
    photo_phash: str | None = Field(default=None, max_length=16)
    device_id: str | None = Field(default=None, max_length=100, index=True)
    device_os: str | None = Field(default=None, max_length=50)
    app_version: str | None = Field(default=None, max_length=30)
    mock_location: bool = False
    ip: str | None = Field(default=None, max_length=45)
    qr_code_id: int | None = Field(default=None, foreign_key="qr_code.id")
    fp_device_id: int | None = Field(default=None, foreign_key="fingerprint_device.id")
    # Stable key from the source (app record id or fingerprint line): re-imports are idempotent.
    source_key: str | None = Field(default=None, max_length=120, unique=True)
    import_batch_id: int | None = Field(default=None, foreign_key="import_batch.id")
    created_at: datetime = Field(default_factory=utc_now)
    version: int = 1
    # Soft delete: hidden everywhere at once; a purge removes the row later.
    deleted_at: datetime | None = None


class DailySummary(SQLModel, table=True):
    """One row per employee per work day (and per non-work day with punches).

    Maintained whenever punches, leave, holidays or schedules change, so charts and recaps
    aggregate this table and never scan raw punches.
    """

    __tablename__ = "daily_summary"
    __table_args__ = (
        UniqueConstraint("employee_id", "work_date", name="uq_summary_employee_day"),
        Index("ix_summary_unit_day", "unit_id", "work_date"),
        Index("ix_summary_day", "work_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    # The employee's unit on that day, so unit aggregates need no join.
    unit_id: int = Field(foreign_key="unit.id")
    work_date: date
    # hadir | wfh | tk | cuti | izin | sakit | dinas_luar | libur | belum
    status: str = Field(max_length=12)
    is_workday: bool = True
    is_ramadan: bool = False
    expected_start: datetime | None = None
    expected_end: datetime | None = None
    first_in: datetime | None = None
    last_out: datetime | None = None
    minutes_late: int = 0
    minutes_early: int = 0
    # Channel of the first check-in of the day.
    channel: str | None = Field(default=None, max_length=12)
    punch_count: int = 0
    mock_count: int = 0
    updated_at: datetime = Field(default_factory=utc_now)


class Device(SQLModel, table=True):
    """A phone seen for an employee, with its attributes and permission state (policy: Informasi Perangkat)."""

    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("employee_id", "device_id", name="uq_device_employee"),)

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    device_id: str = Field(max_length=100, index=True)
    model: str | None = Field(default=None, max_length=100)
    os: str = Field(max_length=30)
    os_version: str | None = Field(default=None, max_length=30)
    app_version: str | None = Field(default=None, max_length=30)
    gps_permission: bool = True
    camera_permission: bool = True
    first_seen: datetime
    last_seen: datetime
