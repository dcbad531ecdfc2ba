"""Kelola Data: find, correct, delete and restore records; an employee's account, status and
data export. Each save needs a reason, is audited and refreshes the daily summary at once.

The grid shows the rows as they were loaded (kept in the session), so a save carries the
version the admin saw and a record someone else changed meanwhile is refused, not overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import streamlit as st
from sqlmodel import Session

import db
from ekinerja.governance import access_export, corrections, deletion, employee_status, records
from ekinerja.texts import governance as T
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("kelola")
st.title("Kelola Data")
st.caption(
    "Koreksi dan hapus data pegawai. Setiap perubahan wajib beralasan dan tercatat di audit."
)
common.demo_banner()
for line in st.session_state.pop("kelola_flash", []):
    st.text(line)


def write(action: Callable[[Session], Any], *lines: str) -> None:
    def run() -> Any:
        with db.write_session(common.engine()) as session:
            return action(session) or True

    result = common.attempt(run)
    if result is not None:
        common.clear_caches()
        extra = list(result.messages) if isinstance(result, deletion.AccountDeletion) else []
        st.session_state["kelola_flash"] = [*lines, *extra]
        st.session_state["kelola_gen"] = st.session_state.get("kelola_gen", 0) + 1
        st.rerun()


@st.dialog("Hapus data?")
def confirm_delete(kind: str, items: list[tuple[int, int]]) -> None:
    st.write(f"{len(items)} data akan disembunyikan dari semua tampilan dan dihapus permanen "
             "setelah masa tenggang. Selama itu data masih dapat dipulihkan.")  # fmt: skip
    why = st.text_input("Alasan penghapusan (wajib)", max_chars=1000, key="kelola_del_reason")
    if st.button("Ya, hapus", type="primary", key="kelola_del_yes"):
        write(lambda s: deletion.soft_delete(s, viewer, kind, items, why), "Data dihapus.")


@st.dialog("Hapus akun pegawai?")
def confirm_account(employee_id: int, version: int, nip: str) -> None:
    st.write("Akun disembunyikan sekarang; seluruh datanya dihapus permanen setelah masa "
             "tenggang, kecuali yang ditahan. Nama dan NIP lalu dianonimkan.")  # fmt: skip
    typed = st.text_input("Ketik NIP pegawai untuk konfirmasi", key="kelola_acc_nip")
    why = st.text_input("Alasan (wajib)", max_chars=1000, key="kelola_acc_reason")
    if st.button("Ya, hapus akun", type="primary", key="kelola_acc_yes"):
        if typed.replace(" ", "") != nip:
            st.error("NIP konfirmasi tidak cocok.")
        else:
            write(lambda s: deletion.delete_account(s, viewer, employee_id, version, why),
                  "Akun pegawai dihapus.")  # fmt: skip


with db.read_session(common.engine()) as session:
    unit_names = records.units(session, viewer)
modes = ("Koreksi & hapus", "Data terhapus", "Akun pegawai")
mode = st.radio("Tampilan", modes, horizontal=True, key="kelola_mode")
c1, c2, c3, c4 = st.columns([2, 3, 3, 3])
query = c2.text_input("Cari NIP atau nama", max_chars=100, key="kelola_q")
unit = c3.selectbox("Unit", [None, *unit_names], key="kelola_unit",
                    format_func=lambda u: "Semua unit" if u is None else unit_names[u])  # fmt: skip

if mode == "Akun pegawai":
    with db.read_session(common.engine()) as session:
        people = records.find_employees(session, viewer, query, unit, include_deleted=True)
    if people.empty:
        st.info("Tidak ada pegawai yang cocok.")
        st.stop()
    pick = st.selectbox("Pegawai", list(people.index), key="kelola_person",
                        format_func=lambda i: f"{people.at[i, 'nip']} · {people.at[i, 'name']}")  # fmt: skip
    person = people.loc[pick]
    st.dataframe(people.loc[[pick]].rename(columns=T.COLUMN_LABELS), key="kelola_person_row")

    def access_zip() -> bytes:
        with db.write_session(common.engine()) as s:
            return access_export.build(s, viewer, int(pick)).data

    st.download_button("Unduh semua data pegawai ini (ZIP, permintaan akses)", data=access_zip,
                       file_name=f"data_pribadi_{pick}.zip", mime="application/zip",
                       on_click="ignore", icon=":material/download:")  # fmt: skip
    if person["status"] == "dihapus":
        st.info(T.ACCOUNT_DELETED_INFO)
        st.stop()
    with st.form("kelola_status"):
        choices = T.STATUS_CHOICES
        current = "pelanggaran" if person["deactivated_for_violation"] else str(person["status"])
        new = st.radio("Status akun", list(choices), format_func=choices.__getitem__,
                       index=list(choices).index(current), horizontal=True)  # fmt: skip
        why = st.text_input("Alasan perubahan status (wajib)", max_chars=1000)
        if st.form_submit_button("Simpan status"):
            write(lambda s: employee_status.set_status(
                s, viewer, int(pick), int(person["version"]), new == "aktif", new == "pelanggaran", why
            ), "Status akun disimpan.")  # fmt: skip
    if st.button("Hapus akun pegawai…", icon=":material/person_remove:"):
        confirm_account(int(pick), int(person["version"]), str(person["nip"]))
    st.stop()

deleted_mode = mode == "Data terhapus"
kinds = [k for k in T.ENTITY_LABELS if not (deleted_mode and k == "summary")]
kind = c1.selectbox("Jenis data", kinds, format_func=T.ENTITY_LABELS.__getitem__, key="kelola_kind")
today = today_wib()
span = c4.date_input("Rentang tanggal", (today - timedelta(days=30), today), format="DD-MM-YYYY",
                     key="kelola_span")  # fmt: skip
start, end = (span[0], span[-1]) if isinstance(span, tuple) and span else (None, None)
flt = records.RecordFilter(query, unit, None, start, end, deleted=deleted_mode)
signature = (kind, flt, st.session_state.get("kelola_gen", 0))
if st.session_state.get("kelola_sig") != signature:  # a new snapshot, and a fresh grid for it
    with db.read_session(common.engine()) as session:
        st.session_state["kelola_frame"] = records.find(session, viewer, kind, flt)
    st.session_state["kelola_sig"] = signature
    st.session_state["kelola_grid_n"] = st.session_state.get("kelola_grid_n", 0) + 1
frame = st.session_state["kelola_frame"]
spec = records.entity(kind)
labels = {name: T.COLUMN_LABELS.get(name, name) for name in ["_index", *frame.columns]}
st.caption(f"{len(frame)} data (maksimal {records.SEARCH_LIMIT}); waktu dalam WIB.")
if st.button("Muat ulang", icon=":material/refresh:"):
    st.session_state["kelola_gen"] = st.session_state.get("kelola_gen", 0) + 1
    st.rerun()

if deleted_mode or not spec.editable:
    st.dataframe(frame, column_config=labels, key="kelola_view")
    if not spec.editable:
        st.info("Ringkasan harian dihitung dari absensi dan cuti: koreksi data sumbernya.")
        st.stop()
else:
    grid_key = f"kelola_grid_{st.session_state['kelola_grid_n']}"
    disabled = [c for c in frame.columns if c not in spec.fields]
    st.data_editor(frame, key=grid_key, disabled=disabled, column_config=labels, num_rows="fixed")
reason = st.text_input("Alasan perubahan (wajib)", max_chars=1000, key="kelola_reason")
picked = st.multiselect(
    "Pilih ID data", list(frame.index), key="kelola_pick", placeholder="Pilih ID"
)
items = [(int(i), int(frame.at[i, "version"])) for i in picked]
if deleted_mode:
    if st.button("Pulihkan data terpilih", disabled=not items, type="primary"):
        write(lambda s: deletion.restore(s, viewer, kind, items, reason), "Data dipulihkan.")
    st.stop()
save_col, delete_col = st.columns(2)
if save_col.button("Simpan koreksi", type="primary", icon=":material/save:"):
    edited = st.session_state.get(f"kelola_grid_{st.session_state['kelola_grid_n']}", {})
    edited = edited.get("edited_rows", {})
    edits = corrections.edits_from_grid(frame, edited)
    write(lambda s: corrections.apply_edits(s, viewer, kind, edits, reason), "Koreksi disimpan.")
if delete_col.button("Hapus data terpilih…", disabled=not items, icon=":material/delete:"):
    confirm_delete(kind, items)
