"""Words of the Integritas Data page, the integrity command and the findings' evidence."""

from __future__ import annotations

PAGE_TITLE = "Integritas Data"
PAGE_INTRO = (
    "Temuan pemeriksaan integritas absensi (lokasi palsu, foto dipakai ulang, titip absen, ...). "
    "Temuan adalah petunjuk untuk ditinjau, bukan sanksi: admin atau auditor mengonfirmasi atau "
    "menolaknya, dan setiap perubahan tercatat di audit."
)

KIND_LABELS = {
    "mock_location": "Lokasi palsu (mock location)",
    "outside_geofence": "Absen di luar geofence kantor",
    "wfh_far_from_home": "WFH jauh dari alamat rumah",
    "impossible_travel": "Perpindahan mustahil",
    "repeated_coordinates": "Koordinat persis berulang",
    "shared_device": "Satu perangkat untuk beberapa pegawai",
    "photo_reuse": "Foto selfie dipakai ulang",
    "channel_conflict": "Fingerprint dan selfie bertentangan",
    "same_second": "Jam absen sama persis setiap hari",
    "ip_burst": "Lonjakan absen dari satu IP",
}
KIND_HELP = {
    "mock_location": "Perangkat melaporkan lokasi palsu (aplikasi fake GPS).",
    "outside_geofence": "Absen selfie di luar semua geofence kantor unit pegawai.",
    "wfh_far_from_home": "Absen WFH jauh dari alamat rumah yang terdaftar.",
    "impossible_travel": "Dua absen berurutan terlalu jauh untuk selang waktunya.",
    "repeated_coordinates": "Koordinat GPS yang persis sama di beberapa hari (pemutaran ulang lokasi palsu).",
    "shared_device": "Satu ponsel dipakai absen oleh beberapa pegawai pada hari yang sama (titip absen).",
    "photo_reuse": "Foto selfie sama atau hampir sama dengan foto absen lain.",
    "channel_conflict": "Fingerprint di kantor dan selfie berjauhan dalam selang menit.",
    "same_second": "Jam absen sama sampai ke detiknya di beberapa hari (absen otomatis).",
    "ip_burst": "Banyak pegawai absen dari satu alamat IP dalam waktu sangat singkat.",
}
SEVERITY_LABELS = {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}
STATUS_LABELS = {"baru": "Baru", "dikonfirmasi": "Dikonfirmasi", "ditolak": "Ditolak"}

# Evidence keys, shown as "label: value".
EVIDENCE_LABELS = {
    "punch_ids": "ID absen",
    "count": "Jumlah absen",
    "channels": "Kanal",
    "distance_m": "Jarak ke pusat kantor terdekat (m)",
    "outside_m": "Jarak di luar geofence (m)",
    "office_id": "ID kantor terdekat",
    "accuracy_m": "Akurasi GPS (m)",
    "home_distance_m": "Jarak dari rumah (m)",
    "speed_kmh": "Kecepatan (km/jam)",
    "minutes": "Selang waktu (menit)",
    "from_punch_id": "Dari absen",
    "to_punch_id": "Ke absen",
    "lat": "Lintang",
    "lon": "Bujur",
    "dates": "Tanggal",
    "days": "Jumlah hari",
    "device_id": "ID perangkat",
    "other_employee_ids": "Pegawai lain",
    "employee_count": "Jumlah pegawai",
    "matches": "Kecocokan foto",
    "original_punch_id": "Absen asal",
    "original_employee_id": "Pegawai absen asal",
    "original_date": "Tanggal absen asal",
    "hamming": "Selisih bit hash foto",
    "exact": "Salinan persis",
    "fingerprint_punch_id": "Absen fingerprint",
    "app_punch_id": "Absen aplikasi",
    "time_of_day": "Jam (WIB)",
    "direction": "Arah",
    "ip": "Alamat IP",
    "window_start": "Mulai (WIB)",
    "window_seconds": "Rentang (detik)",
    "pairs": "Pasangan absen",
}
OUT_OF_SCOPE = "(di luar cakupan Anda)"

# --- review --------------------------------------------------------------------------------------
REASON_REQUIRED = "Alasan wajib diisi untuk menolak temuan."
REASON_TOO_LONG = "Alasan maksimal 2.000 karakter."
STATUS_UNKNOWN = "Status temuan tidak dikenal: {status!r}"
STATUS_SAME = "Temuan sudah berstatus {status}."
FINDING_MISSING = "Temuan tidak ditemukan."
FINDING_STALE = "Temuan ini baru saja diubah orang lain; muat ulang halaman lalu ulangi."
REVIEWED = "Status temuan #{id} diubah menjadi {status}."
BAD_THRESHOLD = "Ambang {name!r} tidak dikenal atau nilainya tidak sah: {value!r}"
BAD_RANGE = "Rentang tanggal tidak sah: akhir sebelum awal, atau lebih dari {days} hari."

# --- page ------------------------------------------------------------------------------------------
FILTER_PERIOD = "Periode"
FILTER_KIND = "Jenis temuan"
FILTER_STATUS = "Status"
FILTER_UNIT = "Unit"
COLS = {
    "id": "No.",
    "work_date": "Tanggal",
    "kind": "Jenis",
    "severity": "Tingkat",
    "status": "Status",
    "nip": "NIP",
    "name": "Nama",
    "unit": "Unit",
    "summary": "Ringkasan",
}
EVIDENCE_TITLE = "Bukti"
PUNCHES_TITLE = "Absen terkait"
PUNCH_COLS = {
    "id": "ID absen",
    "time": "Waktu (WIB)",
    "channel": "Kanal",
    "direction": "Arah",
    "lat": "Lintang",
    "lon": "Bujur",
    "accuracy_m": "Akurasi (m)",
    "device_id": "Perangkat",
    "ip": "IP",
    "mock_location": "Lokasi palsu",
}
PICK_FINDING = "Pilih temuan untuk melihat bukti"
REVIEW_TITLE = "Tinjau temuan"
REVIEW_STATUS = "Status baru"
REVIEW_REASON = "Alasan (wajib bila ditolak)"
REVIEW_SAVE = "Simpan status"
HISTORY_TITLE = "Riwayat status"
RUN_TITLE = "Jalankan pemeriksaan"
RUN_MONTH = "Bulan"
RUN_BUTTON = "Jalankan pemeriksaan integritas"
RUN_DONE = "Pemeriksaan selesai: {new} temuan baru, {updated} diperbarui, {unchanged} tetap ({seconds} detik)."
NO_FINDINGS = "Tidak ada temuan untuk filter ini."
COUNT_CAPTION = "{shown} temuan ditampilkan (maksimal {limit})."

# --- CLI -------------------------------------------------------------------------------------------
CLI_HELP = "jalankan pemeriksaan integritas absensi (temuan masuk antrean tinjauan)"
CLI_MONTH = "bulan yang diperiksa, YYYY-MM (bawaan: bulan ini)"
CLI_FROM = "tanggal awal YYYY-MM-DD"
CLI_TO = "tanggal akhir YYYY-MM-DD"
CLI_SET = "ubah ambang untuk run ini, mis. --set travel_max_kmh=150 (boleh berulang)"
CLI_RESULT = (
    "Periode {start} s.d. {end}: {new} temuan baru, {updated} diperbarui, {unchanged} tetap."
)
CLI_KIND_LINE = "  {label}: {count}"
