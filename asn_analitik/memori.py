"""Mengembalikan memori yang sudah dibebaskan ke sistem operasi di antara tahap besar.

Pada skala nasional (puluhan juta baris) larik sementara ratusan MB dibuat dan dibuang
berkali-kali. Kumpulan memori pyarrow (mimalloc) dan ``malloc`` glibc menyimpan memori yang
sudah dibebaskan untuk dipakai lagi, sehingga RSS proses (yang dihitung sebagai puncak memori)
tetap tinggi walaupun datanya sudah tidak ada: pada muat 4,5 juta pegawai sekitar 0,8 GB.
:func:`lepas_memori` mengembalikannya; biayanya beberapa milidetik.
"""

from __future__ import annotations

import ctypes
import sys

import pyarrow as pa

__all__ = ["atur_alokator", "lepas_memori"]

# Parameter mallopt glibc (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
#: Memori bebas di puncak heap yang boleh disimpan ``malloc`` untuk dipakai lagi (nilai ``int``
#: C terbesar). Pada skala nasional satu larik sementara sebesar tabel 480 MB (60 juta baris
#: perilaku x 8 byte); dengan batas 256 MB setiap larik itu dikembalikan begitu dibebaskan dan
#: larik berikutnya menyentuh halaman baru lagi. :func:`lepas_memori` tetap mengembalikan semuanya
#: di antara tahap besar, jadi puncak memori tidak naik (skor 27 juta baris: 7,4 GiB).
_SIMPAN_BEBAS = 2**31 - 1


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
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return
    libc.mallopt(_M_MMAP_MAX, 0)
    libc.mallopt(_M_TRIM_THRESHOLD, _SIMPAN_BEBAS)


def lepas_memori() -> None:
    """Kembalikan memori bebas pyarrow dan ``malloc`` (Linux/glibc) ke sistem operasi."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
