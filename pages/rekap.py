"""Rekap Bulanan: per unit and month, one row per employee with bands, TK, excuses and TPP cut.

Below the table: the day-by-day reasons of one employee, the recap downloads and (HR, admin) raw
exports. Files are built only when a download button is clicked, by a domain call that re-checks
the login and writes the audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st
from sqlmodel import Session

import db
from ekinerja import accounts, exports, recap_export, texts
from ekinerja.access import PermissionDenied, Scope, Viewer, can
from ekinerja.queries import filters as qf
from ekinerja.recap import Month, Recap, display_frame, employee_month, monthly_recap
from ekinerja.texts import recap as t
from ekinerja.timeutil import today_wib
from pages import common

viewer = common.require_page("rekap")
st.title("Rekap Bulanan")
st.caption("Rekap absensi per pegawai dan potongan TPP menurut aturan yang berlaku pada tiap hari.")
common.demo_banner()
engine = common.engine()
today = today_wib()


@st.cache_data(ttl=common.CACHE_TTL, max_entries=common.CACHE_MAX, show_spinner=False)
def load_recap(url: str, scope: Scope, month: Month, unit_id: int | None, day: date) -> Recap:
    with db.read_session(engine) as session:
        return monthly_recap(session, Viewer("rekap", "auditor", scope), month, unit_id, day)


def deferred(build: Callable[[Session, Viewer], tuple[str, bytes]]) -> Callable[[], bytes]:
    """A download callable: runs on click, as the account still logged in, in one transaction."""
    token = st.session_state.get(common.TOKEN_KEY)

    def run() -> bytes:
        with db.write_session(engine) as session:
            current = accounts.resolve(session, token)
            if current is None:
                raise PermissionDenied("Sesi Anda telah berakhir. Silakan masuk kembali.")
            return build(session, current)[1]

    return run


with db.read_session(engine) as session:
    options = {u.id: u for u in qf.units_in_scope(session, viewer)}
units = {i: f"{u.code} - {u.name}" for i, u in options.items()}
months = Month.recent(today, 24)
c1, c2 = st.columns(2)
month = c1.selectbox("Bulan", months, index=1, format_func=lambda m: m.label, key="rekap_month")
unit_options: list[int | None] = [None, *units] if len(units) != 1 else list(units)
unit_id = c2.selectbox("Unit", unit_options, key="rekap_unit",
                       format_func=lambda u: t.ALL_UNITS.capitalize() if u is None else units[u])  # fmt: skip

recap = common.attempt(lambda: load_recap(str(engine.url), viewer.scope, month, unit_id, today))
if recap is None:
    st.stop()
rows = recap.rows
m1, m2, m3, m4 = st.columns(4)
m1.metric("Pegawai", texts.fmt_number(rows["employee_id"].nunique()))
m2.metric("Hari TK", texts.fmt_number(int(rows["tk"].sum())))
m3.metric("Rata-rata potongan", texts.fmt_number(rows["deduction_pct"].mean(), 2) + "%")
m4.metric(
    "Kena batas bulanan",
    texts.fmt_number(int((rows["deduction_uncapped"] > rows["deduction_pct"]).sum())),
)
pct = {c: st.column_config.NumberColumn(c, format="%.2f") for c in t.PERCENT_COLUMNS}
table = display_frame(recap)
one_unit = rows["unit_id"].nunique() == 1  # the unit's name is in the filter already
shown = [c for c in table.columns if not (one_unit and c == t.RECAP_COLUMNS["unit_name"])]
st.dataframe(table, hide_index=True, column_config=pct, column_order=shown, key="rekap_table")
st.caption(f"Aturan TPP: {recap.rules_label()}. Klik judul kolom untuk mengurutkan.")

st.subheader("Rincian per pegawai")
people = recap.people()
picked = st.selectbox("Pegawai", list(people), format_func=lambda k: people[k], key="rekap_person")
if picked is not None:
    with db.read_session(engine) as session:
        detail = common.attempt(lambda: employee_month(session, viewer, picked[0], month, today))
    if detail is not None:
        d1, d2 = st.columns(2)
        d1.metric("Potongan bulan ini", texts.fmt_number(detail.total, 2) + "%")
        d2.metric("Sebelum batas bulanan", texts.fmt_number(detail.total_uncapped, 2) + "%")
        day_cols = {
            "Tanggal": st.column_config.DateColumn(format="DD-MM-YYYY"),
            "Potongan (%)": st.column_config.NumberColumn(format="%.2f"),
            "Keterangan": st.column_config.TextColumn(width="large"),
        }
        st.dataframe(detail.days, hide_index=True, column_config=day_cols, key="rekap_days")

st.subheader("Unduh rekap")
unit_code = options[unit_id].code if unit_id is not None else None
e1, e2 = st.columns(2)


def recap_file(fmt: str) -> Callable[[Session, Viewer], tuple[str, bytes]]:
    return lambda s, v: recap_export.export_recap(s, v, month, unit_id, fmt, today)


for col_, fmt in ((e1, "csv"), (e2, "xlsx")):
    col_.download_button(
        f"Unduh {t.FORMATS[fmt]}",
        data=deferred(recap_file(fmt)),
        file_name=recap_export.recap_filename(month, unit_code, fmt),
        mime=exports.CSV_MIME if fmt == "csv" else exports.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        disabled=not can(viewer.role, "export.recap"),
    )

if can(viewer.role, "export.raw"):
    with st.expander("Ekspor data mentah (rekaman absen, ringkasan harian, aktivitas)"):
        r1, r2, r3, r4 = st.columns(4)
        kind = r1.selectbox("Data", list(t.RAW_KINDS), format_func=t.RAW_KINDS.__getitem__)
        raw_unit = r2.selectbox("Unit data", list(units), format_func=units.__getitem__)
        span = r3.date_input("Periode", (month.start, min(month.end, today)), max_value=today)
        raw_fmt = r4.radio("Format", list(t.FORMATS), format_func=t.FORMATS.__getitem__)
        dates = list(span) if isinstance(span, tuple | list) else [span]
        if raw_unit is not None and len(dates) == 2:
            start, end = dates
            st.download_button(
                f"Unduh {t.RAW_KINDS[kind].lower()}",
                data=deferred(
                    lambda s, v: recap_export.export_raw(s, v, kind, raw_unit, start, end, raw_fmt)
                ),
                file_name=recap_export.raw_filename(
                    kind, options[raw_unit].code, start, end, raw_fmt
                ),
                mime=exports.CSV_MIME if raw_fmt == "csv" else exports.XLSX_MIME,
                on_click="ignore",
                icon=":material/download:",
            )
