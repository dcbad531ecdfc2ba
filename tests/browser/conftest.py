"""Browser tests: the real dashboard in the machine's headless Chromium, driven by Playwright.

Needs `chromium` on the PATH (Debian package; no test tool downloads a browser of its own) and
the map assets from `npm ci --prefix tests/browser`. Locally a missing piece skips these tests
with the reason; with CI=true it fails them.

One Streamlit server per test session runs on a seeded temporary SQLite database (dataset.py)
with a temporary photo folder; every test gets its own browser context (its own Streamlit
session, so it logs in through the real form). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from browser_assets import NODE_MODULES, OfflineAssets  # noqa: E402

# IDLE and wait_idle are re-exported for tests that import them from here.
from browser_helpers import ARTIFACTS, IDLE, AppServer, Tab, wait_idle  # noqa: E402, F401

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 90


def chromium_path() -> str | None:
    configured = os.environ.get("EKINERJA_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing_requirements() -> list[str]:
    problems = []
    if chromium_path() is None:
        problems.append("chromium tidak ditemukan (apt-get install chromium)")
    if not (NODE_MODULES / "leaflet" / "dist" / "leaflet.js").is_file():
        problems.append("aset peta belum terpasang (npm ci --prefix tests/browser)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("paket playwright belum terpasang (requirements-dev.txt)")
    return problems


@pytest.fixture(scope="session")
def browser_ready() -> None:
    problems = missing_requirements()
    if problems:
        reason = "Uji peramban tidak bisa jalan: " + "; ".join(problems)
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return bool(resp.status == 200 and resp.read().strip() == b"ok")
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_server(
    browser_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    from browser_dataset import build

    import db

    tmp = tmp_path_factory.mktemp("browser")
    db_url = f"sqlite:///{tmp / 'dashboard.db'}"
    photo_dir = tmp / "photos"
    engine = db.get_engine(db_url)
    data = build(engine, photo_dir)
    engine.dispose()
    db.get_engine.cache_clear()

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "streamlit.log"
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "EKINERJA_PHOTO_DIR": str(photo_dir),
        "EKINERJA_MODE": "production",
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                # Source files do not change during a test run; watching them costs CPU and
                # would re-import models half-way if someone edits the tree meanwhile.
                "--server.fileWatcherType",
                "none",
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Streamlit tidak siap di {url}:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield AppServer(url, data, photo_dir, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # The server's log beside the screenshots: what went wrong on the server side.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "streamlit.log")


# Per module, not per session: a test module may start Playwright itself (for a browser with
# other flags), and Playwright's sync API allows only one running instance per thread.
@pytest.fixture(scope="module")
def browser(browser_ready: None) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def tab(browser: Browser, app_server: AppServer, request: pytest.FixtureRequest) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="id-ID")
    assets = OfflineAssets()
    assets.install(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    state = Tab(page, assets)

    def on_dialog(dialog: Dialog) -> None:
        state.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: state.errors.append(str(exc)))
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    yield state
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"gagal_{request.node.name}.png"), full_page=True)
        log = [
            f"url: {page.url}",
            *state.errors,
            *console,
            *(f"refused: {u}" for u in assets.refused),
        ]
        (ARTIFACTS / f"gagal_{request.node.name}.log").write_text("\n".join(log))
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
