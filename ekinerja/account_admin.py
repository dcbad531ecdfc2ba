"""Managing dashboard accounts (admins only), and the first admin of a new installation.

Every change is audited in the same transaction and compares the version the admin's form was
loaded with (`UPDATE ... WHERE id = :id AND version = :seen`), so two admins editing one account
cannot overwrite each other silently. An admin cannot disable or demote themselves, and the
last active admin cannot be disabled or demoted.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import delete, text, update
from sqlmodel import Session, col, select

from ekinerja import accounts, audit
from ekinerja.access import Viewer, require
from ekinerja.models import Unit, UserAccount, UserUnit
from ekinerja.texts import ROLE_LABELS
from ekinerja.texts import accounts as t
from ekinerja.timeutil import fmt_wib, utc_now
from ekinerja.validation import ValidationError

_log = logging.getLogger("ekinerja.setup")
_PW_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
_SETUP_LOCK_KEY = 0x45_4B_53_55  # "EKSU": serialises first-admin creation on PostgreSQL


@dataclass(frozen=True)
class AccountRow:
    """One account as the Pengguna page lists it (no hashes, no tokens)."""

    id: int
    username: str
    display_name: str
    role: str
    unit_ids: tuple[int, ...]
    unit_codes: tuple[str, ...]
    include_subunits: bool
    active: bool
    locked: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    open_sessions: int
    has_password: bool
    sso_email: str | None
    sso_bound: bool
    must_change_password: bool
    version: int


def generate_password() -> str:
    """A random temporary password, 4 groups of 4 unambiguous characters."""
    groups = ("".join(secrets.choice(_PW_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def _units_of(session: Session, user_id: int) -> tuple[tuple[int, ...], tuple[str, ...]]:
    rows = session.exec(
        select(Unit.id, Unit.code)
        .join(UserUnit, col(UserUnit.unit_id) == col(Unit.id))
        .where(UserUnit.user_id == user_id)
        .order_by(col(Unit.code))
    ).all()
    return tuple(r[0] for r in rows if r[0] is not None), tuple(r[1] for r in rows)


def _row(session: Session, user: UserAccount, now: datetime | None = None) -> AccountRow:
    assert user.id is not None
    ids, codes = _units_of(session, user.id)
    return AccountRow(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        unit_ids=ids,
        unit_codes=codes,
        include_subunits=user.include_subunits,
        active=user.active,
        locked=accounts.is_locked(user, now),
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
        open_sessions=accounts.open_session_count(session, user.id),
        has_password=user.password_hash is not None,
        sso_email=user.oidc_email,
        sso_bound=user.oidc_subject is not None,
        must_change_password=user.must_change_password,
        version=user.version,
    )


def list_accounts(
    session: Session, viewer: Viewer, now: datetime | None = None
) -> list[AccountRow]:
    require(viewer, "users.manage")
    users = session.exec(select(UserAccount).order_by(col(UserAccount.username))).all()
    return [_row(session, u, now) for u in users]


def own_account(session: Session, viewer: Viewer) -> AccountRow:
    """The viewer's own account (Akun Saya)."""
    require(viewer, "account.self")
    user = session.get(UserAccount, viewer.user_id) if viewer.user_id is not None else None
    if user is None:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    return _row(session, user)


def unit_options(session: Session, viewer: Viewer) -> dict[int, str]:
    """Units an admin can put in a supervisor's scope: id -> "CODE - name", by code."""
    require(viewer, "users.manage")
    rows = session.exec(select(Unit.id, Unit.code, Unit.name).order_by(col(Unit.code))).all()
    return {r[0]: f"{r[1]} - {r[2]}" for r in rows if r[0] is not None}


