"""The attendance map: classify check-ins against office geofences and build the folium map.

The layer is chosen by size, because every rerun sends the whole map HTML to the browser:
- up to MARKER_LIMIT points: every check-in is its own small circle with a tooltip;
- up to CLUSTER_LIMIT: Leaflet.markercluster (markers are made in the browser from a compact array);
- beyond: the caller aggregates in SQL per grid cell (queries.checkins.grid_cells) and the map
  shows a HeatMap of all cells plus clickable circles for the cells outside every geofence.

Every string that goes into the map passes through `escape_js_html`: folium writes tooltip text
into HTML inside JavaScript template literals, where `${...}`, backticks and backslashes act
even after HTML escaping. Coordinates are checked finite and in range before they are drawn
(a NaN in the data array would also be invalid JSON and stop the whole map script).
"""

from __future__ import annotations

import html
import math
from enum import StrEnum

import folium
import numpy as np
import numpy.typing as npt
import pandas as pd
from folium.plugins import HeatMap

from ekinerja import texts
from ekinerja.geo import EARTH_RADIUS_M, haversine_many
from ekinerja.map_layers import CircleLayer, ClusterLayer, FenceLayer, js_data
from ekinerja.texts import maps as t
from ekinerja.timeutil import WIB

MARKER_LIMIT = 3_000
CLUSTER_LIMIT = 30_000
# About 55 m at Madiun's latitude, in both directions: small enough that a cell straddling a
# 100 m geofence is rare, large enough that a month of the city is a few thousand cells.
GRID_CELL_DEG = 0.0005
# Coordinates sent to the browser: 6 decimals is about 0.1 m, and the click comes back with them.
COORD_DECIMALS = 6
CLICK_TOLERANCE_M = 2.0
# A WFH check-in this close to the registered home address is expected, not a warning.
WFH_HOME_RADIUS_M = 200.0
CITY_CENTER = (-7.630, 111.523)
CITY_ZOOM = 13
TILES = "OpenStreetMap"
POINT_RADIUS_PX = 6
# Leaflet reports the marker's own position on click only for circles up to 10 px.
MAX_CLICKABLE_RADIUS_PX = 10
# From this zoom on every check-in of a cluster map is its own marker.
UNCLUSTER_ZOOM = 18

CATEGORIES = ("dalam", "wfh", "luar")
WARNING = CATEGORIES.index("luar")
CATEGORY_COLORS = {"dalam": "#2b83ba", "wfh": "#7b3294", "luar": "#f46d43"}
OFFICE_COLOR = "#1a9641"

FloatArray = npt.NDArray[np.float64]


class MapMode(StrEnum):
    TITIK = "titik"
    KLASTER = "klaster"
    GRID = "grid"


def choose_mode(n_points: int) -> MapMode:
    """The layer for a number of check-ins (see the module docstring)."""
    if n_points <= MARKER_LIMIT:
        return MapMode.TITIK
    if n_points <= CLUSTER_LIMIT:
        return MapMode.KLASTER
    return MapMode.GRID


def escape_js_html(value: object) -> str:
    """Make any text safe inside folium tooltips and popups (HTML inside a JS template literal)."""
    text = "" if value is None else str(value)
    text = html.escape(text, quote=True)
    return text.replace("$", "&#36;").replace("`", "&#96;").replace("\\", "&#92;")


def valid_coordinates(lat: object, lon: object) -> bool:
    """Finite, in range, and not the (0, 0) of a GPS without a fix."""
    try:
        flat, flon = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    if not (math.isfinite(flat) and math.isfinite(flon)):
        return False
    if not (-90.0 <= flat <= 90.0 and -180.0 <= flon <= 180.0):
        return False
    return not (flat == 0.0 and flon == 0.0)


