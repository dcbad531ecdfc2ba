"""Penahanan & Retensi: legal holds (admin and auditor), the retention schedule and its run
(admin), and the account deletions waiting for their purge.

A hold beats everything: while it stands nothing under it is corrected, deleted or expired.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlmodel import Session

import db
from ekinerja.access import can
from ekinerja.governance import deletion, holds, records, retention
from ekinerja.texts import governance as T
from pages import common

viewer = common.require_page("penahanan")
st.title("Penahanan & Retensi")
st.caption("Penahanan (legal hold) menjaga data yang menjadi subjek permintaan hukum atau "
           "penyelidikan (Kebijakan bagian IV): tidak dapat dikoreksi, dihapus, atau kedaluwarsa.")  # fmt: skip
for line in st.session_state.pop("tahan_flash", []):
    st.text(line)


def write(action: Callable[[Session], Any], message: str) -> None:
    def run() -> Any:
        with db.write_session(common.engine()) as session:
            return action(session) or True

    if common.attempt(run) is not None:
        common.clear_caches()
        st.session_state["tahan_flash"] = [message]
        st.session_state["tahan_gen"] = st.session_state.get("tahan_gen", 0) + 1
        st.rerun()


@st.dialog("Cabut penahanan?")
def confirm_lift(hold_id: int, version: int) -> None:
    st.write("Data yang dijaga penahanan ini kembali tunduk pada retensi dan penghapusan.")
    why = st.text_input("Alasan pencabutan (wajib)", max_chars=1000, key="tahan_lift_reason")
    if st.button("Ya, cabut", type="primary", key="tahan_lift_yes"):
        write(lambda s: holds.lift_hold(s, viewer, hold_id, version, why), "Penahanan dicabut.")


def run_retention(dry_run: bool) -> None:
    with st.spinner("Menjalankan retensi..."):
        report = common.attempt(lambda: retention.run_retention(common.engine(), viewer, dry_run))
    if report is not None:
        if not dry_run:
            common.clear_caches()
        st.code("\n".join(report.describe()), language=None)


@st.dialog("Jalankan retensi?", width="large")
def confirm_run() -> None:
    st.write("Data yang melewati masa simpan, dan data terhapus yang melewati masa tenggang, "
             "dihapus permanen termasuk file fotonya. Data yang ditahan tidak disentuh.")  # fmt: skip
    if st.button("Ya, jalankan", type="primary", key="tahan_run_yes"):
        run_retention(dry_run=False)


hold_tab, retention_tab, erasure_tab = st.tabs(["Penahanan", "Jadwal retensi", "Penghapusan akun"])
with db.read_session(common.engine()) as session:
    hold_frame = holds.list_holds(session, viewer)
    unit_names = records.units(session, viewer)
    rules = retention.rules_frame(session)
    erasures = deletion.erasure_requests(session, viewer)

with hold_tab:
    if hold_frame.empty:
        st.info("Belum ada penahanan.")
    else:
        st.dataframe(hold_frame, key="tahan_list", column_config=T.HOLD_COLUMNS)
    st.subheader("Pasang penahanan")
    c1, c2 = st.columns(2)
    query = c1.text_input("Cari pegawai (NIP atau nama)", max_chars=100, key="tahan_q")
    with db.read_session(common.engine()) as session:
        people = records.find_employees(session, viewer, query) if query.strip() else None
    options = [None] if people is None else [None, *people.index]
    person = c1.selectbox("Pegawai", options, key="tahan_person", format_func=lambda i: (
        "Semua pegawai" if i is None or people is None else f"{people.at[i, 'nip']} · {people.at[i, 'name']}"
    ))  # fmt: skip
    unit = c2.selectbox("Unit", [None, *unit_names], key="tahan_unit",
                        format_func=lambda u: "Semua unit" if u is None else unit_names[u])  # fmt: skip
    d1, d2 = c2.columns(2)
    start = d1.date_input("Dari tanggal", value=None, format="DD-MM-YYYY", key="tahan_start")
    end = d2.date_input("Sampai tanggal", value=None, format="DD-MM-YYYY", key="tahan_end")
    case_ref = st.text_input("Nomor/rujukan perkara (wajib)", max_chars=100, key="tahan_case")
    note = st.text_input("Catatan", max_chars=1000, key="tahan_note")
    if st.button("Pasang penahanan", type="primary", icon=":material/gavel:"):
        request = holds.HoldRequest(case_ref, person, unit, start, end, note)
        write(lambda s: holds.place_hold(s, viewer, request), "Penahanan dipasang.")
    active = hold_frame[hold_frame["lifted_at"].isna()]
    if not active.empty:
        st.subheader("Cabut penahanan")
        pick = st.selectbox("Penahanan", list(active.index), key="tahan_lift_pick",
                            format_func=lambda i: f"#{i} · {active.at[i, 'case_ref']}")  # fmt: skip
        if st.button("Cabut penahanan…"):
            confirm_lift(int(pick), int(active.at[pick, "version"]))

with retention_tab:
    editable = can(viewer.role, "retention.edit")
    key = f"tahan_rules_{st.session_state.get('tahan_gen', 0)}"
    if st.session_state.get("tahan_rules_key") != key:  # keep the versions the grid was loaded with
        st.session_state["tahan_rules_key"] = key
        st.session_state["tahan_rules"] = rules
    shown = st.session_state["tahan_rules"]
    st.data_editor(
        shown, key=key, num_rows="fixed", hide_index=True,
        disabled=[c for c in shown.columns if not (editable and c == "keep_days")],
        column_config={
            **T.RULE_COLUMNS,
            "keep_days": st.column_config.NumberColumn(T.RULE_COLUMNS["keep_days"], step=1),
        },
    )  # fmt: skip
    st.caption("Jejak audit disimpan selamanya dan tidak dapat diubah. Penahanan dan aturan pelanggaran selalu menang; bila "
               "beberapa masa berlaku pada satu data, yang terpanjang yang dipakai.")  # fmt: skip
    if editable:
        why = st.text_input(
            "Alasan perubahan jadwal (wajib)", max_chars=1000, key="tahan_rule_reason"
        )
        if st.button("Simpan jadwal retensi"):
            changed = st.session_state.get(key, {}).get("edited_rows", {})
            write(lambda s: retention.set_rules(s, viewer, retention.rule_changes(shown, changed), why),
                  "Jadwal retensi disimpan.")  # fmt: skip
    if can(viewer.role, "retention.run"):
        r1, r2 = st.columns(2)
        if r1.button("Simulasi retensi", icon=":material/preview:"):
            run_retention(dry_run=True)
        if r2.button("Jalankan retensi…", type="primary", icon=":material/delete_sweep:"):
            confirm_run()

with erasure_tab:
    if erasures.empty:
        st.info("Belum ada permintaan penghapusan akun.")
    else:
        st.dataframe(erasures, key="tahan_erasures", column_config=T.ERASURE_COLUMNS)
    waiting = erasures[erasures["state"] == "menunggu"]
    if can(viewer.role, "account.delete") and not waiting.empty:
        pick_req = st.selectbox("Permintaan", list(waiting.index), key="tahan_req",
                                format_func=lambda i: f"#{i} · pegawai {waiting.at[i, 'employee_id']}")  # fmt: skip
        why = st.text_input("Alasan pembatalan (wajib)", max_chars=1000, key="tahan_cancel_reason")
        if st.button("Batalkan penghapusan akun"):
            write(lambda s: deletion.cancel_erasure(s, viewer, int(pick_req), why),
                  "Penghapusan akun dibatalkan; data dipulihkan.")  # fmt: skip
