"""Words of the analytics pages (Ringkasan, Tren, Aktivitas, Review, Perangkat) and their filter bar."""

from __future__ import annotations

from datetime import date

from ekinerja.texts import MONTHS, fmt_date, fmt_number, fmt_percent

__all__ = ["fmt_date", "fmt_number", "fmt_percent"]

# Filter bar.
FILTER_START = "Dari tanggal"
FILTER_END = "Sampai tanggal"
FILTER_RANGE = "Rentang tanggal"
FILTER_UNIT = "Unit kerja"
FILTER_ALL_UNITS = "Semua unit dalam cakupan"
FILTER_SEARCH = "Cari pegawai (nama atau NIP)"
FILTER_SEARCH_HELP = "Mempersempit semua angka di halaman ini ke pegawai yang cocok."
FILTER_RESET = "Atur ulang filter"
FILTER_SHARE = "Tautan tampilan ini bisa dibagikan: filter tersimpan di alamat halaman."
WARN_BAD_DATE = "Tanggal pada tautan ({param}={value}) tidak sah; dipakai tanggal bawaan."
WARN_FUTURE = "Tanggal {day} belum terjadi; dipakai hari ini."
WARN_ORDER = "Tanggal awal sesudah tanggal akhir; dipakai awal bulan."
WARN_RANGE = "Rentang dibatasi {days} hari; tanggal awal disesuaikan."
WARN_UNIT = "Unit pada tautan tidak dikenal atau di luar cakupan akun Anda; filter unit diabaikan."
NO_DATA = "Tidak ada data untuk filter ini."
PICK_ROW_PROFILE = "Pilih baris untuk membuka profil pegawai."
PICK_ROW_UNIT = "Pilih baris untuk melihat rincian unit tersebut."


def fmt_range(start: date, end: date) -> str:
    if start == end:
        return fmt_date(start)
    return f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_period(period: date) -> str:
    """A review period (first day of a month) as 'November 2026'."""
    return f"{MONTHS[period.month - 1]} {period.year}"


def fmt_minutes(value: float | None) -> str:
    return "-" if value is None else f"{fmt_number(value)} menit"


def fmt_hours(value: float | None) -> str:
    return "-" if value is None else f"{fmt_number(value, 1)} jam"


# Activities: approval messages.
APPROVER_ACCOUNT = "Akun dashboard (bukan pegawai)"
ACT_NONE_SELECTED = "Belum ada aktivitas yang dipilih."
ACT_TOO_MANY = "Paling banyak {n} aktivitas sekali simpan."
ACT_DUPLICATE = "Aktivitas yang sama terpilih dua kali."
ACT_REASON_NEEDED = "Tulis alasan penolakan (minimal {n} karakter)."
ACT_REASON_LONG = "Alasan terlalu panjang (maksimal {n} karakter)."
ACT_GONE = "Aktivitas #{id} tidak ditemukan atau sudah dihapus."
ACT_OWN = "Anda tidak boleh memutuskan aktivitas Anda sendiri."
ACT_STALE = (
    "Aktivitas #{id} sudah diubah atau diputuskan orang lain sejak halaman dimuat; "
    "tidak ada yang disimpan. Muat ulang lalu periksa lagi."
)
ACT_APPROVED = "{n} aktivitas disetujui."
ACT_REJECTED = "{n} aktivitas ditolak."

# Shared words of the tables and charts.
GRAIN_LABELS = {"harian": "Harian", "mingguan": "Mingguan", "bulanan": "Bulanan"}
GRAIN_FIELD = "Interval"
COL_UNIT = "Unit"
COL_CODE = "Kode"
COL_NIP = "NIP"
COL_NAME = "Nama"
COL_EMPLOYEES = "Pegawai"
COL_RANK = "Peringkat"
COL_PERIOD = "Periode"
COL_DATE = "Tanggal"
SEE_TREND = "Lihat tren"

