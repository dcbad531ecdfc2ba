"""Perangkat: the phones behind app check-ins — OS and app versions, permissions denied, mock
locations, people with many phones and phones shared by several people."""

from __future__ import annotations

import streamlit as st

from ekinerja.queries import charts, devices, display
from ekinerja.texts import analytics as t
from pages import common
from pages import filters as fb

viewer = common.require_page("perangkat")
st.title(t.DEVICE_TITLE)
common.demo_banner()
f = fb.filter_bar(viewer, "perangkat")
data = fb.load(devices.page_data, viewer, f)

st.subheader(t.DEVICE_FLAGS_HEADER)
flags = data.flags
cards = st.columns(5)
cards[0].metric(
    t.DEVICE_CHECKINS, t.fmt_number(flags.checkins), help=t.DEVICE_CHECKINS_HELP, border=True
)
for column, label, count in (
    (cards[1], t.DEVICE_GPS, flags.gps_denied),
    (cards[2], t.DEVICE_CAMERA, flags.camera_denied),
    (cards[3], t.DEVICE_MOCK, flags.mock),
    (cards[4], t.DEVICE_UNKNOWN, flags.unknown_device),
):
    help_text = t.DEVICE_OF.format(n=t.fmt_number(count), total=t.fmt_number(flags.checkins))
    column.metric(label, t.fmt_percent(flags.share(count), 2), help=help_text, border=True)
st.caption(t.DEVICE_FLAGS_NOTE)
cut = f.tail(devices.MAX_DAYS)
if cut != f.key():
    st.caption(t.TAIL_NOTE.format(what=t.TAIL_CHECKINS, range=t.fmt_range(cut.start, cut.end),
                                  days=devices.MAX_DAYS))  # fmt: skip

left, right = st.columns(2)
with left:
    st.markdown(f"**{t.DEVICE_OS_HEADER}**")
    mix = data.os_mix
    if mix.empty:
        st.info(t.NO_DATA)
    else:
        labels = mix["os"] + " " + mix["os_version"]
        st.plotly_chart(charts.bars(labels, mix["devices"], t.DEVICE_COUNT_AXIS,
                                    texts=mix["devices"].map(t.fmt_number)), config={"displayModeBar": False})  # fmt: skip
with right:
    st.markdown(f"**{t.DEVICE_APP_HEADER}**")
    apps = data.app_versions
    if not apps.empty:
        st.plotly_chart(charts.bars(apps["app_version"], apps["devices"], t.DEVICE_COUNT_AXIS,
                                    texts=apps["devices"].map(t.fmt_number)), config={"displayModeBar": False})  # fmt: skip

st.subheader(t.DEVICE_MANY_HEADER.format(n=devices.MANY_DEVICES))
if data.many_devices.empty:
    st.caption(t.REVIEW_NONE_FLAGGED)
else:
    fb.employee_table(display.devices_table(data.many_devices), key="perangkat_banyak")
st.subheader(t.DEVICE_SHARED_HEADER.format(n=devices.SHARED_DEVICE))
st.caption(t.DEVICE_SHARED_NOTE)
if data.shared_devices.empty:
    st.caption(t.REVIEW_NONE_FLAGGED)
else:
    fb.employee_table(display.devices_table(data.shared_devices), key="perangkat_bersama")
