"""The map, photo and profile pages in a real browser: clicks, hostile names, scope."""

from __future__ import annotations

import re

import pytest
from browser_dataset import HOSTILE_NAME, HOSTILE_SPOT, PASSWORD
from browser_helpers import (
    AppServer,
    Tab,
    login,
    map_frame,
    marker_position,
    open_page,
    screenshot,
    wait_idle,
)

pytestmark = pytest.mark.browser

PANEL = ".st-key-panel_absen"
# Counts the script runs Streamlit starts from now on (the app root flips to "running").
COUNT_RUNS = """() => {
    window.__ekRuns = 0;
    const app = document.querySelector("[data-testid='stApp']");
    new MutationObserver(() => {
        if (app.getAttribute("data-test-script-state") === "running") window.__ekRuns++;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def _peta_for_day(tab: Tab, server: AppServer, user: str = "admin.demo") -> None:
    login(tab.page, server.url, user, PASSWORD)
    open_page(tab.page, "Peta Absensi")
    map_frame(tab.page)


def test_click_on_marker_shows_details_panel_with_photo_and_profile_link(
    tab: Tab, app_server: AppServer
) -> None:
    page = tab.page
    _peta_for_day(tab, app_server)
    x, y = marker_position(page, *HOSTILE_SPOT)
    # Mark the map document, to see after the click that only the panel was redrawn and the
    # map kept its state (zoom, position) instead of being rebuilt.
    frame = map_frame(page)
    frame.evaluate("() => { window.__ekMark = 1; }")
    page.evaluate(COUNT_RUNS)
    # Panning and zooming must not rerun the page.
    frame.evaluate(
        "() => { window.map.setZoom(window.map.getZoom() + 1); window.map.panBy([40, 0]); }"
    )
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__ekRuns") == 0
    frame.evaluate(
        "() => { window.map.setZoom(window.map.getZoom() - 1); window.map.panBy([-40, 0]); }"
    )
    page.wait_for_timeout(800)
    x, y = marker_position(page, *HOSTILE_SPOT)
    page.mouse.click(x, y)
    panel = page.locator(PANEL)
    panel.get_by_text("Pegawai:").first.wait_for()
    wait_idle(page)
    text = panel.inner_text()
    assert "NIP: " + app_server.data.hostile_nip in text
    assert "Di luar geofence" in text
    assert "Jarak ke kantor terdekat" in text
    # Check-in (selfie) and check-out (QR) share the spot: both are listed, oldest first,
    # each with its own profile link; the selfie's photo is shown (admin may see photos).
    assert "Menampilkan 2 dari 2 absen di lokasi ini." in text
    assert text.index("Selfie · Masuk") < text.index("QR code · Pulang")
    assert panel.get_by_role("link", name="Buka profil pegawai").count() == 2
    assert panel.locator("[data-testid='stImage']").count() == 1
    assert "Absen ini tidak memiliki foto." in text
    assert map_frame(page).evaluate("() => window.__ekMark") == 1
    assert page.evaluate("() => window.__ekRuns") >= 1  # the click did rerun (the fragment)
    screenshot(page, "peta_klik_panel")


def test_hostile_name_stays_inert_in_tooltip_panel_and_page(
    tab: Tab, app_server: AppServer
) -> None:
    page = tab.page
    _peta_for_day(tab, app_server)
    x, y = marker_position(page, *HOSTILE_SPOT)
    page.mouse.move(x, y)  # the tooltip is written into the DOM on hover
    frame = map_frame(page)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert "<img src=x" in tooltip.inner_text()  # shown as text, not parsed as a tag
    assert frame.locator(".leaflet-tooltip img").count() == 0
    page.mouse.click(x, y)
    page.locator(PANEL).get_by_text("Pegawai:").first.wait_for()
    wait_idle(page)
    assert HOSTILE_NAME in page.locator(PANEL).inner_text()
    page.wait_for_timeout(500)
    assert tab.dialogs == []
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert frame.evaluate("() => typeof window.__pwned") == "undefined"
    assert not [e for e in tab.errors if "pwned" in e]
    # The three offices are drawn as geofence circles, every map file came from a local copy
    # (Streamlit's own icon font from Google is the only outside request left unanswered).
    circles = "() => { let n = 0; window.map.eachLayer(l => { if (l instanceof L.Circle) n++; }); return n; }"
    assert frame.evaluate(circles) == 3
    assert [u for u in tab.assets.refused if "fonts.gstatic.com" not in u] == []
    screenshot(page, "peta_hari_ini")


def test_photo_gallery_shows_purged_placeholder_and_pages_a_unit(
    tab: Tab, app_server: AppServer
) -> None:
    page = tab.page
    login(page, app_server.url, "auditor.demo", PASSWORD)
    open_page(page, "Riwayat Foto Absen")
    nip = page.get_by_label("NIP pegawai")
    nip.fill(app_server.data.photo_nip)
    nip.press("Enter")
    wait_idle(page)
    page.get_by_text(re.compile(r"Halaman 1 dari 1 · \d+ foto")).wait_for()
    page.locator("[data-testid='stImage']").first.wait_for()
    # One of this employee's files was purged by retention: a placeholder, not an error.
    assert page.get_by_text("Foto tidak tersedia (sudah dihapus sesuai masa retensi).").count() == 1
    screenshot(page, "foto_galeri")
    page.get_by_text("Satu unit").click()
    wait_idle(page)
    first = page.get_by_text(re.compile(r"Halaman 1 dari [2-9]")).inner_text()
    page.get_by_test_id("stNumberInputStepUp").click()
    wait_idle(page)
    page.get_by_text(re.compile(r"Halaman 2 dari [2-9]")).wait_for()
    assert (
        first.split("·")[1]
        == page.get_by_text(re.compile(r"Halaman 2 dari")).inner_text().split("·")[1]
    )


def test_supervisor_cannot_find_employee_of_another_unit(tab: Tab, app_server: AppServer) -> None:
    page = tab.page
    login(page, app_server.url, "atasan.demo", PASSWORD)
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_role("link", name="Pengguna").count() == 0
    open_page(page, "Profil Pegawai")
    search = page.get_by_label("Cari pegawai (NIP atau nama)", exact=True)
    search.fill(app_server.data.hostile_nip)
    search.press("Enter")
    wait_idle(page)
    page.get_by_text("Tidak ada pegawai yang cocok dalam cakupan Anda.").wait_for()
    # An employee of the supervisor's own unit opens, with the calendar and the small map.
    search.fill(app_server.data.other_unit_nip)
    search.press("Enter")
    wait_idle(page)
    page.get_by_label("Pilih pegawai").click()
    page.get_by_role("option", name=re.compile(app_server.data.other_unit_nip)).click()
    wait_idle(page)
    page.get_by_text(re.compile(r"Kehadiran \w+ \d{4}")).wait_for()
    map_frame(page)
    assert page.get_by_text("Foto absen terbaru").count() == 1
    screenshot(page, "profil_atasan")
