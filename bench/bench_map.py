"""Benchmark of the attendance map (Peta Absensi) against a naive approach, as JSON.

    DATABASE_URL=sqlite:////tmp/kota.db python bench/bench_map.py [--day 2026-11-27] [--month 2026-10]

On the city-scale demo database (`python -m ekinerja seed`, 5,000 employees, 12 months) it
measures what one page view costs on the server: the SQL (count, points or grid cells), the
geofence classification, building the folium map and rendering its HTML (the bytes sent to the
browser on every rerun). Targets: a one-day city map within 0.5 s; a one-month city map within
2 s and under 5 MB of HTML.

The naive baseline, in the same run: the whole punch table read into pandas, filtered there, and
every point drawn as its own folium Marker with a tooltip. Drawing a month of the city that way
would take minutes, so for more than --naive-sample points the marker cost is measured on a
sample and extrapolated linearly (marked "extrapolated").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import pandas as pd  # noqa: E402
from sqlalchemy import text  # noqa: E402

import db  # noqa: E402
from ekinerja import maps  # noqa: E402
from ekinerja.access import Viewer  # noqa: E402
from ekinerja.queries import checkins  # noqa: E402
from ekinerja.queries.filters import Filters  # noqa: E402

ADMIN = Viewer("bench", "admin")
TARGETS = {"day_s": 0.5, "month_s": 2.0, "month_html_bytes": 5 * 1024 * 1024}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def ours(engine: Any, start: date, end: date, repeat: int) -> dict[str, Any]:
    stages: dict[str, float] = {}

    def query() -> checkins.MapView:
        with db.read_session(engine) as session:
            return checkins.map_view(session, ADMIN, Filters(start, end))

    stages["query_and_classify_s"], view = timed(query, repeat)

    def build() -> folium.Map:
        return maps.build_map(view.rows, view.offices, view.mode, multi_day=start != end)

    stages["build_s"], m = timed(build, repeat)
    stages["render_s"], page = timed(lambda: m.get_root().render(), repeat)
    return {
        "mode": str(view.mode),
        "checkins": view.total,
        "drawn_rows": len(view.rows),
        "seconds": round(sum(stages.values()), 3),
        "stages": {k: round(v, 3) for k, v in stages.items()},
        "html_bytes": len(page),
    }


def naive_table(engine: Any) -> tuple[float, pd.DataFrame]:
    """The whole punch table and the employee names in pandas, as a first version would do."""
    t0 = time.perf_counter()
    with engine.connect() as conn:
        punches = pd.read_sql(text("SELECT * FROM punch"), conn)
        people = pd.read_sql(text("SELECT id, name FROM employee"), conn)
    frame = punches.merge(people, left_on="employee_id", right_on="id", suffixes=("", "_e"))
    return time.perf_counter() - t0, frame


def naive_map(frame: pd.DataFrame, start: date, end: date, sample: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    day = pd.to_datetime(frame["work_date"]).dt.date
    rows = frame[(day >= start) & (day <= end) & frame["deleted_at"].isna() & frame["lat"].notna()]
    filter_s = time.perf_counter() - t0
    drawn = rows.head(sample)
    t0 = time.perf_counter()
    m = folium.Map(location=list(maps.CITY_CENTER), zoom_start=13)
    for r in drawn.itertuples(index=False):
        folium.Marker([r.lat, r.lon], tooltip=f"{r.name} {r.ts}").add_to(m)
    page = m.get_root().render()
    marker_s = time.perf_counter() - t0
    factor = len(rows) / max(len(drawn), 1)
    return {
        "checkins": len(rows),
        "filter_in_pandas_s": round(filter_s, 3),
        "markers_and_render_s": round(marker_s * factor, 3),
        "html_bytes": int(len(page) * factor),
        "extrapolated": len(drawn) < len(rows),
        "sample": len(drawn),
    }


def default_dates(engine: Any) -> tuple[date, date, date]:
    """The last weekday with check-ins, and the last complete month before it."""
    with engine.connect() as conn:
        last = conn.execute(text("SELECT max(work_date) FROM punch")).scalar_one()
    day = pd.Timestamp(str(last)).date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    month_end = day.replace(day=1) - timedelta(days=1)
    return day, month_end.replace(day=1), month_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=date.fromisoformat, default=None)
    parser.add_argument("--month", default=None, help="YYYY-MM")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-sample", type=int, default=5000)
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()

    engine = db.get_engine()
    day, month_start, month_end = default_dates(engine)
    day = args.day or day
    if args.month:
        month_start = date.fromisoformat(args.month + "-01")
        month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    with engine.connect() as conn:
        employees = conn.execute(text("SELECT count(*) FROM employee")).scalar_one()
        punches = conn.execute(text("SELECT count(*) FROM punch")).scalar_one()
    result: dict[str, Any] = {
        "database": engine.url.render_as_string(hide_password=True),
        "employees": employees,
        "punches": punches,
        "targets": TARGETS,
        "day": {"date": day.isoformat(), "ours": ours(engine, day, day, args.repeat)},
        "month": {
            "from": month_start.isoformat(),
            "to": month_end.isoformat(),
            "ours": ours(engine, month_start, month_end, args.repeat),
        },
    }
    if not args.skip_naive:
        read_s, frame = naive_table(engine)
        result["naive_read_whole_table_s"] = round(read_s, 3)
        result["day"]["naive"] = naive_map(frame, day, day, args.naive_sample)
        result["month"]["naive"] = naive_map(frame, month_start, month_end, args.naive_sample)
        for key in ("day", "month"):
            naive = result[key]["naive"]
            total = read_s + naive["filter_in_pandas_s"] + naive["markers_and_render_s"]
            naive["seconds"] = round(total, 3)
            result[key]["speedup"] = round(total / max(result[key]["ours"]["seconds"], 1e-9), 1)
    result["met"] = {
        "day_within_0_5_s": result["day"]["ours"]["seconds"] <= TARGETS["day_s"],
        "month_within_2_s": result["month"]["ours"]["seconds"] <= TARGETS["month_s"],
        "month_html_under_5_mb": result["month"]["ours"]["html_bytes"]
        < TARGETS["month_html_bytes"],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
