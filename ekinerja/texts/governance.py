"""Words of the data-governance screens and messages: corrections, deletion, holds, retention,
access requests, the audit trail and the policy page."""

from __future__ import annotations

# --- records that can be managed -----------------------------------------------------------------

ENTITY_LABELS = {
    "punch": "Absensi",
    "summary": "Ringkasan harian",
    "activity": "Aktivitas harian",
    "review": "Review perilaku",
    "leave": "Cuti, izin & dinas luar",
}

COLUMN_LABELS = {
    "_index": "ID",
    "nip": "NIP",
    "name": "Nama",
    "unit": "Unit",
    "work_date": "Tanggal",
    "ts": "Waktu (WIB)",
    "direction": "Arah",
    "channel": "Kanal",
    "lat": "Lintang",
    "lon": "Bujur",
    "accuracy_m": "Akurasi (m)",
    "mock_location": "Lokasi palsu",
    "has_photo": "Ada foto",
    "kind": "Jenis",
    "subkind": "Rincian",
    "start_date": "Mulai",
    "end_date": "Selesai",
    "note": "Catatan",
    "description": "Uraian",
    "minutes": "Menit",
    "status": "Status",
    "period": "Periode",
    "reviewer_nip": "NIP penilai",
    "reviewee_nip": "NIP dinilai",
    "relation": "Hubungan",
    "comment": "Komentar",
    "first_in": "Masuk (WIB)",
    "last_out": "Pulang (WIB)",
    "minutes_late": "Terlambat (menit)",
    "minutes_early": "Pulang cepat (menit)",
    "punch_count": "Jumlah absen",
    "version": "Versi",
    "deleted_at": "Dihapus pada (WIB)",
    "deactivated_for_violation": "Nonaktif karena pelanggaran",
}
ACCOUNT_DELETED_INFO = (
    "Akun ini sudah dihapus dan menunggu penghapusan permanen (lihat Penahanan & Retensi). "
    "Data yang masih disimpan tetap dapat diunduh."
)

# --- messages ------------------------------------------------------------------------------------

REASON_REQUIRED = (
    "Alasan wajib diisi (minimal {n} karakter): setiap perubahan dicatat di jejak audit."
)
REASON_TOO_LONG = "Alasan terlalu panjang (maksimal {n} karakter)."
NOT_FOUND = "{entity} #{id} tidak ditemukan: mungkin sudah dihapus permanen."
ALREADY_DELETED = "{entity} #{id} sudah dihapus; pulihkan dulu bila ingin mengubahnya."
NOT_DELETED = "{entity} #{id} tidak berada di daftar data terhapus."
STALE = (
    "{entity} #{id} sudah diubah oleh pengguna lain (versi sekarang {current}, formulir Anda "
    "versi {seen}). Perubahan Anda tidak disimpan dan data terbaru dipertahankan: muat ulang "
    "lalu ulangi perubahan Anda."
)
NO_CHANGES = "Tidak ada perubahan untuk disimpan."
FIELD_NOT_EDITABLE = "Kolom {field!r} tidak dapat diubah di sini."
UNKNOWN_ENTITY = "Jenis data tidak dikenal: {entity!r}."
EMPLOYEE_NOT_FOUND = "Pegawai tidak ditemukan."
EMPLOYEE_ERASED = "Data pegawai ini sudah dihapus permanen."
EMPLOYEE_ALREADY_DELETED = "Akun pegawai ini sudah dihapus (permintaan penghapusan #{id})."
UNIT_NOT_FOUND = "Unit tidak ditemukan."
HOLD_REFUSAL = (
    "Ditolak: data ini ditahan untuk perkara {case_ref} (penahanan #{id}); data tidak dapat "
    "dikoreksi atau dihapus selama penahanan berlaku."
)
VIOLATION_REFUSAL = (
    "Ditolak: akun pegawai ini dinonaktifkan karena pelanggaran; datanya disimpan untuk mencegah "
    "penyalahgunaan berulang (Kebijakan Data bagian IV)."
)
ACCOUNT_DELETE_ALL_KEPT = "Tidak ada yang dihapus. {reason}"

# --- holds ---------------------------------------------------------------------------------------

