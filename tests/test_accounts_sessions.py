"""Sessions: idle and absolute limits checked on the server, and changes to an account (disable,
demote, rescope, end sessions, password change) take effect on the holder's next click."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import col, select

import db
from ekinerja import account_admin, accounts
from ekinerja.access import Scope, Viewer
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount, UserSession
from tests import factories as f

PW = "sandi-yang-cukup-panjang"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ADMIN = Viewer("cli:uji", "admin")


def _setup(engine: Engine, role: str = "hr", units: list[str] | None = None) -> tuple[int, str]:
    with db.write_session(engine) as s:
        user = accounts.create_user(s, SYSTEM, "orang", role, PW, unit_codes=units)
        token = accounts.login(s, "orang", PW, now=T0).token
    assert user.id is not None and token
    return user.id, token


def _resolve(engine: Engine, token: str, at: datetime) -> Viewer | None:
    with db.write_session(engine) as s:
        return accounts.resolve(s, token, now=at)


def _version(engine: Engine, user_id: int) -> int:
    with db.read_session(engine) as s:
        user = s.get(UserAccount, user_id)
        assert user is not None
        return user.version


def test_unknown_or_empty_token_is_nobody(engine: Engine) -> None:
    _setup(engine)
    assert _resolve(engine, "bukan-token", T0) is None
    with db.write_session(engine) as s:
        assert accounts.resolve(s, None) is None
        assert accounts.resolve(s, "") is None


def test_session_survives_activity_within_the_idle_limit(engine: Engine) -> None:
    _, token = _setup(engine)
    at = T0
    # Eight clicks, each just under the idle limit apart: well past the idle limit in total.
    for _ in range(8):
        at += accounts.IDLE_TIMEOUT - accounts.TOUCH_INTERVAL - timedelta(seconds=1)
        assert _resolve(engine, token, at) is not None


def test_idle_session_expires_on_the_server(engine: Engine) -> None:
    _, token = _setup(engine)
    assert _resolve(engine, token, T0 + accounts.IDLE_TIMEOUT + timedelta(seconds=1)) is None
    # Once ended it stays ended, even if "now" were earlier again.
    assert _resolve(engine, token, T0 + timedelta(minutes=1)) is None
    with db.read_session(engine) as s:
        sess = s.exec(select(UserSession)).one()
        ended = s.exec(select(AuditEntry).where(AuditEntry.action == "sesi.berakhir")).one()
    assert sess.end_reason == "tidak aktif terlalu lama"
    assert ended.reason == "tidak aktif terlalu lama"


def test_absolute_limit_ends_even_an_active_session(engine: Engine) -> None:
    _, token = _setup(engine)
    at = T0
    step = accounts.IDLE_TIMEOUT / 2
    while at + step <= T0 + accounts.ABSOLUTE_TIMEOUT:
        at += step
        assert _resolve(engine, token, at) is not None
    assert _resolve(engine, token, T0 + accounts.ABSOLUTE_TIMEOUT + timedelta(seconds=1)) is None
    with db.read_session(engine) as s:
        assert s.exec(select(UserSession)).one().end_reason == "batas waktu sesi"


def test_disabling_ends_access_on_the_next_click(engine: Engine) -> None:
    user_id, token = _setup(engine)
    assert _resolve(engine, token, T0) is not None
    with db.write_session(engine) as s:
        account_admin.set_active(s, ADMIN, user_id, _version(engine, user_id), False, "mutasi")
    assert _resolve(engine, token, T0 + timedelta(seconds=5)) is None


def test_disabling_behind_the_app_still_ends_access(engine: Engine) -> None:
    """Even a change made directly in the database (no session cleanup) is seen at once."""
    user_id, token = _setup(engine)
    with db.write_session(engine) as s:
        user = s.get(UserAccount, user_id)
        assert user is not None
        user.active = False
        s.add(user)
    assert _resolve(engine, token, T0 + timedelta(seconds=5)) is None


def test_demotion_and_rescoping_take_effect_on_the_next_click(engine: Engine) -> None:
    with db.write_session(engine) as s:
        a, b = f.unit(s, "DINAS-A"), f.unit(s, "DINAS-B")
        a_id, b_id = a.id, b.id
    user_id, token = _setup(engine, "admin")
    with db.write_session(engine) as s:
        accounts.create_user(s, SYSTEM, "admin.lain", "admin", PW)
    before = _resolve(engine, token, T0)
    assert before is not None and before.role == "admin" and before.scope.is_all
    with db.write_session(engine) as s:
        account_admin.edit_account(
            s, Viewer("admin.lain", "admin", user_id=None), user_id, _version(engine, user_id),
            display_name="Orang", role="supervisor", unit_ids=[a_id], include_subunits=False,
            sso_email=None,
        )  # fmt: skip
    after = _resolve(engine, token, T0 + timedelta(seconds=5))
    assert after is not None
    assert after.role == "supervisor" and after.scope == Scope.units([a_id])
    with db.write_session(engine) as s:
        account_admin.edit_account(
            s, ADMIN, user_id, _version(engine, user_id), display_name="Orang",
            role="supervisor", unit_ids=[b_id], include_subunits=False, sso_email=None,
        )  # fmt: skip
    moved = _resolve(engine, token, T0 + timedelta(seconds=10))
    assert moved is not None and moved.scope == Scope.units([b_id])


def test_supervisor_scope_includes_sub_units_only_when_asked(engine: Engine) -> None:
    with db.write_session(engine) as s:
        top = f.unit(s, "INDUK")
        child = f.unit(s, "ANAK", parent_id=top.id)
        grandchild = f.unit(s, "CUCU", parent_id=child.id)
        f.unit(s, "LAIN")
        ids = (top.id, child.id, grandchild.id)
        accounts.create_user(s, SYSTEM, "atasan.a", "supervisor", PW, unit_codes=["INDUK"])
        accounts.create_user(
            s, SYSTEM, "atasan.b", "supervisor", PW, unit_codes=["INDUK"], include_subunits=True
        )
    with db.read_session(engine) as s:
        a = s.exec(select(UserAccount).where(UserAccount.username == "atasan.a")).one()
        b = s.exec(select(UserAccount).where(UserAccount.username == "atasan.b")).one()
        assert accounts.scope_of(s, a) == Scope.units([ids[0]])
        assert accounts.scope_of(s, b) == Scope.units(ids)


def test_admin_ends_someones_sessions(engine: Engine) -> None:
    user_id, token = _setup(engine)
    with db.write_session(engine) as s:
        second = accounts.login(s, "orang", PW, now=T0).token
    assert second
    with db.write_session(engine) as s:
        assert account_admin.end_user_sessions(s, ADMIN, user_id, now=T0) == 2
    assert _resolve(engine, token, T0 + timedelta(seconds=1)) is None
    assert _resolve(engine, second, T0 + timedelta(seconds=1)) is None
    with db.read_session(engine) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "akun.akhiri_sesi")).one()
    assert entry.actor == "cli:uji" and entry.entity_id == str(user_id)
    # The account itself still works: a new login opens a new session.
    with db.write_session(engine) as s:
        assert accounts.login(s, "orang", PW, now=T0 + timedelta(seconds=2)).ok


def test_changing_own_password_ends_the_other_sessions_only(engine: Engine) -> None:
    _, here = _setup(engine)
    with db.write_session(engine) as s:
        elsewhere = accounts.login(s, "orang", PW, now=T0).token
    assert elsewhere
    me = _resolve(engine, here, T0)
    assert me is not None
    new = "sandi-baru-yang-panjang"
    with db.write_session(engine) as s:
        result = accounts.change_own_password(s, me, here, PW, new, new, now=T0)
    assert result.ok and result.sessions_ended == 1
    assert _resolve(engine, here, T0 + timedelta(seconds=1)) is not None
    assert _resolve(engine, elsewhere, T0 + timedelta(seconds=1)) is None
    with db.write_session(engine) as s:
        assert not accounts.login(s, "orang", PW).ok
        assert accounts.login(s, "orang", new).ok


def test_wrong_old_password_is_refused_and_counted(engine: Engine) -> None:
    _, token = _setup(engine)
    me = _resolve(engine, token, T0)
    assert me is not None
    for _ in range(accounts.MAX_FAILURES):
        with db.write_session(engine) as s:
            result = accounts.change_own_password(
                s, me, token, "tebak-tebak-saja", "sandi-baru-panjang", "sandi-baru-panjang", T0
            )
        assert not result.ok
    with db.write_session(engine) as s:
        # Locked now: even the right old password is refused until the lock ends.
        result = accounts.change_own_password(
            s, me, token, PW, "sandi-baru-panjang", "sandi-baru-panjang", T0
        )
    assert not result.ok
    with db.write_session(engine) as s:
        assert not accounts.login(s, "orang", PW, now=T0).ok


def test_logout_ends_the_session_and_is_audited(engine: Engine) -> None:
    _, token = _setup(engine)
    with db.write_session(engine) as s:
        accounts.logout(s, token, now=T0)
    assert _resolve(engine, token, T0) is None
    with db.read_session(engine) as s:
        assert s.exec(select(UserSession)).one().end_reason == "keluar"
        actions = s.exec(select(AuditEntry.action).order_by(col(AuditEntry.id))).all()
    assert actions[-1] == "logout"


def test_only_the_token_hash_is_stored(engine: Engine) -> None:
    _, token = _setup(engine)
    with db.read_session(engine) as s:
        stored = s.exec(select(UserSession)).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
