"""Pembakuan nilai tiap kolom menurut jenisnya (:data:`.skema.SPESIFIKASI`).

Kolom teks datang sebagai kamus (``Categorical``: kode per baris + nilai unik). Setiap jenis
dibakukan pada nilai uniknya saja lalu disebarkan kembali lewat kode, sehingga biayanya
mengikuti jumlah nilai berbeda (segelintir periode dan aspek, ratusan ribu NIP), bukan
jumlah baris (puluhan juta baris indikator).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc

from .kunci import kategori_ke_teks, kategori_unik, teks_arrow
from .nip import bakukan_nip
from .periode import BULAN as _BULAN
from .periode import bakukan_periode
from .skema import SPESIFIKASI

__all__ = ["bakukan_tabel", "per_nilai_unik", "urut_kemunculan"]


def _teks(nilai: pd.Series) -> pd.Series:
    if nilai.dtype == "str" or isinstance(nilai.dtype, pd.CategoricalDtype):
        return nilai
    teks = nilai.astype("str").str.strip()
    return teks.where(nilai.notna())


def urut_kemunculan(kode: np.ndarray, jumlah_kategori: int, potong: int = 1 << 23) -> bool:
    """Semua kategori dipakai dan kodenya menurut urutan kemunculan di baris (seperti kolom
    yang dibaca berkamus dari CSV): kode baru selalu satu lebih dari kode terbesar sebelumnya.

    Examples
    --------
    >>> urut_kemunculan(np.array([0, -1, 1, 0, 2, 1]), 3), urut_kemunculan(np.array([1, 0]), 2)
    (True, False)
    """
    terbesar = -1
    for awal in range(0, len(kode), potong):
        bagian = np.maximum.accumulate(np.maximum(kode[awal : awal + potong], terbesar))
        if bagian[0] > terbesar + 1 or (np.diff(bagian) > 1).any():
            return False
        terbesar = int(bagian[-1])
    return terbesar == jumlah_kategori - 1


def _posisi_unik(nilai: pd.Series) -> tuple[np.ndarray, pd.Index | np.ndarray]:
    """(posisi tiap baris di daftar nilai unik, ``-1`` untuk kosong; nilai unik menurut urutan
    kemunculan). Untuk ``Categorical`` dikerjakan pada kodenya: kategori yang tidak dipakai
    tidak ikut, dan urutannya urutan kemunculan di baris, seperti ``pandas.factorize``."""
    if not isinstance(nilai.dtype, pd.CategoricalDtype):
        return pd.factorize(nilai)
    kode = nilai.cat.codes.to_numpy()
    kategori = nilai.cat.categories
    if urut_kemunculan(kode, len(kategori)):  # biasa: kolom berkamus dari berkas
        return kode, kategori
    dipakai = pd.unique(kode[kode >= 0])
    peta = np.full(len(kategori) + 1, -1, dtype=np.int64)
    peta[dipakai] = np.arange(len(dipakai))
    return peta[kode], kategori.take(dipakai)  # kode -1 (kosong) mengambil -1 terakhir


def per_nilai_unik(fungsi, nilai: pd.Series) -> pd.Series:
    """Terapkan ``fungsi`` (Series -> Series) pada nilai unik saja, lalu sebarkan kembali.

    Kolom seperti aspek, arah atau periode hanya punya segelintir nilai berbeda di jutaan
    baris; membakukan nilai uniknya jauh lebih cepat. Hasil teks tetap berupa kode + kategori
    (urutan kemunculan), hasil angka menjadi kolom angka.

    Examples
    --------
    >>> per_nilai_unik(lambda s: s.str.upper(), pd.Series(["a", None, "a"])).tolist()
    ['A', nan, 'A']
    >>> per_nilai_unik(lambda s: s.str.upper(), pd.Series(["a", "b"])).dtype
    CategoricalDtype(categories=['A', 'B'], ordered=False, categories_dtype=str)
    >>> kategori = pd.Series(pd.Categorical(["ab", None]))
    >>> per_nilai_unik(lambda s: s.str.len() * 1.0, kategori).tolist()
    [2.0, nan]
    """
    posisi, unik = _posisi_unik(nilai)
    teks = nilai.dtype == "str" or isinstance(nilai.dtype, pd.CategoricalDtype)
    hasil = fungsi(pd.Series(unik, dtype="str" if teks else None))
    if not (hasil.dtype == "str" or hasil.dtype == object):
        tambahan = pd.Series([np.nan], dtype=hasil.dtype)
        lengkap = pd.concat([hasil.reset_index(drop=True), tambahan], ignore_index=True)
        return pd.Series(lengkap.to_numpy()[posisi], index=nilai.index, dtype=hasil.dtype)
    if unik is getattr(nilai.dtype, "categories", None) and _sama(hasil, unik):
        # Tidak ada yang berubah (mis. NIP yang sudah baku): kode dan kategori tetap.
        return pd.Series(nilai.array, index=nilai.index)
    # Teks tetap berupa kode + kategori: puluhan juta baris tidak menjadi objek Python.
    kode_baru, kategori = pd.factorize(hasil.to_numpy())
    kode = np.append(kode_baru, -1)[posisi]  # posisi -1 (kosong) mengambil -1 terakhir
    return pd.Series(kategori_unik(kode, pd.Index(kategori, dtype="str")), index=nilai.index)


def _sama(hasil: pd.Series, unik: pd.Index) -> bool:
    """``hasil`` (teks) sama persis dengan ``unik`` dan tidak ada yang kosong."""
    if len(hasil) != len(unik) or hasil.isna().any():
        return False
    return bool(pc.all(pc.equal(teks_arrow(hasil), teks_arrow(unik))).as_py() is not False)


def _kunci_pilihan(nilai: pd.Series, alias: dict[str, str]) -> pd.Series:
    def _baku(unik: pd.Series) -> pd.Series:
        teks = _teks(unik).str.lower().str.replace(r"[^0-9a-z:]+", "_", regex=True)
        teks = teks.str.strip("_")
        return teks.replace(alias) if alias else teks

    return per_nilai_unik(_baku, nilai)


def _angka_teks(teks: pd.Series, desimal_koma: bool) -> pd.Series:
    teks = _teks(teks).str.replace("[ \t\xa0%]", "", regex=True)
    if desimal_koma:
        ada_koma = teks.str.contains(",", regex=False).fillna(False).astype(bool)
        ribuan = teks.str.fullmatch("-?[1-9][0-9]{0,2}([.][0-9]{3})+").fillna(False).astype(bool)
        tanpa_titik = teks.str.replace(".", "", regex=False)
        teks = teks.mask(ada_koma, tanpa_titik.str.replace(",", ".", regex=False))
        teks = teks.mask(ribuan & ~ada_koma, tanpa_titik)
    try:  # jalur cepat: semua sel sudah angka yang sah
        angka = pc.cast(pyarrow.array(teks, from_pandas=True), pyarrow.float64())
        hasil = pd.Series(angka.to_numpy(zero_copy_only=False), index=teks.index)
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError):
        hasil = pd.to_numeric(teks, errors="coerce").astype("float64")
    # "inf" dan "nan" tertulis bukan angka yang dapat dinilai.
    return hasil.where(np.isfinite(hasil))


def _angka(nilai: pd.Series, desimal_koma: bool) -> pd.Series:
    """Teks menjadi angka; yang tidak dapat dibaca menjadi ``NaN``.

    Dengan ``desimal_koma`` (CSV berpemisah ``;`` atau Excel, lokal Indonesia): ``85,5`` = 85,5
    dan ``1.250,5`` = 1250,5; tanpa koma, ``1.250`` dan ``12.500.000`` dibaca sebagai pemisah
    ribuan, sedangkan ``85.5`` dan ``0.500`` tetap titik desimal. Tanpa ``desimal_koma`` (CSV
    berpemisah koma) titik selalu desimal: ``1.250`` = 1,25.

    Examples
    --------
    >>> _angka(pd.Series(["85,5", "1.250,5", "1.250", "85.5", "0.500", "90%", "x"]), True).tolist()
    [85.5, 1250.5, 1250.0, 85.5, 0.5, 90.0, nan]
    >>> _angka(pd.Series(["1.250", "85,5"]), False).tolist()
    [1.25, nan]
    """
    if pd.api.types.is_numeric_dtype(nilai.dtype) and nilai.dtype != bool:
        return nilai.astype("float64")
    return per_nilai_unik(lambda u: _angka_teks(u, desimal_koma), nilai).astype("float64")


def _satu_tanggal(teks: str) -> pd.Timestamp | None:
    """Satu tanggal: ``TTTT-BB-HH``, ``HH/BB/TTTT`` (juga ``-`` dan ``.``), ``TTTT/BB/HH``,
    ``15 Maret 2026``, atau nomor seri tanggal Excel (``45366``, sel tanggal yang terbaca
    sebagai angka)."""
    t = teks.strip()
    if re.fullmatch(r"[0-9]{5}(\.0+)?", t) and 10_000 <= float(t) <= 80_000:
        return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(t)))
    cocok = re.fullmatch(r"([0-9]{1,2})[\s\-]+([A-Za-z]+)[\s\-]+([0-9]{4})", t)
    if cocok and cocok.group(2).lower() in _BULAN:
        t = f"{cocok.group(3)}-{_BULAN[cocok.group(2).lower()]:02d}-{int(cocok.group(1)):02d}"
    for bentuk in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        hasil = pd.to_datetime(t[:10], format=bentuk, errors="coerce")
        if not pd.isna(hasil):
            return hasil
    return None


def _tanggal(nilai: pd.Series) -> pd.Series:
    """Tanggal tiap sel (dikerjakan per nilai unik); yang tidak dikenali menjadi ``NaT``.

    Examples
    --------
    >>> _tanggal(pd.Series(["2026-03-15", "15/03/2026", "15 Maret 2026", "46096", "03/15/2026",
    ...     None])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-03-15', '2026-03-15', '2026-03-15', '2026-03-15', nan, nan]
    """
    posisi, unik = _posisi_unik(_teks(nilai))
    hasil = pd.to_datetime(pd.Series([_satu_tanggal(str(u)) for u in unik] + [None]))
    return pd.Series(hasil.to_numpy()[posisi], index=nilai.index)


def _tahun(nilai: pd.Series) -> pd.Series:
    """Tahun empat digit (``2026``, juga ``2026.0`` dari sel angka); selain itu kosong.

    Examples
    --------
    >>> _tahun(pd.Series(["2026", "2026.0", "26", None])).tolist()
    ['2026', '2026', nan, nan]
    """
    teks = _teks(nilai).astype("str").str.replace(r"\.0+$", "", regex=True)
    sah = teks.str.fullmatch(r"(19|20)[0-9]{2}").fillna(False).astype(bool)
    return teks.where(sah)


_UBAH = {
    "nip": lambda s, _a, _k: per_nilai_unik(lambda u: bakukan_nip(_teks(u)), s),
    "periode": lambda s, _a, _k: per_nilai_unik(lambda u: bakukan_periode(_teks(u)), s),
    "pilihan": lambda s, alias, _k: _kunci_pilihan(s, alias),
    "sasaran": lambda s, alias, _k: _kunci_pilihan(s, alias),
    "angka": lambda s, _a, desimal_koma: _angka(s, desimal_koma),
    "tanggal": lambda s, _a, _k: _tanggal(s),
    "tahun": lambda s, _a, _k: _tahun(s),
    "teks": lambda s, _a, _k: _teks(s),
}


def bakukan_tabel(nama: str, mentah: pd.DataFrame, desimal_koma: bool) -> pd.DataFrame:
    """Bakukan nilai tiap kolom yang dikenal; kolom lain dibawa apa adanya.

    Kolom opsional yang tidak ada di berkas ditambahkan (kosong, atau nilai bawaannya).
    Nilai yang tidak dapat dibakukan menjadi kosong; pemeriksaan (:mod:`.periksa`) lalu
    membandingkannya dengan nilai mentah untuk membedakan "kosong" dari "tidak sah".
    """
    baku = mentah.copy(deep=False)
    for kolom, aturan in SPESIFIKASI[nama].items():
        nilai = baku[kolom] if kolom in baku else pd.Series(np.nan, index=baku.index, dtype="str")
        hasil = _UBAH[aturan.jenis](nilai, aturan.alias, desimal_koma)
        if aturan.bawaan is not None:
            if isinstance(hasil.dtype, pd.CategoricalDtype):
                hasil = kategori_ke_teks(hasil)
            isi = baku[aturan.bawaan[1:]] if aturan.bawaan.startswith("@") else aturan.bawaan
            if isinstance(getattr(isi, "dtype", None), pd.CategoricalDtype):
                isi = kategori_ke_teks(isi)
            hasil = hasil.where(nilai.notna(), isi)
        baku[kolom] = hasil
    return baku
