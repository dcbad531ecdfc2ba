"""Benchmark: data governance at city scale, against a naive row-by-row baseline.

    EKINERJA_BENCH_DB=/tmp/city.db python bench/bench_governance.py
    python bench/bench_governance.py --employees 1000 --months 12   # builds a demo DB first

Measured on a copy of the database, every transaction rolled back:
- the retention run in its worst case (everything expired: `now` five years ahead, the grace
  period and every category at its minimum) with one unit under a legal hold, set-based SQL;
- the naive baseline of the same run: load each expired punch, check holds in Python, delete it
  through the ORM (timed on a sample, extrapolated to all expired punches);
- one account deletion, the Kelola Data search, one access-request ZIP, audit verification.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402
from sqlmodel import Session  # noqa: E402

import db  # noqa: E402
from ekinerja import audit  # noqa: E402
from ekinerja.access import Viewer  # noqa: E402
from ekinerja.governance import (  # noqa: E402
    access_export,
    deletion,
    holds,
    protection,
    records,
    retention,
)
from ekinerja.models import Employee, LegalHold, Punch, RetentionRule, Unit  # noqa: E402
from ekinerja.timeutil import today_wib, utc_now  # noqa: E402

ADMIN = Viewer("bench", "admin")
SAMPLE = 2000


def _source(employees: int, months: int) -> Path:
    given = os.environ.get("EKINERJA_BENCH_DB")
    if given:
        return Path(given.removeprefix("sqlite:///"))
    path = Path(tempfile.mkdtemp(prefix="bench_gov_")) / "city.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    cmd = [sys.executable, "-m", "ekinerja", "seed", "--employees", str(employees),
           "--months", str(months)]  # fmt: skip
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return path


def _copy(source: Path) -> Engine:
    """Work on a copy: the measured runs delete for real before they roll back."""
    src = db.get_engine(f"sqlite:///{source}")
    with src.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    src.dispose()
    target = Path(tempfile.mkdtemp(prefix="bench_gov_copy_")) / "copy.db"
    shutil.copy(source, target)
    engine = db.get_engine(f"sqlite:///{target}")
    db.upgrade(engine)
    return engine


def _timed(engine: Engine, work: Callable[[Session], Any]) -> tuple[float, Any]:
    """Seconds for `work` in one write transaction that is then rolled back."""
    with db.write_session(engine) as session:
        start = time.perf_counter()
        result = work(session)
        session.flush()
        elapsed = time.perf_counter() - start
        session.rollback()
    return elapsed, result


def _worst_case_rules(session: Session) -> None:
    for key, cat in retention.CATEGORIES.items():
        if cat.min_days is not None:
            session.add(RetentionRule(category=key, keep_days=cat.min_days, updated_by="bench"))
    session.flush()


def _naive_sample(session: Session, now_day: Any) -> float:
    """Per-row cost of the naive way: ORM load, Python hold check, ORM delete."""
    cutoff = now_day - timedelta(days=730)
    rows = session.scalars(select(Punch).where(Punch.work_date < cutoff).limit(SAMPLE)).all()
    start = time.perf_counter()
    for row in rows:
        if protection.check(session, [row.employee_id], row.work_date, row.work_date) is None:
            session.delete(row)
    session.flush()
    return (time.perf_counter() - start) / max(len(rows), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()
    engine = _copy(_source(args.employees, args.months))
    now = utc_now() + timedelta(days=5 * 365)
    with db.write_session(engine) as s:
        _worst_case_rules(s)
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
        holds.place_hold(s, ADMIN, holds.HoldRequest("BENCH-1/2026", unit_id=unit_id))
        punches = s.execute(select(func.count()).select_from(Punch)).scalar_one()
        employees = s.execute(select(func.count()).select_from(Employee)).scalar_one()
        person = s.scalars(
            select(Employee.id).where(Employee.unit_id != unit_id).order_by(Employee.id)
        ).first()
        version = s.get(Employee, person).version  # type: ignore[union-attr]

    run_s, report = _timed(engine, lambda s: retention.run(s, ADMIN, now, dry_run=True))
    expired = report.categories["absensi"].removed
    kept = sum(report.categories["absensi"].kept.counts.values())
    _, naive_row_s = _timed(engine, lambda s: _naive_sample(s, now.date()))
    delete_s, _ = _timed(
        engine, lambda s: deletion.delete_account(s, ADMIN, person, version, "bench penghapusan")
    )
    flt = records.RecordFilter(text="Budi", start=today_wib() - timedelta(days=30), end=today_wib())
    search_s, found = _timed(engine, lambda s: records.find(s, ADMIN, "punch", flt))
    export_s, package = _timed(engine, lambda s: access_export.build(s, ADMIN, person))
    with db.read_session(engine) as s:
        start = time.perf_counter()
        verified = audit.verify(s)
        verify_s = time.perf_counter() - start
        holds_active = s.execute(select(func.count()).select_from(LegalHold)).scalar_one()
    print(json.dumps({
        "employees": employees, "punches": punches, "holds": holds_active,
        "retention_worst_case_s": round(run_s, 2),
        "retention_punches_removed": expired, "retention_punches_kept_by_hold": kept,
        "naive_per_punch_ms": round(naive_row_s * 1000, 3),
        "naive_extrapolated_s": round(naive_row_s * (expired + kept), 1),
        "speedup": round(naive_row_s * (expired + kept) / run_s, 1) if run_s else None,
        "account_deletion_s": round(delete_s, 3),
        "kelola_search_s": round(search_s, 3), "kelola_search_rows": len(found),
        "access_zip_s": round(export_s, 3), "access_zip_bytes": len(package.data),
        "audit_verify_s": round(verify_s, 3), "audit_entries": verified.checked,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
