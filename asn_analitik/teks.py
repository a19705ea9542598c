"""Angka dan persen gaya Indonesia (titik ribuan, koma desimal), dipakai semua tahap.

Pesan galat, peringatan, alasan di tabel keluaran, dan laporan memakai format yang sama.
"""

from __future__ import annotations

import math

__all__ = ["angka_id", "persen_id"]


def angka_id(n: float | None, desimal: int = 0) -> str:
    """Format angka gaya Indonesia (titik ribuan, koma desimal); kosong menjadi ``–``.

    Examples
    --------
    >>> angka_id(1234567), angka_id(85.5, 1), angka_id(float("nan"))
    ('1.234.567', '85,5', '–')
    """
    if n is None or (isinstance(n, float) and math.isnan(n)) or n != n:
        return "–"
    teks = f"{n:,.{desimal}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


def persen_id(porsi: float | None, desimal: int = 1) -> str:
    """Porsi 0..1 sebagai persen gaya Indonesia.

    Examples
    --------
    >>> persen_id(0.125), persen_id(1, 0)
    ('12,5%', '100%')
    """
    return "–" if porsi is None or porsi != porsi else f"{angka_id(100 * porsi, desimal)}%"
