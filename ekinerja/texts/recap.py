"""Words of the monthly recap, the TPP rules, the work calendar and the exports (Bahasa Indonesia)."""

from __future__ import annotations

# --- rule sets ----------------------------------------------------------------------------------
KIND_NAMES = {"TL": "keterlambatan (TL)", "PSW": "pulang sebelum waktu (PSW)"}
BAND_RANGE = "{min}-{max} menit"
BAND_OPEN = "> {min} menit"
NO_CAP = "tanpa batas"
DEFAULT_VERSION_LABEL = "Bawaan sistem"
DEFAULT_VERSION_NOTE = (
    "Aturan bawaan (0,5/1/1,25/1,5% per pita TL dan PSW, TK 5% per hari, batas bulanan 100%), "
    "berlaku sampai ada versi yang disimpan."
)
VERSION_LABEL = "Versi #{id} (berlaku {day})"
RULE_SUMMARY = (
    "TL: {tl}. PSW: {psw}. TK {tk}/hari. Batas harian {daily}, bulanan {monthly}. "
    "Target aktivitas {target} menit/hari."
)
PRESET_LABELS = {
    "bawaan": "Bawaan: 0,5 / 1 / 1,25 / 1,5 %, TK 5 %",
    "permentan": "Permentan 68/2012: 0,5 / 1 / 1,5 / 2 %, TK 4 %",
    "dua_pita": "Dua pita (Perban BGN 4/2025): 1-60 menit 0,5 %, > 60 menit 1 %",
    "berlaku": "Aturan yang berlaku saat ini",
}
ROUNDING_LABELS = {
    "half_up": "Setengah ke atas (0,005 menjadi 0,01)",
    "down": "Selalu ke bawah",
    "up": "Selalu ke atas",
}
COL_VERSION = "Versi"
COL_EFFECTIVE = "Berlaku mulai"
COL_SUMMARY = "Ringkasan aturan"
COL_NOTE = "Catatan / dasar"
COL_CREATED_BY = "Disimpan oleh"
COL_BAND_MIN = "Dari (menit)"
COL_BAND_MAX = "Sampai (menit, kosong = tanpa batas)"
COL_BAND_PERCENT = "Potongan (%)"

# --- the monthly recap ---------------------------------------------------------------------------
NO_DATA = "Tidak ada data absensi untuk {what} pada {month}. Tidak ada yang diekspor."
ALL_UNITS = "semua unit dalam cakupan"
UNKNOWN_UNIT = "Unit tidak dikenal."
UNKNOWN_EMPLOYEE = "Pegawai tidak ditemukan."
BAD_MONTH = "Bulan tidak sah: pilih bulan antara tahun 2000 dan bulan berjalan."

# Column labels of the recap table and its exports (internal name -> label).
RECAP_COLUMNS = {
    "unit_code": "Kode unit",
    "unit_name": "Unit",
    "nip": "NIP",
    "name": "Nama",
    "jabatan": "Jabatan",
    "days_expected": "Hari kerja",
    "hadir": "Hadir (kantor)",
    "wfh": "WFH",
    "tk": "TK",
    "cuti": "Cuti",
    "izin": "Izin",
    "sakit": "Sakit",
    "dinas_luar": "Dinas luar",
    "belum": "Belum absen (hari ini)",
    "activity_minutes": "Aktivitas disetujui (menit)",
    "activity_target": "Target aktivitas (menit)",
    "activity_ratio": "Capaian aktivitas (%)",
    "deduction_uncapped": "Potongan sebelum batas (%)",
    "deduction_pct": "Potongan TPP (%)",
}
PERCENT_COLUMNS = ("Capaian aktivitas (%)", "Potongan sebelum batas (%)", "Potongan TPP (%)")

SUMMARY_SHEET = "Ringkasan"
INFO_SHEET = "Keterangan"
SUMMARY_COLUMNS = {
    "unit_code": "Kode unit",
    "unit_name": "Unit",
    "employees": "Pegawai",
    "days_expected": "Hari kerja",
    "present": "Hadir + WFH",
    "tl_total": "Jumlah TL",
    "psw_total": "Jumlah PSW",
    "tk": "TK",
    "excused": "Cuti/izin/sakit/dinas luar",
    "deduction_avg": "Rata-rata potongan (%)",
    "deduction_max": "Potongan tertinggi (%)",
}
INFO_ROWS = (
    ("Laporan", "Rekap absensi dan potongan TPP bulanan"),
    ("Bulan", "{month}"),
    ("Unit", "{units}"),
    ("Dibuat", "{created} WIB"),
    ("Oleh", "{actor}"),
    ("Aturan TPP", "{rules}"),
    ("Catatan", "Hari tanpa rekaman absen sama sekali pada hari kerja tanpa keterangan dihitung TK, "
     "bukan TL4 + PSW4."),
)  # fmt: skip

