"""Aktivitas Harian: minutes against the target, approval speed, the queue and the approval flow."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

import db
from ekinerja import accounts
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.audit import SYSTEM
from ekinerja.governance import deletion
from ekinerja.models import (
    Activity,
    ActivityDayStat,
    ActivityMonthStat,
    AuditEntry,
    Employee,
    UserAccount,
)
from ekinerja.models.analytics import ACTIVITY_SECONDS, ACTIVITY_STAT_VALUES, MONTH_START
from ekinerja.queries import activities as act
from ekinerja.queries.filters import Filters
from ekinerja.validation import ValidationError
from tests import factories as f
from tests import rollup_check

DAYS = [date(2026, 10, 5) + timedelta(days=i) for i in range(5)]
FILTERS = Filters(DAYS[0], DAYS[-1])
TODAY = date(2026, 11, 18)


@dataclass
class World:
    unit_a: int
    unit_b: int
    boss: int  # employee in unit A who approves
    ana: int
    budi: int  # unit B
    gone: int  # erased, unit A
    ids: dict[str, int]  # activity label -> id


def _activity(s: Session, e: Employee, day: date, minutes: int, status: str = "diajukan",
              decided_after_h: float | None = None, deleted: bool = False) -> Activity:  # fmt: skip
    row = f.activity(s, e, day, minutes)
    row.status = status
    row.submitted_at = f.wib(day, 17, 0)
    if decided_after_h is not None:
        row.decided_at = row.submitted_at + timedelta(hours=decided_after_h)
    if deleted:
        row.deleted_at = f.wib(day, 20, 0)
    s.add(row)
    s.flush()
    return row


def build(engine: Engine) -> World:
    with db.write_session(engine) as s:
        a, b = f.unit(s, "UA", name="Unit Alfa"), f.unit(s, "UB", name="Unit Beta")
        boss = f.employee(s, a, 1, name="Bos Alfa")
        ana = f.employee(s, a, 2, name="Ana", supervisor_id=boss.id)
        budi = f.employee(s, b, 3, name="Budi")
        gone = f.employee(s, a, 4, name="Terhapus", status="dihapus")
        # Target days: Ana 4 present + 1 TK = 5 days (1,500 minutes); Budi 2 present + 3 cuti = 2 days.
        for day, status in zip(DAYS, ["hadir", "hadir", "wfh", "hadir", "tk"], strict=True):
            f.summary_day(s, ana, day, status)
        for day, status in zip(DAYS, ["hadir", "hadir", "cuti", "cuti", "cuti"], strict=True):
            f.summary_day(s, budi, day, status)
        for day in DAYS:
            f.summary_day(s, boss, day, "hadir")
            f.summary_day(s, gone, day, "hadir")
        ids = {
            "ana_ok1": _activity(
                s,
                ana,
                DAYS[0],
                400,
                "disetujui",
                decided_after_h=2,
            ).id,
            "ana_ok2": _activity(s, ana, DAYS[1], 300, "disetujui", decided_after_h=100).id,
            "ana_wait": _activity(s, ana, DAYS[2], 250).id,
            "ana_wait2": _activity(s, ana, DAYS[3], 100).id,
            "ana_no": _activity(s, ana, DAYS[3], 90, "ditolak", decided_after_h=6).id,
            "ana_deleted": _activity(
                s, ana, DAYS[3], 999, "disetujui", decided_after_h=1, deleted=True
            ).id,
            "budi_ok": _activity(s, budi, DAYS[0], 700, "disetujui", decided_after_h=10).id,
            "boss_wait": _activity(s, boss, DAYS[0], 480).id,
            "gone_wait": _activity(s, gone, DAYS[0], 480).id,
        }  # type: ignore[dict-item]
        return World(a.id, b.id, boss.id, ana.id, budi.id, gone.id, ids)  # type: ignore[arg-type]


def supervisor_of(
    engine: Engine, w: World, employee_id: int | None = None, units: list[str] | None = None
) -> Viewer:
    with db.write_session(engine) as s:
        user = accounts.create_user(s, SYSTEM, f"atasan{employee_id or 0}", "supervisor",
                                    "kata-sandi-uji-panjang", unit_codes=units or ["UA"])  # fmt: skip
        user.employee_id = employee_id
        s.add(user)
        s.flush()
        scope = accounts.scope_of(s, user)
        return Viewer(user.username, "supervisor", scope, user.id)


def test_minutes_against_target_and_approval_speed(engine: Engine) -> None:
    build(engine)
    with db.read_session(engine) as s:
        page = act.page_data(s, Viewer("admin", "admin"), FILTERS, "harian", TODAY)
    people = page.under_target.set_index("name")
    # Ana: approved 700, pending 350 (deleted and rejected never count), target 5 x 300.
    ana = people.loc["Ana"]
    assert (ana["target_days"], ana["approved"], ana["pending"], ana["target"]) == (
        5,
        700,
        350,
        1500,
    )
    assert ana["ratio"] == pytest.approx(700 / 1500)
    assert ana["per_day"] == pytest.approx(1050 / 5)
    # Budi: 700 approved over 2 days reaches 600; the boss pends 480 over 5 days (under target).
    assert "Budi" not in people.index
    assert people.index.tolist() == ["Bos Alfa", "Ana"]  # lowest minutes per day first
    k = page.kpis
    assert (k.approved, k.pending, k.rejected) == (3, 3, 1)
    assert (k.approved_minutes, k.pending_minutes, k.rejected_minutes) == (1400, 830, 90)
    assert (k.employees, k.employees_on_target, k.target_days) == (3, 1, 12)
    assert k.decided == 4
    assert k.avg_decision_hours == pytest.approx((2 + 100 + 6 + 10) / 4)
    assert k.slow_decisions == 1
    assert k.oldest_pending == DAYS[0]
    chart = page.chart.set_index("bucket")
    # Monday: target days Ana, Budi, boss = 3; approved 400 + 700; pending 480.
    assert chart.loc[DAYS[0], "approved_per_day"] == pytest.approx(1100 / 3)
    assert chart.loc[DAYS[0], "pending_per_day"] == pytest.approx(480 / 3)


def test_pending_queue_is_scoped_and_hides_own_deleted_and_erased(engine: Engine) -> None:
    w = build(engine)
    boss = supervisor_of(engine, w, employee_id=w.boss)
    with db.read_session(engine) as s:
        own = act.account_employee(s, boss)
        queue = act.pending(s, boss, FILTERS, own)
        everything = act.pending(s, Viewer("admin", "admin"), FILTERS)
    assert own == w.boss
    assert queue["id"].tolist() == [w.ids["ana_wait"], w.ids["ana_wait2"]]
    assert set(everything["id"]) == {w.ids["ana_wait"], w.ids["ana_wait2"], w.ids["boss_wait"]}
    assert queue["version"].tolist() == [1, 1]
    assert str(queue["submitted_at"].iloc[0].tz) == "Asia/Jakarta"


def _audit(engine: Engine) -> list[AuditEntry]:
    with db.read_session(engine) as s:
        return list(s.exec(select(AuditEntry).where(col(AuditEntry.entity) == "activity")).all())


def test_approve_sets_status_version_approver_and_audits_without_names(engine: Engine) -> None:
    w = build(engine)
    boss = supervisor_of(engine, w, employee_id=w.boss)
    with db.write_session(engine) as s:
        n = act.decide(
            s,
            boss,
            [act.Decision(w.ids["ana_wait"], 1), act.Decision(w.ids["ana_wait2"], 1)],
            approve=True,
        )
    assert n == 2
    with db.read_session(engine) as s:
        row = s.get(Activity, w.ids["ana_wait"])
    assert row is not None
    assert (row.status, row.version, row.approver_id) == ("disetujui", 2, w.boss)
    assert row.decided_at is not None and row.decided_at.tzinfo is not None
    entries = _audit(engine)
    assert [e.action for e in entries] == ["aktivitas.setujui", "aktivitas.setujui"]
    assert entries[0].entity_id == str(w.ids["ana_wait"]) and entries[0].actor == boss.username
    assert "Ana" not in (entries[0].before or "") + (entries[0].after or "")


def test_stale_version_is_refused_and_nothing_is_written(engine: Engine) -> None:
    w = build(engine)
    boss = supervisor_of(engine, w, employee_id=w.boss)
    admin = Viewer("admin", "admin")
    # Someone else decides first (version 1 -> 2).
    with db.write_session(engine) as s:
        act.decide(
            s,
            admin,
            [act.Decision(w.ids["ana_wait2"], 1)],
            approve=False,
            reason="Uraian kurang jelas",
        )
    before = len(_audit(engine))
    with pytest.raises(ValidationError, match="sudah diubah"), db.write_session(engine) as s:
        # The first one is fine; the batch still fails as a whole on the stale second one.
        act.decide(
            s,
            boss,
            [act.Decision(w.ids["ana_wait"], 1), act.Decision(w.ids["ana_wait2"], 1)],
            approve=True,
        )
    with db.read_session(engine) as s:
        first = s.get(Activity, w.ids["ana_wait"])
        second = s.get(Activity, w.ids["ana_wait2"])
    assert first is not None and second is not None
    assert (first.status, first.version) == ("diajukan", 1)
    assert (second.status, second.version) == ("ditolak", 2)
    assert len(_audit(engine)) == before


@pytest.mark.parametrize(
    ("who", "target", "error"),
    [
        ("boss", "boss_wait", PermissionDenied),  # own activity
        ("boss", "budi_ok", PermissionDenied),  # unit B is outside the scope
        ("boss", "gone_wait", ValidationError),  # erased employee
        ("boss", "ana_deleted", ValidationError),  # soft-deleted
        ("auditor", "ana_wait", PermissionDenied),  # role may only look
        ("hr", "ana_wait", PermissionDenied),
    ],
)
def test_decisions_outside_the_rules_are_refused(
    engine: Engine, who: str, target: str, error: type[Exception]
) -> None:
    w = build(engine)
    viewer = supervisor_of(engine, w, employee_id=w.boss) if who == "boss" else Viewer(who, who)
    with pytest.raises(error), db.write_session(engine) as s:
        act.decide(s, viewer, [act.Decision(w.ids[target], 1)], approve=True)
    assert _audit(engine) == []


@pytest.mark.parametrize(
    ("decisions", "reason", "message"),
    [
        ([], None, "Belum ada aktivitas"),
        ([("ana_wait", 1)], None, "alasan penolakan"),
        ([("ana_wait", 1)], "  ok ", "alasan penolakan"),
        ([("ana_wait", 1), ("ana_wait", 1)], "Tidak sesuai tugas", "dua kali"),
        ([("ana_wait", 1)], "x" * 501, "terlalu panjang"),
    ],
)
def test_rejection_needs_a_reason_and_a_clean_batch(
    engine: Engine, decisions: list[tuple[str, int]], reason: str | None, message: str
) -> None:
    w = build(engine)
    batch = [act.Decision(w.ids[k], v) for k, v in decisions]
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as s:
        act.decide(s, Viewer("admin", "admin"), batch, approve=False, reason=reason)


def test_rejection_reason_is_kept_in_the_audit_as_one_line(engine: Engine) -> None:
    w = build(engine)
    with db.write_session(engine) as s:
        act.decide(s, Viewer("admin", "admin"), [act.Decision(w.ids["ana_wait"], 1)], approve=False,
                   reason="Uraian\nFAKE 2026 login.berhasil")  # fmt: skip
    (entry,) = _audit(engine)
    assert entry.action == "aktivitas.tolak"
    assert entry.reason == "Uraian FAKE 2026 login.berhasil"


def test_supervisor_page_numbers_cover_only_the_own_unit(engine: Engine) -> None:
    w = build(engine)
    boss = supervisor_of(engine, w, employee_id=w.boss)
    with db.read_session(engine) as s:
        page = act.page_data(s, boss, FILTERS, "mingguan", TODAY)
    assert set(page.under_target["name"]) <= {"Ana", "Bos Alfa"}
    assert page.kpis.approved_minutes == 700  # Budi's 700 in unit B is not counted
    assert page.approvers["decided"].sum() == 3  # Ana's two approvals and one rejection
    assert isinstance(page.chart["bucket"].iloc[0], date) and not isinstance(
        page.chart["bucket"].iloc[0], datetime
    )
    with db.read_session(engine) as s:
        users = s.exec(select(UserAccount)).all()
    assert users


def test_long_ranges_read_only_the_last_92_days_of_activities(engine: Engine) -> None:
    w = build(engine)
    with db.write_session(engine) as s:
        ana = s.get(Employee, w.ana)
        old = DAYS[0] - timedelta(days=120)
        f.summary_day(s, ana, old, "hadir")  # type: ignore[arg-type]
        _activity(s, ana, old, 480, "disetujui", decided_after_h=1)  # type: ignore[arg-type]
    long_range = Filters(old, DAYS[-1])
    with db.read_session(engine) as s:
        page = act.page_data(s, Viewer("admin", "admin"), long_range, "bulanan", TODAY)
        short = act.page_data(s, Viewer("admin", "admin"), FILTERS, "bulanan", TODAY)
    assert long_range.tail(act.MAX_DAYS).start > old
    assert page.kpis == short.kpis  # the activity 120 days back is outside the last 92 days


# --- the rollup the page reads -------------------------------------------------------------------


def test_rollup_follows_every_write_to_the_activities(engine: Engine) -> None:
    """Inserts, decisions, edits, soft deletes, restores and deletes keep activity_day_stat equal
    to a recomputation from the activity rows."""
    w = build(engine)
    admin = Viewer("admin", "admin")
    with db.read_session(engine) as s:
        assert rollup_check.assert_rollup_matches(s) >= 5
    boss = supervisor_of(engine, w, employee_id=w.boss)
    with db.write_session(engine) as s:
        act.decide(s, boss, [act.Decision(w.ids["ana_wait"], 1)], approve=True)
        act.decide(s, admin, [act.Decision(w.ids["ana_wait2"], 1)], approve=False,
                   reason="Uraian tidak jelas")  # fmt: skip
    with db.write_session(engine) as s:
        rollup_check.assert_rollup_matches(s)
        edits = {
            "minutes = 30": "ana_ok1",
            "work_date = '2026-10-09'": "ana_ok2",
            "deleted_at = NULL": "ana_deleted",  # restored
            "deleted_at = submitted_at": "budi_ok",  # soft-deleted
            "approver_id = NULL, decided_at = NULL, status = 'diajukan'": "ana_no",
            "description = 'Rapat koordinasi'": "boss_wait",
        }
        for change, label in edits.items():
            s.execute(text(f"UPDATE activity SET {change} WHERE id = :i"), {"i": w.ids[label]})
        s.execute(text("DELETE FROM activity WHERE id = :i"), {"i": w.ids["gone_wait"]})
        person = s.get(Employee, w.budi)
        assert person is not None
        f.activity(s, person, DAYS[4], 75)
        rollup_check.assert_rollup_matches(s)
    with db.read_session(engine) as s:
        page = act.page_data(s, admin, FILTERS, "harian", TODAY)
    # The boss approved Ana's 250 minutes; admin's rejection has no approver employee.
    approvers = page.approvers.set_index("name")
    assert approvers.loc["Bos Alfa", "decided"] == 1
    # Rejected now: only ana_wait2 (ana_no went back to pending).
    assert (page.kpis.rejected, page.kpis.rejected_minutes) == (1, 100)
    assert page.kpis.approved_minutes == 30 + 300 + 999 + 250


def test_postgres_truncate_empties_the_activity_rollup(pg_engine: Engine) -> None:
    build(pg_engine)
    with db.write_session(pg_engine) as s:
        s.execute(text("TRUNCATE activity"))
    with db.read_session(pg_engine) as s:
        assert s.exec(select(ActivityDayStat)).all() == []


def test_migration_triggers_use_the_models_definitions() -> None:
    path = Path(__file__).resolve().parent.parent / "migrations/versions/0004_activity_rollups.py"
    spec = importlib.util.spec_from_file_location("m0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.VALUES == ACTIVITY_STAT_VALUES
    assert module.SECONDS == ACTIVITY_SECONDS
    assert module.MONTH_START == MONTH_START
    assert set(module.COLUMNS) == set(ActivityDayStat.model_fields) - {
        "work_date", "employee_id", "approver_key"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 8, 25), date(2026, 11, 5), (date(2026, 9, 1), date(2026, 10, 1))),
        (date(2026, 9, 1), date(2026, 9, 30), (date(2026, 9, 1), date(2026, 9, 1))),
        (date(2026, 9, 2), date(2026, 10, 30), None),
        (date(2025, 12, 1), date(2026, 2, 28), (date(2025, 12, 1), date(2026, 2, 1))),
        (date(2024, 2, 1), date(2024, 2, 29), (date(2024, 2, 1), date(2024, 2, 1))),
        (date(2024, 2, 1), date(2024, 2, 28), None),
        (date(2026, 10, 5), date(2026, 10, 9), None),
    ],
)
def test_whole_months_of_a_range(start: date, end: date, expected: object) -> None:
    assert act.whole_months(start, end) == expected


RANGES = [
    (date(2026, 8, 25), date(2026, 11, 5)),  # partial, two whole months, partial
    (date(2026, 9, 1), date(2026, 10, 31)),  # whole months only
    (date(2026, 8, 31), date(2026, 9, 1)),  # two edge days, no whole month
    (date(2025, 12, 15), date(2026, 1, 31)),  # across the year, ending on a month's last day
]


def test_ranges_over_whole_months_count_every_activity_once(engine: Engine) -> None:
    """The scan reads whole months from the month rollup and the rest by day: per employee and
    status, the same minutes as the activity rows themselves, for every kind of range."""
    w = build(engine)
    days = [date(2025, 12, 14), date(2025, 12, 15), date(2026, 1, 31), date(2026, 8, 24),
            date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 30), date(2026, 10, 1),
            date(2026, 10, 31), date(2026, 11, 5), date(2026, 11, 6)]  # fmt: skip
    with db.write_session(engine) as s:
        ana, budi = s.get(Employee, w.ana), s.get(Employee, w.budi)
        for i, day in enumerate(days):
            _activity(s, ana, day, 10 + i, "disetujui", decided_after_h=1 + i)  # type: ignore[arg-type]
            _activity(s, budi, day, 100 + i, ["diajukan", "ditolak"][i % 2],  # type: ignore[arg-type]
                      decided_after_h=None if i % 2 == 0 else 80)  # fmt: skip
        rows = s.exec(select(Activity).where(col(Activity.deleted_at).is_(None))).all()
    for start, end in RANGES:
        with db.read_session(engine) as s:
            scan = act.by_employee(s, Viewer("admin", "admin"), Filters(start, end))
        got = scan.groupby("employee_id")[["approved_minutes", "pending_minutes",
                                           "rejected_minutes", "decided", "slow"]].sum()  # fmt: skip
        for person in (w.ana, w.budi):
            mine = [r for r in rows if r.employee_id == person and start <= r.work_date <= end]
            expected = [
                sum(r.minutes for r in mine if r.status == "disetujui"),
                sum(r.minutes for r in mine if r.status == "diajukan"),
                sum(r.minutes for r in mine if r.status == "ditolak"),
                sum(1 for r in mine if r.status != "diajukan" and r.decided_at is not None),
                sum(1 for r in mine if r.decided_at and (r.decided_at - r.submitted_at).total_seconds() > 72 * 3600 and r.status != "diajukan"),
            ]  # fmt: skip
            actual = got.loc[person].tolist() if person in got.index else [0] * 5
            assert actual == expected, (start, end, person)


def test_deleting_an_account_leaves_nothing_of_the_person_in_the_rollups(engine: Engine) -> None:
    w = build(engine)
    with db.write_session(engine) as s:
        ana = s.get(Employee, w.ana)
        assert ana is not None
        deletion.delete_account(
            s, Viewer("admin", "admin"), w.ana, ana.version, "Permintaan hapus akun"
        )
    with db.read_session(engine) as s:
        for table in (ActivityDayStat, ActivityMonthStat):
            assert s.exec(select(table).where(col(table.employee_id) == w.ana)).all() == []
        assert s.exec(select(ActivityDayStat).where(ActivityDayStat.employee_id == w.budi)).all()
        rollup_check.assert_rollup_matches(s)
