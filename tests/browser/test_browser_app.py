"""The dashboard as a whole in a real browser: login form, navigation per role, filter round trip."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_dataset import PASSWORD
from browser_helpers import (
    AppServer,
    Tab,
    expand_nav,
    fill_login,
    login,
    map_frame,
    open_page,
    wait_idle,
)

pytestmark = pytest.mark.browser


def test_login_form_refuses_wrong_password_then_admits(tab: Tab, app_server: AppServer) -> None:
    page = tab.page
    page.goto(app_server.url)
    wait_idle(page)
    page.get_by_label("Nama pengguna").fill("admin.demo")
    page.get_by_label("Kata sandi").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk").click()
    wait_idle(page)
    page.get_by_text("Nama pengguna atau kata sandi salah").wait_for()
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    fill_login(page, "admin.demo", PASSWORD)
    page.get_by_text("admin.demo · Admin").wait_for()


@pytest.mark.parametrize(
    ("username", "visible", "hidden"),
    [
        ("admin.demo", ["Peta Absensi", "Riwayat Foto Absen", "Profil Pegawai", "Pengguna"], []),
        ("hr.demo", ["Peta Absensi", "Profil Pegawai"], ["Riwayat Foto Absen", "Pengguna"]),
        ("atasan.demo", ["Peta Absensi", "Riwayat Foto Absen"], ["Pengguna", "Audit"]),
    ],
)
def test_navigation_lists_exactly_the_pages_of_the_role(
    tab: Tab, app_server: AppServer, username: str, visible: list[str], hidden: list[str]
) -> None:
    page = tab.page
    login(page, app_server.url, username, PASSWORD)
    nav = expand_nav(page)
    for title in visible:
        assert nav.get_by_role("link", name=title).count() == 1, title
    for title in hidden:
        assert nav.get_by_role("link", name=title).count() == 0, title
    open_page(page, "Profil Pegawai")
    page.get_by_role("heading", name="Profil Pegawai").wait_for()


def test_a_forbidden_address_answers_in_indonesian_after_login(
    tab: Tab, app_server: AppServer
) -> None:
    page = tab.page
    page.goto(f"{app_server.url}/pengguna")
    wait_idle(page)
    fill_login(page, "atasan.demo", PASSWORD)
    page.get_by_role("heading", name="Halaman tidak tersedia").wait_for()
    page.get_by_text("Peran Anda (Atasan) tidak berwenang membuka halaman ini.").wait_for()
    # Neither Streamlit's English notice nor the page itself (its user list).
    assert page.get_by_text(re.compile("not found", re.IGNORECASE)).count() == 0
    assert page.get_by_role("heading", name="Pengguna").count() == 0
    assert "admin.demo" not in page.locator("[data-testid='stMain']").inner_text()


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def test_filter_bar_round_trip_through_the_url(tab: Tab, app_server: AppServer) -> None:
    page = tab.page
    login(page, app_server.url, "admin.demo", PASSWORD)
    open_page(page, "Peta Absensi")
    map_frame(page)
    page.get_by_label("Unit kerja").click()
    page.get_by_role("option", name="Dinas Kesehatan").click()
    wait_idle(page)
    search = page.get_by_label("Cari pegawai (nama atau NIP)", exact=True)
    search.fill("Dinkes 7")
    search.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Selfie").click()
    wait_idle(page)
    summary = page.get_by_text(re.compile(r"absen berkoordinat")).inner_text()
    params = _query(page.url)
    assert params["unit"] and params["cari"] == "Dinkes 7" and params["kanal"] == "selfie"
    assert {"dari", "sampai"} <= set(params)

    # A reload starts a new browser session: log in again and land on the same view.
    page.goto(page.url)
    wait_idle(page)
    page.keyboard.press("Escape")  # a "page not found" notice before login, if any
    fill_login(page, "admin.demo", PASSWORD)
    assert urlsplit(page.url).path.rstrip("/").endswith("peta"), (
        "setelah masuk ulang halaman yang dibuka hilang dari alamat: halaman login harus "
        "menjawab di url_path setiap halaman (dashboard.py)"
    )
    assert _query(page.url) == params
    map_frame(page)
    unit_box = page.locator("[data-testid='stSelectbox']").filter(has_text="Unit kerja")
    assert unit_box.locator("input").input_value() == "Dinas Kesehatan"
    assert page.get_by_role("button", name="Selfie").get_attribute("kind") == "pillsActive" or (
        page.get_by_role("button", name="Selfie").get_attribute("aria-pressed") == "true"
    )
    assert page.get_by_label("Cari pegawai (nama atau NIP)", exact=True).input_value() == "Dinkes 7"
    assert page.get_by_text(re.compile(r"absen berkoordinat")).inner_text() == summary
