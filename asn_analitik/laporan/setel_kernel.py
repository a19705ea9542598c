"""Penyetelan kernel hangat pekerja ``laporan``: biaya tetap IPython dan ipykernel per sel dan
per tampilan dikurangi, tanpa mengubah apa yang dijalankan atau keluaran notebooknya.

Dipasang sekali di setiap kernel hangat pekerja (:data:`.pekerja._PANASKAN`), tidak pernah di
kernel analis. Satu laporan OPD menjalankan ± 20 sel dan ± 40 ``display``; di kernel biasa:

- ipykernel mengubah teks setiap sel dua kali (``transform_cell``: tokenisasi Python murni untuk
  mencari ``%magic``, ``!perintah`` dan ``x?``), sekali di ``do_execute`` dan sekali lagi di
  ``run_cell``, padahal sel laporan sama untuk semua OPD;
- IPython mengompilasi setiap sel sekali lagi hanya untuk memeriksa ``await`` di tingkat atas
  (``autoawait``), yang tidak dipakai notebook laporan;
- setiap ``display`` mengosongkan ``sys.stdout`` dan ``sys.stderr`` lebih dulu, dan setiap
  pengosongan menunggu satu putaran utas IOPub, juga bila tidak ada yang ditulis.

Bersama-sama ± 25 ms CPU kernel per laporan (± 3%), diukur bergantian per laporan.

Setiap bagian memeriksa bahwa bagian dalam IPython/ipykernel yang diandalkannya ada; bila tidak
(versi lain), bagian itu dilewati dan kernel berjalan seperti biasa.
"""

from __future__ import annotations

import functools
import sys

__all__ = ["setel_kernel"]

#: Sel berbeda yang hasil ubahannya disimpan: notebook laporan dan ringkasan punya puluhan sel,
#: sel parameter berbeda untuk setiap OPD.
_UKURAN_CACHE = 512


def setel_kernel(shell=None) -> list[str]:
    """Pasang penyetelan di kernel ini (``shell``: bawaan ``get_ipython()``); kembalikan nama
    bagian yang terpasang. Aman dipanggil berulang."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    terpasang = []
    if shell is None:
        return terpasang
    if hasattr(shell, "autoawait"):
        shell.autoawait = False  # should_run_async langsung False, tanpa kompilasi tambahan
        terpasang.append("autoawait")
    if _simpan_ubahan_sel(shell):
        terpasang.append("ubahan_sel")
    if all(_kosongkan_bila_ada_isi(s) for s in (sys.stdout, sys.stderr)):
        terpasang.append("flush")
    return terpasang


def _simpan_ubahan_sel(shell) -> bool:
    """Ubahan statis sel (``TransformerManager.transform_cell``) hanya bergantung pada teks sel
    dan daftar pengubah yang tetap selama kernel hidup, jadi hasilnya bisa disimpan per teks."""
    pengubah = getattr(shell, "input_transformer_manager", None)
    asli = getattr(pengubah, "transform_cell", None)
    if asli is None:
        return False
    if not hasattr(asli, "cache_info"):
        pengubah.transform_cell = functools.lru_cache(maxsize=_UKURAN_CACHE)(asli)
    return True


def _kosongkan_bila_ada_isi(aliran) -> bool:
    """``aliran.flush()`` hanya bila ada tulisan yang belum dikirim.

    ``OutStream`` ipykernel menampung tulisan di ``_buffers`` dan menandai ``_flush_pending``
    sampai utas IOPub mengirimnya (``_flush``). ``_flush`` menghapus tanda dan mengambil
    isi tampungan sebelum pesannya diantrekan, jadi pengosongan yang sedang berjalan di utas IOPub
    juga dihitung (pembungkus ``_flush`` pada objek yang sama; ipykernel selalu memanggilnya
    lewat ``self._flush``). Tanpa ketiganya tidak ada yang perlu dikosongkan: urutan keluaran
    tetap, karena pesan ``display`` sesudahnya juga dikirim lewat utas yang sama."""
    if "flush" in vars(aliran):
        return True  # sudah dipasang
    if not all(
        hasattr(aliran, a) for a in ("_buffers", "_buffer_lock", "_flush_pending", "_flush")
    ):
        return False
    asli, kirim = aliran.flush, aliran._flush
    berjalan = [0]  # pengosongan yang sedang berjalan di utas IOPub

    def _flush():
        with aliran._buffer_lock:
            berjalan[0] += 1
        try:
            kirim()
        finally:
            with aliran._buffer_lock:
                berjalan[0] -= 1

    def flush():
        with aliran._buffer_lock:
            ada = (
                berjalan[0]
                or aliran._flush_pending
                or any(b.tell() for b in aliran._buffers.values())
            )
        if ada:
            asli()

    aliran._flush = _flush
    aliran.flush = flush
    return True
