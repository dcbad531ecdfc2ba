"""Rules on one thing shared by several people: a phone, or an IP address in a burst."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ekinerja.integrity.common import Candidate, as_date, epoch_seconds, ids, num, wib_text
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import Inputs


def shared_device(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """One phone used by several employees on the same day (a colleague's phone, titip absen)."""
    p = data.punches[data.in_period & data.punches["device_id"].notna()]
    if p.empty:
        return []
    people = p.groupby(["device_id", "work_date"])["employee_id"].transform("nunique")
    p = p[people >= cfg.shared_device_min_employees]
    out: list[Candidate] = []
    for (device, day), group in p.groupby(["device_id", "work_date"], sort=True):
        d = as_date(day)
        everyone = ids(group["employee_id"])
        for employee_id, own in group.groupby("employee_id"):
            out.append(
                Candidate(
                    "shared_device",
                    num(employee_id),
                    d,
                    d,
                    "tinggi" if len(everyone) >= 3 else "sedang",
                    f"shared_device:{employee_id}:{d}:{device}"[:160],
                    {
                        "punch_ids": ids(own["id"]),
                        "device_id": str(device),
                        "employee_count": len(everyone),
                        "other_employee_ids": [e for e in everyone if e != num(employee_id)],
                    },
                )
            )
    return out


def ip_burst(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """Many different employees punching from one IP address within a few seconds.

    A sorted key (IP, seconds) lets one `searchsorted` find every window's end; only windows
    holding enough punches are then looked at one by one. Windows that overlap form one burst.
    """
    p = data.punches[data.in_period & data.punches["ip"].notna()]
    if len(p) < cfg.ip_burst_min_employees:
        return []
    p = p.sort_values(["ip", "ts"]).reset_index(drop=True)
    code, _ = pd.factorize(p["ip"])
    seconds = epoch_seconds(p["ts"]).astype(np.int64)
    window = int(cfg.ip_burst_window_s)
    span = int(seconds.max() - seconds.min()) + window + 1
    key = code.astype(np.int64) * span + (seconds - seconds.min())
    end = np.searchsorted(key, key + window, side="right")
    dense = np.flatnonzero(end - np.arange(len(p)) >= cfg.ip_burst_min_employees)
    employees = p["employee_id"].to_numpy()
    in_burst = np.zeros(len(p), dtype=bool)
    for start in dense:
        if len(set(employees[start : end[start]].tolist())) >= cfg.ip_burst_min_employees:
            in_burst[start : end[start]] = True
    if not in_burst.any():
        return []
    hits = p[in_burst].copy()
    # Consecutive flagged punches of one IP within the window belong to one burst.
    gap = hits["ts"].diff().dt.total_seconds().fillna(np.inf)
    new_burst = (hits["ip"] != hits["ip"].shift()) | (gap > window)
    hits["_burst"] = new_burst.cumsum()
    out: list[Candidate] = []
    for _, burst in hits.groupby("_burst"):
        everyone = ids(burst["employee_id"])
        info: dict[str, Any] = {
            "ip": str(burst["ip"].iloc[0]),
            "window_start": wib_text(burst["ts"].min()),
            "window_seconds": int((burst["ts"].max() - burst["ts"].min()).total_seconds()),
            "employee_count": len(everyone),
        }
        for (employee_id, day), own in burst.groupby(["employee_id", "work_date"]):
            d = as_date(day)
            out.append(
                Candidate(
                    "ip_burst",
                    num(employee_id),
                    d,
                    d,
                    "sedang" if len(everyone) >= 2 * cfg.ip_burst_min_employees else "rendah",
                    f"ip_burst:{employee_id}:{d}:{info['ip']}",
                    {
                        "punch_ids": ids(own["id"]),
                        **info,
                        "other_employee_ids": [e for e in everyone if e != num(employee_id)],
                    },
                )
            )
    return _merge_same_key(out)


def _merge_same_key(found: list[Candidate]) -> list[Candidate]:
    """Two bursts of one IP on one day for the same employee make one finding."""
    merged: dict[str, Candidate] = {}
    for c in found:
        if c.key in merged:
            old = merged[c.key]
            old.evidence["punch_ids"] = sorted(
                {*old.evidence["punch_ids"], *c.evidence["punch_ids"]}
            )
            others = {*old.evidence["other_employee_ids"], *c.evidence["other_employee_ids"]}
            old.evidence["other_employee_ids"] = sorted(others)
            old.evidence["employee_count"] = max(old.evidence["employee_count"],
                                                 c.evidence["employee_count"])  # fmt: skip
        else:
            merged[c.key] = c
    return list(merged.values())
