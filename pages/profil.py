"""Profil Pegawai: one employee brought together (biodata, month calendar, check-in map, selfies,
activities, reviews, devices). Opened with ?nip=... from other pages, or through the search box."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st
from streamlit_folium import st_folium

import db
from ekinerja import maps, texts
from ekinerja.access import can
from ekinerja.queries import checkins, photos, profile
from ekinerja.queries.filters import Filters
from ekinerja.texts import maps as t
from ekinerja.timeutil import fmt_wib, today_wib
from pages import common

viewer = common.require_page("profil")
st.title(t.PROFIL_TITLE)
common.demo_banner()
engine = common.engine()

query = st.text_input(t.PROFIL_SEARCH, help=t.PROFIL_SEARCH_HELP, max_chars=60)
if query.strip():
    with db.read_session(engine) as session:
        found = profile.search_employees(session, viewer, query)
    if found.empty:
        st.caption(t.PROFIL_NO_MATCH)
    else:
        labels = {r.nip: f"{r.name} · {r.nip} · {r.unit_name}" for r in found.itertuples()}
        picked = st.selectbox(
            t.PROFIL_PICK, [None, *labels], format_func=lambda n: labels.get(n, "-")
        )
        if picked and picked != st.query_params.get("nip"):
            st.query_params["nip"] = picked

nip = st.query_params.get("nip", "")
if not nip:
    st.info(t.PROFIL_ASK)
    st.stop()
with db.read_session(engine) as session:
    bio = common.attempt(lambda: profile.find_employee(session, viewer, nip))
if bio is None:
    st.stop()

values = {
    "nip": bio.nip, "name": bio.name, "unit": bio.unit_name, "jabatan": bio.jabatan,
    "jabatan_type": bio.jabatan_type, "golongan": bio.golongan,
    "supervisor": f"{bio.supervisor_name} ({bio.supervisor_nip})" if bio.supervisor_name else t.NONE,
    "status": bio.status,
}  # fmt: skip
biodata = [{t.BIO_FIELD: t.BIO_FIELDS[k], t.BIO_VALUE: v} for k, v in values.items()]
st.dataframe(biodata, hide_index=True, width=640)

today = today_wib()
months = [(today.replace(day=1) - timedelta(days=31 * i)).replace(day=1) for i in range(12)]
first: date = st.selectbox(
    t.CALENDAR_MONTH, months, format_func=lambda d: texts.fmt_month(d.year, d.month)
)
last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)

left, right = st.columns([3, 2])
with left:
    st.markdown(f"**{t.CALENDAR_HEADER.format(month=texts.fmt_month(first.year, first.month))}**")
    with db.read_session(engine) as session:
        days = profile.month_days(session, viewer, bio.id, first.year, first.month)
    if days.empty:
        st.caption(t.CALENDAR_EMPTY)
    grid, status = profile.month_grid(days, first.year, first.month)
    styled = grid.style.apply(lambda _: status.map(profile.status_style), axis=None)
    st.dataframe(styled, hide_index=True)
with right:
    st.markdown(f"**{t.MAP_HEADER}**")
    with db.read_session(engine) as session:
        offices = checkins.offices(session)
        raw = checkins.load_points(
            session, viewer, Filters(first, last), employee_id=bio.id, limit=maps.MARKER_LIMIT
        )
    points, _ = maps.classify_points(raw, offices)
    near = offices[offices["unit_id"] == bio.unit_id]
    m = maps.build_map(points, near, maps.MapMode.TITIK, multi_day=True)
    st_folium(m, key="profil_peta", height=320, use_container_width=True, returned_objects=[])

if can(viewer.role, "photo.view"):
    st.markdown(f"**{t.PHOTOS_HEADER}**")
    with db.read_session(engine) as session:
        gallery = photos.gallery(session, viewer, employee_id=bio.id, page_size=6)
    cols = st.columns(6)
    for column, row in zip(cols, gallery.rows.to_dict("records"), strict=False):
        with column:
            photo = common.attempt(lambda r=row: photos.read_photo(str(r["photo_path"])))
            if photo is not None and photo.data is not None:
                st.image(photo.data, width="stretch")
            else:
                st.caption(t.PHOTO_MISSING)
            st.caption(fmt_wib(row["ts"].to_pydatetime()))
    if gallery.total:
        st.page_link("pages/foto.py", label=t.FOTO_TITLE, icon=":material/photo_library:",
                     query_params={"nip": bio.nip})  # fmt: skip
    else:
        st.caption(t.FOTO_EMPTY)

a, b = st.columns(2)
with db.read_session(engine) as session:
    activity = profile.activity_month(session, viewer, bio.id, first.year, first.month)
    review = profile.review_summary(
        session, viewer, bio.id, (first - timedelta(days=62)).replace(day=1)
    )
    devices = profile.devices(session, viewer, bio.id)
with a:
    st.markdown(f"**{t.ACTIVITY_HEADER}**")
    activity["minutes"] = activity["minutes"].map(texts.fmt_number)
    st.dataframe(activity.rename(columns=t.ACTIVITY_COLUMNS), hide_index=True)
with b:
    st.markdown(f"**{t.REVIEW_HEADER}**")
    if review.empty:
        st.caption(t.REVIEW_EMPTY)
    else:
        st.dataframe(profile.format_review(review))
st.markdown(f"**{t.DEVICES_HEADER}**")
if devices.empty:
    st.caption(t.DEVICES_EMPTY)
else:
    for name in ("first_seen", "last_seen"):
        devices[name] = devices[name].map(lambda v: fmt_wib(v) if v is not None else t.NONE)
    st.dataframe(devices.rename(columns=t.DEVICE_COLUMNS), hide_index=True)
