"""Tabel baris yang dikecualikan (sah tetapi tidak dinilai): pegawai tidak aktif, periode atau
OPD yang tidak dipilih, baris kosong. Kolom teksnya Categorical: pada skala nasional tabel ini
bisa berisi puluhan juta baris."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

__all__ = ["dikecualikan_kosong", "gabung_kecuali", "kecualikan", "keluarkan_per_nip"]


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


def kecualikan(data: pd.DataFrame, tabel: str, berkas: str, alasan) -> pd.DataFrame:
    n = len(data)
    if isinstance(alasan, str):
        alasan = _kategori_tetap(alasan, n)
    elif not isinstance(getattr(alasan, "dtype", None), pd.CategoricalDtype):
        alasan = pd.Categorical(np.asarray(alasan, dtype=object))
    return pd.DataFrame(
        {
            "berkas": _kategori_tetap(berkas, n),
            "baris": data["_baris"].to_numpy(np.int64),
            "alasan": pd.Categorical(alasan),
            "_tabel": _kategori_tetap(tabel, n),
        }
    )


def keluarkan_per_nip(
    data: pd.DataFrame, tabel: str, berkas: str, alasan: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pisahkan baris milik NIP di indeks ``alasan`` (alasan per NIP) sebagai dikecualikan."""
    if "nip" not in data or alasan.empty:
        return data, dikecualikan_kosong()
    keluar = data["nip"].isin(alasan.index)
    if not keluar.any():
        return data, dikecualikan_kosong()
    teks = data.loc[keluar, "nip"].map(alasan)
    return data[~keluar], kecualikan(data[keluar], tabel, berkas, teks)
