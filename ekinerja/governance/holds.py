"""Placing and lifting legal holds (policy section IV), each audited in the same transaction.

A lifted hold stays in the table with who lifted it, when and why: the history of what was
preserved for which case is itself evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from ekinerja import audit
from ekinerja.access import Viewer, require
from ekinerja.governance.common import (
    ANONYMISED_PREFIX,
    SAFE_REF_RE,
    clean_reason,
    table_of,
    versioned_update,
)
from ekinerja.governance.records import text_field
from ekinerja.models import Employee, LegalHold, Unit
from ekinerja.texts import governance as T
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError


@dataclass(frozen=True)
class HoldRequest:
    case_ref: str
    employee_id: int | None = None
    unit_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    note: str | None = None


def place_hold(session: Session, viewer: Viewer, req: HoldRequest) -> LegalHold:
    """Start preserving everything the request covers; returns the new hold."""
    require(viewer, "hold.manage")
    case_ref = text_field(100, required=False)(req.case_ref)
    if not case_ref:
        raise ValidationError(T.HOLD_CASE_REQUIRED)
    if not SAFE_REF_RE.fullmatch(case_ref):
        raise ValidationError(T.HOLD_CASE_CHARS)
    note = text_field(1000, required=False)(req.note)
    if (
        req.employee_id is None
        and req.unit_id is None
        and req.start_date is None
        and req.end_date is None
    ):
        raise ValidationError(T.HOLD_SCOPE_REQUIRED)
    if req.start_date and req.end_date and req.end_date < req.start_date:
        raise ValidationError(T.HOLD_PERIOD_ORDER)
    if req.employee_id is not None:
        emp = session.get(Employee, req.employee_id)
        if emp is None:
            raise ValidationError(T.EMPLOYEE_NOT_FOUND)
        # A deleted account still pending its purge can be held: that is when a hold matters most.
        if emp.nip.startswith(ANONYMISED_PREFIX):
            raise ValidationError(T.EMPLOYEE_ERASED)
    if req.unit_id is not None and session.get(Unit, req.unit_id) is None:
        raise ValidationError(T.UNIT_NOT_FOUND)
    hold = LegalHold(
        case_ref=case_ref,
        note=note,
        employee_id=req.employee_id,
        unit_id=req.unit_id,
        start_date=req.start_date,
        end_date=req.end_date,
        placed_by=viewer.username,
    )
    session.add(hold)
    session.flush()
    audit.record(
        session, viewer.actor, "penahanan.pasang", "legal_hold", hold.id,
        after={
            "perkara": case_ref, "pegawai": req.employee_id, "unit": req.unit_id,
            "mulai": req.start_date, "selesai": req.end_date,
        },
    )  # fmt: skip
    return hold


def lift_hold(
    session: Session, viewer: Viewer, hold_id: int, seen_version: int, reason: str
) -> None:
    """End a hold (audited); data it kept falls back under retention and deletion rules."""
    require(viewer, "hold.manage")
    why = clean_reason(reason)
    hold = session.get(LegalHold, hold_id)
    if hold is None:
        raise ValidationError(T.HOLD_NOT_FOUND.format(id=hold_id))
    if hold.lifted_at is not None:
        raise ValidationError(T.HOLD_ALREADY_LIFTED.format(id=hold_id))
    now = utc_now()
    versioned_update(
        session, LegalHold, hold_id, seen_version,
        {"lifted_at": now, "lifted_by": viewer.username, "lift_reason": why},
        f"Penahanan {hold.case_ref}", soft_deletable=False,
    )  # fmt: skip
    session.expire(hold)
    audit.record(
        session, viewer.actor, "penahanan.cabut", "legal_hold", hold_id,
        before={"perkara": hold.case_ref}, after={"dicabut": now}, reason=why,
    )  # fmt: skip


def list_holds(session: Session, viewer: Viewer, include_lifted: bool = True) -> pd.DataFrame:
    """Holds with their scope in words (NIP, unit name, period) for the Penahanan page."""
    require(viewer, "hold.manage")
    h = table_of(LegalHold)
    stmt = (
        select(
            h.c.id, h.c.case_ref, col(Employee.nip).label("nip"), col(Unit.name).label("unit"),
            h.c.start_date, h.c.end_date, h.c.note, h.c.placed_by, h.c.placed_at,
            h.c.lifted_by, h.c.lifted_at, h.c.lift_reason, h.c.version,
        )
        .select_from(h)
        .outerjoin(Employee, col(Employee.id) == h.c.employee_id)
        .outerjoin(Unit, col(Unit.id) == h.c.unit_id)
        .order_by(h.c.lifted_at.is_not(None), h.c.id.desc())
    )  # fmt: skip
    if not include_lifted:
        stmt = stmt.where(h.c.lifted_at.is_(None))
    return pd.read_sql(stmt, session.connection()).set_index("id")
