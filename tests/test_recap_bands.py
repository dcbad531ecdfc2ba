"""The recap rule, day by day, against hand-computed bands, deductions and reason texts.

Default schedule (Perpres 21/2023): Mon-Thu 07:30-16:00, Fri 07:30-16:30; Ramadan 08:00-15:00.
Default rules: TL/PSW 1-30 min 0.5 %, 31-60 min 1 %, 61-90 min 1.25 %, > 90 min or no record
1.5 %; TK 5 % a day; monthly cap 100 %.
2026-10-05 is a Monday, 2026-10-09 a Friday, 2026-08-17 Independence Day (Monday), 2026-05-15 a
cuti bersama (Friday), 2026-03-02 a Monday in Ramadan 2026 (Idul Fitri 2026-03-21).

Decision (documented in ekinerja.recap): no record at all on a work day without excuse is TK (5 %),
not TL4 + PSW4 (3 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
from ekinerja import recap_rules
from ekinerja.access import Viewer
from ekinerja.calendar import sync_calendar
from ekinerja.models import Employee, Unit
from ekinerja.recap import Month, employee_month, monthly_recap
from ekinerja.summary import refresh
from ekinerja.validation import ValidationError
from tests import factories as f

MON = date(2026, 10, 5)
FRI = date(2026, 10, 9)
HOLIDAY = date(2026, 8, 17)
CUTI_BERSAMA = date(2026, 5, 15)
RAMADAN_MON = date(2026, 3, 2)
TODAY = date(2026, 11, 29)
HR = Viewer("uji-hr", "hr")

LATE_IN = "Terlambat {m} menit ({b}): masuk {t} WIB, jadwal 07:30"
EARLY_OUT = "Pulang {m} menit lebih awal ({b}): pulang {t} WIB, jadwal 16:00"


@dataclass
class Case:
    name: str
    day: date
    punches: list[tuple[int, int, str]]  # hh, mm, direction (fingerprint)
    tl: str
    psw: str
    deduction: float | None  # the day's cost in %; None: the day does not count
    reason: str
    leave: str | None = None
    status_count: str | None = "hadir"  # recap column that counts the day (None: no work day)
    today: date = TODAY
    channel: str = "fingerprint"


def _late(m: int, hh: int, mm: int, band: str, pct: float) -> Case:
    return Case(
        f"{m} minutes late is {band or 'no band'}",
        MON,
        [(hh, mm, "in"), (16, 0, "out")],
        band,
        "",
        pct,
        LATE_IN.format(m=m, b=band, t=f"{hh:02d}:{mm:02d}")
        if band
        else f"Tepat waktu: masuk {hh:02d}:{mm:02d} WIB, pulang 16:00 WIB, jadwal 07:30-16:00",
    )


def _early(m: int, hh: int, mm: int, band: str, pct: float) -> Case:
    return Case(
        f"{m} minutes early is {band or 'no band'}",
        MON,
        [(7, 30, "in"), (hh, mm, "out")],
        "",
        band,
        pct,
        EARLY_OUT.format(m=m, b=band, t=f"{hh:02d}:{mm:02d}")
        if band
        else f"Tepat waktu: masuk 07:30 WIB, pulang {hh:02d}:{mm:02d} WIB, jadwal 07:30-16:00",
    )


CASES = [
    _late(0, 7, 30, "", 0),
    _late(1, 7, 31, "TL1", 0.5),
    _late(30, 8, 0, "TL1", 0.5),
    _late(31, 8, 1, "TL2", 1.0),
    _late(60, 8, 30, "TL2", 1.0),
    _late(61, 8, 31, "TL3", 1.25),
    _late(90, 9, 0, "TL3", 1.25),
    _late(91, 9, 1, "TL4", 1.5),
    _early(0, 16, 0, "", 0),
    _early(1, 15, 59, "PSW1", 0.5),
    _early(30, 15, 30, "PSW1", 0.5),
    _early(31, 15, 29, "PSW2", 1.0),
    _early(60, 15, 0, "PSW2", 1.0),
    _early(61, 14, 59, "PSW3", 1.25),
    _early(90, 14, 30, "PSW3", 1.25),
    _early(91, 14, 29, "PSW4", 1.5),
    Case(
        "late and early add up",
        MON,
        [(8, 1, "in"), (15, 29, "out")],
        "TL2",
        "PSW2",
        2.0,
        LATE_IN.format(m=31, b="TL2", t="08:01")
        + "; "
        + EARLY_OUT.format(m=31, b="PSW2", t="15:29"),
    ),
    Case(
        "no check-in record is TL4",
        MON,
        [(16, 0, "out")],
        "TL4",
        "",
        1.5,
        "Tidak ada rekaman absen masuk (TL4)",
    ),
    Case(
        "no check-out record is PSW4",
        MON,
        [(7, 20, "in")],
        "",
        "PSW4",
        1.5,
        "Tidak ada rekaman absen pulang (PSW4)",
    ),
    Case(
        "no record at all is TK, not TL4 plus PSW4",
        MON,
        [],
        "",
        "",
        5.0,
        "Tanpa keterangan (TK): tidak ada rekaman absen pada hari kerja",
        status_count="tk",
    ),
    Case(
        "national holiday is no work day",
        HOLIDAY,
        [],
        "",
        "",
        None,
        "Libur nasional: Hari Kemerdekaan Republik Indonesia",
        status_count=None,
    ),
    Case(
        "late punch on a holiday costs nothing",
        HOLIDAY,
        [(10, 0, "in")],
        "",
        "",
        None,
        "Bukan hari kerja; absen hari ini tidak dihitung",
        status_count=None,
    ),
    Case(
        "cuti bersama is no work day",
        CUTI_BERSAMA,
        [],
        "",
        "",
        None,
        "Cuti bersama: Cuti Bersama Kenaikan Yesus Kristus",
        status_count=None,
    ),
    Case(
        "ramadan starts 08:00 so 08:00 is on time",
        RAMADAN_MON,
        [(8, 0, "in"), (15, 0, "out")],
        "",
        "",
        0,
        "Tepat waktu: masuk 08:00 WIB, pulang 15:00 WIB, jadwal 08:00-15:00 (Ramadan)",
    ),
    Case(
        "ramadan 08:31 is 31 minutes late",
        RAMADAN_MON,
        [(8, 31, "in"), (15, 0, "out")],
        "TL2",
        "",
        1.0,
        "Terlambat 31 menit (TL2): masuk 08:31 WIB, jadwal 08:00 (Ramadan)",
    ),
    Case(
        "friday ends 16:30 so 16:00 is 30 minutes early",
        FRI,
        [(7, 30, "in"), (16, 0, "out")],
        "",
        "PSW1",
        0.5,
        "Pulang 30 menit lebih awal (PSW1): pulang 16:00 WIB, jadwal 16:30",
    ),
    Case(
        "friday 16:30 is on time",
        FRI,
        [(7, 30, "in"), (16, 30, "out")],
        "",
        "",
        0,
        "Tepat waktu: masuk 07:30 WIB, pulang 16:30 WIB, jadwal 07:30-16:30",
    ),
    Case(
        "izin excuses a late arrival and early leave",
        MON,
        [(9, 30, "in"), (11, 0, "out")],
        "",
        "",
        0,
        "Izin: keterlambatan dan pulang cepat tidak dihitung",
        leave="izin",
        status_count="izin",
    ),
    Case(
        "sakit without punches is excused, not TK",
        MON,
        [],
        "",
        "",
        0,
        "Sakit: keterlambatan dan pulang cepat tidak dihitung",
        leave="sakit",
        status_count="sakit",
    ),
    Case(
        "WFH lateness still counts",
        MON,
        [(7, 45, "in"), (16, 0, "out")],
        "TL1",
        "",
        0.5,
        "WFH; " + LATE_IN.format(m=15, b="TL1", t="07:45"),
        status_count="wfh",
        channel="wfh",
    ),
    Case(
        "today without check-out is not PSW4 yet",
        MON,
        [(7, 20, "in")],
        "",
        "",
        0,
        "Belum absen pulang (hari berjalan)",
        today=MON,
    ),
    Case(
        "today without any record is not TK yet",
        MON,
        [],
        "",
        "",
        0,
        "Hari ini: belum ada rekaman absen",
        status_count="belum",
        today=MON,
    ),
]


def _employee(session: Session) -> Employee:
    sync_calendar(session, [2026])
    unit = f.unit(session, "DISKOMINFO", name="Dinas Komunikasi dan Informatika")
    return f.employee(session, unit, name="Budi Santoso")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_recap_rule_for_one_day(engine: Engine, case: Case) -> None:
    with db.write_session(engine) as session:
        emp = _employee(session)
        for hh, mm, direction in case.punches:
            coords = {"lat": -7.62, "lon": 111.52} if case.channel == "wfh" else {}
            f.punch(session, emp, case.day, hh, mm, direction, case.channel, **coords)
        if case.leave:
            f.leave(session, emp, case.leave, case.day)
        refresh(session, [emp.id], case.day, case.day, today=case.today)  # type: ignore[list-item]
    month = Month(case.day.year, case.day.month)
    with db.read_session(engine) as session:
        detail = employee_month(session, HR, emp.id, month, today=case.today)  # type: ignore[arg-type]
        day_row = detail.days[detail.days["Tanggal"] == case.day].iloc[0]
        assert day_row["Keterangan"] == case.reason
        assert day_row["TL"] == case.tl
        assert day_row["PSW"] == case.psw
        if case.deduction is None:
            assert (
                day_row["Potongan (%)"] is None
                or day_row["Potongan (%)"] != day_row["Potongan (%)"]
            )
        else:
            assert day_row["Potongan (%)"] == case.deduction
        if case.status_count is None:
            with pytest.raises(ValidationError, match="Tidak ada data absensi"):
                monthly_recap(session, HR, month, today=case.today)
            return
        recap = monthly_recap(session, HR, month, today=case.today)
    row = recap.rows.iloc[0]
    assert len(recap.rows) == 1
    assert row["days_expected"] == 1
    assert row[case.status_count] == 1
    bands = {f"TL{k}": row[f"tl{k}"] for k in range(1, 5)} | {
        f"PSW{k}": row[f"psw{k}"] for k in range(1, 5)
    }
    expected_bands = {code: int(code in (case.tl, case.psw)) for code in bands}
    assert bands == expected_bands
    assert row["deduction_pct"] == case.deduction
    assert detail.total == case.deduction


def _month_of_tk(session: Session, emp: Employee, month: Month) -> None:
    refresh(session, [emp.id], month.start, month.end, today=TODAY)  # type: ignore[list-item]


def test_monthly_cap_limits_a_month_of_tk_to_100_percent(engine: Engine) -> None:
    # October 2026 has 22 work days and no holiday: 22 TK x 5 % = 110 %, capped at 100 %.
    month = Month(2026, 10)
    with db.write_session(engine) as session:
        emp = _employee(session)
        _month_of_tk(session, emp, month)
    with db.read_session(engine) as session:
        row = monthly_recap(session, HR, month, today=TODAY).rows.iloc[0]
    assert (row["days_expected"], row["tk"]) == (22, 22)
    assert row["deduction_uncapped"] == 110.0
    assert row["deduction_pct"] == 100.0


def _rules(**changes: object) -> dict[str, object]:
    data = recap_rules.DEFAULT_RULES.to_dict()
    data.update(changes)
    return data


def test_month_whose_rules_changed_midway_uses_the_rules_of_each_day(engine: Engine) -> None:
    # From 16 October: 1 / 2 / 3 / 4 % per band and TK 4 %.
    steeper = [
        {"min": 1, "max": 30, "percent": 1},
        {"min": 31, "max": 60, "percent": 2},
        {"min": 61, "max": 90, "percent": 3},
        {"min": 91, "max": None, "percent": 4},
    ]
    with db.write_session(engine) as session:
        emp = _employee(session)
        recap_rules.save_rule_set(
            session, HR, _rules(tl=steeper, psw=steeper, tk_percent=4), date(2026, 10, 16),
            "Perwali uji 2026",
        )  # fmt: skip
        f.punch(session, emp, date(2026, 10, 5), 8, 1)  # 31 min late, old rules: TL2 1 %
        f.punch(session, emp, date(2026, 10, 5), 16, 0, "out")
        f.punch(session, emp, date(2026, 10, 20), 8, 1)  # 31 min late, new rules: TL2 2 %
        f.punch(session, emp, date(2026, 10, 20), 16, 0, "out")
        # 21 October has no record: TK at the new 4 %; every other day is on time.
        for day in range(1, 32):
            d = date(2026, 10, day)
            if d.isoweekday() <= 5 and day not in (5, 20, 21):
                f.punch(session, emp, d, 7, 30)
                f.punch(session, emp, d, 16, 30, "out")
        refresh(session, [emp.id], date(2026, 10, 1), date(2026, 10, 31), today=TODAY)  # type: ignore[list-item]
    with db.read_session(engine) as session:
        recap = monthly_recap(session, HR, Month(2026, 10), today=TODAY)
        detail = employee_month(session, HR, emp.id, Month(2026, 10), today=TODAY)  # type: ignore[arg-type]
    row = recap.rows.iloc[0]
    assert (row["tl2"], row["tk"]) == (2, 1)
    assert row["deduction_pct"] == 1.0 + 2.0 + 4.0
    assert [s.start.day for s in recap.segments] == [1, 16]
    days = detail.days.set_index("Tanggal")
    assert days.loc[date(2026, 10, 5), "Potongan (%)"] == 1.0
    assert days.loc[date(2026, 10, 20), "Potongan (%)"] == 2.0
    assert days.loc[date(2026, 10, 21), "Potongan (%)"] == 4.0
    assert days.loc[date(2026, 10, 5), "Aturan"] == "Bawaan sistem"
    assert days.loc[date(2026, 10, 20), "Aturan"].startswith("Versi #")


def test_daily_cap_limits_one_bad_day(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _employee(session)
        recap_rules.save_rule_set(
            session, HR, _rules(daily_cap_percent=2), date(2026, 1, 1), "Batas harian 2 persen"
        )
        f.punch(session, emp, MON, 9, 1)  # TL4 1.5 %
        f.punch(session, emp, MON, 14, 29, "out")  # PSW4 1.5 %: 3 % capped at 2 %
        refresh(session, [emp.id], MON, MON, today=TODAY)  # type: ignore[list-item]
    with db.read_session(engine) as session:
        row = monthly_recap(session, HR, Month(2026, 10), today=TODAY).rows.iloc[0]
        detail = employee_month(session, HR, emp.id, Month(2026, 10), today=TODAY)  # type: ignore[arg-type]
    assert row["deduction_pct"] == 2.0
    reason = detail.days.set_index("Tanggal").loc[MON, "Keterangan"]
    assert reason.endswith("; potongan dibatasi batas harian 2%")


def test_tolerance_band_starting_at_six_minutes(engine: Engine) -> None:
    tl = [{"min": 6, "max": 30, "percent": 0.5}, {"min": 31, "max": None, "percent": 1}]
    with db.write_session(engine) as session:
        emp = _employee(session)
        recap_rules.save_rule_set(
            session, HR, _rules(tl=tl), date(2026, 1, 1), "Toleransi lima menit"
        )
        f.punch(session, emp, MON, 7, 35)  # 5 minutes: tolerated
        f.punch(session, emp, MON, 16, 0, "out")
        refresh(session, [emp.id], MON, MON, today=TODAY)  # type: ignore[list-item]
    with db.read_session(engine) as session:
        row = monthly_recap(session, HR, Month(2026, 10), today=TODAY).rows.iloc[0]
        detail = employee_month(session, HR, emp.id, Month(2026, 10), today=TODAY)  # type: ignore[arg-type]
    assert row["deduction_pct"] == 0
    assert detail.days.set_index("Tanggal").loc[MON, "Keterangan"] == (
        "Terlambat 5 menit, masih di bawah pita TL1: masuk 07:35 WIB, jadwal 07:30"
    )


@pytest.mark.parametrize(
    ("decimals", "mode", "total_bp", "expected_bp"),
    [
        (2, "half_up", 125, 125),
        (1, "half_up", 125, 130),
        (1, "half_up", 124, 120),
        (1, "down", 129, 120),
        (1, "up", 121, 130),
        (0, "half_up", 50, 100),
        (0, "half_up", 49, 0),
        (0, "down", 150, 100),
        (0, "up", 101, 200),
        (0, "half_up", 12_000, 10_000),  # the monthly cap comes before rounding
    ],
)
def test_rounding_of_the_monthly_total(
    decimals: int, mode: str, total_bp: int, expected_bp: int
) -> None:
    rules = recap_rules.parse_rules(_rules(rounding={"decimals": decimals, "mode": mode}))
    assert rules.round_bp(total_bp) == expected_bp


def test_a_deactivated_colleague_does_not_disturb_the_others_days(engine: Engine) -> None:
    # Siti is deactivated on Wednesday 7 October: her rows end on the 6th. Budi is 31 minutes
    # late on Monday to Wednesday (TL2, 1 % a day) and on time on Thursday and Friday.
    with db.write_session(engine) as session:
        siti = _employee(session)  # created first: her rows come before Budi's
        siti.name = "Siti Aminah"
        budi = f.employee(session, session.get(Unit, siti.unit_id), name="Budi Santoso")  # type: ignore[arg-type]
        siti.status, siti.status_changed_at = "nonaktif", f.wib(date(2026, 10, 7), 9, 0)
        session.add(siti)
        for day in range(5, 10):
            late = day <= 7
            f.punch(session, budi, date(2026, 10, day), 8 if late else 7, 1 if late else 20)
            f.punch(session, budi, date(2026, 10, day), 16, 30, "out")
        refresh(session, None, date(2026, 10, 1), date(2026, 10, 9), today=TODAY)
    with db.read_session(engine) as session:
        rows = monthly_recap(session, HR, Month(2026, 10), today=TODAY).rows.set_index("name")
    assert rows.loc["Budi Santoso", ["days_expected", "hadir", "tl2", "tl4", "psw4"]].tolist() == [
        7,
        5,
        3,
        0,
        0,
    ]
    assert rows.loc["Budi Santoso", "tk"] == 2  # 1 and 2 October
    assert rows.loc["Budi Santoso", "deduction_pct"] == 3.0 + 2 * 5.0
    assert rows.loc["Siti Aminah", ["days_expected", "tk"]].tolist() == [4, 4]  # 1, 2, 5, 6 October


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("2026-02", date(2026, 2, 1), date(2026, 2, 28)), ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
     ("2026-12", date(2026, 12, 1), date(2026, 12, 31))],
)  # fmt: skip
def test_month_bounds(text: str, start: date, end: date) -> None:
    month = Month.parse(text)
    assert (month.start, month.end) == (start, end)


def test_recent_months_cross_the_year_and_bad_months_are_refused() -> None:
    assert [m.key for m in Month.recent(date(2026, 2, 10), 4)] == [
        "2026-02",
        "2026-01",
        "2025-12",
        "2025-11",
    ]
    for bad in ("2026-13", "2026", "abc", "1999-12"):
        with pytest.raises(ValidationError, match="Bulan tidak sah"):
            Month.parse(bad)
