"""Masuk: the login form. Shows the demo accounts only when the database is the demo."""

from __future__ import annotations

import streamlit as st

import db
from ekinerja import accounts, texts
from pages import common

st.title(texts.APP_NAME)
st.caption(texts.CITY)

with st.form("login", clear_on_submit=False):
    username = st.text_input("Nama pengguna", max_chars=64)
    password = st.text_input("Kata sandi", type="password", max_chars=accounts.MAX_PASSWORD)
    submitted = st.form_submit_button("Masuk", type="primary")

if submitted:
    with db.write_session(common.engine()) as session:
        result = accounts.login(session, username, password)
    if result.ok:
        st.session_state[common.TOKEN_KEY] = result.token
        st.rerun()
    else:
        st.error(result.message)

if common.is_demo():
    st.divider()
    st.info(texts.DEMO_BANNER, icon=":material/science:")
    from data.demo import DEMO_ACCOUNTS

    st.markdown("**Akun demo** (kata sandi sama untuk semua):")
    st.dataframe(
        [
            {
                "Nama pengguna": a.username,
                "Peran": texts.ROLE_LABELS[a.role],
                "Unit": a.unit or "Semua",
            }
            for a in DEMO_ACCOUNTS
        ],
        hide_index=True,
    )
    from data.demo import DEMO_PASSWORD

    st.code(DEMO_PASSWORD, language=None)
