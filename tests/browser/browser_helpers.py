"""Helpers for the browser tests: waiting for Streamlit, logging in, finding map markers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from browser_assets import OfflineAssets
from browser_dataset import Dataset
from playwright.sync_api import Frame, Locator, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@dataclass
class AppServer:
    url: str
    data: Dataset
    photo_dir: Path
    log: Path


@dataclass
class Tab:
    """A page with what the browser reported: dialogs, script errors and outside requests."""

    page: Page
    assets: OfflineAssets
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Until Streamlit has finished the current script run."""
    page.wait_for_timeout(250)
    page.wait_for_selector(IDLE, timeout=timeout)


def login(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url)
    wait_idle(page)
    fill_login(page, username, password)


def fill_login(page: Page, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector("[data-testid='stSidebarNav']")
    wait_idle(page)


def expand_nav(page: Page) -> Locator:
    """The sidebar navigation with every link shown (Streamlit folds long lists)."""
    nav = page.locator("[data-testid='stSidebarNav']")
    more = nav.get_by_text(re.compile(r"^View \d+ more$"))
    if more.count():
        more.click()
    return nav


def open_page(page: Page, title: str) -> None:
    """Go to a page through the sidebar, as a person would (a reload would end the session)."""
    expand_nav(page)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()
    wait_idle(page)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def map_frame(page: Page, index: int = 0) -> Frame:
    """The Leaflet document inside the st_folium iframe, once the map has drawn."""
    locator = page.locator(MAP_FRAME).nth(index)
    locator.wait_for(state="visible")
    frame = locator.element_handle().content_frame()
    assert frame is not None, "peta tanpa dokumen"
    frame.wait_for_selector(".leaflet-container")
    frame.wait_for_selector(".leaflet-tile-loaded")
    frame.wait_for_function("() => window.map !== undefined")
    return frame


# Finds the small marker (circle marker, or marker in a cluster) drawn at a position and returns
# its centre in the iframe's viewport; null when no such marker is on the map.
_FIND_MARKER = """([lat, lon]) => {
    const map = window.map;
    let hit = null;
    map.eachLayer((layer) => {
        if (hit || !layer.getLatLng || layer instanceof L.Circle) return;
        const ll = layer.getLatLng();
        if (Math.abs(ll.lat - lat) < 1e-6 && Math.abs(ll.lng - lon) < 1e-6) {
            const p = map.latLngToContainerPoint(ll);
            const box = map.getContainer().getBoundingClientRect();
            hit = {x: box.left + p.x, y: box.top + p.y};
        }
    });
    return hit;
}"""


def marker_position(page: Page, lat: float, lon: float, index: int = 0) -> tuple[float, float]:
    """Where to click, in page coordinates, for the marker drawn at (lat, lon)."""
    frame = map_frame(page, index)
    point = frame.evaluate(_FIND_MARKER, [lat, lon])
    assert point is not None, f"tidak ada penanda di {lat}, {lon}"
    box = page.locator(MAP_FRAME).nth(index).bounding_box()
    assert box is not None, "peta tidak tampil"
    return box["x"] + point["x"], box["y"] + point["y"]
