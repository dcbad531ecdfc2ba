"""The monthly recap: per employee, attendance counts by band and the TPP deduction.

Read from `daily_summary` (never raw punches) in one SQL statement: the rule set in force on each
day turns the day's facts into a lateness band (TL), an early-leave band (PSW) and a cost; costs
are capped per day, summed per employee (GROUP BY with CASE), then capped per month and rounded by
the rule set in force on the month's last day.

Rules of the day (work days only; excused days never cost anything):
- present (hadir or WFH) with a check-in: TL band of the minutes late; no check-in record: the
  last TL band (TL4 by default);
- present with a check-out: PSW band of the minutes early; no check-out record: the last PSW band,
  except on the current day, which is not over yet;
- no record at all on a work day without excuse: TK (tanpa keterangan), not TL4 + PSW4 — a person
  who never came is absent, and counting both bands would cost less than the absence does;
- cuti, izin, sakit, dinas luar: counted by kind, no band, no cost;
- today without any record (status `belum`): no cost yet.
The daily cap, when the rule set has one, limits the cost of any single day, TK included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, true
from sqlmodel import Session, col

from ekinerja import access, texts
from ekinerja.access import Viewer
from ekinerja.calendar import WorkCalendar
from ekinerja.models import Activity, DailySummary, Employee, Unit, WorkSchedule
from ekinerja.recap_rules import Band, RuleSet, Segment, segments
from ekinerja.summary import EXCUSE_STATUSES
from ekinerja.texts import recap as t
from ekinerja.timeutil import WIB, today_wib
from ekinerja.validation import ValidationError

DS = DailySummary
PRESENT = ("hadir", "wfh")
STATUS_COUNTS = ("hadir", "wfh", "tk", *EXCUSE_STATUSES, "belum")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (2000 <= self.year <= 2100 and 1 <= self.month <= 12):
            raise ValidationError(t.BAD_MONTH)

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            year, month = (int(part) for part in text.strip().split("-"))
        except ValueError as exc:
            raise ValidationError(t.BAD_MONTH) from exc
        return cls(year, month)

    @classmethod
    def recent(cls, today: date, count: int) -> list[Month]:
        """The month of `today` and the `count - 1` before it, newest first."""
        index = today.year * 12 + today.month - 1
        return [cls((index - i) // 12, (index - i) % 12 + 1) for i in range(count)]

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        nxt = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return nxt - timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return texts.fmt_month(self.year, self.month)


# --- the SQL: one set of flat expressions over daily_summary columns ------------------------------
#
# Every expression below reads the row's own columns only (no nested subqueries), so the database
# evaluates each CASE once per row and the monthly GROUP BY costs about as much as counting.


def _within(minutes: Any, band: Band) -> ColumnElement[bool]:
    if band.max_minutes is None:
        return minutes >= band.min_minutes  # type: ignore[no-any-return]
    return minutes.between(band.min_minutes, band.max_minutes)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class DayExpressions:
    """The rule of a day as SQL: band conditions, band numbers, costs and the activity target."""

    tl: list[ColumnElement[bool]]  # condition "this day is in TL band k+1"
    psw: list[ColumnElement[bool]]
    tl_band: ColumnElement[int]
    psw_band: ColumnElement[int]
    raw_bp: ColumnElement[int]  # cost before the daily cap, hundredths of a percent
    day_bp: ColumnElement[int]
    target: ColumnElement[int]
    rule_idx: ColumnElement[int]


def _band_conditions(
    segs: list[Segment], kind: str, today: date
) -> list[list[tuple[ColumnElement[bool], int]]]:
    """Per band index k: (condition within one segment, cost of that segment's band k) pairs.

    The last band also takes a missing record: no check-in for TL; no check-out for PSW, except
    on the current day, which is not over yet.
    """
    single = len(segs) == 1
    present = col(DS.status).in_(PRESENT)
    missing: ColumnElement[bool]
    if kind == "tl":
        minutes, record = col(DS.minutes_late), col(DS.first_in)
        missing = record.is_(None)
    else:
        minutes, record = col(DS.minutes_early), col(DS.last_out)
        missing = and_(record.is_(None), col(DS.work_date) < today)
    out: list[list[tuple[ColumnElement[bool], int]]] = []
    for seg in segs:
        in_seg = true() if single else col(DS.work_date).between(seg.start, seg.end)
        bands: tuple[Band, ...] = getattr(seg.version.rules, kind)
        for k, band in enumerate(bands):
            cond = and_(record.is_not(None), _within(minutes, band))
            if k == len(bands) - 1:
                cond = or_(missing, cond)
            while len(out) <= k:
                out.append([])
            out[k].append((and_(in_seg, present, cond), band.bp))
    return out


def day_expressions(segs: list[Segment], today: date) -> DayExpressions:
    tl = _band_conditions(segs, "tl", today)
    psw = _band_conditions(segs, "psw", today)
    single = len(segs) == 1

    def in_seg(seg: Segment) -> ColumnElement[bool]:
        return true() if single else col(DS.work_date).between(seg.start, seg.end)

    def band_no(bands: list[list[tuple[ColumnElement[bool], int]]]) -> ColumnElement[int]:
        return case(
            *[(or_(*(c for c, _ in pairs)), k) for k, pairs in enumerate(bands, 1)], else_=0
        )

    def cost(bands: list[list[tuple[ColumnElement[bool], int]]]) -> ColumnElement[int]:
        return case(*[(c, bp) for pairs in bands for c, bp in pairs], else_=0)

    is_tk = col(DS.status) == "tk"
    tk = case(*[(and_(in_seg(s), is_tk), s.version.rules.tk_bp) for s in segs], else_=0)
    raw = cost(tl) + cost(psw) + tk
    caps = [(and_(in_seg(s), raw > s.version.rules.daily_cap_bp), s.version.rules.daily_cap_bp)
            for s in segs if s.version.rules.daily_cap_bp is not None]  # fmt: skip
    counted = col(DS.status).in_((*PRESENT, "tk"))
    target = case(
        *[(and_(in_seg(s), counted), s.version.rules.activity_target_minutes) for s in segs],
        else_=0,
    )
    rule_idx = (
        literal(0) if single else case(*[(in_seg(s), i) for i, s in enumerate(segs)], else_=0)
    )
    return DayExpressions(
        tl=[or_(*(c for c, _ in pairs)) for pairs in tl],
        psw=[or_(*(c for c, _ in pairs)) for pairs in psw],
        tl_band=band_no(tl),
        psw_band=band_no(psw),
        raw_bp=raw,
        day_bp=case(*caps, else_=raw) if caps else raw,
        target=target,
        rule_idx=rule_idx,
    )


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


@dataclass(frozen=True)
class Recap:
    month: Month
    unit_id: int | None
    rows: pd.DataFrame  # internal column names, one row per employee and unit
    segments: tuple[Segment, ...]
    tl_codes: tuple[str, ...]
    psw_codes: tuple[str, ...]

    @property
    def closing_rules(self) -> RuleSet:
        """The rule set in force on the last day: its monthly cap and rounding close the month."""
        return self.segments[-1].version.rules

    def people(self) -> dict[tuple[int, int], str]:
        """(employee id, unit id) -> "Name (NIP, UNIT)", by name: the drill-down choices."""
        ordered = self.rows.sort_values(["name", "nip"])
        keys = zip(ordered["employee_id"].tolist(), ordered["unit_id"].tolist(), strict=True)
        labels = ordered["name"] + " (" + ordered["nip"] + ", " + ordered["unit_code"] + ")"
        return dict(zip(keys, labels.tolist(), strict=True))

    def rules_label(self) -> str:
        return "; ".join(
            f"{s.version.label}: {texts.fmt_date(s.start)} - {texts.fmt_date(s.end)}"
            for s in self.segments
        )


def _scope_for(session: Session, viewer: Viewer, unit_id: int | None) -> access.Scope:
    if unit_id is None:
        return viewer.scope
    if session.get(Unit, unit_id) is None:
        raise ValidationError(t.UNKNOWN_UNIT)
    access.require_unit(viewer, unit_id)
    return viewer.scope.narrow([unit_id])


def monthly_recap(
    session: Session,
    viewer: Viewer,
    month: Month,
    unit_id: int | None = None,
    today: date | None = None,
) -> Recap:
    """One row per employee (and unit, if they moved) for the month, within the viewer's scope.

    Raises ValidationError when there is nothing to show and PermissionDenied for a unit outside
    the scope (a filter can narrow the scope, never widen it).
    """
    scope = _scope_for(session, viewer, unit_id)
    today = today or today_wib()
    start, end = month.start, month.end
    segs = segments(session, start, end)
    x = day_expressions(segs, today)
    n_tl, n_psw = len(x.tl), len(x.psw)
    agg = (
        select(
            col(DS.employee_id),
            col(DS.unit_id),
            func.count().label("days_expected"),
            *[_count(col(DS.status) == s).label(s) for s in STATUS_COUNTS],
            *[_count(c).label(f"tl{k}") for k, c in enumerate(x.tl, 1)],
            *[_count(c).label(f"psw{k}") for k, c in enumerate(x.psw, 1)],
            func.sum(x.day_bp).label("deduction_bp"),
            func.sum(x.target).label("activity_target"),
        )
        .where(
            col(DS.work_date) >= start,
            col(DS.work_date) <= end,
            col(DS.is_workday),
            scope.clause(col(DS.unit_id)),
        )
        .group_by(col(DS.employee_id), col(DS.unit_id))
        .subquery("agg")
    )
    in_scope = select(col(DS.employee_id)).where(
        col(DS.work_date) >= start, col(DS.work_date) <= end, scope.clause(col(DS.unit_id))
    )
    act = (
        select(col(Activity.employee_id), func.sum(col(Activity.minutes)).label("minutes"))
        .where(
            col(Activity.status) == "disetujui",
            col(Activity.deleted_at).is_(None),
            col(Activity.work_date) >= start,
            col(Activity.work_date) <= end,
            col(Activity.employee_id).in_(in_scope),
        )
        .group_by(col(Activity.employee_id))
        .subquery("act")
    )
    stmt = (
        select(
            *agg.c,
            col(Unit.code).label("unit_code"),
            col(Unit.name).label("unit_name"),
            col(Employee.nip),
            col(Employee.name),
            col(Employee.jabatan),
            func.coalesce(act.c.minutes, 0).label("activity_minutes"),
        )
        .join(Employee, col(Employee.id) == agg.c.employee_id)
        .join(Unit, col(Unit.id) == agg.c.unit_id)
        .outerjoin(act, act.c.employee_id == agg.c.employee_id)
        .where(col(Employee.status) != "dihapus")
        .order_by(col(Unit.code), col(Employee.name), col(Employee.nip))
    )
    # Core execution: 5,000 plain rows need no ORM row processing.
    result = session.connection().execute(stmt)
    keys = list(result.keys())
    rows = pd.DataFrame([tuple(r) for r in result.all()], columns=keys)
    if rows.empty:
        what = t.ALL_UNITS if unit_id is None else session.get(Unit, unit_id).name  # type: ignore[union-attr]
        raise ValidationError(t.NO_DATA.format(what=what, month=month.label))
    closing = segs[-1].version.rules
    rows["deduction_bp"] = rows["deduction_bp"].astype(int)
    rows["deduction_uncapped"] = rows["deduction_bp"] / 100
    rows["deduction_pct"] = rows["deduction_bp"].map(closing.round_bp) / 100
    target = rows["activity_target"].astype(float)
    rows["activity_ratio"] = (rows["activity_minutes"] / target.where(target > 0) * 100).round(1)
    return Recap(
        month, unit_id, rows, tuple(segs),
        tuple(f"TL{k}" for k in range(1, n_tl + 1)),
        tuple(f"PSW{k}" for k in range(1, n_psw + 1)),
    )  # fmt: skip


def display_frame(recap: Recap) -> pd.DataFrame:
    """The recap with Indonesian column names, in reading order, as shown and exported."""
    labels = t.RECAP_COLUMNS
    order = ["unit_code", "unit_name", "nip", "name", "jabatan", "days_expected", "hadir", "wfh"]
    bands = {f"tl{k}": c for k, c in enumerate(recap.tl_codes, 1)}
    bands |= {f"psw{k}": c for k, c in enumerate(recap.psw_codes, 1)}
    rest = ["tk", *EXCUSE_STATUSES, "belum", "activity_minutes", "activity_target",
            "activity_ratio", "deduction_uncapped", "deduction_pct"]  # fmt: skip
    frame = recap.rows[order + list(bands) + rest].copy()
    return frame.rename(columns={**labels, **bands})


# --- drill-down: every day of one employee's month, and why ---------------------------------------


@dataclass(frozen=True)
class EmployeeMonth:
    employee_id: int
    nip: str
    name: str
    days: pd.DataFrame  # Indonesian column names, one row per calendar day
    total_uncapped: float
    total: float


def _hhmm(value: datetime | None) -> str:
    if value is None or pd.isna(value):
        return "-"
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(WIB).strftime("%H:%M")


def day_reason(rec: dict[str, Any], rules: RuleSet, today: date) -> str:
    """Why a day got its bands, in words HR can check against the punches."""
    status = rec["status"]
    if status == "tk":
        return t.REASON_TK
    if status in EXCUSE_STATUSES:
        return t.REASON_EXCUSED.format(kind=texts.STATUS_LABELS[status])
    if status == "belum":
        return t.REASON_BELUM
    if status not in PRESENT:
        return t.REASON_HOLIDAY_PUNCH
    ramadan = t.RAMADAN_MARK if rec["is_ramadan"] else ""
    parts: list[str] = []
    tl, psw = int(rec["tl_band"]), int(rec["psw_band"])
    if rec["first_in"] is None:
        parts.append(t.REASON_NO_IN.format(band=rules.tl[-1].code))
    elif tl:
        parts.append(t.REASON_LATE.format(
            minutes=rec["minutes_late"], band=rules.tl[tl - 1].code, actual=_hhmm(rec["first_in"]),
            expected=_hhmm(rec["expected_start"]), ramadan=ramadan))  # fmt: skip
    elif rec["minutes_late"] > 0:
        parts.append(t.REASON_LATE_TOLERATED.format(
            minutes=rec["minutes_late"], band=rules.tl[0].code, actual=_hhmm(rec["first_in"]),
            expected=_hhmm(rec["expected_start"])))  # fmt: skip
    if rec["last_out"] is None:
        pending = rec["work_date"] >= today
        parts.append(
            t.REASON_OUT_PENDING if pending else t.REASON_NO_OUT.format(band=rules.psw[-1].code)
        )
    elif psw:
        parts.append(t.REASON_EARLY.format(
            minutes=rec["minutes_early"], band=rules.psw[psw - 1].code, actual=_hhmm(rec["last_out"]),
            expected=_hhmm(rec["expected_end"]), ramadan=ramadan))  # fmt: skip
    elif rec["minutes_early"] > 0:
        parts.append(
            t.REASON_EARLY_TOLERATED.format(minutes=rec["minutes_early"], band=rules.psw[0].code)
        )
    if not parts:
        expected = f"{_hhmm(rec['expected_start'])}-{_hhmm(rec['expected_end'])}"
        parts.append(t.REASON_ON_TIME.format(
            actual_in=_hhmm(rec["first_in"]), actual_out=_hhmm(rec["last_out"]),
            expected=expected, ramadan=ramadan))  # fmt: skip
    text = "; ".join(parts)
    if status == "wfh":
        text = t.REASON_WFH + text
    if rules.daily_cap_bp is not None and rec["raw_bp"] > rules.daily_cap_bp:
        text += t.REASON_DAILY_CAP.format(cap=f"{rules.daily_cap_bp / 100:g}%".replace(".", ","))
    return text


def _no_row_reason(day: date, today: date, calendar: WorkCalendar, schedule: WorkSchedule) -> str:
    if day > today:
        return t.REASON_FUTURE
    holiday = calendar.holidays.get(day)
    if holiday is not None and not schedule.is_shift:
        kind = texts.HOLIDAY_KIND_LABELS.get(holiday.kind, holiday.kind)
        return t.REASON_HOLIDAY.format(kind=kind, name=holiday.name)
    if schedule.is_shift:
        return t.REASON_NO_SHIFT
    if str(day.isoweekday()) not in schedule.workdays:
        return t.REASON_WEEKEND
    return t.REASON_NO_ROW


def employee_month(
    session: Session, viewer: Viewer, employee_id: int, month: Month, today: date | None = None
) -> EmployeeMonth:
    """Every calendar day of the month for one employee: status, bands, cost and the reason."""
    emp = session.get(Employee, employee_id)
    if emp is None or emp.status == "dihapus":
        raise ValidationError(t.UNKNOWN_EMPLOYEE)
    today = today or today_wib()
    start, end = month.start, month.end
    segs = segments(session, start, end)
    x = day_expressions(segs, today)
    stmt = (
        select(
            col(DS.work_date),
            col(DS.status),
            col(DS.is_workday),
            col(DS.is_ramadan),
            col(DS.expected_start),
            col(DS.expected_end),
            col(DS.first_in),
            col(DS.last_out),
            col(DS.minutes_late),
            col(DS.minutes_early),
            x.rule_idx.label("rule_idx"),
            x.tl_band.label("tl_band"),
            x.psw_band.label("psw_band"),
            x.raw_bp.label("raw_bp"),
            x.day_bp.label("day_bp"),
        )  # fmt: skip
        .where(
            col(DS.employee_id) == employee_id,
            col(DS.work_date) >= start,
            col(DS.work_date) <= end,
            viewer.scope.clause(col(DS.unit_id)),
        )
        .order_by(col(DS.work_date))
    )
    records = {r["work_date"]: r for r in (dict(m) for m in session.execute(stmt).mappings())}
    if not records and not viewer.scope.allows(emp.unit_id):
        raise access.PermissionDenied("Data unit ini berada di luar cakupan akun Anda.")
    unit = session.get(Unit, emp.unit_id)
    schedule = session.get(WorkSchedule, unit.schedule_id) if unit else None
    calendar = WorkCalendar.load(session, start, end)
    out = []
    raw_total = 0
    day = start
    while day <= end:
        rec = records.get(day)
        row: dict[str, Any] = {"work_date": day, "weekday": texts.WEEKDAYS[day.weekday()]}
        if rec is None:
            reason = _no_row_reason(day, today, calendar, schedule) if schedule else t.REASON_NO_ROW
            row |= {"status": "-", "first_in": "-", "last_out": "-", "schedule": "-", "tl": "",
                    "psw": "", "deduction": None, "reason": reason, "rule": ""}  # fmt: skip
        else:
            seg = segs[int(rec["rule_idx"])]
            rules = seg.version.rules
            tl, psw = int(rec["tl_band"]), int(rec["psw_band"])
            counted = rec["is_workday"]
            raw_total += int(rec["day_bp"]) if counted else 0
            row |= {
                "status": texts.STATUS_LABELS.get(rec["status"], rec["status"]),
                "first_in": _hhmm(rec["first_in"]),
                "last_out": _hhmm(rec["last_out"]),
                "schedule": f"{_hhmm(rec['expected_start'])}-{_hhmm(rec['expected_end'])}"
                if rec["expected_start"] is not None else "-",
                "tl": rules.tl[tl - 1].code if tl else "",
                "psw": rules.psw[psw - 1].code if psw else "",
                "deduction": int(rec["day_bp"]) / 100 if counted else None,
                "reason": day_reason(rec, rules, today),
                "rule": seg.version.label,
            }  # fmt: skip
        out.append(row)
        day += timedelta(days=1)
    frame = pd.DataFrame(out).rename(columns=t.DAY_COLUMNS)
    closing = segs[-1].version.rules
    return EmployeeMonth(
        employee_id, emp.nip, emp.name, frame, raw_total / 100, closing.round_bp(raw_total) / 100
    )
