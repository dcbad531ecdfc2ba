"""The answer at the address of a page the account may not open (registered hidden in the
navigation under that page's path, so Streamlit never falls back to its own English notice).

The page itself is never run for such an account: this file shows only fixed text.
"""

from __future__ import annotations

import streamlit as st

from ekinerja import texts
from ekinerja.texts import accounts as ta
from pages import common

viewer = common.require_viewer()
st.title(ta.NOT_ALLOWED_TITLE)
if viewer.must_change_password:
    st.warning(ta.NOT_ALLOWED_PASSWORD, icon=":material/key:")
    st.page_link("pages/akun.py", label=ta.OPEN_ACCOUNT, icon=":material/person:")
else:
    st.error(ta.NOT_ALLOWED.format(role=texts.ROLE_LABELS[viewer.role]), icon=":material/block:")
    st.caption(ta.NOT_ALLOWED_HINT)
