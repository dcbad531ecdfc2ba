"""Aktivitas Harian: logged minutes against the daily target, approvals and how fast they come.

Also the one write of the analytics pages: a supervisor approving or rejecting activities of their
team. The UPDATE compares the version the supervisor saw, so a decision made on a stale screen
(someone else decided, or the employee edited the entry) is refused instead of overwriting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Select,
    func,
    literal,
    select,
    union_all,
    update,
)
from sqlmodel import Session, col

from ekinerja import audit
from ekinerja.access import PermissionDenied, Viewer, require, require_unit
from ekinerja.models import (
    Activity,
    ActivityDayStat,
    ActivityMonthStat,
    Employee,
    Unit,
    UserAccount,
)
from ekinerja.models.analytics import SLOW_DECISION_HOURS
from ekinerja.queries import attendance as att
from ekinerja.queries.buckets import bucket, dialect, months_between, parse_bucket
from ekinerja.queries.display import Card
from ekinerja.queries.filters import Filters, clean_text, employee_condition, unit_condition
from ekinerja.queries.trends import ACTIVITY_MAX_DAYS, DAILY_TARGET_MINUTES
from ekinerja.texts import analytics as t
from ekinerja.timeutil import WIB, utc_now
from ekinerja.validation import ValidationError

DS = att.DS
MAX_PENDING_ROWS = 500
MAX_BATCH = 200
MIN_REASON = 5
MAX_REASON = 500
MAX_DAYS = ACTIVITY_MAX_DAYS
PEOPLE_IN_LIST_MAX = 500


STAT = ActivityDayStat
MONTH = ActivityMonthStat


def _scope_where(viewer: Viewer, filters: Filters, employee: Any) -> list[ColumnElement[bool]]:
    """The employee column of a rollup row within the viewer's (narrowed) scope and search.

    The unit scope is a subquery, left out for a whole-city view: a join per rollup row costs a
    quarter of the read.
    """
    where = [employee_condition(employee, filters)]
    scope = filters.scope(viewer)
    if scope.unit_ids is not None:
        in_scope = select(col(Employee.id)).where(scope.clause(col(Employee.unit_id)))
        where.append(employee.in_(in_scope))
    return where


def _stat_where(viewer: Viewer, filters: Filters) -> list[ColumnElement[bool]]:
    """Rows of activity_day_stat in the period and the viewer's scope."""
    return [
        col(STAT.work_date) >= filters.start,
        col(STAT.work_date) <= filters.end,
        *_scope_where(viewer, filters, col(STAT.employee_id)),
    ]


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(start: date, end: date) -> tuple[date, date] | None:
    """The first days of the first and last calendar months lying wholly inside [start, end]."""
    inside = [
        m
        for m in months_between(start, end)
        if m >= start and _next_month(m) <= end + timedelta(days=1)
    ]
    return (inside[0], inside[-1]) if inside else None


@dataclass(frozen=True)
class ActivityKpis:
    approved_minutes: int = 0
    pending_minutes: int = 0
    rejected_minutes: int = 0
    approved: int = 0
    pending: int = 0
    rejected: int = 0
    target_days: int = 0
    employees: int = 0
    employees_on_target: int = 0
    decided: int = 0
    avg_decision_hours: float | None = None
    slow_decisions: int = 0
    oldest_pending: date | None = None

    @property
    def minutes_per_day(self) -> float | None:
        """Minutes not rejected per day with a target (present or TK), as the recap counts."""
        if not self.target_days:
            return None
        return (self.approved_minutes + self.pending_minutes) / self.target_days

    @property
    def on_target_share(self) -> float | None:
        return self.employees_on_target / self.employees if self.employees else None


SCAN_SUMS = (
    "approved", "approved_minutes", "pending", "pending_minutes", "rejected", "rejected_minutes",
    "decided", "slow", "decision_seconds",
)  # fmt: skip


