"""The map module without a database: escaping, coordinates, layer choice, classification, clicks."""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime

import hostile
import pandas as pd
import pytest

from ekinerja import maps
from ekinerja.maps import MapMode

# The shared hostile inputs (tests/hostile.py) and more ways out of a template literal.
HOSTILE = [
    *hostile.RENDERING,
    *hostile.FORMULAS,
    *hostile.ODD,
    *hostile.TEMPLATES,
    "\"'><svg onload=alert(3)>",
    "${`\\`}",
    "line\nbreak",
]
DANGEROUS = ["<", ">", '"', "'", "$", "`", "\\"]
OFFICE = {"name": "Balai Kota", "lat": -7.6244, "lon": 111.5206, "radius_m": 100.0}
# One thousandth of a degree of latitude in metres (independent of the code under test).
M_PER_MILLIDEG = 0.001 * math.pi / 180 * 6_371_008.8


def test_escape_js_html_of_a_megabyte_comment_is_still_only_an_encoding() -> None:
    escaped = maps.escape_js_html(hostile.HUGE + "${`\\")
    assert escaped.endswith("&#36;{&#96;&#92;") and html.unescape(escaped) == hostile.HUGE + "${`\\"


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_js_html_leaves_no_character_that_breaks_out(text: str) -> None:
    escaped = maps.escape_js_html(text)
    assert not [c for c in DANGEROUS if c in escaped]
    # Only an encoding: the browser shows exactly the original text.
    assert html.unescape(escaped) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${x}", "&#36;{x}"),
        ("a`b", "a&#96;b"),
        ("C:\\x", "C:&#92;x"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("\"'", "&quot;&#x27;"),
        (None, ""),
        (12, "12"),
    ],
)
def test_escape_js_html_table(text: object, expected: str) -> None:
    assert maps.escape_js_html(text) == expected


@pytest.mark.parametrize(
    ("lat", "lon", "ok"),
    [
        (-7.6, 111.5, True),
        (90, 180, True),
        (-90, -180, True),
        (91, 0, False),
        (0, 181, False),
        (float("nan"), 111.5, False),
        (-7.6, float("inf"), False),
        (0, 0, False),
        (None, 111.5, False),
        ("x", 1, False),
    ],
)
def test_valid_coordinates_finite_in_range_not_null_island(
    lat: object, lon: object, ok: bool
) -> None:
    assert maps.valid_coordinates(lat, lon) is ok


@pytest.mark.parametrize(
    ("n", "mode"),
    [
        (0, MapMode.TITIK),
        (maps.MARKER_LIMIT, MapMode.TITIK),
        (maps.MARKER_LIMIT + 1, MapMode.KLASTER),
        (maps.CLUSTER_LIMIT, MapMode.KLASTER),
        (maps.CLUSTER_LIMIT + 1, MapMode.GRID),
        (2_600_000, MapMode.GRID),
    ],
)
def test_layer_is_chosen_by_size(n: int, mode: MapMode) -> None:
    assert maps.choose_mode(n) is mode


