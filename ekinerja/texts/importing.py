"""Words of the Impor Data page, the import command and the import reports (Bahasa Indonesia)."""

from __future__ import annotations

PAGE_TITLE = "Impor Data"
PAGE_INTRO = (
    "Unggah berkas presensi, aktivitas harian atau review perilaku dari aplikasi, atau log mesin "
    "fingerprint ZKTeco. Berkas diperiksa seluruhnya dulu; tidak ada yang disimpan sebelum Anda "
    "menekan tombol impor."
)

FORMAT_LABELS = {
    "auto": "Deteksi otomatis",
    "punch": "Presensi aplikasi (CSV/JSON Lines)",
    "activity": "Aktivitas harian (CSV/JSON Lines)",
    "review": "Review perilaku (CSV/JSON Lines)",
    "zkteco_usb": "Mesin fingerprint ZKTeco - ekspor USB (attlog.dat)",
    "zkteco_adms": "Mesin fingerprint ZKTeco - kiriman ADMS (push)",
}
BATCH_KIND_LABELS = {
    "app_punch": "Presensi aplikasi",
    "app_activity": "Aktivitas harian",
    "app_review": "Review perilaku",
    "zkteco_usb": "ZKTeco USB",
    "zkteco_adms": "ZKTeco ADMS",
    "demo": "Data demo",
}

# --- file-level refusals ------------------------------------------------------------------------
EMPTY_FILE = "Berkas kosong: tidak ada baris data."
TOO_LARGE = (
    "Berkas terlalu besar ({size} MB); batasnya {limit} MB. Pecah berkas per bulan atau per unit."
)
TOO_MANY_ROWS = (
    "Berkas berisi lebih dari {limit} baris data; pecah berkas per bulan atau per unit, lalu "
    "impor satu per satu."
)
BINARY_FILE = "Berkas memuat karakter NUL: ini bukan berkas teks CSV/JSON Lines/ZKTeco."
MIXED_ENCODING = (
    "Pengodean karakter berkas campuran (sebagian UTF-8, sebagian bukan); simpan ulang sebagai "
    "'CSV UTF-8' lalu unggah lagi."
)
UNDECODABLE = (
    "Pengodean karakter berkas tidak dikenali; simpan ulang sebagai 'CSV UTF-8' lalu unggah lagi."
)
NOTE_CP1252 = (
    "Berkas bukan UTF-8; dibaca sebagai Windows-1252 (Latin-1), pengodean bawaan Excel di "
    "Windows. Periksa huruf beraksen pada pratinjau."
)
NOTE_UTF16 = "Berkas UTF-16 (teks Unicode Excel) dibaca dan diubah ke UTF-8."
NOTE_SEMICOLON = (
    "Pemisah kolom titik koma (;) seperti CSV Excel berbahasa Indonesia; koma pada angka dibaca "
    "sebagai tanda desimal."
)
NOTE_TAB = "Pemisah kolom tab."
UNKNOWN_FORMAT = (
    "Jenis berkas tidak dikenali. Baris judul harus memuat kolom salah satu format (mis. "
    "source_key, nip, ts, direction, channel untuk presensi), dipisah koma (,) atau titik koma "
    "(;). Log mesin ZKTeco diberi nama <nomor seri>_attlog.dat atau pilih formatnya."
)
LOOKS_LIKE_ZKTECO = (
    "Berkas tampak seperti log mesin ZKTeco. Pilih format 'ekspor USB' atau 'kiriman ADMS' "
    "dan isi nomor seri mesin."
)
WRONG_FORMAT_CHOSEN = "Kolom berkas tidak cocok dengan format {label} yang dipilih."
NO_READABLE_LINE = "Tidak ada baris yang bisa dibaca; baris {line}: {reason}."
DUPLICATE_HEADER = "Nama kolom ganda di baris judul: {names}."
EMPTY_HEADER = "Baris judul memuat kolom tanpa nama (posisi {positions})."
MISSING_COLUMNS = "Kolom wajib tidak ada: {names}."
UNEXPECTED_COLUMNS = (
    "Kolom tidak dikenal ditolak: {names}. Berkas impor hanya boleh memuat kolom yang "
    "didokumentasikan; kolom seperti role, unit atau deleted_at tidak bisa diisi lewat impor."
)
NO_SERIAL = (
    "Nomor seri mesin fingerprint tidak diketahui: isi kolom nomor seri, atau beri nama berkas "
    "<nomor seri>_attlog.dat."
)
UNKNOWN_DEVICE = (
    "Mesin fingerprint dengan nomor seri {serial!r} belum terdaftar; daftarkan dulu mesin dan "
    "kantornya."
)
BAD_SERIAL = "Nomor seri mesin tidak sah: {serial!r} (huruf, angka, - dan _, maksimal 64)."
USB_DEVICE_FIELD_VARIES = (
    "Kolom ke-3 (DeviceID) berubah-ubah di dalam berkas: ekspor USB berasal dari satu mesin. "
    "Mungkin ini data kiriman ADMS (urutan kolom PIN, waktu, status, verifikasi)."
)
CHECK_REFUSED = (
    "Berkas tidak diimpor: {bad} dari {total} baris bermasalah. Perbaiki berkas, atau impor hanya "
    "baris yang valid secara eksplisit."
)
FILE_CHANGED = "Berkas berubah sejak diperiksa; periksa ulang sebelum mengimpor."
NOTHING_TO_IMPORT = "Tidak ada baris valid untuk diimpor."
CONCURRENT_IMPORT = (
    "Data yang sama sedang atau baru saja diimpor oleh proses lain; tidak ada yang disimpan. "
    "Periksa ulang berkas."
)

