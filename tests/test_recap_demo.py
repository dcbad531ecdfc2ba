"""The recap of a small demo city equals a re-computation written here from the raw tables.

The re-computation never reads `daily_summary` and shares no code with ekinerja.summary or
ekinerja.recap: it takes punches, leave, the shift roster, holidays, Ramadan periods, schedules
and activities, walks every employee and day in plain Python, and applies the rules as the issue
states them. A second rule version from 16 October (the Permentan variant) makes October a month
whose rules changed mid-way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
from ekinerja.access import Viewer
from ekinerja.models import (
    Activity,
    Employee,
    Holiday,
    Leave,
    Punch,
    ShiftAssignment,
    SpecialPeriod,
    Unit,
    WorkSchedule,
)
from ekinerja.recap import Month, monthly_recap
from ekinerja.recap_rules import PRESETS, save_rule_set

pytest.importorskip("data.demo")
from data.demo import DemoConfig, build_demo  # noqa: E402

WIB = timedelta(hours=7)
TODAY = date(2026, 11, 29)
SWITCH = date(2026, 10, 16)
HR = Viewer("uji-hr", "hr")
EXCUSES = ("cuti", "izin", "sakit", "dinas_luar")

# Percent per band (TL and PSW alike), TK per day: the default before SWITCH, Permentan after.
DEFAULT = ((0.5, 1.0, 1.25, 1.5), 5.0)
PERMENTAN = ((0.5, 1.0, 1.5, 2.0), 4.0)
EDGES = ((1, 30), (31, 60), (61, 90), (91, 10**6))


def _band(minutes: int) -> int:
    return next((k for k, (lo, hi) in enumerate(EDGES, 1) if lo <= minutes <= hi), 0)


def _utc(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=UTC) - WIB


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class Expected:
    unit_id: int
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    bp: int = 0  # hundredths of a percent
    target: int = 0
    activity: int = 0


def recompute(session: Session, month: Month) -> dict[int, Expected]:
    units = {u.id: u for u in session.exec(select(Unit)).all()}
    schedules = {s.id: s for s in session.exec(select(WorkSchedule)).all()}
    holidays = {h.day for h in session.exec(select(Holiday)).all()}
    ramadan = [
        (p.start_date, p.end_date)
        for p in session.exec(select(SpecialPeriod)).all()
        if p.kind == "ramadan"
    ]
    roster = {(r.employee_id, r.work_date): r for r in session.exec(select(ShiftAssignment)).all()}
    leave = sorted(
        (lv for lv in session.exec(select(Leave)).all() if lv.deleted_at is None),
        key=lambda lv: lv.id or 0,
    )
    punches: dict[tuple[int, date], list[Punch]] = defaultdict(list)
    for p in session.exec(select(Punch)).all():
        if p.deleted_at is None and month.start <= p.work_date <= month.end:
            punches[(p.employee_id, p.work_date)].append(p)
    minutes: dict[int, int] = defaultdict(int)
    for a in session.exec(select(Activity)).all():
        if (
            a.deleted_at is None
            and a.status == "disetujui"
            and month.start <= a.work_date <= month.end
        ):
            minutes[a.employee_id] += a.minutes
    out: dict[int, Expected] = {}
    for emp in session.exec(select(Employee)).all():
        if emp.status == "dihapus":
            continue
        last_day = None
        if emp.status == "nonaktif" and emp.status_changed_at is not None:
            last_day = _aware(emp.status_changed_at).date() - timedelta(days=1)
        schedule = schedules[units[emp.unit_id].schedule_id]
        exp = Expected(emp.unit_id)
        day = month.start
        while day <= month.end:
            if last_day is not None and day > last_day:
                break
            in_ramadan = any(a <= day <= b for a, b in ramadan)
            if schedule.is_shift:
                shift = roster.get((emp.id, day))  # type: ignore[arg-type]
                hours = None
                if shift is not None:
                    end_day = day + timedelta(days=1) if shift.end <= shift.start else day
                    hours = (_utc(day, shift.start), _utc(end_day, shift.end))
            elif str(day.isoweekday()) in schedule.workdays and day not in holidays:
                friday = day.isoweekday() == 5
                if in_ramadan:
                    start, end = (
                        schedule.ramadan_start,
                        schedule.ramadan_end_fri if friday else schedule.ramadan_end_mon_thu,
                    )
                else:
                    start, end = (
                        schedule.start,
                        schedule.end_fri if friday else schedule.end_mon_thu,
                    )
                hours = (_utc(day, start), _utc(day, end))
            else:
                hours = None
            if hours is not None:
                _one_day(exp, emp, day, hours, punches.get((emp.id, day), []), leave)  # type: ignore[arg-type]
            day += timedelta(days=1)
        exp.activity = minutes.get(emp.id, 0)  # type: ignore[arg-type]
        if exp.counts["days"]:
            out[emp.id] = exp  # type: ignore[index]
    return out


def _one_day(
    exp: Expected,
    emp: Employee,
    day: date,
    hours: tuple[datetime, datetime],
    day_punches: list[Punch],
    leave: list[Leave],
) -> None:
    (pcts, tk), target = (DEFAULT if day < SWITCH else PERMENTAN), 300
    exp.counts["days"] += 1
    covering = next(
        (lv for lv in leave if lv.employee_id == emp.id and lv.start_date <= day <= lv.end_date),
        None,
    )
    if covering is not None and covering.kind in EXCUSES:
        exp.counts[covering.kind] += 1
        return
    if not day_punches:
        exp.counts["tk" if day < TODAY else "belum"] += 1
        if day < TODAY:
            exp.bp += round(tk * 100)
            exp.target += target
        return
    ordered = sorted(day_punches, key=lambda p: _aware(p.ts))
    ins = [p for p in ordered if p.direction == "in"]
    outs = [p for p in ordered if p.direction == "out"]
    channel = ins[0].channel if ins else ordered[0].channel
    exp.counts["wfh" if channel == "wfh" else "hadir"] += 1
    exp.target += target
    tl = 4 if not ins else _band(max(0, int((_aware(ins[0].ts) - hours[0]).total_seconds() // 60)))
    psw = (
        4
        if not outs
        else _band(max(0, int((hours[1] - _aware(outs[-1].ts)).total_seconds() // 60)))
    )
    for prefix, band in (("tl", tl), ("psw", psw)):
        if band:
            exp.counts[f"{prefix}{band}"] += 1
            exp.bp += round(pcts[band - 1] * 100)


def test_recap_of_the_demo_matches_an_independent_recomputation(
    engine: Engine, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path))
    build_demo(
        engine, DemoConfig(employees=60, months=2, seed=1, end=date(2026, 10, 31), photo_days=0)
    )
    with db.write_session(engine) as session:
        save_rule_set(session, HR, PRESETS["permentan"].to_dict(), SWITCH, "Uji pergantian aturan")
    checked = 0
    for month in (Month(2026, 9), Month(2026, 10)):
        with db.read_session(engine) as session:
            expected = recompute(session, month)
            rows = monthly_recap(session, HR, month, today=TODAY).rows
        assert sorted(rows["employee_id"]) == sorted(expected), month
        for rec in rows.to_dict("records"):
            exp = expected[rec["employee_id"]]
            got = {
                "days": rec["days_expected"],
                **{k: rec[k] for k in ("hadir", "wfh", "tk", "belum", *EXCUSES)},
                **{f"tl{k}": rec[f"tl{k}"] for k in range(1, 5)},
                **{f"psw{k}": rec[f"psw{k}"] for k in range(1, 5)},
            }
            want = {k: exp.counts.get(k, 0) for k in got}
            assert got == want, (month, rec["employee_id"])
            assert rec["unit_id"] == exp.unit_id
            assert rec["deduction_pct"] == min(exp.bp, 10_000) / 100, (month, rec["employee_id"])
            assert (rec["activity_minutes"], rec["activity_target"]) == (exp.activity, exp.target)
            checked += 1
    assert checked > 100
    # The dataset is not trivial: every band and status the rule distinguishes occurs.
    with db.read_session(engine) as session:
        october = monthly_recap(session, HR, Month(2026, 10), today=TODAY).rows
    assert october[["tl1", "tl2", "psw1", "tk", "cuti"]].sum().min() > 0
