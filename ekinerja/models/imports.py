"""Import batches: one row per imported file, for idempotence and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    # app_punch | app_activity | app_review | zkteco_usb | zkteco_adms | demo
    kind: str = Field(max_length=20)
    file_name: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    actor: str = Field(max_length=100)
    rows_total: int = 0
    inserted: int = 0
    duplicates: int = 0
    rejected: int = 0
    created_at: datetime = Field(default_factory=utc_now)
