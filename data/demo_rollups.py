"""Rollup rows of the demo's bulk data, computed from the generated frames.

The demo pauses the rollup insert triggers (models.analytics.RollupPause) while it writes its
months: row by row, a trigger costs about as much as the insert it follows, and here every rollup
row of a month comes from one pandas group-by. tests/test_demo.py checks both tables against the
rows they count.
"""

from __future__ import annotations

import pandas as pd

from ekinerja.models.analytics import SLOW_DECISION_HOURS

PRESENT = ("hadir", "wfh")
EXCUSED = ("cuti", "izin", "sakit", "dinas_luar")
CHANNELS = ("selfie", "wfh", "qr", "fingerprint")


def unit_stats(summary: pd.DataFrame) -> pd.DataFrame:
    """unit_day_stat rows (models.analytics.STAT_CONDITIONS / STAT_SUMS) for daily summaries."""
    s = summary[summary["is_workday"].astype(bool)]
    status = s["status"]
    present = status.isin(PRESENT)
    counts = {
        "present": present,
        "ontime": present & (s["minutes_late"] == 0),
        "early": present & (s["minutes_early"] > 0),
        "no_out": present & s["last_out"].isna(),
        "tk": status == "tk",
        "wfh": status == "wfh",
        "excused": status.isin(EXCUSED),
        "belum": status == "belum",
        **{f"ch_{c}": present & (s["channel"] == c) for c in CHANNELS},
    }
    parts = {name: flag.astype("int64") for name, flag in counts.items()}
    parts["late_minutes"] = s["minutes_late"].astype("int64").where(present, 0)
    rows = pd.DataFrame({"unit_id": s["unit_id"], "work_date": s["work_date"], **parts})
    return rows.groupby(["unit_id", "work_date"], as_index=False).sum()


def activity_stats(frame: pd.DataFrame) -> pd.DataFrame:
    """activity_day_stat rows for freshly generated activities (see models.analytics)."""
    status = frame["status"]
    minutes = frame["minutes"].astype("int64")
    decided = (status != "diajukan") & frame["decided_at"].notna()
    waited = (frame["decided_at"] - frame["submitted_at"]).dt.total_seconds().round()
    seconds = waited.where(decided, 0).astype("int64")
    parts = {
        "work_date": frame["work_date"],
        "employee_id": frame["employee_id"].astype("int64"),
        "approver_key": frame["approver_id"].fillna(0).astype("int64"),
    }
    for name, value in (
        ("approved", "disetujui"),
        ("pending", "diajukan"),
        ("rejected", "ditolak"),
    ):
        match = status == value
        parts[name] = match.astype("int64")
        parts[f"{name}_minutes"] = minutes.where(match, 0)
    parts["decided"] = decided.astype("int64")
    parts["decision_seconds"] = seconds
    parts["slow"] = (decided & (seconds > SLOW_DECISION_HOURS * 3600)).astype("int64")
    rows = pd.DataFrame(parts)
    return rows.groupby(["work_date", "employee_id", "approver_key"], as_index=False).sum()


def activity_month_stats(day_stats: pd.DataFrame) -> pd.DataFrame:
    """activity_month_stat rows from activity_stats rows (all of one month or more)."""
    month = pd.to_datetime(day_stats["work_date"]).dt.to_period("M").dt.start_time
    rows = day_stats.drop(columns="work_date").assign(month=month.dt.date)
    return rows.groupby(["month", "employee_id", "approver_key"], as_index=False).sum()
