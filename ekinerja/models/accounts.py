"""Dashboard accounts (admins, HR, supervisors, auditors), their unit scope and their sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'hr', 'supervisor', 'auditor')", name="user_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Stored normalised (NFKC, trimmed, lower case) so look-alike spellings cannot coexist.
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=200)
    role: str = Field(max_length=12)
    password_hash: str | None = Field(default=None, max_length=300)
    # Single sign-on: the bound identity "<issuer>#<sub>" (set at the first SSO login), and the
    # verified e-mail an admin registered so that first login can be matched to this account.
    oidc_subject: str | None = Field(default=None, max_length=255, unique=True)
    oidc_email: str | None = Field(default=None, max_length=254, unique=True)
    employee_id: int | None = Field(default=None, foreign_key="employee.id")
    # Supervisors also see the units below their own.
    include_subunits: bool = False
    active: bool = True
    failed_count: int = 0
    failed_window_start: datetime | None = None
    locked_until: datetime | None = None
    must_change_password: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    password_changed_at: datetime | None = None
    last_login_at: datetime | None = None
    version: int = 1


class UserUnit(SQLModel, table=True):
    """A unit in a supervisor's scope."""

    __tablename__ = "user_unit"
    __table_args__ = (UniqueConstraint("user_id", "unit_id", name="uq_user_unit"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")


class UserSession(SQLModel, table=True):
    """A login. The browser holds a random token; only its SHA-256 is stored here."""

    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utc_now)
    last_seen_at: datetime = Field(default_factory=utc_now)
    ended_at: datetime | None = None
    end_reason: str | None = Field(default=None, max_length=100)
