"""Corrections of punches, leave, activities and reviews by an admin (policy III: data can be
corrected and changed).

One call is one save of the Kelola Data screen: every edited row is checked, compared with the
version the screen loaded, written, audited, and the daily summary recomputed, all in the
caller's transaction. If any row is refused (stale, held, bad value) nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from ekinerja import audit
from ekinerja.access import Viewer, require, require_unit
from ekinerja.governance import protection
from ekinerja.governance.common import clean_reason, redact, table_of, versioned_update
from ekinerja.governance.records import (
    EntitySpec,
    employees_of,
    entity,
    load_row,
    refresh_summary,
)
from ekinerja.models import Employee
from ekinerja.texts import governance as T
from ekinerja.validation import ValidationError


@dataclass(frozen=True)
class Edit:
    """One edited row: its id, the version the form was loaded with, and the new values."""

    record_id: int
    seen_version: int
    changes: Mapping[str, Any]


def check_scope(session: Session, viewer: Viewer, employee_ids: Sequence[int]) -> None:
    """The people a record belongs to must be inside the viewer's scope."""
    if viewer.scope.is_all:
        return
    e = table_of(Employee)
    unit_ids = session.execute(select(e.c.unit_id).where(e.c.id.in_(list(employee_ids)))).scalars()
    for unit_id in unit_ids:
        require_unit(viewer, unit_id)


def _parse_changes(spec: EntitySpec, changes: Mapping[str, Any]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for name, value in changes.items():
        field_spec = spec.fields.get(name)
        if field_spec is None:
            raise ValidationError(T.FIELD_NOT_EDITABLE.format(field=str(name)[:40]))
        parsed[name] = field_spec.parse(value)
    return parsed


def apply_edits(
    session: Session, viewer: Viewer, kind: str, edits: Sequence[Edit], reason: str
) -> int:
    """Save corrections; returns how many records changed. Raises before writing anything wrong."""
    require(viewer, "data.correct")
    spec = entity(kind)
    if not spec.editable:
        raise ValidationError(T.FIELD_NOT_EDITABLE.format(field=kind))
    why = clean_reason(reason)
    touched: list[dict[str, Any]] = []
    for edit in edits:
        row = load_row(session, spec, edit.record_id)
        if row.get("deleted_at") is not None:
            raise ValidationError(T.ALREADY_DELETED.format(entity=spec.label, id=edit.record_id))
        people = employees_of(spec, row)
        check_scope(session, viewer, people)
        parsed = _parse_changes(spec, edit.changes)
        diff = {k: v for k, v in parsed.items() if row[k] != v}
        if not diff:
            continue
        merged = {**row, **diff}
        diff.update({k: v for k, v in spec.check(merged).items() if row[k] != v})
        merged.update(diff)
        # Both the old and the new dates count: a correction must not move data out of a hold.
        (old_lo, old_hi), (new_lo, new_hi) = spec.span(row), spec.span(merged)
        lo, hi = min(old_lo, new_lo), max(old_hi, new_hi)
        protection.ensure_free(session, people, lo, hi)
        versioned_update(session, spec.model, edit.record_id, edit.seen_version, diff, spec.label)
        free = {name for name, f in spec.fields.items() if f.free_text}
        audit.record(
            session, viewer.actor, "data.koreksi", table_of(spec.model).name, edit.record_id,
            before={k: redact(row[k], k in free) for k in diff},
            after={k: redact(v, k in free) for k, v in diff.items()},
            reason=why,
        )  # fmt: skip
        touched += [row, merged]
    if not touched:
        raise ValidationError(T.NO_CHANGES)
    refresh_summary(session, spec, touched)
    return len(touched) // 2


def edits_from_grid(
    frame: pd.DataFrame, edited_rows: Mapping[Any, Mapping[str, Any]]
) -> list[Edit]:
    """The data editor's `edited_rows` ({row position: {column: value}}) as Edits.

    Positions refer to the frame the editor was given, which the screen keeps as it was loaded
    (primary key as index, a `version` column): so each edit carries the version the admin saw.
    """
    edits = []
    for pos, changes in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        i = int(pos)
        if not 0 <= i < len(frame):
            continue
        edits.append(Edit(int(frame.index[i]), int(frame["version"].iloc[i]), dict(changes)))
    return edits
