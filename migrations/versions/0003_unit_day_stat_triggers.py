"""unit_day_stat follows daily_summary through triggers, and is filled from existing rows

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of ekinerja.models.analytics.STAT_CONDITIONS / STAT_SUMS at this revision
# (tests/test_queries_rollup.py checks they still agree). {r} is NEW, OLD or the table.
_PRESENT = "{r}.status IN ('hadir', 'wfh')"
CONDITIONS = {
    "present": _PRESENT,
    "ontime": f"{_PRESENT} AND {{r}}.minutes_late = 0",
    "early": f"{_PRESENT} AND {{r}}.minutes_early > 0",
    "no_out": f"{_PRESENT} AND {{r}}.last_out IS NULL",
    "tk": "{r}.status = 'tk'",
    "wfh": "{r}.status = 'wfh'",
    "excused": "{r}.status IN ('cuti', 'izin', 'sakit', 'dinas_luar')",
    "belum": "{r}.status = 'belum'",
    "ch_selfie": f"{_PRESENT} AND {{r}}.channel = 'selfie'",
    "ch_wfh": f"{_PRESENT} AND {{r}}.channel = 'wfh'",
    "ch_qr": f"{_PRESENT} AND {{r}}.channel = 'qr'",
    "ch_fingerprint": f"{_PRESENT} AND {{r}}.channel = 'fingerprint'",
}
SUMS = {"late_minutes": f"CASE WHEN {_PRESENT} THEN {{r}}.minutes_late ELSE 0 END"}
COLUMNS = [*CONDITIONS, *SUMS]


def _values(row: str) -> list[str]:
    out = [f"CASE WHEN {cond.format(r=row)} THEN 1 ELSE 0 END" for cond in CONDITIONS.values()]
    return out + [expr.format(r=row) for expr in SUMS.values()]


def _subtract_old(workday_test: str) -> str:
    sets = ", ".join(f"{c} = {c} - ({v})" for c, v in zip(COLUMNS, _values("OLD"), strict=True))
    return (
        f"UPDATE unit_day_stat SET {sets} "
        f"WHERE {workday_test} AND unit_id = OLD.unit_id AND work_date = OLD.work_date"
    )


def _add_new(workday_test: str, table: str) -> str:
    names = ", ".join(COLUMNS)
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COLUMNS)
    # SELECT ... WHERE (not VALUES) so the row is skipped on non-work days; the WHERE also keeps
    # SQLite's parser from reading ON CONFLICT as a join constraint.
    return (
        f"INSERT INTO unit_day_stat (unit_id, work_date, {names}) "
        f"SELECT NEW.unit_id, NEW.work_date, {', '.join(_values('NEW'))} WHERE {workday_test} "
        f"ON CONFLICT (unit_id, work_date) DO UPDATE SET {adds}"
    )


def _backfill() -> str:
    sums = ", ".join(f"SUM({v})" for v in _values("daily_summary"))
    workday = "daily_summary.is_workday"
    if op.get_bind().dialect.name == "sqlite":
        workday += " = 1"
    return (
        f"INSERT INTO unit_day_stat (unit_id, work_date, {', '.join(COLUMNS)}) "
        f"SELECT unit_id, work_date, {sums} FROM daily_summary WHERE {workday} "
        "GROUP BY unit_id, work_date"
    )


def upgrade() -> None:
    op.execute("DELETE FROM unit_day_stat")
    op.execute(_backfill())
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER unit_day_stat_ins AFTER INSERT ON daily_summary "
            f"BEGIN {_add_new('NEW.is_workday', 'unit_day_stat')}; END"
        )
        op.execute(
            "CREATE TRIGGER unit_day_stat_del AFTER DELETE ON daily_summary "
            f"BEGIN {_subtract_old('OLD.is_workday')}; END"
        )
        op.execute(
            "CREATE TRIGGER unit_day_stat_upd AFTER UPDATE ON daily_summary BEGIN "
            f"{_subtract_old('OLD.is_workday')}; {_add_new('NEW.is_workday', 'unit_day_stat')}; END"
        )
        return
    op.execute(
        "CREATE FUNCTION unit_day_stat_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {_subtract_old('OLD.is_workday')}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_add_new('NEW.is_workday', 'unit_day_stat')}; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER unit_day_stat_sync AFTER INSERT OR UPDATE OR DELETE ON daily_summary "
        "FOR EACH ROW EXECUTE FUNCTION unit_day_stat_apply()"
    )
    # TRUNCATE skips row triggers in PostgreSQL: empty the counters with it.
    op.execute(
        "CREATE FUNCTION unit_day_stat_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM unit_day_stat; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER unit_day_stat_truncate AFTER TRUNCATE ON daily_summary "
        "FOR EACH STATEMENT EXECUTE FUNCTION unit_day_stat_clear()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("ins", "del", "upd"):
            op.execute(f"DROP TRIGGER IF EXISTS unit_day_stat_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS unit_day_stat_truncate ON daily_summary")
        op.execute("DROP TRIGGER IF EXISTS unit_day_stat_sync ON daily_summary")
        op.execute("DROP FUNCTION IF EXISTS unit_day_stat_clear()")
        op.execute("DROP FUNCTION IF EXISTS unit_day_stat_apply()")
