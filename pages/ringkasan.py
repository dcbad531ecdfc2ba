"""Ringkasan: who came to work today and in the period, by unit, and where each number comes from."""

from __future__ import annotations

import streamlit as st

from ekinerja import texts
from ekinerja.queries import charts, display, overview
from ekinerja.texts import analytics as t
from ekinerja.timeutil import today_wib
from pages import common
from pages import filters as fb

viewer = common.require_page("ringkasan")
st.title(t.OVERVIEW_TITLE)
common.demo_banner()
f = fb.filter_bar(viewer, "ringkasan")
today = today_wib()
data = fb.load(overview.page_data, viewer, f, today)


st.subheader(t.TODAY_HEADER.format(day=texts.fmt_date(today, with_weekday=True)))
if data.today_kpis.is_workday:
    fb.cards(overview.today_cards(data.today_kpis), f)
else:
    st.info(t.TODAY_OFF, icon=":material/event_busy:")
st.subheader(t.PERIOD_HEADER.format(range=t.fmt_range(f.start, f.end)))
fb.cards(overview.period_cards(data.period), f)

left, right = st.columns([2, 1])
with right:
    st.markdown(f"**{t.CHANNEL_HEADER}**")
    mix = data.channels
    st.plotly_chart(charts.bars(mix["channel"].map(texts.CHANNEL_LABELS), mix["days"], t.CHANNEL_AXIS,
                                texts=mix["days"].map(t.fmt_number)), config={"displayModeBar": False})  # fmt: skip
    fb.link("perangkat", t.SEE_DEVICES, f, icon=":material/smartphone:")
    st.metric(t.CARD_PENDING, t.fmt_number(data.pending_activities), border=True)
    fb.link("aktivitas", t.SEE_ACTIVITIES, f, icon=":material/task:")
with left:
    st.markdown(f"**{t.UNITS_HEADER}**")
    if data.units.empty:
        st.info(t.NO_DATA)
    else:
        picked = fb.row_choice(display.units_table(data.units), key="ringkasan_units")
        st.caption(t.PICK_ROW_UNIT)
        if picked is not None:
            fb.go("tren", f.with_unit(int(data.units.iloc[picked]["unit_id"])))