# --- row-level reasons ----------------------------------------------------------------------------
R_COLUMN_COUNT = "jumlah kolom {found}, seharusnya {expected} (pemisah atau tanda kutip salah?)"
R_BAD_JSON = "bukan JSON yang sah: {error}"
R_NOT_OBJECT = "setiap baris JSON Lines harus berupa objek {...}"
R_DUPLICATE_KEY_JSON = "nama kolom ganda di objek JSON: {name}"
R_UNEXPECTED_KEY = "kolom tidak dikenal ditolak: {name}"
R_REQUIRED = "wajib diisi"
R_MUST_BE_TEXT = "harus berupa teks (dalam tanda kutip), bukan angka"
R_NOT_SCALAR = "harus berupa nilai tunggal, bukan daftar atau objek"
R_TOO_LONG = "terlalu panjang (maksimal {limit} karakter)"
R_NUL = "memuat karakter NUL"
R_KEY_FORMAT = "kunci sumber hanya boleh huruf, angka dan . _ : / @ # - (maksimal 120)"
R_KEY_RESERVED = "awalan 'zk:' dicadangkan untuk data mesin fingerprint"
R_NIP_SCIENTIFIC = (
    "NIP terbaca sebagai angka dalam notasi ilmiah; format kolom NIP sebagai Teks di spreadsheet"
)
R_NIP_FORMAT = "NIP harus 18 digit angka (ditulis sebagai teks)"
R_NIP_UNKNOWN = "NIP tidak dikenal"
R_NIP_DELETED = "pegawai dengan NIP ini sudah dihapus"
R_DATETIME_NAIVE = "waktu tanpa zona waktu; tambahkan +07:00 (WIB) atau Z (UTC)"
R_DATETIME_FORMAT = "waktu tidak sah; pakai ISO 8601, mis. 2026-03-02T07:28:13+07:00"
R_DATE_FORMAT = "tanggal tidak sah; pakai YYYY-MM-DD"
R_MONTH_FORMAT = "periode tidak sah; pakai YYYY-MM (mis. 2026-03)"
R_FUTURE = "waktu di masa depan"
R_TOO_OLD = "waktu sebelum tahun {year}; jam mesin mungkin belum disetel"
R_CHOICE = "nilai tidak dikenal; pilihan: {choices}"
R_NUMBER_SPECIAL = "NaN atau tak hingga bukan angka yang sah"
R_NUMBER_EXPONENT = "notasi ilmiah (mis. 1e5) tidak diterima; tulis angkanya lengkap"
R_NUMBER_FORMAT = "bukan angka desimal (pakai titik, atau koma pada berkas titik koma)"
R_INTEGER = "harus bilangan bulat"
R_RANGE = "di luar rentang {low}..{high}"
R_BOOL = "harus true/false (atau 1/0, ya/tidak)"
R_HEX = "harus {length} karakter heksadesimal"
R_IP = "alamat IP tidak sah"
R_COORD_PAIR = "koordinat harus lengkap: lintang dan bujur"
R_COORD_ZERO = "koordinat (0, 0) bukan lokasi yang sah (GPS belum terkunci)"
R_COORD_NEEDED = "absen selfie dan WFH wajib punya koordinat GPS"
R_FINGERPRINT_IN_APP = (
    "absen fingerprint diimpor dari berkas mesin ZKTeco, bukan dari berkas aplikasi"
)
R_QR_UNKNOWN = "kode QR tidak dikenal"
R_QR_NEEDS_PLACE = "absen QR tanpa koordinat harus menyebut kode QR yang terdaftar"
R_DUP_IN_FILE_CONFLICT = "kunci sumber sama dengan baris {other} tetapi isinya berbeda"
R_DUP_IN_DB_CONFLICT = (
    "kunci sumber sudah ada di basis data dengan isi berbeda; koreksi lewat halaman Kelola Data"
)
R_SELF_REVIEW = "penilai dan yang dinilai tidak boleh orang yang sama"
R_REVIEW_TWICE_FILE = (
    "penilaian periode, penilai dan yang dinilai yang sama sudah ada di baris {other}"
)
R_REVIEW_TWICE_DB = "penilaian periode, penilai dan yang dinilai yang sama sudah ada di basis data"
R_DESCRIPTION_BLANK = "uraian aktivitas kosong"
R_ZK_FIELDS = "jumlah kolom {found}; format {fmt} membutuhkan {expected}"
R_ZK_PIN = "PIN harus huruf/angka, maksimal 20 karakter"
R_ZK_PIN_UNKNOWN = "PIN tidak ada di tabel pemetaan PIN fingerprint"
R_ZK_TIME = "waktu harus YYYY-MM-DD HH:MM:SS (jam WIB mesin)"
R_ZK_STATUS = "kode status tidak dikenal (0 masuk, 1 pulang, 2-5 istirahat/lembur)"
R_ZK_VERIFY = "kode verifikasi harus bilangan bulat"
R_ZK_CONFLICT = "PIN dan waktu sama dengan baris {other} tetapi statusnya berbeda"

