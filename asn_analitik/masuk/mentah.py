"""Tabel mentah satu berkas, sebelum dibakukan: wadahnya dan pembersihan yang sama untuk semua
format (sel kosong, baris kosong di ujung, kolom tanpa judul)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .kunci import kategori_unik, satukan_kamus, ubah_kategori

__all__ = [
    "BerkasTabel",
    "SEL_KOSONG",
    "kosong_jadi_na",
    "nama_sementara",
    "rapikan_kolom",
    "rusak_kosong",
    "tabel_berkamus",
    "tanpa_baris_kosong_di_akhir",
]

#: Isi sel yang di spreadsheet berarti "tidak ada": dibaca sebagai sel kosong.
SEL_KOSONG = ("", "-", "\u2013", "\u2014")


@dataclass(frozen=True)
class BerkasTabel:
    """Satu tabel yang sudah dibaca.

    Attributes
    ----------
    data
        Isi tabel, kolom ``_baris`` = nomor baris spreadsheet.
    pemisah
        Pemisah kolom CSV yang terdeteksi (``None`` untuk Excel/Parquet).
    baris_rusak
        Baris yang tidak bisa dipecah menjadi kolom: ``_baris``, ``nilai`` (teks barisnya,
        dipotong), ``jenis`` (``kolom_lebih``, ``kutip``, ``sel_panjang``), ``nip`` (isi kolom
        NIP bila masih dapat dikenali).
    desimal_koma
        Angka teks boleh memakai koma desimal (CSV berpemisah ``;`` atau spreadsheet).
    info
        Untuk manifest: ``lembar``, ``baris_header``, ``baris_judul``, ``lembar_dilewati``,
        ``kolom_dikenali`` (header asli yang dikenali lewat alias), ``kolom_tanpa_nama``.
    """

    data: pd.DataFrame
    pemisah: str | None
    baris_rusak: pd.DataFrame
    desimal_koma: bool = False
    info: dict = field(default_factory=dict)


def tanpa_baris_kosong_di_akhir(data: pd.DataFrame) -> pd.DataFrame:
    """Buang baris kosong di ujung berkas (sisa format spreadsheet), bukan yang di tengah."""
    isi = [c for c in data.columns if c != "_baris"]
    if data.empty or not isi:
        return data
    terisi = data[isi].notna().to_numpy().any(axis=1)
    posisi = np.flatnonzero(terisi)
    akhir = posisi[-1] + 1 if len(posisi) else 0
    return data.iloc[:akhir]


def _bersihkan(teks: pd.Series) -> pd.Series:
    teks = teks.astype("str").str.strip()
    return teks.where(~teks.isin(SEL_KOSONG))


def kosong_jadi_na(data: pd.DataFrame) -> pd.DataFrame:
    for kolom in data.columns:
        if isinstance(data[kolom].dtype, pd.CategoricalDtype):
            data[kolom] = ubah_kategori(data[kolom], _bersihkan)
        elif data[kolom].dtype == "str" or data[kolom].dtype == object:
            data[kolom] = _bersihkan(data[kolom])
    return data


def _kamus_bersih(kolom: pa.ChunkedArray) -> pd.Categorical:
    """Satu kolom berkamus pyarrow menjadi ``Categorical`` yang selnya sudah dibersihkan seperti
    :func:`kosong_jadi_na` (spasi di tepi dibuang, :data:`SEL_KOSONG` menjadi kosong); yang
    dibersihkan hanya kamusnya, lalu kode tiap baris dipetakan ulang."""
    kode, kamus = satukan_kamus(kolom)
    kamus = kamus.cast(pa.string())
    bersih = pc.utf8_trim_whitespace(kamus)
    bersih = pc.if_else(pc.is_in(bersih, value_set=pa.array(SEL_KOSONG)), None, bersih)
    if not bersih.equals(kamus):  # kamus baru: nilai yang menjadi sama digabung
        baru = pc.dictionary_encode(bersih)
        peta = np.append(pc.fill_null(baru.indices, -1).to_numpy(zero_copy_only=False), -1)
        kode, kamus = peta[kode], baru.dictionary  # kode -1 (kosong) mengambil -1
    kategori = pd.Index(pd.array(kamus.cast(pa.large_string()), dtype="str"), dtype="str")
    return kategori_unik(kode, kategori)  # kamus pyarrow: unik dan tanpa kosong


def tabel_berkamus(tabel: pa.Table) -> pd.DataFrame:
    """Tabel pyarrow menjadi ``DataFrame``: kolom berkamus menjadi ``Categorical`` yang selnya
    sudah dibersihkan (:func:`kosong_jadi_na`), kolom lain (angka dari Parquet) apa adanya.

    Examples
    --------
    >>> t = pa.table({"a": pa.array([" x", "x", "-", None]).dictionary_encode(), "b": [1, 2, 3, 4]})
    >>> d = tabel_berkamus(t)
    >>> d["a"].tolist(), d["a"].cat.categories.tolist(), d["b"].tolist()
    (['x', 'x', nan, nan], ['x'], [1, 2, 3, 4])
    """
    data = {}
    for nama, kolom in zip(tabel.column_names, tabel.columns, strict=True):
        if pa.types.is_dictionary(kolom.type):
            data[nama] = _kamus_bersih(kolom)
            continue
        data[nama] = kolom.to_pandas()
        if data[nama].dtype == "str" or data[nama].dtype == object:
            data[nama] = _bersihkan(data[nama])
    return pd.DataFrame(data, index=pd.RangeIndex(tabel.num_rows), copy=False)


def rapikan_kolom(data: pd.DataFrame, info: dict) -> pd.DataFrame:
    """Kolom tanpa nama di header: dibuang bila kosong seluruhnya (sisa ``,,`` Excel), selain
    itu dibawa sebagai ``kolom_<n>`` (n = posisi kolom, mulai 1) dan dicatat."""
    tanpa_nama = [k for k in data.columns if k.startswith("\x00")]
    if not tanpa_nama:
        return data
    kosong = [k for k in tanpa_nama if data[k].isna().all()]
    data = data.drop(columns=kosong)
    nama_baru = {k: f"kolom_{int(k[1:]) + 1}" for k in tanpa_nama if k not in kosong}
    if nama_baru:
        info["kolom_tanpa_nama"] = sorted(nama_baru.values())
    return data.rename(columns=nama_baru)


def nama_sementara(kolom: list[str]) -> list[str]:
    """Kolom tanpa nama diberi nama sementara unik (``\\x00<posisi>``) agar tidak bertabrakan."""
    return [k if k else f"\x00{i}" for i, k in enumerate(kolom)]


def rusak_kosong() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_baris": pd.Series(dtype=np.int64),
            "nilai": pd.Series(dtype="str"),
            "jenis": pd.Series(dtype="str"),
            "nip": pd.Series(dtype="str"),
        }
    )
