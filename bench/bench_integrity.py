"""Benchmark: all integrity checks over one month of city data, with precision and recall.

    EKINERJA_BENCH_DB=/tmp/city.db python bench/bench_integrity.py   # an existing demo database
    python bench/bench_integrity.py --employees 5000                   # builds a demo city first

Target (issue #6): every rule over one month of a 5,000-employee city within 10 s (read, detect,
store). The findings are stored in a transaction that is rolled back, so the database is not
changed. Ground truth is the demo generator's AppSetting "demo_planted"; a planted story is found
when a finding of the matching kind names the same employee on that day (or the same punches).
Precision per kind counts findings that match a planted story of that kind; findings on ordinary
employees are the false alarms. The naive baseline does the geofence, travel, same-second and
photo rules one punch (or one pair) at a time; the photo pairs are timed on a sample and
extrapolated. Prints one JSON object; wall and CPU seconds (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402
from sqlmodel import Session, col  # noqa: E402

import db  # noqa: E402
from ekinerja.access import Viewer  # noqa: E402
from ekinerja.geo import haversine_m  # noqa: E402
from ekinerja.integrity import KINDS, Thresholds, detect, inputs, run_checks  # noqa: E402
from ekinerja.models import Employee, Punch  # noqa: E402
from ekinerja.models.settings import get_setting  # noqa: E402
from ekinerja.photos import hamming  # noqa: E402

TARGET_S = 10.0
ADMIN = Viewer("bench", "admin")
# The demo generator's names for what the rules call otherwise.
KIND_MAP = {"reused_photo": "photo_reuse", "near_duplicate_photo": "photo_reuse",
            "clockwork": "same_second"}  # fmt: skip


def _database(employees: int, months: int) -> tuple[str, str]:
    given = os.environ.get("EKINERJA_BENCH_DB")
    if given:
        return (given if "://" in given else f"sqlite:///{given}"), "EKINERJA_BENCH_DB"
    work = Path(tempfile.mkdtemp(prefix="bench_integrity_"))
    url = f"sqlite:///{work / 'city.db'}"
    env = {**os.environ, "DATABASE_URL": url, "EKINERJA_PHOTO_DIR": str(work / "photos")}
    cmd = [sys.executable, "-m", "ekinerja", "seed", "--employees", str(employees),
           "--months", str(months)]  # fmt: skip
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return url, f"demo {employees} employees, {months} months"


class Clock:
    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> dict[str, float]:
        return {"wall_s": round(time.perf_counter() - self.wall, 3),
                "cpu_s": round(time.process_time() - self.cpu, 3)}  # fmt: skip


def _period(session: Session, planted: list[dict[str, Any]]) -> tuple[date, date]:
    last = session.execute(select(func.max(Punch.work_date))).scalar_one()
    days = [date.fromisoformat(str(p["work_date"])) for p in planted
            if KIND_MAP.get(str(p["kind"]), str(p["kind"])) in KINDS]  # fmt: skip
    start = min([last - timedelta(days=30), *days])
    return start, last


def _naive(data: inputs.Inputs, sample: int) -> dict[str, Any]:
    """The same rules, one row at a time (what a first version would do)."""
    out: dict[str, Any] = {}
    p = data.punches[data.in_period]
    offices = defaultdict(list)
    for o in data.offices.itertuples():
        offices[o.unit_id].append((o.lat, o.lon, o.radius_m))
    unit_of = dict(zip(data.staff["employee_id"], data.staff["unit_id"], strict=True))
    t = Clock()
    flagged = 0
    for r in p[p["channel"] == "selfie"].itertuples():
        fences = offices.get(unit_of.get(r.employee_id), [])
        if fences and min(haversine_m(r.lat, r.lon, a, b) - rad for a, b, rad in fences) > 0.01:
            flagged += 1
    out["geofence"] = t.read()
    t = Clock()
    last: dict[int, Any] = {}
    for r in data.punches.sort_values("ts").itertuples():
        if r.lat == r.lat and r.employee_id in last:
            a = last[r.employee_id]
            km = haversine_m(a.lat, a.lon, r.lat, r.lon) / 1000
            hours = max((r.ts - a.ts).total_seconds(), 1) / 3600
            flagged += km > 2 and km / hours > 100
        if r.lat == r.lat:
            last[r.employee_id] = r
    out["travel"] = t.read()
    t = Clock()
    seen: Counter[tuple[int, str]] = Counter()
    for r in p.itertuples():
        seen[(r.employee_id, r.ts.strftime("%H:%M:%S"))] += 1
    out["same_second"] = t.read()
    photos = p["photo_phash"].dropna().tolist()
    n = len(photos)
    k = min(sample, n)
    t = Clock()
    for i in range(k):
        for j in range(i + 1, k):
            hamming(photos[i], photos[j])
    pairs_timed = k * (k - 1) / 2
    timed = t.read()
    factor = (n * (n - 1) / 2) / pairs_timed if pairs_timed else 0
    out["photo_pairs"] = {"photos": n, "sample": k, "sample_wall_s": timed["wall_s"],
                          "extrapolated_wall_s": round(timed["wall_s"] * factor, 1)}  # fmt: skip
    out["total_extrapolated_wall_s"] = round(
        out["geofence"]["wall_s"] + out["travel"]["wall_s"] + out["same_second"]["wall_s"]
        + out["photo_pairs"]["extrapolated_wall_s"], 1
    )  # fmt: skip
    return out


def _score(session: Session, found: list[Any], planted: list[dict[str, Any]]) -> dict[str, Any]:
    nip_of = dict(session.execute(select(col(Employee.id), col(Employee.nip))).all())
    punch_ids = sorted({i for c in found for i in c.evidence.get("punch_ids", [])})
    keys: dict[int, str] = {}
    for i in range(0, len(punch_ids), 5000):
        keys.update(session.execute(select(col(Punch.id), col(Punch.source_key))
                                    .where(col(Punch.id).in_(punch_ids[i:i + 5000]))).all())  # fmt: skip
    covered = []
    for c in found:
        days = {
            c.work_date + timedelta(days=k) for k in range((c.last_date - c.work_date).days + 1)
        }
        days |= {date.fromisoformat(d) for d in c.evidence.get("dates", [])}
        srcs = {keys.get(i) for i in c.evidence.get("punch_ids", [])}
        covered.append((c.kind, nip_of[c.employee_id], days, srcs))

    def related(cov: tuple[str, str, set[date], set[Any]], p: dict[str, Any]) -> bool:
        _, nip, days, srcs = cov
        return nip == p["nip"] and (date.fromisoformat(str(p["work_date"])) in days
                                    or bool(srcs & set(p.get("source_keys", []))))  # fmt: skip

    def matches(cov: tuple[str, str, set[date], set[Any]], p: dict[str, Any]) -> bool:
        return cov[0] == KIND_MAP.get(str(p["kind"]), str(p["kind"])) and related(cov, p)

    per_kind: dict[str, Any] = {}
    for kind in KINDS:
        truth = [p for p in planted if KIND_MAP.get(str(p["kind"]), str(p["kind"])) == kind]
        mine = [cov for cov in covered if cov[0] == kind]
        hit = sum(1 for p in truth if any(matches(cov, p) for cov in mine))
        true_pos = sum(1 for cov in mine if any(matches(cov, p) for p in truth))
        ordinary = sum(1 for cov in mine if not any(related(cov, p) for p in planted))
        per_kind[kind] = {
            "planted": len(truth),
            "found": hit,
            "recall": round(hit / len(truth), 3) if truth else None,
            "findings": len(mine),
            "precision": round(true_pos / len(mine), 3) if mine else None,
            "false_alarms_on_ordinary_employees": ordinary,
        }
    not_covered = Counter(str(p["kind"]) for p in planted
                          if KIND_MAP.get(str(p["kind"]), str(p["kind"])) not in KINDS)  # fmt: skip
    return {"per_kind": per_kind, "planted_kinds_without_attendance_rule": dict(not_covered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--months", type=int, default=2)
    parser.add_argument("--photo-sample", type=int, default=1500)
    args = parser.parse_args()
    url, source = _database(args.employees, args.months)
    engine: Engine = db.get_engine(url)
    out: dict[str, Any] = {"database": source}
    cfg = Thresholds()
    with db.read_session(engine) as session:
        planted = json.loads(get_setting(session, "demo_planted") or "[]")
        start, end = _period(session, planted)
        out["period"] = [start.isoformat(), end.isoformat(), (end - start).days + 1]
        clock = Clock()
        data = inputs.load(session, start, end, cfg.photo_lookback_days)
        out["load"] = clock.read()
        out["punches_read"] = len(data.punches)
        detection = detect(data, cfg)
        out["rules_wall_s"] = {k: round(v, 3) for k, v in detection.seconds.items()}
        out["detect_total"] = clock.read()
        out["quality"] = _score(session, detection.candidates, planted)
        out["naive"] = _naive(data, args.photo_sample)
    # End to end as the page and the CLI run it (read, detect, store, audit), then rolled back.
    with Session(engine) as session:
        clock = Clock()
        result = run_checks(session, ADMIN, start, end, cfg)
        out["run_checks_end_to_end"] = {**clock.read(), "findings": result.new}
        session.rollback()
    wall = out["run_checks_end_to_end"]["wall_s"]
    out["target_s"] = TARGET_S
    out["within_target_wall"] = wall <= TARGET_S
    out["within_target_cpu"] = out["run_checks_end_to_end"]["cpu_s"] <= TARGET_S
    out["load_average"] = [round(x, 1) for x in os.getloadavg()]
    out["speedup_vs_naive"] = round(out["naive"]["total_extrapolated_wall_s"] / wall, 1)
    print(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
