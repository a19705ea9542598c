"""Periode penilaian: bentuk yang diterima, bentuk baku, dan urutan waktu.

Bentuk yang diterima (kontrak v1): ``YYYY`` (tahunan), ``YYYY-S1``/``YYYY-S2`` (semester),
``YYYY-TW1`` .. ``YYYY-TW4`` (triwulan), ``YYYY-MM`` (bulanan). Huruf kecil dan pemisah
spasi, garis bawah atau garis miring diterima lalu dibakukan (``2026 s1`` menjadi ``2026-S1``).

Urutan waktu: menurut bulan terakhir periode; bila sama, periode yang lebih panjang di
belakang (``2026-S2`` sebelum ``2026``, karena penilaian tahunan merangkum semester).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["POLA_PERIODE", "bakukan_periode", "kunci_urut_periode", "urutkan_periode"]

POLA_PERIODE = r"^([0-9]{4})(?:-(S[12]|TW[1-4]|0[1-9]|1[0-2]))?$"


def bakukan_periode(nilai: pd.Series) -> pd.Series:
    """Bakukan tulisan periode; yang tidak sah menjadi kosong (``NA``).

    Examples
    --------
    >>> bakukan_periode(pd.Series(["2026 s1", "2025-TW4", "2026-13", "2026"])).tolist()
    ['2026-S1', '2025-TW4', nan, '2026']
    """
    teks = nilai.astype("str").str.strip().str.upper()
    teks = teks.str.replace("[ \t_/.]+", "-", regex=True)
    sah = teks.str.fullmatch(POLA_PERIODE).fillna(False).astype(bool)
    return teks.where(sah)


def kunci_urut_periode(periode: pd.Series) -> pd.Series:
    """Kunci bilangan bulat yang mengurutkan periode baku menurut waktu.

    Examples
    --------
    >>> s = pd.Series(["2026", "2026-S2", "2026-S1", "2025-12", "2026-TW2"])
    >>> s[kunci_urut_periode(s).argsort()].tolist()
    ['2025-12', '2026-TW2', '2026-S1', '2026-S2', '2026']
    """
    posisi, unik = pd.factorize(periode.astype("str"))
    if len(unik) < len(periode):  # periode hanya sedikit: hitung sekali per nilai unik
        kunci = kunci_urut_periode(pd.Series(unik, dtype="str"))
        return pd.Series(kunci.to_numpy()[posisi], index=periode.index, dtype="Int64")
    bagian = periode.astype("str").str.extract(POLA_PERIODE)
    tahun = pd.to_numeric(bagian[0]).astype("Int64")
    sub = bagian[1].fillna("")
    akhir = pd.Series(12, index=periode.index, dtype="Int64")
    panjang = pd.Series(12, index=periode.index, dtype="Int64")
    semester = sub.str.startswith("S")
    triwulan = sub.str.startswith("TW")
    bulan = sub.str.fullmatch("[0-9]{2}")
    akhir[semester] = pd.to_numeric(sub[semester].str[1:]).astype("Int64") * 6
    panjang[semester] = 6
    akhir[triwulan] = pd.to_numeric(sub[triwulan].str[2:]).astype("Int64") * 3
    panjang[triwulan] = 3
    akhir[bulan] = pd.to_numeric(sub[bulan]).astype("Int64")
    panjang[bulan] = 1
    # Kedua faktor selalu bilangan kecil, jadi kunci tetap dalam int64.
    return tahun * 10_000 + akhir * 100 + panjang


def urutkan_periode(periode: Iterable[str]) -> list[str]:
    """Urutkan daftar periode baku menurut waktu (tanpa duplikat).

    Examples
    --------
    >>> urutkan_periode(["2026-S1", "2025-S2", "2026-S1"])
    ['2025-S2', '2026-S1']
    """
    unik = pd.Series(sorted(set(periode)), dtype=object)
    if unik.empty:
        return []
    return unik[kunci_urut_periode(unik).argsort(kind="stable")].tolist()
