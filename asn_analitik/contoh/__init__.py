"""Pembuat data contoh sintetis (Tanjung Selor, Kabupaten Bulungan) dan penanam kesalahannya.

- ``buat``: API publik (:func:`buat_contoh`, :func:`tulis_contoh`) dan penulisan CSV.
- ``pegawai``, ``kinerja``: pegawai dan kinerjanya; ``bahan``: isi ``sumber/*.yaml``.
- ``rusak``: salinan kecil dengan kesalahan yang lazim (``python -m asn_analitik.contoh.rusak``).

Bukan tahap alur data: tidak ada tahap lain yang mengimpornya.
"""

from .buat import PERIODE_CONTOH, buat_contoh, folder_contoh, tulis_contoh

__all__ = ["PERIODE_CONTOH", "buat_contoh", "folder_contoh", "tulis_contoh"]
