"""Integritas Data: the review queue of integrity findings.

Supervisors see the findings of their units (read only); admins and auditors confirm or reject
them (a rejection needs a reason); admins run the checks for a month. A review carries the
version the reviewer saw, so a finding changed meanwhile is refused instead of overwritten.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

import db
from ekinerja import integrity, texts
from ekinerja.access import can
from ekinerja.models.integrity import FINDING_STATUSES
from ekinerja.texts import integrity as T
from ekinerja.timeutil import fmt_wib, today_wib
from pages import common

viewer = common.require_page("integritas")
engine = common.engine()
today = today_wib()

st.title(T.PAGE_TITLE)
st.caption(T.PAGE_INTRO)
flash = st.session_state.pop("integritas_flash", None)
if flash:
    st.success(flash)

if can(viewer.role, "integrity.run"):
    with st.expander(T.RUN_TITLE):
        months = [(today.year - (today.month - 1 - i < 0), (today.month - 1 - i) % 12 + 1)
                  for i in range(12)]  # fmt: skip
        chosen = st.selectbox(T.RUN_MONTH, months, format_func=lambda ym: texts.fmt_month(*ym))
        if st.button(T.RUN_BUTTON, type="primary"):
            start, end = integrity.month_range(*chosen)

            def run() -> integrity.RunResult:
                with db.write_session(engine) as session:
                    return integrity.run_checks(session, viewer, start, min(end, today))

            with st.spinner(T.RUN_TITLE):
                result = common.attempt(run)
            if result is not None:
                common.clear_caches()
                st.session_state["integritas_flash"] = T.RUN_DONE.format(
                    new=result.new, updated=result.updated, unchanged=result.unchanged,
                    seconds=texts.fmt_number(sum(result.seconds.values()), 1),
                )  # fmt: skip
                st.rerun()

left, mid, right = st.columns([2, 3, 2])
period = left.date_input(
    T.FILTER_PERIOD, (today.replace(day=1), today), max_value=today, format="DD/MM/YYYY"
)
kinds = mid.multiselect(T.FILTER_KIND, integrity.KINDS, format_func=T.KIND_LABELS.get)
statuses = right.multiselect(
    T.FILTER_STATUS, FINDING_STATUSES, default=["baru"], format_func=T.STATUS_LABELS.get
)
start: date = period[0] if len(period) > 0 else today
end: date = period[1] if len(period) > 1 else start

with db.read_session(engine) as session:
    queue = integrity.list_findings(session, viewer, start, end, kinds or None, statuses or None)
if queue.empty:
    st.info(T.NO_FINDINGS)
    st.stop()
st.dataframe(integrity.labelled(queue), hide_index=True)
st.caption(T.COUNT_CAPTION.format(shown=len(queue), limit=integrity.queue.LIST_LIMIT))

labels = {
    int(r.id): f"No. {r.id} · {T.KIND_LABELS[r.kind]} · {r.nip} · {texts.fmt_date(r.work_date)}"
    for r in queue.itertuples()
}
picked = st.selectbox(T.PICK_FINDING, list(labels), format_func=labels.get, index=None)
if picked is None:
    st.stop()
with db.read_session(engine) as session:
    detail = integrity.finding_detail(session, viewer, picked)
if detail is None:
    st.stop()
f = detail.finding
st.subheader(f"{T.KIND_LABELS[f.kind]} — {detail.name} ({detail.nip})")
st.caption(T.KIND_HELP[f.kind])
st.text(
    f"{T.COLS['status']}: {T.STATUS_LABELS[f.status]} · {T.COLS['severity']}: "
    f"{T.SEVERITY_LABELS[f.severity]} · {texts.fmt_date(f.work_date)}"
    + (f" s.d. {texts.fmt_date(f.last_date)}" if f.last_date != f.work_date else "")
)
if f.reviewed_by:
    st.text(f"{f.reviewed_by}, {fmt_wib(f.reviewed_at)}: {f.status_reason or '-'}")
st.markdown(f"**{T.EVIDENCE_TITLE}**")
st.dataframe(detail.evidence, hide_index=True)
st.markdown(f"**{T.PUNCHES_TITLE}**")
st.dataframe(detail.punches, hide_index=True)

if can(viewer.role, "integrity.review"):
    seen_key = f"integritas_seen_{f.id}"
    seen = st.session_state.setdefault(seen_key, f.version)
    with st.form(f"review_{f.id}_{seen}"):
        st.markdown(f"**{T.REVIEW_TITLE}**")
        others = [s for s in FINDING_STATUSES if s != f.status]
        new_status = st.radio(T.REVIEW_STATUS, others, format_func=T.STATUS_LABELS.get)
        reason = st.text_area(T.REVIEW_REASON, max_chars=2000)
        if st.form_submit_button(T.REVIEW_SAVE, type="primary"):

            def review() -> object:
                with db.write_session(engine) as session:
                    return integrity.review_finding(session, viewer, f.id, new_status, reason, seen)

            if common.attempt(review) is not None:
                st.session_state.pop(seen_key, None)
                st.session_state["integritas_flash"] = T.REVIEWED.format(
                    id=f.id, status=T.STATUS_LABELS[new_status]
                )
                st.rerun()
