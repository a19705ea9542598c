"""Mengembalikan memori yang sudah dibebaskan ke sistem operasi di antara tahap besar.

Pada skala nasional (puluhan juta baris) larik sementara ratusan MB dibuat dan dibuang
berkali-kali. Kumpulan memori pyarrow (mimalloc) dan ``malloc`` glibc menyimpan memori yang
sudah dibebaskan untuk dipakai lagi, sehingga RSS proses (yang dihitung sebagai puncak memori)
tetap tinggi walaupun datanya sudah tidak ada: pada muat 4,5 juta pegawai sekitar 0,8 GB.
:func:`lepas_memori` mengembalikannya; biayanya beberapa milidetik.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Iterator

import pyarrow as pa

__all__ = ["atur_alokator", "lepas_memori", "simpan_bebas"]

# Parameter mallopt glibc (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
#: Memori bebas di puncak heap yang boleh disimpan ``malloc`` untuk dipakai lagi.
_SIMPAN_BEBAS = 256 * 2**20
#: Batas itu selama muat dan menilai (:func:`simpan_bebas`; nilai ``int`` C terbesar).
_SIMPAN_BEBAS_BESAR = 2**31 - 1
_diatur = False


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # libc lain (mis. musl)
        return None


def atur_alokator() -> None:
    """Untuk proses perintah ``asn-analitik``: ``malloc`` glibc tidak memakai ``mmap`` untuk
    blok besar.

    Bawaannya setiap larik numpy di atas 32 MB mendapat ``mmap`` baru dan dikembalikan saat
    dibebaskan, sehingga setiap larik sementara (ratusan MB pada skala nasional) menyentuh
    halaman baru yang harus dinolkan kernel: pada ``skor`` 27 juta baris indikator ± 55 detik
    waktu sistem dari 104 detik. Dari heap, blok yang dibebaskan dipakai lagi (waktu sistem
    turun ± 15 detik); :func:`lepas_memori` tetap mengembalikan halaman bebasnya ke sistem
    operasi di antara tahap besar. Di mesin virtual yang halaman bebasnya dilaporkan ke host
    (mesin ini), halaman yang dikembalikan lalu disentuh lagi mahal (± 2,8 detik per GB).
    Tidak dipanggil untuk pemakaian sebagai pustaka (notebook, uji): itu keputusan proses
    pemanggilnya."""
    global _diatur
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return
    libc.mallopt(_M_MMAP_MAX, 0)
    libc.mallopt(_M_TRIM_THRESHOLD, _SIMPAN_BEBAS)
    _diatur = True


@contextlib.contextmanager
def simpan_bebas() -> Iterator[None]:
    """Selama blok, ``malloc`` menyimpan sampai 2 GB memori bebas di puncak heap (bila
    :func:`atur_alokator` berlaku di proses ini; selain itu tidak mengubah apa pun).

    Untuk muat dan menilai: pada skala nasional satu larik sementara sebesar tabel 480 MB (60
    juta baris perilaku x 8 byte); dengan batas 256 MB setiap larik itu dikembalikan begitu
    dibebaskan dan larik berikutnya menyentuh halaman baru lagi (skor 27 juta baris: tahap
    menilai 25 -> 20-22 s). Sesudahnya batas kembali 256 MB: pada tahap analisis ``klaster``
    yang lebih besar itu menaikkan puncak memori nasional dari 7,6 ke 8,1 GiB.
    """
    libc = _libc() if _diatur else None
    if libc is not None:
        libc.mallopt(_M_TRIM_THRESHOLD, _SIMPAN_BEBAS_BESAR)
    try:
        yield
    finally:
        if libc is not None:
            libc.mallopt(_M_TRIM_THRESHOLD, _SIMPAN_BEBAS)


def lepas_memori() -> None:
    """Kembalikan memori bebas pyarrow dan ``malloc`` (Linux/glibc) ke sistem operasi."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
