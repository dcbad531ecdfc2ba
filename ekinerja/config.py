"""Settings read from the environment, with the defaults of the embedded (SQLite) installation."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def database_url() -> str:
    """`DATABASE_URL` chooses the database; default is a SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'ekinerja.db'}"


def photo_dir() -> Path:
    """Where selfie files live; stored paths in the database are relative to this folder."""
    return Path(os.environ.get("EKINERJA_PHOTO_DIR") or DATA_DIR / "photos")
