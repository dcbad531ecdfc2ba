"""Words of the map, photo-history and employee-profile screens (Bahasa Indonesia)."""

from __future__ import annotations

# Point categories on the map (keys used by ekinerja.maps).
CATEGORY_LABELS = {
    "dalam": "Dalam geofence kantor",
    "wfh": "WFH (dekat alamat terdaftar)",
    "luar": "Di luar geofence",
}

MODE_LABELS = {
    "titik": "Titik satu per satu",
    "klaster": "Klaster titik",
    "grid": "Peta kepadatan (sel grid)",
}

# --- Peta Absensi -------------------------------------------------------------------------
PETA_TITLE = "Peta Absensi"
PETA_CAPTION = (
    "Lokasi absen pada rentang, unit, kanal dan pegawai yang dipilih. Lingkaran hijau adalah "
    "geofence kantor; titik oranye berada di luar semua geofence."
)
FILTER_DATES = "Tanggal"
FILTER_UNIT = "Unit"
FILTER_CHANNELS = "Kanal"
FILTER_CHANNELS_HELP = "Tanpa pilihan berarti semua kanal."
FILTER_EMPLOYEE = "NIP pegawai (opsional)"
ALL_UNITS = "Semua unit dalam cakupan"
ALL_CHANNELS = "Semua kanal"
RANGE_TOO_LONG = "Rentang tanggal paling panjang {days} hari."
RANGE_ORDER = "Tanggal akhir tidak boleh sebelum tanggal awal."
NO_POINTS = "Tidak ada absen berkoordinat untuk pilihan ini."
SUMMARY = "{n} absen berkoordinat · tampilan: {mode}"
SUMMARY_OUTSIDE = "{n} di luar geofence"
SKIPPED_INVALID = "{n} absen dengan koordinat tidak sah tidak digambar."
GRID_NOTE = (
    "Rentang ini memuat terlalu banyak absen untuk digambar satu per satu: kepadatan diringkas "
    "per sel ±{meters} m. Titik oranye adalah sel di luar geofence; klik untuk melihat absennya. "
    "Persempit tanggal, unit atau pegawai untuk melihat titik satu per satu."
)
CLUSTER_NOTE = "Klaster oranye memuat absen di luar geofence. Perbesar peta untuk memecah klaster."
LEGEND = "Warna titik: biru = dalam geofence, ungu = WFH di dekat alamat terdaftar, oranye = di luar geofence."
CLICK_HINT = "Klik sebuah titik di peta untuk melihat rincian absen di sini."
CLICK_NOTHING = (
    "Tidak ada absen tepat di titik yang diklik. Klik pada titik, bukan pada latar peta."
)
PANEL_TITLE = "Rincian absen"
PANEL_MORE = "Menampilkan {shown} dari {total} absen di lokasi ini."
OPEN_PROFILE = "Buka profil pegawai"
PHOTO_NOT_ALLOWED = "Foto selfie hanya dapat dilihat oleh Admin, Atasan dan Auditor."
PHOTO_NONE = "Absen ini tidak memiliki foto."
PHOTO_MISSING = "Foto tidak tersedia (sudah dihapus sesuai masa retensi)."
PHOTO_INVALID = "Berkas foto tidak dapat ditampilkan (bukan JPEG/PNG yang sah)."
FIELD_EMPLOYEE = "Pegawai"
FIELD_NIP = "NIP"
FIELD_UNIT = "Unit"
FIELD_TIME = "Waktu"
FIELD_CHANNEL = "Kanal"
FIELD_DIRECTION = "Jenis"
FIELD_DISTANCE = "Jarak ke kantor terdekat"
FIELD_NEAREST = "Kantor terdekat"
FIELD_CATEGORY = "Status lokasi"
FIELD_MOCK = "Lokasi palsu (mock) terdeteksi"
FIELD_COUNT = "Jumlah absen"
YES = "Ya"
NO = "Tidak"
METERS = "{m} m"
CELL_TOOLTIP = "{n} absen"
OFFICE_TOOLTIP = "{name} (radius {radius} m)"

# --- Riwayat Foto Absen ---------------------------------------------------------------------
FOTO_TITLE = "Riwayat Foto Absen"
FOTO_CAPTION = (
    "Foto selfie absen untuk verifikasi. Foto adalah data biometrik (data pribadi spesifik): "
    "lihat hanya bila diperlukan."
)
FOTO_BY = "Tampilkan foto"
FOTO_BY_EMPLOYEE = "Satu pegawai"
FOTO_BY_UNIT = "Satu unit"
FOTO_NIP = "NIP pegawai"
FOTO_UNIT = "Unit"
FOTO_PAGE = "Halaman"
FOTO_PAGE_OF = "Halaman {page} dari {pages} · {total} foto"
FOTO_EMPTY = "Tidak ada foto absen untuk pilihan ini."
FOTO_ASK_NIP = "Masukkan NIP pegawai atau pilih unit."
FOTO_CARD = "{name}\n{time}\n{channel} · {direction}\n{place}"
FOTO_PLACE_NONE = "tanpa koordinat"

# --- Profil Pegawai -------------------------------------------------------------------------
PROFIL_TITLE = "Profil Pegawai"
PROFIL_SEARCH = "Cari pegawai (NIP atau nama)"
PROFIL_SEARCH_HELP = "Ketik minimal 3 karakter."
PROFIL_PICK = "Pilih pegawai"
PROFIL_ASK = "Cari pegawai lalu pilih untuk membuka profilnya."
PROFIL_NOT_FOUND = "Pegawai tidak ditemukan atau berada di luar cakupan akun Anda."
PROFIL_NO_MATCH = "Tidak ada pegawai yang cocok dalam cakupan Anda."
BIO_HEADER = "Biodata"
BIO_FIELD = "Data"
BIO_VALUE = "Isi"
BIO_FIELDS = {
    "nip": "NIP",
    "name": "Nama",
    "unit": "Unit",
    "jabatan": "Jabatan",
    "jabatan_type": "Jenis jabatan",
    "golongan": "Golongan",
    "supervisor": "Atasan langsung",
    "status": "Status akun",
}
CALENDAR_HEADER = "Kehadiran {month}"
CALENDAR_EMPTY = "Belum ada ringkasan kehadiran untuk bulan ini."
CALENDAR_MONTH = "Bulan"
MAP_HEADER = "Lokasi absen bulan ini"
PHOTOS_HEADER = "Foto absen terbaru"
ACTIVITY_HEADER = "Aktivitas harian bulan ini"
ACTIVITY_COLUMNS = {"status": "Status", "entries": "Jumlah entri", "minutes": "Menit"}
REVIEW_HEADER = "Review perilaku (3 bulan terakhir)"
REVIEW_EMPTY = "Belum ada review perilaku."
REVIEW_COUNT = "Jumlah penilai"
REVIEW_VALUE = "Nilai inti"
REVIEW_AVG = "Rata-rata (1-3)"
DEVICES_HEADER = "Perangkat"
DEVICES_EMPTY = "Belum ada perangkat tercatat."
DEVICE_COLUMNS = {
    "model": "Model",
    "os": "Sistem operasi",
    "os_version": "Versi OS",
    "app_version": "Versi aplikasi",
    "gps_permission": "Izin GPS",
    "camera_permission": "Izin kamera",
    "first_seen": "Pertama terlihat",
    "last_seen": "Terakhir terlihat",
}
NONE = "-"
