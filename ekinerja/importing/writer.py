"""Writing a checked file: one import batch, the new rows in bulk, devices, summaries, audit.

Everything happens in the caller's transaction, so a failure anywhere (a constraint, a
concurrent import of the same keys, the process dying) leaves the database as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Table, bindparam, select, update
from sqlmodel import Session, col

from ekinerja import audit, bulk
from ekinerja.access import Viewer
from ekinerja.importing import lookups
from ekinerja.importing.records import TABLES
from ekinerja.importing.report import CheckResult, ImportResult
from ekinerja.models import Device, ImportBatch
from ekinerja.summary import refresh

DEVICE_TABLE: Table = Device.__table__  # type: ignore[attr-defined]
UNKNOWN_OS = "tidak diketahui"


def write(session: Session, viewer: Viewer, check: CheckResult, table_kind: str) -> ImportResult:
    """Store the new rows of a checked file and record the batch; returns the counts."""
    batch = ImportBatch(
        kind=_batch_kind(check),
        file_name=check.file_name,
        sha256=check.sha256,
        actor=viewer.username,
        rows_total=check.rows_total,
        inserted=check.good_rows,
        duplicates=check.duplicates_in_file + check.duplicates_in_db,
        rejected=check.bad_rows,
    )
    session.add(batch)
    session.flush()
    assert batch.id is not None
    table = TABLES[table_kind]
    frame = check.ready
    if not frame.empty:
        rows = frame[[c for c in frame.columns if not c.startswith("_")]].copy()
        rows["import_batch_id"] = batch.id
        bulk.bulk_insert(session.connection(), table, rows)
        if table_kind == "punch":
            upsert_devices(session, frame)
            refresh_days(session, frame)
    audit.record(
        session,
        viewer.actor,
        "import.run",
        "import_batch",
        batch.id,
        after={
            "kind": batch.kind,
            "file_name": batch.file_name,
            "sha256": batch.sha256,
            "rows_total": batch.rows_total,
            "inserted": batch.inserted,
            "duplicates": batch.duplicates,
            "rejected": batch.rejected,
            "skipped": sum(check.skipped.values()),
        },
        reason="hanya baris valid" if check.bad_rows else None,
    )
    return ImportResult(batch.id, batch.inserted, batch.duplicates, batch.rejected, check)


def _batch_kind(check: CheckResult) -> str:
    return {"punch": "app_punch", "activity": "app_activity", "review": "app_review"}.get(
        check.kind or "", check.kind or "?"
    )


def refresh_days(session: Session, frame: pd.DataFrame) -> None:
    """Recompute the daily summaries of the employees and days the new punches touch.

    One refresh per calendar month touched (all employees of that month together) keeps the
    number of queries small; re-deriving a day that did not change gives the same row.
    """
    pairs = frame[["employee_id", "work_date"]].drop_duplicates()
    month = pd.to_datetime(pairs["work_date"]).dt.to_period("M")
    for _, part in pairs.groupby(month):
        ids = [int(v) for v in part["employee_id"].unique()]
        days: list[date] = list(part["work_date"])
        refresh(session, ids, min(days), max(days))


def upsert_devices(session: Session, frame: pd.DataFrame) -> None:
    """Record the phones seen in the punches: new (employee, device) pairs are added; known ones
    get their first/last seen widened and, when these punches are newer, their attributes."""
    if "device_id" not in frame.columns:
        return
    seen = frame[frame["device_id"].notna()]
    if seen.empty:
        return
    seen = seen.sort_values("ts", kind="stable")
    group = seen.groupby(["employee_id", "device_id"], sort=False)
    latest = group.tail(1).set_index(["employee_id", "device_id"])
    span = group["ts"].agg(["min", "max"])
    devices = pd.DataFrame(
        {
            "first_seen": span["min"],
            "last_seen": span["max"],
            "os": latest["device_os"].fillna(UNKNOWN_OS).reindex(span.index),
            "os_version": latest["_os_version"].reindex(span.index),
            "model": latest["_device_model"].reindex(span.index),
            "app_version": latest["app_version"].reindex(span.index),
            "gps_permission": latest["_gps_permission"].reindex(span.index),
            "camera_permission": latest["_camera_permission"].reindex(span.index),
        }
    ).reset_index()
    devices["employee_id"] = devices["employee_id"].astype("int64")

    ids = sorted({int(v) for v in devices["employee_id"]})
    parts = []
    for chunk in lookups.chunks(ids):
        rows = session.execute(
            select(
                col(Device.id),
                col(Device.employee_id),
                col(Device.device_id),
                col(Device.first_seen),
                col(Device.last_seen),
            ).where(col(Device.employee_id).in_(chunk))
        ).all()
        parts.append(pd.DataFrame(rows, columns=["id", "employee_id", "device_id", "old_first",
                                                 "old_last"]))  # fmt: skip
    known = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    merged = devices.merge(known, on=["employee_id", "device_id"], how="left")
    new = merged[merged["id"].isna()]
    if not new.empty:
        bulk.bulk_insert(session.connection(), DEVICE_TABLE, new[devices.columns])
    old = merged[merged["id"].notna()]
    if old.empty:
        return
    old = old.assign(
        first_seen=np.minimum(old["first_seen"], pd.to_datetime(old["old_first"], utc=True)),
        last_seen=np.maximum(old["last_seen"], pd.to_datetime(old["old_last"], utc=True)),
        newer=old["last_seen"] >= pd.to_datetime(old["old_last"], utc=True),
        b_id=old["id"].astype("int64"),
    )
    span_cols = ["b_id", "first_seen", "last_seen"]
    attr_cols = ["os", "os_version", "model", "app_version", "gps_permission",
                 "camera_permission"]  # fmt: skip
    for newer, part in old.groupby("newer"):
        names = span_cols + (attr_cols if newer else [])
        params = _records(part[names])
        session.execute(
            update(DEVICE_TABLE)
            .where(DEVICE_TABLE.c.id == bindparam("b_id"))
            .values({name: bindparam(name) for name in names[1:]}),
            params,
        )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values for an executemany (NA -> None, Timestamp -> datetime)."""
    out: list[dict[str, Any]] = []
    for rec in frame.astype(object).to_dict("records"):
        row: dict[str, Any] = {}
        for key, value in rec.items():
            if isinstance(value, pd.Timestamp):
                row[str(key)] = value.to_pydatetime()
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                row[str(key)] = None
            elif isinstance(value, np.generic):
                row[str(key)] = value.item()
            else:
                row[str(key)] = value
        out.append(row)
    return out
