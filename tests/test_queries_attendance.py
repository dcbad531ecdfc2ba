"""Ringkasan and Tren numbers from a small exact dataset, on SQLite and PostgreSQL.

Expected values come from a plain-Python reading of the same rows (ROWS below), following the
definitions in ekinerja.queries.attendance, plus a few numbers worked out by hand.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import select

import db
from ekinerja import summary
from ekinerja.access import Scope, Viewer
from ekinerja.models import DailySummary, UnitDayStat
from ekinerja.models.analytics import STAT_CONDITIONS, STAT_SUMS
from ekinerja.queries import attendance as att
from ekinerja.queries import buckets, overview, trends
from ekinerja.queries.filters import Filters
from tests import factories as f

TODAY = date(2026, 11, 18)
WEEK1 = [date(2026, 10, 5) + timedelta(days=i) for i in range(5)]  # Monday..Friday
ADMIN = Viewer("admin", "admin")

# employee -> [(day, status, minutes_late, minutes_early, channel, checked_out)]
H, W = "hadir", "wfh"
ROWS: dict[str, list[tuple[date, str, int, int, str | None, bool]]] = {
    "a1": [(WEEK1[0], H, 10, 0, "fingerprint", True), (WEEK1[1], H, 0, 0, "selfie", True),
           (WEEK1[2], W, 0, 0, "wfh", True), (WEEK1[3], "tk", 0, 0, None, False),
           (WEEK1[4], "cuti", 0, 0, None, False), (date(2026, 10, 12), H, 5, 20, "qr", True)],
    "a2": [(WEEK1[0], H, 0, 0, "fingerprint", True), (WEEK1[1], H, 30, 0, "fingerprint", False),
           (WEEK1[2], "sakit", 0, 0, None, False), (WEEK1[3], H, 0, 15, "fingerprint", True),
           (WEEK1[4], H, 0, 0, "qr", True)],
    "a3": [(WEEK1[0], "tk", 0, 0, None, False), (WEEK1[1], "tk", 0, 0, None, False),
           (WEEK1[2], H, 0, 0, "fingerprint", True), (WEEK1[3], H, 1, 0, "fingerprint", True),
           (WEEK1[4], "dinas_luar", 0, 0, None, False)],
    "b1": [(WEEK1[0], H, 0, 0, "fingerprint", True), (WEEK1[1], H, 0, 0, "fingerprint", True),
           (WEEK1[2], H, 60, 0, "fingerprint", True), (WEEK1[3], W, 0, 0, "wfh", True),
           (WEEK1[4], "izin", 0, 0, None, False), (date(2026, 11, 2), H, 0, 0, "selfie", True)],
    "b2": [(WEEK1[0], H, 0, 0, "selfie", True), (WEEK1[1], H, 0, 0, "selfie", True),
           (WEEK1[2], "tk", 0, 0, None, False), (WEEK1[3], H, 0, 0, "fingerprint", True),
           (WEEK1[4], H, 0, 0, "fingerprint", True)],
    # Erased: still has summary rows (until a purge), must never count.
    "x": [(WEEK1[0], H, 100, 0, "fingerprint", True), (WEEK1[1], "tk", 0, 0, None, False)],
}  # fmt: skip
UNIT_OF = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "x": "A"}


@dataclass
class World:
    units: dict[str, int]
    people: dict[str, int]


def build(engine: Engine) -> World:
    with db.write_session(engine) as s:
        units = {"A": f.unit(s, "UA", name="Unit Alfa"), "B": f.unit(s, "UB", name="Unit Beta")}
        people = {}
        for n, key in enumerate(ROWS, start=1):
            status = "dihapus" if key == "x" else "aktif"
            e = f.employee(s, units[UNIT_OF[key]], n, name=f"Pegawai {key}", status=status)
            people[key] = e.id
            for day, st, late, early, channel, out in ROWS[key]:
                f.summary_day(s, e, day, st, minutes_late=late, minutes_early=early, channel=channel,
                              checked_out=out)  # fmt: skip
            if key == "a1":  # a Saturday with punches: not a work day, never counted
                f.summary_day(s, e, date(2026, 10, 10), "libur", is_workday=False)
        return World({k: u.id for k, u in units.items()}, people)  # type: ignore[misc]


def reference(keys: list[str], start: date, end: date) -> dict[str, int]:
    """The counters by their definitions, straight from ROWS."""
    out = dict.fromkeys(att.COUNTERS, 0)
    for key in keys:
        for day, status, late, early, channel, checked_out in ROWS[key]:
            if not start <= day <= end:
                continue
            present = status in (H, W)
            out["expected"] += status in (H, W, "tk", "belum")
            out["present"] += present
            out["ontime"] += present and late == 0
            out["late"] += present and late > 0
            out["late_minutes"] += late if present else 0
            out["early"] += present and early > 0
            out["no_checkout"] += present and not checked_out and day < TODAY
            out["tk"] += status == "tk"
            out["wfh"] += status == W
            out["excused"] += status in ("cuti", "izin", "sakit", "dinas_luar")
            if present and channel:
                out[f"ch_{channel}"] += 1
    return out


VISIBLE_A, VISIBLE_B = ["a1", "a2", "a3"], ["b1", "b2"]


def test_reference_agrees_with_numbers_worked_out_by_hand() -> None:
    a = reference(VISIBLE_A, WEEK1[0], WEEK1[-1])
    assert (a["present"], a["expected"], a["ontime"], a["late_minutes"], a["tk"]) == (
        9,
        12,
        6,
        41,
        3,
    )
    b = reference(VISIBLE_B, WEEK1[0], WEEK1[-1])
    assert (b["present"], b["expected"], b["ontime"]) == (8, 9, 7)


def test_period_kpis_units_and_channels(engine: Engine) -> None:
    w = build(engine)
    filters = Filters(WEEK1[0], WEEK1[-1])
    with db.read_session(engine) as s:
        data = overview.page_data(s, ADMIN, filters, TODAY)
    want = reference(VISIBLE_A + VISIBLE_B, WEEK1[0], WEEK1[-1])
    got = data.period
    assert {k: getattr(got, k) for k in overview.Kpis.__dataclass_fields__} == {
        k: want[k] for k in overview.Kpis.__dataclass_fields__
    }
    assert got.attendance_rate == pytest.approx(17 / 21)
    assert got.punctuality == pytest.approx(13 / 17)
    assert got.wfh_share == pytest.approx(2 / 17)
    # Units ranked by punctuality: B (7/8) before A (6/9).
    assert data.units["name"].tolist() == ["Unit Beta", "Unit Alfa"]
    assert data.units["punctuality"].tolist() == pytest.approx([7 / 8, 6 / 9])
    assert data.units["attendance_rate"].tolist() == pytest.approx([8 / 9, 9 / 12])
    assert data.units["employees"].tolist() == [2, 3]  # the erased one is not staff
    assert data.units["late_per_day"].tolist() == pytest.approx([60 / 8, 41 / 9])
    mix = dict(zip(data.channels["channel"], data.channels["days"], strict=True))
    assert mix == {"fingerprint": 11, "selfie": 3, "wfh": 2, "qr": 1}
    assert data.channels["channel"].iloc[0] == "fingerprint"
    assert w.units["A"] in data.units["unit_id"].tolist()


def test_today_kpis_read_only_that_day(engine: Engine) -> None:
    build(engine)
    with db.read_session(engine) as s:
        data = overview.page_data(s, ADMIN, Filters(WEEK1[0], WEEK1[2]), WEEK1[2])
    # 7 October: a1 wfh, a2 sakit, a3 hadir, b1 hadir late, b2 tk.
    k = data.today_kpis
    assert (k.present, k.tk, k.excused, k.late, k.wfh, k.expected) == (3, 1, 1, 1, 1, 4)
    with db.read_session(engine) as s:
        weekend = overview.page_data(s, ADMIN, Filters(WEEK1[0], WEEK1[-1]), date(2026, 10, 10))
    assert not weekend.today_kpis.is_workday


def test_supervisor_sees_only_own_unit_and_a_foreign_unit_filter_shows_nothing(
    engine: Engine,
) -> None:
    w = build(engine)
    supervisor = Viewer("atasan", "supervisor", Scope.units([w.units["A"]]))
    with db.read_session(engine) as s:
        own = overview.page_data(s, supervisor, Filters(WEEK1[0], WEEK1[-1]), TODAY)
        foreign = overview.page_data(
            s, supervisor, Filters(WEEK1[0], WEEK1[-1], w.units["B"]), TODAY
        )
    assert own.units["name"].tolist() == ["Unit Alfa"]
    assert own.period.present == reference(VISIBLE_A, WEEK1[0], WEEK1[-1])["present"]
    assert foreign.units.empty
    assert foreign.period.present == foreign.period.expected == 0


@pytest.mark.parametrize(
    ("search", "keys"),
    [("pegawai a2", ["a2"]), ("PEGAWAI B", ["b1", "b2"]), ("pegawai x", [])],
)
def test_search_narrows_every_number(engine: Engine, search: str, keys: list[str]) -> None:
    build(engine)
    with db.read_session(engine) as s:
        data = overview.page_data(s, ADMIN, Filters(WEEK1[0], WEEK1[-1], search=search), TODAY)
    assert data.period.present == reference(keys, WEEK1[0], WEEK1[-1])["present"]
    assert data.period.late_minutes == reference(keys, WEEK1[0], WEEK1[-1])["late_minutes"]


@pytest.mark.parametrize(
    ("day", "week", "month"),
    [
        (date(2026, 10, 5), date(2026, 10, 5), date(2026, 10, 1)),  # Monday
        (date(2026, 10, 11), date(2026, 10, 5), date(2026, 10, 1)),  # Sunday belongs to that week
        (date(2026, 10, 12), date(2026, 10, 12), date(2026, 10, 1)),
        (date(2026, 1, 1), date(2025, 12, 29), date(2026, 1, 1)),  # ISO week across the year end
        (date(2024, 2, 29), date(2024, 2, 26), date(2024, 2, 1)),
    ],
)
def test_buckets_agree_between_sql_and_python(
    engine: Engine, day: date, week: date, month: date
) -> None:
    with db.read_session(engine) as s:
        name = buckets.dialect(s)
        values = {
            g: buckets.parse_bucket(
                s.execute(select(buckets.bucket(text(":d").bindparams(d=day), g, name))).scalar_one()
            )
            for g in buckets.GRAINS
        }  # fmt: skip
    assert values == {buckets.DAY: day, buckets.WEEK: week, buckets.MONTH: month}
    assert buckets.bucket_start(day, buckets.WEEK) == week
    assert buckets.bucket_start(day, buckets.MONTH) == month


def test_weekly_series_per_unit(engine: Engine) -> None:
    w = build(engine)
    filters = Filters(WEEK1[0], date(2026, 11, 6))
    with db.read_session(engine) as s:
        frame = trends.series(s, ADMIN, filters, buckets.WEEK, trends.BY_UNIT,
                              keys=(w.units["A"], w.units["B"]), today=TODAY)  # fmt: skip
    got = {(r.bucket, r.label): (r.present, r.expected, r.punctuality) for r in frame.itertuples()}
    a_week2 = reference(VISIBLE_A, date(2026, 10, 12), date(2026, 10, 18))
    assert got[(date(2026, 10, 5), "Unit Alfa")] == (9, 12, pytest.approx(6 / 9))
    assert got[(date(2026, 10, 12), "Unit Alfa")] == (a_week2["present"], a_week2["expected"], 0.0)
    assert got[(date(2026, 11, 2), "Unit Beta")] == (1, 1, 1.0)
    assert (date(2026, 10, 19), "Unit Alfa") not in got  # weeks without work days have no point


def test_monthly_total_series_and_activity_minutes_per_work_day(engine: Engine) -> None:
    w = build(engine)
    with db.write_session(engine) as s:
        from ekinerja.models import Activity, Employee

        a1 = s.get(Employee, w.people["a1"])
        x = s.get(Employee, w.people["x"])
        for minutes, status, deleted in ((200, "disetujui", False), (120, "diajukan", False),
                                         (60, "ditolak", False), (500, "disetujui", True)):  # fmt: skip
            row = f.activity(s, a1, WEEK1[0], minutes)  # type: ignore[arg-type]
            row.status = status
            if deleted:
                row.deleted_at = f.wib(WEEK1[0], 20, 0)
            s.add(row)
        f.activity(s, x, WEEK1[0], 300)  # type: ignore[arg-type]
        s.flush()
        assert s.exec(select(Activity)).all()
    with db.read_session(engine) as s:
        frame = trends.series(
            s, ADMIN, Filters(WEEK1[0], date(2026, 11, 6)), buckets.MONTH, today=TODAY
        )
    october = frame[frame["bucket"] == date(2026, 10, 1)].iloc[0]
    want = reference(VISIBLE_A + VISIBLE_B, date(2026, 10, 1), date(2026, 10, 31))
    assert october["present"] == want["present"]
    # Not rejected, not deleted, not by the erased employee: 200 + 120 minutes.
    assert october["activity_minutes"] == 320
    assert october["activity_per_day"] == pytest.approx(320 / want["expected"])


def test_breakdown_per_employee_of_one_unit(engine: Engine) -> None:
    w = build(engine)
    with db.read_session(engine) as s:
        frame = trends.breakdown(s, ADMIN, Filters(WEEK1[0], WEEK1[-1], w.units["A"]),
                                 trends.BY_EMPLOYEE, today=TODAY)  # fmt: skip
    assert frame["name"].tolist() == ["Pegawai a1", "Pegawai a2", "Pegawai a3"]
    assert frame["punctuality"].tolist() == pytest.approx([2 / 3, 3 / 4, 1 / 2])
    assert frame["tk"].tolist() == [1, 0, 2]


def test_rollup_follows_every_write_to_the_summary(engine: Engine) -> None:
    """Inserts, updates and deletes of daily_summary (through the real refresh too) keep it equal."""
    w = build(engine)
    with db.write_session(engine) as s:
        s.execute(text("UPDATE daily_summary SET status = 'tk', minutes_late = 0, channel = NULL "
                       "WHERE employee_id = :e AND work_date = :d"), {"e": w.people["b1"], "d": WEEK1[2]})  # fmt: skip
        s.execute(text("UPDATE daily_summary SET unit_id = :u WHERE employee_id = :e AND work_date = :d"),
                  {"u": w.units["B"], "e": w.people["a2"], "d": WEEK1[0]})  # fmt: skip
        s.execute(text("DELETE FROM daily_summary WHERE employee_id = :e"), {"e": w.people["b2"]})
        # The real writer: a punch on a past work day of a new employee, then refresh.
        from ekinerja.models import Unit

        unit_a = s.get(Unit, w.units["A"])
        new = f.employee(s, unit_a, 50, name="Pegawai baru")  # type: ignore[arg-type]
        f.punch(s, new, WEEK1[1], 7, 45)
        summary.refresh(s, [new.id], WEEK1[0], WEEK1[-1], today=TODAY)  # type: ignore[list-item]
    with db.read_session(engine) as s:
        stats = {(r.unit_id, r.work_date): r for r in s.exec(select(UnitDayStat)).all()}
        rows = s.exec(select(DailySummary).where(DailySummary.is_workday)).all()
    expected: dict[tuple[int, date], dict[str, int]] = {}
    for r in rows:
        cell = expected.setdefault(
            (r.unit_id, r.work_date), dict.fromkeys(STAT_CONDITIONS | STAT_SUMS, 0)
        )
        present = r.status in (H, W)
        cell["present"] += present
        cell["ontime"] += present and r.minutes_late == 0
        cell["late_minutes"] += r.minutes_late if present else 0
        cell["early"] += present and r.minutes_early > 0
        cell["no_out"] += present and r.last_out is None
        cell["tk"] += r.status == "tk"
        cell["wfh"] += r.status == W
        cell["excused"] += r.status in ("cuti", "izin", "sakit", "dinas_luar")
        cell["belum"] += r.status == "belum"
        for channel in ("selfie", "wfh", "qr", "fingerprint"):
            cell[f"ch_{channel}"] += present and r.channel == channel
    nonzero = {k: {c: getattr(v, c) for c in expected[next(iter(expected))]} for k, v in stats.items()
               if any(getattr(v, c) for c in STAT_CONDITIONS | STAT_SUMS)}  # fmt: skip
    assert nonzero == {k: v for k, v in expected.items() if any(v.values())}
    # The new employee came 15 minutes late on Tuesday, in unit A.
    assert stats[(w.units["A"], WEEK1[1])].late_minutes >= 15


def test_postgres_truncate_empties_the_rollup(pg_engine: Engine) -> None:
    build(pg_engine)
    with db.write_session(pg_engine) as s:
        s.execute(text("TRUNCATE daily_summary"))
    with db.read_session(pg_engine) as s:
        assert s.exec(select(UnitDayStat)).all() == []


def test_migration_triggers_use_the_models_definitions() -> None:
    path = (
        Path(__file__).resolve().parent.parent
        / "migrations/versions/0003_unit_day_stat_triggers.py"
    )
    spec = importlib.util.spec_from_file_location("m0003", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.CONDITIONS == STAT_CONDITIONS
    assert module.SUMS == STAT_SUMS
    assert set(module.COLUMNS) == set(UnitDayStat.model_fields) - {"unit_id", "work_date"}
