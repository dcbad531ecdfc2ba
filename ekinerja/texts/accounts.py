"""Words of the accounts area: login, sessions, first-run setup, account management, SSO.

Messages never echo what someone typed: the login form and account fields take hostile text,
and an error message is shown through Markdown.
"""

from __future__ import annotations

# --- Login -------------------------------------------------------------------------------------
LOGIN_FAILED = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara."
LOGIN_TITLE = "Masuk"
LOGIN_USERNAME = "Nama pengguna"
LOGIN_PASSWORD = "Kata sandi"
LOGIN_SUBMIT = "Masuk"
LOGIN_SSO = "Masuk dengan SSO"
LOGIN_SSO_HELP = "Masuk memakai akun organisasi (single sign-on)."
LOGIN_SSO_AGAIN = "Sesi SSO Anda sudah lama. Silakan masuk ulang dengan SSO."
SSO_REFUSED = (
    "Identitas SSO ini belum terdaftar atau akunnya nonaktif. "
    "Hubungi admin untuk menautkan akun Anda."
)
SSO_LOGOUT = "Keluar dari SSO"
SESSION_ENDED = "Sesi Anda telah berakhir. Silakan masuk kembali."
DEMO_ACCOUNTS_TITLE = "**Akun demo** (kata sandi sama untuk semua):"
DEMO_ALL_UNITS = "Semua"
LOGOUT = "Keluar"
MUST_CHANGE = "Kata sandi Anda harus diganti sebelum memakai dashboard."
NOT_ALLOWED_TITLE = "Halaman tidak tersedia"
NOT_ALLOWED = "Peran Anda ({role}) tidak berwenang membuka halaman ini."
NOT_ALLOWED_HINT = "Halaman yang boleh Anda buka ada di menu samping."
NOT_ALLOWED_PASSWORD = "Ganti kata sandi Anda dulu di Akun Saya; setelah itu halaman lain terbuka."
OPEN_ACCOUNT = "Buka Akun Saya"

# --- Password and username rules ---------------------------------------------------------------
USERNAME_LENGTH = "Nama pengguna harus 3 sampai 64 karakter."
USERNAME_CHARS = (
    "Nama pengguna hanya boleh huruf a-z, angka, titik, garis bawah, minus dan @ "
    "(tanpa spasi dan tanpa huruf non-Latin)."
)
USERNAME_TAKEN = "Nama pengguna itu sudah dipakai akun lain."
PASSWORD_TOO_SHORT = "Kata sandi minimal {n} karakter."
PASSWORD_TOO_LONG = "Kata sandi maksimal {n} karakter."
PASSWORD_CONTROL = "Kata sandi tidak boleh memuat karakter kendali (mis. NUL atau baris baru)."
PASSWORD_WEAK = "Kata sandi terlalu mudah ditebak (berulang, berurutan, atau memuat nama pengguna)."
PASSWORD_MISMATCH = "Konfirmasi kata sandi tidak sama."
PASSWORD_OLD_WRONG = "Kata sandi lama salah."
PASSWORD_SAME = "Kata sandi baru harus berbeda dari yang lama."
PASSWORD_NONE = "Akun ini masuk lewat SSO dan tidak memakai kata sandi."
DISPLAY_NAME_EMPTY = "Nama tampilan wajib diisi."
DISPLAY_NAME_LONG = "Nama tampilan maksimal 200 karakter."
DISPLAY_NAME_CONTROL = (
    "Nama tampilan tidak boleh memuat karakter kendali atau tak terlihat "
    "(baris baru, NUL, penanda arah teks, karakter lebar-nol)."
)
EMAIL_INVALID = "Alamat email SSO tidak sah."
EMAIL_TAKEN = "Email SSO itu sudah dipakai akun lain."
ROLE_UNKNOWN = "Peran tidak dikenal. Pilih: admin, hr, supervisor, auditor."
UNIT_UNKNOWN = "Unit tidak dikenal: {code}."
UNIT_ID_UNKNOWN = "Ada unit yang tidak dikenal."
SUPERVISOR_NEEDS_UNIT = "Akun atasan harus punya minimal satu unit."
UNITS_ONLY_SUPERVISOR = "Hanya akun atasan yang punya unit cakupan; peran lain melihat semua unit."

# --- Account management ------------------------------------------------------------------------
STALE_VERSION = (
    "Akun ini baru saja diubah orang lain. Muat ulang halaman, periksa datanya, lalu simpan lagi."
)
ACCOUNT_NOT_FOUND = "Akun tidak ditemukan."
LAST_ADMIN = "Harus tetap ada minimal satu admin aktif."
NOT_SELF = "Anda tidak bisa menonaktifkan atau mengubah peran akun Anda sendiri."
REASON_REQUIRED = "Alasan wajib diisi (maksimal 500 karakter)."

COL_USERNAME = "Nama pengguna"
COL_DISPLAY = "Nama tampilan"
COL_ROLE = "Peran"
COL_UNITS = "Unit cakupan"
COL_STATUS = "Status"
COL_LOCKED = "Terkunci sampai"
COL_LAST_LOGIN = "Login terakhir"
COL_SESSIONS = "Sesi aktif"
COL_SSO = "SSO"
COL_MUST_CHANGE = "Wajib ganti sandi"
ALL_UNITS = "Semua unit"
WITH_SUBUNITS = " (+ sub-unit)"
STATUS_ACTIVE = "Aktif"
STATUS_INACTIVE = "Nonaktif"
SSO_BOUND = "Tertaut"
SSO_WAITING = "Menunggu login pertama"
YES = "Ya"

# --- First-run setup ---------------------------------------------------------------------------
SETUP_TITLE = "Penyiapan awal"
SETUP_INTRO = (
    "Basis data produksi ini belum punya akun admin. Buat akun admin pertama. "
    "Kode penyiapan tertulis di log server saat halaman ini pertama dibuka "
    "(atau pakai `python -m ekinerja user add NAMA --role admin --password-stdin`)."
)
SETUP_CODE = "Kode penyiapan (dari log server)"
SETUP_CODE_WRONG = "Kode penyiapan salah."
SETUP_DONE_ALREADY = "Penyiapan sudah selesai: sudah ada akun admin. Silakan masuk."
SETUP_SUBMIT = "Buat admin pertama"
SETUP_HAVE_ACCOUNT = "Sudah punya akun? Masuk"
SETUP_LOG = (
    "E-Kinerja: basis data belum punya admin. Kode penyiapan awal untuk halaman Penyiapan: {code}"
)

# --- Audit reasons (stored; never contain what was typed) --------------------------------------
REASON_UNKNOWN_USER = "pengguna tidak dikenal (ref {ref})"
REASON_LOCKED = "akun terkunci"
REASON_DISABLED = "akun nonaktif"
REASON_WRONG_PASSWORD = "kata sandi salah"
REASON_LOCKED_UNTIL = "; dikunci sampai {until}"
REASON_LOGOUT = "keluar"
REASON_IDLE = "tidak aktif terlalu lama"
REASON_ABSOLUTE = "batas waktu sesi"
REASON_ACCOUNT_OFF = "akun dinonaktifkan"
REASON_ADMIN_ENDED = "diakhiri admin"
REASON_PASSWORD_CHANGED = "kata sandi diganti"
REASON_PASSWORD_RESET = "kata sandi direset admin"
REASON_SSO_UNKNOWN = "identitas SSO tidak dikenal (ref {ref})"
REASON_SSO_STALE = "token SSO kedaluwarsa/lama"
REASON_SSO_BAD = "klaim SSO tidak lengkap"
