"""The data policy: its text, its versions, and what each clause means in this dashboard.

The 2024 text ships with the code (ekinerja/policy/kebijakan_v2024.txt), so an installation
stands alone; later versions are added by admins into `policy_version`. Section V promises that
users are told before the policy changes and may respond: a new version is announced today and
takes effect no sooner than MIN_NOTICE_DAYS later, and until then the page shows it as pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from ekinerja import audit
from ekinerja.access import Viewer, require
from ekinerja.governance.common import SAFE_REF_RE
from ekinerja.governance.records import text_field
from ekinerja.models import PolicyVersion
from ekinerja.texts import governance as T
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError

BASELINE_FILE = Path(__file__).resolve().parent.parent / "policy" / "kebijakan_v2024.txt"
MIN_NOTICE_DAYS = 30
BODY_MAX = 100_000


@dataclass(frozen=True)
class PolicyText:
    label: str
    summary: str
    body: str
    announced_on: date | None
    effective_date: date
    created_by: str | None


def baseline() -> PolicyText:
    return PolicyText(
        "2024",
        "Kebijakan Data Aplikasi E-Kinerja (Dinas Kominfo Kota Madiun, 2024).",
        BASELINE_FILE.read_text(encoding="utf-8"),
        None,
        date(2024, 1, 1),
        None,
    )


def versions(session: Session) -> list[PolicyText]:
    """Every version, oldest first."""
    rows = session.scalars(select(PolicyVersion).order_by(col(PolicyVersion.effective_date))).all()
    stored = [
        PolicyText(r.label, r.summary, r.body, r.announced_on, r.effective_date, r.created_by)
        for r in rows
    ]
    return [baseline(), *stored]


def current(session: Session, today: date | None = None) -> PolicyText:
    today = today or today_wib()
    return [v for v in versions(session) if v.effective_date <= today][-1]


def pending(session: Session, today: date | None = None) -> list[PolicyText]:
    """Announced versions not in force yet: shown to everyone until they take effect."""
    today = today or today_wib()
    return [v for v in versions(session) if v.effective_date > today]


def changelog(session: Session) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "label": v.label,
                "announced_on": v.announced_on,
                "effective_date": v.effective_date,
                "summary": v.summary,
                "created_by": v.created_by,
            }
            for v in reversed(versions(session))
        ]
    )


def add_version(
    session: Session,
    viewer: Viewer,
    label: str,
    summary: str,
    body: str,
    effective_date: date,
    today: date | None = None,
) -> PolicyVersion:
    """Announce a new version today, effective after the notice period (audited)."""
    require(viewer, "policy.edit")
    today = today or today_wib()
    clean_label = text_field(40, required=False)(label)
    if not clean_label:
        raise ValidationError(T.POLICY_LABEL_REQUIRED)
    if not SAFE_REF_RE.fullmatch(clean_label):
        raise ValidationError(T.POLICY_LABEL_CHARS)
    clean_summary = text_field(2000, required=False)(summary)
    if not clean_summary:
        raise ValidationError(T.POLICY_SUMMARY_REQUIRED)
    clean_body = text_field(BODY_MAX, required=False)(body)
    if not clean_body:
        raise ValidationError(T.POLICY_BODY_REQUIRED)
    earliest = today + timedelta(days=MIN_NOTICE_DAYS)
    if effective_date < earliest:
        raise ValidationError(T.POLICY_NOTICE.format(days=MIN_NOTICE_DAYS, earliest=earliest))
    if clean_label in {v.label for v in versions(session)}:
        raise ValidationError(T.POLICY_LABEL_TAKEN.format(label=clean_label))
    row = PolicyVersion(
        label=clean_label,
        summary=clean_summary,
        body=clean_body,
        announced_on=today,
        effective_date=effective_date,
        created_by=viewer.username,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, viewer.actor, "kebijakan.umumkan", "policy_version", row.id,
        after={"versi": clean_label, "diumumkan": today, "berlaku": effective_date},
    )  # fmt: skip
    return row


# What each clause means here: (section, promise, how the dashboard keeps it, where).
CLAUSES: tuple[tuple[str, str, str, str], ...] = (
    ("I.1, I.5", "Lokasi, waktu dan foto absensi dikumpulkan",
     "Rekaman absen selfie/WFH/QR/fingerprint beserta GPS dan foto", "Peta Absensi, Riwayat Foto Absen"),
    ("I.2", "Informasi absensi sebagai bukti", "Ringkasan harian, rekap bulanan dan TPP",
     "Ringkasan, Rekap Bulanan"),
    ("I.3", "Aktivitas dan review perilaku antarpegawai",
     "Aktivitas harian dan review BerAKHLAK", "Aktivitas Harian, Review Perilaku"),
    ("I (Perangkat)", "Atribut dan izin perangkat", "Daftar perangkat per pegawai", "Perangkat"),
    ("II.2", "Keamanan dan pencegahan penyalahgunaan",
     "Deteksi GPS palsu, foto berulang, titip absen", "Integritas Data"),
    ("III", "Mengakses data", "Unduhan ZIP seluruh data seorang pegawai (diaudit)", "Kelola Data"),
    ("III", "Memperbaiki dan mengubah data",
     "Koreksi dengan alasan wajib, versi dicek, ringkasan ikut diperbarui", "Kelola Data"),
    ("III", "Menghapus data",
     "Hapus dengan konfirmasi, masa tenggang, lalu hapus permanen termasuk file foto",
     "Kelola Data, Penahanan & Retensi"),
    ("III", "Disimpan hingga tidak diperlukan atau akun dihapus",
     "Jadwal retensi per kategori; penghapusan akun menghapus/menganonimkan semua data",
     "Penahanan & Retensi, Kelola Data"),
    ("IV", "Data yang menjadi subjek permintaan hukum/penyelidikan disimpan",
     "Penahanan (legal hold) per pegawai, unit atau rentang tanggal mengalahkan semua penghapusan",
     "Penahanan & Retensi"),
    ("IV", "Data akun yang dinonaktifkan karena pelanggaran disimpan",
     "Tanda pelanggaran membekukan data pegawai dari koreksi, penghapusan dan retensi",
     "Kelola Data"),
    ("III, IV", "Akuntabilitas setiap perubahan",
     "Jejak audit append-only berantai hash, dapat diverifikasi", "Audit"),
    ("V", "Pemberitahuan sebelum kebijakan berubah",
     f"Versi baru diumumkan minimal {MIN_NOTICE_DAYS} hari sebelum berlaku", "Kebijakan"),
    ("VI", "Pertanyaan ke Pemerintah Kota Madiun", "Kontak kominfo@madiunkota.go.id",
     "Kebijakan"),
)  # fmt: skip


def clause_table() -> pd.DataFrame:
    return pd.DataFrame(
        list(CLAUSES), columns=["Bagian", "Janji kebijakan", "Di dashboard", "Halaman"]
    )
