"""Pengguna (admin): list accounts, create one, and change, disable, reset, unlock or log out one.

Edits carry the version the form was loaded with (kept in session state, not re-read on the
rerun that submits), so a change someone else saved meanwhile is refused instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

import db
from ekinerja import account_admin, texts
from ekinerja.access import ROLES
from ekinerja.texts import accounts as ta
from pages import common

T = TypeVar("T")
viewer = common.require_page("pengguna")

st.title("Pengguna")
flash = st.session_state.pop("pengguna_flash", None)
if flash:
    st.success(flash)
temp_password = st.session_state.pop("pengguna_temp", None)
if temp_password:
    st.write("Kata sandi sementara (tampil sekali; wajib diganti saat login pertama):")
    st.code(temp_password, language=None)
with db.read_session(common.engine()) as session:
    rows = account_admin.list_accounts(session, viewer)
    units = account_admin.unit_options(session, viewer)
st.dataframe(account_admin.accounts_frame(rows), hide_index=True)


def _role_label(role: str) -> str:
    return texts.ROLE_LABELS[role]


def _write(action: Callable[[Session], T]) -> tuple[bool, T | None]:
    """One transaction per action; a refusal is shown, a success clears the caches."""

    def run() -> tuple[bool, T | None]:
        with db.write_session(common.engine()) as session:
            return True, action(session)

    outcome = common.attempt(run)
    if outcome is None:
        return False, None
    common.clear_caches()
    return outcome


new_tab, edit_tab = st.tabs(["Buat akun", "Ubah akun"])

with new_tab, st.form("akun_baru", clear_on_submit=True):
    username = st.text_input(ta.COL_USERNAME, max_chars=100)
    display = st.text_input(ta.COL_DISPLAY, max_chars=200)
    role = st.selectbox(ta.COL_ROLE, ROLES, format_func=_role_label)
    unit_ids = st.multiselect("Unit (khusus atasan)", list(units), format_func=units.get)
    subunits = st.checkbox("Atasan juga melihat sub-unit")
    sso_email = st.text_input("Email SSO (opsional)", max_chars=254)
    with_password = st.checkbox("Buat kata sandi sementara", value=True)
    if st.form_submit_button("Buat akun", type="primary"):
        ok, created = _write(
            lambda s: account_admin.create_account(
                s, viewer, username=username, display_name=display or username, role=role,
                unit_ids=unit_ids if role == "supervisor" else [], include_subunits=subunits,
                sso_email=sso_email, with_password=with_password,
            )
        )  # fmt: skip
        if ok and created is not None:
            st.session_state["pengguna_flash"] = "Akun dibuat."
            st.session_state["pengguna_temp"] = created[1]
            st.rerun()

with edit_tab:
    by_id = {r.id: r for r in rows}
    chosen = st.selectbox(
        "Akun", list(by_id), format_func=lambda i: by_id[i].username, index=None,
        placeholder="Pilih akun",
    )  # fmt: skip
    if chosen is None:
        st.stop()
    row = by_id[chosen]
    seen_key = f"pengguna_seen_{row.id}"
    seen = st.session_state.setdefault(seen_key, row.version)
    if seen != row.version:
        st.warning(ta.STALE_VERSION)
        if st.button("Muat ulang data akun"):
            st.session_state[seen_key] = row.version
            st.rerun()

    def _done(message: str) -> None:
        st.session_state.pop(seen_key, None)
        st.session_state["pengguna_flash"] = message
        st.rerun()

    with st.form(f"ubah_{row.id}_{seen}"):
        e_display = st.text_input(ta.COL_DISPLAY, row.display_name, max_chars=200)
        e_role = st.selectbox(
            ta.COL_ROLE, ROLES, index=ROLES.index(row.role), format_func=_role_label
        )
        e_units = st.multiselect(
            "Unit (khusus atasan)", list(units), default=list(row.unit_ids), format_func=units.get
        )
        e_sub = st.checkbox("Atasan juga melihat sub-unit", value=row.include_subunits)
        e_email = st.text_input("Email SSO", row.sso_email or "", max_chars=254)
        e_unbind = st.checkbox("Lepas tautan SSO", disabled=not row.sso_bound)
        if st.form_submit_button("Simpan perubahan", type="primary") and _write(
            lambda s: account_admin.edit_account(
                s, viewer, row.id, seen, display_name=e_display, role=e_role,
                unit_ids=e_units if e_role == "supervisor" else [], include_subunits=e_sub,
                sso_email=e_email, unbind_sso=e_unbind,
            )
        )[0]:  # fmt: skip
            _done("Perubahan disimpan.")

    left, right = st.columns(2)
    with left:
        reason = st.text_input("Alasan menonaktifkan", max_chars=500, key=f"alasan_{row.id}")
        if row.active and st.button("Nonaktifkan akun", icon=":material/block:"):
            if _write(lambda s: account_admin.set_active(s, viewer, row.id, seen, False, reason))[
                0
            ]:
                _done("Akun dinonaktifkan; sesinya diakhiri.")
        if not row.active and st.button("Aktifkan akun", icon=":material/check_circle:"):
            if _write(lambda s: account_admin.set_active(s, viewer, row.id, seen, True))[0]:
                _done("Akun diaktifkan.")
    with right:
        if row.has_password and st.button("Reset kata sandi", icon=":material/key:"):
            ok, temp = _write(lambda s: account_admin.reset_password(s, viewer, row.id, seen))
            if ok:
                st.session_state["pengguna_temp"] = temp
                _done("Kata sandi direset; sesi akun itu diakhiri.")
        if row.locked and st.button("Buka kunci", icon=":material/lock_open:"):
            if _write(lambda s: account_admin.unlock(s, viewer, row.id, seen))[0]:
                _done("Kunci akun dibuka.")
        if st.button(f"Akhiri sesi ({row.open_sessions})", icon=":material/logout:"):
            ok, ended = _write(lambda s: account_admin.end_user_sessions(s, viewer, row.id))
            if ok:
                _done(f"{ended} sesi diakhiri.")
