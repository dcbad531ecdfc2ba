"""Peta Absensi: where people checked in, against the office geofences; click a point for details."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import db
from ekinerja import maps, texts
from ekinerja.access import can
from ekinerja.models.attendance import CHANNELS
from ekinerja.queries import checkins, photos
from ekinerja.texts import maps as t
from ekinerja.timeutil import fmt_wib
from pages import common
from pages import filters as fb

KANAL = "kanal"  # page parameter: the channels shown, comma-separated (absent: all)
PANEL_MAX = 5

viewer = common.require_page("peta")
st.title(t.PETA_TITLE)
st.caption(t.PETA_CAPTION)
common.demo_banner()


def channel_picker() -> tuple[str, ...]:
    """Channels as pills, kept in the URL as ?kanal=selfie,wfh; none chosen means all."""
    if "peta_kanal" not in st.session_state:
        from_url = [c for c in st.query_params.get(KANAL, "").split(",") if c in CHANNELS]
        st.session_state["peta_kanal"] = from_url
    chosen = st.pills(t.FILTER_CHANNELS, list(CHANNELS), selection_mode="multi", key="peta_kanal",
                      format_func=texts.CHANNEL_LABELS.__getitem__, help=t.FILTER_CHANNELS_HELP)  # fmt: skip
    picked = tuple(c for c in CHANNELS if c in chosen) or CHANNELS
    if picked != CHANNELS:
        st.query_params[KANAL] = ",".join(picked)
    elif KANAL in st.query_params:
        del st.query_params[KANAL]
    return picked


def show_point(row: pd.Series) -> None:
    """One check-in in the side panel; every text through st.text (names are untrusted)."""
    channel = texts.CHANNEL_LABELS.get(row["channel"], row["channel"])
    direction = texts.DIRECTION_LABELS.get(row["direction"], row["direction"])
    distance = t.METERS.format(m=texts.fmt_number(row["dist_office_m"]))
    st.text(
        f"{t.FIELD_EMPLOYEE}: {row['name']}\n{t.FIELD_NIP}: {row['nip']}\n"
        f"{t.FIELD_UNIT}: {row['unit_name']}\n"
        f"{t.FIELD_TIME}: {fmt_wib(row['ts'].to_pydatetime())}\n"
        f"{t.FIELD_CHANNEL}: {channel} · {direction}\n"
        f"{t.FIELD_DISTANCE}: {distance} ({row['nearest_office'] or t.NONE})\n"
        f"{t.FIELD_CATEGORY}: {t.CATEGORY_LABELS[row['category']]}"
        + (f"\n{t.FIELD_MOCK}" if row["mock_location"] else "")
    )
    st.page_link("pages/profil.py", label=t.OPEN_PROFILE, icon=":material/badge:",
                 query_params={"nip": str(row["nip"])})  # fmt: skip
    if not can(viewer.role, "photo.view"):
        st.caption(t.PHOTO_NOT_ALLOWED)
        return
    with db.read_session(common.engine()) as session:
        photo = common.attempt(lambda: photos.punch_photo(session, viewer, int(row["punch_id"])))
    if photo is not None and photo.data is not None:
        st.image(photo.data, width=180)
    elif photo is not None:
        messages = {"none": t.PHOTO_NONE, "invalid": t.PHOTO_INVALID}
        st.caption(messages.get(photo.status, t.PHOTO_MISSING))


f = fb.filter_bar(viewer)
channels = channel_picker()
view = fb.load(checkins.map_view, viewer, f, channels)
line = t.SUMMARY.format(n=texts.fmt_number(view.total), mode=t.MODE_LABELS[view.mode])
outside = " · " + t.SUMMARY_OUTSIDE.format(n=texts.fmt_number(view.outside)) if view.outside else ""
st.caption(line + outside)
if view.skipped:
    st.caption(t.SKIPPED_INVALID.format(n=texts.fmt_number(view.skipped)))
if view.total == 0:
    st.info(t.NO_POINTS)


@st.fragment
def map_and_panel() -> None:
    # Only this fragment reruns on a click; pan and zoom do not rerun anything.
    m = maps.build_map(view.rows, view.offices, view.mode, rows_json=view.rows_json)
    left, right = st.columns([3, 1])
    with left:
        state = st_folium(m, key="peta_absensi", height=580, use_container_width=True,
                          returned_objects=["last_object_clicked"])  # fmt: skip
        grid = view.mode is maps.MapMode.GRID
        st.caption(t.GRID_NOTE.format(meters=55) if grid else t.LEGEND)
        if view.mode is maps.MapMode.KLASTER:
            st.caption(t.CLUSTER_NOTE)
    with right, st.container(key="panel_absen"):
        st.subheader(t.PANEL_TITLE, anchor=False)
        pos = maps.clicked_position(state)
        if pos is None:
            st.caption(t.CLICK_HINT)
            return
        if grid:
            hits, n = fb.load(checkins.cell_view, viewer, f, channels, maps.cell_index(*pos))
        else:
            hits = maps.find_clicked(view.rows, *pos)
            n = len(hits)
        if hits.empty:
            st.caption(t.CLICK_NOTHING)
            return
        if n > 1:
            shown = min(len(hits), PANEL_MAX)
            st.caption(t.PANEL_MORE.format(shown=shown, total=texts.fmt_number(n)))
        for i, (_, row) in enumerate(hits.head(PANEL_MAX).iterrows()):
            if i:
                st.divider()
            show_point(row)


map_and_panel()
