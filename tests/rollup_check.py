"""The activity rollups recomputed by hand from the activity rows, for comparison with the tables."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ekinerja.models import Activity, ActivityDayStat, ActivityMonthStat

Key = tuple[date, int, int]
FIELDS = ("approved", "approved_minutes", "pending", "pending_minutes", "rejected",
          "rejected_minutes", "decided", "decision_seconds", "slow")  # fmt: skip


def by_hand(session: Session, monthly: bool = False) -> dict[Key, dict[str, int]]:
    """Per (day or month, employee, approver or 0), from every undeleted activity."""
    out: dict[Key, dict[str, int]] = {}
    for a in session.exec(select(Activity)).all():
        if a.deleted_at is not None:
            continue
        period = a.work_date.replace(day=1) if monthly else a.work_date
        cell = out.setdefault((period, a.employee_id, a.approver_id or 0), dict.fromkeys(FIELDS, 0))
        name = {"disetujui": "approved", "diajukan": "pending", "ditolak": "rejected"}[a.status]
        cell[name] += 1
        cell[f"{name}_minutes"] += a.minutes
        if a.status != "diajukan" and a.decided_at is not None:
            seconds = round((a.decided_at - a.submitted_at).total_seconds())
            cell["decided"] += 1
            cell["decision_seconds"] += seconds
            cell["slow"] += seconds > 72 * 3600
    return out


def stored(session: Session, monthly: bool = False) -> dict[Key, dict[str, int]]:
    """Every row of a table (a cell emptied by deletes must be gone, not kept as zeros)."""
    if monthly:
        months = session.exec(select(ActivityMonthStat)).all()
        return {(r.month, r.employee_id, r.approver_key): _cell(r) for r in months}
    days = session.exec(select(ActivityDayStat)).all()
    return {(r.work_date, r.employee_id, r.approver_key): _cell(r) for r in days}


def _cell(row: ActivityDayStat | ActivityMonthStat) -> dict[str, int]:
    return {f: getattr(row, f) for f in FIELDS}


def assert_rollup_matches(session: Session) -> int:
    """Both tables equal the recomputation exactly; returns the number of day cells."""
    assert stored(session, monthly=True) == by_hand(session, monthly=True)
    expected = by_hand(session)
    assert stored(session) == expected
    return len(expected)
