"""Masuk: the login form, the SSO button when configured, and the demo accounts on a demo database.

Nothing typed here is ever shown back: a failed login gets one fixed message whether the name is
unknown, the password wrong or the account locked.
"""

from __future__ import annotations

import streamlit as st

import db
from ekinerja import accounts, texts
from ekinerja.texts import accounts as ta
from pages import common, sso

common.ensure_dashboard()
st.title(texts.APP_NAME)
st.caption(texts.CITY)

notice = st.session_state.pop(sso.NOTICE_KEY, None)
if notice:
    st.warning(notice, icon=":material/info:")

with st.form("login", clear_on_submit=False):
    # No max_chars on the password: a pasted passphrase is never cut short in the browser.
    username = st.text_input(ta.LOGIN_USERNAME, max_chars=100, autocomplete="username")
    password = st.text_input(ta.LOGIN_PASSWORD, type="password", autocomplete="current-password")
    submitted = st.form_submit_button(ta.LOGIN_SUBMIT, type="primary")

if submitted:
    with db.write_session(common.engine()) as session:
        result = accounts.login(session, username, password)
    if result.ok:
        st.session_state[common.TOKEN_KEY] = result.token
        st.rerun()
    else:
        st.error(result.message)

if sso.enabled():
    st.divider()
    if st.button(ta.LOGIN_SSO, icon=":material/badge:", help=ta.LOGIN_SSO_HELP):
        st.login()
    if st.session_state.get(sso.REFUSED_KEY) and st.button(ta.SSO_LOGOUT):
        st.session_state.pop(sso.REFUSED_KEY, None)
        st.logout()

if common.is_demo():
    from data.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    st.divider()
    st.info(texts.DEMO_BANNER, icon=":material/science:")
    st.markdown(ta.DEMO_ACCOUNTS_TITLE)
    st.dataframe(
        [
            {
                ta.LOGIN_USERNAME: a.username,
                "Peran": texts.ROLE_LABELS[a.role],
                "Unit": a.unit or ta.DEMO_ALL_UNITS,
            }
            for a in DEMO_ACCOUNTS
        ],
        hide_index=True,
    )
    st.code(DEMO_PASSWORD, language=None)