HOLD_CASE_REQUIRED = "Nomor/rujukan perkara wajib diisi."
HOLD_SCOPE_REQUIRED = "Pilih minimal satu cakupan penahanan: pegawai, unit, atau rentang tanggal."
HOLD_PERIOD_ORDER = "Tanggal selesai penahanan tidak boleh sebelum tanggal mulai."
HOLD_NOT_FOUND = "Penahanan #{id} tidak ditemukan."
HOLD_ALREADY_LIFTED = "Penahanan #{id} sudah dicabut."
HOLD_STALE = "Penahanan #{id} sudah diubah oleh pengguna lain; muat ulang halaman lalu ulangi."

# --- retention -----------------------------------------------------------------------------------

CATEGORY_LABELS = {
    "foto": "Foto selfie (biometrik)",
    "gps": "Titik GPS absensi",
    "absensi": "Absensi & ringkasan harian",
    "cuti": "Cuti, izin & dinas luar",
    "aktivitas": "Aktivitas harian",
    "review": "Review perilaku",
    "perangkat": "Data perangkat",
    "terhapus": "Masa tenggang data terhapus",
    "audit": "Jejak audit",
}
CATEGORY_HELP = {
    "foto": "File foto dihapus; path dan hash foto pada rekaman absen dikosongkan.",
    "gps": "Lintang, bujur dan akurasi pada rekaman absen dikosongkan.",
    "absensi": "Rekaman absen beserta ringkasan hariannya dihapus.",
    "cuti": "Rekaman cuti/izin yang sudah berakhir dihapus.",
    "aktivitas": "Aktivitas harian dihapus.",
    "review": "Review perilaku (ditulis dan diterima) dihapus.",
    "perangkat": "Perangkat yang tidak terlihat lagi selama masa ini dihapus.",
    "terhapus": "Data yang dihapus admin dapat dipulihkan selama masa ini, lalu dihapus permanen.",
    "audit": "Selalu disimpan: append-only dan berantai hash; tidak memuat nama atau hash foto.",
}
RULE_UNKNOWN = "Kategori retensi tidak dikenal: {category!r}."
RULE_BELOW_MIN = "{label}: masa simpan minimal {min} hari (batas hukum/operasional)."
RULE_ABOVE_MAX = "{label}: masa simpan maksimal {max} hari."
RULE_FOREVER_ONLY = (
    "{label} disimpan selamanya: entri audit append-only dan berantai hash, tidak dapat "
    "dihapus atau diperpendek."
)
RULE_FOREVER_NOT_ALLOWED = "{label}: masa simpan harus berupa jumlah hari."
RULE_STALE = "Aturan retensi {label} sudah diubah oleh pengguna lain; muat ulang lalu ulangi."
FOREVER = "Selamanya"

# --- policy --------------------------------------------------------------------------------------

POLICY_LABEL_REQUIRED = "Label versi kebijakan wajib diisi."
POLICY_LABEL_TAKEN = "Versi kebijakan {label!r} sudah ada."
POLICY_BODY_REQUIRED = "Teks kebijakan wajib diisi."
POLICY_SUMMARY_REQUIRED = "Ringkasan perubahan wajib diisi."
POLICY_NOTICE = (
    "Tanggal berlaku harus minimal {days} hari setelah pengumuman ({earliest}): pengguna "
    "diberi tahu dan diberi kesempatan menanggapi sebelum kebijakan berubah (bagian V)."
)

# --- audit search --------------------------------------------------------------------------------

AUDIT_COLUMNS = {
    "_index": "No.",
    "ts": "Waktu (WIB)",
    "actor": "Pelaku",
    "role": "Peran",
    "action": "Tindakan",
    "entity": "Objek",
    "entity_id": "ID objek",
    "reason": "Alasan",
    "before": "Sebelum",
    "after": "Sesudah",
}
AUDIT_BAD_FILTER = "Filter audit tidak dikenal: {name!r}."
AUDIT_OK = "Rantai audit utuh: {n} entri diperiksa, tidak ada yang diubah."
AUDIT_BROKEN = "Rantai audit RUSAK pada entri #{id}: {problem}."

# --- access export readme ------------------------------------------------------------------------

