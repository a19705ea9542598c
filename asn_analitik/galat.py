"""Galat (exception) milik kit.

Satu kelas dasar, :class:`GalatAsn`, dengan subkelas yang membawa keterangan. Antarmuka
baris perintah menangkapnya sekali dan mencetak satu baris pesan tanpa *traceback*.
"""

from __future__ import annotations

__all__ = ["GalatAsn", "InputTidakLayak", "ArgumenTidakValid", "KonfigurasiTidakValid"]


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
