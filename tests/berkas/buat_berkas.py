"""Membuat ulang berkas uji ``.xls`` dan ``.ods`` di folder ini (tidak dijalankan oleh uji).

Kit membaca kedua format itu (python-calamine) tetapi tidak menulisnya, jadi berkasnya disimpan
di repositori. Dibuat dengan xlwt dan odfpy (bukan dependensi kit: hanya untuk menulis berkas
ini)::

    python -m venv /tmp/tulis && /tmp/tulis/bin/pip install xlwt odfpy
    /tmp/tulis/bin/python tests/berkas/buat_berkas.py

Isi (NIP sintetis dari ``tests/conftest.py``):

- ``perilaku.xls``: lembar sampul, lalu lembar "Data" dengan baris judul, baris kosong, dan
  header di baris 4; tujuh nilai BerAKHLAK untuk NIP_A (nilai 4) dan NIP_B (nilai 3). NIP
  ditulis sebagai teks.
- ``pegawai_nip_angka.xls``: NIP_A sebagai teks dan NIP_B sebagai sel angka (seperti spreadsheet
  yang mengubah NIP menjadi angka): baris NIP_B harus ditolak.
- ``evaluasi_atasan.ods``: buku LibreOffice, rating NIP_A (di_atas, sesuai) dan NIP_B
  ("Sesuai Ekspektasi", kosong) pada 2026-S1.
"""

from pathlib import Path

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

NIP_A = "198609262015051001"
NIP_B = "199002142014032002"
BERAKHLAK = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)
FOLDER = Path(__file__).resolve().parent

buku = xlwt.Workbook()
buku.add_sheet("Sampul").write(0, 0, "Penilaian perilaku kerja BKPSDM")
data = buku.add_sheet("Data")
data.write(0, 0, "REKAPITULASI PERILAKU KERJA")
data.write(1, 0, "Semester I 2026")
for j, judul in enumerate(["NIP", "Periode", "Aspek", "Nilai"]):
    data.write(3, j, judul)
baris = 4
for nip, nilai in ((NIP_A, 4), (NIP_B, 3)):
    for aspek in BERAKHLAK:
        for j, isi in enumerate([nip, "2026-S1", aspek, nilai]):
            data.write(baris, j, isi)
        baris += 1
buku.save(FOLDER / "perilaku.xls")

buku = xlwt.Workbook()
lembar = buku.add_sheet("pegawai")
for j, judul in enumerate(["nip", "nama", "opd"]):
    lembar.write(0, j, judul)
lembar.write(1, 0, NIP_A)
lembar.write(1, 1, "Andi Saputra")
lembar.write(1, 2, "Dinas Kesehatan")
lembar.write(2, 0, float(NIP_B))
lembar.write(2, 1, "Budi Santoso")
lembar.write(2, 2, "Dinas Kesehatan")
buku.save(FOLDER / "pegawai_nip_angka.xls")

ods = OpenDocumentSpreadsheet()
tabel = Table(name="evaluasi_atasan")
for isi in (
    ["nip", "periode", "rating_hasil_kerja", "rating_perilaku"],
    [NIP_A, "2026-S1", "di_atas", "sesuai"],
    [NIP_B, "2026-S1", "Sesuai Ekspektasi", ""],
):
    baris = TableRow()
    for nilai in isi:
        sel = TableCell(valuetype="string")
        if nilai:
            sel.addElement(P(text=nilai))
        baris.addElement(sel)
    tabel.addElement(baris)
ods.spreadsheet.addElement(tabel)
ods.save(str(FOLDER / "evaluasi_atasan.ods"))
