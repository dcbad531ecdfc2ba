"""Shared Streamlit helpers for every page: engine, logged-in viewer, messages, caching rules.

Pages stay thin: they call into ekinerja/ with the Viewer from `viewer()`, which is resolved on
the server at every run from the session token (never from a widget or the URL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

import db
from ekinerja import access, accounts, texts
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.config import database_url
from ekinerja.models.settings import get_setting
from ekinerja.validation import ValidationError

T = TypeVar("T")
TOKEN_KEY = "auth_token"
# Bounds for st.cache_data everywhere: entries are shared by all users, so keep them few and short.
CACHE_TTL = 300
CACHE_MAX = 64

_build_lock = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=4)
def _engine_for(url: str) -> Engine:
    eng = db.get_engine(url)
    db.upgrade(eng)
    return eng


def engine() -> Engine:
    """The one engine of this process for the configured URL, upgraded on first use."""
    return _engine_for(database_url())


def build_lock() -> threading.Lock:
    return _build_lock


def is_demo() -> bool:
    with db.read_session(engine()) as session:
        return get_setting(session, "demo") == "1"


def viewer() -> Viewer | None:
    """Resolve the session token to a Viewer; None means not logged in (or the session ended)."""
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        return None
    # A plain (deferred) transaction: every click reads, and only the rare bookkeeping write
    # (last seen once a minute, ending an expired session) takes the write lock. With
    # BEGIN IMMEDIATE here, a long import on SQLite would make every click of every user wait.
    v: Viewer | None = None
    with db.read_session(engine()) as session:
        try:
            v = accounts.resolve(session, token)
            # Committing a transaction that only read takes no lock at all.
            session.commit()
        except OperationalError:
            # Another writer holds the database. A lost "last seen" touch is retried on the next
            # click and the viewer stands; a session that was being ended stays refused.
            session.rollback()
    if v is None:
        st.session_state.pop(TOKEN_KEY, None)
    return v


def ensure_dashboard() -> None:
    """Make sure this run went through dashboard.py's login gate and navigation.

    With a pages/ folder beside dashboard.py, Streamlit starts each process in its old
    multipage mode: until some run calls st.navigation, a URL such as /pengguna runs
    pages/pengguna.py directly, without dashboard.py (seen on a fresh server; AppTest starts every
    run that way). Switch the process to st.navigation mode and run dashboard.py within this same
    run (a rerun would drop the click that started it), which runs the page again through the
    login gate and the role's navigation; then end this direct run.
    """
    import runpy

    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    runpy.run_path(str(Path(__file__).resolve().parent.parent / "dashboard.py"))
    st.stop()


def require_viewer() -> Viewer:
    """For page scripts: the viewer, or stop the page (the navigation never shows it anyway)."""
    ensure_dashboard()
    v = viewer()
    if v is None:
        st.warning("Sesi Anda telah berakhir. Silakan masuk kembali.")
        st.stop()
    return v


def require_page(key: str) -> Viewer:
    """For page scripts, first line: the viewer, if their role may open page `key`; else stop.

    Defence in depth: the navigation already leaves out pages a role may not use.
    """
    v = require_viewer()
    allowed = access.can(v.role, f"page:{key}")
    if not allowed or (v.must_change_password and key != "akun"):
        st.error("Anda tidak berwenang membuka halaman ini.")
        st.stop()
    return v


def clear_caches() -> None:
    """After any write: every cached view is rebuilt from the database on the next run."""
    st.cache_data.clear()


def attempt(action: Callable[[], T]) -> T | None:
    """Run a domain action; show a refusal or bad input as an Indonesian message, not a traceback."""
    try:
        return action()
    except (ValidationError, PermissionDenied) as exc:
        st.error(str(exc))
        return None


def demo_banner() -> None:
    if is_demo():
        st.info(texts.DEMO_BANNER, icon=":material/science:")
