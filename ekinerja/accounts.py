"""Local accounts: argon2id passwords, throttled logins, server-side sessions, unit scope.

A login returns a random token; the browser session keeps it and every script run resolves it
here into a Viewer, re-reading the account so a disabled or demoted account loses access on its
next click. Idle and absolute limits are checked against server-side timestamps at every run.
Unknown user and wrong password get the same message and the same work (a dummy hash is
verified) so neither can be told apart. Account management by admins is in account_admin.py,
single sign-on in oidc.py.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import exc as sa_exc
from sqlalchemy import update
from sqlmodel import Session, col, select

from ekinerja import audit
from ekinerja.access import ROLES, Scope, Viewer
from ekinerja.models import Unit, UserAccount, UserSession, UserUnit
from ekinerja.texts import accounts as t
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError


def _int_from_env(name: str, default: int, low: int, high: int) -> int:
    """A number setting; a missing, malformed or out-of-range value falls back to the default."""
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return value if low <= value <= high else default


MIN_PASSWORD = 12
# Long passphrases are welcome; the bound only keeps one request from costing unbounded work.
MAX_PASSWORD = 256
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=_int_from_env("EKINERJA_IDLE_MINUTES", 30, 5, 24 * 60))
ABSOLUTE_TIMEOUT = timedelta(hours=_int_from_env("EKINERJA_SESSION_HOURS", 12, 1, 7 * 24))
# last_seen_at is written at most this often, so most page runs do not write; the idle limit
# may therefore end a session up to this much early, never late.
TOUCH_INTERVAL = timedelta(seconds=60)

LOGIN_FAILED = t.LOGIN_FAILED

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("kata-sandi-tiruan-untuk-menyamakan-waktu")

_USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-@")
_SEQUENCES = (
    "01234567890123456789",
    "98765432109876543210",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
)
# A few passwords people here reach for first; the length rule already rules out most lists.
_COMMON = frozenset(
    {
        "password1234", "passwordpassword", "kotamadiun123", "kotamadiun2024", "kotamadiun2025",
        "kotamadiun2026", "madiun123456", "ekinerja1234", "ekinerja2025", "ekinerja2026",
        "bismillah123", "bismillah1234", "indonesia123", "indonesia1945", "administrator",
        "administrator1", "admin1234567", "katasandi123", "rahasia12345", "qwerty123456",
    }
)  # fmt: skip


# --- Rules ---------------------------------------------------------------------------------------


def normalize_username(raw: str) -> str:
    """NFKC, trimmed, lower case, ASCII only: 'Budi ' and 'budi' are the same account.

    Non-Latin letters are refused so a Cyrillic 'а' cannot make a second 'admin'.
    """
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not 3 <= len(name) <= 64:
        raise ValidationError(t.USERNAME_LENGTH)
    if not set(name) <= _USERNAME_CHARS:
        raise ValidationError(t.USERNAME_CHARS)
    return name


def normalize_password(password: str) -> str:
    """NFKC, so the same password typed on two keyboards (é composed or not) is the same."""
    return unicodedata.normalize("NFKC", password)


def check_password_rules(password: str, username: str | None = None) -> str:
    """At least 12 characters, any Unicode, never truncated; returns the normalised password."""
    pw = normalize_password(password)
    if len(pw) < MIN_PASSWORD:
        raise ValidationError(t.PASSWORD_TOO_SHORT.format(n=MIN_PASSWORD))
    if len(pw) > MAX_PASSWORD:
        raise ValidationError(t.PASSWORD_TOO_LONG.format(n=MAX_PASSWORD))
    if any(unicodedata.category(ch) == "Cc" for ch in pw):
        raise ValidationError(t.PASSWORD_CONTROL)
    if _is_weak(pw.casefold(), username):
        raise ValidationError(t.PASSWORD_WEAK)
    return pw


def _is_weak(pw: str, username: str | None) -> bool:
    if pw in _COMMON:
        return True
    if any(len(pw) % n == 0 and pw == pw[:n] * (len(pw) // n) for n in range(1, 5)):
        return True
    if any(pw in seq for seq in _SEQUENCES):
        return True
    return bool(username and len(username) >= 4 and username.casefold() in pw)


def check_display_name(raw: str) -> str:
    """Any printable text up to 200 characters; no line breaks, NUL or invisible direction marks."""
    name = unicodedata.normalize("NFC", raw).strip()
    if not name:
        raise ValidationError(t.DISPLAY_NAME_EMPTY)
    if len(name) > 200:
        raise ValidationError(t.DISPLAY_NAME_LONG)
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in name):
        raise ValidationError(t.DISPLAY_NAME_CONTROL)
    return name


def normalize_email(raw: str | None) -> str | None:
    """A plain address, lower case; None or blank means no SSO e-mail."""
    if raw is None or not raw.strip():
        return None
    email = unicodedata.normalize("NFKC", raw).strip().casefold()
    local, sep, domain = email.partition("@")
    ok = (
        sep
        and local
        and "." in domain
        and len(email) <= 254
        and all(ch.isascii() and (ch.isalnum() or ch in "._%+-@") for ch in email)
        and "@" not in domain
    )
    if not ok:
        raise ValidationError(t.EMAIL_INVALID)
    return email


def hash_password(password: str, username: str | None = None) -> str:
    return str(_hasher.hash(check_password_rules(password, username)))


def ref(text: str) -> str:
    """A short stable reference for a string that must not be stored as typed (audit)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


