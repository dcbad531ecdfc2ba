"""activity_day_stat: activity counters per employee, day and approver, kept by triggers; a bulk
writer may pause the insert triggers of both rollups (rollup_pause)

Revision ID: 0004
Revises: 0003
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of ekinerja.models.analytics.ACTIVITY_STAT_VALUES / ACTIVITY_SECONDS at this revision
# (tests/test_queries_activities.py checks they still agree).
_DECIDED = "{r}.status <> 'diajukan' AND {r}.decided_at IS NOT NULL"
VALUES = {
    "approved": "CASE WHEN {r}.status = 'disetujui' THEN 1 ELSE 0 END",
    "approved_minutes": "CASE WHEN {r}.status = 'disetujui' THEN {r}.minutes ELSE 0 END",
    "pending": "CASE WHEN {r}.status = 'diajukan' THEN 1 ELSE 0 END",
    "pending_minutes": "CASE WHEN {r}.status = 'diajukan' THEN {r}.minutes ELSE 0 END",
    "rejected": "CASE WHEN {r}.status = 'ditolak' THEN 1 ELSE 0 END",
    "rejected_minutes": "CASE WHEN {r}.status = 'ditolak' THEN {r}.minutes ELSE 0 END",
    "decided": f"CASE WHEN {_DECIDED} THEN 1 ELSE 0 END",
    "decision_seconds": f"CASE WHEN {_DECIDED} THEN {{seconds}} ELSE 0 END",
    "slow": f"CASE WHEN {_DECIDED} AND {{seconds}} > 259200 THEN 1 ELSE 0 END",
}
SECONDS = {
    "sqlite": "CAST(ROUND((julianday({r}.decided_at) - julianday({r}.submitted_at)) * 86400) AS INTEGER)",
    "postgresql": "CAST(ROUND(EXTRACT(EPOCH FROM ({r}.decided_at - {r}.submitted_at))) AS INTEGER)",
}
COLUMNS = list(VALUES)
KEY = "work_date, employee_id, approver_key"
# While a rollup's row exists in rollup_pause, inserts are left to the bulk writer (RollupPause).
PAUSED = "EXISTS (SELECT 1 FROM rollup_pause WHERE rollup = '{name}')"
ACTIVITY_PAUSED = PAUSED.format(name="activity_day_stat")
UNIT_PAUSED = PAUSED.format(name="unit_day_stat")
# Only these columns change a counter; other edits (the description) leave it alone.
WATCHED = (
    "employee_id, work_date, minutes, status, approver_id, submitted_at, decided_at, deleted_at"
)


def _values(row: str) -> list[str]:
    seconds = SECONDS[op.get_bind().dialect.name].format(r=row)
    return [v.format(r=row, seconds=seconds) for v in VALUES.values()]


def _key(row: str) -> list[str]:
    return [f"{row}.work_date", f"{row}.employee_id", f"COALESCE({row}.approver_id, 0)"]


def _subtract_old() -> str:
    """Take the old row out; a cell left counting nothing is deleted, so an erased employee's
    activities leave no trace here (not even the days they had any)."""
    sets = ", ".join(f"{c} = {c} - ({v})" for c, v in zip(COLUMNS, _values("OLD"), strict=True))
    match = " AND ".join(f"{c} = {v}" for c, v in zip(KEY.split(", "), _key("OLD"), strict=True))
    return (
        f"UPDATE activity_day_stat SET {sets} WHERE OLD.deleted_at IS NULL AND {match}; "
        f"DELETE FROM activity_day_stat WHERE {match} "
        "AND approved = 0 AND pending = 0 AND rejected = 0"
    )


def _add_new() -> str:
    adds = ", ".join(f"{c} = activity_day_stat.{c} + excluded.{c}" for c in COLUMNS)
    # SELECT ... WHERE (not VALUES) so deleted rows are skipped; see migration 0003.
    return (
        f"INSERT INTO activity_day_stat ({KEY}, {', '.join(COLUMNS)}) "
        f"SELECT {', '.join(_key('NEW') + _values('NEW'))} WHERE NEW.deleted_at IS NULL "
        f"ON CONFLICT ({KEY}) DO UPDATE SET {adds}"
    )


def _backfill() -> str:
    sums = ", ".join(f"SUM({v})" for v in _values("activity"))
    return (
        f"INSERT INTO activity_day_stat ({KEY}, {', '.join(COLUMNS)}) "
        f"SELECT {', '.join(_key('activity'))}, {sums} FROM activity "
        "WHERE activity.deleted_at IS NULL "
        "GROUP BY activity.work_date, activity.employee_id, COALESCE(activity.approver_id, 0)"
    )


def _m0003() -> ModuleType:
    """Migration 0003, whose trigger statements for unit_day_stat are reused here unchanged."""
    path = Path(__file__).with_name("0003_unit_day_stat_triggers.py")
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unit_triggers(paused: bool) -> None:
    """unit_day_stat's insert trigger as in 0003, with or without the pause check."""
    m = _m0003()
    add, subtract = m._add_new("NEW.is_workday", "unit_day_stat"), m._subtract_old("OLD.is_workday")
    if op.get_bind().dialect.name == "sqlite":
        when = f"WHEN NOT {UNIT_PAUSED} " if paused else ""
        op.execute("DROP TRIGGER unit_day_stat_ins")
        op.execute(
            f"CREATE TRIGGER unit_day_stat_ins AFTER INSERT ON daily_summary {when}BEGIN {add}; END"
        )
        return
    skip = f"IF TG_OP = 'INSERT' AND {UNIT_PAUSED} THEN RETURN NULL; END IF; " if paused else ""
    op.execute(
        "CREATE OR REPLACE FUNCTION unit_day_stat_apply() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {skip}IF TG_OP <> 'INSERT' THEN {subtract}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {add}; END IF; RETURN NULL; END $$"
    )


