"""Benchmark: building the city-scale demo, against a naive ORM baseline on a slice.

    python bench/bench_seed.py                        # 5,000 employees x 12 months, temp folder
    python bench/bench_seed.py --employees 300 --months 2 --keep /tmp/seed.db

Target: the city (about 2.3-2.6 million punches, 1.2 million daily summaries, 3.6 million
activities) within 60 s on the 2-core development machine. Besides wall-clock seconds it reports
the CPU seconds of the builder (its two threads together) and of the photo worker, since the
machine is shared and wall time depends on what else runs. The baseline inserts a slice of the
built punches one ORM object at a time (`session.add`), as code without `ekinerja.bulk` would,
and the same slice with `bulk_insert`; the ratio is rows per second of the two. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlmodel import Session  # noqa: E402

import db  # noqa: E402
from data.demo import DemoConfig, build_demo  # noqa: E402
from ekinerja.bulk import bulk_insert  # noqa: E402
from ekinerja.models import Punch  # noqa: E402

TARGET_S = 60.0
PUNCH_COLUMNS = [c.name for c in Punch.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]


def _fresh(folder: Path, name: str, template: Path) -> Engine:
    path = folder / name
    shutil.copy(template, path)
    return db.get_engine(f"sqlite:///{path}")


def _slice(engine: Engine, rows: int) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = pd.read_sql(
            text(f"SELECT {', '.join(PUNCH_COLUMNS)} FROM punch ORDER BY id LIMIT {rows}"), conn
        )
    for name in ("ts", "created_at", "deleted_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True)
    frame["work_date"] = pd.to_datetime(frame["work_date"]).dt.date
    frame["mock_location"] = frame["mock_location"].astype(bool)
    return frame


def _copy_org(source: Engine, target: Engine) -> None:
    """Employees and places the slice refers to (foreign keys are checked in the baseline)."""
    with source.connect() as src, target.begin() as dst:
        for table in (
            "work_schedule",
            "unit",
            "office",
            "fingerprint_device",
            "qr_code",
            "employee",
        ):
            frame = pd.read_sql(text(f"SELECT * FROM {table}"), src)
            for col in frame.columns:
                if col.endswith("_at"):
                    frame[col] = pd.to_datetime(frame[col], utc=True)
            for col in ("birth_date", "valid_from", "valid_to"):
                if col in frame:
                    frame[col] = pd.to_datetime(frame[col])
            for col in (
                "start",
                "end_mon_thu",
                "end_fri",
                "ramadan_start",
                "ramadan_end_mon_thu",
                "ramadan_end_fri",
            ):
                if col in frame:
                    frame[col] = pd.to_datetime(frame[col], format="%H:%M:%S.%f").dt.time
            for col in ("is_shift", "deactivated_for_violation"):
                if col in frame:
                    frame[col] = frame[col].astype(bool)
            for col in ("parent_id", "supervisor_id", "office_id"):
                if col in frame:
                    frame[col] = frame[col].astype("Int64")
            bulk_insert(dst, table, frame)


def _naive(engine: Engine, frame: pd.DataFrame) -> float:
    records = frame.to_dict("records")
    for rec in records:
        for key, value in rec.items():
            if value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
                rec[key] = None
            elif isinstance(value, pd.Timestamp):
                rec[key] = value.to_pydatetime()
    started = time.perf_counter()
    with Session(engine) as session:
        for rec in records:
            session.add(Punch(**rec))
        session.commit()
    return time.perf_counter() - started


def _bulk(engine: Engine, frame: pd.DataFrame) -> float:
    started = time.perf_counter()
    with engine.begin() as conn:
        bulk_insert(conn, Punch, frame)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--end", type=date.fromisoformat, default=None)
    parser.add_argument("--slice", type=int, default=20_000, help="punches in the naive comparison")
    parser.add_argument("--keep", type=Path, default=None, help="keep the built database here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench_seed_"))
    os.environ["EKINERJA_PHOTO_DIR"] = str(folder / "photos")
    try:
        template = folder / "template.db"
        empty = db.get_engine(f"sqlite:///{template}")
        db.upgrade(empty)
        with empty.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        empty.dispose()
        db.get_engine.cache_clear()

        engine = _fresh(folder, "city.db", template)
        report = build_demo(
            engine,
            DemoConfig(employees=args.employees, months=args.months, end=args.end),
            progress=lambda f, m: print(f"[{f:4.0%}] {m}", file=sys.stderr, flush=True),
            exclusive=True,
        )

        part = _slice(engine, args.slice)
        naive_engine = _fresh(folder, "naive.db", template)
        bulk_engine = _fresh(folder, "bulk.db", template)
        _copy_org(engine, naive_engine)
        _copy_org(engine, bulk_engine)
        naive_s = _naive(naive_engine, part)
        bulk_s = _bulk(bulk_engine, part)
        total_rows = sum(report.rows.values())
        result = {
            "employees": args.employees,
            "months": args.months,
            "seconds": round(report.seconds, 1),
            "target_seconds": TARGET_S,
            "cpu_seconds_builder": round(report.cpu_seconds, 1),
            "cpu_seconds_writer_thread": round(report.writer_cpu_seconds, 1),
            "cpu_seconds_photo_worker": round(report.photo_cpu_seconds, 1),
            "load_average_1m": round(os.getloadavg()[0], 1),
            "rows": report.rows,
            "rows_total": total_rows,
            "db_mb": round(report.db_bytes / 1e6, 1),
            "photos": report.photos,
            "planted": report.planted,
            "naive_slice_rows": len(part),
            "naive_orm_rows_per_s": round(len(part) / naive_s),
            "bulk_rows_per_s": round(len(part) / bulk_s),
            "speedup_vs_naive": round(naive_s / bulk_s, 1),
            "naive_projected_seconds_all_rows": round(total_rows * naive_s / len(part)),
        }
        if args.keep:
            engine.dispose()
            shutil.copy(folder / "city.db", args.keep)
        print(json.dumps(result, indent=2, ensure_ascii=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
