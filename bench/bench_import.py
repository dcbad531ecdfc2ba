"""Benchmark: importing one month of city punches (~220,000 rows) from the documented CSV format.

    EKINERJA_BENCH_DB=/tmp/city.db python bench/bench_import.py    # copies it, imports into the copy
    python bench/bench_import.py --employees 5000                     # builds a demo city first

Target (issue #6): the whole file checked and imported (rows, devices, daily summaries, batch,
audit) within 20 s. The file is generated in the documented format (ekinerja.importing.formats)
for the month before the database's first punch: every active employee, every weekday, a
selfie check-in and check-out near their office. Measured: the check alone, the import, and a
re-import of the same file (all duplicates, nothing written). The naive baseline is what a
straightforward importer does, one ORM object and one employee lookup per row; it runs on a
sample and is extrapolated to the whole file. Prints one JSON object.
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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sqlalchemy import Engine, func, select  # noqa: E402
from sqlmodel import Session, col  # noqa: E402

import db  # noqa: E402
from ekinerja.access import Viewer  # noqa: E402
from ekinerja.importing import check_file, import_file  # noqa: E402
from ekinerja.models import Employee, Office, Punch, Unit  # noqa: E402
from ekinerja.timeutil import WIB  # noqa: E402

TARGET_S = 20.0
ADMIN = Viewer("bench", "admin")
HEADER = ("source_key,nip,ts,direction,channel,lat,lon,accuracy_m,mock_location,device_id,"
          "device_os,os_version,app_version,ip,photo_sha256,photo_phash")  # fmt: skip


def _database(employees: int) -> tuple[str, str]:
    """A SQLite copy of EKINERJA_BENCH_DB, or a freshly seeded demo city (1 month)."""
    work = Path(tempfile.mkdtemp(prefix="bench_import_"))
    target = work / "city.db"
    given = os.environ.get("EKINERJA_BENCH_DB")
    if given:
        source = Path(given.split("///", 1)[-1])
        shutil.copy(source, target)
        for suffix in ("-wal", "-shm"):
            if Path(f"{source}{suffix}").exists():
                shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
        return f"sqlite:///{target}", f"copy of {source}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}",
           "EKINERJA_PHOTO_DIR": str(work / "photos")}  # fmt: skip
    cmd = [sys.executable, "-m", "ekinerja", "seed", "--employees", str(employees), "--months",
           "1", "--photo-days", "1"]  # fmt: skip
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return f"sqlite:///{target}", f"demo {employees} employees"


def _month_before_data(session: Session) -> tuple[date, date]:
    first = session.execute(select(func.min(Punch.work_date))).scalar_one_or_none()
    anchor = first or date.today()
    end = anchor.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def make_file(session: Session, start: date, end: date, seed: int = 6) -> bytes:
    """One month of punches of every active employee (a check-in and a check-out each
    weekday near their office), as the app would export them."""
    rows = session.execute(
        select(col(Employee.nip), col(Office.lat), col(Office.lon), col(Office.radius_m))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .join(Office, col(Office.unit_id) == col(Unit.id))
        .where(col(Employee.status) == "aktif")
        .order_by(col(Employee.id), col(Office.id))
    ).all()
    staff = pd.DataFrame(rows, columns=["nip", "lat", "lon", "radius"]).drop_duplicates("nip")
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if d.isoweekday() <= 5]
    rng = np.random.default_rng(seed)
    n_staff, n_days = len(staff), len(days)
    emp = np.repeat(np.arange(n_staff), n_days * 2)
    day = np.tile(np.repeat(np.arange(n_days), 2), n_staff)
    direction = np.tile(np.array(["in", "out"]), n_staff * n_days)
    n = emp.size
    midnight = np.array([pd.Timestamp(d).value // 10**9 for d in days], dtype=np.int64)
    clock = np.where(direction == "in", 7 * 3600 + rng.integers(-1800, 1500, n),
                     16 * 3600 + rng.integers(-900, 3600, n))  # fmt: skip
    local = pd.to_datetime(midnight[day] + clock, unit="s")
    ts = local.strftime("%Y-%m-%dT%H:%M:%S").to_numpy(dtype=object) + "+07:00"
    radius = staff["radius"].to_numpy()[emp] * 0.6
    dist = radius * np.sqrt(rng.random(n))
    angle = rng.random(n) * 2 * np.pi
    lat = np.round(staff["lat"].to_numpy()[emp] + dist * np.cos(angle) / 111_195, 7)
    lon = np.round(staff["lon"].to_numpy()[emp] + dist * np.sin(angle) / 110_300, 7)
    nips = staff["nip"].to_numpy(dtype=object)[emp]
    frame = pd.DataFrame(
        {
            "source_key": [f"bench-{start:%Y%m}-{i}" for i in range(n)],
            "nip": nips,
            "ts": ts,
            "direction": direction,
            "channel": "selfie",
            "lat": lat,
            "lon": lon,
            "accuracy_m": np.round(3 + rng.random(n) * 20, 1),
            "mock_location": "false",
            "device_id": [f"hp-{e:05d}" for e in emp],
            "device_os": "Android",
            "os_version": "14",
            "app_version": "3.2.1",
            "ip": [
                f"114.125.{a}.{b}"
                for a, b in zip(rng.integers(0, 256, n), rng.integers(1, 255, n), strict=True)
            ],
            "photo_sha256": [f"{x:016x}" * 4 for x in rng.integers(0, 2**63, n)],
            "photo_phash": [f"{x:016x}" for x in rng.integers(0, 2**63, n)],
        }
    )
    return frame.to_csv(index=False, lineterminator="\r\n").encode()


def naive_import(engine: Engine, data: bytes, sample: int) -> tuple[float, int]:
    """Row by row: parse, look the employee up, build an ORM object, add it; one commit."""
    import csv
    import io
    from datetime import datetime

    lines = list(csv.DictReader(io.StringIO(data.decode())))[:sample]
    t0 = time.perf_counter()
    with db.write_session(engine) as session:
        for rec in lines:
            emp = session.execute(
                select(Employee.id).where(Employee.nip == rec["nip"])
            ).scalar_one()
            ts = datetime.fromisoformat(rec["ts"])
            session.add(
                Punch(
                    employee_id=emp,
                    channel=rec["channel"],
                    direction=rec["direction"],
                    ts=ts,
                    work_date=ts.astimezone(WIB).date(),
                    lat=float(rec["lat"]),
                    lon=float(rec["lon"]),
                    accuracy_m=float(rec["accuracy_m"]),
                    device_id=rec["device_id"],
                    source_key="naive-" + rec["source_key"],
                )  # fmt: skip
            )
        session.flush()
        elapsed = time.perf_counter() - t0
        session.rollback()
    return elapsed, len(lines)


class Clock:
    """Wall and CPU seconds: on a shared machine the CPU figure is the stable one."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> dict[str, float]:
        return {"wall_s": round(time.perf_counter() - self.wall, 2),
                "cpu_s": round(time.process_time() - self.cpu, 2)}  # fmt: skip


