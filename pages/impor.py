"""Impor Data (admin): check an uploaded file completely, then import it, or only its good rows.

Nothing is written by "Periksa berkas". "Impor" re-checks the same bytes inside the write
transaction and is tied to the checked file by its SHA-256; importing only the good rows is a
separate, explicit button shown after the list of problems.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import db
from ekinerja import importing
from ekinerja.importing import CheckResult, ImportRefused
from ekinerja.importing.formats import APP_FORMATS, column_table
from ekinerja.texts import importing as T
from ekinerja.timeutil import fmt_wib
from pages import common

REPORT = "impor_report"
viewer = common.require_page("impor")
engine = common.engine()

st.title(T.PAGE_TITLE)
st.caption(T.PAGE_INTRO)
flash = st.session_state.pop("impor_flash", None)
if flash:
    st.success(flash)


def show_report(report: CheckResult) -> None:
    """Counts, notes and the list of problems of one checked file."""
    for note in report.notes:
        st.info(note)
    if report.file_error:
        st.error(report.file_error)
        return
    st.dataframe(report.counts_table(), hide_index=True)
    if report.skipped:
        st.dataframe(pd.Series(report.skipped, name="Jumlah"))
    if report.issue_count:
        st.dataframe(report.issues_table(), hide_index=True)
        if report.issue_count > len(report.issues):
            st.caption(
                T.ISSUES_TRUNCATED.format(shown=len(report.issues), total=report.issue_count)
            )


def run_import(data: bytes, report: CheckResult, only_good: bool) -> None:
    def work() -> importing.ImportResult:
        try:
            with db.write_session(engine) as session:
                return importing.import_file(
                    session, viewer, report.file_name, data, fmt, serial or None,
                    only_good_rows=only_good, expected_sha256=report.sha256,
                )  # fmt: skip
        except ImportRefused as exc:
            st.session_state[REPORT] = exc.check.light()
            raise

    result = common.attempt(work)
    if result is not None:
        common.clear_caches()
        st.session_state.pop(REPORT, None)
        st.session_state["impor_flash"] = result.message()
        st.rerun()


upload_tab, pins_tab, history_tab, formats_tab = st.tabs(
    [T.TAB_UPLOAD, T.TAB_PINS, T.TAB_HISTORY, T.TAB_FORMATS]
)

with upload_tab:
    fmt = st.selectbox(T.FORMAT_LABEL, importing.FORMAT_CHOICES, format_func=T.FORMAT_LABELS.get)
    serial = st.text_input(T.SERIAL_LABEL, max_chars=64)
    upload = st.file_uploader(
        T.UPLOAD_LABEL, type=["csv", "tsv", "txt", "jsonl", "ndjson", "json", "dat"]
    )
    data = upload.getvalue() if upload is not None else b""
    if upload is not None and st.button(T.CHECK_BUTTON, type="primary"):
        with db.read_session(engine) as session:
            checked = common.attempt(
                lambda: importing.check_file(
                    session, viewer, upload.name, data, fmt, serial or None
                )
            )
        if checked is not None:
            st.session_state[REPORT] = checked.light()
    report: CheckResult | None = st.session_state.get(REPORT)
    if (
        upload is not None
        and report is not None
        and report.sha256 == hashlib.sha256(data).hexdigest()
    ):
        show_report(report)
        if report.ok and report.good_rows:
            st.success(T.CHECK_OK)
            if st.button(T.IMPORT_BUTTON, type="primary"):
                run_import(data, report, only_good=False)
        elif report.ok:
            st.info(T.CHECK_NOTHING_NEW)
        elif report.partial_possible:
            st.warning(T.IMPORT_GOOD_WARNING.format(bad=report.bad_rows))
            if st.button(T.IMPORT_GOOD_BUTTON.format(good=report.good_rows)):
                run_import(data, report, only_good=True)

with pins_tab:
    st.caption(T.PINS_INTRO)
    with db.read_session(engine) as session:
        pins = importing.pin_table(session, viewer)
        devices = importing.fingerprint_devices(session, viewer)
    original = pins[["pin", "nip"]].astype(str)
    edited = st.data_editor(
        original, key="impor_pins", num_rows="dynamic", hide_index=True,
        column_config={"pin": T.PIN_COL, "nip": T.NIP_COL},
    )  # fmt: skip
    if st.button(T.PINS_SAVE):

        def save() -> tuple[int, int, int]:
            with db.write_session(engine) as session:
                return importing.apply_pin_changes(session, viewer, original, edited)

        counts = common.attempt(save)
        if counts is not None:
            st.session_state.pop("impor_pins", None)
            st.session_state["impor_flash"] = T.PINS_SAVED.format(
                added=counts[0], changed=counts[1], removed=counts[2]
            )
            st.rerun()
    st.subheader(T.DEVICES_TITLE)
    st.dataframe(devices.rename(columns=T.DEVICE_COLS), hide_index=True)

with history_tab:
    with db.read_session(engine) as session:
        history = importing.import_history(session, viewer)
    history["created_at"] = [fmt_wib(t) for t in history["created_at"]]
    history["kind"] = history["kind"].map(T.BATCH_KIND_LABELS).fillna(history["kind"])
    st.dataframe(history.rename(columns=T.HISTORY_COLS), hide_index=True)

with formats_tab:
    for kind in APP_FORMATS:
        st.subheader(T.FORMAT_LABELS[kind])
        st.dataframe(column_table(kind), hide_index=True)
    st.subheader(T.FORMAT_LABELS["zkteco_usb"])
    st.text(T.ZKTECO_HELP)
