"""Pieces every governance action shares: the reason rule, refusals, and the versioned UPDATE."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, select, update
from sqlmodel import Session, SQLModel

from ekinerja.texts import governance as T
from ekinerja.validation import ValidationError

# Erased people keep their row (other records point at it) with NIP and name replaced.
ANONYMISED_PREFIX = "HAPUS"
# Case numbers ("PDT-17/2026/PN.Mdn", "LHP 700/12/2026") and version labels appear in messages
# and headings: nothing that Markdown would turn into a link, an image or a heading gets in.
SAFE_REF_RE = re.compile(r"[\w .,/:#()\-]+")
REASON_MIN = 5
REASON_MAX = 1000


class NotFound(ValidationError):
    """The record does not exist (any more): it may have been purged."""


class StaleVersion(ValidationError):
    """Someone saved the record after this form loaded it; the newer data is kept."""


def clean_reason(reason: str | None) -> str:
    """Every change needs a reason of a few words; control characters cannot fake log lines."""
    text = unicodedata.normalize("NFKC", reason or "")
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(text) < REASON_MIN:
        raise ValidationError(T.REASON_REQUIRED.format(n=REASON_MIN))
    if len(text) > REASON_MAX:
        raise ValidationError(T.REASON_TOO_LONG.format(n=REASON_MAX))
    return text


def table_of(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


def versioned_update(
    session: Session,
    model: type[SQLModel],
    record_id: int,
    seen_version: int,
    values: Mapping[str, Any],
    label: str,
    *,
    soft_deletable: bool = True,
) -> None:
    """UPDATE one row only if it still has the version the form was loaded with.

    The comparison is in the UPDATE itself, so the database decides between two admins saving
    at once (PostgreSQL re-checks the WHERE after the first one commits; SQLite serialises
    writers). Exactly one row must change; otherwise nothing is written and the caller learns
    why: purged, soft-deleted, or changed by someone else.
    """
    table = table_of(model)
    conditions = [table.c.id == record_id, table.c.version == seen_version]
    if soft_deletable:
        conditions.append(table.c.deleted_at.is_(None))
    stmt = update(table).where(*conditions).values(**values, version=table.c.version + 1)
    result = session.execute(stmt)
    if result.rowcount == 1:  # type: ignore[attr-defined]
        return
    cols = [table.c.version] + ([table.c.deleted_at] if soft_deletable else [])
    current = session.execute(select(*cols).where(table.c.id == record_id)).first()
    if current is None:
        raise NotFound(T.NOT_FOUND.format(entity=label, id=record_id))
    if soft_deletable and current[1] is not None:
        raise ValidationError(T.ALREADY_DELETED.format(entity=label, id=record_id))
    raise StaleVersion(
        T.STALE.format(entity=label, id=record_id, current=current[0], seen=seen_version)
    )


def redact(value: Any, free_text: bool) -> Any:
    """Free text may name people, and audit entries outlive erased people: keep only its length."""
    if free_text and value is not None:
        return {"teks_disamarkan": True, "panjang": len(str(value))}
    return value