def accounts_frame(rows: list[AccountRow]) -> pd.DataFrame:
    """The account list as shown to admins (Indonesian headers, WIB times, no secrets)."""
    return pd.DataFrame(
        {
            t.COL_USERNAME: [r.username for r in rows],
            t.COL_DISPLAY: [r.display_name for r in rows],
            t.COL_ROLE: [ROLE_LABELS[r.role] for r in rows],
            t.COL_UNITS: [
                (", ".join(r.unit_codes) + (t.WITH_SUBUNITS if r.include_subunits else ""))
                if r.role == "supervisor"
                else t.ALL_UNITS
                for r in rows
            ],
            t.COL_STATUS: [t.STATUS_ACTIVE if r.active else t.STATUS_INACTIVE for r in rows],
            t.COL_LOCKED: [fmt_wib(r.locked_until) if r.locked else "-" for r in rows],
            t.COL_LAST_LOGIN: [fmt_wib(r.last_login_at) for r in rows],
            t.COL_SESSIONS: [r.open_sessions for r in rows],
            t.COL_SSO: [
                (t.SSO_BOUND if r.sso_bound else t.SSO_WAITING) if r.sso_email else "-"
                for r in rows
            ],
            t.COL_MUST_CHANGE: [t.YES if r.must_change_password else "-" for r in rows],
        }
    )


def get_account(session: Session, viewer: Viewer, user_id: int) -> AccountRow:
    require(viewer, "users.manage")
    user = session.get(UserAccount, user_id)
    if user is None:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    return _row(session, user)


def create_account(
    session: Session,
    viewer: Viewer,
    *,
    username: str,
    display_name: str,
    role: str,
    unit_ids: list[int] | None = None,
    include_subunits: bool = False,
    sso_email: str | None = None,
    with_password: bool = True,
) -> tuple[UserAccount, str | None]:
    """Create an account; returns it and its temporary password (to be changed at first login)."""
    require(viewer, "users.manage")
    temp = generate_password() if with_password or not (sso_email or "").strip() else None
    user = accounts.create_user(
        session, viewer.actor, username, role, temp, display_name,
        unit_ids=unit_ids, include_subunits=include_subunits, oidc_email=sso_email,
        must_change_password=True,
    )  # fmt: skip
    return user, temp


def _load(session: Session, user_id: int, seen_version: int) -> UserAccount:
    user = session.get(UserAccount, user_id)
    if user is None:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    if user.version != seen_version:
        raise ValidationError(t.STALE_VERSION)
    return user


