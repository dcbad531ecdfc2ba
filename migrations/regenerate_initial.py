"""Developer tool: rewrite migration 0001 from the models, as long as no release has shipped it.

    python migrations/regenerate_initial.py

Once a database in production has 0001, schema changes go into new revisions instead
(`alembic revision --autogenerate`), never into this file.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

import db  # noqa: E402

VERSIONS = ROOT / "migrations" / "versions"

for old in VERSIONS.glob("0001_*.py"):
    old.unlink()
with tempfile.TemporaryDirectory() as tmp:
    # Later hand-written revisions stand aside while 0001 is generated against an empty database.
    later = list(VERSIONS.glob("*.py"))
    for p in later:
        p.rename(Path(tmp) / p.name)
    try:
        engine = create_engine(f"sqlite:///{tmp}/empty.db")
        cfg = db.alembic_config(engine)
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
    finally:
        for p in later:
            (Path(tmp) / p.name).rename(p)
print("migrations/versions/0001_initial_schema.py ditulis ulang")
