"""Satu nama, beberapa ejaan: "DINAS SOSIAL" dan "Dinas Sosial" adalah satu OPD."""

from __future__ import annotations

import pandas as pd

from ..teks import angka_id
from .kunci import ubah_kategori

__all__ = ["ejaan_acuan", "satukan_ejaan"]


def _kunci_ejaan(teks: pd.Series) -> pd.Series:
    return teks.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def satukan_ejaan(nilai: pd.Series, kolom: str, berkas: str) -> tuple[pd.Series, list[str]]:
    """Satu nama yang ditulis dengan beberapa ejaan (huruf besar/kecil, spasi) dibaca sebagai
    satu nama: ejaan yang paling sering dipakai (bila seri, yang tidak berhuruf kapital semua,
    lalu yang pertama menurut abjad).

    Returns
    -------
    (nilai, peringatan)
        Nilai yang ejaannya sudah disatukan, dan satu kalimat per nama yang berejaan ganda.

    Examples
    --------
    >>> s = pd.Series(["Dinas Sosial", "DINAS SOSIAL", "Dinas Sosial", "BKPSDM"])
    >>> satukan_ejaan(s, "opd", "pegawai.csv")[0].tolist()
    ['Dinas Sosial', 'Dinas Sosial', 'Dinas Sosial', 'BKPSDM']
    """
    hitung = nilai.value_counts(dropna=True)
    hitung = hitung[hitung > 0]
    if hitung.empty:
        return nilai, []
    ejaan = pd.DataFrame({"ejaan": hitung.index.astype("str"), "n": hitung.to_numpy()})
    ejaan["kunci"] = _kunci_ejaan(ejaan["ejaan"])
    ganda = ejaan[ejaan.duplicated("kunci", keep=False)]
    if ganda.empty:
        return nilai, []
    # Ejaan terbanyak; bila seri, yang bukan huruf kapital semua ("Dinas Sosial", bukan
    # "DINAS SOSIAL"), lalu menurut abjad.
    ganda = ganda.assign(_kapital=ganda["ejaan"].str.isupper())
    urut = ["kunci", "n", "_kapital", "ejaan"]
    ganda = ganda.sort_values(urut, ascending=[True, False, True, True])
    baku = ganda.groupby("kunci", sort=False)["ejaan"].transform("first")
    peta = dict(zip(ganda["ejaan"], baku, strict=True))
    pesan = []
    for _, kelompok in ganda.groupby("kunci", sort=True):
        rincian = ", ".join(f"'{e}' {angka_id(n)} baris" for e, n in
                            zip(kelompok["ejaan"], kelompok["n"], strict=True))  # fmt: skip
        pesan.append(
            f"{kolom} '{kelompok['ejaan'].iloc[0]}' ditulis dengan {len(kelompok)} ejaan di "
            f"{berkas} ({rincian}); semuanya dibaca sebagai '{kelompok['ejaan'].iloc[0]}'. "
            "Samakan ejaannya di berkas."
        )
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        return ubah_kategori(nilai, lambda k: k.replace(peta)), pesan
    return nilai.replace(peta), pesan


def ejaan_acuan(nilai: pd.Series, acuan: pd.Series) -> pd.Series:
    """Nama di ``nilai`` yang sama dengan nama di ``acuan`` bila huruf besar/kecil dan spasi
    diabaikan ditulis seperti di ``acuan``."""
    unik = pd.Series(acuan.astype("str").dropna().unique(), dtype="str")
    peta = pd.Series(unik.to_numpy(), index=_kunci_ejaan(unik).to_numpy())
    peta = peta[~peta.index.duplicated()]
    teks = nilai.astype("str")
    return _kunci_ejaan(teks).map(peta).fillna(teks)