def _versioned_update(
    session: Session, user_id: int, seen_version: int, values: dict[str, Any]
) -> None:
    """Apply `values` only if the row still has the version the form was loaded with."""
    result = session.execute(
        update(UserAccount)
        .where(col(UserAccount.id) == user_id, col(UserAccount.version) == seen_version)
        .values(**values, version=seen_version + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ValidationError(t.STALE_VERSION)
    session.expire_all()


def _keep_an_admin(session: Session, viewer: Viewer, user: UserAccount) -> None:
    """Refuse to take away the viewer's own admin rights, or the last active admin."""
    if user.id == viewer.user_id:
        raise ValidationError(t.NOT_SELF)
    if user.role != "admin" or not user.active:
        return
    # Lock the active admins so two admins demoting each other cannot both succeed.
    others = session.exec(
        select(UserAccount.id)
        .where(UserAccount.role == "admin", col(UserAccount.active), col(UserAccount.id) != user.id)
        .with_for_update()
    ).all()
    if not others:
        raise ValidationError(t.LAST_ADMIN)


def _check_reason(reason: str | None, required: bool) -> str | None:
    cleaned = (reason or "").strip()
    if (required and not cleaned) or len(cleaned) > 500:
        raise ValidationError(t.REASON_REQUIRED)
    return cleaned or None


def edit_account(
    session: Session,
    viewer: Viewer,
    user_id: int,
    seen_version: int,
    *,
    display_name: str,
    role: str,
    unit_ids: list[int],
    include_subunits: bool,
    sso_email: str | None,
    unbind_sso: bool = False,
) -> None:
    """Change name, role, unit scope and SSO e-mail in one versioned step (audited).

    `unbind_sso` forgets the identity bound at the first SSO login, so the next verified login
    with the account's e-mail binds afresh (a person whose provider account was re-created).
    """
    require(viewer, "users.manage")
    user = _load(session, user_id, seen_version)
    ids = accounts.check_role_units(session, role, unit_ids)
    name = accounts.check_display_name(display_name)
    email = accounts.normalize_email(sso_email)
    old_ids, _ = _units_of(session, user_id)
    if role != user.role:
        _keep_an_admin(session, viewer, user)
    if email and email != user.oidc_email:
        taken = session.exec(
            select(UserAccount.id).where(
                UserAccount.oidc_email == email, col(UserAccount.id) != user_id
            )
        ).first()
        if taken:
            raise ValidationError(t.EMAIL_TAKEN)
    old_name = user.display_name
    before = {
        "role": user.role, "unit_ids": list(old_ids), "include_subunits": user.include_subunits,
        "sso_email": user.oidc_email is not None, "version": seen_version,
    }  # fmt: skip
    values: dict[str, Any] = {
        "display_name": name,
        "role": role,
        "include_subunits": include_subunits and role == "supervisor",
        "oidc_email": email,
    }
    if email != user.oidc_email or unbind_sso:
        # A new e-mail means a new person may bind: forget the identity bound to the old one.
        values["oidc_subject"] = None
    _versioned_update(session, user_id, seen_version, values)
    if list(old_ids) != ids:
        session.execute(delete(UserUnit).where(col(UserUnit.user_id) == user_id))
        for unit_id in ids:
            session.add(UserUnit(user_id=user_id, unit_id=unit_id))
        session.flush()
    after = {
        "role": role, "unit_ids": ids, "include_subunits": values["include_subunits"],
        "sso_email": email is not None, "display_name_changed": name != old_name,
        "sso_unbound": "oidc_subject" in values,
        "version": seen_version + 1,
    }  # fmt: skip
    audit.record(session, viewer.actor, "akun.ubah", "user_account", user_id,
                 before=before, after=after)  # fmt: skip


def set_active(
    session: Session,
    viewer: Viewer,
    user_id: int,
    seen_version: int,
    active: bool,
    reason: str | None = None,
    now: datetime | None = None,
) -> None:
    """Disable (ends the account's sessions at once) or enable an account; a reason is required
    to disable."""
    require(viewer, "users.manage")
    user = _load(session, user_id, seen_version)
    cleaned = _check_reason(reason, required=not active)
    was_active = user.active
    if not active:
        _keep_an_admin(session, viewer, user)
    _versioned_update(session, user_id, seen_version, {"active": active})
    ended = 0
    if not active:
        ended = accounts.end_sessions(session, user_id, t.REASON_ACCOUNT_OFF, now)
    audit.record(
        session, viewer.actor, "akun.aktifkan" if active else "akun.nonaktifkan",
        "user_account", user_id,
        before={"active": was_active}, after={"active": active, "sessions_ended": ended},
        reason=cleaned,
    )  # fmt: skip


def reset_password(
    session: Session, viewer: Viewer, user_id: int, seen_version: int, now: datetime | None = None
) -> str:
    """Give the account a random temporary password to be changed at next login; ends its
    sessions and lifts a lock. Returns the password (shown once to the admin)."""
    require(viewer, "users.manage")
    _load(session, user_id, seen_version)
    now = now or utc_now()
    temp = generate_password()
    _versioned_update(
        session, user_id, seen_version,
        {
            "password_hash": accounts.hash_password(temp),
            "password_changed_at": now,
            "must_change_password": True,
            "failed_count": 0,
            "failed_window_start": None,
            "locked_until": None,
        },
    )  # fmt: skip
    ended = accounts.end_sessions(session, user_id, t.REASON_PASSWORD_RESET, now)
    audit.record(session, viewer.actor, "akun.reset_sandi", "user_account", user_id,
                 after={"sessions_ended": ended, "must_change_password": True})  # fmt: skip
    return temp


def set_password(
    session: Session, viewer: Viewer, user_id: int, password: str, now: datetime | None = None
) -> int:
    """Operator sets a password (CLI): no forced change; ends the account's sessions."""
    require(viewer, "users.manage")
    user = session.get(UserAccount, user_id)
    if user is None:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    now = now or utc_now()
    _versioned_update(
        session, user_id, user.version,
        {
            "password_hash": accounts.hash_password(password, user.username),
            "password_changed_at": now,
            "must_change_password": False,
            "failed_count": 0,
            "failed_window_start": None,
            "locked_until": None,
        },
    )  # fmt: skip
    ended = accounts.end_sessions(session, user_id, t.REASON_PASSWORD_RESET, now)
    audit.record(session, viewer.actor, "akun.set_sandi", "user_account", user_id,
                 after={"sessions_ended": ended})  # fmt: skip
    return ended


def unlock(session: Session, viewer: Viewer, user_id: int, seen_version: int) -> None:
    require(viewer, "users.manage")
    locked_until = _load(session, user_id, seen_version).locked_until
    _versioned_update(
        session, user_id, seen_version,
        {"failed_count": 0, "failed_window_start": None, "locked_until": None},
    )  # fmt: skip
    audit.record(session, viewer.actor, "akun.buka_kunci", "user_account", user_id,
                 before={"locked_until": locked_until})  # fmt: skip


def end_user_sessions(
    session: Session, viewer: Viewer, user_id: int, now: datetime | None = None
) -> int:
    """An admin ends every session of an account; its holder is logged out on the next click."""
    require(viewer, "users.manage")
    if session.get(UserAccount, user_id) is None:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    ended = accounts.end_sessions(session, user_id, t.REASON_ADMIN_ENDED, now)
    audit.record(session, viewer.actor, "akun.akhiri_sesi", "user_account", user_id,
                 after={"sessions_ended": ended})  # fmt: skip
    return ended


# --- First run -----------------------------------------------------------------------------------

_setup_state: dict[str, Any] = {"code": None, "failures": 0}
_setup_guard = threading.Lock()
SETUP_MAX_FAILURES = 5


def setup_code() -> str:
    """The one-time code the first-run page asks for, so that whoever reaches a fresh server
    first cannot make themselves admin. Written to the server log (or preset by the operator in
    EKINERJA_SETUP_CODE); a new one is issued after SETUP_MAX_FAILURES wrong entries."""
    preset = os.environ.get("EKINERJA_SETUP_CODE", "").strip()
    if preset:
        return preset
    with _setup_guard:
        if _setup_state["code"] is None:
            _setup_state["code"] = generate_password()
            _setup_state["failures"] = 0
            _log.warning(t.SETUP_LOG.format(code=_setup_state["code"]))
        return str(_setup_state["code"])


def _setup_code_matches(given: str) -> bool:
    expected = setup_code()
    ok = secrets.compare_digest(given.strip().encode(), expected.encode())
    if not ok:
        with _setup_guard:
            _setup_state["failures"] += 1
            if _setup_state["failures"] >= SETUP_MAX_FAILURES:
                _setup_state["code"] = None  # the next setup_code() issues and logs a new one
    return ok


def create_first_admin(
    session: Session,
    *,
    code: str,
    username: str,
    display_name: str,
    password: str,
    confirm: str,
) -> UserAccount:
    """Create the first admin of an installation that has none (setup page)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETUP_LOCK_KEY})
    if accounts.has_any_admin(session):
        raise ValidationError(t.SETUP_DONE_ALREADY)
    if not _setup_code_matches(code):
        raise ValidationError(t.SETUP_CODE_WRONG)
    if password != confirm:
        raise ValidationError(t.PASSWORD_MISMATCH)
    actor = audit.Actor("penyiapan", "system")
    user = accounts.create_user(session, actor, username, "admin", password, display_name)
    audit.record(session, actor, "penyiapan.admin_pertama", "user_account", user.id)
    with _setup_guard:
        _setup_state["code"] = None
    return user