def _scan_parts(viewer: Viewer, filters: Filters) -> list[Select[Any]]:
    """Selects of (employee_id, approver_key, SCAN_SUMS...) that together cover the period once:
    its whole months from activity_month_stat, the days before and after them from
    activity_day_stat."""

    def part(table: Any, period: Any, lo: date, hi: date) -> Select[Any]:
        columns = [getattr(table, name) for name in ("employee_id", "approver_key", *SCAN_SUMS)]
        scope = _scope_where(viewer, filters, table.employee_id)
        return select(*columns).where(period >= lo, period <= hi, *scope)

    months = whole_months(filters.start, filters.end)
    if months is None:
        return [part(STAT, STAT.work_date, filters.start, filters.end)]
    first, last = months
    after = _next_month(last)
    parts = [part(MONTH, MONTH.month, first, last)]
    if filters.start < first:
        parts.append(part(STAT, STAT.work_date, filters.start, first - timedelta(days=1)))
    if after <= filters.end:
        parts.append(part(STAT, STAT.work_date, after, filters.end))
    return parts


def by_employee(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """The one read of the period's activities (from the rollups): per employee and approver.

    Columns: employee_id, approver_id (<NA>: not decided, or decided from an account without an
    employee record), the counts and minutes per status (approved, approved_minutes, pending, ...),
    decided, hours (sum of decision hours), slow (decided after SLOW_DECISION_HOURS).
    """
    rows = union_all(*_scan_parts(viewer, filters)).subquery()
    stmt = select(
        rows.c.employee_id, rows.c.approver_key, *(func.sum(rows.c[n]).label(n) for n in SCAN_SUMS)
    ).group_by(rows.c.employee_id, rows.c.approver_key)
    result = session.execute(stmt)
    frame = pd.DataFrame(result.all(), columns=["employee_id", "approver_id", *SCAN_SUMS])
    for name in SCAN_SUMS:
        frame[name] = pd.to_numeric(frame[name]).fillna(0).astype("int64")
    frame["hours"] = frame.pop("decision_seconds").astype(float) / 3600.0
    approver = frame["approver_id"].astype("Int64")
    frame["approver_id"] = approver.mask(approver == 0)
    return frame


def oldest_pending(session: Session, viewer: Viewer, filters: Filters) -> date | None:
    """The earliest day of the period with an activity still waiting (the pending index's first
    entry in range)."""
    stmt = pending_select(viewer, filters, func.min(col(Activity.work_date)))
    value = session.execute(stmt).scalar_one_or_none()
    return None if value is None else parse_bucket(value)


def per_employee(
    session: Session, viewer: Viewer, filters: Filters, scan: pd.DataFrame
) -> pd.DataFrame:
    """Per employee with a target day: target days (present + TK), minutes by status, target.

    The target is DAILY_TARGET_MINUTES per target day, as in the monthly recap; `logged` is what
    is not rejected (approved + still pending), `ratio` the approved share of the target.
    """
    days = target_days(session, viewer, filters)
    per = scan.groupby("employee_id", as_index=False)[["approved_minutes", "pending_minutes"]]
    minutes = per.sum().rename(
        columns={"approved_minutes": "approved", "pending_minutes": "pending"}
    )
    frame = days.merge(
        minutes[["employee_id", "approved", "pending"]], on="employee_id", how="left"
    )
    for name in ("approved", "pending"):
        frame[name] = pd.to_numeric(frame[name]).fillna(0).astype("int64")
    frame = frame.merge(
        _people(session, frame["employee_id"].astype(int).tolist()), on="employee_id"
    )
    frame["target"] = frame["target_days"] * DAILY_TARGET_MINUTES
    frame["logged"] = frame["approved"] + frame["pending"]
    frame["per_day"] = frame["logged"] / frame["target_days"]
    frame["ratio"] = frame["approved"] / frame["target"]
    return frame


def target_days(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Per employee: work days with a target (present or TK), as the monthly recap counts them."""
    stmt = (
        select(col(DS.employee_id), func.count())
        .where(
            col(DS.work_date) >= filters.start,
            col(DS.work_date) <= filters.end,
            col(DS.is_workday),
            col(DS.status).in_((*att.PRESENT, "tk")),
            unit_condition(col(DS.unit_id), viewer, filters),
            employee_condition(col(DS.employee_id), filters),
        )
        .group_by(col(DS.employee_id))
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=["employee_id", "target_days"])


def _people(session: Session, ids: list[int]) -> pd.DataFrame:
    stmt = select(col(Employee.id), col(Employee.nip), col(Employee.name), col(Unit.name)).join(
        Unit, col(Unit.id) == col(Employee.unit_id)
    )
    # A city's worth of ids as bound parameters costs more than reading every employee.
    many = len(ids) > PEOPLE_IN_LIST_MAX
    if not many:
        stmt = stmt.where(col(Employee.id).in_(ids))
    columns = ["employee_id", "nip", "name", "unit"]
    frame = pd.DataFrame(session.execute(stmt).all(), columns=columns)
    return frame[frame["employee_id"].isin(ids)].reset_index(drop=True) if many else frame


def under_target(frame: pd.DataFrame) -> pd.DataFrame:
    """Employees below target even if everything pending were approved, lowest first."""
    below = frame[frame["logged"] < frame["target"]]
    return below.sort_values(["per_day", "name"]).reset_index(drop=True)


def kpis(scan: pd.DataFrame, people: pd.DataFrame, oldest: date | None) -> ActivityKpis:
    def total(column: str) -> int:
        return int(scan[column].sum())

    decided = total("decided")
    return ActivityKpis(
        approved_minutes=total("approved_minutes"),
        pending_minutes=total("pending_minutes"),
        rejected_minutes=total("rejected_minutes"),
        approved=total("approved"),
        pending=total("pending"),
        rejected=total("rejected"),
        target_days=int(people["target_days"].sum()),
        employees=len(people),
        employees_on_target=int((people["logged"] >= people["target"]).sum()),
        decided=decided,
        avg_decision_hours=float(scan["hours"].sum()) / decided if decided else None,
        slow_decisions=total("slow"),
        oldest_pending=oldest,
    )


def cards(k: ActivityKpis) -> list[Card]:
    slow = t.ACT_SLOW.format(h=SLOW_DECISION_HOURS) + f": {t.fmt_number(k.slow_decisions)}"
    return [
        Card(t.ACT_MINUTES_DAY, t.fmt_minutes(k.minutes_per_day), t.METRIC_HELP["aktivitas"], "aktivitas"),
        Card(t.ACT_ON_TARGET, t.fmt_percent(k.on_target_share),
             f"{t.fmt_number(k.employees_on_target)} / {t.fmt_number(k.employees)}"),
        Card(t.ACT_PENDING, t.fmt_number(k.pending), t.ACT_OLDEST.format(day=t.fmt_date(k.oldest_pending))),
        Card(t.ACT_DECISION_TIME, t.fmt_hours(k.avg_decision_hours), slow),
    ]  # fmt: skip


def minutes_by_bucket(
    session: Session, viewer: Viewer, filters: Filters, grain: str, today: date
) -> pd.DataFrame:
    """Per bucket: approved and pending minutes per target day (rejected minutes never count)."""
    a_bucket = bucket(col(STAT.work_date), grain, dialect(session)).label("bucket")
    stmt = (
        select(
            a_bucket,
            func.sum(col(STAT.approved_minutes)).label("approved"),
            func.sum(col(STAT.pending_minutes)).label("pending"),
        )
        .where(*_stat_where(viewer, filters))
        .group_by(a_bucket)
    )
    act = pd.DataFrame(session.execute(stmt).all(), columns=["bucket", "approved", "pending"])
    counts = att.counts(session, viewer, filters, today=today, grain=grain)
    days_frame = counts.assign(target_days=counts["present"] + counts["tk"])[
        ["bucket", "target_days"]
    ]
    frame = days_frame.merge(act, on="bucket", how="outer")
    for column in ("target_days", "approved", "pending"):
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    days = frame["target_days"].astype(float).where(frame["target_days"] > 0)
    frame["approved_per_day"] = frame["approved"] / days
    frame["pending_per_day"] = frame["pending"] / days
    frame["bucket"] = frame["bucket"].map(parse_bucket)
    return frame.sort_values("bucket").reset_index(drop=True)


def approval_speed(session: Session, scan: pd.DataFrame) -> pd.DataFrame:
    """Per approver: decisions in the period, mean hours from submission to decision, slow share."""
    decided = scan[scan["decided"] > 0]
    per = (
        decided.groupby("approver_id", dropna=False)[["decided", "hours", "slow"]]
        .sum()
        .reset_index()
    )
    ids = [int(i) for i in per["approver_id"].dropna()]
    names = _people(session, ids).rename(columns={"employee_id": "approver_id"})
    names["approver_id"] = names["approver_id"].astype("Int64")
    per = per.merge(names[["approver_id", "nip", "name"]], on="approver_id", how="left")
    per["name"] = per["name"].fillna(t.APPROVER_ACCOUNT)
    per["nip"] = per["nip"].fillna("")
    per["avg_hours"] = per["hours"] / per["decided"]
    per["slow_share"] = per["slow"] / per["decided"]
    return per.sort_values(["avg_hours", "name"], ascending=[False, True]).reset_index(drop=True)


def account_employee(session: Session, viewer: Viewer) -> int | None:
    """The employee record behind the viewer's account, if any (approvers are employees too)."""
    if viewer.user_id is None:
        return None
    return session.execute(
        select(col(UserAccount.employee_id)).where(col(UserAccount.id) == viewer.user_id)
    ).scalar_one_or_none()


def pending_select(viewer: Viewer, filters: Filters, *columns: Any) -> Select[Any]:
    """Activities of the range still waiting for a decision, in the (narrowed) scope.

    Written so SQLite walks the small partial index ix_activity_pending by day: the status is an
    inline literal (a bound parameter never matches a partial index), and `employee_id + 0` keeps
    the planner from looping over every activity of every employee instead (30x slower at city
    scale). PostgreSQL plans either form well.
    """
    employee = col(Activity.employee_id) + 0
    return (
        select(*columns)
        .select_from(Activity)
        .join(Employee, col(Employee.id) == employee)
        .where(
            col(Activity.status) == literal("diajukan", literal_execute=True),
            col(Activity.deleted_at).is_(None),
            col(Activity.work_date) >= filters.start,
            col(Activity.work_date) <= filters.end,
            unit_condition(Employee.unit_id, viewer, filters),
            employee_condition(employee, filters),
        )
    )


def pending_count(session: Session, viewer: Viewer, filters: Filters) -> int:
    return int(session.execute(pending_select(viewer, filters, func.count())).scalar_one())


def pending(
    session: Session, viewer: Viewer, filters: Filters, own: int | None = None
) -> pd.DataFrame:
    """Activities waiting for a decision, oldest first, with the version each row was read at.

    `own` is the viewer's employee id (account_employee): nobody sees their own work to approve.
    """
    stmt = (
        pending_select(
            viewer,
            filters,
            col(Activity.id).label("id"),
            col(Activity.version).label("version"),
            col(Employee.nip).label("nip"),
            col(Employee.name).label("name"),
            col(Unit.name).label("unit"),
            col(Activity.work_date).label("work_date"),
            col(Activity.minutes).label("minutes"),
            col(Activity.description).label("description"),
            col(Activity.submitted_at).label("submitted_at"),
        )
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .order_by(col(Activity.work_date), col(Activity.id))
        .limit(MAX_PENDING_ROWS)
    )
    if own is not None:
        stmt = stmt.where(col(Activity.employee_id) != own)
    frame = pd.DataFrame(
        session.execute(stmt).all(),
        columns=["id", "version", "nip", "name", "unit", "work_date", "minutes", "description",
                 "submitted_at"],
    )  # fmt: skip
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True).dt.tz_convert(WIB)
    return frame


@dataclass(frozen=True)
class Decision:
    """One activity as the supervisor saw it: its id and the version shown."""

    activity_id: int
    version: int


def decide(
    session: Session,
    viewer: Viewer,
    decisions: Sequence[Decision],
    approve: bool,
    reason: str | None = None,
) -> int:
    """Approve or reject activities in one transaction (all or nothing); audited. Returns the count."""
    require(viewer, "activity.approve")
    if not decisions:
        raise ValidationError(t.ACT_NONE_SELECTED)
    if len(decisions) > MAX_BATCH:
        raise ValidationError(t.ACT_TOO_MANY.format(n=MAX_BATCH))
    if reason and len(reason) > MAX_REASON:
        raise ValidationError(t.ACT_REASON_LONG.format(n=MAX_REASON))
    note = clean_text(reason, MAX_REASON)
    if not approve and len(note) < MIN_REASON:
        raise ValidationError(t.ACT_REASON_NEEDED.format(n=MIN_REASON))
    ids = [d.activity_id for d in decisions]
    if len(set(ids)) != len(ids):
        raise ValidationError(t.ACT_DUPLICATE)
    rows = {
        int(r.id): r
        for r in session.execute(
            select(
                col(Activity.id).label("id"),
                col(Activity.employee_id).label("employee_id"),
                col(Employee.unit_id).label("unit_id"),
                col(Employee.status).label("employee_status"),
                col(Activity.deleted_at).label("deleted_at"),
            )
            .join(Employee, col(Employee.id) == col(Activity.employee_id))
            .where(col(Activity.id).in_(ids))
        ).all()
    }
    own = account_employee(session, viewer)
    new_status = "disetujui" if approve else "ditolak"
    now = utc_now()
    for d in decisions:
        row = rows.get(d.activity_id)
        if row is None or row.deleted_at is not None or row.employee_status == "dihapus":
            raise ValidationError(t.ACT_GONE.format(id=d.activity_id))
        require_unit(viewer, row.unit_id)
        if own is not None and row.employee_id == own:
            raise PermissionDenied(t.ACT_OWN)
        # The version and status checks live in the UPDATE itself: exactly one row or refuse.
        result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(Activity)
            .where(
                col(Activity.id) == d.activity_id,
                col(Activity.version) == d.version,
                col(Activity.status) == "diajukan",
                col(Activity.deleted_at).is_(None),
            )
            .values(status=new_status, approver_id=own, decided_at=now, version=d.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise ValidationError(t.ACT_STALE.format(id=d.activity_id))
        audit.record(
            session,
            viewer.actor,
            "aktivitas.setujui" if approve else "aktivitas.tolak",
            "activity",
            d.activity_id,
            before={"status": "diajukan", "version": d.version},
            after={"status": new_status, "version": d.version + 1, "approver_id": own},
            reason=note or None,
        )
    return len(decisions)


@dataclass(frozen=True)
class ActivityPage:
    kpis: ActivityKpis
    chart: pd.DataFrame
    under_target: pd.DataFrame
    approvers: pd.DataFrame


def page_data(
    session: Session, viewer: Viewer, filters: Filters, grain: str, today: date
) -> ActivityPage:
    """Everything above the queue, for the last MAX_DAYS days of the range at most."""
    filters = filters.tail(MAX_DAYS)
    scan = by_employee(session, viewer, filters)
    people = per_employee(session, viewer, filters, scan)
    return ActivityPage(
        kpis=kpis(scan, people, oldest_pending(session, viewer, filters)),
        chart=minutes_by_bucket(session, viewer, filters, grain, today),
        under_target=under_target(people),
        approvers=approval_speed(session, scan),
    )
