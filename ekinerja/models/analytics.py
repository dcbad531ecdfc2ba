"""Derived counters for the analytics pages: attendance per unit and work day, activities per
employee and day.

`unit_day_stat` is kept equal to `SELECT unit_id, work_date, SUM(...) FROM daily_summary WHERE
is_workday GROUP BY unit_id, work_date` by database triggers (migration 0003), so every writer of
`daily_summary` (refresh, demo generator, imports, purges) keeps it right without knowing it. A
year of a 5,000-person city is 1.2 million summary rows but only ~7,500 rows here, which is what
lets trend charts over months render in milliseconds. Never written by application code.

`activity_day_stat` is the same idea for activities (migration 0004): per employee, day and
approver, the counts and minutes per status and the decision times of the undeleted activities.
About three activities a day make one row here, narrow and ordered by day, so the Aktivitas page
reads three months without touching the activity table's wide rows; `activity_month_stat` holds
the same per month, for the whole months of a long range.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from ekinerja.models.work import Activity

# Counter name -> condition on a daily_summary row (SQL, with {r} for NEW/OLD or the table).
# The migration builds its triggers from a frozen copy of this; tests check the two agree.
PRESENT = "{r}.status IN ('hadir', 'wfh')"
STAT_CONDITIONS: dict[str, str] = {
    "present": PRESENT,
    "ontime": f"{PRESENT} AND {{r}}.minutes_late = 0",
    "early": f"{PRESENT} AND {{r}}.minutes_early > 0",
    "no_out": f"{PRESENT} AND {{r}}.last_out IS NULL",
    "tk": "{r}.status = 'tk'",
    "wfh": "{r}.status = 'wfh'",
    "excused": "{r}.status IN ('cuti', 'izin', 'sakit', 'dinas_luar')",
    "belum": "{r}.status = 'belum'",
    "ch_selfie": f"{PRESENT} AND {{r}}.channel = 'selfie'",
    "ch_wfh": f"{PRESENT} AND {{r}}.channel = 'wfh'",
    "ch_qr": f"{PRESENT} AND {{r}}.channel = 'qr'",
    "ch_fingerprint": f"{PRESENT} AND {{r}}.channel = 'fingerprint'",
}
# Summed values rather than counted conditions.
STAT_SUMS: dict[str, str] = {
    "late_minutes": f"CASE WHEN {PRESENT} THEN {{r}}.minutes_late ELSE 0 END"
}


class UnitDayStat(SQLModel, table=True):
    """Attendance counters of one unit on one work day (non-work days are not counted)."""

    __tablename__ = "unit_day_stat"
    __table_args__ = (Index("ix_unit_day_stat_day", "work_date"),)

    unit_id: int = Field(primary_key=True)
    work_date: date = Field(primary_key=True)
    present: int = 0
    ontime: int = 0
    late_minutes: int = 0
    early: int = 0
    no_out: int = 0
    tk: int = 0
    wfh: int = 0
    excused: int = 0
    belum: int = 0
    ch_selfie: int = 0
    ch_wfh: int = 0
    ch_qr: int = 0
    ch_fingerprint: int = 0


# The approval queue reads only pending, undeleted activities; a partial index keeps that a few
# thousand index entries instead of a scan of every activity of the year. Declared here (it exists
# for the analytics pages) and attached to the activity table's metadata.
_PENDING = "status = 'diajukan' AND deleted_at IS NULL"
ix_activity_pending = Index(
    "ix_activity_pending",
    Activity.__table__.c.work_date,  # type: ignore[attr-defined]
    Activity.__table__.c.employee_id,  # type: ignore[attr-defined]
    sqlite_where=text(_PENDING),
    postgresql_where=text(_PENDING),
)


# Decisions slower than this (hours from submission) count as slow on the Aktivitas page.
SLOW_DECISION_HOURS = 72
# Column -> value of one activity row (SQL; {r} is NEW, OLD or the table, {seconds} the seconds
# from submission to decision in the database's dialect, see ACTIVITY_SECONDS). Rows with deleted_at set
# count nothing. The migration builds its triggers from a frozen copy; tests check they agree.
_DECIDED = "{r}.status <> 'diajukan' AND {r}.decided_at IS NOT NULL"
ACTIVITY_STAT_VALUES: dict[str, str] = {
    "approved": "CASE WHEN {r}.status = 'disetujui' THEN 1 ELSE 0 END",
    "approved_minutes": "CASE WHEN {r}.status = 'disetujui' THEN {r}.minutes ELSE 0 END",
    "pending": "CASE WHEN {r}.status = 'diajukan' THEN 1 ELSE 0 END",
    "pending_minutes": "CASE WHEN {r}.status = 'diajukan' THEN {r}.minutes ELSE 0 END",
    "rejected": "CASE WHEN {r}.status = 'ditolak' THEN 1 ELSE 0 END",
    "rejected_minutes": "CASE WHEN {r}.status = 'ditolak' THEN {r}.minutes ELSE 0 END",
    "decided": f"CASE WHEN {_DECIDED} THEN 1 ELSE 0 END",
    "decision_seconds": f"CASE WHEN {_DECIDED} THEN {{seconds}} ELSE 0 END",
    "slow": f"CASE WHEN {_DECIDED} AND {{seconds}} > {SLOW_DECISION_HOURS * 3600} THEN 1 ELSE 0 END",
}
# Whole seconds, so that both databases store exactly the same numbers.
ACTIVITY_SECONDS: dict[str, str] = {
    "sqlite": "CAST(ROUND((julianday({r}.decided_at) - julianday({r}.submitted_at)) * 86400) AS INTEGER)",
    "postgresql": "CAST(ROUND(EXTRACT(EPOCH FROM ({r}.decided_at - {r}.submitted_at))) AS INTEGER)",
}


# The first day of an activity's month, per dialect (the period of activity_month_stat).
MONTH_START: dict[str, str] = {
    "sqlite": "date({r}.work_date, 'start of month')",
    "postgresql": "CAST(date_trunc('month', {r}.work_date) AS DATE)",
}


class ActivityCounters(SQLModel):
    """The counters of both activity rollups (ACTIVITY_STAT_VALUES, in that order)."""

    approved: int = 0
    approved_minutes: int = 0
    pending: int = 0
    pending_minutes: int = 0
    rejected: int = 0
    rejected_minutes: int = 0
    decided: int = 0
    decision_seconds: int = 0
    slow: int = 0


class ActivityDayStat(ActivityCounters, table=True):
    """Undeleted activities of one employee on one day, per approver (0: nobody decided yet)."""

    __tablename__ = "activity_day_stat"
    # SQLite keeps the rows in key order, so a range of days is one contiguous read.
    __table_args__ = ({"sqlite_with_rowid": False},)

    work_date: date = Field(primary_key=True)
    employee_id: int = Field(primary_key=True)
    approver_key: int = Field(primary_key=True)


class RollupPause(SQLModel, table=True):
    """A bulk writer that computes a rollup itself names it here for the length of its transaction.

    The rollup's insert trigger then leaves the new rows alone (updates and deletes are always
    counted). Used by the demo generator, which writes millions of activities and their counters in
    one transaction; other connections never see the row, since it is deleted before the commit.
    """

    __tablename__ = "rollup_pause"

    rollup: str = Field(primary_key=True, max_length=40)


class ActivityMonthStat(ActivityCounters, table=True):
    """The same counters per employee, month (its first day) and approver.

    A long range reads its whole months here (a few thousand rows each) and only its partial
    months from activity_day_stat.
    """

    __tablename__ = "activity_month_stat"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month: date = Field(primary_key=True)
    employee_id: int = Field(primary_key=True)
    approver_key: int = Field(primary_key=True)