ACCESS_README_HEAD = """\
SALINAN DATA PRIBADI - APLIKASI E-KINERJA PEMERINTAH KOTA MADIUN

Berkas ini dibuat atas permintaan akses data pribadi (Kebijakan Data E-Kinerja bagian III;
UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi).

Pegawai     : ID {employee_id}
Dibuat pada : {created}
Dibuat oleh : {actor}

Semua waktu dalam WIB (Asia/Jakarta). Berkas CSV berkodekan UTF-8 dan dapat dibuka dengan
Excel atau LibreOffice. Sel teks yang diawali =, +, -, atau @ diberi tanda petik (') agar
tidak dijalankan sebagai rumus.

Isi berkas:
"""
ACCESS_FILES = {
    "pegawai.csv": "Biodata dan status akun Anda.",
    "absensi.csv": (
        "Setiap rekaman absen (selfie, WFH, QR code, fingerprint): waktu, lokasi GPS, perangkat, "
        "dan nama file foto di folder foto/."
    ),
    "ringkasan_harian.csv": "Ringkasan per hari: status kehadiran, jam masuk/pulang, terlambat.",
    "aktivitas.csv": "Aktivitas harian yang Anda laporkan beserta status persetujuannya.",
    "review_ditulis.csv": "Review perilaku yang Anda berikan kepada rekan.",
    "review_diterima.csv": (
        "Review perilaku yang Anda terima. Identitas penilai tidak disertakan (data pribadi orang "
        "lain); hubungannya dengan Anda (atasan/rekan/bawahan) disertakan."
    ),
    "cuti_izin.csv": "Cuti, izin, sakit, dinas luar dan penugasan WFH.",
    "perangkat.csv": "Ponsel yang terhubung: sistem operasi, versi aplikasi, izin GPS/kamera.",
    "pin_fingerprint.csv": "PIN Anda pada mesin fingerprint.",
    "penilaian_hasil_kerja.csv": "Penilaian hasil kerja dari atasan per periode.",
    "foto/": "Foto selfie absensi Anda yang masih disimpan (nama file: tanggal_idabsen).",
}
ACCESS_README_TAIL = """
Data yang sudah dihapus oleh admin tetapi masih dalam masa tenggang {grace} hari tidak
disertakan; data tersebut dihapus permanen setelah masa tenggang berakhir.

Pertanyaan: kominfo@madiunkota.go.id (Dinas Komunikasi dan Informatika Kota Madiun).
"""
KEPT_BY_HOLD = "{n} data ditahan untuk perkara {case_ref} (penahanan #{id})."
KEPT_BY_VIOLATION = (
    "{n} data disimpan karena akun dinonaktifkan atas pelanggaran (Kebijakan bagian IV)."
)
ERASURE_NOT_CANCELLABLE = (
    "Permintaan penghapusan #{id} tidak dapat dibatalkan (sudah selesai atau dibatalkan)."
)
STATUS_ACTIVE_VIOLATION = "Akun aktif tidak dapat ditandai pelanggaran; nonaktifkan dulu."
HOLD_CASE_CHARS = (
    "Rujukan perkara hanya boleh berisi huruf, angka, spasi dan tanda . , / : # ( ) - _"
)

# --- column labels of the Penahanan & Retensi and Kebijakan screens -------------------------------

HOLD_COLUMNS = {
    "_index": "No.",
    "case_ref": "Perkara",
    "nip": "NIP",
    "unit": "Unit",
    "start_date": "Mulai",
    "end_date": "Selesai",
    "note": "Catatan",
    "placed_by": "Dipasang oleh",
    "placed_at": "Dipasang",
    "lifted_by": "Dicabut oleh",
    "lifted_at": "Dicabut",
    "lift_reason": "Alasan cabut",
    "version": "Versi",
}
RULE_COLUMNS = {
    "label": "Kategori",
    "keep_days": "Masa simpan (hari)",
    "min_days": "Minimal",
    "max_days": "Maksimal",
    "default_days": "Bawaan",
    "help": "Keterangan",
    "version": "Versi",
    "updated_by": "Diubah oleh",
}
ERASURE_COLUMNS = {
    "_index": "No.",
    "employee_id": "ID pegawai",
    "requested_by": "Diminta oleh",
    "requested_at": "Diminta (WIB)",
    "state": "Status",
    "completed_at": "Selesai (WIB)",
    "refusals": "Masih ditahan",
    "reason": "Alasan",
}
POLICY_LOG_COLUMNS = {
    "label": "Versi",
    "announced_on": "Diumumkan",
    "effective_date": "Berlaku",
    "summary": "Ringkasan perubahan",
    "created_by": "Oleh",
}
POLICY_LABEL_CHARS = (
    "Label versi hanya boleh berisi huruf, angka, spasi dan tanda . , / : # ( ) - _"
)
STATUS_CHOICES = {
    "aktif": "Aktif",
    "nonaktif": "Nonaktif",
    "pelanggaran": "Nonaktif karena pelanggaran",
}
