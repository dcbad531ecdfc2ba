"""Data governance: legal holds, the retention schedule, erasure requests and policy versions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now


class LegalHold(SQLModel, table=True):
    """A preservation order (policy section IV): data under it may not be corrected or deleted.

    A hold covers a record when every criterion it names matches: the employee, the employee's
    (current) unit, and the record's date within [start_date, end_date]. At least one is given.
    """

    __tablename__ = "legal_hold"
    __table_args__ = (
        CheckConstraint(
            "employee_id IS NOT NULL OR unit_id IS NOT NULL "
            "OR start_date IS NOT NULL OR end_date IS NOT NULL",
            name="hold_has_scope",
        ),
        CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR end_date >= start_date",
            name="hold_period_order",
        ),
        Index("ix_hold_active", "lifted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Case reference, e.g. the number of a court order or an Inspektorat investigation.
    case_ref: str = Field(max_length=100)
    note: str | None = Field(default=None, max_length=1000)
    employee_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    start_date: date | None = None
    end_date: date | None = None
    placed_by: str = Field(max_length=100)
    placed_at: datetime = Field(default_factory=utc_now)
    lifted_by: str | None = Field(default=None, max_length=100)
    lifted_at: datetime | None = None
    lift_reason: str | None = Field(default=None, max_length=1000)
    version: int = 1


class RetentionRule(SQLModel, table=True):
    """An admin's override of a category's default retention period (defaults live in code)."""

    __tablename__ = "retention_rule"
    __table_args__ = (CheckConstraint("keep_days IS NULL OR keep_days >= 0", name="rule_days"),)

    category: str = Field(primary_key=True, max_length=20)
    # None keeps the data forever.
    keep_days: int | None = None
    updated_by: str = Field(max_length=100)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = 1


class ErasureRequest(SQLModel, table=True):
    """An account deletion: hidden at once, purged after the grace period, finished when no hold
    or violation rule keeps anything of the person any more (then name and NIP are anonymised)."""

    __tablename__ = "erasure_request"
    __table_args__ = (
        CheckConstraint("state IN ('menunggu', 'selesai', 'dibatalkan')", name="erasure_state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    requested_by: str = Field(max_length=100)
    requested_at: datetime = Field(default_factory=utc_now)
    reason: str = Field(max_length=1000)
    # Status of the account before the request, so a cancellation within the grace period restores it.
    previous_status: str = Field(max_length=10)
    state: str = Field(default="menunggu", max_length=10)
    completed_at: datetime | None = None
    # Why something is still kept (JSON list of refusals); ids and case references only.
    refusals: str | None = None


class PolicyVersion(SQLModel, table=True):
    """A version of the data policy after the 2024 text shipped with the code (section V: users
    are told before it changes, so `effective_date` comes after `announced_on`)."""

    __tablename__ = "policy_version"
    __table_args__ = (CheckConstraint("effective_date > announced_on", name="policy_notice"),)

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=40, unique=True)
    summary: str = Field(max_length=2000)
    body: str
    announced_on: date
    effective_date: date
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utc_now)
