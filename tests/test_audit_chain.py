"""The audit trail: append-only in the database, and tampering found at the first bad entry.

To tamper, the tests act as an attacker with direct access to the database: on SQLite they drop
the append-only triggers first, on PostgreSQL they disable them (ALTER TABLE ... DISABLE TRIGGER).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

import db
from ekinerja import audit
from ekinerja.audit import Actor
from ekinerja.cli import main
from ekinerja.governance import audit_log
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError
from tests.governance_support import ADMIN, AUDITOR

ACTORS = ["budi", "a%b", "axb", "ani_1", "anix1"]


def _seed(engine: Engine) -> list[str]:
    """Five entries #1..#5 (one transaction each); returns their hashes."""
    hashes = []
    for i, name in enumerate(ACTORS, start=1):
        with db.write_session(engine) as s:
            entry = audit.record(s, Actor(name, "admin"), "data.koreksi", "punch", i,
                                 before={"direction": "in"}, after={"direction": "out"},
                                 reason=f"alasan {i}")  # fmt: skip
            hashes.append(entry.hash)
    return hashes


def _as_attacker(engine: Engine, change: Callable[[Connection], None]) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_entry_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        change(conn)


def _rehash_from(conn: Connection, first: int) -> None:
    """What a careful attacker does after an edit: recompute every hash from `first` on."""
    from sqlmodel import Session, select

    from ekinerja.models import AuditEntry

    with Session(bind=conn) as s:
        rows = s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        prev = audit.GENESIS
        for row in rows:
            if row.id >= first:
                row.prev_hash = prev
                row.hash = audit.entry_hash(row, prev)
                s.add(row)
            prev = row.hash
        s.flush()


def _swap(conn: Connection) -> None:
    cols = "ts, actor, role, action, entity, entity_id, before, after, reason, prev_hash, hash"
    two = conn.exec_driver_sql(f"SELECT {cols} FROM audit_entry WHERE id = 2").one()
    three = conn.exec_driver_sql(f"SELECT {cols} FROM audit_entry WHERE id = 3").one()
    sets = ", ".join(f"{c.strip()} = :{c.strip()}" for c in cols.split(","))
    # Park #2's unique hash first so the two rows can trade places.
    conn.execute(text("UPDATE audit_entry SET hash = 'x' WHERE id = 2"))
    conn.execute(text(f"UPDATE audit_entry SET {sets} WHERE id = 3"), two._asdict())
    conn.execute(text(f"UPDATE audit_entry SET {sets} WHERE id = 2"), three._asdict())


TAMPERING: list[tuple[str, Callable[[Connection], None], bool, int, str]] = [
    ("edit a reason", lambda c: c.exec_driver_sql(
        "UPDATE audit_entry SET reason = 'tidak ada' WHERE id = 3"), False, 3, "tidak cocok"),
    ("edit and rehash that entry", lambda c: (c.exec_driver_sql(
        "UPDATE audit_entry SET after = '{}' WHERE id = 3"), _rehash_one(c, 3)), False, 4,
     "rantai hash terputus"),
    ("delete an entry", lambda c: c.exec_driver_sql("DELETE FROM audit_entry WHERE id = 3"),
     False, 3, "entri #3 hilang"),
    ("swap two entries", _swap, False, 2, "rantai hash terputus"),
    ("truncate the tail (with the noted head)", lambda c: c.exec_driver_sql(
        "DELETE FROM audit_entry WHERE id >= 4"), True, 4, "sampai #5 hilang"),
    ("empty the table (with the noted head)", lambda c: c.exec_driver_sql(
        "DELETE FROM audit_entry"), True, 1, "entri #1 sampai #5 hilang"),
    ("rewrite and rehash the whole chain (with the noted head)", lambda c: (c.exec_driver_sql(
        "UPDATE audit_entry SET reason = 'dipalsukan' WHERE id = 2"), _rehash_from(c, 2)), True, 5,
     "berbeda dari kepala"),
]  # fmt: skip


def _rehash_one(conn: Connection, entry_id: int) -> None:
    from sqlmodel import Session

    from ekinerja.models import AuditEntry

    with Session(bind=conn) as s:
        row = s.get(AuditEntry, entry_id)
        assert row is not None
        row.hash = audit.entry_hash(row, row.prev_hash)
        s.add(row)
        s.flush()


