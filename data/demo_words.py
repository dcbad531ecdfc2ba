"""Vocabulary of the demo: Javanese names, academic titles, position titles and activity texts.

Every person built from these lists is invented. Names of well-known public figures are left out
of the lists so that no combination reproduces one.
"""

from __future__ import annotations

MALE_FIRST = (
    "Agus", "Bambang", "Budi", "Joko", "Slamet", "Sugeng", "Wahyu", "Eko", "Dwi", "Tri", "Heru",
    "Hadi", "Gunawan", "Hendro", "Priyo", "Teguh", "Setyo", "Yudi", "Anton", "Rudi", "Ari", "Bayu",
    "Dimas", "Fajar", "Galih", "Ilham", "Krisna", "Lukman", "Nugroho", "Rahmat", "Sigit", "Wisnu",
    "Yoga", "Aris", "Bagus", "Catur", "Danang", "Edi", "Feri", "Gatot", "Hari", "Imam", "Jatmiko",
    "Kukuh", "Mulyono", "Nanang", "Puguh", "Rohmad", "Sapto", "Tatang", "Untung", "Widi", "Yusuf",
    "Arif", "Bima", "Cahyo", "Dodik", "Endro", "Gilang", "Hanif", "Irfan", "Kurniawan", "Misbah",
)  # fmt: skip
FEMALE_FIRST = (
    "Sri", "Siti", "Endang", "Dewi", "Rini", "Wulan", "Ratna", "Yuni", "Tutik", "Sulastri",
    "Suryani", "Puji", "Retno", "Dian", "Fitri", "Indah", "Kartika", "Laras", "Maya", "Nining",
    "Novi", "Ayu", "Anik", "Erna", "Heni", "Ika", "Lilik", "Mega", "Nunuk", "Okta", "Prapti",
    "Rina", "Sari", "Titik", "Umi", "Wiwik", "Yeni", "Anis", "Binti", "Citra", "Desi", "Evi",
    "Farida", "Galuh", "Hesti", "Ina", "Kiki", "Lina", "Melati", "Nur", "Rahma", "Septi", "Tyas",
)  # fmt: skip
MIDDLE_MALE = (
    "Budi",
    "Dwi",
    "Tri",
    "Eko",
    "Adi",
    "Nur",
    "Wahyu",
    "Putra",
    "Setya",
    "Hadi",
    "Indra",
    "Agung",
    "Rizki",
)
MIDDLE_FEMALE = (
    "Dwi",
    "Tri",
    "Nur",
    "Sri",
    "Putri",
    "Ayu",
    "Dewi",
    "Puspa",
    "Ratna",
    "Yuli",
    "Eka",
    "Wahyu",
)
MALE_LAST = (
    "Santoso", "Wibowo", "Prasetyo", "Nugroho", "Susanto", "Hartono", "Purnomo", "Setiawan",
    "Kurniawan", "Wijaya", "Saputra", "Hidayat", "Utomo", "Susilo", "Cahyono", "Pranoto",
    "Suryono", "Wicaksono", "Handoko", "Raharjo", "Siswanto", "Sutrisno", "Suprapto", "Mulyadi",
    "Haryanto", "Yulianto", "Firmansyah", "Ardiansyah", "Setyawan", "Priyanto", "Sasongko",
)  # fmt: skip
FEMALE_LAST = (
    "Lestari", "Rahayu", "Wulandari", "Puspitasari", "Handayani", "Astuti", "Wahyuni",
    "Kusumawati", "Rahmawati", "Setyaningsih", "Purwaningsih", "Susanti", "Anggraini", "Pratiwi",
    "Maharani", "Kurniasih", "Setyowati", "Purwanti", "Yuliana", "Fitriani", "Widyastuti",
    "Ningsih", "Hartati", "Permatasari", "Damayanti",
)  # fmt: skip

# Bachelor titles by field, and master titles; doctors get "dr." in front.
BACHELOR = ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.AP.", "S.IP.", "S.Pd.", "S.Si.", "S.Ak.")
MASTER = ("M.Si.", "M.M.", "M.AP.", "M.Pd.", "M.T.", "M.H.")
DIPLOMA = ("A.Md.", "A.Md.Kom.", "A.Md.Ak.")