def upgrade() -> None:
    op.create_table(
        "activity_day_stat",
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("approver_key", sa.Integer(), nullable=False),
        *(sa.Column(c, sa.Integer(), nullable=False) for c in COLUMNS),
        sa.PrimaryKeyConstraint("work_date", "employee_id", "approver_key"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rollup_pause",
        sa.Column("rollup", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("rollup"),
    )
    op.execute(_backfill())
    _unit_triggers(paused=True)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER activity_day_stat_ins AFTER INSERT ON activity "
            f"WHEN NOT {ACTIVITY_PAUSED} BEGIN {_add_new()}; END"
        )
        op.execute(
            "CREATE TRIGGER activity_day_stat_del AFTER DELETE ON activity "
            f"BEGIN {_subtract_old()}; END"
        )
        op.execute(
            f"CREATE TRIGGER activity_day_stat_upd AFTER UPDATE OF {WATCHED} ON activity "
            f"BEGIN {_subtract_old()}; {_add_new()}; END"
        )
        return
    op.execute(
        "CREATE FUNCTION activity_day_stat_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' AND {ACTIVITY_PAUSED} THEN RETURN NULL; END IF; "
        f"IF TG_OP <> 'INSERT' THEN {_subtract_old()}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_add_new()}; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER activity_day_stat_sync AFTER INSERT OR DELETE OR UPDATE OF "
        f"{WATCHED} ON activity FOR EACH ROW EXECUTE FUNCTION activity_day_stat_apply()"
    )
    # TRUNCATE skips row triggers in PostgreSQL: empty the counters with it.
    op.execute(
        "CREATE FUNCTION activity_day_stat_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM activity_day_stat; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER activity_day_stat_truncate AFTER TRUNCATE ON activity "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_day_stat_clear()"
    )


def downgrade() -> None:
    _unit_triggers(paused=False)
    if op.get_bind().dialect.name == "sqlite":
        for name in ("ins", "del", "upd"):
            op.execute(f"DROP TRIGGER IF EXISTS activity_day_stat_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS activity_day_stat_truncate ON activity")
        op.execute("DROP TRIGGER IF EXISTS activity_day_stat_sync ON activity")
        op.execute("DROP FUNCTION IF EXISTS activity_day_stat_clear()")
        op.execute("DROP FUNCTION IF EXISTS activity_day_stat_apply()")
    op.drop_table("rollup_pause")
    op.drop_table("activity_day_stat")
