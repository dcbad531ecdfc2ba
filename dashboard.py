"""Dashboard E-Kinerja: entry point, login gate and navigation.

    streamlit run dashboard.py

On first start with an empty database (and EKINERJA_MODE not "production") it builds the demo
dataset, with a progress bar, and marks everything DEMO. A production database without an admin
account opens the first-run setup page instead of the login form.

Every run resolves the session token on the server (pages.common.viewer); the navigation then
holds exactly the pages the account's role may open (ekinerja.access.PAGES), so a page a role
may not use is not in its navigation at all.
"""

from __future__ import annotations

import os

import streamlit as st

import db
from ekinerja import accounts, texts
from ekinerja.access import PAGES, PageSpec, page, pages_for
from ekinerja.texts import accounts as ta
from pages import common, sso

st.set_page_config(page_title=texts.APP_NAME, page_icon="📋", layout="wide")

engine = common.engine()
production = os.environ.get("EKINERJA_MODE", "demo").lower() == "production"
HERE = os.path.dirname(os.path.abspath(__file__))

if db.is_empty(engine) and not production:
    with common.build_lock():
        if db.is_empty(engine):
            from data.demo import DemoConfig, build_demo

            st.title(texts.APP_NAME)
            st.warning("DEMO: basis data masih kosong, data contoh Kota Madiun sedang dibuat.")
            bar = st.progress(0.0, text="Menyiapkan data demo...")
            build_demo(
                engine,
                DemoConfig.first_start(),
                progress=lambda f, m: bar.progress(min(f, 1.0), text=m),
            )
            st.rerun()

had_token = bool(st.session_state.get(common.TOKEN_KEY))
viewer = common.viewer()
if viewer is None:
    if had_token:
        st.session_state[sso.NOTICE_KEY] = ta.SESSION_ENDED
    sso.try_login()
    with db.read_session(engine) as session:
        first_run = production and not accounts.has_any_admin(session)
    login = st.Page("pages/login.py", title=ta.LOGIN_TITLE, icon=":material/login:")
    if first_run:
        setup = st.Page(
            "pages/setup.py", title=ta.SETUP_TITLE, icon=":material/build:", default=True
        )
        st.navigation([setup, login], position="hidden").run()
    else:
        # Every page's address answers with the login form, so a reload or a shared link keeps
        # its path and query: after logging in, the same page opens with the same view.
        aliases = [
            st.Page("pages/login.py", title=ta.LOGIN_TITLE, url_path=spec.key) for spec in PAGES
        ]
        st.navigation([login, *aliases], position="hidden").run()
    st.stop()


def _st_page(spec: PageSpec) -> st.Page:
    return st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.key)


# After an admin reset the account may only change its password.
specs = [page("akun")] if viewer.must_change_password else pages_for(viewer.role)
sections: dict[str, list[st.Page]] = {}
for spec in specs:
    # Pages still being written by others are left out until their file exists.
    if os.path.exists(os.path.join(HERE, spec.path)):
        sections.setdefault(spec.section, []).append(_st_page(spec))

with st.sidebar:
    # Only the normalised username (a-z, 0-9, ._-@) and fixed labels: nothing here is Markdown
    # that someone else typed.
    st.caption(f"{viewer.username} · {texts.ROLE_LABELS[viewer.role]}")
    if common.is_demo():
        st.caption(":orange[DEMO]")
    if st.button(ta.LOGOUT, icon=":material/logout:"):
        with db.write_session(engine) as session:
            accounts.logout(session, st.session_state.get(common.TOKEN_KEY))
        st.session_state.pop(common.TOKEN_KEY, None)
        if sso.logged_in():
            st.logout()
        st.rerun()

# The other pages' addresses answer with a fixed Indonesian notice instead of Streamlit's own
# "page not found" (hidden: not in the menu; the page file itself never runs for this account).
allowed = {spec.key for spec in specs}
refusals = [
    st.Page("pages/tidak_berwenang.py", title=ta.NOT_ALLOWED_TITLE, url_path=spec.key,
            visibility="hidden")
    for spec in PAGES
    if spec.key not in allowed and os.path.exists(os.path.join(HERE, spec.path))
]  # fmt: skip
if refusals:
    sections.setdefault("", []).extend(refusals)

if viewer.must_change_password:
    st.warning(ta.MUST_CHANGE, icon=":material/key:")
st.navigation(sections, expanded=True).run()
