"""The large-set layers (marker clusters, HeatMap) really draw in Chromium with the local assets.

The dashboard's small test dataset always uses single markers; these maps are built directly by
ekinerja.maps from synthetic points and opened as plain pages, which is also what catches a
CDN URL of a new folium version that tests/browser/package.json does not cover.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import pytest
from browser_assets import OfflineAssets
from browser_dataset import HOSTILE_NAME
from browser_helpers import ARTIFACTS
from playwright.sync_api import Browser, Page

from ekinerja import maps
from ekinerja.maps import MapMode

pytestmark = pytest.mark.browser

OFFICES = pd.DataFrame([{"name": "Balai Kota", "lat": -7.6244, "lon": 111.5206, "radius_m": 100.0}])


def _points(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "name": [f"Pegawai {i}" for i in range(n)],
            "ts": datetime(2026, 11, 2, 0, 30, tzinfo=UTC),
            "channel": "selfie",
            "direction": "in",
            "lat": -7.63 + rng.normal(0, 0.01, n),
            "lon": 111.523 + rng.normal(0, 0.01, n),
        }
    )
    frame.loc[0, "name"] = HOSTILE_NAME
    return frame


@pytest.fixture
def plain_page(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, list[str], OfflineAssets]]:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    assets = OfflineAssets()
    assets.install(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append(f"dialog {d.message}"), d.dismiss()))
    yield page, errors, assets
    context.close()


def _open(page: Page, m: folium.Map, path: Path) -> None:
    path.write_text(m.get_root().render())
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-tile-loaded")


def test_cluster_layer_draws_clusters_and_warns_in_orange(
    plain_page: tuple[Page, list[str], OfflineAssets], tmp_path: Path
) -> None:
    page, errors, assets = plain_page
    rows, _ = maps.classify_points(_points(maps.MARKER_LIMIT + 500), OFFICES)
    _open(page, maps.build_map(rows, OFFICES, MapMode.KLASTER), tmp_path / "klaster.html")
    page.wait_for_selector(".marker-cluster")
    assert page.locator(".marker-cluster-large").count() >= 1
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert errors == [] and assets.refused == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lapisan_klaster.png"))


def test_grid_layer_draws_heat_and_flagged_cells(
    plain_page: tuple[Page, list[str], OfflineAssets], tmp_path: Path
) -> None:
    page, errors, assets = plain_page
    points = _points(4000)
    cells = (
        points.assign(
            cy=(points["lat"] / maps.GRID_CELL_DEG).round().astype(int),
            cx=(points["lon"] / maps.GRID_CELL_DEG).round().astype(int),
            wfh=0,
        )
        .groupby(["cy", "cx", "wfh"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
    )
    cells["lat"], cells["lon"] = cells["cy"] * maps.GRID_CELL_DEG, cells["cx"] * maps.GRID_CELL_DEG
    rows = maps.classify_cells(cells, OFFICES)
    _open(page, maps.build_map(rows, OFFICES, MapMode.GRID), tmp_path / "grid.html")
    page.wait_for_selector("canvas.leaflet-heatmap-layer")
    assert errors == [] and assets.refused == []
    page.screenshot(path=str(ARTIFACTS / "lapisan_grid.png"))


def test_a_point_in_an_opened_cluster_answers_a_real_click(
    plain_page: tuple[Page, list[str], OfflineAssets], tmp_path: Path
) -> None:
    # st_folium listens to clicks on the map's layers, the cluster group among them: a point
    # drawn once its cluster opens must report its own position to that listener.
    page, errors, _ = plain_page
    rows, _ = maps.classify_points(_points(maps.MARKER_LIMIT + 500), OFFICES)
    _open(page, maps.build_map(rows, OFFICES, MapMode.KLASTER), tmp_path / "klaster.html")
    page.wait_for_selector(".marker-cluster")
    target = page.evaluate(
        """() => {
            const name = (p) => Object.keys(window).find((k) => k.startsWith(p));
            const map = window[name("map_")], group = window[name("cluster_layer_")];
            window.__clicked = [];
            group.on("click", (e) => window.__clicked.push([e.layer.getLatLng().lat, e.layer.getLatLng().lng]));
            const point = group.getLayers()[123].getLatLng();
            map.setView(point, 19, {animate: false});
            return [point.lat, point.lng];
        }"""
    )
    page.wait_for_timeout(500)
    box = page.locator(".leaflet-container").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    clicked = page.evaluate("() => window.__clicked")
    assert clicked and clicked[0] == pytest.approx(target, abs=1e-7)
    assert page.locator(".marker-cluster").count() == 0  # opened: points, not clusters
    assert errors == []
