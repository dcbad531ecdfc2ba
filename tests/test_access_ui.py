"""The screens of issue #5 through AppTest: navigation per role holds exactly the allowed pages,
the login gate and first-run setup, and account changes reaching an open session on its next run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

import db
from ekinerja import account_admin, accounts, texts
from ekinerja.access import PAGES as PAGE_SPECS
from ekinerja.access import PageSpec, Viewer
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount
from ekinerja.texts import accounts as ta
from tests import factories as f
from tests.test_access_matrix import PAGES
from tests.ui import ROOT, TEST_PASSWORD, app_for, login_token

ROLES = ("admin", "hr", "supervisor", "auditor")
OPERATOR = Viewer("cli:uji", "admin")


def _existing(keys: list[str]) -> list[str]:
    return [k for k in keys if (ROOT / "pages" / f"{k}.py").exists()]


def nav_keys(at: AppTest) -> list[str]:
    """The scripts the last run's st.navigation offered, in order, as page keys.

    Logged out, every page address is an alias of the login form; it counts once.
    """
    stems = [
        Path(str(info["script_path"])).stem
        for info in at._registered_pages.values()
        if info.get("script_path")
    ]
    # The refusal notice answers (hidden) at the addresses of the pages the role may not open.
    return [s for s in dict.fromkeys(stems) if s != "tidak_berwenang"]


def texts_of(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "text", "error", "warning",
                                  "info", "success", "header", "subheader") for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def logged_out_app(engine: Engine) -> AppTest:
    os.environ["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    os.environ["EKINERJA_MODE"] = "production"
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def units(sqlite_engine: Engine) -> Engine:
    with db.write_session(sqlite_engine) as s:
        f.unit(s, "DINKES")
        accounts.create_user(s, SYSTEM, "admin.kota", "admin", TEST_PASSWORD)
    return sqlite_engine


@pytest.mark.parametrize("role", ROLES)
def test_navigation_holds_exactly_the_pages_the_role_may_open(units: Engine, role: str) -> None:
    # Opened on Akun Saya so that the test does not depend on other pages' content.
    at = app_for(units, role, units=["DINKES"] if role == "supervisor" else None,
                 page="pages/akun.py")  # fmt: skip
    at.run()
    assert not at.exception
    expected = _existing([key for key, row in PAGES.items() if row[role]])
    assert nav_keys(at) == expected
    forbidden = _existing([key for key, row in PAGES.items() if not row[role]])
    assert not set(nav_keys(at)) & set(forbidden)


@pytest.mark.parametrize("role", ["hr", "supervisor", "auditor"])
def test_a_forbidden_page_cannot_be_opened_by_url(units: Engine, role: str) -> None:
    at = app_for(units, role, units=["DINKES"] if role == "supervisor" else None,
                 page="pages/pengguna.py")  # fmt: skip
    at.run()
    assert "Pengguna" not in [t.value for t in at.title]
    assert "admin.kota" not in texts_of(at)
    assert not [df for df in at.dataframe if "admin.kota" in df.value.to_csv()]


@pytest.mark.parametrize("role", ["hr", "supervisor", "auditor"])
def test_the_address_of_a_forbidden_page_answers_in_indonesian(units: Engine, role: str) -> None:
    """Not Streamlit's English "page not found": the refusal notice, registered at that path."""
    at = app_for(units, role, units=["DINKES"] if role == "supervisor" else None,
                 page="pages/akun.py")  # fmt: skip
    at.run()
    paths = {
        str(info.get("url_pathname")): Path(str(info["script_path"])).stem
        for info in at._registered_pages.values()
    }
    forbidden = _existing([key for key, row in PAGES.items() if not row[role]])
    assert forbidden and all(paths.get(key) == "tidak_berwenang" for key in forbidden)
    at.switch_page("pages/tidak_berwenang.py")
    at.run()
    assert [t.value for t in at.title] == [ta.NOT_ALLOWED_TITLE]
    assert [e.value for e in at.error] == [ta.NOT_ALLOWED.format(role=texts.ROLE_LABELS[role])]


def test_logged_out_sees_only_the_login_form(units: Engine) -> None:
    at = logged_out_app(units)
    at.run()
    assert not at.exception
    assert nav_keys(at) == ["login"]
    assert [t.label for t in at.text_input] == [ta.LOGIN_USERNAME, ta.LOGIN_PASSWORD]
    # Asking for another page by URL still gets the login form.
    at.switch_page("pages/login.py")
    at.run()
    assert nav_keys(at) == ["login"]


