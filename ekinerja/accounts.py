"""Local accounts: argon2id passwords, throttled logins, server-side sessions, unit scope.

A login returns a random token; the browser session keeps it and every script run resolves it
here into a Viewer, re-reading the account so a disabled or demoted account loses access on its
next click. Unknown user and wrong password get the same message and the same work (a dummy
hash is verified) so neither can be told apart.
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
from sqlmodel import Session, col, select

from ekinerja import audit
from ekinerja.access import ROLES, Scope, Viewer
from ekinerja.models import Unit, UserAccount, UserSession, UserUnit
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError

MIN_PASSWORD = 12
MAX_PASSWORD = 256
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("EKINERJA_IDLE_MINUTES", "30")))
ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("EKINERJA_SESSION_HOURS", "12")))

LOGIN_FAILED = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara."

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("kata-sandi-tiruan-untuk-menyamakan-waktu")


def normalize_username(raw: str) -> str:
    """NFKC, trimmed, lower case: 'Budi ' and 'budi' are the same account."""
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not (3 <= len(name) <= 64):
        raise ValidationError("Nama pengguna harus 3 sampai 64 karakter")
    if any(not (ch.isalnum() or ch in "._-@") for ch in name):
        raise ValidationError(
            "Nama pengguna hanya boleh huruf, angka, titik, garis bawah, minus dan @"
        )
    return name


def check_password_rules(password: str) -> None:
    """At least 12 characters, any Unicode, never truncated (argon2 hashes the whole text)."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"Kata sandi minimal {MIN_PASSWORD} karakter")
    if len(password) > MAX_PASSWORD:
        raise ValidationError(f"Kata sandi maksimal {MAX_PASSWORD} karakter")
    if "\x00" in password:
        raise ValidationError("Kata sandi tidak boleh memuat karakter NUL")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def create_user(
    session: Session,
    actor: audit.Actor,
    username: str,
    role: str,
    password: str | None,
    display_name: str | None = None,
    unit_codes: list[str] | None = None,
) -> UserAccount:
    """Create an account (audited). Supervisors need at least one unit."""
    name = normalize_username(username)
    if role not in ROLES:
        raise ValidationError(f"Peran tidak dikenal: {role!r} (pilih: {', '.join(ROLES)})")
    if session.exec(select(UserAccount).where(UserAccount.username == name)).first():
        raise ValidationError(f"Nama pengguna {name!r} sudah dipakai")
    units = _units_by_code(session, unit_codes or [])
    if role == "supervisor" and not units:
        raise ValidationError("Akun atasan harus punya minimal satu unit (--unit KODE)")
    user = UserAccount(
        username=name,
        display_name=(display_name or name).strip()[:200],
        role=role,
        password_hash=hash_password(password) if password is not None else None,
        password_changed_at=utc_now() if password is not None else None,
    )
    session.add(user)
    session.flush()
    for u in units:
        session.add(UserUnit(user_id=user.id, unit_id=u.id))  # type: ignore[arg-type]
    audit.record(
        session, actor, "akun.buat", "user_account", user.id,
        after={"username": name, "role": role, "units": [u.code for u in units]},
    )  # fmt: skip
    return user


def _units_by_code(session: Session, codes: list[str]) -> list[Unit]:
    units = []
    for code in codes:
        u = session.exec(select(Unit).where(Unit.code == code)).first()
        if u is None:
            raise ValidationError(f"Unit tidak dikenal: {code!r}")
        units.append(u)
    return units


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    token: str | None = None
    message: str = ""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(
    session: Session, username: str, password: str, now: datetime | None = None
) -> LoginResult:
    """Check a password login; on success open a session and return its token. Audited either way."""
    now = now or utc_now()
    try:
        name = normalize_username(username)
    except ValidationError:
        name = None
    user = (
        session.exec(select(UserAccount).where(UserAccount.username == name)).first()
        if name
        else None
    )
    if user is None or user.password_hash is None:
        _verify(_DUMMY_HASH, password)
        audit.record(session, audit.Actor(name or "?", "anonim"), "login.gagal", "user_account",
                     reason="pengguna tidak dikenal")  # fmt: skip
        return LoginResult(False, message=LOGIN_FAILED)
    actor = audit.Actor(user.username, user.role)
    if user.locked_until is not None and user.locked_until > now:
        _verify(_DUMMY_HASH, password)
        audit.record(session, actor, "login.gagal", "user_account", user.id, reason="akun terkunci")
        return LoginResult(False, message=LOGIN_FAILED)
    if not user.active or not _verify(user.password_hash, password):
        _count_failure(user, now)
        session.add(user)
        reason = "akun nonaktif" if not user.active else "kata sandi salah"
        if user.locked_until is not None and user.locked_until > now:
            reason += f"; dikunci sampai {user.locked_until.isoformat()}"
        audit.record(session, actor, "login.gagal", "user_account", user.id, reason=reason)
        return LoginResult(False, message=LOGIN_FAILED)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_count = 0
    user.failed_window_start = None
    user.locked_until = None
    user.last_login_at = now
    session.add(user)
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_token_hash(token), user_id=user.id, created_at=now, last_seen_at=now
        )
    )  # type: ignore[arg-type]
    audit.record(session, actor, "login.berhasil", "user_account", user.id)
    return LoginResult(True, token=token)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _count_failure(user: UserAccount, now: datetime) -> None:
    if user.failed_window_start is None or now - user.failed_window_start > FAILURE_WINDOW:
        user.failed_window_start = now
        user.failed_count = 0
    user.failed_count += 1
    if user.failed_count >= MAX_FAILURES:
        user.locked_until = now + LOCK_DURATION


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


def resolve(session: Session, token: str | None, now: datetime | None = None) -> Viewer | None:
    """The viewer behind a session token, or None when it is unknown, ended or expired.

    Called at every script run: checks idle and absolute limits from server-side timestamps and
    re-reads the account's role and scope.
    """
    if not token:
        return None
    now = now or utc_now()
    sess = session.exec(
        select(UserSession).where(UserSession.token_hash == _token_hash(token))
    ).first()
    if sess is None or sess.ended_at is not None:
        return None
    user = session.get(UserAccount, sess.user_id)
    reason = None
    if user is None or not user.active:
        reason = "akun dinonaktifkan"
    elif now - sess.last_seen_at > IDLE_TIMEOUT:
        reason = "tidak aktif terlalu lama"
    elif now - sess.created_at > ABSOLUTE_TIMEOUT:
        reason = "batas waktu sesi"
    if reason is not None or user is None:
        sess.ended_at = now
        sess.end_reason = reason
        session.add(sess)
        return None
    sess.last_seen_at = now
    session.add(sess)
    return Viewer(user.username, user.role, scope_of(session, user), user.id)


def logout(session: Session, token: str | None) -> None:
    if not token:
        return
    sess = session.exec(
        select(UserSession).where(UserSession.token_hash == _token_hash(token))
    ).first()
    if sess is not None and sess.ended_at is None:
        sess.ended_at = utc_now()
        sess.end_reason = "keluar"
        session.add(sess)


def has_any_admin(session: Session) -> bool:
    return (
        session.exec(
            select(UserAccount.id)
            .where(UserAccount.role == "admin", col(UserAccount.active))
            .limit(1)
        ).first()
        is not None
    )
