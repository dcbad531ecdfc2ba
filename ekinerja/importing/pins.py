"""The fingerprint PIN mapping (editable by admins), registered machines, and the import history."""

from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import delete, select
from sqlmodel import Session, col

from ekinerja import audit
from ekinerja.access import Viewer, require
from ekinerja.models import Employee, FingerprintDevice, FingerprintPin, ImportBatch, Office
from ekinerja.texts import importing as T
from ekinerja.validation import ValidationError, normalize_nip

PIN_RE = re.compile(r"[A-Za-z0-9]{1,20}")
STALE = "Pemetaan PIN diubah oleh admin lain sejak halaman dimuat; muat ulang lalu ulangi."


def pin_table(session: Session, viewer: Viewer) -> pd.DataFrame:
    """pin, nip, name of every mapping, ordered by PIN (a stable order for the data editor)."""
    require(viewer, "import.run")
    rows = session.execute(
        select(col(FingerprintPin.pin), col(Employee.nip), col(Employee.name))
        .join(Employee, col(Employee.id) == col(FingerprintPin.employee_id))
        .order_by(col(FingerprintPin.pin))
    ).all()
    return pd.DataFrame(rows, columns=["pin", "nip", "name"])


def _clean(frame: pd.DataFrame) -> dict[str, str]:
    """pin -> nip from an edited table; blank rows are dropped, bad ones refused."""
    out: dict[str, str] = {}
    for pin_raw, nip_raw in zip(frame["pin"], frame["nip"], strict=True):
        pin = "" if pd.isna(pin_raw) else str(pin_raw).strip()
        nip = "" if pd.isna(nip_raw) else str(nip_raw).strip()
        if not pin and not nip:
            continue
        if not PIN_RE.fullmatch(pin):
            raise ValidationError(T.PIN_BAD.format(pin=pin[:30]))
        if pin in out:
            raise ValidationError(T.PIN_DUPLICATE.format(pin=pin))
        out[pin] = normalize_nip(nip)
    return out


def apply_pin_changes(
    session: Session, viewer: Viewer, original: pd.DataFrame, edited: pd.DataFrame
) -> tuple[int, int, int]:
    """Apply what changed between the table as loaded and as edited; returns (added, changed,
    removed). Refused as a whole when a touched PIN was changed meanwhile by someone else."""
    require(viewer, "import.run")
    before = _clean(original)
    after = _clean(edited)
    added = {p: n for p, n in after.items() if p not in before}
    changed = {p: n for p, n in after.items() if p in before and before[p] != n}
    removed = [p for p in before if p not in after]
    touched = [*added, *changed, *removed]
    if not touched:
        return 0, 0, 0
    stored: dict[str, str] = dict(
        session.execute(
            select(col(FingerprintPin.pin), col(Employee.nip))
            .join(Employee, col(Employee.id) == col(FingerprintPin.employee_id))
            .where(col(FingerprintPin.pin).in_(touched))
        ).all()
    )
    if any(stored.get(p) != before.get(p) for p in touched):
        raise ValidationError(STALE)
    nips = sorted(set(added.values()) | set(changed.values()))
    ids: dict[str, int] = dict(
        session.execute(
            select(col(Employee.nip), col(Employee.id)).where(
                col(Employee.nip).in_(nips), col(Employee.status) != "dihapus"
            )
        ).all()
    )
    for pin, nip in {**added, **changed}.items():
        if nip not in ids:
            raise ValidationError(T.PIN_NIP_UNKNOWN.format(pin=pin, nip=nip))
    if removed or changed:
        session.execute(
            delete(FingerprintPin).where(col(FingerprintPin.pin).in_([*removed, *changed]))
        )
    for pin, nip in {**changed, **added}.items():
        session.add(FingerprintPin(pin=pin, employee_id=ids[nip]))
    session.flush()
    audit.record(
        session,
        viewer.actor,
        "fingerprint_pin.ubah",
        "fingerprint_pin",
        after={
            "added": {p: ids[n] for p, n in added.items()},
            "changed": {p: ids[n] for p, n in changed.items()},
            "removed": removed,
        },
    )
    return len(added), len(changed), len(removed)


def fingerprint_devices(session: Session, viewer: Viewer) -> pd.DataFrame:
    require(viewer, "import.run")
    rows = session.execute(
        select(col(FingerprintDevice.serial), col(FingerprintDevice.name), col(Office.name))
        .join(Office, col(Office.id) == col(FingerprintDevice.office_id))
        .order_by(col(FingerprintDevice.serial))
    ).all()
    return pd.DataFrame(rows, columns=["serial", "name", "office"])


def import_history(session: Session, viewer: Viewer, limit: int = 200) -> pd.DataFrame:
    """The latest import batches, newest first."""
    require(viewer, "import.run")
    rows = session.execute(
        select(
            col(ImportBatch.id),
            col(ImportBatch.created_at),
            col(ImportBatch.kind),
            col(ImportBatch.file_name),
            col(ImportBatch.actor),
            col(ImportBatch.rows_total),
            col(ImportBatch.inserted),
            col(ImportBatch.duplicates),
            col(ImportBatch.rejected),
            col(ImportBatch.sha256),
        )
        .order_by(col(ImportBatch.id).desc())
        .limit(limit)
    ).all()
    return pd.DataFrame(
        rows,
        columns=["id", "created_at", "kind", "file_name", "actor", "rows_total", "inserted",
                 "duplicates", "rejected", "sha256"],
    )  # fmt: skip
