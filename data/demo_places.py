"""Public reference facts of Kota Madiun used by the demo (copied from shared/reference).

The organisation units (OPD, names as used 2019-2025) and the 27 kelurahan with their official
region codes and approximate centroids. Kept here so the demo builds without the shared folder.
"""

from __future__ import annotations

import csv
import io

OPD_CSV = """\
kind,name,short
sekretariat,Sekretariat Daerah,Setda
sekretariat,Sekretariat DPRD,Setwan
inspektorat,Inspektorat Daerah,Inspektorat
badan,Badan Kepegawaian dan Pengembangan Sumber Daya Manusia,BKPSDM
badan,Badan Kesatuan Bangsa dan Politik,Bakesbangpol
badan,Badan Penanggulangan Bencana Daerah,BPBD
badan,Badan Pendapatan Daerah,Bapenda
badan,Badan Pengelolaan Keuangan dan Aset Daerah,BPKAD
badan,"Badan Perencanaan, Penelitian dan Pengembangan Daerah",Bappeda Litbang
dinas,Dinas Pendidikan,Disdik
dinas,"Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",Dinkes PPKB
dinas,Dinas Komunikasi dan Informatika,Diskominfo
dinas,Dinas Pekerjaan Umum dan Penataan Ruang,DPUPR
dinas,Dinas Perhubungan,Dishub
dinas,Dinas Lingkungan Hidup,DLH
dinas,Dinas Perumahan dan Kawasan Permukiman,Disperkim
dinas,Dinas Kependudukan dan Pencatatan Sipil,Dispendukcapil
dinas,"Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak",Dinsos PPPA
dinas,"Dinas Kebudayaan, Pariwisata, Kepemudaan dan Olahraga",Disbudparpora
dinas,"Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu, Koperasi dan Usaha Mikro",DPMPTSP
dinas,Dinas Perdagangan,Disdag
dinas,Dinas Perpustakaan dan Kearsipan,Dispusip
dinas,Dinas Ketahanan Pangan dan Pertanian,DKPP
dinas,"Dinas Tenaga Kerja, Koperasi, Usaha Kecil dan Menengah",Disnaker
satpol,Satuan Polisi Pamong Praja dan Pemadam Kebakaran,Satpol PP
rsud,Rumah Sakit Umum Daerah Kota Madiun,RSUD
kecamatan,Kecamatan Kartoharjo,Kec. Kartoharjo
kecamatan,Kecamatan Manguharjo,Kec. Manguharjo
kecamatan,Kecamatan Taman,Kec. Taman
"""

KELURAHAN_CSV = """\
kode,kelurahan,kecamatan,lat,lon
35.77.01.1001,Oro-oro Ombo,Kartoharjo,-7.6209,111.5307
35.77.01.1002,Sukosari,Kartoharjo,-7.6145,111.5337
35.77.01.1003,Klegen,Kartoharjo,-7.6287,111.5365
35.77.01.1004,Rejomulyo,Kartoharjo,-7.6153,111.5434
35.77.01.1005,Pilangbango,Kartoharjo,-7.6166,111.5499
35.77.01.1006,Tawangrejo,Kartoharjo,-7.6047,111.5419
35.77.01.1007,Kanigoro,Kartoharjo,-7.6310,111.5462
35.77.01.1008,Kartoharjo,Kartoharjo,-7.6279,111.5246
35.77.01.1009,Kelun,Kartoharjo,-7.6014,111.5528
35.77.02.1001,Manguharjo,Manguharjo,-7.6296,111.5043
35.77.02.1002,Sogaten,Manguharjo,-7.6041,111.5233
35.77.02.1003,Patihan,Manguharjo,-7.6060,111.5300
35.77.02.1004,Ngegong,Manguharjo,-7.6089,111.5111
35.77.02.1005,Winongo,Manguharjo,-7.6172,111.5129
35.77.02.1006,Madiun Lor,Manguharjo,-7.6180,111.5232
35.77.02.1007,Pangongangan,Manguharjo,-7.6325,111.5129
35.77.02.1008,Nambangan Lor,Manguharjo,-7.6345,111.5142
35.77.02.1009,Nambangan Kidul,Manguharjo,-7.6450,111.5147
35.77.03.1001,Mojorejo,Taman,-7.6375,111.5347
35.77.03.1002,Pandean,Taman,-7.6450,111.5243
35.77.03.1003,Banjarejo,Taman,-7.6541,111.5346
35.77.03.1004,Kuncen,Taman,-7.6546,111.5150
35.77.03.1005,Manisrejo,Taman,-7.6418,111.5442
35.77.03.1006,Kejuron,Taman,-7.6342,111.5248
35.77.03.1007,Josenan,Taman,-7.6631,111.5131
35.77.03.1008,Demangan,Taman,-7.6623,111.5201
35.77.03.1009,Taman,Taman,-7.6411,111.5251
"""


def opd() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(OPD_CSV)))


def kelurahan() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(KELURAHAN_CSV)))
