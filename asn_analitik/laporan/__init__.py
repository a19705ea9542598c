"""Tahap *laporan*: batch laporan dan semua yang dipanggil notebook.

- ``jalankan``: perintah ``laporan`` (hitung sekali per periode, notebook per OPD paralel).
- ``kumpulan``, ``pekerja``: proses pekerja dengan kernel Jupyter hangat; ``zigot``: kernel
  yang dibelah dari satu proses yang sudah memuat kit (Linux); ``ekspor``: HTML dan salindia
  mandiri (``templat/``); ``indeks``: ``index.html``; ``slug``: nama berkas OPD.
- ``hasil``: hasil periode (Parquet) yang dibaca notebook; ``ringkasan``: tabel siap tampil;
  ``grafik``: gambar; ``tampilan``: angka, tanggal, NIP tersamar.

``from asn_analitik.laporan import jalankan_laporan`` tetap bisa dipakai; modulnya baru
diimpor saat dibutuhkan, sehingga notebook yang hanya memakai ``ringkasan`` atau ``grafik``
tidak ikut memuat nbconvert.
"""

__all__ = ["jalankan_laporan"]


def __getattr__(nama: str):
    if nama == "jalankan_laporan":
        from .jalankan import jalankan_laporan

        return jalankan_laporan
    raise AttributeError(f"modul {__name__!r} tidak punya atribut {nama!r}")