# Metrics (Tren Kinerja and the cards of Ringkasan).
METRIC_LABELS = {
    "kehadiran": "Tingkat kehadiran",
    "ketepatan": "Ketepatan waktu",
    "telat": "Menit terlambat per hari hadir",
    "pulang_cepat": "Pulang sebelum waktunya",
    "tk": "Tanpa keterangan (TK)",
    "wfh": "Porsi WFH",
    "aktivitas": "Menit aktivitas per hari kerja",
}
METRIC_HELP = {
    "kehadiran": "Hari hadir (termasuk WFH) dibagi hari kerja wajib; cuti, izin, sakit dan dinas "
    "luar tidak dihitung.",
    "ketepatan": "Bagian hari hadir tanpa terlambat satu menit pun.",
    "telat": "Jumlah menit terlambat dibagi jumlah hari hadir.",
    "pulang_cepat": "Bagian hari hadir dengan absen pulang sebelum jam pulang.",
    "tk": "Bagian hari kerja wajib tanpa absen dan tanpa keterangan.",
    "wfh": "Bagian hari hadir yang absen masuknya lewat WFH.",
    "aktivitas": "Menit aktivitas yang tidak ditolak dibagi hari kerja wajib (hadir + TK), "
    "dibandingkan target 300 menit sehari seperti pada rekap bulanan.",
}
TARGET_LINE = "Target {minutes} menit"

# Ringkasan.
OVERVIEW_TITLE = "Ringkasan"
TODAY_HEADER = "Hari ini · {day}"
TODAY_OFF = "Hari ini bukan hari kerja bagi pegawai dalam pilihan ini."
PERIOD_HEADER = "Periode {range}"
CARD_ATTENDANCE = "Kehadiran"
CARD_PRESENT = "Sudah hadir"
CARD_LATE = "Terlambat"
CARD_EARLY = "Pulang cepat"
CARD_TK = "TK"
CARD_BELUM = "Belum absen"
CARD_WFH = "WFH"
CARD_PUNCTUAL = "Tepat waktu"
CARD_PENDING = "Aktivitas menunggu persetujuan"
CARD_NO_CHECKOUT = "Tanpa absen pulang"
CARD_LATE_DAYS = "Terlambat"
CARD_EARLY_DAYS = "Pulang cepat"
CARD_TK_DAYS = "TK"
HELP_LATE_DAYS = "Jumlah pegawai-hari hadir dengan absen masuk sesudah jam masuk."
HELP_EARLY_DAYS = "Jumlah pegawai-hari hadir dengan absen pulang sebelum jam pulang."
HELP_TK_DAYS = "Jumlah pegawai-hari kerja tanpa absen dan tanpa keterangan."
OF_EXPECTED = "{present} dari {expected} pegawai-hari"
DAYS = "{n} hari"
PERSON_DAYS = "{n} pegawai-hari"
CHANNEL_HEADER = "Kanal absen masuk"
CHANNEL_AXIS = "Hari hadir"
UNITS_HEADER = "Unit menurut ketepatan waktu"
SEE_DEVICES = "Lihat perangkat"
SEE_ACTIVITIES = "Lihat aktivitas"
UNIT_COLUMNS = {
    "rank": COL_RANK,
    "name": COL_UNIT,
    "employees": COL_EMPLOYEES,
    "punctuality": "Ketepatan waktu",
    "attendance_rate": "Kehadiran",
    "late_per_day": "Menit telat/hari hadir",
    "late": "Hari terlambat",
    "early": "Hari pulang cepat",
    "tk": "Hari TK",
}

# Tren Kinerja.
TREND_TITLE = "Tren Kinerja"
TREND_METRIC = "Ukuran"
TREND_GROUPING = "Tampilkan"
GROUPING_LABELS = {"total": "Total", "unit": "Per unit", "pegawai": "Per pegawai"}
TREND_COMPARE = "Unit yang dibandingkan"
TREND_EMPLOYEE_NEEDS = (
    "Pilih satu unit atau ketik nama/NIP di kolom cari untuk melihat garis per pegawai."
)
TREND_TOO_MANY = "Hanya {n} garis pertama yang digambar; persempit pilihan untuk melihat yang lain."
TREND_TOTAL_LINE = "Semua dalam pilihan"
TREND_UNITS_HEADER = "Rincian per unit"
TREND_EMPLOYEES_HEADER = "Rincian per pegawai · {unit}"
TREND_SEARCH_HEADER = "Rincian per pegawai yang cocok dengan pencarian"
TREND_BACK = "Kembali ke semua unit"