@pytest.mark.parametrize(
    ("case", "change", "anchored", "first_bad", "problem"), TAMPERING, ids=[t[0] for t in TAMPERING]
)
def test_tampering_is_found_at_the_first_bad_entry(
    engine: Engine, case: str, change: Callable[[Connection], None], anchored: bool,
    first_bad: int, problem: str,
) -> None:  # fmt: skip
    hashes = _seed(engine)
    with db.read_session(engine) as s:
        assert audit.verify(s, (5, hashes[-1])) == audit.VerifyResult(True, 5)
    _as_attacker(engine, change)
    with db.read_session(engine) as s:
        result = audit.verify(s, (5, hashes[-1]) if anchored else None)
    assert (result.ok, result.first_bad_id) == (False, first_bad)
    assert problem in (result.problem or "")


def test_truncate_on_postgresql_is_found_with_the_noted_head(pg_engine: Engine) -> None:
    hashes = _seed(pg_engine)
    _as_attacker(pg_engine, lambda c: c.exec_driver_sql("TRUNCATE audit_entry"))
    with db.read_session(pg_engine) as s:
        assert audit.verify(s).ok  # the chain alone cannot see it ...
        result = audit.verify(s, (5, hashes[-1]))  # ... the head noted elsewhere can
    assert (result.ok, result.first_bad_id) == (False, 1)


APPEND_ONLY = [
    ("update", "UPDATE audit_entry SET reason = 'x' WHERE id = 1"),
    ("delete", "DELETE FROM audit_entry WHERE id = 1"),
]


@pytest.mark.parametrize(("case", "sql"), APPEND_ONLY, ids=[c[0] for c in APPEND_ONLY])
def test_the_database_refuses_changes_to_audit_entries(engine: Engine, case: str, sql: str) -> None:
    _seed(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.exec_driver_sql(sql)
    with db.read_session(engine) as s:
        assert audit.verify(s).ok


def test_postgresql_refuses_truncate(pg_engine: Engine) -> None:
    _seed(pg_engine)
    with pytest.raises(DBAPIError, match="append-only"), pg_engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE audit_entry")


def test_cli_verify_and_head(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    hashes = _seed(engine)
    assert main(["audit", "head"]) == 0
    assert capsys.readouterr().out.strip() == f"5:{hashes[-1]}"
    assert main(["audit", "verify", "--kepala", f"5:{hashes[-1]}"]) == 0
    assert "5 entri diperiksa" in capsys.readouterr().out
    _as_attacker(
        engine, lambda c: c.exec_driver_sql("UPDATE audit_entry SET actor = 'x' WHERE id = 2")
    )
    assert main(["audit", "verify"]) == 1
    assert "RUSAK pada entri #2" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", "verify", "--kepala", "5:bukan-hash"])
    assert exit_info.value.code == 2


SEARCHES: list[tuple[str, dict[str, object], list[str]]] = [
    ("percent is literal", {"actor": "%"}, ["a%b"]),
    ("underscore is literal", {"actor": "_"}, ["ani_1"]),
    ("contains, any case", {"actor": "ANI"}, ["anix1", "ani_1"]),
    ("exact entity id", {"entity_id": "3"}, ["axb"]),
    ("reason contains", {"reason": "alasan 1"}, ["budi"]),
    ("today in WIB", {"start": today_wib(), "end": today_wib()}, list(reversed(ACTORS))),
    ("before today finds nothing", {"end": today_wib() - timedelta(days=1)}, []),
    ("SQL in a filter is just text", {"actor": "' OR 1=1 --"}, []),
]  # fmt: skip


@pytest.mark.parametrize(("case", "filters", "actors"), SEARCHES, ids=[c[0] for c in SEARCHES])
def test_audit_search_filters(
    engine: Engine, case: str, filters: dict[str, object], actors: list[str]
) -> None:
    _seed(engine)
    with db.read_session(engine) as s:
        found = audit_log.search(s, AUDITOR, filters)
    assert list(found["actor"]) == actors


def test_audit_search_refuses_fields_outside_the_allow_list(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="tidak dikenal"), db.read_session(engine) as s:
        audit_log.search(s, ADMIN, {"hash": "x"})


def test_only_admins_and_auditors_see_the_audit_trail(engine: Engine) -> None:
    from ekinerja.access import PermissionDenied, Viewer

    with pytest.raises(PermissionDenied), db.read_session(engine) as s:
        audit_log.search(s, Viewer("sdm", "hr"), {})
