"""Rating, predikat dan sebutan sebagai kode bilangan bulat.

Ambang, matriks predikat dan sebutan PP 46/2011 datang dari ``aturan.yaml``; di sini aturan itu
diterapkan pada larik angka untuk jutaan pegawai sekaligus. Hasilnya kode (urutan
:data:`~asn_analitik.konfigurasi.RATING`, ``-1`` = kosong) yang baru menjadi teks di akhir
(:func:`teks_kode`), sesudah baris-barisnya diurutkan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from ..konfigurasi import PREDIKAT, RATING, RATING_LABEL
from ..masuk.kunci import teks_arrow

__all__ = [
    "LABEL_RATING",
    "SUMBER_RATING",
    "gabung_sumber",
    "kode_ambang",
    "kode_predikat",
    "kode_rating",
    "kode_sebutan",
    "rating_akhir",
    "teks_kode",
    "urut_predikat",
]

#: Label rating menurut urutan kode (:data:`RATING`).
LABEL_RATING = [RATING_LABEL[r] for r in RATING]
#: Nilai ``sumber_rating`` menurut urutan kode.
SUMBER_RATING = ("atasan", "usulan", "campuran")


def teks_kode(kode: np.ndarray, kamus) -> pd.arrays.ArrowStringArray:
    """Teks ``kamus[kode]`` per baris (``-1`` = kosong) sebagai kolom ``str``, tanpa objek
    Python per baris.

    Examples
    --------
    >>> list(teks_kode(np.array([1, -1, 0]), ["a", "b"]))
    ['b', nan, 'a']
    """
    kode = np.asarray(kode)
    return pd.array(teks_arrow(kamus).take(pa.array(kode, mask=kode < 0)), dtype="str")


def kode_ambang(nilai: np.ndarray, ambang: dict) -> np.ndarray:
    """Kode rating (0 di atas, 1 sesuai, 2 di bawah) dari angka; -1 bila angkanya kosong.

    Examples
    --------
    >>> kode_ambang(np.array([110.0, 109.99, 90, 89.9, np.nan]),
    ...             {"di_atas": 110, "sesuai": 90}).tolist()
    [0, 1, 1, 2, -1]
    """
    with np.errstate(invalid="ignore"):
        kode = np.where(nilai >= ambang["di_atas"], 0, np.where(nilai >= ambang["sesuai"], 1, 2))
    return np.where(np.isnan(nilai), -1, kode).astype(np.int8)


def kode_rating(nilai: pd.Series) -> np.ndarray:
    """Kode :data:`RATING` tiap baris kolom rating bentuk pendek (-1 bila kosong)."""
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        peta = np.append(pd.Index(RATING).get_indexer(nilai.cat.categories.astype("str")), -1)
        return peta[nilai.cat.codes.to_numpy()]
    return pd.Index(RATING).get_indexer(nilai)


def rating_akhir(usulan: np.ndarray, atasan: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rating atasan (resmi) menggantikan rating usulan: (kode akhir, sumber: 0 atasan,
    1 usulan, -1 tidak ada)."""
    akhir = np.where(atasan >= 0, atasan, usulan).astype(np.int8)
    return akhir, np.where(atasan >= 0, 0, np.where(usulan >= 0, 1, -1)).astype(np.int8)


def gabung_sumber(hasil_kerja: np.ndarray, perilaku: np.ndarray) -> np.ndarray:
    """Kode ``sumber_rating`` (:data:`SUMBER_RATING`) dari sumber kedua rating: sama -> itu,
    satu kosong -> yang lain, berbeda -> ``campuran``.

    Examples
    --------
    >>> gabung_sumber(np.array([0, 0, 1, -1, -1]), np.array([0, 1, -1, 1, -1])).tolist()
    [0, 2, 1, 1, -1]
    """
    a, b = hasil_kerja, perilaku
    return np.where((a == b) | (b == -1), a, np.where(a == -1, b, 2)).astype(np.int8)


def kode_predikat(hasil_kerja: np.ndarray, perilaku: np.ndarray, matriks: dict):
    """(kode predikat per baris, daftar label) dari kode rating akhir dan matriks predikat
    (baris: rating hasil kerja, kolom: rating perilaku); -1 bila salah satu rating kosong.

    Examples
    --------
    >>> m = {"di_atas": {"di_atas": "A", "sesuai": "B", "di_bawah": "C"},
    ...      "sesuai": {"di_atas": "B", "sesuai": "B", "di_bawah": "C"},
    ...      "di_bawah": {"di_atas": "D", "sesuai": "D", "di_bawah": "E"}}
    >>> kode, label = kode_predikat(np.array([0, 2, -1]), np.array([1, 2, 0]), m)
    >>> [label[k] if k >= 0 else None for k in kode]
    ['B', 'E', None]
    """
    isi = pd.DataFrame(matriks).T.loc[list(RATING), list(RATING)].to_numpy(dtype=object)
    label = list(dict.fromkeys(isi.ravel()))
    kode_isi = np.array([[label.index(v) for v in b] for b in isi])
    ada = (hasil_kerja >= 0) & (perilaku >= 0)
    kode = kode_isi[np.maximum(hasil_kerja, 0), np.maximum(perilaku, 0)]
    return np.where(ada, kode, -1).astype(np.int8), label


def urut_predikat(kode: np.ndarray, label: list[str]) -> np.ndarray:
    """Urutan predikat untuk peringkat (0 = Sangat Baik, ...; ``NaN`` bila kosong atau di luar
    :data:`PREDIKAT`)."""
    urut = np.append(pd.Index(PREDIKAT).get_indexer(label), -1)[kode]
    return np.where(urut >= 0, urut, np.nan)


def kode_sebutan(nilai: np.ndarray, aturan: dict):
    """(kode sebutan PP 46/2011 per baris, daftar label); -1 bila nilainya kosong.

    Examples
    --------
    >>> from asn_analitik.nilai.aturan import muat_aturan
    >>> kode, label = kode_sebutan(np.array([91.0, 90.99, 50, np.nan]), muat_aturan())
    >>> [label[k] if k >= 0 else None for k in kode]
    ['Sangat Baik', 'Baik', 'Buruk', None]
    """
    pp46 = aturan["pp46_2011"]
    with np.errstate(invalid="ignore"):
        kondisi = [nilai >= ambang for ambang, _ in pp46["sebutan"]] + [~np.isnan(nilai)]
    label = [s for _, s in pp46["sebutan"]] + [pp46["sebutan_terendah"]]
    return np.select(kondisi, range(len(label)), default=-1), label