def _points(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {
        "punch_id": 0, "employee_id": 1, "nip": "198501012010011001", "name": "Budi",
        "unit_id": 1, "unit_name": "Diskominfo", "channel": "selfie", "direction": "in",
        "ts": datetime(2026, 11, 2, 0, 31, tzinfo=UTC), "lat": OFFICE["lat"],
        "lon": OFFICE["lon"], "has_photo": False, "mock_location": False,
        "home_lat": None, "home_lon": None,
    }  # fmt: skip
    frame = pd.DataFrame([{**base, "punch_id": i + 1, **r} for i, r in enumerate(rows)])
    for name in ("lat", "lon", "home_lat", "home_lon"):
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    return frame


OFFICES = pd.DataFrame([OFFICE])


def test_classification_against_geofence_and_registered_home() -> None:
    north = OFFICE["lat"] + 0.002  # about 222 m north: outside a 100 m fence
    home = (OFFICE["lat"] + 0.02, OFFICE["lon"])
    points = _points(
        [
            {},  # at the office
            {"lat": north},
            {"channel": "wfh", "lat": home[0] + 0.001, "home_lat": home[0], "home_lon": home[1]},
            {"channel": "wfh", "lat": home[0] + 0.01, "home_lat": home[0], "home_lon": home[1]},
            {"channel": "wfh", "lat": home[0]},  # no registered home: cannot judge, not flagged
            {"lat": float("nan")},
            {"lat": 0.0, "lon": 0.0},
            {"lat": 91.0},
            {"lon": float("inf")},
        ]
    )
    out, skipped = maps.classify_points(points, OFFICES)
    assert skipped == 4
    assert out["category"].tolist() == ["dalam", "luar", "wfh", "luar", "wfh"]
    assert out["dist_office_m"].iloc[0] == pytest.approx(0.0, abs=0.01)
    assert out["dist_office_m"].iloc[1] == pytest.approx(2 * M_PER_MILLIDEG, rel=1e-6)
    assert out["outside_m"].iloc[1] == pytest.approx(2 * M_PER_MILLIDEG - 100, rel=1e-6)
    assert out["nearest_office"].iloc[1] == "Balai Kota"


def test_point_on_the_fence_border_is_inside() -> None:
    # 100 m north of the centre, computed independently: 100 m / metres per degree.
    lat = OFFICE["lat"] + 100 / (M_PER_MILLIDEG * 1000) - 1e-9
    out, _ = maps.classify_points(_points([{"lat": lat}]), OFFICES)
    assert out["category"].tolist() == ["dalam"]


def test_without_offices_every_point_is_outside() -> None:
    out, _ = maps.classify_points(_points([{}]), OFFICES.iloc[0:0])
    assert out["category"].tolist() == ["luar"]
    assert math.isinf(out["dist_office_m"].iloc[0])


def test_grid_cell_touching_a_fence_is_not_flagged() -> None:
    cell = maps.GRID_CELL_DEG
    cells = pd.DataFrame(
        {
            # centre 130 m north: the fence (100 m) plus half a cell diagonal (39 m) reaches it
            "lat": [OFFICE["lat"] + 0.00117, OFFICE["lat"] + 0.01, OFFICE["lat"] + 0.01],
            "lon": [OFFICE["lon"]] * 3,
            "wfh": [0, 0, 1],
            "n": [3, 1, 2],
        }
    )
    out = maps.classify_cells(cells, OFFICES, cell)
    assert out["category"].tolist() == ["dalam", "luar", "wfh"]


def _html(rows: pd.DataFrame, mode: MapMode, offices: pd.DataFrame = OFFICES) -> str:
    return str(maps.build_map(rows, offices, mode).get_root().render())


@pytest.mark.parametrize("mode", [MapMode.TITIK, MapMode.KLASTER])
def test_hostile_names_render_inert_in_the_map_html(mode: MapMode) -> None:
    points = _points(
        [{"name": text, "lat": OFFICE["lat"] + i * 0.001} for i, text in enumerate(HOSTILE)]
    )
    offices = pd.DataFrame([{**OFFICE, "name": "Kantor ${alert(9)}`\\</script><b>"}])
    rows, _ = maps.classify_points(points, offices)
    page = _html(rows, mode, offices)
    for raw in ["<img src=x", "${alert", "`);alert", "</script><script>alert", "<svg onload",
                "C:\\users", "${`", "<b>"]:  # fmt: skip
        assert raw not in page, raw
    # The escaped labels are there (inside JSON, `&` is written \u0026): shown as text.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    assert "Kantor \\u0026#36;{alert(9)}\\u0026#96;\\u0026#92;\\u0026lt;/script\\u0026gt;" in page


@pytest.mark.parametrize("mode", [MapMode.TITIK, MapMode.KLASTER])
def test_template_syntax_in_names_stays_text(mode: MapMode) -> None:
    # A name is data: it is never compiled as a template, so nothing in it is evaluated and an
    # unfinished "{%" does not stop the map.
    points = _points(
        [
            {"name": text, "lat": OFFICE["lat"] + i * 0.001}
            for i, text in enumerate(hostile.TEMPLATES)
        ]
    )
    offices = pd.DataFrame([{**OFFICE, "name": "Kantor {{ 1111 * 2 }}"}])
    rows, _ = maps.classify_points(points, offices)
    page = _html(rows, mode, offices)
    for text in (*hostile.TEMPLATES, "Kantor {{ 1111 * 2 }}"):
        assert text in page, text
    assert "23331" not in page and "2222" not in page and "iii" not in page
    assert "__globals__ }}" in page and "<function" not in page


def test_each_mode_draws_its_own_layer() -> None:
    rows, _ = maps.classify_points(_points([{}, {"lat": -7.63}]), OFFICES)
    titik = _html(rows, MapMode.TITIK)
    assert "L.circleMarker" in titik and "markerClusterGroup" not in titik
    klaster = _html(rows, MapMode.KLASTER)
    assert "L.markerClusterGroup" in klaster and "L.heatLayer" not in klaster
    cells = maps.classify_cells(
        pd.DataFrame(
            {"lat": [-7.6245, -7.7], "lon": [111.5205, 111.6], "wfh": [0, 0], "n": [40, 2]}
        ),
        OFFICES,
    )
    grid = _html(cells, MapMode.GRID)
    assert "L.heatLayer" in grid and "L.circleMarker" in grid
    # Only the flagged cell gets a clickable circle; its tooltip says how many check-ins.
    assert "2 absen" in grid and "40 absen" not in grid
    # Every geofence is drawn as a circle with its radius in metres.
    assert all("[[-7.6244,111.5206,100.0," in h for h in (titik, klaster, grid))


def test_invalid_coordinates_never_reach_the_map_script() -> None:
    rows, skipped = maps.classify_points(_points([{"lat": float("nan")}, {}]), OFFICES)
    page = _html(rows, MapMode.TITIK)
    assert skipped == 1 and "NaN" not in page


def test_click_lookup_matches_the_marker_and_every_point_on_the_same_spot() -> None:
    rows, _ = maps.classify_points(
        _points(
            [
                {"lat": -7.62, "ts": datetime(2026, 11, 2, 9, 0, tzinfo=UTC)},
                {"lat": -7.62, "ts": datetime(2026, 11, 2, 1, 0, tzinfo=UTC), "name": "Sari"},
                {"lat": -7.63},
            ]
        ),
        OFFICES,
    )
    hit = maps.find_clicked(rows, -7.62, OFFICE["lon"])
    assert hit["name"].tolist() == ["Sari", "Budi"]  # both, oldest first
    assert maps.find_clicked(rows, -7.63, OFFICE["lon"])["punch_id"].tolist() == [3]
    # 11 m away (a click on the background or a geofence): nothing
    assert maps.find_clicked(rows, -7.6201, OFFICE["lon"]).empty
    assert maps.find_clicked(rows, float("nan"), 1.0).empty
    assert maps.find_clicked(rows.iloc[0:0], -7.62, OFFICE["lon"]).empty


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, None),
        ({}, None),
        ({"last_object_clicked": None}, None),
        ({"last_object_clicked": {"lat": 91, "lng": 1}}, None),
        ({"last_object_clicked": {"lat": "x", "lng": 1}}, None),
        ({"last_object_clicked": {"lat": -7.62, "lng": 111.52}}, (-7.62, 111.52)),
    ],
)
def test_clicked_position_from_the_component_value(state: object, expected: object) -> None:
    assert maps.clicked_position(state) == expected


def test_cell_index_is_the_rounded_multiple_of_the_cell_size() -> None:
    # -7.6244 / 0.0005 = -15248.8 -> -15249; 111.5206 / 0.0005 = 223041.2 -> 223041
    assert maps.cell_index(-7.6244, 111.5206, 0.0005) == (-15249, 223041)
    # a cell centre as drawn comes back to its own cell
    assert maps.cell_index(-15249 * 0.0005, 223041 * 0.0005, 0.0005) == (-15249, 223041)
