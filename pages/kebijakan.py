"""Kebijakan: the data policy in force, what each clause means in this dashboard, and the log of
versions. Section V: users are told before the policy changes, so an announced version shows
here from its announcement until it takes effect. Admins announce new versions.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

import db
from ekinerja import texts
from ekinerja.access import can
from ekinerja.governance import policy
from ekinerja.texts import governance as T
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("kebijakan")
st.title("Kebijakan Data")
flash = st.session_state.pop("kebijakan_flash", None)
if flash:
    st.success(flash)

with db.read_session(common.engine()) as session:
    in_force = policy.current(session)
    upcoming = policy.pending(session)
    log = policy.changelog(session)

for version in upcoming:
    st.warning(
        f"Perubahan kebijakan diumumkan {texts.fmt_date(version.announced_on)} dan berlaku "
        f"{texts.fmt_date(version.effective_date)}. Silakan tinjau dan sampaikan pendapat Anda "
        "ke kominfo@madiunkota.go.id sebelum tanggal berlaku.",
        icon=":material/campaign:",
    )
    with st.expander(f"Versi yang akan berlaku: {texts.fmt_date(version.effective_date)}"):
        st.text(f"Versi {version.label}: {version.summary}")
        st.text(version.body)

st.subheader(f"Kebijakan yang berlaku (versi {in_force.label})")
with st.container(height=420):
    st.text(in_force.body)

st.subheader("Arti setiap bagian di dashboard ini")
st.dataframe(policy.clause_table(), hide_index=True, key="kebijakan_clauses")

st.subheader("Riwayat versi")
st.dataframe(log, hide_index=True, key="kebijakan_log", column_config=T.POLICY_LOG_COLUMNS)

if can(viewer.role, "policy.edit"):
    with st.expander("Umumkan versi baru"), st.form("kebijakan_new"):
        label = st.text_input("Label versi (mis. 2026.1)", max_chars=40)
        summary = st.text_area("Ringkasan perubahan", max_chars=2000)
        body = st.text_area("Teks kebijakan lengkap", height=300, max_chars=policy.BODY_MAX)
        earliest = today_wib() + timedelta(days=policy.MIN_NOTICE_DAYS)
        effective = st.date_input("Tanggal berlaku", value=earliest, min_value=earliest,
                                  format="DD-MM-YYYY")  # fmt: skip
        if st.form_submit_button("Umumkan", type="primary"):

            def announce() -> object:
                with db.write_session(common.engine()) as session:
                    return policy.add_version(session, viewer, label, summary, body, effective)

            if common.attempt(announce) is not None:
                common.clear_caches()
                st.session_state["kebijakan_flash"] = "Versi baru diumumkan."
                st.rerun()