# --- Accounts ------------------------------------------------------------------------------------


def find_user(session: Session, username: str) -> UserAccount | None:
    try:
        name = normalize_username(username)
    except ValidationError:
        return None
    return session.exec(select(UserAccount).where(UserAccount.username == name)).first()


def units_by_code(session: Session, codes: list[str]) -> list[Unit]:
    units = []
    for code in codes:
        u = session.exec(select(Unit).where(Unit.code == code.strip())).first()
        if u is None:
            raise ValidationError(t.UNIT_UNKNOWN.format(code=code.strip()[:30]))
        units.append(u)
    return units


def check_role_units(session: Session, role: str, unit_ids: list[int]) -> list[int]:
    """Supervisors need at least one existing unit; other roles see every unit and get none."""
    if role not in ROLES:
        raise ValidationError(t.ROLE_UNKNOWN)
    ids = sorted(set(unit_ids))
    if role != "supervisor":
        if ids:
            raise ValidationError(t.UNITS_ONLY_SUPERVISOR)
        return []
    if not ids:
        raise ValidationError(t.SUPERVISOR_NEEDS_UNIT)
    found = session.exec(select(Unit.id).where(col(Unit.id).in_(ids))).all()
    if len(set(found)) != len(ids):
        raise ValidationError(t.UNIT_ID_UNKNOWN)
    return ids


def create_user(
    session: Session,
    actor: audit.Actor,
    username: str,
    role: str,
    password: str | None,
    display_name: str | None = None,
    unit_codes: list[str] | None = None,
    *,
    unit_ids: list[int] | None = None,
    include_subunits: bool = False,
    oidc_email: str | None = None,
    must_change_password: bool = False,
) -> UserAccount:
    """Create an account (audited). Supervisors need at least one unit; password or SSO e-mail."""
    name = normalize_username(username)
    coded = [u.id for u in units_by_code(session, unit_codes or []) if u.id is not None]
    ids = check_role_units(session, role, list(unit_ids or []) + coded)
    shown = check_display_name(display_name if display_name is not None else name)
    email = normalize_email(oidc_email)
    hashed = hash_password(password, name) if password is not None else None
    if session.exec(select(UserAccount.id).where(UserAccount.username == name)).first():
        raise ValidationError(t.USERNAME_TAKEN)
    if (
        email
        and session.exec(select(UserAccount.id).where(UserAccount.oidc_email == email)).first()
    ):
        raise ValidationError(t.EMAIL_TAKEN)
    user = UserAccount(
        username=name,
        display_name=shown,
        role=role,
        password_hash=hashed,
        password_changed_at=utc_now() if hashed else None,
        include_subunits=include_subunits and role == "supervisor",
        oidc_email=email,
        must_change_password=must_change_password and hashed is not None,
    )
    session.add(user)
    try:
        session.flush()
    except sa_exc.IntegrityError as exc:  # a concurrent create won the race for the name
        raise ValidationError(t.USERNAME_TAKEN) from exc
    for unit_id in ids:
        session.add(UserUnit(user_id=user.id, unit_id=unit_id))  # type: ignore[arg-type]
    session.flush()
    audit.record(
        session, actor, "akun.buat", "user_account", user.id,
        after={
            "role": role, "unit_ids": ids, "include_subunits": user.include_subunits,
            "password": hashed is not None, "sso_email": email is not None,
        },
    )  # fmt: skip
    return user


def has_any_admin(session: Session) -> bool:
    return (
        session.exec(
            select(UserAccount.id)
            .where(UserAccount.role == "admin", col(UserAccount.active))
            .limit(1)
        ).first()
        is not None
    )


def scope_of(session: Session, user: UserAccount) -> Scope:
    if user.role != "supervisor":
        return Scope.everything()
    ids = set(session.exec(select(UserUnit.unit_id).where(UserUnit.user_id == user.id)).all())
    if user.include_subunits:
        frontier = set(ids)
        while frontier:
            children = set(
                session.exec(select(Unit.id).where(col(Unit.parent_id).in_(frontier))).all()
            )
            frontier = {c for c in children if c is not None} - ids
            ids |= frontier
    return Scope.units(ids)


