"""Checks at the model and CLI boundary; every message is Indonesian and says what to fix."""

from __future__ import annotations

import math
import re
from datetime import date

_NIP_RE = re.compile(r"[0-9]{18}")


class ValidationError(ValueError):
    """Bad input from a person or a file; the message is shown as is."""


def normalize_nip(raw: str) -> str:
    """Accept the usual written form `19860926 201505 1 001` and return the 18 digits.

    A NIP is an identifier, not a number: leading zeros matter and `1e5` is not a NIP.
    """
    if not isinstance(raw, str):
        raise ValidationError("NIP harus berupa teks 18 digit")
    nip = raw.replace(" ", "").replace(".", "")
    if not _NIP_RE.fullmatch(nip):
        raise ValidationError(f"NIP harus 18 digit angka (diterima: {raw[:40]!r})")
    birth = nip[0:8]
    appointed = nip[8:14]
    sex = nip[14]
    try:
        born = date(int(birth[0:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError as exc:
        raise ValidationError(f"NIP {nip}: 8 digit pertama bukan tanggal lahir yang sah") from exc
    month = int(appointed[4:6])
    if not 1 <= month <= 12 or int(appointed[0:4]) < born.year + 17:
        raise ValidationError(f"NIP {nip}: digit 9-14 bukan bulan pengangkatan CPNS yang sah")
    if sex not in "12":
        raise ValidationError(f"NIP {nip}: digit ke-15 harus 1 (laki-laki) atau 2 (perempuan)")
    return nip


def check_coordinates(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    """Both or neither; finite; in range; and not the (0, 0) that broken GPS fixes report."""
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise ValidationError("Koordinat harus lengkap: lintang dan bujur")
    try:
        flat, flon = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise ValidationError("Koordinat harus berupa angka") from exc
    if not (math.isfinite(flat) and math.isfinite(flon)):
        raise ValidationError("Koordinat tidak boleh NaN atau tak hingga")
    if not (-90.0 <= flat <= 90.0):
        raise ValidationError(f"Lintang {flat} di luar rentang -90..90")
    if not (-180.0 <= flon <= 180.0):
        raise ValidationError(f"Bujur {flon} di luar rentang -180..180")
    if flat == 0.0 and flon == 0.0:
        raise ValidationError("Koordinat (0, 0) bukan lokasi yang sah (GPS belum terkunci)")
    return flat, flon


def check_radius(radius_m: float) -> float:
    if not math.isfinite(radius_m) or not (10 <= radius_m <= 5000):
        raise ValidationError("Radius geofence harus antara 10 dan 5.000 meter")
    return float(radius_m)
