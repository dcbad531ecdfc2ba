"""Deactivating and reactivating an employee's account, with or without the violation flag.

The flag is what the violation rule of policy section IV keys on: while it is set, nothing of
the person may be corrected, deleted or expire. Every change is audited with its reason.
"""

from __future__ import annotations

from sqlmodel import Session

from ekinerja import audit, summary
from ekinerja.access import Viewer, require
from ekinerja.governance.common import clean_reason, versioned_update
from ekinerja.governance.corrections import check_scope
from ekinerja.models import Employee
from ekinerja.texts import governance as T
from ekinerja.timeutil import today_wib, utc_now
from ekinerja.validation import ValidationError


def set_status(
    session: Session,
    viewer: Viewer,
    employee_id: int,
    seen_version: int,
    active: bool,
    violation: bool,
    reason: str,
) -> None:
    """aktif, or nonaktif (with `violation` when it is for a breach of the terms)."""
    require(viewer, "employee.status")
    why = clean_reason(reason)
    emp = session.get(Employee, employee_id)
    if emp is None:
        raise ValidationError(T.EMPLOYEE_NOT_FOUND)
    check_scope(session, viewer, [employee_id])
    if emp.status == "dihapus":
        raise ValidationError(T.EMPLOYEE_ALREADY_DELETED.format(id="-"))
    if active and violation:
        raise ValidationError(T.STATUS_ACTIVE_VIOLATION)
    status = "aktif" if active else "nonaktif"
    before = {"status": emp.status, "pelanggaran": emp.deactivated_for_violation}
    after = {"status": status, "pelanggaran": violation}
    if before == after:
        raise ValidationError(T.NO_CHANGES)
    now = utc_now()
    values = {"status": status, "deactivated_for_violation": violation, "status_reason": why}
    if status != emp.status:
        values["status_changed_at"] = now
    versioned_update(
        session, Employee, employee_id, seen_version, values, "Pegawai", soft_deletable=False
    )
    session.expire(emp)
    audit.record(
        session, viewer.actor, "pegawai.status", "employee", employee_id,
        before=before, after=after, reason=why,
    )  # fmt: skip
    # A deactivated account stops counting from today: today's summary row goes (or comes back).
    today = today_wib()
    summary.refresh(session, [employee_id], today, today)
