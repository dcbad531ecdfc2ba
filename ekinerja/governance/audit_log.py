"""Searching and verifying the audit trail for the Audit page (admins and auditors).

Filters are an allow-list (field -> how it compares): free text only ever reaches SQL as a bound
LIKE pattern with its wildcards escaped, so searching for "%" finds a percent sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from ekinerja import audit, texts
from ekinerja.access import Viewer, require
from ekinerja.governance.common import table_of
from ekinerja.governance.records import LIKE_ESCAPE, like_contains
from ekinerja.models import AuditEntry
from ekinerja.texts import governance as T
from ekinerja.timeutil import WIB, wib_to_utc
from ekinerja.validation import ValidationError

SEARCH_LIMIT = 1000
ROLE_WORDS = {**texts.ROLE_LABELS, "system": "Sistem", "anonim": "Tidak dikenal"}
# field -> operator: "contains" (escaped LIKE), "equals", "from"/"to" (WIB days, inclusive).
FILTERS: dict[str, str] = {
    "actor": "contains",
    "action": "equals",
    "entity": "equals",
    "entity_id": "equals",
    "reason": "contains",
    "start": "from",
    "end": "to",
}


def _condition(name: str, value: Any) -> ColumnElement[bool]:
    a = table_of(AuditEntry)
    operator = FILTERS[name]
    if operator == "contains":
        return a.c[name].ilike(like_contains(str(value)), escape=LIKE_ESCAPE)
    if operator == "equals":
        return a.c[name] == str(value)
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    if operator == "from":
        return a.c.ts >= wib_to_utc(day, time.min)
    return a.c.ts < wib_to_utc(day + timedelta(days=1), time.min)


def search(
    session: Session, viewer: Viewer, filters: Mapping[str, Any], limit: int = SEARCH_LIMIT
) -> pd.DataFrame:
    """Entries matching every given filter, newest first, times in WIB."""
    require(viewer, "audit.view")
    a = table_of(AuditEntry)
    conditions = []
    for name, value in filters.items():
        if name not in FILTERS:
            raise ValidationError(T.AUDIT_BAD_FILTER.format(name=str(name)[:30]))
        if value is None or value == "":
            continue
        try:
            conditions.append(_condition(name, value))
        except ValueError as exc:
            raise ValidationError(f"Tanggal tidak sah: {str(value)[:20]!r}.") from exc
    stmt = (
        select(a.c.id, a.c.ts, a.c.actor, a.c.role, a.c.action, a.c.entity, a.c.entity_id,
               a.c.reason, a.c.before, a.c.after)
        .where(*conditions)
        .order_by(a.c.id.desc())
        .limit(max(1, min(limit, 10_000)))
    )  # fmt: skip
    frame = pd.read_sql(stmt, session.connection())
    for name in ("entity_id", "reason", "before", "after"):
        frame[name] = frame[name].fillna("")
    frame["role"] = frame["role"].map(ROLE_WORDS).fillna(frame["role"])
    frame["ts"] = pd.to_datetime(frame["ts"], utc=True).dt.tz_convert(WIB).dt.tz_localize(None)
    return frame.set_index("id")


def choices(session: Session, viewer: Viewer) -> tuple[list[str], list[str]]:
    """The actions and entities present, for the page's select boxes."""
    require(viewer, "audit.view")
    a = table_of(AuditEntry)
    actions = session.execute(select(a.c.action).distinct().order_by(a.c.action)).scalars().all()
    entities = session.execute(select(a.c.entity).distinct().order_by(a.c.entity)).scalars().all()
    return list(actions), list(entities)


def verify(
    session: Session, viewer: Viewer, anchor: tuple[int, str] | None = None
) -> audit.VerifyResult:
    require(viewer, "audit.view")
    return audit.verify(session, anchor)


def head(session: Session, viewer: Viewer) -> tuple[int, str]:
    require(viewer, "audit.view")
    return audit.chain_head(session)


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(table_of(AuditEntry))).scalar_one())
