"""Aktivitas Harian: logged minutes against the daily target, approvals and their speed, and the
approval queue where a supervisor approves or rejects the team's activities."""

from __future__ import annotations

import streamlit as st

import db
from ekinerja.access import can
from ekinerja.queries import activities, charts, display
from ekinerja.queries.trends import DAILY_TARGET_MINUTES
from ekinerja.texts import analytics as t
from ekinerja.timeutil import today_wib
from pages import common
from pages import filters as fb

SHOWN, ROUND = "aktivitas_ditampilkan", "aktivitas_putaran"

viewer = common.require_page("aktivitas")
st.title(t.ACT_TITLE)
common.demo_banner()
f = fb.filter_bar(viewer, "aktivitas")
grain = fb.url_choice(t.GRAIN_FIELD, t.GRAIN_LABELS, "interval", "harian", radio=True)
data = fb.load(activities.page_data, viewer, f, grain, today_wib())
cut = f.tail(activities.MAX_DAYS)
if cut != f.key():
    st.caption(t.TAIL_NOTE.format(what=t.TAIL_ACTIVITIES, range=t.fmt_range(cut.start, cut.end),
                                  days=activities.MAX_DAYS))  # fmt: skip

fb.cards(activities.cards(data.kpis), f)

chart = data.chart
if chart.empty:
    st.info(t.NO_DATA)
else:
    parts = {
        t.ACT_CHART_APPROVED: chart["approved_per_day"],
        t.ACT_CHART_PENDING: chart["pending_per_day"],
    }
    st.plotly_chart(charts.stacked(chart["bucket"], parts, grain, t.ACT_CHART_AXIS, DAILY_TARGET_MINUTES),
                    config={"displayModeBar": False})  # fmt: skip

left, right = st.columns([3, 2])
with left:
    st.subheader(t.ACT_UNDER_HEADER)
    st.caption(t.ACT_UNDER_NOTE)
    fb.employee_table(
        display.under_target_table(data.under_target), key="aktivitas_bawah", height=320
    )
with right:
    st.subheader(t.ACT_APPROVERS_HEADER)
    st.dataframe(display.approvers_table(data.approvers), hide_index=True, height=320)

st.subheader(t.ACT_QUEUE_HEADER)
if not can(viewer.role, "activity.approve"):
    st.caption(t.ACT_NO_RIGHT)
    st.stop()
# What the supervisor saw when ticking rows: edited_rows are positions in that frame.
shown: list[tuple[int, int]] = st.session_state.get(SHOWN, [])
with db.read_session(common.engine()) as session:
    own = activities.account_employee(session, viewer)
queue = fb.load(activities.pending, viewer, f, own)
if queue.empty:
    st.info(t.ACT_QUEUE_NONE)
    st.session_state[SHOWN] = []
    st.stop()
if len(queue) >= activities.MAX_PENDING_ROWS:
    st.caption(t.ACT_QUEUE_LIMIT.format(n=activities.MAX_PENDING_ROWS))
table = display.queue_table(queue)
# A new key after each saved decision starts the ticks afresh. After a refusal the ticks stay
# where they are and apply to the rows shown now (SHOWN is saved at the end of every run).
editor = f"aktivitas_antrian_{st.session_state.get(ROUND, 0)}"
st.data_editor(table, key=editor, hide_index=True, disabled=[c for c in table.columns if c != t.ACT_PICK],
               column_config={t.ACT_PICK: st.column_config.CheckboxColumn(t.ACT_PICK)})  # fmt: skip
reason = st.text_input(t.ACT_REASON, max_chars=activities.MAX_REASON)
b1, b2 = st.columns(2)
approve = b1.button(t.ACT_APPROVE, type="primary", icon=":material/check:")
reject = b2.button(t.ACT_REJECT, icon=":material/close:")
if approve or reject:
    edits = st.session_state.get(editor, {}).get("edited_rows", {})
    picked = sorted(int(pos) for pos, row in edits.items() if row.get(t.ACT_PICK))
    seen = shown or list(zip(queue["id"].astype(int), queue["version"].astype(int), strict=True))
    decisions = [activities.Decision(*seen[pos]) for pos in picked if pos < len(seen)]

    def decide() -> int:
        with db.write_session(common.engine()) as session:
            return activities.decide(session, viewer, decisions, approve=approve, reason=reason)

    done = common.attempt(decide)
    if done:
        common.clear_caches()
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        st.session_state.pop(SHOWN, None)
        st.toast(
            (t.ACT_APPROVED if approve else t.ACT_REJECTED).format(n=done), icon=":material/done:"
        )
        st.rerun()
st.session_state[SHOWN] = list(
    zip(queue["id"].astype(int), queue["version"].astype(int), strict=True)
)
