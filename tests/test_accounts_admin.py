"""Account management by admins: audited, version-checked, never leaving the city without an
admin, and refused to everybody else. Also the first-run setup of a production database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

import db
from ekinerja import account_admin, accounts
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount, UserUnit
from ekinerja.texts import accounts as t
from ekinerja.validation import ValidationError
from tests import factories as f

PW = "sandi-yang-cukup-panjang"


@pytest.fixture
def admin(engine: Engine) -> Viewer:
    with db.write_session(engine) as s:
        user = accounts.create_user(s, SYSTEM, "admin.satu", "admin", PW)
        f.unit(s, "DINKES")
        f.unit(s, "BAPPEDA")
        return accounts.viewer_for(s, user)


def _user(engine: Engine, name: str) -> UserAccount:
    with db.read_session(engine) as s:
        return s.exec(select(UserAccount).where(UserAccount.username == name)).one()


def _unit_id(engine: Engine, code: str) -> int:
    from ekinerja.models import Unit

    with db.read_session(engine) as s:
        unit_id = s.exec(select(Unit.id).where(Unit.code == code)).one()
        assert unit_id is not None
        return unit_id


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with db.read_session(engine) as s:
        return list(
            s.exec(
                select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))
            ).all()
        )


def _create(engine: Engine, admin: Viewer, name: str, role: str, **kw: object) -> str | None:
    with db.write_session(engine) as s:
        _, temp = account_admin.create_account(
            s,
            admin,
            username=name,
            display_name=kw.pop("display_name", name),
            role=role,
            **kw,  # type: ignore[arg-type]
        )
    return temp


def test_created_account_gets_a_temporary_password_it_must_change(
    engine: Engine, admin: Viewer
) -> None:
    temp = _create(engine, admin, "Sdm.Dua", "hr")
    assert temp is not None and len(temp) >= accounts.MIN_PASSWORD
    with db.write_session(engine) as s:
        result = accounts.login(s, "sdm.dua", temp)
        viewer = accounts.resolve(s, result.token)
    assert viewer is not None and viewer.must_change_password
    entry = _audit(engine, "akun.buat")[-1]
    assert entry.actor == "admin.satu"
    after = json.loads(entry.after or "{}")
    assert after["role"] == "hr" and after["password"] is True
    # No names in the audit body: entries outlive the people they are about.
    assert "sdm.dua" not in (entry.after or "") and temp not in (entry.after or "")


def test_supervisor_needs_a_unit_and_other_roles_take_none(engine: Engine, admin: Viewer) -> None:
    with pytest.raises(ValidationError, match="minimal satu unit"):
        _create(engine, admin, "atasan.x", "supervisor")
    with pytest.raises(ValidationError, match="Hanya akun atasan"):
        _create(engine, admin, "sdm.x", "hr", unit_ids=[_unit_id(engine, "DINKES")])
    with pytest.raises(ValidationError, match="unit yang tidak dikenal"):
        _create(engine, admin, "atasan.y", "supervisor", unit_ids=[999_999])
    _create(engine, admin, "atasan.z", "supervisor", unit_ids=[_unit_id(engine, "DINKES")])
    with db.read_session(engine) as s:
        assert len(s.exec(select(UserUnit)).all()) == 1


def test_sso_only_account_has_no_password(engine: Engine, admin: Viewer) -> None:
    temp = _create(
        engine, admin, "auditor.sso", "auditor", sso_email="Auditor@MadiunKota.go.id",
        with_password=False,
    )  # fmt: skip
    assert temp is None
    user = _user(engine, "auditor.sso")
    assert user.password_hash is None and user.oidc_email == "auditor@madiunkota.go.id"


def test_only_admins_manage_accounts(engine: Engine, admin: Viewer) -> None:
    _create(engine, admin, "sdm.dua", "hr")
    target = _user(engine, "sdm.dua")
    assert target.id is not None
    for role in ("hr", "supervisor", "auditor"):
        other = Viewer(f"x.{role}", role)
        with db.write_session(engine) as s:
            with pytest.raises(PermissionDenied):
                account_admin.list_accounts(s, other)
            with pytest.raises(PermissionDenied):
                account_admin.create_account(
                    s, other, username="baru", display_name="Baru", role="admin"
                )
            with pytest.raises(PermissionDenied):
                account_admin.set_active(s, other, target.id, target.version, False, "x")
            with pytest.raises(PermissionDenied):
                account_admin.reset_password(s, other, target.id, target.version)
            with pytest.raises(PermissionDenied):
                account_admin.end_user_sessions(s, other, target.id)
            with pytest.raises(PermissionDenied):
                account_admin.edit_account(
                    s, other, target.id, target.version, display_name="X", role="admin",
                    unit_ids=[], include_subunits=False, sso_email=None,
                )  # fmt: skip


def test_stale_version_is_refused_and_nothing_is_written(engine: Engine, admin: Viewer) -> None:
    _create(engine, admin, "sdm.dua", "hr")
    loaded = _user(engine, "sdm.dua")
    assert loaded.id is not None
    # Admin B saves first...
    with db.write_session(engine) as s:
        account_admin.edit_account(
            s, Viewer("admin.b", "admin"), loaded.id, loaded.version, display_name="Versi B",
            role="auditor", unit_ids=[], include_subunits=False, sso_email=None,
        )  # fmt: skip
    audits_before = len(_audit(engine, "akun.ubah"))
    # ...then admin A submits the form loaded before B's save.
    with db.write_session(engine) as s, pytest.raises(ValidationError, match="diubah orang lain"):
        account_admin.edit_account(
            s, admin, loaded.id, loaded.version, display_name="Versi A", role="hr",
            unit_ids=[], include_subunits=False, sso_email=None,
        )  # fmt: skip
    for action in (
        lambda s: account_admin.set_active(s, admin, loaded.id, loaded.version, False, "x"),
        lambda s: account_admin.reset_password(s, admin, loaded.id, loaded.version),
        lambda s: account_admin.unlock(s, admin, loaded.id, loaded.version),
    ):
        with db.write_session(engine) as s, pytest.raises(ValidationError):
            action(s)
    now = _user(engine, "sdm.dua")
    assert (now.display_name, now.role, now.active) == ("Versi B", "auditor", True)
    assert now.version == loaded.version + 1
    assert len(_audit(engine, "akun.ubah")) == audits_before


def test_double_submitted_save_applies_once(engine: Engine, admin: Viewer) -> None:
    _create(engine, admin, "sdm.dua", "hr")
    loaded = _user(engine, "sdm.dua")
    assert loaded.id is not None

    def save() -> None:
        with db.write_session(engine) as s:
            account_admin.set_active(s, admin, loaded.id, loaded.version, False, "mutasi")

    save()
    with pytest.raises(ValidationError):
        save()
    assert len(_audit(engine, "akun.nonaktifkan")) == 1


def test_admin_cannot_disable_or_demote_themselves(engine: Engine, admin: Viewer) -> None:
    assert admin.user_id is not None
    me = _user(engine, "admin.satu")
    with db.write_session(engine) as s, pytest.raises(ValidationError, match=t.NOT_SELF[:20]):
        account_admin.set_active(s, admin, admin.user_id, me.version, False, "iseng")
    with db.write_session(engine) as s, pytest.raises(ValidationError, match=t.NOT_SELF[:20]):
        account_admin.edit_account(
            s, admin, admin.user_id, me.version, display_name="X", role="hr", unit_ids=[],
            include_subunits=False, sso_email=None,
        )  # fmt: skip
    # Changing one's own display name is fine.
    with db.write_session(engine) as s:
        account_admin.edit_account(
            s, admin, admin.user_id, me.version, display_name="Admin Kota", role="admin",
            unit_ids=[], include_subunits=False, sso_email=None,
        )  # fmt: skip


def test_last_active_admin_cannot_be_disabled_or_demoted(engine: Engine, admin: Viewer) -> None:
    operator = Viewer("cli:root", "admin")  # the CLI has no account of its own
    me = _user(engine, "admin.satu")
    assert me.id is not None
    with db.write_session(engine) as s, pytest.raises(ValidationError, match="minimal satu admin"):
        account_admin.set_active(s, operator, me.id, me.version, False, "x")
    with db.write_session(engine) as s, pytest.raises(ValidationError, match="minimal satu admin"):
        account_admin.edit_account(
            s, operator, me.id, me.version, display_name="X", role="auditor", unit_ids=[],
            include_subunits=False, sso_email=None,
        )  # fmt: skip
    _create(engine, admin, "admin.dua", "admin")
    with db.write_session(engine) as s:
        account_admin.set_active(s, operator, me.id, me.version, False, "pensiun")
    assert not _user(engine, "admin.satu").active


def test_disable_needs_a_reason_and_enable_restores(engine: Engine, admin: Viewer) -> None:
    _create(engine, admin, "sdm.dua", "hr")
    user = _user(engine, "sdm.dua")
    assert user.id is not None
    with db.write_session(engine) as s, pytest.raises(ValidationError, match="Alasan"):
        account_admin.set_active(s, admin, user.id, user.version, False, "  ")
    with db.write_session(engine) as s:
        account_admin.set_active(s, admin, user.id, user.version, False, "mutasi ke provinsi")
        account_admin.set_active(s, admin, user.id, user.version + 1, True)
    assert _user(engine, "sdm.dua").active
    entry = _audit(engine, "akun.nonaktifkan")[-1]
    assert entry.reason == "mutasi ke provinsi"
    assert json.loads(entry.before or "{}") == {"active": True}


def test_reset_password_ends_sessions_lifts_lock_and_forces_change(
    engine: Engine, admin: Viewer
) -> None:
    temp = _create(engine, admin, "sdm.dua", "hr")
    assert temp
    with db.write_session(engine) as s:
        token = accounts.login(s, "sdm.dua", temp).token
        for _ in range(accounts.MAX_FAILURES):
            accounts.login(s, "sdm.dua", "salah-salah-salah")
    user = _user(engine, "sdm.dua")
    assert user.id is not None and user.locked_until is not None
    with db.write_session(engine) as s:
        new_temp = account_admin.reset_password(s, admin, user.id, user.version)
    with db.write_session(engine) as s:
        assert accounts.resolve(s, token) is None
        assert not accounts.login(s, "sdm.dua", temp).ok
        again = accounts.login(s, "sdm.dua", new_temp)
        viewer = accounts.resolve(s, again.token)
    assert again.ok and viewer is not None and viewer.must_change_password
    with db.write_session(engine) as s:
        changed = accounts.change_own_password(
            s, viewer, again.token, new_temp, "sandi-pilihan-sendiri", "sandi-pilihan-sendiri"
        )
        assert changed.ok
        after = accounts.resolve(s, again.token)
    assert after is not None and not after.must_change_password


def test_unlock_lets_the_right_password_in_at_once(engine: Engine, admin: Viewer) -> None:
    temp = _create(engine, admin, "sdm.dua", "hr")
    assert temp
    with db.write_session(engine) as s:
        for _ in range(accounts.MAX_FAILURES):
            accounts.login(s, "sdm.dua", "salah-salah-salah")
        assert not accounts.login(s, "sdm.dua", temp).ok
    user = _user(engine, "sdm.dua")
    assert user.id is not None
    with db.read_session(engine) as s:
        assert [r.locked for r in account_admin.list_accounts(s, admin) if r.id == user.id] == [
            True
        ]
    with db.write_session(engine) as s:
        account_admin.unlock(s, admin, user.id, user.version)
    with db.write_session(engine) as s:
        assert accounts.login(s, "sdm.dua", temp).ok


def test_sso_email_must_be_unique_and_a_new_one_unbinds(engine: Engine, admin: Viewer) -> None:
    _create(engine, admin, "a.sso", "auditor", sso_email="a@kota.go.id", with_password=False)
    with pytest.raises(ValidationError, match="Email SSO itu sudah dipakai"):
        _create(engine, admin, "b.sso", "auditor", sso_email="A@kota.go.id", with_password=False)
    with pytest.raises(ValidationError, match="email"):
        _create(engine, admin, "c.sso", "auditor", sso_email="bukan email", with_password=False)
    with db.write_session(engine) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "a.sso")).one()
        user.oidc_subject = "https://idp#123"
        s.add(user)
    user = _user(engine, "a.sso")
    assert user.id is not None
    with db.write_session(engine) as s:
        account_admin.edit_account(
            s, admin, user.id, user.version, display_name="A", role="auditor", unit_ids=[],
            include_subunits=False, sso_email="a.baru@kota.go.id",
        )  # fmt: skip
    assert _user(engine, "a.sso").oidc_subject is None


def test_list_shows_scope_sessions_and_no_secrets(engine: Engine, admin: Viewer) -> None:
    _create(
        engine, admin, "atasan.satu", "supervisor",
        unit_ids=[_unit_id(engine, "DINKES"), _unit_id(engine, "BAPPEDA")], include_subunits=True,
    )  # fmt: skip
    with db.read_session(engine) as s:
        rows = account_admin.list_accounts(s, admin)
    frame = account_admin.accounts_frame(rows)
    assert list(frame[t.COL_USERNAME]) == ["admin.satu", "atasan.satu"]
    assert frame[t.COL_UNITS].tolist() == [t.ALL_UNITS, "BAPPEDA, DINKES" + t.WITH_SUBUNITS]
    text = frame.to_csv()
    assert "$argon2" not in text


# --- first run ------------------------------------------------------------------------------


def test_first_admin_needs_the_setup_code(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EKINERJA_SETUP_CODE", raising=False)
    code = account_admin.setup_code()
    assert account_admin.setup_code() == code  # stable until used
    with db.write_session(sqlite_engine) as s, pytest.raises(ValidationError, match="Kode"):
        account_admin.create_first_admin(
            s, code="tebakan", username="admin", display_name="Admin", password=PW, confirm=PW
        )
    with db.write_session(sqlite_engine) as s:
        account_admin.create_first_admin(
            s, code=f" {code} ", username="Admin", display_name="Admin", password=PW, confirm=PW
        )
    with db.read_session(sqlite_engine) as s:
        assert accounts.has_any_admin(s)
    assert _audit(sqlite_engine, "penyiapan.admin_pertama")
    # Once an admin exists the setup refuses, whatever the code.
    with db.write_session(sqlite_engine) as s, pytest.raises(ValidationError, match="sudah"):
        account_admin.create_first_admin(
            s, code=account_admin.setup_code(), username="admin2", display_name="X",
            password=PW, confirm=PW,
        )  # fmt: skip


def test_setup_code_is_replaced_after_repeated_wrong_guesses(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EKINERJA_SETUP_CODE", raising=False)
    first = account_admin.setup_code()
    for _ in range(account_admin.SETUP_MAX_FAILURES):
        with db.write_session(sqlite_engine) as s, pytest.raises(ValidationError):
            account_admin.create_first_admin(
                s, code="salah", username="admin", display_name="A", password=PW, confirm=PW
            )
    assert account_admin.setup_code() != first


def test_setup_code_from_the_environment(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EKINERJA_SETUP_CODE", "kode-dari-operator")
    with db.write_session(sqlite_engine) as s:
        account_admin.create_first_admin(
            s, code="kode-dari-operator", username="admin", display_name="A", password=PW,
            confirm=PW,
        )  # fmt: skip
    assert _user(sqlite_engine, "admin").role == "admin"
