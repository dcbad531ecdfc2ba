"""Distances on the earth's surface, scalar and vectorised, and geofence tests."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_M = 6_371_008.8

FloatArray = npt.NDArray[np.float64]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (accurate to well under a metre at city scale)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def haversine_many(
    lat1: FloatArray | float,
    lon1: FloatArray | float,
    lat2: FloatArray | float,
    lon2: FloatArray | float,
) -> FloatArray:
    """Element-wise great-circle distance in metres for numpy arrays (broadcasting)."""
    p1 = np.radians(lat1)
    p2 = np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a))), dtype=np.float64)


def nearest_fence(
    lats: FloatArray, lons: FloatArray, fences: Sequence[tuple[float, float, float]]
) -> tuple[FloatArray, FloatArray]:
    """For each point: distance to the nearest fence centre, and distance outside the nearest fence edge.

    `fences` are (lat, lon, radius_m). The second array is 0 for points inside some fence (a point
    exactly on the border counts as inside). With no fences both are +inf.
    """
    n = len(lats)
    if not fences:
        inf = np.full(n, np.inf)
        return inf, inf.copy()
    flat = np.array([f[0] for f in fences])
    flon = np.array([f[1] for f in fences])
    frad = np.array([f[2] for f in fences])
    d = haversine_many(lats[:, None], lons[:, None], flat[None, :], flon[None, :])
    outside = np.maximum(d - frad[None, :], 0.0)
    return d.min(axis=1), outside.min(axis=1)
