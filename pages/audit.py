"""Audit: search the audit trail (who did what, to which record, why) and verify its hash chain.

Admins and auditors. Filters are an allow-list handled in ekinerja.governance.audit_log; free
text is matched literally (a "%" finds a percent sign). Entries hold ids, never names.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

import db
from ekinerja.audit import parse_anchor
from ekinerja.governance import audit_log
from ekinerja.texts import governance as T
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("audit")
st.title("Audit")
st.caption("Jejak audit append-only dan berantai hash: setiap koreksi, penghapusan, ekspor, "
           "penahanan, retensi dan perubahan akun tercatat di sini.")  # fmt: skip

with db.read_session(common.engine()) as session:
    actions, entities = audit_log.choices(session, viewer)
today = today_wib()
c1, c2, c3 = st.columns(3)
actor = c1.text_input("Pelaku berisi", max_chars=100, key="audit_actor")
action = c2.selectbox("Tindakan", ["", *actions], key="audit_action",
                      format_func=lambda a: a or "Semua tindakan")  # fmt: skip
entity = c3.selectbox("Objek", ["", *entities], key="audit_entity",
                      format_func=lambda e: e or "Semua objek")  # fmt: skip
c4, c5, c6 = st.columns(3)
entity_id = c4.text_input("ID objek", max_chars=64, key="audit_entity_id")
reason = c5.text_input("Alasan berisi", max_chars=100, key="audit_reason")
span = c6.date_input("Rentang tanggal (WIB)", (today - timedelta(days=30), today),
                     format="DD-MM-YYYY", key="audit_span")  # fmt: skip
start, end = (span[0], span[-1]) if isinstance(span, tuple) and span else (None, None)
filters = {"actor": actor.strip(), "action": action, "entity": entity,
           "entity_id": entity_id.strip(), "reason": reason.strip(), "start": start, "end": end}  # fmt: skip

with db.read_session(common.engine()) as session:
    found = common.attempt(lambda: audit_log.search(session, viewer, filters))
if found is not None:
    st.caption(f"{len(found)} entri (maksimal {audit_log.SEARCH_LIMIT}, terbaru dulu).")
    st.dataframe(found, column_config=T.AUDIT_COLUMNS, key="audit_rows")

st.subheader("Verifikasi rantai hash")
with db.read_session(common.engine()) as session:
    head_id, head_hash = audit_log.head(session, viewer)
st.text(f"Kepala rantai saat ini: {head_id}:{head_hash}")
st.caption("Catat kepala ini di luar basis data (mis. surat ke Inspektorat); verifikasi dengan "
           "kepala yang dicatat juga mendeteksi entri terakhir yang dipotong.")  # fmt: skip
anchor_text = st.text_input(
    "Kepala yang dicatat sebelumnya (ID:HASH, opsional)", key="audit_anchor"
)
if st.button("Verifikasi sekarang", type="primary", icon=":material/verified:"):
    try:
        anchor = parse_anchor(anchor_text) if anchor_text.strip() else None
    except ValueError as exc:
        st.error(str(exc))
    else:
        with db.read_session(common.engine()) as session:
            result = audit_log.verify(session, viewer, anchor)
        if result.ok:
            st.success(T.AUDIT_OK.format(n=result.checked))
        else:
            st.error(T.AUDIT_BROKEN.format(id=result.first_bad_id, problem=result.problem))
