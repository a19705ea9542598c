"""Impor malas untuk ``__init__`` paket (PEP 562).

Paket yang ``__init__``-nya mengimpor semua modulnya membuat setiap proses yang hanya butuh
satu modul ikut memuat pandas (± 0,4 detik). Dengan :func:`pemuat_malas`, nama publik paket
baru dimuat dari modul asalnya saat pertama dipakai; ``from paket import nama`` tetap berlaku.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def pemuat_malas(
    paket: str, ruang: dict, asal: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Fungsi ``__getattr__`` dan ``__dir__`` untuk paket ``paket``.

    Parameters
    ----------
    paket
        ``__name__`` paket.
    ruang
        ``globals()`` paket: nama yang sudah dimuat disimpan di sana (berikutnya tanpa
        ``__getattr__``).
    asal
        Nama publik -> modul asalnya, relatif terhadap paket (mis. ``".masuk.muat"``).
    """

    def __getattr__(nama: str):
        modul = asal.get(nama)
        if modul is None:
            raise AttributeError(f"modul {paket!r} tidak punya atribut {nama!r}")
        nilai = getattr(import_module(modul, paket), nama)
        ruang[nama] = nilai
        return nilai

    def __dir__() -> list[str]:
        return sorted({*ruang, *asal})

    return __getattr__, __dir__
