"""Words of the demo-data builder (progress messages, refusals and the closing summary)."""

from __future__ import annotations

NOT_EMPTY = (
    "Basis data tidak kosong: data demo hanya dibuat pada basis data kosong. "
    "Pakai berkas basis data baru (DATABASE_URL) atau kosongkan basis data ini lebih dulu."
)
BAD_EMPLOYEES = "Jumlah pegawai demo harus antara {lo} dan {hi}"
BAD_MONTHS = "Jumlah bulan demo harus antara {lo} dan {hi}"
BAD_PHOTO_DAYS = "Jumlah hari foto tidak boleh negatif"
FUTURE_END = "Hari terakhir data demo ({day}) tidak boleh sesudah hari ini ({today})"
BAD_ENV = "Nilai {name}={value!r} bukan bilangan bulat"

STEP_SCHEMA = "Menyiapkan skema basis data"
STEP_CALENDAR = "Mengisi kalender kerja (libur nasional, cuti bersama, Ramadan, libur daerah)"
STEP_ORG = "Membuat unit, kantor, mesin absen dan {n} pegawai"
STEP_LEAVE = "Membuat cuti, izin, dinas luar dan jadwal sif RSUD"
STEP_PHOTOS = "Membuat {n} foto selfie di latar belakang"
STEP_MONTH = "Absensi, ringkasan harian dan aktivitas {month}"
STEP_REVIEWS = "Penilaian perilaku BerAKHLAK dan hasil kerja bulanan"
STEP_ACCOUNTS = "Membuat akun demo"
STEP_COMMIT = "Menyimpan ke basis data"
STEP_DONE = "Data demo selesai dibuat"

LOCAL_HOLIDAY = "Hari Jadi Kota Madiun"
ACCOUNT_NAMES = {
    "admin": "Admin Demo",
    "sdm": "SDM BKPSDM (demo)",
    "auditor": "Inspektorat (demo)",
}

SUMMARY_TITLE = "Data demo Kota Madiun selesai dibuat (DEMO, bukan data pegawai sebenarnya)."
SUMMARY_PERIOD = "Periode: {start} s.d. {end}; {employees} pegawai; benih acak {seed}."
SUMMARY_TIME = "Waktu: {seconds} detik; ukuran basis data: {size} MB."
SUMMARY_ROWS = "Jumlah baris per tabel:"
SUMMARY_ROW = "  {table}: {count}"
SUMMARY_PHOTOS = (
    "Foto selfie: {photos} berkas untuk {days} hari terakhir (sejak {since}); absen selfie/WFH "
    "yang lebih lama tidak punya berkas foto (photo_path dan hash kosong)."
)
SUMMARY_NO_PHOTOS = "Foto selfie: tidak dibuat (photo_path dan hash kosong untuk semua absen)."
SUMMARY_PLANTED = (
    "Kejanggalan yang sengaja ditanam: {count} kasus ({kinds}); daftar di pengaturan demo_planted."
)
SUMMARY_NOTHING_PLANTED = (
    "Kejanggalan yang sengaja ditanam: tidak ada (periode atau jumlah pegawai terlalu kecil)."
)
SUMMARY_ACCOUNTS = "Akun demo (kata sandi sama untuk semua: {password}):"
SUMMARY_ACCOUNT = "  {username} ({role}{unit})"
