"""Tabel baris yang dikecualikan (sah tetapi tidak dinilai): pegawai tidak aktif, periode atau
OPD yang tidak dipilih, baris kosong. Kolom teksnya Categorical: pada skala nasional tabel ini
bisa berisi puluhan juta baris."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from .kunci import kode_dalam

__all__ = [
    "dikecualikan_kosong",
    "gabung_kecuali",
    "kecualikan",
    "keluarkan_per_nip",
    "saring_baris",
]


def dikecualikan_kosong() -> pd.DataFrame:
    kosong = pd.Categorical([], categories=pd.Index([], dtype="str"))
    return pd.DataFrame(
        {
            "berkas": kosong,
            "baris": pd.Series(dtype=np.int64),
            "alasan": kosong,
            "_tabel": kosong,
        }
    )


def _kategori_tetap(nilai: str, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[nilai])


def gabung_kecuali(bagian: list[pd.DataFrame]) -> pd.DataFrame:
    """Gabungkan tabel pengecualian; kolom teks tetap Categorical (bisa puluhan juta baris)."""
    bagian = [b for b in bagian if len(b)] or [dikecualikan_kosong()]
    hasil = {"baris": np.concatenate([b["baris"].to_numpy(np.int64) for b in bagian])}
    for kolom in ("berkas", "alasan", "_tabel"):
        hasil[kolom] = union_categoricals([pd.Categorical(b[kolom]) for b in bagian])
    return pd.DataFrame(hasil)[["berkas", "baris", "alasan", "_tabel"]]


def kecualikan(data: pd.DataFrame | np.ndarray, tabel: str, berkas: str, alasan) -> pd.DataFrame:
    """Baris ``data`` (atau nomor baris ``_baris``-nya) sebagai dikecualikan, dengan ``alasan``
    (satu teks untuk semua, atau satu per baris)."""
    baris = data if isinstance(data, np.ndarray) else data["_baris"].to_numpy(np.int64)
    n = len(baris)
    if isinstance(alasan, str):
        alasan = _kategori_tetap(alasan, n)
    elif not isinstance(getattr(alasan, "dtype", None), pd.CategoricalDtype):
        alasan = pd.Categorical(np.asarray(alasan, dtype=object))
    return pd.DataFrame(
        {
            "berkas": _kategori_tetap(berkas, n),
            "baris": baris.astype(np.int64, copy=False),
            "alasan": pd.Categorical(alasan),
            "_tabel": _kategori_tetap(tabel, n),
        }
    )


def _padatkan(larik: np.ndarray, pakai: np.ndarray, blok: int = 1 << 20) -> np.ndarray:
    """``larik[pakai]`` ditulis ke awal ``larik`` sendiri, blok demi blok; kembalikan
    ``larik[:k]``. Posisi tulis tidak pernah mendahului posisi baca, dan isi satu blok sudah
    diambil sebelum ditulis, jadi tidak ada nilai yang tertimpa sebelum dibaca."""
    tulis = 0
    for awal in range(0, len(larik), blok):
        bagian = larik[awal : awal + blok][pakai[awal : awal + blok]]
        larik[tulis : tulis + len(bagian)] = bagian
        tulis += len(bagian)
    return larik[:tulis]


def _larik_milik(s: pd.Series) -> np.ndarray | None:
    """Larik numpy yang dapat ditulis di balik ``s`` (kode untuk ``Categorical``); ``None``
    bila tidak ada (mis. teks pyarrow)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        larik = getattr(s.array, "_codes", None)  # .codes pandas: tampilan hanya-baca
    elif isinstance(s.dtype, np.dtype):
        larik = getattr(s, "_values", None)  # .to_numpy() pandas (copy-on-write): hanya-baca
    else:
        return None
    return larik if isinstance(larik, np.ndarray) and larik.flags.writeable else None


def saring_baris(data: pd.DataFrame, pakai: np.ndarray, di_tempat: bool = False) -> pd.DataFrame:
    """Baris ``data`` yang ``pakai``-nya ``True``, kolom demi kolom, dengan indeks baru
    ``0..n-1`` (nomor baris berkas tetap di kolom ``_baris``).

    Seperti ``data[pakai].reset_index(drop=True)`` tetapi tanpa larik indeks dan larik posisi
    sebesar tabel: kolom ``Categorical`` disaring lewat kodenya, kolom numpy lewat ``compress``.
    Dengan ``di_tempat=True`` baris yang dipakai dipadatkan di larik ``data`` sendiri, tanpa
    memori baru sebesar tabel; ``data`` (dan tabel lain yang berbagi lariknya) rusak sesudahnya,
    jadi hanya untuk tabel sementara yang langsung dibuang (:func:`~.muat.muat`: 60 juta baris
    perilaku, ± 1,3 GB memori baru lebih sedikit).

    Examples
    --------
    >>> t = pd.DataFrame({"a": pd.Categorical(["x", "y", "x"]), "b": [1.0, 2.0, 3.0]},
    ...                  index=[5, 6, 7])
    >>> saring_baris(t, np.array([True, False, True]))
       a    b
    0  x  1.0
    1  x  3.0
    >>> saring_baris(t, np.array([False, True, True]), di_tempat=True)
       a    b
    0  y  2.0
    1  x  3.0
    """
    kolom = {}
    for nama, s in data.items():
        larik = _larik_milik(s) if di_tempat else None
        if larik is not None:
            larik = _padatkan(larik, pakai)
        elif isinstance(s.dtype, pd.CategoricalDtype):
            larik = np.compress(pakai, s.cat.codes.to_numpy())
        elif isinstance(s.dtype, np.dtype):
            larik = np.compress(pakai, s.to_numpy())
        else:
            kolom[nama] = s.array[pakai]
            continue
        if isinstance(s.dtype, pd.CategoricalDtype):
            larik = pd.Categorical.from_codes(larik, dtype=s.dtype, validate=False)
        kolom[nama] = larik
    return pd.DataFrame(kolom, columns=data.columns, copy=False)


def keluarkan_per_nip(
    data: pd.DataFrame,
    tabel: str,
    berkas: str,
    alasan: pd.Series,
    buang: np.ndarray | None = None,
    di_tempat: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pisahkan baris milik NIP di indeks ``alasan`` (alasan per NIP) sebagai dikecualikan.

    ``buang``: baris yang sudah disisihkan (mis. ditolak): tidak ikut dikecualikan, dan ikut
    dibuang dari hasil, sehingga tabel disaring sekali saja. NIP dicocokkan per nilai unik
    (:func:`~.kunci.kode_dalam`), bukan per baris. ``di_tempat``: lihat :func:`saring_baris`.
    """
    keluar = None
    if "nip" in data and not alasan.empty:
        posisi = kode_dalam(data["nip"], pd.Index(alasan.index))
        keluar = posisi >= 0 if buang is None else (posisi >= 0) & ~buang
    if keluar is None or not keluar.any():
        kecuali = dikecualikan_kosong()
    else:
        kode_teks, teks = pd.factorize(alasan.to_numpy(dtype=object), sort=True)
        per_baris = pd.Categorical.from_codes(kode_teks[posisi[keluar]], categories=teks)
        baris = data["_baris"].to_numpy(np.int64)[keluar]
        kecuali = kecualikan(baris, tabel, berkas, per_baris)
        buang = keluar if buang is None else buang | keluar
    dipakai = data if buang is None or not buang.any() else saring_baris(data, ~buang, di_tempat)
    return dipakai, kecuali
