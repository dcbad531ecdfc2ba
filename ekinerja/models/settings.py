"""Small key-value settings of the installation (demo flag, seed parameters, ...)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, Session, SQLModel

from ekinerja.timeutil import utc_now


class AppSetting(SQLModel, table=True):
    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=60)
    # Unbounded text: some values are JSON documents (the demo's planted ground truth).
    value: str = Field(sa_type=Text)
    updated_at: datetime = Field(default_factory=utc_now)


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
        row.updated_at = utc_now()
        session.add(row)
    session.flush()
