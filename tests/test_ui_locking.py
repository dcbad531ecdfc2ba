"""Clicks keep working while another writer holds the SQLite database (a long import, a purge).

Resolving the logged-in viewer must not take the write lock on every run: with BEGIN IMMEDIATE
there, every click of every user would wait for the busy timeout and then fail.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import Engine

import db
from tests import factories as f
from tests.ui import app_for


def test_a_page_renders_while_another_connection_holds_the_write_lock(
    sqlite_engine: Engine,
) -> None:
    with db.write_session(sqlite_engine) as session:
        unit = f.unit(session, "DISKOMINFO", name="Dinas Komunikasi dan Informatika")
        f.employee(session, unit)
    at = app_for(sqlite_engine, "admin", page="pages/kebijakan.py")
    path = sqlite_engine.url.database
    assert path
    writer = sqlite3.connect(path, isolation_level=None, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO app_setting (key, value, updated_at) VALUES ('kunci', 'x', '2026-11-29 00:00:00.000000')"
        )
        started = time.monotonic()
        at.run()
        elapsed = time.monotonic() - started
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Kebijakan Data"]
    # Far below the 15 s busy timeout: the run never waited for the lock.
    assert elapsed < 10
