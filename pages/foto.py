"""Riwayat Foto Absen: a paged gallery of one employee's or one unit's selfies, for verification."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

import db
from ekinerja import maps, texts
from ekinerja.access import can
from ekinerja.queries import filters as qf
from ekinerja.queries import photos, profile
from ekinerja.texts import maps as t
from ekinerja.timeutil import fmt_wib, today_wib
from ekinerja.validation import ValidationError
from pages import common

COLUMNS = 4

viewer = common.require_page("foto")
st.title(t.FOTO_TITLE)
st.caption(t.FOTO_CAPTION)
common.demo_banner()
if not can(viewer.role, "photo.view"):
    st.error(t.PHOTO_NOT_ALLOWED)
    st.stop()

engine = common.engine()
with db.read_session(engine) as session:
    units = {u.id: u.name for u in qf.units_in_scope(session, viewer)}

if "foto_nip" not in st.session_state:  # a link from another page: ?nip=...
    st.session_state["foto_nip"] = st.query_params.get("nip", "")
c1, c2, c3 = st.columns([1, 2, 2])
by = c1.radio(t.FOTO_BY, ["pegawai", "unit"], key="foto_by",
              format_func={"pegawai": t.FOTO_BY_EMPLOYEE, "unit": t.FOTO_BY_UNIT}.get)  # fmt: skip
if by == "pegawai":
    nip = c2.text_input(t.FOTO_NIP, key="foto_nip", max_chars=40)
    unit_id = None
else:
    nip = ""
    unit_id = c2.selectbox(t.FOTO_UNIT, list(units), key="foto_unit", format_func=units.get)
today = today_wib()
picked = c3.date_input(t.FILTER_DATES, (today - timedelta(days=30), today), max_value=today,
                       format="DD/MM/YYYY")  # fmt: skip
dates = list(picked) if isinstance(picked, tuple | list) else [picked]
start, end = (dates[0], dates[-1]) if dates else (None, None)

employee_id = None
if by == "pegawai":
    if not nip.strip():
        st.info(t.FOTO_ASK_NIP)
        st.stop()
    with db.read_session(engine) as session:
        bio = common.attempt(lambda: profile.find_employee(session, viewer, nip))
    if bio is None:
        st.stop()
    employee_id = bio.id
    st.text(f"{bio.name} · {bio.nip} · {bio.unit_name}")
    st.page_link("pages/profil.py", label=t.OPEN_PROFILE, icon=":material/badge:",
                 query_params={"nip": bio.nip})  # fmt: skip
elif unit_id is None:
    st.info(t.FOTO_ASK_NIP)
    st.stop()

page_no = st.session_state.get("foto_page", 1)
with db.read_session(engine) as session:
    result = common.attempt(
        lambda: photos.gallery(
            session,
            viewer,
            employee_id=employee_id,
            unit_id=unit_id,
            start=start,
            end=end,
            page=page_no,
        )  # fmt: skip
    )
if result is None:
    st.stop()
if result.total == 0:
    st.info(t.FOTO_EMPTY)
    st.stop()


def card(row: dict[str, object]) -> None:
    """One photo with its time, place and channel; a missing or refused file is a caption."""
    try:
        photo = photos.read_photo(str(row["photo_path"]))
    except ValidationError as exc:
        st.caption(str(exc))
    else:
        if photo.data is not None:
            st.image(photo.data, width="stretch")
        else:
            st.caption(t.PHOTO_INVALID if photo.status == "invalid" else t.PHOTO_MISSING)
    lat, lon = row["lat"], row["lon"]
    place = f"{lat:.5f}, {lon:.5f}" if maps.valid_coordinates(lat, lon) else t.FOTO_PLACE_NONE
    st.text(
        t.FOTO_CARD.format(
            name=row["name"],
            time=fmt_wib(row["ts"].to_pydatetime()),  # type: ignore[attr-defined]
            channel=texts.CHANNEL_LABELS.get(str(row["channel"]), str(row["channel"])),
            direction=texts.DIRECTION_LABELS.get(str(row["direction"]), str(row["direction"])),
            place=place,
        )
    )
    if by == "unit":  # in one employee's gallery the link is above the photos
        st.page_link("pages/profil.py", label=t.OPEN_PROFILE, icon=":material/badge:",
                     query_params={"nip": str(row["nip"])})  # fmt: skip


records = result.rows.to_dict("records")
for i in range(0, len(records), COLUMNS):
    for column, row in zip(st.columns(COLUMNS), records[i : i + COLUMNS], strict=False):
        with column, st.container(border=True):
            card(row)

st.number_input(
    t.FOTO_PAGE, min_value=1, max_value=result.pages, value=result.page, key="foto_page"
)
st.caption(
    t.FOTO_PAGE_OF.format(
        page=result.page, pages=result.pages, total=texts.fmt_number(result.total)
    )
)
