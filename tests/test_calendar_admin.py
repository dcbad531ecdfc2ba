"""Kalender Kerja domain: local decisions and Ramadan periods, audited, with summaries refreshed.

2026-10-05 is a Monday with no national holiday; Ramadan 2026 from the package runs 2026-02-19 to
2026-03-20 (Idul Fitri 2026-03-21); 2026-02-18 is the Wednesday before it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

import db
from ekinerja import calendar_admin as ca
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.calendar import sync_calendar
from ekinerja.models import AuditEntry, DailySummary, Employee, Holiday, SpecialPeriod
from ekinerja.summary import refresh
from ekinerja.validation import ValidationError
from tests import factories as f

MON = date(2026, 10, 5)
TUE = date(2026, 10, 6)
ADMIN = Viewer("uji-admin", "admin")
HR = Viewer("uji-hr", "hr")
AUDITOR = Viewer("uji-auditor", "auditor")
SUPERVISOR = Viewer("uji-atasan", "supervisor", Scope.units([1]))


def _employee(session: Session) -> Employee:
    sync_calendar(session, [2026])
    return f.employee(session, f.unit(session, "DISKOMINFO"))


def _summary(session: Session, day: date) -> DailySummary | None:
    return session.exec(select(DailySummary).where(DailySummary.work_date == day)).first()


def _audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def test_local_decision_turns_a_tk_day_into_a_day_off_and_back(engine: Engine) -> None:
    with db.write_session(engine) as session:
        emp = _employee(session)
        refresh(session, [emp.id], MON, TUE)  # type: ignore[list-item]
        assert _summary(session, MON).status == "tk"  # type: ignore[union-attr]
        row = ca.add_local_holiday(session, HR, MON, "  Cuti bersama daerah\u200b  HUT Kota ")
    with db.read_session(engine) as session:
        assert _summary(session, MON) is None
        assert _summary(session, TUE).status == "tk"  # type: ignore[union-attr]
        holiday = session.get(Holiday, row.id)
        assert (holiday.kind, holiday.name, holiday.source) == (
            "lokal",
            "Cuti bersama daerah HUT Kota",
            "uji-hr",
        )  # type: ignore[union-attr]
        entry = _audit(session, "kalender.libur_tambah")[0]
        assert json.loads(entry.after or "{}") == {
            "day": "2026-10-05",
            "kind": "lokal",
            "name": "Cuti bersama daerah HUT Kota",
        }
    with db.write_session(engine) as session:
        ca.remove_local_holiday(session, ADMIN, row.id)  # type: ignore[arg-type]
    with db.read_session(engine) as session:
        assert _summary(session, MON).status == "tk"  # type: ignore[union-attr]
        assert len(_audit(session, "kalender.libur_hapus")) == 1


def test_a_day_that_is_already_a_holiday_is_refused(engine: Engine) -> None:
    with db.write_session(engine) as session:
        _employee(session)
    with pytest.raises(ValidationError, match="sudah menjadi hari libur: Hari Kemerdekaan"):
        with db.write_session(engine) as session:
            ca.add_local_holiday(session, HR, date(2026, 8, 17), "Libur tambahan")
    with db.read_session(engine) as session:
        assert _audit(session, "kalender.libur_tambah") == []


@pytest.mark.parametrize("name", ["", "  ", "ab", "x" * 201, "\x00\x07"])
def test_local_decision_needs_a_name(engine: Engine, name: str) -> None:
    with pytest.raises(ValidationError, match="Nama/dasar keputusan wajib diisi"):
        with db.write_session(engine) as session:
            ca.add_local_holiday(session, HR, MON, name)


def test_national_holidays_cannot_be_removed_here(engine: Engine) -> None:
    with db.write_session(engine) as session:
        _employee(session)
        national = session.exec(select(Holiday).where(Holiday.day == date(2026, 8, 17))).one()
    with pytest.raises(ValidationError, match="Hanya keputusan daerah"):
        with db.write_session(engine) as session:
            ca.remove_local_holiday(session, ADMIN, national.id)  # type: ignore[arg-type]


@pytest.mark.parametrize("viewer", [AUDITOR, SUPERVISOR], ids=["auditor", "supervisor"])
def test_only_admin_and_hr_edit_the_calendar(engine: Engine, viewer: Viewer) -> None:
    with db.write_session(engine) as session:
        with pytest.raises(PermissionDenied):
            ca.add_local_holiday(session, viewer, MON, "Tidak boleh")
        with pytest.raises(PermissionDenied):
            ca.save_ramadan(session, viewer, None, date(2030, 1, 1), date(2030, 1, 29))
        with pytest.raises(PermissionDenied):
            ca.sync_year(session, viewer, 2027)


def test_auditor_reads_supervisor_does_not(engine: Engine) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
    with db.read_session(engine) as session:
        frame = ca.holidays_frame(session, AUDITOR, 2026)
        assert frame.loc[frame["Tanggal"] == date(2026, 8, 17), "Jenis"].tolist() == [
            "Libur nasional"
        ]
        assert frame.loc[frame["Tanggal"] == date(2026, 5, 15), "Jenis"].tolist() == [
            "Cuti bersama"
        ]
        with pytest.raises(PermissionDenied):
            ca.holidays_frame(session, SUPERVISOR, 2026)


def test_moving_ramadan_start_recomputes_only_the_days_that_changed(engine: Engine) -> None:
    wed, far = date(2026, 2, 18), date(2026, 3, 2)
    with db.write_session(engine) as session:
        emp = _employee(session)
        for day in (wed, far):
            f.punch(session, emp, day, 8, 10)
            f.punch(session, emp, day, 16, 0, "out")
        refresh(session, [emp.id], wed, far)  # type: ignore[list-item]
        assert _summary(session, wed).minutes_late == 40  # type: ignore[union-attr]  # 07:30 start
        far_updated = _summary(session, far).updated_at  # type: ignore[union-attr]
        period = session.exec(select(SpecialPeriod)).one()
        seen = (period.start_date, period.end_date)
        assert seen == (date(2026, 2, 19), date(2026, 3, 20))
    with db.write_session(engine) as session:
        ca.save_ramadan(
            session, HR, period.id, wed, date(2026, 3, 20), "Keputusan pemerintah", seen
        )
    with db.read_session(engine) as session:
        row = _summary(session, wed)
        assert (row.is_ramadan, row.minutes_late) == (True, 10)  # type: ignore[union-attr]  # 08:00 start
        assert _summary(session, far).updated_at == far_updated  # untouched
        entry = _audit(session, "kalender.ramadan_simpan")[0]
        assert json.loads(entry.before or "{}")["start"] == "2026-02-19"
        assert json.loads(entry.after or "{}")["start"] == "2026-02-18"


def test_a_stale_ramadan_form_is_refused(engine: Engine) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
        period = session.exec(select(SpecialPeriod)).one()
        stale = (date(2026, 2, 20), date(2026, 3, 20))
    with pytest.raises(ValidationError, match="baru saja diubah orang lain"):
        with db.write_session(engine) as session:
            ca.save_ramadan(session, HR, period.id, date(2026, 2, 17), date(2026, 3, 18), "", stale)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 3, 10), date(2026, 3, 1), "tidak boleh sebelum"),
        (date(2027, 1, 1), date(2027, 2, 15), "paling panjang 31 hari"),
        (date(2026, 3, 15), date(2026, 4, 10), "bertumpang tindih"),
    ],
)
def test_bad_ramadan_period_is_refused(
    engine: Engine, start: date, end: date, message: str
) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as session:
        ca.save_ramadan(session, HR, None, start, end)
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(SpecialPeriod)).one() == 1


def test_sync_year_adds_package_holidays_once_and_is_audited(engine: Engine) -> None:
    with db.write_session(engine) as session:
        added = ca.sync_year(session, ADMIN, 2027)
        again = ca.sync_year(session, ADMIN, 2027)
    assert added > 10 and again == 0
    with db.read_session(engine) as session:
        frame = ca.holidays_frame(session, ADMIN, 2027)
        assert date(2027, 8, 17) in set(frame["Tanggal"])
        assert len(_audit(session, "kalender.sinkron")) == 1


def test_deleting_a_ramadan_period_restores_normal_hours(engine: Engine) -> None:
    day = date(2026, 3, 2)
    with db.write_session(engine) as session:
        emp = _employee(session)
        f.punch(session, emp, day, 8, 0)
        refresh(session, [emp.id], day, day)  # type: ignore[list-item]
        assert _summary(session, day).minutes_late == 0  # type: ignore[union-attr]
        period = session.exec(select(SpecialPeriod)).one()
        ca.delete_ramadan(session, ADMIN, period.id, (period.start_date, period.end_date))  # type: ignore[arg-type]
        assert _summary(session, day).minutes_late == 30  # type: ignore[union-attr]


def test_schedule_table_checks_weekly_hours_against_perpres(engine: Engine) -> None:
    with db.write_session(engine) as session:
        f.unit(session, "DISKOMINFO", sched=f.schedule(session, name="Reguler"))
        f.schedule(session, name="Sif RSUD", is_shift=True, workdays="1234567")
    with db.read_session(engine) as session:
        frame = ca.schedules_frame(session, AUDITOR).set_index("Jadwal")
    # Mon-Thu 07:30-16:00 less 1 h break (7.5 h) x 4 + Fri 07:30-16:30 less 1.5 h (7.5 h) = 37.5 h;
    # Ramadan 08:00-15:00 less 0.5 h (6.5 h) x 4 + Fri 08:00-15:30 less 1 h (6.5 h) = 32.5 h.
    assert frame.loc[
        "Reguler", ["Unit", "Jam kerja bersih/minggu", "Jam bersih/minggu (Ramadan)"]
    ].tolist() == [1, 37.5, 32.5]
    assert frame.loc["Reguler", "Jumat"] == "07:30-16:30"
    assert frame.loc["Sif RSUD", "Hari kerja"].startswith("Sif")
