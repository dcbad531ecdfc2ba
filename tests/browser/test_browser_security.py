"""Security of the real server in a real browser: the first visitor after a (re)start cannot skip
the login gate, and the dashboard works under the Content-Security-Policy of the nginx example.

Each test starts its own fresh Streamlit server: the login-gate bypass this guards against only
exists before the process's first st.navigation call.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, IDLE, ROOT, _free_port, _healthy, wait_idle

pytestmark = pytest.mark.browser

PASSWORD = "sandi-uji-peramban-panjang"
NGINX_EXAMPLE = ROOT / "deploy" / "nginx-ekinerja.conf"
# Pages served through page.route count as public addresses to Chromium's local-network checks,
# which would then block the WebSocket to 127.0.0.1; a real proxy has no such problem.
ROUTED_ARGS = [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]


@pytest.fixture
def fresh_server(browser_ready: None, tmp_path: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'security.db'}",
        "EKINERJA_MODE": "production",
    }
    for name, role in (("admin.uji", "admin"), ("sdm.uji", "hr")):
        subprocess.run(
            [sys.executable, "-m", "ekinerja", "user", "add", name, "--role", role,
             "--password-stdin"],
            input=PASSWORD + "\n", text=True, env=env, cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "streamlit.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Streamlit tidak siap")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _launch(args: list[str]) -> object:
    from conftest import chromium_path
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    return pw, pw.chromium.launch(executable_path=chromium_path(), headless=True, args=args)


def _login(page: object, username: str) -> None:
    page.keyboard.press("Escape")  # type: ignore[attr-defined]  # Streamlit's "page not found" note
    page.get_by_label("Nama pengguna").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Kata sandi").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Masuk").click()  # type: ignore[attr-defined]
    page.wait_for_selector("[data-testid='stSidebarNav']")  # type: ignore[attr-defined]
    wait_idle(page)


def test_first_visitor_after_a_restart_cannot_open_a_page_without_logging_in(
    fresh_server: str,
) -> None:
    pw, browser = _launch(CHROMIUM_ARGS)
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        # The very first request of the process asks for the admin page directly.
        page.goto(f"{fresh_server}/pengguna")
        page.wait_for_selector(IDLE, timeout=60_000)
        wait_idle(page)
        assert page.get_by_label("Nama pengguna").count() == 1
        assert page.get_by_role("heading", name="Pengguna").count() == 0
        assert "admin.uji" not in page.content()
        # An HR account asking for it after logging in gets its own pages only.
        _login(page, "sdm.uji")
        nav = page.locator("[data-testid='stSidebarNav']")
        assert nav.get_by_role("link", name="Pengguna").count() == 0
        assert nav.get_by_role("link", name="Akun Saya").count() == 1
    finally:
        browser.close()  # type: ignore[attr-defined]
        pw.stop()  # type: ignore[attr-defined]


def _example_csp() -> str:
    match = re.search(r'Content-Security-Policy "([^"]+)"', NGINX_EXAMPLE.read_text())
    assert match, "deploy/nginx-ekinerja.conf has no Content-Security-Policy header"
    return match.group(1)


def test_example_csp_allows_exactly_streamlits_inline_script() -> None:
    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", index, re.S)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    csp = _example_csp()
    for digest in hashes:
        assert f"'sha256-{digest}'" in csp, (
            "Streamlit changed: update the hash in the nginx example"
        )
    assert "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp


def test_dashboard_works_under_the_example_csp(fresh_server: str) -> None:
    csp = _example_csp()
    pw, browser = _launch(ROUTED_ARGS)
    try:
        context = browser.new_context()  # type: ignore[attr-defined]

        def add_csp(route: object) -> None:
            response = route.fetch()  # type: ignore[attr-defined]
            headers = dict(response.headers)
            if "text/html" in headers.get("content-type", ""):
                headers["content-security-policy"] = csp
            route.fulfill(response=response, headers=headers)  # type: ignore[attr-defined]

        context.route(f"{fresh_server}/**", add_csp)
        page = context.new_page()
        violations: list[str] = []
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(fresh_server)
        page.wait_for_selector(IDLE, timeout=60_000)
        _login(page, "admin.uji")
        for title in ("Pengguna", "Akun Saya"):
            page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()
            wait_idle(page)
            page.get_by_role("heading", name=title).wait_for()
        assert violations == []
    finally:
        browser.close()  # type: ignore[attr-defined]
        pw.stop()  # type: ignore[attr-defined]