# --- the report ------------------------------------------------------------------------------------
COL_LINE = "Baris"
COL_COLUMN = "Kolom"
COL_REASON = "Masalah"
COL_VALUE = "Nilai"
REPORT_COUNTS = {
    "rows_total": "Baris data",
    "good": "Baris valid (baru)",
    "duplicates_in_file": "Duplikat di dalam berkas",
    "duplicates_in_db": "Sudah ada (impor ulang)",
    "skipped": "Dilewati (istirahat/lembur)",
    "bad": "Baris bermasalah",
}
ISSUES_TRUNCATED = "Menampilkan {shown} dari {total} masalah."
SKIPPED_STATUS = {
    2: "status 2 (keluar istirahat)",
    3: "status 3 (kembali istirahat)",
    4: "status 4 (masuk lembur)",
    5: "status 5 (pulang lembur)",
}
RESULT_IMPORTED = (
    "Impor selesai: {inserted} baris baru, {duplicates} duplikat dilewati, {rejected} baris "
    "bermasalah tidak diimpor (batch #{batch})."
)

# --- page widgets ---------------------------------------------------------------------------------
TAB_UPLOAD = "Unggah berkas"
TAB_PINS = "PIN fingerprint"
TAB_HISTORY = "Riwayat impor"
TAB_FORMATS = "Format berkas"
UPLOAD_LABEL = "Berkas (CSV, JSON Lines, atau attlog.dat)"
FORMAT_LABEL = "Format"
SERIAL_LABEL = "Nomor seri mesin (khusus ZKTeco; kosongkan bila ada di nama berkas)"
CHECK_BUTTON = "Periksa berkas"
IMPORT_BUTTON = "Impor"
IMPORT_GOOD_BUTTON = "Impor hanya {good} baris yang valid"
IMPORT_GOOD_WARNING = (
    "{bad} baris bermasalah TIDAK akan diimpor. Lanjutkan hanya bila Anda sudah memeriksa daftar "
    "masalah di atas."
)
CHECK_OK = "Berkas lolos pemeriksaan. Tekan Impor untuk menyimpan."
CHECK_NOTHING_NEW = "Semua baris sudah pernah diimpor; tidak ada yang baru."
PINS_INTRO = (
    "Pemetaan PIN mesin fingerprint ke NIP pegawai. Ubah, tambah atau hapus baris lalu simpan; "
    "setiap perubahan tercatat di audit."
)
PIN_COL = "PIN"
NIP_COL = "NIP"
NAME_COL = "Nama"
PINS_SAVE = "Simpan pemetaan PIN"
PINS_SAVED = "Pemetaan PIN disimpan: {added} baru, {changed} diubah, {removed} dihapus."
DEVICES_TITLE = "Mesin fingerprint terdaftar"
DEVICE_COLS = {"serial": "Nomor seri", "name": "Nama mesin", "office": "Kantor"}
HISTORY_COLS = {
    "id": "Batch",
    "created_at": "Waktu (WIB)",
    "kind": "Jenis",
    "file_name": "Nama berkas",
    "actor": "Oleh",
    "rows_total": "Baris",
    "inserted": "Baru",
    "duplicates": "Duplikat",
    "rejected": "Ditolak",
    "sha256": "SHA-256",
}
ZKTECO_HELP = (
    "Log mesin ZKTeco: satu catatan per baris, kolom dipisah tab, jam WIB sesuai jam mesin.\n"
    "Ekspor USB <nomor seri>_attlog.dat: PIN, waktu, DeviceID, status, verifikasi, workcode.\n"
    "Kiriman ADMS: PIN, waktu, status, verifikasi, workcode, cadangan...\n"
    "Status 0 = masuk, 1 = pulang; status 2-5 (istirahat/lembur) dilewati dan dihitung di "
    "laporan. PIN dicocokkan lewat tab PIN fingerprint; mesin harus terdaftar dengan kantornya."
)
FORMAT_COLS = {"column": "Kolom", "required": "Wajib", "help": "Keterangan"}
YES = "ya"
NO = "tidak"

