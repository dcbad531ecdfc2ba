"""Every word shown to people, in Bahasa Indonesia, and Indonesian number and date formats.

Area-specific texts live in modules beside this one (texts/recap.py, ...); labels shared by
several screens live here.
"""

from __future__ import annotations

import math
from datetime import date

APP_NAME = "Dashboard E-Kinerja"
CITY = "Pemerintah Kota Madiun"

ROLE_LABELS = {
    "admin": "Admin",
    "hr": "SDM (BKPSDM)",
    "supervisor": "Atasan",
    "auditor": "Auditor (Inspektorat)",
}

STATUS_LABELS = {
    "hadir": "Hadir",
    "wfh": "WFH",
    "tk": "Tanpa keterangan (TK)",
    "cuti": "Cuti",
    "izin": "Izin",
    "sakit": "Sakit",
    "dinas_luar": "Dinas luar",
    "libur": "Libur",
    "belum": "Belum absen",
}

CHANNEL_LABELS = {
    "selfie": "Selfie",
    "wfh": "WFH",
    "qr": "QR code",
    "fingerprint": "Fingerprint",
}

DIRECTION_LABELS = {"in": "Masuk", "out": "Pulang"}

HOLIDAY_KIND_LABELS = {
    "nasional": "Libur nasional",
    "cuti_bersama": "Cuti bersama",
    "lokal": "Keputusan daerah",
}

LEAVE_KIND_LABELS = {
    "cuti": "Cuti",
    "izin": "Izin",
    "sakit": "Sakit",
    "dinas_luar": "Dinas luar",
    "wfh": "Penugasan WFH",
}

ACTIVITY_STATUS_LABELS = {
    "diajukan": "Diajukan",
    "disetujui": "Disetujui",
    "ditolak": "Ditolak",
}

RELATION_LABELS = {"atasan": "Atasan", "rekan": "Rekan kerja", "bawahan": "Bawahan"}

BERAKHLAK_LABELS = {
    "berorientasi_pelayanan": "Berorientasi Pelayanan",
    "akuntabel": "Akuntabel",
    "kompeten": "Kompeten",
    "harmonis": "Harmonis",
    "loyal": "Loyal",
    "adaptif": "Adaptif",
    "kolaboratif": "Kolaboratif",
}

RATING_LABELS = {1: "Di bawah ekspektasi", 2: "Sesuai ekspektasi", 3: "Di atas ekspektasi"}

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

DEMO_BANNER = "DEMO: data contoh buatan, bukan data pegawai sebenarnya."


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """Indonesian format: thousands with a dot, decimals with a comma (1.234,5)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A fraction 0..1 as an Indonesian percentage: 0.875 -> 87,5%."""
    if value is None or not math.isfinite(value):
        return "-"
    return fmt_number(value * 100, decimals) + "%"


def fmt_date(value: date | None, with_weekday: bool = False) -> str:
    """2 November 2026 (or Senin, 2 November 2026)."""
    if value is None:
        return "-"
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]}, {text}" if with_weekday else text


def fmt_month(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"
