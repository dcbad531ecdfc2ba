"""Rules on where a punch was made: mock location, geofences, WFH distance, replayed points."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ekinerja.geo import haversine_many, nearest_fence
from ekinerja.integrity.common import Candidate, as_date, ids, metres, num, per_employee_day, real
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import APP_GPS_CHANNELS, Inputs

# A point on the border is inside; one centimetre absorbs floating-point noise in the distance.
BORDER_EPSILON_M = 0.01


def mock_location(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """The phone itself reported a mock (fake) location."""
    p = data.punches[data.in_period & data.punches["mock_location"]]
    return per_employee_day(
        p,
        "mock_location",
        lambda g: {"count": len(g), "channels": sorted(set(g["channel"]))},
        lambda g: "tinggi",
    )


def outside_geofence(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """Selfie punches outside every office geofence of the employee's unit.

    A point exactly on the border is inside. The reported GPS accuracy (up to a cap) is given
    as benefit of the doubt. Days on official duty elsewhere (dinas luar) are not judged, nor
    units without an office.
    """
    directions = ("in", "out") if cfg.geofence_check_out else ("in",)
    p = data.punches[
        data.in_period
        & (data.punches["channel"] == "selfie")
        & data.punches["direction"].isin(directions)
        & data.punches["lat"].notna()
    ]
    p = p.merge(data.staff[["employee_id", "unit_id"]], on="employee_id")
    if not data.away.empty:
        away = data.away.assign(_away=True)
        p = p.merge(away, on=["employee_id", "work_date"], how="left")
        p = p[p["_away"].isna()]
    parts = []
    for unit_id, group in p.groupby("unit_id"):
        fences = data.offices[data.offices["unit_id"] == unit_id]
        if fences.empty:
            continue
        fence_list = list(zip(fences["lat"], fences["lon"], fences["radius_m"], strict=True))
        lats = group["lat"].to_numpy(dtype=np.float64)
        lons = group["lon"].to_numpy(dtype=np.float64)
        centre, outside = nearest_fence(lats, lons, fence_list)
        d = haversine_many(lats[:, None], lons[:, None], fences["lat"].to_numpy()[None, :],
                           fences["lon"].to_numpy()[None, :])  # fmt: skip
        nearest = fences["office_id"].to_numpy()[d.argmin(axis=1)]
        parts.append(group.assign(_centre=centre, _outside=outside, _office=nearest))
    if not parts:
        return []
    p = pd.concat(parts, ignore_index=True)
    credit = np.minimum(p["accuracy_m"].fillna(0).to_numpy(), cfg.accuracy_credit_max_m)
    flagged = p[p["_outside"].to_numpy() > cfg.geofence_tolerance_m + credit + BORDER_EPSILON_M]

    def evidence(g: pd.DataFrame) -> dict[str, Any]:
        worst = g.iloc[int(np.argmax(g["_outside"].to_numpy()))]
        return {
            "outside_m": metres(worst["_outside"]),
            "distance_m": metres(worst["_centre"]),
            "office_id": int(worst["_office"]),
            "accuracy_m": None if pd.isna(worst["accuracy_m"]) else metres(worst["accuracy_m"]),
            "lat": float(worst["lat"]),
            "lon": float(worst["lon"]),
        }

    return per_employee_day(
        flagged,
        "outside_geofence",
        evidence,
        lambda g: "tinggi" if g["_outside"].max() >= cfg.geofence_high_m else "sedang",
    )


def wfh_far_from_home(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """WFH punches far from the registered home (employees without a home are not judged)."""
    p = data.punches[data.in_period & (data.punches["channel"] == "wfh")]
    p = p.merge(data.staff[["employee_id", "home_lat", "home_lon"]], on="employee_id")
    p = p[p["home_lat"].notna() & p["lat"].notna()]
    if p.empty:
        return []
    dist = haversine_many(p["lat"].to_numpy(dtype=np.float64), p["lon"].to_numpy(dtype=np.float64),
                          p["home_lat"].to_numpy(dtype=np.float64),
                          p["home_lon"].to_numpy(dtype=np.float64))  # fmt: skip
    credit = np.minimum(p["accuracy_m"].fillna(0).to_numpy(), cfg.accuracy_credit_max_m)
    p = p.assign(_dist=dist)
    flagged = p[dist > cfg.wfh_max_distance_m + credit]
    return per_employee_day(
        flagged,
        "wfh_far_from_home",
        lambda g: {"home_distance_m": metres(g["_dist"].max())},
        lambda g: "tinggi" if g["_dist"].max() >= 5 * cfg.wfh_max_distance_m else "sedang",
    )


def repeated_coordinates(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """The exact same GPS point on several days: a real fix always wanders a little.

    Only app GPS channels count: fingerprint and QR punches carry the fixed coordinates of the
    machine or the QR code by design. One finding per employee, point and month.
    """
    p = data.punches[
        data.punches["channel"].isin(APP_GPS_CHANNELS) & data.punches["lat"].notna()
        & (data.punches["work_date"] >= data.start)
    ]  # fmt: skip
    if p.empty:
        return []
    days = p.groupby(["employee_id", "lat", "lon"])["work_date"].transform("nunique")
    p = p[days >= cfg.repeat_min_days]
    out: list[Candidate] = []
    month = pd.to_datetime(p["work_date"]).dt.strftime("%Y-%m")
    for (employee_id, lat, lon), group in p.groupby(["employee_id", "lat", "lon"], sort=True):
        all_days = sorted({as_date(d) for d in group["work_date"]})
        for m, part in group.groupby(month.loc[group.index], sort=True):
            dates = sorted({as_date(d) for d in part["work_date"]})
            out.append(
                Candidate(
                    "repeated_coordinates",
                    num(employee_id),
                    dates[0],
                    dates[-1],
                    "tinggi" if len(all_days) >= 2 * cfg.repeat_min_days else "sedang",
                    f"repeated_coordinates:{employee_id}:{m}:{real(lat)!r},{real(lon)!r}",
                    {
                        "punch_ids": ids(part["id"]),
                        "lat": real(lat),
                        "lon": real(lon),
                        "dates": [d.isoformat() for d in dates],
                        "days": len(all_days),
                    },
                )
            )
    return out
