"""Derived counters for the analytics pages: attendance per unit and work day.

`unit_day_stat` is kept equal to `SELECT unit_id, work_date, SUM(...) FROM daily_summary WHERE
is_workday GROUP BY unit_id, work_date` by database triggers (migration 0003), so every writer of
`daily_summary` (refresh, demo generator, imports, purges) keeps it right without knowing it. A
year of a 5,000-person city is 1.2 million summary rows but only ~7,500 rows here, which is what
lets trend charts over months render in milliseconds. Never written by application code.
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
