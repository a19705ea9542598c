"""Galat (exception) milik kit.

Satu kelas dasar, :class:`GalatAsn`, dengan subkelas yang membawa keterangan. Antarmuka
baris perintah menangkapnya sekali dan mencetak satu baris pesan tanpa *traceback*.
"""

from __future__ import annotations

__all__ = [
    "ArgumenTidakValid",
    "Dihentikan",
    "GalatAsn",
    "InputTidakLayak",
    "KeluaranTidakLayak",
    "KonfigurasiTidakValid",
]


class GalatAsn(Exception):
    """Galat dasar kit; ``kode_keluar`` dipakai oleh baris perintah."""

    kode_keluar = 2

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class InputTidakLayak(GalatAsn):
    """Folder data tidak dapat dipakai: berkas atau kolom wajib hilang, berkas ganda, dll.

    Parameters
    ----------
    pesan
        Penjelasan dalam Bahasa Indonesia, termasuk cara memperbaikinya.
    berkas
        Nama berkas yang bermasalah, bila ada.
    kolom
        Nama kolom yang bermasalah, bila ada.
    """

    def __init__(self, pesan: str, berkas: str | None = None, kolom: str | None = None):
        super().__init__(pesan)
        self.berkas = berkas
        self.kolom = kolom


class ArgumenTidakValid(GalatAsn):
    """Argumen baris perintah tidak dapat dipakai (mis. periode yang tidak ada di data)."""


class KonfigurasiTidakValid(GalatAsn):
    """Berkas konfigurasi aturan (YAML) tidak sesuai bentuk yang diharapkan."""


class KeluaranTidakLayak(GalatAsn):
    """Folder keluaran tidak dapat dipakai: berupa berkas, tidak boleh ditulis, disk penuh,
    atau sedang dipakai proses lain.

    Parameters
    ----------
    pesan
        Penjelasan dalam Bahasa Indonesia, termasuk jalurnya dan cara memperbaikinya.
    jalur
        Jalur yang bermasalah.
    """

    def __init__(self, pesan: str, jalur: str | None = None):
        super().__init__(pesan)
        self.jalur = jalur


class Dihentikan(KeyboardInterrupt):
    """Perintah dihentikan oleh sinyal (Ctrl+C: SIGINT, atau SIGTERM); ``kode_keluar`` 130 atau
    143 (128 + nomor sinyal). Turunan ``KeyboardInterrupt`` agar tidak tertangkap
    ``except Exception`` di tengah jalan."""

    def __init__(self, nomor_sinyal: int):
        super().__init__(nomor_sinyal)
        self.nomor_sinyal = nomor_sinyal
        self.kode_keluar = 128 + nomor_sinyal