def test_login_form_logs_in_and_a_wrong_password_gets_the_fixed_message(units: Engine) -> None:
    at = logged_out_app(units)
    at.run()
    at.text_input[0].set_value("ADMIN.KOTA ")
    at.text_input[1].set_value("salah-salah-salah")
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == [ta.LOGIN_FAILED]
    at.text_input[1].set_value(TEST_PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "pengguna" in nav_keys(at)


def test_production_without_admin_opens_first_run_setup(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EKINERJA_SETUP_CODE", "kode-penyiapan-uji")
    at = logged_out_app(sqlite_engine)
    at.run()
    assert not at.exception
    assert nav_keys(at) == ["setup", "login"]
    assert ta.SETUP_TITLE in at.title[0].value
    code, username, display, password, confirm = at.text_input
    code.set_value("kode-salah")
    username.set_value("admin")
    display.set_value("Admin Kota")
    password.set_value(TEST_PASSWORD)
    confirm.set_value(TEST_PASSWORD)
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == [ta.SETUP_CODE_WRONG]
    at.text_input[0].set_value("kode-penyiapan-uji")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "pengguna" in nav_keys(at)  # logged in as the new admin
    with db.read_session(sqlite_engine) as s:
        assert accounts.has_any_admin(s)


def test_production_with_an_admin_shows_the_login_form_not_setup(units: Engine) -> None:
    at = logged_out_app(units)
    at.run()
    assert nav_keys(at) == ["login"]


def test_demotion_removes_pages_on_the_next_run(units: Engine) -> None:
    at = app_for(units, "admin", username="admin.dua", page="pages/pengguna.py")
    at.run()
    assert [t.value for t in at.title] == ["Pengguna"]
    with db.write_session(units) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "admin.dua")).one()
        assert user.id is not None
        account_admin.edit_account(
            s, OPERATOR, user.id, user.version, display_name="Dua", role="auditor", unit_ids=[],
            include_subunits=False, sso_email=None,
        )  # fmt: skip
    at.run()
    assert not at.exception
    assert nav_keys(at) == _existing([k for k, row in PAGES.items() if row["auditor"]])
    assert "Pengguna" not in [t.value for t in at.title]


@pytest.mark.parametrize("how", ["disable", "end_sessions"])
def test_disabled_or_ended_session_is_logged_out_on_the_next_run(units: Engine, how: str) -> None:
    at = app_for(units, "hr", page="pages/akun.py")
    at.run()
    assert [t.value for t in at.title] == ["Akun Saya"]
    with db.write_session(units) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "uji-hr")).one()
        assert user.id is not None
        if how == "disable":
            account_admin.set_active(s, OPERATOR, user.id, user.version, False, "uji")
        else:
            account_admin.end_user_sessions(s, OPERATOR, user.id)
    at.run()
    assert not at.exception
    assert nav_keys(at) == ["login"]
    assert ta.SESSION_ENDED in [w.value for w in at.warning]


def test_must_change_password_offers_only_akun_until_changed(units: Engine) -> None:
    with db.write_session(units) as s:
        _, temp = account_admin.create_account(
            s, OPERATOR, username="sdm.baru", display_name="SDM Baru", role="hr"
        )
        assert temp
        token = accounts.login(s, "sdm.baru", temp).token
    os.environ["DATABASE_URL"] = units.url.render_as_string(hide_password=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["auth_token"] = token
    at.run()
    assert nav_keys(at) == ["akun"]
    assert ta.MUST_CHANGE in [w.value for w in at.warning]
    old, new, confirm = at.text_input
    old.set_value(temp)
    new.set_value("sandi-pilihan-sendiri")
    confirm.set_value("sandi-pilihan-sendiri")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert nav_keys(at) == _existing([k for k, row in PAGES.items() if row["hr"]])


def test_pengguna_page_creates_an_account_and_shows_its_password_once(units: Engine) -> None:
    at = app_for(units, "admin", page="pages/pengguna.py")
    at.run()
    at.text_input[0].set_value("Auditor.Baru")
    at.text_input[1].set_value("Auditor Baru")
    at.selectbox[0].set_value("auditor")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Akun dibuat."]
    temp = at.code[0].value
    with db.write_session(units) as s:
        assert accounts.login(s, "auditor.baru", temp).ok


def test_pengguna_page_refuses_a_stale_form(units: Engine) -> None:
    with db.write_session(units) as s:
        accounts.create_user(s, SYSTEM, "sdm.dua", "hr", TEST_PASSWORD)
    at = app_for(units, "admin", page="pages/pengguna.py")
    at.run()
    target = next(i for i, name in enumerate(at.selectbox[-1].options) if name == "sdm.dua")
    at.selectbox[-1].select_index(target)
    at.run()
    # Someone else changes the account after this form was loaded.
    with db.write_session(units) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "sdm.dua")).one()
        assert user.id is not None
        account_admin.edit_account(
            s, OPERATOR, user.id, user.version, display_name="Diubah Orang Lain", role="hr",
            unit_ids=[], include_subunits=False, sso_email=None,
        )  # fmt: skip
    at.run()
    assert ta.STALE_VERSION in [w.value for w in at.warning]
    # The edit form (the second "Nama tampilan" field) still carries the version it was loaded with.
    display = [t for t in at.text_input if t.label == ta.COL_DISPLAY][-1]
    display.set_value("Versi Saya")
    next(b for b in at.button if b.label == "Simpan perubahan").click()
    at.run()
    assert ta.STALE_VERSION in [e.value for e in at.error]
    with db.read_session(units) as s:
        stored = s.exec(select(UserAccount).where(UserAccount.username == "sdm.dua")).one()
    assert stored.display_name == "Diubah Orang Lain"