# --- per-day reasons (drill-down) ---------------------------------------------------------------
DAY_COLUMNS = {
    "work_date": "Tanggal",
    "weekday": "Hari",
    "status": "Status",
    "first_in": "Masuk (WIB)",
    "last_out": "Pulang (WIB)",
    "schedule": "Jadwal",
    "tl": "TL",
    "psw": "PSW",
    "deduction": "Potongan (%)",
    "reason": "Keterangan",
    "rule": "Aturan",
}
RAMADAN_MARK = " (Ramadan)"
REASON_LATE = "Terlambat {minutes} menit ({band}): masuk {actual} WIB, jadwal {expected}{ramadan}"
REASON_LATE_TOLERATED = (
    "Terlambat {minutes} menit, masih di bawah pita {band}: masuk {actual} WIB, jadwal {expected}"
)
REASON_NO_IN = "Tidak ada rekaman absen masuk ({band})"
REASON_EARLY = (
    "Pulang {minutes} menit lebih awal ({band}): pulang {actual} WIB, jadwal {expected}{ramadan}"
)
REASON_EARLY_TOLERATED = "Pulang {minutes} menit lebih awal, masih di bawah pita {band}"
REASON_NO_OUT = "Tidak ada rekaman absen pulang ({band})"
REASON_OUT_PENDING = "Belum absen pulang (hari berjalan)"
REASON_ON_TIME = (
    "Tepat waktu: masuk {actual_in} WIB, pulang {actual_out} WIB, jadwal {expected}{ramadan}"
)
REASON_TK = "Tanpa keterangan (TK): tidak ada rekaman absen pada hari kerja"
REASON_EXCUSED = "{kind}: keterlambatan dan pulang cepat tidak dihitung"
REASON_BELUM = "Hari ini: belum ada rekaman absen"
REASON_HOLIDAY_PUNCH = "Bukan hari kerja; absen hari ini tidak dihitung"
REASON_WFH = "WFH; "
REASON_DAILY_CAP = "; potongan dibatasi batas harian {cap}"
REASON_FUTURE = "Belum terjadi"
REASON_HOLIDAY = "{kind}: {name}"
REASON_WEEKEND = "Bukan hari kerja menurut jadwal unit"
REASON_NO_SHIFT = "Tidak ada jadwal shift"
REASON_NO_ROW = "Tidak ada data (di luar masa aktif pegawai atau di unit lain)"

# --- raw exports --------------------------------------------------------------------------------
RAW_KINDS = {
    "punch": "Rekaman absen",
    "summary": "Ringkasan harian",
    "activity": "Aktivitas harian",
}
RAW_MAX_DAYS = 366
RAW_NO_DATA = "Tidak ada {kind} untuk unit ini pada {start} s.d. {end}. Tidak ada yang diekspor."
RAW_BAD_RANGE = (
    "Periode tidak sah: tanggal akhir sebelum tanggal awal, atau lebih dari {days} hari."
)
RAW_COLUMNS = {
    "nip": "NIP",
    "name": "Nama",
    "work_date": "Tanggal",
    "ts": "Waktu (WIB)",
    "direction": "Arah",
    "channel": "Kanal",
    "lat": "Lintang",
    "lon": "Bujur",
    "accuracy_m": "Akurasi (m)",
    "mock_location": "Lokasi palsu",
    "status": "Status",
    "is_workday": "Hari kerja",
    "is_ramadan": "Ramadan",
    "expected_start": "Jadwal masuk (WIB)",
    "expected_end": "Jadwal pulang (WIB)",
    "first_in": "Masuk (WIB)",
    "last_out": "Pulang (WIB)",
    "minutes_late": "Terlambat (menit)",
    "minutes_early": "Pulang cepat (menit)",
    "punch_count": "Jumlah absen",
    "description": "Uraian",
    "minutes": "Menit",
    "submitted_at": "Diajukan (WIB)",
    "decided_at": "Diputuskan (WIB)",
}
FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)"}
BAD_FORMAT = "Format ekspor harus csv atau xlsx."

# --- the work calendar --------------------------------------------------------------------------
HOLIDAY_COLUMNS = {
    "day": "Tanggal",
    "weekday": "Hari",
    "name": "Nama",
    "kind": "Jenis",
    "source": "Sumber",
}
SCHEDULE_COLUMNS = {
    "name": "Jadwal",
    "units": "Unit",
    "days": "Hari kerja",
    "hours": "Senin-Kamis",
    "friday": "Jumat",
    "ramadan": "Ramadan",
    "weekly": "Jam kerja bersih/minggu",
    "weekly_ramadan": "Jam bersih/minggu (Ramadan)",
}
SHIFT_SCHEDULE = "Sif: jam menurut jadwal sif pegawai"
PERIOD_COLUMNS = {
    "id": "No.",
    "start_date": "Mulai",
    "end_date": "Selesai",
    "days": "Hari",
    "note": "Catatan",
}
HOLIDAY_EXISTS = "Tanggal {day} sudah menjadi hari libur: {name}."
HOLIDAY_NAME_REQUIRED = "Nama/dasar keputusan wajib diisi (3-200 karakter)."
HOLIDAY_NOT_LOCAL = "Hanya keputusan daerah (jenis lokal) yang dapat dihapus di sini."
HOLIDAY_NOT_FOUND = "Hari libur tidak ditemukan (mungkin sudah dihapus orang lain)."
PERIOD_ORDER = "Tanggal selesai Ramadan tidak boleh sebelum tanggal mulainya."
PERIOD_LENGTH = "Periode Ramadan paling panjang {days} hari."
PERIOD_OVERLAP = "Periode ini bertumpang tindih dengan periode Ramadan lain ({start} s.d. {end})."
PERIOD_NOT_FOUND = "Periode Ramadan tidak ditemukan (mungkin sudah dihapus orang lain)."
PERIOD_STALE = "Periode ini baru saja diubah orang lain. Muat ulang halaman lalu ulangi."
YEAR_RANGE = "Tahun harus antara 2000 dan 2100."
