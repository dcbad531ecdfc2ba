"""Rules comparing punches of one person in time: impossible travel, fingerprint vs selfie."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ekinerja.geo import haversine_many
from ekinerja.integrity.common import Candidate, epoch_seconds, metres, per_employee_day, wib_text
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import APP_GPS_CHANNELS, Inputs


def impossible_travel(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """Consecutive punches of one person further apart than the speed limit allows.

    The distance is reduced by both fixes' accuracy, and must exceed a minimum, so GPS jitter
    between two punches a minute apart is not a journey.
    """
    p = data.punches[data.punches["lat"].notna()].sort_values(["employee_id", "ts", "id"])
    if len(p) < 2:
        return []
    same = p["employee_id"].to_numpy()[1:] == p["employee_id"].to_numpy()[:-1]
    lat = p["lat"].to_numpy(dtype=np.float64)
    lon = p["lon"].to_numpy(dtype=np.float64)
    acc = p["accuracy_m"].fillna(0).clip(upper=cfg.accuracy_credit_max_m).to_numpy()
    dist = haversine_many(lat[:-1], lon[:-1], lat[1:], lon[1:])
    effective = np.maximum(dist - acc[:-1] - acc[1:], 0.0)
    ts = epoch_seconds(p["ts"])
    seconds = ts[1:] - ts[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        kmh = np.where(seconds > 0, effective / np.maximum(seconds, 1e-9) * 3.6, np.inf)
    bad = same & (effective > cfg.travel_min_distance_m) & (kmh > cfg.travel_max_kmh)
    if not bad.any():
        return []
    second = p.iloc[1:][bad].copy()
    first = p.iloc[:-1][bad]
    second["_from"] = first["id"].to_numpy()
    second["_km"] = dist[bad] / 1000
    second["_kmh"] = kmh[bad]
    second["_min"] = seconds[bad] / 60
    second = second[(second["work_date"] >= data.start) & (second["work_date"] <= data.end)]

    def evidence(g: pd.DataFrame) -> dict[str, Any]:
        pairs = [
            {
                "from_punch_id": int(r["_from"]),
                "to_punch_id": int(r["id"]),
                "distance_m": metres(r["_km"] * 1000),
                "minutes": round(float(r["_min"]), 1),
                "speed_kmh": round(float(r["_kmh"])) if np.isfinite(r["_kmh"]) else None,
            }
            for r in g[["_from", "id", "_km", "_min", "_kmh"]].to_dict("records")
        ]
        finite = g["_kmh"].replace(np.inf, np.nan)
        return {
            "punch_ids": sorted({*map(int, g["id"]), *map(int, g["_from"])}),
            "speed_kmh": None if finite.isna().all() else round(float(finite.max())),
            "pairs": pairs,
        }

    return per_employee_day(second, "impossible_travel", evidence, lambda g: "tinggi")


def channel_conflict(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """A fingerprint at the office and an app GPS punch far away within a few minutes."""
    p = data.punches[data.punches["lat"].notna()]
    fp = p[p["channel"] == "fingerprint"][["employee_id", "ts", "id", "lat", "lon"]]
    app = p[p["channel"].isin(APP_GPS_CHANNELS) & data.in_period.loc[p.index]]
    if fp.empty or app.empty:
        return []
    fp = fp.rename(columns={"id": "_fp_id", "lat": "_fp_lat", "lon": "_fp_lon"})
    fp = fp.assign(_fp_ts=fp["ts"]).sort_values("ts")
    joined = pd.merge_asof(
        app.sort_values("ts"),
        fp,
        on="ts",
        by="employee_id",
        direction="nearest",
        tolerance=pd.Timedelta(minutes=cfg.conflict_window_min),
    )
    joined = joined[joined["_fp_id"].notna()]
    if joined.empty:
        return []
    dist = haversine_many(joined["lat"].to_numpy(dtype=np.float64),
                          joined["lon"].to_numpy(dtype=np.float64),
                          joined["_fp_lat"].to_numpy(dtype=np.float64),
                          joined["_fp_lon"].to_numpy(dtype=np.float64))  # fmt: skip
    joined = joined.assign(_dist=dist)
    flagged = joined[dist > cfg.conflict_min_distance_m]

    def evidence(g: pd.DataFrame) -> dict[str, Any]:
        worst = g.iloc[int(np.argmax(g["_dist"].to_numpy()))]
        minutes = abs((worst["ts"] - worst["_fp_ts"]).total_seconds()) / 60
        return {
            "punch_ids": sorted({*map(int, g["id"]), *map(int, g["_fp_id"])}),
            "app_punch_id": int(worst["id"]),
            "fingerprint_punch_id": int(worst["_fp_id"]),
            "distance_m": metres(worst["_dist"]),
            "minutes": round(minutes, 1),
            "window_start": wib_text(min(worst["ts"], worst["_fp_ts"])),
        }

    return per_employee_day(
        flagged, "channel_conflict", evidence,
        lambda g: "tinggi" if g["_dist"].max() >= 5 * cfg.conflict_min_distance_m else "sedang",
    )  # fmt: skip
