"""Selfie photos of check-ins: the paged gallery and reading one file safely.

Photos are biometric data: every function here requires the action "photo.view" and the
viewer's unit scope. Files live under `config.photo_dir()`; the database stores paths relative
to it. A stored path is never trusted: absolute paths, `..`, drive letters, NUL and anything that
resolves (through symlinks too) outside the folder are refused. A file that was purged by the
retention job is simply missing and shows as a placeholder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from ekinerja.access import PermissionDenied, Viewer, require, require_unit
from ekinerja.config import photo_dir
from ekinerja.models import Employee, Punch, Unit
from ekinerja.validation import ValidationError

PAGE_SIZE = 12
MAX_PAGE_SIZE = 60
# Selfies are small JPEGs after import; anything larger is not shown.
MAX_PHOTO_BYTES = 8 * 1024 * 1024
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

GALLERY_COLUMNS = [
    "punch_id", "employee_id", "nip", "name", "unit_name", "ts",
    "channel", "direction", "lat", "lon", "photo_path",
]  # fmt: skip

BAD_PATH = "Lokasi berkas foto tidak sah."


def safe_photo_path(relative: str, base: Path | None = None) -> Path:
    """The absolute path of a stored photo path, or ValidationError when it leaves the folder."""
    base = (base or photo_dir()).resolve()
    if not relative or "\x00" in relative or len(relative) > 300:
        raise ValidationError(BAD_PATH)
    posix = PurePosixPath(relative.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(relative).drive or ".." in posix.parts:
        raise ValidationError(BAD_PATH)
    full = (base / posix).resolve()
    if not full.is_relative_to(base):
        raise ValidationError(BAD_PATH)
    return full


@dataclass(frozen=True)
class Photo:
    """What to show for one check-in photo: the bytes, or why there are none."""

    data: bytes | None
    status: str  # "ok" | "missing" | "invalid"


def read_photo(relative: str, base: Path | None = None) -> Photo:
    """Read a stored photo (path checked); missing files and non-JPEG/PNG content are not errors."""
    path = safe_photo_path(relative, base)
    try:
        if not path.is_file():
            return Photo(None, "missing")
        if path.stat().st_size > MAX_PHOTO_BYTES:
            return Photo(None, "invalid")
        data = path.read_bytes()
    except OSError:
        return Photo(None, "missing")
    if not (data.startswith(JPEG_MAGIC) or data.startswith(PNG_MAGIC)):
        return Photo(None, "invalid")
    return Photo(data, "ok")


def punch_photo(session: Session, viewer: Viewer, punch_id: int, base: Path | None = None) -> Photo:
    """The photo of one check-in, for a viewer allowed to see photos of that employee's unit."""
    require(viewer, "photo.view")
    row = session.execute(
        select(col(Punch.photo_path), col(Employee.unit_id))
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
        .where(
            col(Punch.id) == punch_id,
            col(Punch.deleted_at).is_(None),
            col(Employee.status) != "dihapus",
        )
    ).first()
    if row is None:
        return Photo(None, "missing")
    require_unit(viewer, row.unit_id)
    if not row.photo_path:
        return Photo(None, "none")
    return read_photo(row.photo_path, base)


@dataclass(frozen=True)
class GalleryPage:
    rows: pd.DataFrame
    total: int
    page: int
    pages: int


def gallery(
    session: Session,
    viewer: Viewer,
    *,
    employee_id: int | None = None,
    unit_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> GalleryPage:
    """One page of photos of one employee or one unit, newest first.

    Exactly one of employee_id / unit_id. An employee or unit outside the viewer's scope is
    refused (PermissionDenied), not silently emptied, so the screen can say why.
    """
    require(viewer, "photo.view")
    if (employee_id is None) == (unit_id is None):
        raise ValidationError("Pilih satu pegawai atau satu unit.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError(f"Ukuran halaman harus 1 sampai {MAX_PAGE_SIZE}.")
    conds = [
        col(Punch.photo_path).is_not(None),
        col(Punch.deleted_at).is_(None),
        col(Employee.status) != "dihapus",
        viewer.scope.clause(col(Employee.unit_id)),
    ]
    if employee_id is not None:
        owner = session.get(Employee, employee_id)
        if owner is None or owner.status == "dihapus" or not viewer.scope.allows(owner.unit_id):
            raise PermissionDenied("Pegawai tidak ditemukan atau berada di luar cakupan akun Anda.")
        conds.append(col(Punch.employee_id) == employee_id)
    else:
        require_unit(viewer, unit_id)
        conds.append(col(Employee.unit_id) == unit_id)
    if start is not None:
        conds.append(col(Punch.work_date) >= start)
    if end is not None:
        conds.append(col(Punch.work_date) <= end)
    joined = (
        select(func.count())
        .select_from(Punch)
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
    )
    total = int(session.execute(joined.where(*conds)).scalar_one())
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, int(page)), pages)
    stmt = (
        select(
            col(Punch.id),
            col(Punch.employee_id),
            col(Employee.nip),
            col(Employee.name),
            col(Unit.name),
            col(Punch.ts),
            col(Punch.channel),
            col(Punch.direction),
            col(Punch.lat),
            col(Punch.lon),
            col(Punch.photo_path),
        )  # fmt: skip
        .select_from(Punch)
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(*conds)
        .order_by(col(Punch.ts).desc(), col(Punch.id).desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = pd.DataFrame(session.execute(stmt).all(), columns=GALLERY_COLUMNS)
    rows["ts"] = pd.to_datetime(rows["ts"], utc=True)
    return GalleryPage(rows, total, page, pages)
