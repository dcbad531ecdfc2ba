"""Helpers (not a page) for single sign-on through `st.login`, used by dashboard.py and login.py.

SSO is on when secrets.toml has an `[auth]` section and Authlib is installed. The identity in
`st.user` is only a claim: ekinerja.oidc maps it to an account, opens a dashboard session, and
from then on the session token decides, exactly as for a password login.
"""

from __future__ import annotations

import importlib.util
import os

import streamlit as st

import db
from ekinerja import oidc
from pages import common

NOTICE_KEY = "login_notice"
STALE_KEY = "sso_stale"
REFUSED_KEY = "sso_refused"
_TRIED_KEY = "sso_tried"


def enabled() -> bool:
    try:
        configured = "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all means no SSO
        return False
    return configured and importlib.util.find_spec("authlib") is not None


def logged_in() -> bool:
    return enabled() and st.user.to_dict().get("is_logged_in") is True


def try_login() -> None:
    """Open a dashboard session for the signed-in SSO identity, once per ID token.

    A refusal is audited once, not on every rerun: the token's (iss, sub, iat) is remembered.
    """
    if not logged_in():
        return
    claims = st.user.to_dict()
    marker = repr((claims.get("iss"), claims.get("sub"), claims.get("iat")))
    if st.session_state.get(_TRIED_KEY) == marker:
        return
    st.session_state[_TRIED_KEY] = marker
    trust = os.environ.get("EKINERJA_SSO_TRUST_EMAIL", "") == "1"
    with db.write_session(common.engine()) as session:
        result = oidc.login_sso(session, claims, trust_unverified_email=trust)
    if result.ok:
        st.session_state.pop(NOTICE_KEY, None)
        st.session_state[common.TOKEN_KEY] = result.token
        st.rerun()
    st.session_state[NOTICE_KEY] = result.message
    st.session_state[STALE_KEY] = result.stale
    st.session_state[REFUSED_KEY] = not result.stale
