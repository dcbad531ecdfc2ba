"""Hostile input (shared/guide/security.md) on the login form and the account fields: nothing is
executed or rendered as markup, nothing leaks, and the messages are clear and fixed."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

import db
from ekinerja import account_admin, accounts, audit
from ekinerja.access import Viewer
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount
from ekinerja.texts import accounts as ta
from ekinerja.validation import ValidationError
from tests import hostile
from tests.ui import ROOT, TEST_PASSWORD, app_for

OPERATOR = Viewer("cli:uji", "admin")
# The login test runs every string; the page-level ones a shorter list keeps AppTest time down.
SHORT = hostile.RENDERING + ("' OR 1=1 --", "a\x00b", "\u202eevil", hostile.HUGE)


@pytest.fixture
def app_db(sqlite_engine: Engine) -> Engine:
    with db.write_session(sqlite_engine) as s:
        accounts.create_user(s, SYSTEM, "admin.kota", "admin", TEST_PASSWORD)
    return sqlite_engine


def _login_app(engine: Engine) -> AppTest:
    os.environ["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    os.environ["EKINERJA_MODE"] = "production"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    return at


def test_login_form_treats_every_hostile_string_as_a_failed_login(app_db: Engine) -> None:
    at = _login_app(app_db)
    for text in hostile.ALL:
        for username, password in ((text, "apa-saja-yang-panjang"), ("admin.kota", text)):
            at.text_input[0].set_value(username)
            at.text_input[1].set_value(password)
            at.button[0].click()
            at.run()
            assert not at.exception, repr(text[:40])
            assert [e.value for e in at.error] == [ta.LOGIN_FAILED], repr(text[:40])
            assert not hostile.markup_leaks(at, text), repr(text[:40])
    # Nothing typed reached the audit trail; the trail is intact.
    with db.read_session(app_db) as s:
        stored = " ".join(
            f"{e.actor} {e.reason} {e.before} {e.after}" for e in s.exec(select(AuditEntry))
        )
        assert audit.verify(s).ok
    for text in hostile.RENDERING + ("' OR 1=1 --",):
        assert text not in stored
    # Ten wrong passwords for admin.kota locked it: the right one is refused for now too.
    with db.write_session(app_db) as s:
        assert not accounts.login(s, "admin.kota", TEST_PASSWORD).ok


def test_sql_like_username_does_not_match_any_account(app_db: Engine) -> None:
    for name in ("' OR 1=1 --", "admin.kota' --", "%", "_", "admin.kot_", "admin%"):
        with db.write_session(app_db) as s:
            assert not accounts.login(s, name, TEST_PASSWORD).ok


# Number-like names are ordinary names: kept as text, never parsed ("0001" is not "1").
PLAIN_NAMES = {"0001": "0001", "1e5": "1e5", "NaN": "nan", "inf": "inf"}


@pytest.mark.parametrize(("text", "stored"), sorted(PLAIN_NAMES.items()))
def test_number_like_usernames_stay_text(app_db: Engine, text: str, stored: str) -> None:
    with db.write_session(app_db) as s:
        user, _ = account_admin.create_account(
            s, OPERATOR, username=text, display_name="X", role="hr"
        )
    assert user.username == stored


@pytest.mark.parametrize("text", [h for h in hostile.ALL if h not in PLAIN_NAMES])
def test_username_field_refuses_hostile_text_with_a_fixed_message(
    app_db: Engine, text: str
) -> None:
    with db.write_session(app_db) as s, pytest.raises(ValidationError) as err:
        account_admin.create_account(s, OPERATOR, username=text, display_name="X", role="hr")
    assert str(err.value) in {ta.USERNAME_LENGTH, ta.USERNAME_CHARS}


@pytest.mark.parametrize("text", hostile.RENDERING + hostile.FORMULAS + ("' OR 1=1 --", "%"))
def test_display_name_keeps_printable_hostile_text_as_data(app_db: Engine, text: str) -> None:
    with db.write_session(app_db) as s:
        account_admin.create_account(s, OPERATOR, username="orang.x", display_name=text, role="hr")
    with db.read_session(app_db) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "orang.x")).one()
    assert user.display_name == text.strip()


@pytest.mark.parametrize(
    "text", ["a\x00b", "\u202eevil", "adm\u200bin", "Budi\n2026-01-01 INFO login", hostile.HUGE]
)
def test_display_name_refuses_invisible_control_and_huge_text(app_db: Engine, text: str) -> None:
    with db.write_session(app_db) as s, pytest.raises(ValidationError) as err:
        account_admin.create_account(s, OPERATOR, username="orang.x", display_name=text, role="hr")
    assert str(err.value) in {ta.DISPLAY_NAME_CONTROL, ta.DISPLAY_NAME_LONG}


@pytest.mark.parametrize("text", hostile.ALL)
def test_sso_email_field_refuses_hostile_text(app_db: Engine, text: str) -> None:
    with db.write_session(app_db) as s, pytest.raises(ValidationError) as err:
        account_admin.create_account(
            s, OPERATOR, username="orang.x", display_name="X", role="auditor", sso_email=text,
            with_password=False,
        )  # fmt: skip
    assert str(err.value) == ta.EMAIL_INVALID


@pytest.mark.parametrize("text", SHORT)
def test_pengguna_form_shows_hostile_text_only_as_text(app_db: Engine, text: str) -> None:
    at = app_for(app_db, "admin", page="pages/pengguna.py")
    at.run()
    at.text_input[0].set_value(f"orang{len(text) % 97}")
    at.text_input[1].set_value(text)  # display name
    at.text_input[2].set_value(text)  # SSO e-mail: refused
    at.button[0].click()
    at.run()
    assert not at.exception
    fixed = {ta.EMAIL_INVALID, ta.DISPLAY_NAME_CONTROL, ta.DISPLAY_NAME_LONG}
    assert len(at.error) == 1 and at.error[0].value in fixed
    assert not hostile.markup_leaks(at, text)
    # Without the bad e-mail the account is created; its name appears in the table, not Markdown.
    at.text_input[0].set_value("orang.baru")
    at.text_input[1].set_value(text)
    at.text_input[2].set_value("")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert not hostile.markup_leaks(at, text)
    if not at.error and len(text) <= 200:  # longer input never reaches the server (max_chars)
        assert any(text in df.value.to_csv() for df in at.dataframe)


@pytest.mark.parametrize("text", hostile.RENDERING)
def test_akun_page_shows_own_hostile_display_name_as_plain_text(app_db: Engine, text: str) -> None:
    at = app_for(app_db, "hr", page="pages/akun.py")
    with db.write_session(app_db) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "uji-hr")).one()
        user.display_name = text
        s.add(user)
    at.run()
    assert not at.exception
    assert not hostile.markup_leaks(at, text)
    assert any(text in t.value for t in at.text)


@pytest.mark.parametrize("text", SHORT)
def test_password_change_with_hostile_text_never_echoes_it(app_db: Engine, text: str) -> None:
    at = app_for(app_db, "hr", page="pages/akun.py")
    at.run()
    old, new, confirm = at.text_input
    old.set_value(TEST_PASSWORD)
    new.set_value(text)
    confirm.set_value(text)
    at.button[0].click()
    at.run()
    assert not at.exception
    assert not hostile.markup_leaks(at, text)
    assert text not in hostile.everything_shown(at)