# Aktivitas Harian.
ACT_TITLE = "Aktivitas Harian"
ACT_MINUTES_DAY = "Menit per hari kerja"
ACT_ON_TARGET = "Pegawai mencapai target"
ACT_PENDING = "Menunggu persetujuan"
ACT_DECISION_TIME = "Rata-rata lama persetujuan"
ACT_SLOW = "Diputuskan lebih dari {h} jam"
ACT_OLDEST = "Tertua diajukan: {day}"
ACT_CHART_APPROVED = "Disetujui"
ACT_CHART_PENDING = "Diajukan (belum diputuskan)"
ACT_CHART_AXIS = "Menit per hari kerja"
ACT_UNDER_HEADER = "Pegawai di bawah target"
ACT_UNDER_NOTE = "Di bawah target walaupun semua yang masih diajukan disetujui."
ACT_APPROVERS_HEADER = "Kecepatan persetujuan per atasan"
ACT_QUEUE_HEADER = "Persetujuan aktivitas"
ACT_QUEUE_NONE = "Tidak ada aktivitas yang menunggu persetujuan dalam pilihan ini."
ACT_QUEUE_LIMIT = "Menampilkan {n} aktivitas tertua; setujui/tolak lalu muat berikutnya."
ACT_PICK = "Pilih"
ACT_APPROVE = "Setujui yang dipilih"
ACT_REJECT = "Tolak yang dipilih"
ACT_REASON = "Alasan penolakan (wajib untuk menolak, tercatat di jejak audit)"
ACT_NO_RIGHT = "Peran Anda hanya dapat melihat; persetujuan dilakukan atasan atau admin."
UNDER_COLUMNS = {
    "nip": COL_NIP,
    "name": COL_NAME,
    "unit": COL_UNIT,
    "target_days": "Hari kerja",
    "approved": "Disetujui (menit)",
    "pending": "Diajukan (menit)",
    "target": "Target (menit)",
    "per_day": "Menit/hari",
    "ratio": "Capaian disetujui",
}
APPROVER_COLUMNS = {
    "nip": COL_NIP,
    "name": "Atasan",
    "decided": "Diputuskan",
    "avg_hours": "Rata-rata lama",
    "slow_share": "Lebih dari 72 jam",
}
QUEUE_COLUMNS = {
    "pick": ACT_PICK,
    "work_date": COL_DATE,
    "nip": COL_NIP,
    "name": COL_NAME,
    "unit": COL_UNIT,
    "minutes": "Menit",
    "description": "Uraian",
    "submitted_at": "Diajukan (WIB)",
}

