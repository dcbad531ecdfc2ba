"""The audit trail: append-only, hash-chained entries written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_ts", "ts"),
        Index("ix_audit_entity", "entity", "entity_id"),
    )

    # Assigned by ekinerja.audit under a lock, because the id is part of the hashed content.
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    ts: datetime
    actor: str = Field(max_length=100, index=True)
    role: str = Field(max_length=20)
    action: str = Field(max_length=40, index=True)
    entity: str = Field(max_length=40)
    entity_id: str | None = Field(default=None, max_length=64)
    # JSON text. Never holds names or photo hashes: entries outlive erased people.
    before: str | None = None
    after: str | None = None
    reason: str | None = Field(default=None, max_length=2000)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