def _timed_summary_refresh(sink: dict[str, Any]) -> None:
    """Measure the daily-summary refresh inside the import (it is the summary module's work)."""
    from ekinerja.importing import writer

    original = writer.refresh_days

    def timed(session: Session, frame: pd.DataFrame) -> None:
        clock = Clock()
        original(session, frame)
        sink["summary_refresh"] = clock.read()

    writer.refresh_days = timed  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--naive-sample", type=int, default=10_000)
    args = parser.parse_args()
    url, source = _database(args.employees)
    engine = db.get_engine(url)
    db.upgrade(engine)
    with db.read_session(engine) as session:
        start, end = _month_before_data(session)
        t0 = time.perf_counter()
        data = make_file(session, start, end)
        t_make = time.perf_counter() - t0
    rows = data.count(b"\n") - 1
    out: dict[str, Any] = {"database": source, "month": f"{start:%Y-%m}", "rows": rows,
                           "file_mb": round(len(data) / 2**20, 1),
                           "file_generation_s": round(t_make, 2)}  # fmt: skip

    with db.read_session(engine) as session:
        clock = Clock()
        report = check_file(session, ADMIN, "bench.csv", data)
        out["check_only"] = clock.read()
    assert report.ok, report.issues.head()
    inside: dict[str, Any] = {}
    _timed_summary_refresh(inside)
    clock = Clock()
    with db.write_session(engine) as session:
        result = import_file(session, ADMIN, "bench.csv", data)
    out["import"] = {**clock.read(), "of_which_summary_refresh": inside.get("summary_refresh")}
    out["import_s"] = out["import"]["wall_s"]
    out["inserted"] = result.inserted
    clock = Clock()
    with db.write_session(engine) as session:
        again = import_file(session, ADMIN, "bench.csv", data)
    out["reimport"] = clock.read()
    out["reimport_duplicates"] = again.duplicates
    naive_s, sample = naive_import(engine, data, args.naive_sample)
    out["naive_sample_rows"] = sample
    out["naive_sample_s"] = round(naive_s, 2)
    out["naive_extrapolated_s"] = round(naive_s / sample * rows, 1)
    out["speedup_vs_naive"] = round(naive_s / sample * rows / out["import_s"], 1)
    out["target_s"] = TARGET_S
    out["within_target_wall"] = out["import_s"] <= TARGET_S
    out["within_target_cpu"] = out["import"]["cpu_s"] <= TARGET_S
    out["load_average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