# Review Perilaku.
REVIEW_TITLE = "Review Perilaku"
REVIEW_DIST_HEADER = "Sebaran nilai per nilai dasar BerAKHLAK"
REVIEW_UNIT_HEADER = "Rata-rata per unit"
REVIEW_TIME_HEADER = "Rata-rata dari bulan ke bulan"
REVIEW_360_HEADER = "Tampilan 360° per pegawai"
REVIEW_PICK = "Pegawai"
REVIEW_PICK_PLACEHOLDER = "Pilih pegawai"
REVIEW_PICK_MORE = "Daftar dibatasi {n} nama; ketik nama/NIP di kolom cari untuk mempersempit."
REVIEW_NO_PERIOD = (
    "Belum ada review pada rentang ini (review sebulan biasanya diisi sesudah bulan itu berakhir)."
)
REVIEW_PREVIOUS = "Lihat {range}"
REVIEW_NO_REVIEWS = "Belum ada review untuk pegawai ini pada periode terpilih."
REVIEW_COMMENTS = "Komentar terbaru (tanpa nama penilai)"
REVIEW_PRED_HEADER = "Predikat kinerja (PermenPANRB 6/2022)"
REVIEW_PRED_PERIOD = "Periode penilaian"
REVIEW_PRED_NOTE = (
    "Perilaku = rata-rata semua nilai review pada bulan itu, dibulatkan (x,5 ke atas); "
    "hasil kerja = penilaian atasan."
)
REVIEW_PRED_INCOMPLETE = "Belum lengkap"
REVIEW_FLAGS_HEADER = "Pola penilaian yang perlu diperiksa"
REVIEW_BIAS = "Penilai yang selalu keras atau selalu murah hati"
REVIEW_BIAS_NOTE = (
    "Rata-rata nilai yang diberikan dibandingkan rata-rata penilai lain di unitnya; ditandai bila "
    "minimal {n} review, selisih minimal {gap} dan |z| minimal {z}."
)
REVIEW_MUTUAL = "Pasangan yang saling memuji"
REVIEW_MUTUAL_NOTE = (
    "Saling memberi nilai tertinggi di semua nilai dasar, minimal {n} kali tiap arah, sementara "
    "keduanya menilai orang lain lebih rendah."
)
REVIEW_NONE_FLAGGED = "Tidak ada yang ditandai."
RATING_AXIS = "Porsi penilaian"
MEAN_AXIS = "Rata-rata (1–3)"
VERDICT_LABELS = {"keras": "Selalu keras", "murah": "Selalu murah hati"}
PRED_COLUMNS = {
    "nip": COL_NIP,
    "name": COL_NAME,
    "unit": COL_UNIT,
    "result": "Hasil kerja",
    "behaviour_mean": "Rata-rata perilaku",
    "behaviour": "Perilaku",
    "predicate": "Predikat",
}
BIAS_COLUMNS = {
    "nip": COL_NIP,
    "name": "Penilai",
    "unit": COL_UNIT,
    "verdict": "Pola",
    "n": "Review diberikan",
    "mean": "Rata-rata diberikan",
    "unit_mean": "Rata-rata penilai lain di unit",
    "gap": "Selisih",
}
MUTUAL_COLUMNS = {
    "nip_a": "NIP A",
    "name_a": "Pegawai A",
    "nip_b": "NIP B",
    "name_b": "Pegawai B",
    "n_ab": "A menilai B",
    "n_ba": "B menilai A",
    "others_a": "Rata-rata A ke orang lain",
    "others_b": "Rata-rata B ke orang lain",
}
REL_COLUMNS = {"relation": "Penilai", "reviews": "Review", "raters": "Jumlah penilai"}

# Perangkat.
DEVICE_TITLE = "Perangkat"
DEVICE_OS_HEADER = "Sistem operasi"
DEVICE_APP_HEADER = "Versi aplikasi"
DEVICE_FLAGS_HEADER = "Absen masuk lewat aplikasi"
DEVICE_CHECKINS = "Absen masuk aplikasi"
DEVICE_CHECKINS_HELP = "Absen masuk lewat selfie, WFH dan QR code."
DEVICE_OF = "{n} dari {total} absen masuk"
DEVICE_GPS = "Izin GPS ditolak"
DEVICE_CAMERA = "Izin kamera ditolak"
DEVICE_MOCK = "Lokasi palsu (mock)"
DEVICE_UNKNOWN = "Perangkat tak terdaftar"
DEVICE_FLAGS_NOTE = (
    "Izin adalah keadaan terakhir yang dilaporkan perangkat; fingerprint tidak dihitung."
)
DEVICE_MANY_HEADER = "Pegawai dengan {n} perangkat atau lebih"
DEVICE_SHARED_HEADER = "Perangkat dipakai {n} pegawai atau lebih"
DEVICE_SHARED_NOTE = "Satu ponsel untuk beberapa pegawai bisa berarti titip absen."
DEVICE_COUNT_AXIS = "Perangkat"
DEVICE_COLUMNS = {
    "nip": COL_NIP,
    "name": COL_NAME,
    "unit": COL_UNIT,
    "devices": "Perangkat",
    "device_id": "ID perangkat",
    "model": "Model",
    "employees": "Pegawai di perangkat ini",
    "last_seen": "Terakhir terlihat (WIB)",
}
REVIEW_TABS = ["Sebaran nilai", "360° pegawai", "Predikat kinerja", "Pola penilaian"]
COMMENT_COLUMNS = {"period": COL_PERIOD, "relation": "Penilai", "comment": "Komentar"}
TAIL_NOTE = "{what} dihitung untuk {range} saja ({days} hari terakhir dari rentang), agar halaman tetap cepat."
TAIL_ACTIVITIES = "Aktivitas"
TAIL_CHECKINS = "Persentase absen masuk"
TAIL_TREND_ACTIVITY = "Menit aktivitas"