def _valid_mask(lat: pd.Series, lon: pd.Series) -> npt.NDArray[np.bool_]:
    a = pd.to_numeric(lat, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    o = pd.to_numeric(lon, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(a) & np.isfinite(o) & (np.abs(a) <= 90) & (np.abs(o) <= 180)
    return np.asarray(ok & ~((a == 0) & (o == 0)))


def _office_arrays(offices: pd.DataFrame) -> tuple[FloatArray, FloatArray, FloatArray]:
    return (
        offices["lat"].to_numpy(dtype=np.float64),
        offices["lon"].to_numpy(dtype=np.float64),
        offices["radius_m"].to_numpy(dtype=np.float64),
    )


def _nearest_office(
    lats: FloatArray, lons: FloatArray, offices: pd.DataFrame
) -> tuple[npt.NDArray[np.intp], FloatArray, FloatArray]:
    """Index of the nearest office centre, distance to it, and distance outside the nearest edge."""
    n = len(lats)
    if offices.empty or n == 0:
        inf = np.full(n, np.inf)
        return np.full(n, -1, dtype=np.intp), inf, inf.copy()
    olat, olon, orad = _office_arrays(offices)
    nearest = np.empty(n, dtype=np.intp)
    dist = np.empty(n)
    outside = np.empty(n)
    # Chunks keep the distance matrix small (points x offices) for a month of the city.
    step = max(1, 2_000_000 // len(olat))
    for i in range(0, n, step):
        d = haversine_many(
            lats[i : i + step, None], lons[i : i + step, None], olat[None, :], olon[None, :]
        )
        nearest[i : i + step] = d.argmin(axis=1)
        dist[i : i + step] = d.min(axis=1)
        outside[i : i + step] = np.maximum(d - orad[None, :], 0.0).min(axis=1)
    return nearest, dist, outside


def classify_points(points: pd.DataFrame, offices: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Valid points with nearest office, distances and category; and how many were dropped.

    points: lat, lon, channel, home_lat, home_lon (+ anything else, kept).
    offices: name, lat, lon, radius_m.
    """
    mask = _valid_mask(points["lat"], points["lon"])
    skipped = int((~mask).sum())
    out = points.loc[mask].copy()
    lats = out["lat"].to_numpy(dtype=np.float64)
    lons = out["lon"].to_numpy(dtype=np.float64)
    nearest, dist, outside = _nearest_office(lats, lons, offices)
    if offices.empty:
        out["nearest_office"] = None
    else:
        out["nearest_office"] = offices["name"].to_numpy(dtype=object)[nearest]
    out["dist_office_m"] = dist
    out["outside_m"] = outside
    if "home_lat" not in out.columns or "home_lon" not in out.columns:
        near_home = np.zeros(len(out), dtype=bool)
    else:
        home_lat = pd.to_numeric(out["home_lat"], errors="coerce")
        home_lon = pd.to_numeric(out["home_lon"], errors="coerce")
        with np.errstate(invalid="ignore"):
            d_home = haversine_many(
                lats, lons, home_lat.to_numpy(np.float64, na_value=np.nan),
                home_lon.to_numpy(np.float64, na_value=np.nan),
            )  # fmt: skip
            # No registered home: a WFH check-in cannot be judged, so it is not flagged.
            near_home = np.isnan(d_home) | (d_home <= WFH_HOME_RADIUS_M)
    is_wfh = (out["channel"] == "wfh").to_numpy()
    category = np.where(outside <= 0.0, "dalam", np.where(is_wfh & near_home, "wfh", "luar"))
    out["category"] = category
    return out, skipped


def classify_cells(
    cells: pd.DataFrame, offices: pd.DataFrame, cell_deg: float = GRID_CELL_DEG
) -> pd.DataFrame:
    """Grid cells (lat, lon centre, n, wfh flag) with a category.

    A cell counts as inside when its centre is within a geofence widened by half the cell
    diagonal, so a cell that touches a fence is never flagged; WFH cells are shown as WFH.
    """
    out = cells.loc[_valid_mask(cells["lat"], cells["lon"])].copy()
    lats = out["lat"].to_numpy(dtype=np.float64)
    lons = out["lon"].to_numpy(dtype=np.float64)
    _, dist, outside = _nearest_office(lats, lons, offices)
    half_diagonal = math.radians(cell_deg) * EARTH_RADIUS_M * math.sqrt(2) / 2
    out["dist_office_m"] = dist
    wfh = out["wfh"].astype(bool).to_numpy()
    out["category"] = np.where(outside <= half_diagonal, "dalam", np.where(wfh, "wfh", "luar"))
    return out


def _hhmm(ts: pd.Series, with_date: bool) -> pd.Series:
    local = pd.to_datetime(ts, utc=True).dt.tz_convert(WIB)
    return local.dt.strftime("%d-%m %H:%M" if with_date else "%H:%M")


def point_labels(points: pd.DataFrame, multi_day: bool) -> pd.Series:
    """Tooltip text per point: name, WIB time, channel and direction; already escaped."""
    channel = points["channel"].map(texts.CHANNEL_LABELS).fillna(points["channel"])
    direction = points["direction"].map(texts.DIRECTION_LABELS).fillna(points["direction"])
    raw = (
        points["name"].astype(str)
        + " · " + _hhmm(points["ts"], multi_day)
        + " · " + channel.astype(str) + " " + direction.astype(str).str.lower()
    )  # fmt: skip
    return raw.map(escape_js_html)


def _rows_json(frame: pd.DataFrame, labels: pd.Series, radius: pd.Series) -> str:
    """The point layers' rows (see map_layers) as one JSON array."""
    lat = frame["lat"].to_numpy(dtype=np.float64).round(COORD_DECIMALS).tolist()
    lon = frame["lon"].to_numpy(dtype=np.float64).round(COORD_DECIMALS).tolist()
    cat = frame["category"].map(CATEGORIES.index).astype(int).tolist()
    lab = labels.astype(str).tolist()
    rad = radius.astype(int).tolist()
    return js_data(list(zip(lat, lon, cat, lab, rad, strict=True)))  # tuples are JSON arrays


def point_rows_json(points: pd.DataFrame, multi_day: bool) -> str:
    """Classified check-ins as the point layers' JSON rows, tooltips escaped.

    The costly part of a map (a label per check-in); the map view caches it with the points.
    """
    radius = pd.Series(POINT_RADIUS_PX, index=points.index)
    return _rows_json(points, point_labels(points, multi_day), radius)


def _cell_radius(n: pd.Series) -> pd.Series:
    # 5 px for one check-in up to the clickable maximum for the busiest cells.
    counts = n.clip(lower=1).to_numpy(dtype=np.float64)
    radius = np.minimum(5 + np.log10(counts) * 1.5, MAX_CLICKABLE_RADIUS_PX)
    return pd.Series(radius, index=n.index)


def _bounds(frame: pd.DataFrame) -> list[list[float]] | None:
    if frame.empty:
        return None
    lat = frame["lat"].to_numpy(dtype=np.float64)
    lon = frame["lon"].to_numpy(dtype=np.float64)
    return [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]


def base_map() -> folium.Map:
    return folium.Map(
        location=list(CITY_CENTER),
        zoom_start=CITY_ZOOM,
        tiles=TILES,
        prefer_canvas=True,
        control_scale=True,
    )


def add_offices(m: folium.Map, offices: pd.DataFrame) -> None:
    rows: list[list[object]] = []
    for name, lat, lon, radius in zip(
        offices["name"].astype(str),
        offices["lat"].to_numpy(dtype=np.float64),
        offices["lon"].to_numpy(dtype=np.float64),
        offices["radius_m"].to_numpy(dtype=np.float64),
        strict=True,
    ):
        if not valid_coordinates(lat, lon) or not math.isfinite(radius) or radius <= 0:
            continue
        label = t.OFFICE_TOOLTIP.format(name=name, radius=texts.fmt_number(float(radius)))
        rows.append([round(float(lat), COORD_DECIMALS), round(float(lon), COORD_DECIMALS),
                     float(radius), escape_js_html(label)])  # fmt: skip
    FenceLayer(rows, OFFICE_COLOR).add_to(m)


def build_map(
    rows: pd.DataFrame,
    offices: pd.DataFrame,
    mode: MapMode,
    *,
    multi_day: bool = False,
    rows_json: str | None = None,
) -> folium.Map:
    """The map for classified points (modes titik/klaster) or classified cells (mode grid).

    rows_json: `point_rows_json(rows, multi_day)` when the caller has it already (cached).
    """
    m = base_map()
    add_offices(m, offices)
    colors = [CATEGORY_COLORS[c] for c in CATEGORIES]
    if mode is MapMode.GRID:
        if not rows.empty:
            weight = rows["n"].astype(float)
            cap = max(float(weight.quantile(0.95)), 1.0)
            heat = np.column_stack(
                [
                    rows["lat"].round(COORD_DECIMALS),
                    rows["lon"].round(COORD_DECIMALS),
                    (weight / cap).clip(upper=1.0).round(3),
                ]
            ).tolist()
            HeatMap(  # type: ignore[no-untyped-call]
                heat, radius=14, blur=12, min_opacity=0.3
            ).add_to(m)
            flagged = rows[rows["category"] == "luar"]
            labels = flagged["n"].map(
                lambda n: escape_js_html(t.CELL_TOOLTIP.format(n=texts.fmt_number(int(n))))
            )
            flagged_json = _rows_json(flagged, labels, _cell_radius(flagged["n"]))
            CircleLayer(flagged_json, colors).add_to(m)
    else:
        if rows_json is None:
            rows_json = point_rows_json(rows, multi_day)
        if mode is MapMode.KLASTER:
            ClusterLayer(rows_json, colors, WARNING, UNCLUSTER_ZOOM).add_to(m)
        else:
            CircleLayer(rows_json, colors).add_to(m)
    # Nothing to show: frame the geofences instead, so the map still says where the offices are.
    shown = rows if not rows.empty or offices.empty else offices
    bounds = _bounds(shown.loc[_valid_mask(shown["lat"], shown["lon"])])
    if bounds is not None:
        m.fit_bounds(bounds, max_zoom=17, padding=(20, 20))
    return m


def find_clicked(
    rows: pd.DataFrame, lat: object, lng: object, tolerance_m: float = CLICK_TOLERANCE_M
) -> pd.DataFrame:
    """The points drawn at a clicked position (several when check-ins share a spot).

    Leaflet gives the marker's own coordinates for a click on a small marker; they come back
    rounded as they were sent, so a tolerance of a couple of metres matches exactly that marker
    and a click on the map background or a geofence matches nothing.
    """
    if rows.empty or not valid_coordinates(lat, lng):
        return rows.iloc[0:0]
    d = haversine_many(
        rows["lat"].to_numpy(dtype=np.float64),
        rows["lon"].to_numpy(dtype=np.float64),
        float(lat),  # type: ignore[arg-type]
        float(lng),  # type: ignore[arg-type]
    )
    hit = rows.loc[d <= tolerance_m]
    if "ts" in hit.columns:
        hit = hit.sort_values("ts", kind="stable")
    return hit


def cell_index(lat: float, lng: float, cell_deg: float = GRID_CELL_DEG) -> tuple[int, int]:
    """The grid cell (row, column) of a position, as `queries.checkins.grid_cells` numbers them."""
    return round(lat / cell_deg), round(lng / cell_deg)


def clicked_position(state: object) -> tuple[float, float] | None:
    """The position from st_folium's return value, or None when nothing valid was clicked."""
    if not isinstance(state, dict):
        return None
    obj = state.get("last_object_clicked")
    if not isinstance(obj, dict):
        return None
    lat, lng = obj.get("lat"), obj.get("lng")
    if not valid_coordinates(lat, lng):
        return None
    return float(lat), float(lng)  # type: ignore[arg-type]
