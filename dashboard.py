"""Dashboard E-Kinerja: entry point, login gate and navigation.

    streamlit run dashboard.py

On first start with an empty database (and EKINERJA_MODE not "production") it builds the demo
dataset, with a progress bar, and marks everything DEMO.
"""

from __future__ import annotations

import os

import streamlit as st

import db
from ekinerja import texts
from ekinerja.access import pages_for
from pages import common

st.set_page_config(page_title=texts.APP_NAME, page_icon=":material/fact_check:", layout="wide")

engine = common.engine()
production = os.environ.get("EKINERJA_MODE", "demo").lower() == "production"

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

viewer = common.viewer()
if viewer is None:
    first_run = production and db.is_empty(engine)
    login = st.Page(
        "pages/setup.py" if first_run else "pages/login.py", title="Masuk", icon=":material/login:"
    )
    st.navigation([login], position="hidden").run()
    st.stop()

sections: dict[str, list[st.Page]] = {}
for spec in pages_for(viewer.role):
    if os.path.exists(os.path.join(os.path.dirname(__file__), spec.path)):
        sections.setdefault(spec.section, []).append(
            st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.key)
        )

with st.sidebar:
    st.caption(f"{viewer.username} · {texts.ROLE_LABELS[viewer.role]}")
    if common.is_demo():
        st.caption(":orange[DEMO]")
    if st.button("Keluar", icon=":material/logout:"):
        with db.write_session(engine) as session:
            from ekinerja.accounts import logout

            logout(session, st.session_state.get(common.TOKEN_KEY))
        st.session_state.pop(common.TOKEN_KEY, None)
        st.rerun()

st.navigation(sections).run()
