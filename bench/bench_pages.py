"""Speed and memory of the dashboard pages, as JSON: first render, re-render, resident memory.

    DATABASE_URL=sqlite:////tmp/kota.db /work/venv/bin/python bench/bench_pages.py \
        [--naive] [--browser --shots /tmp/shots] [--out hasil.json]

Use a copy of a demo database (`python -m ekinerja seed` builds the city: 5,000 employees, 12
months): the benchmark adds two accounts (bench-admin, bench-atasan) and their logins.

What is measured, per page that exists and per role (admin: all units; supervisor: one unit):
- first_s: an AppTest run of the page in a fresh session with every st.cache_data emptied
  (the process itself is warm: modules imported, database file in the OS cache, as on a running
  server after its first visitor);
- rerender_s: the next run of the same session (the cache answers);
- the default view of each page, plus for the analytics pages a 12-month view (variant "12bulan").
Then the resident memory (VmRSS/VmHWM) of this process after every page: an upper bound of the
Streamlit server's, which has no test harness. `--browser` measures the real server instead:
`streamlit run dashboard.py`, headless Chromium visiting every page through the sidebar, the
server's VmRSS afterwards, and a screenshot per page.
`--naive` times the same page data computed by reading whole tables into pandas, each in its own
process (time and peak memory), next to the query layer used by the pages.
Targets: first render <= 1.0 s, re-render <= 0.25 s, server under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from sqlalchemy import Engine, func, select, text  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import db  # noqa: E402
from ekinerja import accounts  # noqa: E402
from ekinerja.access import PAGES, Scope, Viewer  # noqa: E402
from ekinerja.audit import SYSTEM  # noqa: E402
from ekinerja.models import Employee, Unit, UserAccount  # noqa: E402
from ekinerja.queries import activities, devices, overview, reviews, trends  # noqa: E402
from ekinerja.queries.filters import Filters  # noqa: E402
from ekinerja.timeutil import today_wib  # noqa: E402

PASSWORD = "bench-kata-sandi-panjang"
ANALYTICS = ("ringkasan", "tren", "aktivitas", "review", "perangkat")
TARGET_FIRST_S, TARGET_RERENDER_S, TARGET_RSS_MB = 1.0, 0.25, 500


def rss_mb(pid: int | str = "self") -> dict[str, float]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, value = line.split(":")
            out[key.lower()] = round(int(value.split()[0]) / 1024, 1)
    return out


def ensure_accounts(engine: Engine, unit_code: str | None) -> tuple[str, str]:
    """bench-admin and bench-atasan (supervisor of `unit_code`, default the largest unit)."""
    with db.write_session(engine) as s:
        if unit_code is None:
            biggest = s.execute(
                select(Unit.code).join(Employee, Employee.unit_id == Unit.id)  # type: ignore[arg-type]
                .group_by(Unit.code).order_by(func.count().desc()).limit(1)
            ).scalar_one()  # fmt: skip
            unit_code = str(biggest)
        for name, role, units in (
            ("bench-admin", "admin", None),
            ("bench-atasan", "supervisor", [unit_code]),
        ):
            user = s.execute(
                select(UserAccount).where(UserAccount.username == name)  # type: ignore[arg-type]
            ).scalar_one_or_none()
            if user is None:
                accounts.create_user(s, SYSTEM, name, role, PASSWORD, unit_codes=units)
            else:  # a benchmark database: the known password works and nothing is locked
                user.password_hash = accounts.hash_password(PASSWORD)
                user.failed_count, user.locked_until, user.active = 0, None, True
                s.add(user)
    return "bench-admin", unit_code


def token(engine: Engine, username: str) -> str:
    with db.write_session(engine) as s:
        result = accounts.login(s, username, PASSWORD)
    assert result.ok and result.token, username
    return result.token


def app(engine: Engine, username: str, page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.session_state["auth_token"] = token(engine, username)
    at.switch_page(f"pages/{page}.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at


def timed_run(at: AppTest) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds of one run. On a shared, busy machine the CPU time (all
    threads of this process; queries run in-process on SQLite) is what an idle machine would
    need; the wall time includes waiting for other people's processes."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    return time.perf_counter() - start, time.process_time() - cpu


def problems(at: AppTest) -> list[str]:
    found = [f"exception: {e.value}" for e in at.exception]
    return found + [f"error: {e.value}" for e in at.error]


def bench_apptest(engine: Engine, pages: list[str], year_view: bool) -> list[dict[str, Any]]:
    users = {"admin": "bench-admin", "supervisor": "bench-atasan"}
    today = today_wib()
    year = {"dari": (today - timedelta(days=364)).isoformat(), "sampai": today.isoformat()}
    # Warm the process: every module a page imports is loaded once, as on a server in use.
    for page in pages:
        app(engine, users["admin"], page, {}).run()
    results = []
    for role, user in users.items():
        for page in pages:
            spec = next(p for p in PAGES if p.key == page)
            if role not in spec.roles:
                continue
            variants = [("bawaan", {})] + (
                [("12bulan", year)] if year_view and page in ANALYTICS else []
            )
            for variant, params in variants:
                st.cache_data.clear()
                at = app(engine, user, page, params)
                first, first_cpu = timed_run(at)
                again, again_cpu = timed_run(at)
                results.append({
                    "page": page, "role": role, "variant": variant,
                    "first_s": round(first, 3), "rerender_s": round(again, 3),
                    "first_cpu_s": round(first_cpu, 3), "rerender_cpu_s": round(again_cpu, 3),
                    "first_ok": first <= TARGET_FIRST_S, "rerender_ok": again <= TARGET_RERENDER_S,
                    "first_cpu_ok": first_cpu <= TARGET_FIRST_S,
                    "rerender_cpu_ok": again_cpu <= TARGET_RERENDER_S,
                    "problems": problems(at),
                })  # fmt: skip
                print(f"{page:12s} {role:10s} {variant:8s} first {first:6.3f}s (cpu {first_cpu:.3f})"
                      f"  again {again:6.3f}s (cpu {again_cpu:.3f})", file=sys.stderr)  # fmt: skip
    return results


# --- naive baseline: whole tables into pandas ----------------------------------------------------


def _read(engine: Engine, table: str) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(text(f"SELECT * FROM {table}"), conn)  # noqa: S608 - fixed table names


def naive_page(engine: Engine, page: str, start: date, end: date) -> dict[str, Any]:
    """The page's main numbers from whole tables in pandas (what a quick prototype would do)."""
    emp = _read(engine, "employee")
    visible = set(emp.loc[emp["status"] != "dihapus", "id"])
    if page in ("ringkasan", "tren", "aktivitas"):
        ds = _read(engine, "daily_summary")
        ds["work_date"] = pd.to_datetime(ds["work_date"]).dt.date
        ds = ds[(ds["work_date"] >= start) & (ds["work_date"] <= end) & ds["is_workday"].astype(bool)
                & ds["employee_id"].isin(visible)]  # fmt: skip
        present = ds["status"].isin(["hadir", "wfh"])
        per_unit = (
            ds.assign(present=present, ontime=present & (ds["minutes_late"] == 0))
            .groupby("unit_id")[["present", "ontime"]]
            .sum()
        )
        if page == "tren":
            ds["week"] = pd.to_datetime(ds["work_date"]).dt.to_period("W").dt.start_time
            per_unit = (
                ds.assign(present=present).groupby(["week", "unit_id"])["present"].sum().to_frame()
            )
        if page == "aktivitas":
            act = _read(engine, "activity")
            act["work_date"] = pd.to_datetime(act["work_date"]).dt.date
            act = act[
                (act["work_date"] >= start) & (act["work_date"] <= end) & act["deleted_at"].isna()
            ]
            hours = (
                pd.to_datetime(act["decided_at"]) - pd.to_datetime(act["submitted_at"])
            ).dt.total_seconds()
            per_unit = (
                act.assign(hours=hours / 3600)
                .groupby(["employee_id", "status"])[["minutes", "hours"]]
                .sum()
            )
        return {"rows": int(len(per_unit))}
    if page == "review":
        rv = _read(engine, "behaviour_review")
        rv = rv[rv["deleted_at"].isna() & rv["reviewer_id"].isin(visible)]
        return {"rows": int(len(rv.groupby("reviewer_id")["kompeten"].agg(["count", "mean"])))}
    punch = _read(engine, "punch")
    dev = _read(engine, "device")
    punch["work_date"] = pd.to_datetime(punch["work_date"]).dt.date
    punch = punch[
        (punch["work_date"] >= start) & (punch["work_date"] <= end) & (punch["direction"] == "in")
    ]
    merged = punch.merge(dev, on=["employee_id", "device_id"], how="left")
    return {"rows": int((~merged["gps_permission"].fillna(True).astype(bool)).sum())}