# Golongan ladder (index 0 = II/a); the demo uses II/a .. IV/c.
GOLONGAN = (
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
)

HEAD_TITLE = {
    "SETDA": "Sekretaris Daerah",
    "SETWAN": "Sekretaris DPRD",
    "INSPEKTORAT": "Inspektur",
    "badan": "Kepala Badan",
    "dinas": "Kepala Dinas",
    "satpol": "Kepala Satuan",
    "rsud": "Direktur",
    "kecamatan": "Camat",
    "kelurahan": "Lurah",
}

ADMINISTRATOR_TITLES = {
    "sekretariat": ("Asisten Pemerintahan", "Asisten Perekonomian dan Pembangunan",
                    "Asisten Administrasi Umum", "Kepala Bagian Umum", "Kepala Bagian Hukum"),
    "inspektorat": ("Sekretaris", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II"),
    "rsud": ("Wakil Direktur Pelayanan", "Wakil Direktur Umum dan Keuangan",
             "Kepala Bidang Keperawatan", "Kepala Bidang Penunjang Medis"),
    "kecamatan": ("Sekretaris Kecamatan",),
    "default": ("Sekretaris", "Kepala Bidang Program", "Kepala Bidang Pelayanan",
                "Kepala Bidang Pengembangan", "Kepala Bidang Pengendalian"),
}  # fmt: skip

PENGAWAS_TITLES = {
    "kelurahan": ("Sekretaris Kelurahan", "Kepala Seksi Pemerintahan",
                  "Kepala Seksi Pemberdayaan Masyarakat", "Kepala Seksi Ketenteraman dan Ketertiban"),
    "kecamatan": ("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Seksi Pemerintahan",
                  "Kepala Seksi Pelayanan Umum"),
    "default": ("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan",
                "Kepala Sub Bagian Perencanaan", "Kepala Seksi Pelayanan",
                "Kepala Seksi Pengawasan", "Kepala Seksi Data dan Informasi"),
}  # fmt: skip

PELAKSANA = (
    "Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengolah Data dan Informasi",
    "Operator Layanan Operasional", "Pengelola Umum Operasional", "Penelaah Teknis Kebijakan",
)  # fmt: skip

# Functional positions by unit code (or kind); (title, is_skilled_track) — "Terampil" titles sit lower.
FUNCTIONAL = {
    "DISKOMINFO": ("Pranata Komputer Ahli Pertama", "Pranata Hubungan Masyarakat Ahli Muda",
                   "Statistisi Ahli Pertama", "Pranata Komputer Terampil"),
    "RSUD": ("Perawat Ahli Pertama", "Perawat Terampil", "Bidan Terampil", "Dokter Ahli Muda",
             "Apoteker Ahli Pertama", "Pranata Laboratorium Kesehatan Terampil", "Radiografer Terampil",
             "Perawat Ahli Muda", "Nutrisionis Ahli Pertama"),
    "DISDIK": ("Pengawas Sekolah Ahli Madya", "Penilik Ahli Muda", "Pamong Belajar Ahli Pertama",
               "Guru Ahli Pertama", "Guru Ahli Muda"),
    "DINKES-PPKB": ("Epidemiolog Kesehatan Ahli Pertama", "Nutrisionis Ahli Pertama",
                    "Sanitarian Terampil", "Penyuluh Keluarga Berencana Ahli Pertama"),
    "SATPOL-PP": ("Polisi Pamong Praja Terampil", "Polisi Pamong Praja Pemula",
                  "Polisi Pamong Praja Mahir", "Analis Kebakaran Terampil"),
    "DLH": ("Pengendali Dampak Lingkungan Ahli Pertama", "Pengawas Lingkungan Hidup Terampil",
            "Operator Layanan Operasional (Kebersihan)"),
    "DISHUB": ("Penguji Kendaraan Bermotor Terampil", "Operator Layanan Operasional (Lalu Lintas)",
               "Asisten Inspektur Transportasi"),
    "INSPEKTORAT": ("Auditor Ahli Pertama", "Auditor Ahli Muda",
                    "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda"),
    "BKPSDM": ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Asesor SDM Aparatur Ahli Muda"),
    "BAPENDA": ("Penata Kelola Pajak Daerah", "Pengelola Penagihan Pajak"),
    "BPKAD": ("Analis Keuangan Pusat dan Daerah Ahli Pertama", "Penata Kelola Barang Milik Daerah"),
    "BAPPEDA-LITBANG": ("Perencana Ahli Pertama", "Perencana Ahli Muda", "Peneliti Ahli Pertama"),
    "DISDAG": ("Penera Ahli Pertama", "Pengawas Perdagangan Ahli Pertama", "Pengelola Pasar"),
    "DISPUSIP": ("Pustakawan Ahli Pertama", "Arsiparis Terampil", "Pustakawan Terampil"),
    "DKPP": ("Penyuluh Pertanian Ahli Pertama", "Medik Veteriner Ahli Pertama",
             "Pengawas Mutu Hasil Pertanian Terampil"),
    "DISNAKER": ("Mediator Hubungan Industrial Ahli Pertama", "Pengantar Kerja Ahli Pertama"),
    "DINSOS-PPPA": ("Pekerja Sosial Ahli Pertama", "Penyuluh Sosial Ahli Pertama"),
    "DISPENDUKCAPIL": ("Administrator Database Kependudukan Ahli Pertama",
                       "Pengadministrasi Registrasi Kependudukan"),
    "DPUPR": ("Teknik Jalan dan Jembatan Ahli Pertama", "Penata Ruang Ahli Pertama",
              "Teknik Pengairan Terampil"),
    "DISPERKIM": ("Penata Kawasan Permukiman Ahli Pertama", "Teknik Tata Bangunan dan Perumahan"),
    "BPBD": ("Analis Bencana Ahli Pertama", "Operator Pusat Pengendalian Operasi"),
    "DISBUDPARPORA": ("Pamong Budaya Ahli Pertama", "Adyatama Kepariwisataan Ahli Pertama"),
    "DPMPTSP": ("Penata Perizinan Ahli Pertama", "Penyuluh Koperasi Ahli Pertama"),
}  # fmt: skip

# Daily activity texts by unit family; "{x}" takes one of the unit's topics.
ACTIVITY_COMMON = (
    "Mengikuti apel pagi", "Menyusun laporan kegiatan {x}", "Rapat koordinasi {x}",
    "Mengarsipkan surat masuk dan keluar", "Menyiapkan bahan rapat pimpinan",
    "Memperbarui data {x} di aplikasi", "Menyusun notulen rapat {x}",
    "Menindaklanjuti disposisi pimpinan tentang {x}", "Menginput capaian kinerja bulanan",
    "Menyusun rencana kerja {x}", "Verifikasi berkas {x}", "Konsultasi teknis {x}",
)  # fmt: skip
ACTIVITY_BY_FAMILY = {
    "kominfo": ("Memelihara server dan jaringan Pemkot", "Memperbarui konten situs madiunkota.go.id",
                "Menangani gangguan aplikasi {x}", "Mendokumentasikan kegiatan Wali Kota",
                "Menyusun siaran pers {x}", "Memantau aduan masyarakat di kanal {x}"),
    "rsud": ("Melayani pasien rawat jalan", "Asuhan keperawatan pasien rawat inap",
             "Serah terima pasien antar sif", "Pemeriksaan laboratorium pasien",
             "Visite pasien bersama dokter", "Mengisi rekam medis elektronik",
             "Menyiapkan obat pasien {x}"),
    "pendidikan": ("Supervisi sekolah {x}", "Verifikasi data pokok pendidikan",
                   "Pendampingan guru penggerak", "Menyusun laporan dana BOS {x}"),
    "kesehatan": ("Pemantauan posyandu {x}", "Surveilans penyakit menular",
                  "Penyuluhan gizi di {x}", "Verifikasi klaim JKN"),
    "satpol": ("Patroli ketertiban umum di {x}", "Penertiban pedagang kaki lima {x}",
               "Pengamanan kegiatan Pemkot di {x}", "Piket markas komando",
               "Latihan kesiapsiagaan pemadam kebakaran"),
    "lingkungan": ("Pengawasan kebersihan jalan {x}", "Pemeliharaan taman kota {x}",
                   "Pemantauan TPS {x}", "Pengujian kualitas air sungai {x}"),
    "perhubungan": ("Pengaturan lalu lintas di simpang {x}", "Uji berkala kendaraan bermotor",
                    "Pengawasan parkir tepi jalan {x}", "Pemeliharaan lampu lalu lintas {x}"),
    "wilayah": ("Pelayanan surat pengantar warga", "Pendataan warga kurang mampu {x}",
                "Rapat koordinasi RT/RW {x}", "Pemantauan kebersihan lingkungan {x}",
                "Pelayanan administrasi kependudukan"),
    "keuangan": ("Verifikasi SPJ {x}", "Rekonsiliasi pendapatan {x}", "Penatausahaan aset {x}",
                 "Pelayanan wajib pajak {x}"),
    "pengawasan": ("Reviu laporan keuangan {x}", "Pemeriksaan reguler {x}",
                   "Evaluasi SAKIP {x}", "Pemantauan tindak lanjut hasil pemeriksaan"),
    "umum": ("Pelayanan masyarakat di loket", "Penyusunan kajian {x}",
             "Monitoring dan evaluasi program {x}", "Sosialisasi program {x}"),
}  # fmt: skip
TOPICS = (
    "anggaran 2026", "SPBE", "pelayanan publik", "kepegawaian", "Kelurahan Oro-oro Ombo",
    "Pasar Besar", "Jalan Pahlawan", "Alun-alun", "Kecamatan Taman", "program prioritas",
    "Sungai Madiun", "Taman Bantaran", "zona integritas", "laporan triwulan", "aset daerah",
)  # fmt: skip
FAMILY_OF_UNIT = {
    "DISKOMINFO": "kominfo", "RSUD": "rsud", "DISDIK": "pendidikan", "DINKES-PPKB": "kesehatan",
    "SATPOL-PP": "satpol", "DLH": "lingkungan", "DISHUB": "perhubungan", "BAPENDA": "keuangan",
    "BPKAD": "keuangan", "INSPEKTORAT": "pengawasan",
}  # fmt: skip
ACTIVITY_REJECT_NOTE = "Uraian kurang rinci"

REVIEW_COMMENTS = {
    1: ("Perlu meningkatkan ketepatan waktu", "Koordinasi dengan tim masih kurang",
        "Laporan sering terlambat"),
    2: ("Kinerja sesuai harapan", "Cukup baik, pertahankan", "Bekerja sama dengan baik"),
    3: ("Sangat membantu tim", "Inisiatif tinggi dan responsif", "Pelayanan kepada warga sangat baik"),
}  # fmt: skip

LEAVE_NOTES = {
    "cuti": ("Cuti tahunan", "Keperluan keluarga", "Acara keluarga di luar kota"),
    "sakit": ("Sakit dengan surat keterangan dokter", "Rawat jalan"),
    "izin": ("Mengurus keperluan keluarga", "Izin keperluan mendesak"),
    "dinas_luar": ("Bimbingan teknis di Surabaya", "Rapat koordinasi di Provinsi Jawa Timur",
                   "Studi banding ke Kota Malang", "Konsultasi ke kementerian di Jakarta"),
    "wfh": ("Penugasan kerja dari rumah", "WFH sesuai surat edaran"),
}  # fmt: skip

PHONES_ANDROID = (
    "Samsung Galaxy A14", "Samsung Galaxy A24", "Samsung Galaxy A54", "Xiaomi Redmi Note 12",
    "Xiaomi Redmi 13C", "OPPO A58", "OPPO A78", "vivo Y17s", "vivo Y36", "realme C55",
    "Infinix Hot 30", "Samsung Galaxy A05s",
)  # fmt: skip
PHONES_IOS = ("iPhone 11", "iPhone 12", "iPhone 13", "iPhone 14", "iPhone 15")
ANDROID_VERSIONS = ("10", "11", "12", "13", "14", "15")
IOS_VERSIONS = ("16.7", "17.5", "17.6", "18.1", "18.3")
APP_VERSIONS = ("3.4.2", "3.5.0", "3.5.1", "3.6.0")
# Public address blocks of the mobile carriers seen in Madiun; the last two octets are random.
CARRIER_PREFIXES = ("114.125", "182.1", "36.72", "112.215", "120.188", "110.136")
