"""What keeps data from being changed or deleted: active legal holds and the violation rule.

"Holds beat everything": no correction, deletion, account deletion or retention run touches a
record under an active hold. The violation rule (policy section IV) keeps all data of an
employee deactivated for a violation in the same way. Both are offered twice, with one meaning:
as a check for one record (with the Indonesian reason naming the case) and as a SQL condition
for bulk work (retention, purge, account deletion).

A hold covers a record when every criterion it names matches: the employee (a review matches on
its writer or its subject), the employee's current unit, and the record's dates overlapping the
hold's period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, or_, select, true
from sqlmodel import Session, col

from ekinerja.governance.common import table_of
from ekinerja.models import Employee, LegalHold
from ekinerja.texts import governance as T
from ekinerja.timeutil import wib_to_utc
from ekinerja.validation import ValidationError


@dataclass(frozen=True)
class Refusal:
    """Why something is kept: a hold (with its case reference) or the violation rule."""

    kind: str  # "hold" | "violation"
    message: str
    hold_id: int | None = None
    case_ref: str | None = None

    def as_record(self) -> dict[str, Any]:
        """For audit entries and reports: ids and case references, never names."""
        return {"alasan": self.kind, "penahanan": self.hold_id, "perkara": self.case_ref}


def active_holds(session: Session) -> list[LegalHold]:
    """Holds in force, oldest first: a refusal names the hold that has stood longest."""
    stmt = select(LegalHold).where(col(LegalHold.lifted_at).is_(None)).order_by(col(LegalHold.id))
    return list(session.scalars(stmt).all())


def _employees() -> Table:
    return table_of(Employee)


def hold_refusal(hold: LegalHold) -> Refusal:
    return Refusal(
        "hold", T.HOLD_REFUSAL.format(case_ref=hold.case_ref, id=hold.id), hold.id, hold.case_ref
    )


VIOLATION = Refusal("violation", T.VIOLATION_REFUSAL)


def _overlaps(hold: LegalHold, lo: date | None, hi: date | None) -> bool:
    if hold.start_date is not None and hi is not None and hi < hold.start_date:
        return False
    return not (hold.end_date is not None and lo is not None and lo > hold.end_date)


def check(
    session: Session, employee_ids: Iterable[int], lo: date | None, hi: date | None
) -> Refusal | None:
    """The reason a record of these people over [lo, hi] must be kept, or None.

    lo/hi None means "any date" (the whole account), which every dated hold overlaps.
    """
    ids = sorted(set(employee_ids))
    e = _employees()
    people = session.execute(
        select(e.c.id, e.c.unit_id, e.c.deactivated_for_violation).where(e.c.id.in_(ids))
    ).all()
    if any(bool(p[2]) for p in people):
        return VIOLATION
    units = {int(p[1]) for p in people}
    for hold in active_holds(session):
        if hold.employee_id is not None and hold.employee_id not in ids:
            continue
        if hold.unit_id is not None and hold.unit_id not in units:
            continue
        if _overlaps(hold, lo, hi):
            return hold_refusal(hold)
    return None


def ensure_free(
    session: Session, employee_ids: Iterable[int], lo: date | None, hi: date | None
) -> None:
    """Raise the Indonesian refusal when a hold or the violation rule keeps the record."""
    refusal = check(session, employee_ids, lo, hi)
    if refusal is not None:
        raise ValidationError(refusal.message)


# --- the same rules as SQL conditions, for bulk work ----------------------------------------------


def _bound(day: date, as_datetime: bool, end: bool) -> date | datetime:
    if not as_datetime:
        return day
    # Datetime columns (devices) compare against the WIB day's first or last instant.
    return wib_to_utc(day, time.max if end else time.min)


def hold_clause(
    hold: LegalHold,
    employee_cols: Sequence[Any],
    lo_col: Any,
    hi_col: Any,
    as_datetime: bool = False,
    monthly: bool = False,
) -> ColumnElement[bool]:
    """Rows covered by one hold (`employee_cols`: any of them naming a held person matches).

    `monthly`: the row's date is the first day of a month it covers whole (a review period), so
    it overlaps a hold starting later in that month.
    """
    parts: list[ColumnElement[bool]] = []
    if lo_col is None and hold.employee_id is None and hold.unit_id is None:
        # A period-only hold does not reach undated rows (they lie in no period).
        return false()
    if hold.employee_id is not None:
        parts.append(or_(*(c == hold.employee_id for c in employee_cols)))
    if hold.unit_id is not None:
        in_unit = select(_employees().c.id).where(_employees().c.unit_id == hold.unit_id)
        parts.append(or_(*(c.in_(in_unit) for c in employee_cols)))
    # Undated rows (lo_col None, e.g. a fingerprint PIN): a hold on their person or unit keeps them.
    if hold.start_date is not None and hi_col is not None:
        start = hold.start_date.replace(day=1) if monthly else hold.start_date
        parts.append(hi_col >= _bound(start, as_datetime, end=False))
    if hold.end_date is not None and lo_col is not None:
        parts.append(lo_col <= _bound(hold.end_date, as_datetime, end=True))
    return and_(true(), *parts)


def violation_clause(employee_cols: Sequence[Any]) -> ColumnElement[bool]:
    e = _employees()
    flagged = select(e.c.id).where(e.c.deactivated_for_violation.is_(True))
    return or_(*(c.in_(flagged) for c in employee_cols))


def protected_clause(
    holds: Sequence[LegalHold],
    employee_cols: Sequence[Any],
    lo_col: Any,
    hi_col: Any,
    as_datetime: bool = False,
    monthly: bool = False,
) -> ColumnElement[bool]:
    """Rows that must be kept: under any of `holds` or belonging to a violator."""
    clauses = [violation_clause(employee_cols)]
    clauses += [hold_clause(h, employee_cols, lo_col, hi_col, as_datetime, monthly) for h in holds]
    return or_(false(), *clauses)