def test_logout_button_ends_the_session(units: Engine) -> None:
    token = login_token(units, "auditor")
    os.environ["DATABASE_URL"] = units.url.render_as_string(hide_password=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["auth_token"] = token
    at.switch_page("pages/akun.py")
    at.run()
    next(b for b in at.sidebar.button if b.label == ta.LOGOUT).click()
    at.run()
    assert nav_keys(at) == ["login"]
    with db.write_session(units) as s:
        assert accounts.resolve(s, token) is None


@pytest.mark.parametrize("demo", [True, False])
def test_demo_accounts_are_listed_only_on_a_demo_database(
    sqlite_engine: Engine, demo: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from ekinerja.models.settings import set_setting

    with db.write_session(sqlite_engine) as s:
        f.employee(s, f.unit(s, "DINKES"))  # not empty: no demo build
        accounts.create_user(s, SYSTEM, "admin.kota", "admin", TEST_PASSWORD)
        if demo:
            set_setting(s, "demo", "1")
    at = logged_out_app(sqlite_engine)
    monkeypatch.setenv("EKINERJA_MODE", "demo")
    at.run()
    assert not at.exception
    shown = "\n".join(df.value.to_csv() for df in at.dataframe) + " ".join(c.value for c in at.code)
    assert (DEMO_PASSWORD in shown) is demo
    assert all((a.username in shown) is demo for a in DEMO_ACCOUNTS)


@pytest.mark.parametrize("known", [True, False])
def test_sso_identity_opens_a_session_only_for_a_registered_account(
    units: Engine, known: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from pages import sso

    # Authlib (needed by st.login itself) is not installed here; the mapping is what is tested.
    monkeypatch.setattr(sso, "enabled", lambda: True)
    with db.write_session(units) as s:
        accounts.create_user(
            s, SYSTEM, "auditor.sso", "auditor", None, oidc_email="auditor@madiunkota.go.id"
        )
    at = logged_out_app(units)
    at.user = {
        "is_logged_in": True,
        "iss": "https://sso.madiunkota.go.id",
        "sub": "abc-123",
        "email": "auditor@madiunkota.go.id" if known else "tamu@contoh.id",
        "email_verified": True,
        "iat": int(time.time()) - 5,
    }
    at.run()
    assert not at.exception
    if known:
        assert "audit" in nav_keys(at) and "pengguna" not in nav_keys(at)
        assert any("auditor.sso" in c.value for c in at.sidebar.caption)
    else:
        assert nav_keys(at) == ["login"]
        assert ta.SSO_REFUSED in [w.value for w in at.warning]
        at.run()  # a rerun does not audit the same refusal again
        with db.read_session(units) as s:
            refusals = s.exec(
                select(AuditEntry).where(AuditEntry.action == "login.sso_ditolak")
            ).all()
        assert len(refusals) == 1


GUARDS = {"require_viewer", "require_page", "ensure_dashboard"}


def _first_use(path: Path) -> str:
    """'guard' if the page calls a guard before it touches Streamlit, else what came first."""
    import ast

    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        calls = {
            node.func.attr
            for node in ast.walk(stmt)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        if calls & GUARDS:
            return "guard"
        if any(isinstance(node, ast.Name) and node.id == "st" for node in ast.walk(stmt)):
            return f"line {stmt.lineno}"
    return "nothing"


@pytest.mark.parametrize(
    "path",
    [ROOT / p for p in ("pages/login.py", "pages/setup.py", "pages/tidak_berwenang.py")]
    + [ROOT / "pages" / f"{key}.py" for key in _existing(list(PAGES))],
    ids=lambda p: p.stem,
)
def test_every_page_passes_the_gate_before_showing_anything(path: Path) -> None:
    """Streamlit can run a file in pages/ directly (before the first st.navigation call of a
    fresh process); the guard sends that run through dashboard.py's login gate."""
    assert _first_use(path) == "guard"


@pytest.mark.parametrize("spec", PAGE_SPECS, ids=[p.key for p in PAGE_SPECS])
def test_every_page_checks_its_own_key_with_require_page(spec: PageSpec) -> None:
    """require_page also holds back a pending password change; require_viewer alone does not."""
    source = (ROOT / spec.path).read_text(encoding="utf-8")
    assert f'common.require_page("{spec.key}")' in source
