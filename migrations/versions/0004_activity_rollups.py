"""activity_day_stat and activity_month_stat: activity counters per employee, day (month) and
approver, kept by triggers; a bulk writer may pause the rollups' insert triggers (rollup_pause)

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

# Frozen copy of ekinerja.models.analytics.ACTIVITY_STAT_VALUES / ACTIVITY_SECONDS / MONTH_START
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
MONTH_START = {
    "sqlite": "date({r}.work_date, 'start of month')",
    "postgresql": "CAST(date_trunc('month', {r}.work_date) AS DATE)",
}
COLUMNS = list(VALUES)
# Rollup table -> its period column and the period of an activity row.
PERIODS = {
    "activity_day_stat": ("work_date", {"sqlite": "{r}.work_date", "postgresql": "{r}.work_date"}),
    "activity_month_stat": ("month", MONTH_START),
}
# While a rollup's row exists in rollup_pause, inserts are left to the bulk writer (RollupPause);
# the activity rollups pause together, under the day table's name.
PAUSED = "EXISTS (SELECT 1 FROM rollup_pause WHERE rollup = '{name}')"
ACTIVITY_PAUSED = PAUSED.format(name="activity_day_stat")
UNIT_PAUSED = PAUSED.format(name="unit_day_stat")
# Only these columns change a counter; other edits (the description) leave it alone.
WATCHED = (
    "employee_id, work_date, minutes, status, approver_id, submitted_at, decided_at, deleted_at"
)


def _dialect() -> str:
    return str(op.get_bind().dialect.name)


def _values(row: str) -> list[str]:
    seconds = SECONDS[_dialect()].format(r=row)
    return [v.format(r=row, seconds=seconds) for v in VALUES.values()]


def _key_columns(table: str) -> list[str]:
    return [PERIODS[table][0], "employee_id", "approver_key"]


def _key(table: str, row: str) -> list[str]:
    period = PERIODS[table][1][_dialect()].format(r=row)
    return [period, f"{row}.employee_id", f"COALESCE({row}.approver_id, 0)"]


def _subtract_old(table: str) -> str:
    """Take the old row out; a cell left counting nothing is deleted, so an erased employee's
    activities leave no trace here (not even the days they had any)."""
    sets = ", ".join(f"{c} = {c} - ({v})" for c, v in zip(COLUMNS, _values("OLD"), strict=True))
    pairs = zip(_key_columns(table), _key(table, "OLD"), strict=True)
    match = " AND ".join(f"{c} = {v}" for c, v in pairs)
    return (
        f"UPDATE {table} SET {sets} WHERE OLD.deleted_at IS NULL AND {match}; "
        f"DELETE FROM {table} WHERE {match} AND approved = 0 AND pending = 0 AND rejected = 0"
    )


def _add_new(table: str) -> str:
    key = ", ".join(_key_columns(table))
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COLUMNS)
    # SELECT ... WHERE (not VALUES) so deleted rows are skipped; see migration 0003.
    return (
        f"INSERT INTO {table} ({key}, {', '.join(COLUMNS)}) "
        f"SELECT {', '.join(_key(table, 'NEW') + _values('NEW'))} WHERE NEW.deleted_at IS NULL "
        f"ON CONFLICT ({key}) DO UPDATE SET {adds}"
    )


def _backfill(table: str) -> str:
    sums = ", ".join(f"SUM({v})" for v in _values("activity"))
    key = _key(table, "activity")
    return (
        f"INSERT INTO {table} ({', '.join(_key_columns(table))}, {', '.join(COLUMNS)}) "
        f"SELECT {', '.join(key)}, {sums} FROM activity WHERE activity.deleted_at IS NULL "
        f"GROUP BY {', '.join(key)}"
    )


def _each(statement: str) -> str:
    """One trigger statement per activity rollup."""
    return "; ".join(
        {"add": _add_new, "subtract": _subtract_old}[statement](t) for t in PERIODS
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
    if _dialect() == "sqlite":
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
    for table, (period, _) in PERIODS.items():
        op.create_table(
            table,
            sa.Column(period, sa.Date(), nullable=False),
            sa.Column("employee_id", sa.Integer(), nullable=False),
            sa.Column("approver_key", sa.Integer(), nullable=False),
            *(sa.Column(c, sa.Integer(), nullable=False) for c in COLUMNS),
            sa.PrimaryKeyConstraint(period, "employee_id", "approver_key"),
            sqlite_with_rowid=False,
        )
        op.execute(_backfill(table))
    op.create_table(
        "rollup_pause",
        sa.Column("rollup", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("rollup"),
    )
    _unit_triggers(paused=True)
    if _dialect() == "sqlite":
        op.execute(
            "CREATE TRIGGER activity_stat_ins AFTER INSERT ON activity "
            f"WHEN NOT {ACTIVITY_PAUSED} BEGIN {_each('add')}; END"
        )
        op.execute(
            f"CREATE TRIGGER activity_stat_del AFTER DELETE ON activity BEGIN {_each('subtract')}; END"
        )
        op.execute(
            f"CREATE TRIGGER activity_stat_upd AFTER UPDATE OF {WATCHED} ON activity "
            f"BEGIN {_each('subtract')}; {_each('add')}; END"
        )
        return
    op.execute(
        "CREATE FUNCTION activity_stat_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' AND {ACTIVITY_PAUSED} THEN RETURN NULL; END IF; "
        f"IF TG_OP <> 'INSERT' THEN {_each('subtract')}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_each('add')}; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER activity_stat_sync AFTER INSERT OR DELETE OR UPDATE OF "
        f"{WATCHED} ON activity FOR EACH ROW EXECUTE FUNCTION activity_stat_apply()"
    )
    # TRUNCATE skips row triggers in PostgreSQL: empty the counters with it.
    op.execute(
        "CREATE FUNCTION activity_stat_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{'; '.join(f'DELETE FROM {t}' for t in PERIODS)}; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER activity_stat_truncate AFTER TRUNCATE ON activity "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_stat_clear()"
    )


def downgrade() -> None:
    _unit_triggers(paused=False)
    if _dialect() == "sqlite":
        for name in ("ins", "del", "upd"):
            op.execute(f"DROP TRIGGER IF EXISTS activity_stat_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS activity_stat_truncate ON activity")
        op.execute("DROP TRIGGER IF EXISTS activity_stat_sync ON activity")
        op.execute("DROP FUNCTION IF EXISTS activity_stat_clear()")
        op.execute("DROP FUNCTION IF EXISTS activity_stat_apply()")
    op.drop_table("rollup_pause")
    for table in PERIODS:
        op.drop_table(table)
