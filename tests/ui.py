"""Driving pages in tests with streamlit.testing.v1.AppTest, logged in as a given role.

    at = app_for(engine, "supervisor", units=["DISKOMINFO"], page="pages/ringkasan.py")
    at.run()

The account and its session are created in the test database; the token goes into the
AppTest's session state exactly as the login page would put it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

import db
from ekinerja import accounts
from ekinerja.audit import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
TEST_PASSWORD = "kata-sandi-uji-panjang"


def login_token(
    engine: Engine, role: str, units: list[str] | None = None, username: str | None = None
) -> str:
    name = username or f"uji-{role}"
    with db.write_session(engine) as session:
        from sqlmodel import select

        from ekinerja.models import UserAccount

        if session.exec(select(UserAccount).where(UserAccount.username == name)).first() is None:
            accounts.create_user(session, SYSTEM, name, role, TEST_PASSWORD, unit_codes=units)
        result = accounts.login(session, name, TEST_PASSWORD)
    assert result.ok and result.token
    return result.token


def app_for(
    engine: Engine,
    role: str,
    units: list[str] | None = None,
    page: str | None = None,
    username: str | None = None,
    timeout: float = 60,
) -> AppTest:
    """An AppTest of dashboard.py on `engine`, logged in, optionally switched to a page."""
    os.environ["DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    # Tests never build the demo dataset implicitly.
    os.environ["EKINERJA_MODE"] = "production"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    at.session_state["auth_token"] = login_token(engine, role, units, username)
    if page:
        at.switch_page(page)
    return at
