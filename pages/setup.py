"""Penyiapan awal: create the first admin of a production database that has none.

Shown only by dashboard.py when EKINERJA_MODE=production and no active admin exists. It asks
for the one-time setup code written to the server log, so whoever reaches a fresh server first
cannot make themselves admin.
"""

from __future__ import annotations

import streamlit as st

import db
from ekinerja import account_admin, accounts, texts
from ekinerja.texts import accounts as ta
from pages import common

common.ensure_dashboard()
st.title(f"{texts.APP_NAME}: {ta.SETUP_TITLE}")
st.markdown(ta.SETUP_INTRO)
account_admin.setup_code()  # issues the code (and writes it to the log) on first view

with st.form("setup"):
    code = st.text_input(ta.SETUP_CODE, type="password", autocomplete="one-time-code")
    username = st.text_input(ta.LOGIN_USERNAME, max_chars=100, autocomplete="username")
    display_name = st.text_input("Nama tampilan", max_chars=200)
    password = st.text_input(
        ta.LOGIN_PASSWORD,
        type="password",
        autocomplete="new-password",
        help=f"Minimal {accounts.MIN_PASSWORD} karakter; huruf apa pun boleh, tidak dipotong.",
    )
    confirm = st.text_input("Ulangi kata sandi", type="password", autocomplete="new-password")
    submitted = st.form_submit_button(ta.SETUP_SUBMIT, type="primary")


def _create() -> str | None:
    with db.write_session(common.engine()) as session:
        user = account_admin.create_first_admin(
            session, code=code, username=username, display_name=display_name or username,
            password=password, confirm=confirm,
        )  # fmt: skip
        return accounts.login(session, user.username, password).token


if submitted:
    token = common.attempt(_create)
    if token:
        st.session_state[common.TOKEN_KEY] = token
        st.rerun()

st.page_link("pages/login.py", label=ta.SETUP_HAVE_ACCOUNT, icon=":material/login:")
