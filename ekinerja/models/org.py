"""Organisation: units (OPD), their offices with geofences, and work schedules."""

from __future__ import annotations

from datetime import time

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel


class WorkSchedule(SQLModel, table=True):
    """Office hours of a unit (Perpres 21/2023 by default), or a shift unit such as the RSUD.

    Times are WIB wall-clock. A shift unit takes each day's hours from ShiftAssignment instead.
    """

    __tablename__ = "work_schedule"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    is_shift: bool = False
    # ISO weekdays that are work days, as digits: "12345" is Monday to Friday.
    workdays: str = Field(default="12345", max_length=7)
    start: time = time(7, 30)
    end_mon_thu: time = time(16, 0)
    end_fri: time = time(16, 30)
    ramadan_start: time = time(8, 0)
    ramadan_end_mon_thu: time = time(15, 0)
    ramadan_end_fri: time = time(15, 30)


class Unit(SQLModel, table=True):
    """An organisation unit (OPD), optionally below a parent unit."""

    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=30, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="dinas", max_length=30)
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    schedule_id: int = Field(foreign_key="work_schedule.id")


class Office(SQLModel, table=True):
    """A place where a unit's people check in: a point and a geofence radius."""

    __tablename__ = "office"
    __table_args__ = (
        CheckConstraint("lat BETWEEN -90 AND 90", name="office_lat_range"),
        CheckConstraint("lon BETWEEN -180 AND 180", name="office_lon_range"),
        CheckConstraint("radius_m BETWEEN 10 AND 5000", name="office_radius_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    name: str = Field(max_length=200)
    kelurahan: str | None = Field(default=None, max_length=100)
    lat: float
    lon: float
    radius_m: float = 100.0