def ours_page(engine: Engine, page: str, start: date, end: date) -> None:
    viewer, f, today = (
        Viewer("bench", "admin", Scope.everything()),
        Filters(start, end),
        today_wib(),
    )
    with db.read_session(engine) as s:
        if page == "ringkasan":
            overview.page_data(s, viewer, f, today)
        elif page == "tren":
            trends.series(s, viewer, f, "mingguan", today=today, activity=False)
            trends.breakdown(s, viewer, f, trends.BY_UNIT, today, activity=False)
        elif page == "aktivitas":
            activities.page_data(s, viewer, f, "harian", today)
        elif page == "review":
            reviews.page_data(s, viewer, f)
            reviews.rater_flags(s, viewer, f)
        else:
            devices.page_data(s, viewer, f)


def naive_child(page: str, start: str, end: str) -> None:
    engine = db.get_engine()
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    t0, c0 = time.perf_counter(), time.process_time()
    naive_page(engine, page, first, last)
    naive_s, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    ours_page(engine, page, first, last)
    print(json.dumps({"naive_s": round(naive_s, 3), "naive_cpu_s": round(naive_cpu, 3),
                      "naive_peak_rss_mb": round(peak, 1), "ours_s": round(time.perf_counter() - t0, 3),
                      "ours_cpu_s": round(time.process_time() - c0, 3)}))  # fmt: skip


