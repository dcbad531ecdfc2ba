"""Write and verify the audit trail.

Each entry's hash is SHA-256 over its canonical JSON and the previous entry's hash, so editing,
deleting, swapping or truncating entries breaks the chain at the first entry touched. The
database also refuses UPDATE and DELETE on the table (migration 0002).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from ekinerja.models.audit import AuditEntry
from ekinerja.timeutil import utc_now

GENESIS = "0" * 64
# Any constant works; it only has to be the same for every writer of the audit table.
_PG_LOCK_KEY = 0x45_4B_41_55  # "EKAU"


@dataclass(frozen=True)
class Actor:
    """Who does something: the account name and its role at that moment."""

    name: str
    role: str


SYSTEM = Actor("sistem", "system")


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_json(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default)


def _canonical(entry: AuditEntry) -> bytes:
    body = {
        "id": entry.id,
        "ts": entry.ts.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor,
        "role": entry.role,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    return hashlib.sha256(_canonical(entry) + prev_hash.encode()).hexdigest()


def _lock_chain(session: Session) -> None:
    """Serialise appenders so two transactions never chain onto the same predecessor."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    # SQLite: sessions from db.py begin with BEGIN IMMEDIATE, which already holds the write lock.


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction; it commits or rolls back with the change."""
    _lock_chain(session)
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    prev = last.hash if last else GENESIS
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        ts=utc_now(),
        actor=actor.name,
        role=actor.role,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=to_json(before),
        after=to_json(after),
        reason=reason,
        prev_hash=prev,
        hash="",
    )
    entry.hash = entry_hash(entry, prev)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str | None = None


def _iter_entries(session: Session, batch: int = 5000) -> Iterator[AuditEntry]:
    last_id = 0
    while True:
        rows = session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.id) > last_id)
            .order_by(col(AuditEntry.id))
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def verify(session: Session, anchor: tuple[int, str] | None = None) -> VerifyResult:
    """Walk the chain from the start; report the first entry whose content or link is wrong.

    The chain alone cannot see entries cut off its end (or an emptied table). `anchor` is a head
    (id, hash) noted earlier outside the database (`python -m ekinerja audit head`): that entry
    must still be there, unchanged.
    """
    prev = GENESIS
    expected_id = 1
    checked = 0
    for entry in _iter_entries(session):
        if entry.id != expected_id:
            return VerifyResult(
                False, checked, expected_id, f"entri #{expected_id} hilang (berikutnya #{entry.id})"
            )
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.id, "rantai hash terputus (prev_hash salah)")
        if entry_hash(entry, prev) != entry.hash:
            return VerifyResult(False, checked, entry.id, "isi entri tidak cocok dengan hash-nya")
        if anchor is not None and entry.id == anchor[0] and entry.hash != anchor[1]:
            return VerifyResult(False, checked, entry.id, "hash berbeda dari kepala yang dicatat")
        prev = entry.hash
        expected_id += 1
        checked += 1
    if anchor is not None and anchor[0] >= expected_id:
        return VerifyResult(
            False, checked, expected_id,
            f"entri #{expected_id} sampai #{anchor[0]} hilang (kepala yang dicatat #{anchor[0]})",
        )  # fmt: skip
    return VerifyResult(True, checked)


def parse_anchor(text: str) -> tuple[int, str]:
    """'ID:HASH' as printed by `audit head`."""
    number, _, digest = text.strip().partition(":")
    if (
        not number.isdigit()
        or len(digest) != 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise ValueError("kepala audit harus berbentuk ID:HASH (64 digit heksadesimal)")
    return int(number), digest


def chain_head(session: Session) -> tuple[int, str]:
    """The id and hash of the newest entry; kept outside the database it detects truncation."""
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    return (last.id, last.hash) if last else (0, GENESIS)
