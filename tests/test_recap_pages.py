"""Rekap Bulanan, Aturan TPP and Kalender Kerja pages, driven with AppTest as each role.

The Rekap page opens on the previous month, so the data is put on the first regular work day of
the previous month (no holiday, no Ramadan): Ani 08:01-16:00 (TL2, 1 %), Budi nothing (TK, 5 %),
both in DISKOMINFO; Citra in DINKES on time (0 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

import db
from ekinerja.calendar import WorkCalendar, sync_calendar
from ekinerja.models import Holiday, TppRuleSet, WorkSchedule
from ekinerja.summary import refresh
from ekinerja.timeutil import today_wib
from tests import factories as f
from tests.ui import app_for


@dataclass
class Data:
    day: date
    ani: int


def _work_day(calendar: WorkCalendar, schedule: WorkSchedule) -> date:
    first = (today_wib().replace(day=1) - timedelta(days=1)).replace(day=1)
    day = first
    while True:
        hours = calendar.hours(schedule, day)
        if hours.is_workday and not hours.is_ramadan and day.isoweekday() <= 4:
            return day
        day += timedelta(days=1)


def _build(engine: Engine) -> Data:
    with db.write_session(engine) as session:
        today = today_wib()
        sync_calendar(session, [today.year - 1, today.year])
        sched = f.schedule(session)
        kominfo = f.unit(
            session, "DISKOMINFO", sched=sched, name="Dinas Komunikasi dan Informatika"
        )
        dinkes = f.unit(session, "DINKES", sched=sched, name="Dinas Kesehatan")
        day = _work_day(WorkCalendar.load(session, today - timedelta(days=70), today), sched)
        ani = f.employee(session, kominfo, name="Ani Lestari")
        f.employee(session, kominfo, name="Budi Santoso")
        citra = f.employee(session, dinkes, name="Citra Dewi")
        f.punch(session, ani, day, 8, 1)
        f.punch(session, ani, day, 16, 0, "out")
        f.punch(session, citra, day, 7, 25)
        f.punch(session, citra, day, 16, 5, "out")
        refresh(session, None, day, day)
        return Data(day, ani.id)  # type: ignore[arg-type]


def test_hr_sees_the_city_recap_with_its_numbers(engine: Engine) -> None:
    _build(engine)
    at = app_for(engine, "hr", page="pages/rekap.py")
    at.run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value.set_index("Nama")
    assert sorted(table.index) == ["Ani Lestari", "Budi Santoso", "Citra Dewi"]
    assert table.loc["Ani Lestari", ["TL2", "Potongan TPP (%)"]].tolist() == [1, 1.0]
    assert table.loc["Budi Santoso", ["TK", "Potongan TPP (%)"]].tolist() == [1, 5.0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pegawai"] == "3"
    assert metrics["Hari TK"] == "1"
    assert metrics["Rata-rata potongan"] == "2,00%"  # (1 + 5 + 0) / 3
    assert "Unduh CSV" in [b.label for b in at.get("download_button")]
    assert any("Ekspor data mentah" in e.label for e in at.expander)


def test_drill_down_explains_the_band(engine: Engine) -> None:
    data = _build(engine)
    at = app_for(engine, "hr", page="pages/rekap.py")
    at.run()
    people = at.selectbox(key="rekap_person")
    people.select_index([o.startswith("Ani") for o in people.options].index(True))
    at.run()
    days = at.dataframe[1].value.set_index("Tanggal")
    assert (
        days.loc[data.day, "Keterangan"]
        == "Terlambat 31 menit (TL2): masuk 08:01 WIB, jadwal 07:30"
    )
    assert days.loc[data.day, "Potongan (%)"] == 1.0
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Potongan bulan ini"] == "1,00%"


def test_supervisor_sees_only_their_unit_and_no_raw_export(engine: Engine) -> None:
    _build(engine)
    at = app_for(engine, "supervisor", units=["DISKOMINFO"], page="pages/rekap.py")
    at.run()
    assert not at.exception
    assert sorted(at.dataframe[0].value["Nama"]) == ["Ani Lestari", "Budi Santoso"]
    assert at.selectbox(key="rekap_unit").options == [
        "DISKOMINFO - Dinas Komunikasi dan Informatika"
    ]
    assert not any("Ekspor data mentah" in e.label for e in at.expander)


def test_a_month_without_data_shows_a_clear_message(engine: Engine) -> None:
    _build(engine)
    at = app_for(engine, "hr", page="pages/rekap.py")
    at.run()
    at.selectbox(key="rekap_month").select_index(5)
    at.run()
    assert [e.value for e in at.error] and "Tidak ada data absensi" in at.error[0].value
    assert not at.dataframe


def test_hr_saves_a_new_rule_version(engine: Engine) -> None:
    at = app_for(engine, "hr", page="pages/aturan_tpp.py")
    at.run()
    assert not at.exception
    assert list(at.dataframe[0].value["Versi"]) == ["Bawaan sistem"]
    at.number_input(key="aturan_tk_berlaku").set_value(4.0)
    at.text_input[0].input("Perwali 12/2026 tentang TPP")
    submit = next(b for b in at.button if b.label == "Simpan versi baru")
    submit.click()
    at.run()
    assert not at.exception and not at.error
    assert at.success and "disimpan" in at.success[0].value
    with db.read_session(engine) as session:
        row = session.exec(select(TppRuleSet)).one()
    assert '"tk_percent": 4.0' in row.rules and row.created_by == "uji-hr"


def test_auditor_reads_rules_and_calendar_without_forms(engine: Engine) -> None:
    for page in ("pages/aturan_tpp.py", "pages/kalender.py"):
        at = app_for(engine, "auditor", page=page)
        at.run()
        assert not at.exception and not at.error
        assert [b.label for b in at.button] == ["Keluar"], page


def test_hr_adds_a_local_holiday_on_the_calendar_page(engine: Engine) -> None:
    with db.write_session(engine) as session:
        sync_calendar(session, [today_wib().year])
    at = app_for(engine, "hr", page="pages/kalender.py")
    at.run()
    assert not at.exception
    holidays = at.dataframe[0].value
    assert "Hari Kemerdekaan Republik Indonesia" in set(holidays["Nama"])
    day = date(today_wib().year, 12, 31)
    at.date_input(key="kal_add_day").set_value(day)
    at.text_input(key="kal_add_name").input("SE Wali Kota tentang libur akhir tahun")
    submit = next(b for b in at.button if b.label == "Tambah hari libur")
    submit.click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert at.success and at.success[0].value == "Keputusan daerah ditambahkan."
    with db.read_session(engine) as session:
        row = session.exec(select(Holiday).where(Holiday.day == day)).one()
    assert (row.kind, row.source) == ("lokal", "uji-hr")


@pytest.mark.parametrize("page", ["pages/aturan_tpp.py", "pages/kalender.py"])
def test_supervisor_cannot_open_hr_pages(engine: Engine, page: str) -> None:
    _build(engine)
    at = app_for(engine, "supervisor", units=["DISKOMINFO"], page=page)
    at.run()
    assert [b.label for b in at.button] == ["Keluar"]
    assert not at.dataframe
