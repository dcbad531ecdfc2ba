"""Perangkat: the phones behind app check-ins (policy section I, "Informasi Perangkat").

A device counts for the period when it was seen during it. Check-in flags join each app check-in
(selfie, WFH, QR; fingerprint machines are not phones) to the phone that sent it; a permission
is the device's last known state, so the share reads "check-ins from phones that now deny it".
Scope follows the employee's current unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, select
from sqlmodel import Session, col

from ekinerja.access import Viewer
from ekinerja.models import Device, Employee, Punch, Unit
from ekinerja.queries.filters import Filters, employee_condition, unit_condition
from ekinerja.timeutil import wib_to_utc

APP_CHANNELS = ("selfie", "wfh", "qr")
MANY_DEVICES = 3
SHARED_DEVICE = 2
MAX_ROWS = 200
# Check-in flags read raw punches: at most this many days, the last of the chosen range.
MAX_DAYS = 92
TOP_VERSIONS = 8


def _device_where(viewer: Viewer, filters: Filters) -> list[ColumnElement[bool]]:
    start = wib_to_utc(filters.start, time(0))
    end = wib_to_utc(filters.end + timedelta(days=1), time(0))
    return [
        col(Device.last_seen) >= start,
        col(Device.first_seen) < end,
        unit_condition(col(Employee.unit_id), viewer, filters),
        employee_condition(col(Device.employee_id), filters),
    ]


def _devices(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(Device)
        .join(Employee, col(Employee.id) == col(Device.employee_id))
    )


def os_mix(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Devices per operating system and version."""
    stmt = (
        _devices(col(Device.os), col(Device.os_version), func.count())
        .where(*_device_where(viewer, filters))
        .group_by(col(Device.os), col(Device.os_version))
        .order_by(col(Device.os), func.count().desc())
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["os", "os_version", "devices"])
    frame["os_version"] = frame["os_version"].fillna("?")
    return frame


def app_versions(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Devices per app version, the most common first; the long tail folded into "lainnya"."""
    stmt = (
        _devices(col(Device.app_version), func.count())
        .where(*_device_where(viewer, filters))
        .group_by(col(Device.app_version))
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["app_version", "devices"])
    frame["app_version"] = frame["app_version"].fillna("?")
    frame = frame.sort_values(["devices", "app_version"], ascending=[False, True]).reset_index(
        drop=True
    )
    if len(frame) > TOP_VERSIONS:
        rest = int(frame["devices"].iloc[TOP_VERSIONS:].sum())
        frame = pd.concat(
            [
                frame.iloc[:TOP_VERSIONS],
                pd.DataFrame([{"app_version": "lainnya", "devices": rest}]),
            ],
            ignore_index=True,
        )
    return frame


@dataclass(frozen=True)
class CheckinFlags:
    checkins: int = 0
    gps_denied: int = 0
    camera_denied: int = 0
    mock: int = 0
    unknown_device: int = 0

    def share(self, count: int) -> float | None:
        return count / self.checkins if self.checkins else None


def checkin_flags(session: Session, viewer: Viewer, filters: Filters) -> CheckinFlags:
    """App check-ins in the period (its last MAX_DAYS days) and how many came with a permission
    denied or mock location."""
    filters = filters.tail(MAX_DAYS)

    def count(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    stmt = (
        select(
            func.count(),
            count(col(Device.gps_permission).is_(False)),
            count(col(Device.camera_permission).is_(False)),
            count(col(Punch.mock_location).is_(True)),
            count(col(Device.id).is_(None)),
        )
        .select_from(Punch)
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
        .outerjoin(
            Device,
            and_(
                col(Device.employee_id) == col(Punch.employee_id),
                col(Device.device_id) == col(Punch.device_id),
            ),
        )
        .where(
            col(Punch.work_date) >= filters.start,
            col(Punch.work_date) <= filters.end,
            col(Punch.direction) == "in",
            col(Punch.channel).in_(APP_CHANNELS),
            col(Punch.deleted_at).is_(None),
            unit_condition(col(Employee.unit_id), viewer, filters),
            employee_condition(col(Punch.employee_id), filters),
        )
    )
    row = session.execute(stmt).one()
    return CheckinFlags(*(int(v or 0) for v in row))


def many_devices(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Employees seen with MANY_DEVICES phones or more in the period."""
    stmt = (
        _devices(
            col(Employee.id),
            col(Employee.nip),
            col(Employee.name),
            col(Unit.name),
            func.count().label("devices"),
        )  # fmt: skip
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(*_device_where(viewer, filters))
        .group_by(col(Employee.id), col(Employee.nip), col(Employee.name), col(Unit.name))
        .having(func.count() >= MANY_DEVICES)
        .order_by(func.count().desc(), col(Employee.name))
        .limit(MAX_ROWS)
    )
    return pd.DataFrame(
        session.execute(stmt).all(), columns=["employee_id", "nip", "name", "unit", "devices"]
    )


def shared_devices(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Phones used by SHARED_DEVICE employees or more in the scope: one row per device and employee.

    Only employees in the viewer's scope are listed or counted.
    """
    shared = (
        _devices(col(Device.device_id))
        .where(*_device_where(viewer, filters))
        .group_by(col(Device.device_id))
        .having(func.count(func.distinct(col(Device.employee_id))) >= SHARED_DEVICE)
        .order_by(func.count(func.distinct(col(Device.employee_id))).desc(), col(Device.device_id))
        .limit(MAX_ROWS)
        .subquery()
    )
    stmt = (
        _devices(
            col(Device.device_id),
            col(Device.model),
            col(Employee.id),
            col(Employee.nip),
            col(Employee.name),
            col(Unit.name),
            col(Device.last_seen),
        )  # fmt: skip
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .join(shared, shared.c.device_id == col(Device.device_id))
        .where(*_device_where(viewer, filters))
        .order_by(col(Device.device_id), col(Employee.name))
    )
    frame = pd.DataFrame(
        session.execute(stmt).all(),
        columns=["device_id", "model", "employee_id", "nip", "name", "unit", "last_seen"],
    )
    frame["employees"] = frame.groupby("device_id")["employee_id"].transform("count")
    return frame


@dataclass(frozen=True)
class DevicePage:
    os_mix: pd.DataFrame
    app_versions: pd.DataFrame
    flags: CheckinFlags
    many_devices: pd.DataFrame
    shared_devices: pd.DataFrame


def page_data(session: Session, viewer: Viewer, filters: Filters) -> DevicePage:
    return DevicePage(
        os_mix=os_mix(session, viewer, filters),
        app_versions=app_versions(session, viewer, filters),
        flags=checkin_flags(session, viewer, filters),
        many_devices=many_devices(session, viewer, filters),
        shared_devices=shared_devices(session, viewer, filters),
    )
