"""The committed .streamlit/config.toml keeps Streamlit's protections on and its exposure small,
and Streamlit itself reads those values."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit import config as st_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"

EXPECTED = {
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.enableStaticServing": False,
    "server.headless": True,
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": False,
    "runner.magicEnabled": False,
}
MAX_UPLOAD_MB = 64


def _flat() -> dict[str, object]:
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    return {
        f"{section}.{key}": value for section, body in data.items() for key, value in body.items()
    }


def test_config_file_is_committed_and_every_option_exists_in_streamlit() -> None:
    flat = _flat()
    unknown = [key for key in flat if key not in st_config._config_options_template]
    assert not unknown, f"options Streamlit does not know (typo?): {unknown}"


@pytest.mark.parametrize(("key", "value"), sorted(EXPECTED.items()))
def test_safe_value(key: str, value: object) -> None:
    assert _flat().get(key) == value


def test_upload_limit_is_small() -> None:
    size = _flat()["server.maxUploadSize"]
    assert isinstance(size, int) and 1 <= size <= MAX_UPLOAD_MB


def test_streamlit_reads_the_committed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the file the way Streamlit does at startup and check the resulting options."""
    monkeypatch.chdir(ROOT)
    # Put back exactly what other tests had (they may have set options for their own runs).
    saved = st_config._config_options
    try:
        options = st_config.get_config_options(force_reparse=True)
        for key, value in EXPECTED.items():
            assert options[key].value == value, key
        assert options["server.maxUploadSize"].value == _flat()["server.maxUploadSize"]
    finally:
        st_config._config_options = saved
