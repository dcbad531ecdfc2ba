"""Aturan TPP: the deduction rules in force, their history, and (HR, admin) a form for a new version.

A saved version is never changed: a new one with its own effective date replaces it from that
day on, so earlier months keep being recapped with the rules in force then.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

import db
from ekinerja import recap_rules as rr
from ekinerja.access import can
from ekinerja.texts import recap as t
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("aturan_tpp")

st.title("Aturan TPP")
st.caption(
    "Potongan Tambahan Penghasilan Pegawai per pita keterlambatan (TL), pulang sebelum waktu "
    "(PSW) dan hari tanpa keterangan (TK). Setiap hari memakai versi yang berlaku pada hari itu."
)
flash = st.session_state.pop("aturan_flash", None)
if flash:
    st.success(flash)
today = today_wib()
with db.read_session(common.engine()) as session:
    current = rr.version_on(session, today)
    history = rr.history_frame(session, viewer)

st.subheader("Berlaku hari ini")
st.text(f"{current.label}\n{rr.describe(current.rules)}")
st.subheader("Riwayat versi")
effective_col = {"Berlaku mulai": st.column_config.DateColumn(format="DD-MM-YYYY")}
st.dataframe(history, hide_index=True, column_config=effective_col, key="aturan_history")

if not can(viewer.role, "rules.edit"):
    st.stop()

st.subheader("Simpan versi baru")
preset = st.selectbox(
    "Mulai dari",
    ["berlaku", *rr.PRESETS],
    format_func=t.PRESET_LABELS.__getitem__,
    key="aturan_preset",
)
base = current.rules if preset == "berlaku" else rr.PRESETS[preset]
next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
with st.form("aturan_baru"):
    effective = st.date_input("Berlaku mulai", value=next_month, key="aturan_effective")
    st.markdown("**Pita keterlambatan (TL)** — pita terakhir juga untuk tidak ada absen masuk")
    tl = st.data_editor(rr.bands_frame(base.tl), num_rows="dynamic", key=f"aturan_tl_{preset}")
    st.markdown(
        "**Pita pulang sebelum waktu (PSW)** — pita terakhir juga untuk tidak ada absen pulang"
    )
    psw = st.data_editor(rr.bands_frame(base.psw), num_rows="dynamic", key=f"aturan_psw_{preset}")
    c1, c2, c3 = st.columns(3)
    tk = c1.number_input("Potongan TK per hari (%)", 0.0, 100.0, base.tk_bp / 100, 0.25,
                         key=f"aturan_tk_{preset}")  # fmt: skip
    daily_cap = (base.daily_cap_bp or 0) / 100
    daily = c2.number_input("Batas potongan harian (%, 0 = tanpa batas)", 0.0, 100.0, daily_cap,
                            0.25, key=f"aturan_daily_{preset}")  # fmt: skip
    monthly = c3.number_input("Batas potongan bulanan (%)", 0.0, 100.0, base.monthly_cap_bp / 100,
                              1.0, key=f"aturan_monthly_{preset}")  # fmt: skip
    c4, c5, c6 = st.columns(3)
    decimals = c4.selectbox("Desimal pembulatan", [2, 1, 0], index=[2, 1, 0].index(base.decimals))
    mode = c5.selectbox("Cara pembulatan", rr.ROUNDING_MODES, format_func=t.ROUNDING_LABELS.__getitem__,
                        index=rr.ROUNDING_MODES.index(base.rounding))  # fmt: skip
    target = c6.number_input("Target aktivitas (menit per hari kerja)", 0, 1440,
                             base.activity_target_minutes, 15, key=f"aturan_target_{preset}")  # fmt: skip
    note = st.text_input("Catatan / dasar perubahan (mis. nomor Perwali)", max_chars=rr.MAX_NOTE)
    submitted = st.form_submit_button("Simpan versi baru", type="primary")

if submitted:
    data = {
        "tl": rr.bands_from_frame(tl),
        "psw": rr.bands_from_frame(psw),
        "tk_percent": tk,
        "daily_cap_percent": daily or None,
        "monthly_cap_percent": monthly,
        "rounding": {"decimals": decimals, "mode": mode},
        "activity_target_minutes": target,
    }

    def save() -> int | None:
        with db.write_session(common.engine()) as session:
            day = effective if isinstance(effective, date) else None
            return rr.save_rule_set(session, viewer, data, day, note).id

    saved = common.attempt(save)
    if saved is not None:
        common.clear_caches()
        st.session_state["aturan_flash"] = (
            f"Versi #{saved} disimpan, berlaku mulai {effective:%d-%m-%Y}."
        )
        st.rerun()
