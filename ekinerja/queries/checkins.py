"""Check-in locations for the map: counts, points and grid cells, scoped and filtered in SQL.

The map asks `count_points` first and then either `load_points` (a few thousand rows at most)
or `grid_cells` (one row per ~55 m cell, aggregated in SQL) so that a month of the whole city
never comes into pandas point by point. Soft-deleted punches, punches without coordinates and
employees with status `dihapus` never appear.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Integer, Select, String, case, cast, func, select, type_coerce
from sqlmodel import Session, col

from ekinerja.access import Viewer
from ekinerja.maps import (
    CLUSTER_LIMIT,
    GRID_CELL_DEG,
    MapMode,
    choose_mode,
    classify_cells,
    classify_points,
    point_rows_json,
)
from ekinerja.models import Employee, Office, Punch, Unit
from ekinerja.models.attendance import CHANNELS
from ekinerja.queries.filters import Filters, employee_condition, unit_condition
from ekinerja.validation import ValidationError

# Check-ins listed for one clicked grid cell.
CELL_LIMIT = 50

POINT_COLUMNS = [
    "punch_id",
    "employee_id",
    "nip",
    "name",
    "unit_id",
    "unit_name",
    "channel",
    "direction",
    "ts",
    "lat",
    "lon",
    "has_photo",
    "mock_location",
    "home_lat",
    "home_lon",
]


def _channels(channels: Collection[str] | None) -> list[str] | None:
    if channels is None:
        return None
    wanted = sorted(set(channels))
    unknown = [c for c in wanted if c not in CHANNELS]
    if unknown:
        raise ValidationError(f"Kanal tidak dikenal: {', '.join(unknown)}")
    return wanted


def _conditions(
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None,
    employee_id: int | None,
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [
        col(Punch.work_date) >= filters.start,
        col(Punch.work_date) <= filters.end,
        col(Punch.deleted_at).is_(None),
        col(Punch.lat).is_not(None),
        col(Punch.lon).is_not(None),
        col(Employee.status) != "dihapus",
        unit_condition(col(Employee.unit_id), viewer, filters),
    ]
    if filters.search:
        conds.append(employee_condition(col(Punch.employee_id), filters))
    wanted = _channels(channels)
    if wanted is not None:
        conds.append(col(Punch.channel).in_(wanted))
    if employee_id is not None:
        conds.append(col(Punch.employee_id) == employee_id)
    return conds


def _joined(stmt: Select[Any]) -> Select[Any]:
    return stmt.join(Employee, col(Employee.id) == col(Punch.employee_id))


def count_points(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None = None,
    employee_id: int | None = None,
) -> int:
    stmt = _joined(select(func.count()).select_from(Punch)).where(
        *_conditions(viewer, filters, channels, employee_id)
    )
    return int(session.execute(stmt).scalar_one())


def _point_select() -> Select[Any]:
    columns: list[Any] = [
        col(Punch.id).label("punch_id"),
        col(Punch.employee_id),
        col(Employee.nip),
        col(Employee.name),
        col(Employee.unit_id),
        col(Unit.name).label("unit_name"),
        col(Punch.channel),
        col(Punch.direction),
        # Read as the stored text (SQLite) or driver value (PostgreSQL) and parsed by pandas in
        # one vectorised step: per-row datetime processing cost more than the query itself.
        type_coerce(col(Punch.ts), String).label("ts"),
        col(Punch.lat),
        col(Punch.lon),
        col(Punch.photo_path).is_not(None).label("has_photo"),
        col(Punch.mock_location),
        col(Employee.home_lat),
        col(Employee.home_lon),
    ]
    return _joined(select(*columns).select_from(Punch)).join(
        Unit, col(Unit.id) == col(Employee.unit_id)
    )


def _frame(session: Session, stmt: Select[Any]) -> pd.DataFrame:
    rows = [tuple(r) for r in session.execute(stmt)]
    frame = pd.DataFrame.from_records(rows, columns=POINT_COLUMNS)
    frame["ts"] = pd.to_datetime(frame["ts"], utc=True)
    for name in ("lat", "lon", "home_lat", "home_lon"):
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    frame["has_photo"] = frame["has_photo"].astype(bool)
    frame["mock_location"] = frame["mock_location"].astype(bool)
    return frame


def load_points(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None = None,
    employee_id: int | None = None,
    limit: int = CLUSTER_LIMIT,
) -> pd.DataFrame:
    """One row per check-in with coordinates (POINT_COLUMNS), oldest first, at most `limit`."""
    stmt = (
        _point_select()
        .where(*_conditions(viewer, filters, channels, employee_id))
        .order_by(col(Punch.ts), col(Punch.id))
        .limit(limit)
    )
    return _frame(session, stmt)


def _cell_expr(column: Any, cell_deg: float) -> ColumnElement[int]:
    return cast(func.round(column / cell_deg), Integer)


def _check_cell(cell_deg: float) -> float:
    if not (1e-5 <= cell_deg <= 1.0):
        raise ValidationError("Ukuran sel grid harus antara 0,00001 dan 1 derajat")
    return float(cell_deg)


def grid_cells(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None = None,
    employee_id: int | None = None,
    cell_deg: float = GRID_CELL_DEG,
) -> pd.DataFrame:
    """Check-ins counted per grid cell (`round(lat / cell)`, `round(lon / cell)`) and WFH flag.

    Columns: cy, cx (cell numbers), wfh (1 for WFH check-ins), n, lat, lon (cell centre).
    """
    cell_deg = _check_cell(cell_deg)
    # The cell numbers are computed in a subquery and grouped outside, so that PostgreSQL
    # sees plain columns in GROUP BY (a bound parameter in each copy of the expression differs).
    inner = (
        _joined(
            select(
                _cell_expr(col(Punch.lat), cell_deg).label("cy"),
                _cell_expr(col(Punch.lon), cell_deg).label("cx"),
                case((col(Punch.channel) == "wfh", 1), else_=0).label("wfh"),
            ).select_from(Punch)
        )
        .where(*_conditions(viewer, filters, channels, employee_id))
        .subquery()
    )
    stmt = (
        select(inner.c.cy, inner.c.cx, inner.c.wfh, func.count().label("n"))
        .group_by(inner.c.cy, inner.c.cx, inner.c.wfh)
        .order_by(inner.c.cy, inner.c.cx, inner.c.wfh)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["cy", "cx", "wfh", "n"])
    frame = frame.astype({"cy": "int64", "cx": "int64", "wfh": "int64", "n": "int64"})
    frame["lat"] = frame["cy"] * cell_deg
    frame["lon"] = frame["cx"] * cell_deg
    return frame


def cell_points(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    cell: tuple[int, int],
    channels: Collection[str] | None = None,
    employee_id: int | None = None,
    cell_deg: float = GRID_CELL_DEG,
    limit: int = CELL_LIMIT,
) -> tuple[pd.DataFrame, int]:
    """The check-ins in one grid cell (newest first, at most `limit`) and how many there are."""
    cell_deg = _check_cell(cell_deg)
    conds = [
        *_conditions(viewer, filters, channels, employee_id),
        _cell_expr(col(Punch.lat), cell_deg) == int(cell[0]),
        _cell_expr(col(Punch.lon), cell_deg) == int(cell[1]),
    ]
    total = int(
        session.execute(_joined(select(func.count()).select_from(Punch)).where(*conds)).scalar_one()
    )
    stmt = _point_select().where(*conds).order_by(col(Punch.ts).desc(), col(Punch.id).desc())
    return _frame(session, stmt.limit(limit)), total


def offices(session: Session) -> pd.DataFrame:
    """Every office geofence (public buildings: drawn for all viewers, used for the warning)."""
    stmt = select(
        col(Office.id), col(Office.unit_id), col(Office.name),
        col(Office.lat), col(Office.lon), col(Office.radius_m),
    ).order_by(col(Office.id))  # fmt: skip
    frame = pd.DataFrame(
        session.execute(stmt).all(), columns=["id", "unit_id", "name", "lat", "lon", "radius_m"]
    )
    return frame.astype({"lat": "float64", "lon": "float64", "radius_m": "float64"})


@dataclass(frozen=True)
class MapView:
    """What the map page draws: the layer, its rows (points or cells) and the geofences."""

    mode: MapMode
    rows: pd.DataFrame
    offices: pd.DataFrame
    total: int
    skipped: int
    # The point layers' rows, ready for the map (maps.point_rows_json); None on the grid.
    rows_json: str | None = None

    @property
    def outside(self) -> int:
        """Check-ins outside every geofence (on the grid: those in the flagged cells)."""
        if self.rows.empty:
            return 0
        flagged = self.rows["category"] == "luar"
        if self.mode is MapMode.GRID:
            return int(self.rows.loc[flagged, "n"].sum())
        return int(flagged.sum())


def map_view(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None = None,
    employee_id: int | None = None,
) -> MapView:
    """Count first, then load points or grid cells depending on the size (maps.choose_mode)."""
    geofences = offices(session)
    total = count_points(session, viewer, filters, channels, employee_id)
    mode = choose_mode(total)
    if mode is MapMode.GRID:
        cells = grid_cells(session, viewer, filters, channels, employee_id)
        return MapView(mode, classify_cells(cells, geofences), geofences, total, 0)
    points = load_points(session, viewer, filters, channels, employee_id)
    rows, skipped = classify_points(points, geofences)
    # Built here so that the cache keeps it: tooltips for thousands of points are the slow part.
    rows_json = point_rows_json(rows, multi_day=filters.start != filters.end)
    return MapView(mode, rows, geofences, total, skipped, rows_json)


def cell_view(
    session: Session,
    viewer: Viewer,
    filters: Filters,
    channels: Collection[str] | None,
    cell: tuple[int, int],
) -> tuple[pd.DataFrame, int]:
    """The classified check-ins of one clicked grid cell, and how many the cell holds."""
    rows, total = cell_points(session, viewer, filters, cell, channels)
    return classify_points(rows, offices(session))[0], total