def bench_naive() -> list[dict[str, Any]]:
    today = today_wib()
    windows = {"ringkasan": 0, "tren": 2, "aktivitas": 0, "review": 2, "perangkat": 0}
    out = []
    for page, months_back in windows.items():
        start = today.replace(day=1)
        for _ in range(months_back):
            start = (start - timedelta(days=1)).replace(day=1)
        done = subprocess.run(
            [sys.executable, __file__, "--naive-child", page, start.isoformat(), today.isoformat()],
            capture_output=True, text=True, check=True, env=os.environ,
        )  # fmt: skip
        row = {"page": page, **json.loads(done.stdout.strip().splitlines()[-1])}
        out.append(row)
        print(f"naive {page:10s} {row}", file=sys.stderr)
    return out


# --- the real server in a browser --------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_browser(pages: list[str], shots: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    shots.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "EKINERJA_MODE": "production"}
    log = (shots / "streamlit.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    visits: list[dict[str, Any]] = []
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        titles = {p.key: p.title for p in PAGES}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync"],
            )  # fmt: skip
            for user, role in (("bench-admin", "admin"), ("bench-atasan", "supervisor")):
                page = browser.new_page(viewport={"width": 1500, "height": 2400}, locale="id-ID")
                page.set_default_timeout(120_000)
                page.goto(url)
                page.wait_for_selector(idle)
                page.get_by_label("Nama pengguna").fill(user)
                page.get_by_label("Kata sandi").fill(PASSWORD)
                page.get_by_role("button", name="Masuk").click()
                page.wait_for_selector("[data-testid='stSidebarNav']")
                for key in pages:
                    spec = next(p for p in PAGES if p.key == key)
                    if role not in spec.roles:
                        continue
                    nav = page.locator("[data-testid='stSidebarNav']")
                    more = nav.get_by_text("View", exact=False)
                    if more.count() and "more" in (more.first.text_content() or ""):
                        more.first.click()
                    start = time.perf_counter()
                    nav.get_by_role("link", name=titles[key]).click()
                    page.wait_for_timeout(200)
                    page.wait_for_selector(idle)
                    seconds = time.perf_counter() - start
                    page.screenshot(path=str(shots / f"{role}_{key}.png"), full_page=True)
                    visits.append({"page": key, "role": role, "seconds_to_idle": round(seconds, 3),
                                   "server_rss_mb": rss_mb(server.pid)["vmrss"]})  # fmt: skip
                    print(f"browser {role:10s} {key:12s} {seconds:6.2f}s", file=sys.stderr)
                page.close()
            browser.close()
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"visits": visits, "server_rss_mb": memory["vmrss"], "server_peak_rss_mb": memory["vmhwm"],
            "rss_ok": memory["vmrss"] < TARGET_RSS_MB}  # fmt: skip