# --- PIN mapping messages -------------------------------------------------------------------------
PIN_DUPLICATE = "PIN {pin!r} muncul lebih dari sekali"
PIN_BAD = "PIN {pin!r} tidak sah (huruf/angka, maksimal 20 karakter)"
PIN_NIP_UNKNOWN = "PIN {pin!r}: NIP {nip} tidak dikenal"

# --- CLI ------------------------------------------------------------------------------------------
CLI_HELP = "impor berkas presensi, aktivitas, review, atau log mesin ZKTeco"
CLI_FILES = "berkas yang diimpor (masing-masing satu transaksi)"
CLI_FORMAT = "format berkas (bawaan: deteksi otomatis)"
CLI_SERIAL = "nomor seri mesin fingerprint (bila tidak ada di nama berkas)"
CLI_CHECK = "hanya periksa, jangan simpan apa pun"
CLI_GOOD_ONLY = "impor baris yang valid saja dan lewati baris bermasalah (tindakan eksplisit)"
CLI_FILE_MISSING = "Berkas tidak ditemukan atau tidak bisa dibaca: {path}"
CLI_CHECKED = "{name}: diperiksa, {good} baris baru valid, {dups} duplikat, {bad} bermasalah."
CLI_SUMMARY_FAILED = "{failed} dari {total} berkas tidak diimpor."

# --- column help for the format table on the page ----------------------------------------------------
COLUMN_HELP: dict[str, dict[str, str]] = {
    "punch": {
        "source_key": "Kunci unik catatan dari aplikasi (tetap sama bila diekspor ulang).",
        "nip": "NIP pegawai, 18 digit, sebagai teks.",
        "ts": "Waktu absen ISO 8601 dengan zona, mis. 2026-03-02T07:28:13+07:00.",
        "direction": "in (masuk) atau out (pulang).",
        "channel": "selfie, wfh atau qr.",
        "lat": "Lintang GPS (wajib untuk selfie dan WFH).",
        "lon": "Bujur GPS (wajib untuk selfie dan WFH).",
        "accuracy_m": "Akurasi GPS dalam meter.",
        "mock_location": "true bila perangkat melaporkan lokasi palsu (mock location).",
        "qr_code": "Kode QR yang dipindai (absen QR).",
        "device_id": "ID perangkat ponsel.",
        "device_os": "Sistem operasi ponsel (Android, iOS).",
        "os_version": "Versi sistem operasi.",
        "device_model": "Model ponsel.",
        "app_version": "Versi aplikasi E-Kinerja.",
        "gps_permission": "Izin GPS diberikan (true/false).",
        "camera_permission": "Izin kamera diberikan (true/false).",
        "ip": "Alamat IP saat absen.",
        "photo_sha256": "SHA-256 foto selfie (64 heksadesimal).",
        "photo_phash": "Hash persepsi foto selfie (dHash 16 heksadesimal).",
    },
    "activity": {
        "source_key": "Kunci unik catatan dari aplikasi.",
        "nip": "NIP pegawai, 18 digit, sebagai teks.",
        "work_date": "Tanggal kerja YYYY-MM-DD.",
        "description": "Uraian aktivitas (disimpan apa adanya).",
        "minutes": "Durasi dalam menit, 1 sampai 1440.",
        "status": "diajukan, disetujui atau ditolak (bawaan: diajukan).",
        "approver_nip": "NIP atasan yang memutuskan.",
        "submitted_at": "Waktu diajukan (ISO 8601 dengan zona).",
        "decided_at": "Waktu diputuskan (ISO 8601 dengan zona).",
    },
    "review": {
        "source_key": "Kunci unik catatan dari aplikasi.",
        "period": "Bulan yang dinilai, YYYY-MM.",
        "reviewer_nip": "NIP penilai.",
        "reviewee_nip": "NIP pegawai yang dinilai.",
        "relation": "Hubungan penilai dengan yang dinilai: atasan, rekan atau bawahan.",
        "berorientasi_pelayanan": "Nilai 1 (di bawah), 2 (sesuai) atau 3 (di atas ekspektasi).",
        "akuntabel": "Nilai 1-3.",
        "kompeten": "Nilai 1-3.",
        "harmonis": "Nilai 1-3.",
        "loyal": "Nilai 1-3.",
        "adaptif": "Nilai 1-3.",
        "kolaboratif": "Nilai 1-3.",
        "comment": "Komentar (disimpan apa adanya).",
        "submitted_at": "Waktu dikirim (ISO 8601 dengan zona).",
    },
}
