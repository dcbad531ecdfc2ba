"""The activity rollup recomputed by hand from the activity rows, for comparison with the table."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ekinerja.models import Activity, ActivityDayStat

Key = tuple[date, int, int]
FIELDS = ("approved", "approved_minutes", "pending", "pending_minutes", "rejected",
          "rejected_minutes", "decided", "decision_seconds", "slow")  # fmt: skip


def by_hand(session: Session) -> dict[Key, dict[str, int]]:
    """Per (day, employee, approver or 0), from every undeleted activity; all-zero cells left out."""
    out: dict[Key, dict[str, int]] = {}
    for a in session.exec(select(Activity)).all():
        if a.deleted_at is not None:
            continue
        cell = out.setdefault(
            (a.work_date, a.employee_id, a.approver_id or 0), dict.fromkeys(FIELDS, 0)
        )
        name = {"disetujui": "approved", "diajukan": "pending", "ditolak": "rejected"}[a.status]
        cell[name] += 1
        cell[f"{name}_minutes"] += a.minutes
        if a.status != "diajukan" and a.decided_at is not None:
            seconds = round((a.decided_at - a.submitted_at).total_seconds())
            cell["decided"] += 1
            cell["decision_seconds"] += seconds
            cell["slow"] += seconds > 72 * 3600
    return out


def stored(session: Session) -> dict[Key, dict[str, int]]:
    """Every row of the table (a cell emptied by deletes must be gone, not kept as zeros)."""
    rows = session.exec(select(ActivityDayStat)).all()
    return {
        (r.work_date, r.employee_id, r.approver_key): {f: getattr(r, f) for f in FIELDS}
        for r in rows
    }


def assert_rollup_matches(session: Session) -> int:
    """The table equals the recomputation exactly; returns the number of cells."""
    expected = by_hand(session)
    assert stored(session) == expected
    return len(expected)
