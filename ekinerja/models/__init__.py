"""All table models; importing this package registers every table on SQLModel.metadata."""

from ekinerja.models.accounts import UserAccount, UserSession, UserUnit
from ekinerja.models.analytics import ActivityDayStat, ActivityMonthStat, RollupPause, UnitDayStat
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
from ekinerja.models.governance import (
    ErasureRequest,
    LegalHold,
    PolicyVersion,
    RetentionRule,
)
from ekinerja.models.imports import ImportBatch
from ekinerja.models.integrity import IntegrityFinding
from ekinerja.models.org import Office, Unit, WorkSchedule
from ekinerja.models.people import Employee
from ekinerja.models.recap import TppRuleSet
from ekinerja.models.settings import AppSetting
from ekinerja.models.work import Activity, BehaviourReview, WorkResultRating

# Registers the model-boundary validation listeners.
from ekinerja.models import guards as _guards  # noqa: E402,F401  isort: skip

__all__ = [
    "AppSetting",
    "Activity",
    "ActivityDayStat",
    "ActivityMonthStat",
    "AuditEntry",
    "BehaviourReview",
    "DailySummary",
    "Device",
    "Employee",
    "ErasureRequest",
    "FingerprintDevice",
    "FingerprintPin",
    "Holiday",
    "ImportBatch",
    "IntegrityFinding",
    "Leave",
    "LegalHold",
    "Office",
    "PolicyVersion",
    "Punch",
    "QrCode",
    "RetentionRule",
    "RollupPause",
    "ShiftAssignment",
    "SpecialPeriod",
    "TppRuleSet",
    "Unit",
    "UnitDayStat",
    "UserAccount",
    "UserSession",
    "UserUnit",
    "WorkResultRating",
    "WorkSchedule",
]
