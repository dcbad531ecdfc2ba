"""Akun Saya: who I am here (role, scope, sessions), change my password, log out elsewhere."""

from __future__ import annotations

import streamlit as st

import db
from ekinerja import account_admin, accounts, texts
from ekinerja.texts import accounts as ta
from ekinerja.timeutil import fmt_wib
from pages import common

viewer = common.require_page("akun")
token = st.session_state.get(common.TOKEN_KEY)
st.title("Akun Saya")
flash = st.session_state.pop("akun_flash", None)
if flash:
    st.success(flash)

with db.read_session(common.engine()) as session:
    me = account_admin.own_account(session, viewer)

left, right = st.columns(2)
left.metric(ta.COL_ROLE, texts.ROLE_LABELS[me.role])
right.metric(ta.COL_SESSIONS, me.open_sessions)
st.caption(f"{ta.COL_USERNAME}: {me.username}")
st.text(f"{ta.COL_DISPLAY}: {me.display_name}")  # free text: never Markdown
scope = ", ".join(me.unit_codes) + (ta.WITH_SUBUNITS if me.include_subunits else "")
st.text(f"{ta.COL_UNITS}: {scope if me.role == 'supervisor' else ta.ALL_UNITS}")
st.text(f"{ta.COL_LAST_LOGIN}: {fmt_wib(me.last_login_at)}")

st.subheader("Ganti kata sandi")
if not me.has_password:
    st.info(ta.PASSWORD_NONE)
else:
    with st.form("ganti_sandi", clear_on_submit=True):
        old = st.text_input("Kata sandi lama", type="password", autocomplete="current-password")
        new = st.text_input(
            "Kata sandi baru",
            type="password",
            autocomplete="new-password",
            help=f"Minimal {accounts.MIN_PASSWORD} karakter; huruf apa pun boleh, tidak dipotong.",
        )
        confirm = st.text_input(
            "Ulangi kata sandi baru", type="password", autocomplete="new-password"
        )
        if st.form_submit_button("Ganti kata sandi", type="primary"):

            def _change() -> accounts.PasswordChange:
                with db.write_session(common.engine()) as session:
                    return accounts.change_own_password(session, viewer, token, old, new, confirm)

            result = common.attempt(_change)
            if result is not None and not result.ok:
                st.error(result.message)
            elif result is not None:
                st.session_state["akun_flash"] = (
                    f"Kata sandi diganti; {result.sessions_ended} sesi lain diakhiri."
                )
                st.rerun()

st.subheader("Sesi")
if st.button("Akhiri sesi saya di perangkat lain", icon=":material/devices:"):
    with db.write_session(common.engine()) as session:
        ended = accounts.end_other_sessions(session, viewer, token)
    st.session_state["akun_flash"] = f"{ended} sesi lain diakhiri."
    st.rerun()