def table_sizes(engine: Engine) -> dict[str, int]:
    out = {}
    with engine.connect() as conn:
        for table in (
            "employee",
            "daily_summary",
            "punch",
            "activity",
            "behaviour_review",
            "device",
            "unit_day_stat",
        ):
            out[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Ukur kecepatan dan memori halaman dashboard (JSON)."
    )
    parser.add_argument("--pages", help="kunci halaman dipisah koma (bawaan: semua yang ada)")
    parser.add_argument("--unit", help="kode unit akun atasan (bawaan: unit terbesar)")
    parser.add_argument(
        "--naive", action="store_true", help="bandingkan dengan cara naif (tabel utuh ke pandas)"
    )
    parser.add_argument("--no-year", action="store_true", help="lewati tampilan 12 bulan")
    parser.add_argument("--browser", action="store_true", help="ukur server sungguhan di Chromium")
    parser.add_argument("--shots", default="/tmp/bench_pages_shots", help="folder tangkapan layar")
    parser.add_argument("--out", help="tulis JSON ke berkas ini juga")
    parser.add_argument("--naive-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_child:
        naive_child(*args.naive_child)
        return 0
    os.environ["EKINERJA_MODE"] = "production"
    engine = db.get_engine()
    db.upgrade(engine)
    _, unit_code = ensure_accounts(engine, args.unit)
    existing = [p.key for p in PAGES if (ROOT / p.path).exists()]
    pages = [p for p in (args.pages.split(",") if args.pages else existing) if p in existing]
    report: dict[str, Any] = {
        "database": engine.url.render_as_string(hide_password=True),
        "tables": table_sizes(engine),
        "supervisor_unit": unit_code,
        "cpus": os.cpu_count(),
        "loadavg_start": os.getloadavg(),
        "targets": {
            "first_s": TARGET_FIRST_S,
            "rerender_s": TARGET_RERENDER_S,
            "rss_mb": TARGET_RSS_MB,
        },
    }
    report["apptest"] = bench_apptest(engine, pages, year_view=not args.no_year)
    report["apptest_process_rss_mb"] = rss_mb()
    if args.naive:
        report["naive_vs_ours"] = bench_naive()
    if args.browser:
        report["browser"] = bench_browser(pages, Path(args.shots))
    report["loadavg_end"] = os.getloadavg()
    output = json.dumps(report, indent=2, ensure_ascii=False)
    print(output)
    if args.out:
        Path(args.out).write_text(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