def viewer_for(session: Session, user: UserAccount) -> Viewer:
    return Viewer(
        user.username,
        user.role,
        scope_of(session, user),
        user.id,
        must_change_password=user.must_change_password,
    )


# --- Login ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    token: str | None = None
    message: str = ""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _verify(hashed: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(hashed, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify_password(user: UserAccount, password: str) -> bool:
    """Constant work whether or not the account has a password."""
    pw = normalize_password(password)
    if user.password_hash is None or len(pw) > MAX_PASSWORD:
        _verify(_DUMMY_HASH, pw[:MAX_PASSWORD])
        return False
    return _verify(user.password_hash, pw)


def login(
    session: Session, username: str, password: str, now: datetime | None = None
) -> LoginResult:
    """Check a password login; on success open a session and return its token. Audited either way.

    Failures are counted per account in a time window (MAX_FAILURES in FAILURE_WINDOW), then the
    account is locked for LOCK_DURATION; a lock is not extended by attempts made during it.
    """
    now = now or utc_now()
    try:
        name: str | None = normalize_username(username)
    except ValidationError:
        name = None
    user = (
        session.exec(
            select(UserAccount).where(UserAccount.username == name).with_for_update()
        ).first()
        if name
        else None
    )
    if user is None:
        _verify(_DUMMY_HASH, normalize_password(password)[:MAX_PASSWORD])
        # What was typed is not stored: it may be a password typed into the wrong field.
        audit.record(session, audit.Actor("?", "anonim"), "login.gagal", "user_account",
                     reason=t.REASON_UNKNOWN_USER.format(ref=ref(name or username)))  # fmt: skip
        return LoginResult(False, message=LOGIN_FAILED)
    actor = audit.Actor(user.username, user.role)
    if user.locked_until is not None and user.locked_until > now:
        _verify(_DUMMY_HASH, normalize_password(password)[:MAX_PASSWORD])
        audit.record(session, actor, "login.gagal", "user_account", user.id, reason=t.REASON_LOCKED)
        return LoginResult(False, message=LOGIN_FAILED)
    password_ok = verify_password(user, password)
    if not user.active:
        audit.record(
            session, actor, "login.gagal", "user_account", user.id, reason=t.REASON_DISABLED
        )
        return LoginResult(False, message=LOGIN_FAILED)
    if not password_ok:
        count_failure(user, now)
        session.add(user)
        reason = t.REASON_WRONG_PASSWORD
        if user.locked_until is not None and user.locked_until > now:
            reason += t.REASON_LOCKED_UNTIL.format(until=user.locked_until.isoformat())
        audit.record(session, actor, "login.gagal", "user_account", user.id, reason=reason)
        return LoginResult(False, message=LOGIN_FAILED)
    assert user.password_hash is not None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(normalize_password(password))
    token = open_session(session, user, now)
    audit.record(session, actor, "login.berhasil", "user_account", user.id)
    return LoginResult(True, token=token)


def count_failure(user: UserAccount, now: datetime) -> None:
    if user.locked_until is not None and user.locked_until <= now:
        # The lock has been served: the next failures start a fresh window.
        user.locked_until = None
        user.failed_window_start = None
        user.failed_count = 0
    if user.failed_window_start is None or now - user.failed_window_start > FAILURE_WINDOW:
        user.failed_window_start = now
        user.failed_count = 0
    user.failed_count += 1
    if user.failed_count >= MAX_FAILURES:
        user.locked_until = now + LOCK_DURATION


def is_locked(user: UserAccount, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utc_now())


# --- Sessions ------------------------------------------------------------------------------------


def open_session(session: Session, user: UserAccount, now: datetime) -> str:
    """Start a session for an authenticated account; only the token's SHA-256 is stored."""
    user.failed_count = 0
    user.failed_window_start = None
    user.locked_until = None
    user.last_login_at = now
    session.add(user)
    token = secrets.token_urlsafe(32)
    assert user.id is not None
    session.add(
        UserSession(
            token_hash=_token_hash(token), user_id=user.id, created_at=now, last_seen_at=now
        )
    )
    session.flush()
    return token


def _session_row(session: Session, token: str) -> UserSession | None:
    return session.exec(
        select(UserSession).where(UserSession.token_hash == _token_hash(token))
    ).first()


def resolve(session: Session, token: str | None, now: datetime | None = None) -> Viewer | None:
    """The viewer behind a session token, or None when it is unknown, ended or expired.

    Called at every script run: checks idle and absolute limits from server-side timestamps and
    re-reads the account's status, role and scope.
    """
    if not token:
        return None
    now = now or utc_now()
    sess = _session_row(session, token)
    if sess is None or sess.ended_at is not None:
        return None
    user = session.get(UserAccount, sess.user_id)
    reason = None
    if user is None or not user.active:
        reason = t.REASON_ACCOUNT_OFF
    elif now - sess.last_seen_at > IDLE_TIMEOUT:
        reason = t.REASON_IDLE
    elif now - sess.created_at > ABSOLUTE_TIMEOUT:
        reason = t.REASON_ABSOLUTE
    if reason is not None or user is None:
        sess.ended_at = now
        sess.end_reason = reason
        session.add(sess)
        actor = audit.Actor(user.username, user.role) if user else audit.SYSTEM
        audit.record(session, actor, "sesi.berakhir", "user_session", sess.id, reason=reason)
        return None
    if now - sess.last_seen_at >= TOUCH_INTERVAL:
        sess.last_seen_at = now
        session.add(sess)
    return viewer_for(session, user)


def logout(session: Session, token: str | None, now: datetime | None = None) -> None:
    if not token:
        return
    sess = _session_row(session, token)
    if sess is None or sess.ended_at is not None:
        return
    sess.ended_at = now or utc_now()
    sess.end_reason = t.REASON_LOGOUT
    session.add(sess)
    user = session.get(UserAccount, sess.user_id)
    actor = audit.Actor(user.username, user.role) if user else audit.SYSTEM
    audit.record(session, actor, "logout", "user_session", sess.id)


def end_sessions(
    session: Session,
    user_id: int,
    reason: str,
    now: datetime | None = None,
    keep_token: str | None = None,
) -> int:
    """End every open session of an account (but `keep_token`'s); returns how many were ended."""
    query = update(UserSession).where(
        col(UserSession.user_id) == user_id, col(UserSession.ended_at).is_(None)
    )
    if keep_token:
        query = query.where(col(UserSession.token_hash) != _token_hash(keep_token))
    result = session.execute(query.values(ended_at=now or utc_now(), end_reason=reason))
    session.expire_all()
    return int(result.rowcount)  # type: ignore[attr-defined]


def open_session_count(session: Session, user_id: int) -> int:
    rows = session.exec(
        select(UserSession.id).where(
            UserSession.user_id == user_id, col(UserSession.ended_at).is_(None)
        )
    ).all()
    return len(rows)


def end_other_sessions(
    session: Session, viewer: Viewer, token: str | None, now: datetime | None = None
) -> int:
    """Akun Saya: log out everywhere else (e.g. a forgotten browser at the office)."""
    if viewer.user_id is None:
        return 0
    ended = end_sessions(session, viewer.user_id, t.REASON_LOGOUT, now, keep_token=token)
    audit.record(session, viewer.actor, "akun.akhiri_sesi_lain", "user_account", viewer.user_id,
                 after={"sessions_ended": ended})  # fmt: skip
    return ended


# --- Self-service --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PasswordChange:
    ok: bool
    sessions_ended: int = 0
    message: str = ""


def change_own_password(
    session: Session,
    viewer: Viewer,
    token: str | None,
    old_password: str,
    new_password: str,
    confirm: str,
    now: datetime | None = None,
) -> PasswordChange:
    """Change one's own password (old one required) and end one's other sessions.

    A wrong old password counts as a failed login (so a borrowed session cannot guess it freely)
    and is returned, not raised, so the counted failure commits.
    """
    now = now or utc_now()
    user = session.exec(
        select(UserAccount).where(UserAccount.id == viewer.user_id).with_for_update()
    ).first()
    if user is None or not user.active:
        raise ValidationError(t.ACCOUNT_NOT_FOUND)
    if user.password_hash is None:
        raise ValidationError(t.PASSWORD_NONE)
    if is_locked(user, now) or not verify_password(user, old_password):
        if not is_locked(user, now):
            count_failure(user, now)
            session.add(user)
        audit.record(session, viewer.actor, "akun.sandi_sendiri_gagal", "user_account", user.id,
                     reason=t.REASON_WRONG_PASSWORD)  # fmt: skip
        return PasswordChange(False, message=t.PASSWORD_OLD_WRONG)
    if new_password != confirm:
        raise ValidationError(t.PASSWORD_MISMATCH)
    if normalize_password(new_password) == normalize_password(old_password):
        raise ValidationError(t.PASSWORD_SAME)
    user.password_hash = hash_password(new_password, user.username)
    user.password_changed_at = now
    user.must_change_password = False
    user.version += 1
    session.add(user)
    session.flush()
    ended = end_sessions(session, user.id, t.REASON_PASSWORD_CHANGED, now, keep_token=token)  # type: ignore[arg-type]
    audit.record(session, viewer.actor, "akun.sandi_sendiri", "user_account", user.id,
                 after={"sessions_ended": ended})  # fmt: skip
    return PasswordChange(True, ended)
