"""Check-in queries for the map on SQLite and PostgreSQL: scope, filters, grid aggregation in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import factories as f
import pytest
from sqlalchemy import Engine
from ui import app_for

import db
from ekinerja import maps
from ekinerja.access import Scope, Viewer
from ekinerja.maps import MapMode
from ekinerja.queries import checkins
from ekinerja.queries.filters import Filters

DAY = date(2026, 11, 2)
CELL = 0.0005
ADMIN = Viewer("admin", "admin")


def _seed(engine: Engine) -> dict[str, int]:
    """Two units; points placed away from cell borders (border = odd multiple of 0.00025)."""
    with db.write_session(engine) as s:
        u1, u2 = f.unit(s, "U1"), f.unit(s, "U2")
        f.office(s, u1, lat=-7.6240, lon=111.5200, radius_m=100)
        budi = f.employee(s, u1, 1, name="Budi Santoso")
        sari = f.employee(s, u1, 2, name="Sari")
        lain = f.employee(s, u2, 3, name="Lain Unit")
        gone = f.employee(s, u1, 4, name="Dihapus", status="dihapus")
        # cell (-15248, 223040): centre -7.6240, 111.5200
        f.punch(s, budi, DAY, 7, 10, channel="selfie", lat=-7.62401, lon=111.52002)
        f.punch(s, sari, DAY, 7, 20, channel="qr", lat=-7.62399, lon=111.51998)
        f.punch(s, sari, DAY, 16, 5, direction="out", channel="wfh", lat=-7.62402, lon=111.52001)
        # cell (-15260, 223050): 600 m away
        f.punch(s, budi, DAY, 16, 0, direction="out", channel="selfie", lat=-7.63, lon=111.525)
        # never counted: other day, no coordinates, soft-deleted, erased employee
        f.punch(s, budi, date(2026, 11, 3), 7, 0, channel="selfie", lat=-7.63, lon=111.525)
        f.punch(s, budi, DAY, 7, 11, channel="fingerprint")
        f.punch(s, sari, DAY, 7, 12, channel="selfie", lat=-7.63, lon=111.525,
                deleted_at=datetime(2026, 11, 4, tzinfo=UTC))  # fmt: skip
        f.punch(s, gone, DAY, 7, 13, channel="selfie", lat=-7.63, lon=111.525)
        # other unit, same cell as the first three
        f.punch(s, lain, DAY, 7, 14, channel="selfie", lat=-7.6240, lon=111.5200)
        return {"u1": int(u1.id), "u2": int(u2.id), "budi": int(budi.id)}  # type: ignore[arg-type]


def test_grid_cells_count_per_cell_and_wfh_flag_in_sql(engine: Engine) -> None:
    ids = _seed(engine)
    with db.read_session(engine) as s:
        cells = checkins.grid_cells(s, ADMIN, Filters(DAY, DAY), cell_deg=CELL)
        scoped = checkins.grid_cells(
            s,
            Viewer("spv", "supervisor", Scope.units([ids["u2"]])),
            Filters(DAY, DAY),
            cell_deg=CELL,
        )
    got = {(r.cy, r.cx, r.wfh): r.n for r in cells.itertuples()}
    assert got == {(-15248, 223040, 0): 3, (-15248, 223040, 1): 1, (-15260, 223050, 0): 1}
    centre = cells[(cells["cy"] == -15248) & (cells["wfh"] == 0)].iloc[0]
    assert centre["lat"] == pytest.approx(-7.6240) and centre["lon"] == pytest.approx(111.5200)
    assert {(r.cy, r.cx, r.wfh): r.n for r in scoped.itertuples()} == {(-15248, 223040, 0): 1}


def test_points_respect_scope_channels_search_and_dates(engine: Engine) -> None:
    ids = _seed(engine)
    supervisor = Viewer("spv", "supervisor", Scope.units([ids["u1"]]))
    with db.read_session(engine) as s:
        assert checkins.count_points(s, ADMIN, Filters(DAY, DAY)) == 5
        assert checkins.count_points(s, supervisor, Filters(DAY, DAY)) == 4
        # a unit filter outside the scope narrows to nothing, never widens
        assert checkins.count_points(s, supervisor, Filters(DAY, DAY, unit_id=ids["u2"])) == 0
        assert checkins.count_points(s, ADMIN, Filters(DAY, DAY), channels=["wfh"]) == 1
        assert checkins.count_points(s, ADMIN, Filters(DAY, DAY, search="budi")) == 2
        assert checkins.count_points(s, ADMIN, Filters(DAY, date(2026, 11, 3))) == 6
        points = checkins.load_points(s, supervisor, Filters(DAY, DAY))
    # oldest first: 07:10, 07:20, 16:00, 16:05
    assert points["name"].tolist() == ["Budi Santoso", "Sari", "Budi Santoso", "Sari"]
    assert list(points.columns) == checkins.POINT_COLUMNS
    assert str(points["ts"].dt.tz) == "UTC"


def test_clicked_cell_lists_its_check_ins_newest_first(engine: Engine) -> None:
    _seed(engine)
    with db.read_session(engine) as s:
        rows, total = checkins.cell_points(s, ADMIN, Filters(DAY, DAY), (-15248, 223040), limit=3)
    assert total == 4
    assert rows["name"].tolist() == ["Sari", "Sari", "Lain Unit"]  # 16:05, 07:20, 07:14


def test_map_view_chooses_points_for_a_small_day(engine: Engine) -> None:
    _seed(engine)
    with db.read_session(engine) as s:
        view = checkins.map_view(s, ADMIN, Filters(DAY, DAY))
    assert view.mode is MapMode.TITIK and view.total == 5 and view.skipped == 0
    # only the 600 m point is outside the 100 m fence; the WFH has no registered home
    assert view.outside == 1


def test_unknown_channel_is_refused(engine: Engine) -> None:
    from ekinerja.validation import ValidationError

    with db.read_session(engine) as s, pytest.raises(ValidationError):
        checkins.count_points(s, ADMIN, Filters(DAY, DAY), channels=["selfie", "x"])


@pytest.mark.parametrize("role", ["admin", "hr", "supervisor", "auditor"])
def test_peta_page_runs_for_every_role(sqlite_engine: Engine, role: str) -> None:
    _seed(sqlite_engine)
    at = app_for(sqlite_engine, role, units=["U1"] if role == "supervisor" else None,
                 page="pages/peta.py")  # fmt: skip
    at.query_params.update({"dari": DAY.isoformat(), "sampai": DAY.isoformat()})
    at.run()
    assert not at.exception
    expected = 4 if role == "supervisor" else 5
    assert any(c.value.startswith(f"{expected} absen berkoordinat") for c in at.caption)


def test_outside_count_on_the_grid_sums_the_flagged_cells(engine: Engine) -> None:
    _seed(engine)
    with db.read_session(engine) as s:
        cells = checkins.grid_cells(s, ADMIN, Filters(DAY, DAY), cell_deg=CELL)
        offices = checkins.offices(s)
    grid = checkins.MapView(MapMode.GRID, maps.classify_cells(cells, offices), offices, 5, 0)
    # the office cell (3) is inside, the WFH cell is WFH, the cell 600 m away (1) is flagged
    assert grid.outside == 1
