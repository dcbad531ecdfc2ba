"""Reference data an import checks against, read with a few set-based queries (never per row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Table, select
from sqlmodel import Session, col

from ekinerja.models import (
    BehaviourReview,
    Employee,
    FingerprintDevice,
    FingerprintPin,
    Office,
    QrCode,
)

# Well below SQLite's limit of bound parameters per statement, and quick on PostgreSQL.
CHUNK = 5000


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def employees(session: Session) -> pd.DataFrame:
    """nip -> employee_id, status, unit_id for every employee (a few thousand rows)."""
    rows = session.execute(
        select(col(Employee.nip), col(Employee.id), col(Employee.status), col(Employee.unit_id))
    ).all()
    frame = pd.DataFrame(rows, columns=["nip", "employee_id", "status", "unit_id"])
    return frame.set_index("nip")


def qr_codes(session: Session) -> pd.DataFrame:
    rows = session.execute(
        select(col(QrCode.code), col(QrCode.id), col(QrCode.lat), col(QrCode.lon))
    ).all()
    return pd.DataFrame(rows, columns=["code", "qr_code_id", "qr_lat", "qr_lon"]).set_index("code")


def pins(session: Session) -> dict[str, int]:
    rows = session.execute(select(col(FingerprintPin.pin), col(FingerprintPin.employee_id))).all()
    return {str(pin): int(employee_id) for pin, employee_id in rows}


def fingerprint_device(session: Session, serial: str) -> tuple[int, float, float] | None:
    """(device id, office lat, office lon) of a registered machine."""
    row = session.execute(
        select(col(FingerprintDevice.id), col(Office.lat), col(Office.lon))
        .join(Office, col(Office.id) == col(FingerprintDevice.office_id))
        .where(col(FingerprintDevice.serial) == serial)
    ).first()
    return None if row is None else (int(row[0]), float(row[1]), float(row[2]))


def existing_by_key(
    session: Session, table: Table, keys: Sequence[str], columns: Sequence[str]
) -> pd.DataFrame:
    """Stored rows (soft-deleted ones too) whose source_key is among `keys`."""
    wanted = [table.c.source_key, *(table.c[name] for name in columns)]
    parts = []
    for part in chunks(list(keys)):
        rows = session.execute(select(*wanted).where(table.c.source_key.in_(part))).all()
        if rows:
            parts.append(pd.DataFrame(rows, columns=["source_key", *columns]))
    if not parts:
        return pd.DataFrame(columns=["source_key", *columns])
    return pd.concat(parts, ignore_index=True)


def existing_reviews(session: Session, periods: Iterable[date]) -> pd.DataFrame:
    """(period, reviewer, reviewee, key) of stored reviews in these periods, deleted ones too.

    The unique constraint covers soft-deleted rows as well, so they count as taken.
    """
    wanted = sorted(set(periods))
    if not wanted:
        return pd.DataFrame(columns=["period", "reviewer_id", "reviewee_id", "source_key"])
    rows = session.execute(
        select(
            col(BehaviourReview.period),
            col(BehaviourReview.reviewer_id),
            col(BehaviourReview.reviewee_id),
            col(BehaviourReview.source_key),
        ).where(col(BehaviourReview.period).in_(wanted))
    ).all()
    return pd.DataFrame(rows, columns=["period", "reviewer_id", "reviewee_id", "source_key"])
