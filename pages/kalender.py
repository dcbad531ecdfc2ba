"""Kalender Kerja: holidays of a year, local decisions and Ramadan periods (admin and HR edit).

Every change recomputes the daily summaries of the days it touches, so the recap follows at once.
The Ramadan form remembers the dates it showed; a save over someone else's change is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st
from sqlmodel import Session

import db
from ekinerja import calendar_admin as ca
from ekinerja import texts
from ekinerja.access import can
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("kalender")

st.title("Kalender Kerja")
st.caption(
    "Hari libur nasional dan cuti bersama (paket holidays), keputusan daerah, dan periode Ramadan "
    "(jam kerja 08:00, Perpres 21/2023). Jadwal per unit diatur pada data unit."
)
flash = st.session_state.pop("kalender_flash", None)
if flash:
    st.success(flash)
editable = can(viewer.role, "calendar.edit")
today = today_wib()


def write(action: Callable[[Session], object], message: str) -> None:
    def run() -> object:
        with db.write_session(common.engine()) as session:
            return action(session)

    if common.attempt(run) is not None:
        common.clear_caches()
        st.session_state["kalender_flash"] = message
        st.rerun()


year = st.selectbox(
    "Tahun", list(range(today.year + 1, today.year - 6, -1)), index=1, key="kal_year"
)
with db.read_session(common.engine()) as session:
    holidays = ca.holidays_frame(session, viewer, year)
    local = ca.local_holidays(session, viewer, year)
    periods = ca.ramadan_periods(session, viewer)
    schedules = ca.schedules_frame(session, viewer)

st.subheader(f"Hari libur {year}")
if holidays.empty:
    st.info(f"Belum ada hari libur tercatat untuk {year}.")
DATE = st.column_config.DateColumn(format="DD-MM-YYYY")
st.dataframe(holidays, hide_index=True, column_config={"Tanggal": DATE}, key="kal_holidays")
if editable and st.button(
    f"Ambil libur nasional, cuti bersama dan Ramadan {year} dari paket holidays"
):
    write(
        lambda s: ca.sync_year(s, viewer, year) or True,
        f"Kalender {year} diperbarui dari paket holidays.",
    )

if editable:
    add_col, del_col = st.columns(2)
    with add_col.form("kal_add", clear_on_submit=True):
        st.markdown("**Tambah keputusan daerah**")
        day = st.date_input("Tanggal", value=None, key="kal_add_day", format="DD-MM-YYYY")
        name = st.text_input("Nama / dasar keputusan", max_chars=200, key="kal_add_name")
        if st.form_submit_button("Tambah hari libur"):
            picked = day if isinstance(day, date) else None
            write(
                lambda s: ca.add_local_holiday(s, viewer, picked, name),
                "Keputusan daerah ditambahkan.",
            )
    with del_col.form("kal_del"):
        st.markdown("**Hapus keputusan daerah**")
        labels = {h.id: f"{texts.fmt_date(h.day)}: {h.name}" for h in local}
        gone = st.selectbox(
            "Keputusan", list(labels), format_func=labels.__getitem__, key="kal_del_id"
        )
        if st.form_submit_button("Hapus", disabled=not labels) and gone is not None:
            gone_id: int = gone
            write(
                lambda s: ca.remove_local_holiday(s, viewer, gone_id), "Keputusan daerah dihapus."
            )

st.subheader("Jadwal kerja unit")
st.dataframe(schedules, hide_index=True, key="kal_schedules")
st.caption("Perpres 21/2023: 37,5 jam bersih per minggu; Ramadan 32,5 jam.")

st.subheader("Periode Ramadan")
st.dataframe(ca.ramadan_frame(periods), hide_index=True, key="kal_periods",
             column_config={"Mulai": DATE, "Selesai": DATE})  # fmt: skip
if editable:
    rows = {p.id: (p.start_date, p.end_date, p.note or "") for p in periods if p.id is not None}
    choice = st.selectbox("Periode", [None, *rows], key="kal_period",
                          format_func=lambda p: "Periode baru" if p is None else
                          f"{texts.fmt_date(rows[p][0])} s.d. {texts.fmt_date(rows[p][1])}")  # fmt: skip
    shown: tuple[date, date, str] = rows[choice] if choice is not None else (today, today, "")
    if st.session_state.get("kal_seen_for") != choice:  # remember what the form was loaded with
        st.session_state["kal_seen_for"] = choice
        st.session_state["kal_seen"] = shown[:2]
    seen = st.session_state["kal_seen"] if choice is not None else None
    with st.form(f"kal_period_{choice}"):
        p1, p2 = st.columns(2)
        start = p1.date_input("Mulai", value=shown[0], format="DD-MM-YYYY")
        end = p2.date_input("Selesai", value=shown[1], format="DD-MM-YYYY")
        note = st.text_input("Catatan", value=shown[2], max_chars=200)
        save = st.form_submit_button("Simpan periode", type="primary")
        drop = st.form_submit_button("Hapus periode", disabled=choice is None)
    first = start if isinstance(start, date) else None
    last = end if isinstance(end, date) else None
    if save:
        write(
            lambda s: ca.save_ramadan(s, viewer, choice, first, last, note, seen),
            "Periode Ramadan disimpan.",
        )
    if drop and choice is not None:
        chosen: int = choice
        write(lambda s: ca.delete_ramadan(s, viewer, chosen, seen), "Periode Ramadan dihapus.")
