"""Menulis tabel hasil dan ``manifest.json``, sebagai satu set yang utuh.

Modul bersama semua tahap, satu modul per pekerjaan:

- :mod:`~asn_analitik.keluaran.atomik`: setiap berkas ditulis ke nama sementara yang unik per
  proses lalu diganti namanya, sehingga berkas yang tampil selalu utuh; galat tulis (disk
  penuh, tanpa izin, disk hanya-baca, berkas lama sedang dibuka di Excel) menjadi
  :class:`~asn_analitik.galat.KeluaranTidakLayak` yang menyebut jalurnya.
- :mod:`~asn_analitik.keluaran.tabel`: CSV (gaya kontrak ``standar``, atau ``excel-id`` di
  dalam blok :func:`gaya_csv`) dan Parquet dengan pyarrow.
- :mod:`~asn_analitik.keluaran.excel`: buku Excel yang siap dipakai analis (:func:`tulis_buku`;
  tabel yang melebihi batas baris Excel dipecah ke beberapa lembar).
- :mod:`~asn_analitik.keluaran.kunci`: :class:`KunciFolder` mencegah dua perintah menulis ke
  folder yang sama sekaligus.
- :mod:`~asn_analitik.keluaran.folder`: :class:`SetKeluaran` menulis satu set berkas (mis.
  ``skor_pegawai.csv`` ... ``manifest.json``) ke folder kerja tersembunyi dan baru
  memindahkannya ke folder keluaran setelah semuanya selesai, dengan sinyal ditahan dan jurnal
  yang memungkinkan jalannya berikutnya menuntaskan pemindahan yang terputus: folder keluaran
  selalu berisi set lama yang utuh atau set baru yang utuh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..malas import pemuat_malas

if TYPE_CHECKING:
    from .atomik import galat_dibuka, galat_tulis, tulis_json, tulis_teks
    from .excel import kolom_nip, tulis_buku
    from .folder import SetKeluaran, ganti_folder, pulihkan_folder
    from .kunci import KunciFolder, folder_bisa_ditulis, tahan_sinyal
    from .tabel import GAYA_CSV, gaya_csv, gaya_csv_aktif, tabel_excel_id, tulis_tabel

#: Nama publik -> modul asalnya. Dimuat saat dipakai: pekerja ``laporan`` yang hanya menulis
#: HTML tidak ikut mengimpor pandas lewat ``excel`` dan ``tabel``.
_ASAL = {
    **dict.fromkeys(("galat_dibuka", "galat_tulis", "tulis_json", "tulis_teks"), ".atomik"),
    **dict.fromkeys(("kolom_nip", "tulis_buku"), ".excel"),
    **dict.fromkeys(("SetKeluaran", "ganti_folder", "pulihkan_folder"), ".folder"),
    **dict.fromkeys(("KunciFolder", "folder_bisa_ditulis", "tahan_sinyal"), ".kunci"),
    **dict.fromkeys(
        ("GAYA_CSV", "gaya_csv", "gaya_csv_aktif", "tabel_excel_id", "tulis_tabel"), ".tabel"
    ),
}

__all__ = [
    "GAYA_CSV",
    "KunciFolder",
    "SetKeluaran",
    "folder_bisa_ditulis",
    "galat_dibuka",
    "galat_tulis",
    "ganti_folder",
    "gaya_csv",
    "gaya_csv_aktif",
    "kolom_nip",
    "pulihkan_folder",
    "tabel_excel_id",
    "tahan_sinyal",
    "tulis_buku",
    "tulis_json",
    "tulis_tabel",
    "tulis_teks",
]

__getattr__, __dir__ = pemuat_malas(__name__, globals(), _ASAL)
