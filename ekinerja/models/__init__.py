"""All table models; importing this package registers every table on SQLModel.metadata."""

from ekinerja.models.accounts import UserAccount, UserSession, UserUnit
from ekinerja.models.attendance import (
    DailySummary,
    Device,
    FingerprintDevice,
    FingerprintPin,
    Punch,
    QrCode,
)
from ekinerja.models.audit import AuditEntry
from ekinerja.models.calendar import Holiday, Leave, ShiftAssignment, SpecialPeriod
from ekinerja.models.imports import ImportBatch
from ekinerja.models.org import Office, Unit, WorkSchedule
from ekinerja.models.people import Employee
from ekinerja.models.settings import AppSetting
from ekinerja.models.work import Activity, BehaviourReview, WorkResultRating

__all__ = [
    "AppSetting",
    "Activity",
    "AuditEntry",
    "BehaviourReview",
    "DailySummary",
    "Device",
    "Employee",
    "FingerprintDevice",
    "FingerprintPin",
    "Holiday",
    "ImportBatch",
    "Leave",
    "Office",
    "Punch",
    "QrCode",
    "ShiftAssignment",
    "SpecialPeriod",
    "Unit",
    "UserAccount",
    "UserSession",
    "UserUnit",
    "WorkResultRating",
    "WorkSchedule",
]
