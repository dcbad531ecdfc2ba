"""Login: same answer for unknown user and wrong password, throttling per account in a time
window, a lock that expires, and an audit entry for every attempt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

import db
from ekinerja import accounts, audit
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount

PW = "sandi-yang-cukup-panjang"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def hr_user(engine: Engine) -> Engine:
    with db.write_session(engine) as s:
        accounts.create_user(s, SYSTEM, "sdm.satu", "hr", PW)
    return engine


def _login(engine: Engine, name: str, password: str, at: datetime) -> accounts.LoginResult:
    with db.write_session(engine) as s:
        return accounts.login(s, name, password, now=at)


def _entries(engine: Engine, action: str) -> list[AuditEntry]:
    with db.read_session(engine) as s:
        return list(
            s.exec(
                select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))
            ).all()
        )


def test_unknown_user_and_wrong_password_get_the_same_message(hr_user: Engine) -> None:
    unknown = _login(hr_user, "tidak.ada", PW, T0)
    wrong = _login(hr_user, "sdm.satu", "bukan-sandinya-ya", T0)
    invalid_name = _login(hr_user, "<script>", PW, T0)
    assert not unknown.ok and not wrong.ok and not invalid_name.ok
    assert unknown.message == wrong.message == invalid_name.message == accounts.LOGIN_FAILED
    assert unknown.token is None and wrong.token is None


def test_every_attempt_is_audited_without_storing_what_was_typed(hr_user: Engine) -> None:
    _login(hr_user, "sdm.satu", PW, T0)
    _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    _login(hr_user, "sandi-rahasia-di-kolom-nama", PW, T0)
    ok = _entries(hr_user, "login.berhasil")
    failed = _entries(hr_user, "login.gagal")
    assert [e.actor for e in ok] == ["sdm.satu"]
    assert [e.actor for e in failed] == ["sdm.satu", "?"]
    assert failed[0].reason == "kata sandi salah"
    # A password typed into the name field must not end up in the append-only trail.
    assert "sandi-rahasia" not in (failed[1].reason or "")
    assert accounts.ref("sandi-rahasia-di-kolom-nama") in (failed[1].reason or "")
    with db.read_session(hr_user) as s:
        assert audit.verify(s).ok


def test_five_failures_in_the_window_lock_the_account(hr_user: Engine) -> None:
    for i in range(accounts.MAX_FAILURES):
        assert not _login(hr_user, "sdm.satu", "salah-salah-salah", T0 + timedelta(minutes=i)).ok
    locked_at = T0 + timedelta(minutes=accounts.MAX_FAILURES - 1)
    # Now even the right password is refused, with the same message.
    during = _login(hr_user, "sdm.satu", PW, locked_at + timedelta(minutes=1))
    assert not during.ok and during.message == accounts.LOGIN_FAILED
    with db.read_session(hr_user) as s:
        user = s.exec(select(UserAccount)).one()
    assert user.locked_until == locked_at + accounts.LOCK_DURATION
    reasons = [e.reason for e in _entries(hr_user, "login.gagal")]
    assert reasons[-1] == "akun terkunci"


def test_lock_expires_and_the_right_password_works_again(hr_user: Engine) -> None:
    for _ in range(accounts.MAX_FAILURES):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    just_before = T0 + accounts.LOCK_DURATION - timedelta(seconds=1)
    assert not _login(hr_user, "sdm.satu", PW, just_before).ok
    after = T0 + accounts.LOCK_DURATION + timedelta(seconds=1)
    assert _login(hr_user, "sdm.satu", PW, after).ok
    with db.read_session(hr_user) as s:
        user = s.exec(select(UserAccount)).one()
    assert (user.failed_count, user.locked_until) == (0, None)


def test_attempts_during_a_lock_do_not_extend_it(hr_user: Engine) -> None:
    for _ in range(accounts.MAX_FAILURES):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    for minute in (1, 5, 14):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0 + timedelta(minutes=minute))
    assert _login(hr_user, "sdm.satu", PW, T0 + accounts.LOCK_DURATION + timedelta(seconds=1)).ok


def test_failures_spread_beyond_the_window_do_not_lock(hr_user: Engine) -> None:
    step = accounts.FAILURE_WINDOW / (accounts.MAX_FAILURES - 1) + timedelta(seconds=30)
    for i in range(accounts.MAX_FAILURES * 2):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0 + step * i)
    assert _login(hr_user, "sdm.satu", PW, T0 + step * (accounts.MAX_FAILURES * 2)).ok


def test_four_failures_then_success_resets_the_count(hr_user: Engine) -> None:
    for _ in range(accounts.MAX_FAILURES - 1):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    assert _login(hr_user, "sdm.satu", PW, T0).ok
    for _ in range(accounts.MAX_FAILURES - 1):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    assert _login(hr_user, "sdm.satu", PW, T0).ok


def test_after_a_served_lock_one_failure_does_not_relock(hr_user: Engine) -> None:
    for _ in range(accounts.MAX_FAILURES):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    after = T0 + accounts.LOCK_DURATION + timedelta(seconds=1)
    _login(hr_user, "sdm.satu", "salah-salah-salah", after)
    assert _login(hr_user, "sdm.satu", PW, after + timedelta(seconds=1)).ok


def test_lock_is_per_account(hr_user: Engine) -> None:
    with db.write_session(hr_user) as s:
        accounts.create_user(s, SYSTEM, "sdm.dua", "hr", PW)
    for _ in range(accounts.MAX_FAILURES):
        _login(hr_user, "sdm.satu", "salah-salah-salah", T0)
    assert _login(hr_user, "sdm.dua", PW, T0).ok
    assert not _login(hr_user, "sdm.satu", PW, T0).ok


def test_disabled_account_cannot_log_in_with_the_right_password(hr_user: Engine) -> None:
    with db.write_session(hr_user) as s:
        user = s.exec(select(UserAccount)).one()
        user.active = False
        s.add(user)
    result = _login(hr_user, "sdm.satu", PW, T0)
    assert not result.ok and result.message == accounts.LOGIN_FAILED
    assert _entries(hr_user, "login.gagal")[-1].reason == "akun nonaktif"


def test_sso_only_account_has_no_password_to_guess(sqlite_engine: Engine) -> None:
    with db.write_session(sqlite_engine) as s:
        accounts.create_user(
            s, SYSTEM, "sso.saja", "auditor", None, oidc_email="a@madiunkota.go.id"
        )
    assert not _login(sqlite_engine, "sso.saja", "", T0).ok
    assert not _login(sqlite_engine, "sso.saja", PW, T0).ok


def test_overlong_password_is_refused_not_truncated(hr_user: Engine) -> None:
    assert not _login(hr_user, "sdm.satu", PW + "x" * 10_000, T0).ok
    assert not _login(hr_user, "sdm.satu", "y" * 1_000_000, T0).ok
