"""Model-boundary checks: every ORM insert or update of these rows is validated first.

The database has CHECK constraints as the last line; these run before it so the person gets an
Indonesian message that says what to fix instead of a driver error. Bulk paths (demo generator,
importer) validate their frames themselves before writing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from ekinerja.models.attendance import Punch, QrCode
from ekinerja.models.org import Office
from ekinerja.models.people import Employee
from ekinerja.timeutil import require_aware, wib_date
from ekinerja.validation import ValidationError, check_coordinates, check_radius, normalize_nip


def _employee(_mapper: Any, _conn: Any, row: Employee) -> None:
    row.nip = normalize_nip(row.nip)
    if not row.name or not row.name.strip():
        raise ValidationError("Nama pegawai wajib diisi")
    if row.sex not in ("L", "P"):
        raise ValidationError("Jenis kelamin harus L atau P")
    if row.status not in ("aktif", "nonaktif", "dihapus"):
        raise ValidationError(f"Status akun tidak dikenal: {row.status!r}")
    if (row.home_lat, row.home_lon) != (None, None):
        check_coordinates(row.home_lat, row.home_lon)


def _place(_mapper: Any, _conn: Any, row: Office | QrCode) -> None:
    check_coordinates(row.lat, row.lon)
    check_radius(row.radius_m)


def _punch(_mapper: Any, _conn: Any, row: Punch) -> None:
    row.ts = require_aware(row.ts, "Waktu absen")
    if row.work_date is None:
        row.work_date = wib_date(row.ts)
    if row.channel not in ("selfie", "wfh", "qr", "fingerprint"):
        raise ValidationError(f"Kanal absen tidak dikenal: {row.channel!r}")
    if row.direction not in ("in", "out"):
        raise ValidationError(f"Arah absen harus 'in' atau 'out' (diterima {row.direction!r})")
    if row.channel in ("selfie", "wfh") and (row.lat is None or row.lon is None):
        raise ValidationError("Absen selfie dan WFH wajib punya koordinat GPS")
    if (row.lat, row.lon) != (None, None):
        check_coordinates(row.lat, row.lon)
    if row.accuracy_m is not None and not (0 <= row.accuracy_m < 100_000):
        raise ValidationError("Akurasi GPS harus 0 sampai 100.000 meter")


for _model, _check in ((Employee, _employee), (Office, _place), (QrCode, _place), (Punch, _punch)):
    event.listen(_model, "before_insert", _check)
    event.listen(_model, "before_update", _check)
