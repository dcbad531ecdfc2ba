"""Exports for HR: the monthly recap (CSV, or XLSX with a sheet per unit) and raw data of a unit.

Each export is one domain call that checks the permission, builds the file with the safe writers
of ekinerja.exports and writes an audit entry (who, filter, row count) in the same transaction.
Nothing is written and no file is produced when the input is bad or there is no data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from ekinerja import access, audit, exports, texts
from ekinerja.access import Viewer
from ekinerja.models import Activity, DailySummary, Employee, Punch, Unit
from ekinerja.recap import Month, Recap, display_frame, monthly_recap
from ekinerja.summary import EXCUSE_STATUSES
from ekinerja.texts import recap as t
from ekinerja.timeutil import fmt_wib, utc_now
from ekinerja.validation import ValidationError

FORMATS = ("csv", "xlsx")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError(t.BAD_FORMAT)


def _encode(frame: pd.DataFrame, sheets: dict[str, pd.DataFrame], fmt: str) -> bytes:
    if fmt == "csv":
        return exports.to_csv_bytes(frame)
    return exports.to_xlsx_bytes(sheets, number_formats=dict.fromkeys(t.PERCENT_COLUMNS, "0.00"))


def unit_summary(recap: Recap) -> pd.DataFrame:
    """One line per unit: head count, band totals and the average deduction."""
    rows = recap.rows
    tl_cols = [f"tl{k}" for k in range(1, len(recap.tl_codes) + 1)]
    psw_cols = [f"psw{k}" for k in range(1, len(recap.psw_codes) + 1)]
    frame = rows.assign(
        present=rows["hadir"] + rows["wfh"],
        tl_total=rows[tl_cols].sum(axis=1),
        psw_total=rows[psw_cols].sum(axis=1),
        excused=rows[list(EXCUSE_STATUSES)].sum(axis=1),
    )
    summary = frame.groupby(["unit_code", "unit_name"], as_index=False).agg(
        employees=("employee_id", "nunique"),
        days_expected=("days_expected", "sum"),
        present=("present", "sum"),
        tl_total=("tl_total", "sum"),
        psw_total=("psw_total", "sum"),
        tk=("tk", "sum"),
        excused=("excused", "sum"),
        deduction_avg=("deduction_pct", "mean"),
        deduction_max=("deduction_pct", "max"),
    )
    summary["deduction_avg"] = summary["deduction_avg"].round(2)
    return summary.rename(columns=t.SUMMARY_COLUMNS)


def _info_sheet(recap: Recap, viewer: Viewer, units: str) -> pd.DataFrame:
    values = {
        "month": recap.month.label,
        "units": units,
        "created": fmt_wib(utc_now()).removesuffix(" WIB"),
        "actor": viewer.actor.name,
        "rules": recap.rules_label(),
    }
    return pd.DataFrame(
        [(label, text.format(**values)) for label, text in t.INFO_ROWS], columns=["Butir", "Isi"]
    )


def recap_filename(month: Month, unit_code: str | None, fmt: str) -> str:
    return exports.safe_filename(f"rekap_tpp_{month.key}_{unit_code or 'semua'}", fmt)


def raw_filename(kind: str, unit_code: str, start: date, end: date, fmt: str) -> str:
    return exports.safe_filename(f"{kind}_{unit_code}_{start}_{end}", fmt)


def export_recap(
    session: Session,
    viewer: Viewer,
    month: Month,
    unit_id: int | None,
    fmt: str,
    today: date | None = None,
) -> tuple[str, bytes]:
    """The recap file and its name; audited. XLSX: a summary sheet, one sheet per unit, notes."""
    access.require(viewer, "export.recap")
    _check_format(fmt)
    recap = monthly_recap(session, viewer, month, unit_id, today)
    frame = display_frame(recap)
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    units = f"{unit.code} - {unit.name}" if unit else t.ALL_UNITS
    sheets: dict[str, pd.DataFrame] = {}
    if fmt == "xlsx":
        sheets[t.SUMMARY_SHEET] = unit_summary(recap)
        code_label = t.RECAP_COLUMNS["unit_code"]
        for code, part in frame.groupby(code_label, sort=True):
            sheets[str(code)] = part
        sheets[t.INFO_SHEET] = _info_sheet(recap, viewer, units)
    data = _encode(frame, sheets, fmt)
    audit.record(
        session, viewer.actor, "rekap.ekspor", "rekap", month.key,
        after={"bulan": month.key, "unit_id": unit_id, "format": fmt, "baris": len(frame),
               "cakupan": "semua" if viewer.scope.is_all else sorted(viewer.scope.unit_ids or ())},
    )  # fmt: skip
    return recap_filename(month, unit.code if unit else None, fmt), data


# --- raw exports ----------------------------------------------------------------------------------


def _raw_query(kind: str, unit_id: int, start: date, end: date) -> Any:
    visible = (col(Employee.status) != "dihapus",)
    if kind == "punch":
        return (
            select(
                col(Employee.nip),
                col(Employee.name),
                col(Punch.work_date),
                col(Punch.ts),
                col(Punch.direction),
                col(Punch.channel),
                col(Punch.lat),
                col(Punch.lon),
                col(Punch.accuracy_m),
                col(Punch.mock_location),
            )  # fmt: skip
            .join(Employee, col(Employee.id) == col(Punch.employee_id))
            .where(
                col(Employee.unit_id) == unit_id,
                col(Punch.deleted_at).is_(None),
                col(Punch.work_date) >= start,
                col(Punch.work_date) <= end,
                *visible,
            )
            .order_by(col(Punch.work_date), col(Employee.nip), col(Punch.ts))
        )
    if kind == "summary":
        ds = DailySummary
        return (
            select(
                col(Employee.nip),
                col(Employee.name),
                col(ds.work_date),
                col(ds.status),
                col(ds.is_workday),
                col(ds.is_ramadan),
                col(ds.expected_start),
                col(ds.expected_end),
                col(ds.first_in),
                col(ds.last_out),
                col(ds.minutes_late),
                col(ds.minutes_early),
                col(ds.channel),
                col(ds.punch_count),
            )  # fmt: skip
            .join(Employee, col(Employee.id) == col(ds.employee_id))
            .where(
                col(ds.unit_id) == unit_id,
                col(ds.work_date) >= start,
                col(ds.work_date) <= end,
                *visible,
            )
            .order_by(col(ds.work_date), col(Employee.nip))
        )
    return (
        select(
            col(Employee.nip),
            col(Employee.name),
            col(Activity.work_date),
            col(Activity.description),
            col(Activity.minutes),
            col(Activity.status),
            col(Activity.submitted_at),
            col(Activity.decided_at),
        )  # fmt: skip
        .join(Employee, col(Employee.id) == col(Activity.employee_id))
        .where(
            col(Employee.unit_id) == unit_id,
            col(Activity.deleted_at).is_(None),
            col(Activity.work_date) >= start,
            col(Activity.work_date) <= end,
            *visible,
        )
        .order_by(col(Activity.work_date), col(Employee.nip), col(Activity.id))
    )


_CODES = {
    "direction": {"in": "Masuk", "out": "Pulang"},
    "channel": {"selfie": "Selfie", "wfh": "WFH", "qr": "QR code", "fingerprint": "Fingerprint"},
}


def raw_frame(
    session: Session, viewer: Viewer, kind: str, unit_id: int, start: date, end: date
) -> pd.DataFrame:
    """Raw rows of one unit over a period, with Indonesian column names (no photo, device or IP)."""
    access.require(viewer, "export.raw")
    if kind not in t.RAW_KINDS:
        raise ValidationError("Jenis data ekspor tidak dikenal.")
    if session.get(Unit, unit_id) is None:
        raise ValidationError(t.UNKNOWN_UNIT)
    access.require_unit(viewer, unit_id)
    if end < start or (end - start).days >= t.RAW_MAX_DAYS:
        raise ValidationError(t.RAW_BAD_RANGE.format(days=t.RAW_MAX_DAYS))
    result = session.connection().execute(_raw_query(kind, unit_id, start, end))
    keys = list(result.keys())
    frame = pd.DataFrame([tuple(r) for r in result.all()], columns=keys)
    for name, labels in _CODES.items():
        if name in frame:
            frame[name] = frame[name].map(labels).fillna(frame[name])
    if "status" in frame:
        status_labels = texts.STATUS_LABELS if kind == "summary" else texts.ACTIVITY_STATUS_LABELS
        frame["status"] = frame["status"].map(status_labels).fillna(frame["status"])
    return frame.rename(columns=t.RAW_COLUMNS)


def export_raw(
    session: Session, viewer: Viewer, kind: str, unit_id: int, start: date, end: date, fmt: str
) -> tuple[str, bytes]:
    """Punches, daily summaries or activities of a unit for a period, as a file; audited."""
    _check_format(fmt)
    frame = raw_frame(session, viewer, kind, unit_id, start, end)
    if frame.empty:
        raise ValidationError(
            t.RAW_NO_DATA.format(kind=t.RAW_KINDS[kind].lower(), start=start, end=end)
        )
    data = _encode(frame, {t.RAW_KINDS[kind]: frame}, fmt)
    unit = session.get(Unit, unit_id)
    audit.record(
        session, viewer.actor, "ekspor.mentah", kind, unit_id,
        after={"jenis": kind, "unit_id": unit_id, "dari": start, "sampai": end, "format": fmt,
               "baris": len(frame)},
    )  # fmt: skip
    return raw_filename(kind, unit.code if unit else str(unit_id), start, end, fmt), data
