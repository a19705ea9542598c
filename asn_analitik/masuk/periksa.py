"""Pemeriksaan tiap tabel masukan: aturan :data:`.skema.SPESIFIKASI` pada tabel yang sudah
dibakukan, semua masalah sekaligus.

Setiap pemeriksaan adalah kernel tervektorisasi yang memberi satu larik boolean per kolom
(``True`` = sah). Kolom berkamus (``Categorical``) diperiksa pada nilai uniknya lalu
disebarkan lewat kode, jadi NIP, periode dan pilihan di jutaan baris diperiksa sekali per nilai
berbeda. Hasilnya *temuan*: satu baris per (baris tabel, kolom, kunci pemeriksaan), yang
diterjemahkan menjadi alasan berbahasa Indonesia oleh :func:`.alasan.baris_ditolak`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .kunci import kode_dalam
from .nip import masalah_nip
from .skema import KUNCI_UNIK, SASARAN, SPESIFIKASI, Kolom

__all__ = ["baris_ganda", "kode_nilai", "periksa_tabel", "sama_kunci", "status_nip"]

#: Kode :func:`status_nip`.
NIP_SAH, NIP_BENTUK_SALAH, NIP_TIDAK_TERDAFTAR = 0, 1, 2


def kode_nilai(nilai: pd.Series) -> np.ndarray:
    """Kode bilangan bulat tiap nilai (nilai sama, kode sama; kosong ``-1``). Untuk
    ``Categorical`` kode aslinya (8, 16 atau 32 bit), tanpa salinan.

    Examples
    --------
    >>> kode_nilai(pd.Series(["b", None, "a", "b"])).tolist()
    [0, -1, 1, 0]
    """
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        return nilai.cat.codes.to_numpy()
    return pd.factorize(nilai)[0].astype(np.int64)


def _per_nilai(nilai: pd.Series, uji: Callable[[pd.Series], np.ndarray], kosong: bool):
    """``uji`` (Series -> larik boolean) pada nilai unik, disebarkan ke setiap baris; sel
    kosong mendapat ``kosong``."""
    if isinstance(nilai.dtype, pd.CategoricalDtype):
        kategori = pd.Series(nilai.cat.categories)
        per_kategori = np.append(np.asarray(uji(kategori), dtype=bool), kosong)
        return per_kategori[nilai.cat.codes.to_numpy()]  # kode -1 mengambil ``kosong``
    ada = nilai.notna().to_numpy()
    hasil = np.full(len(nilai), kosong)
    hasil[ada] = np.asarray(uji(nilai[ada]), dtype=bool)
    return hasil


def status_nip(nip: pd.Series, acuan: pd.Index | None) -> np.ndarray:
    """Status tiap NIP: :data:`NIP_SAH` (juga sel kosong), :data:`NIP_BENTUK_SALAH` (ada kode
    dari :func:`.nip.masalah_nip`) atau :data:`NIP_TIDAK_TERDAFTAR` (bentuk sah tetapi tidak
    ada di ``acuan``).

    Hanya NIP yang tidak ada di ``acuan`` yang diperiksa bentuknya: NIP pegawai sudah
    diperiksa di tabel pegawai. Dikerjakan per NIP unik.

    Examples
    --------
    >>> status_nip(pd.Series(["198609262015051001", "1.98609E+17", None, "199002142014032002"]),
    ...            pd.Index(["198609262015051001"])).tolist()
    [0, 1, 0, 2]
    """

    def _status(unik: pd.Series) -> np.ndarray:
        status = np.full(len(unik), NIP_SAH, dtype=np.int8)
        sisa = np.ones(len(unik), dtype=bool)
        if acuan is not None:
            sisa = kode_dalam(unik, acuan) < 0
        masalah = masalah_nip(unik[sisa], unik=True).notna().to_numpy()
        status[np.flatnonzero(sisa)[masalah]] = NIP_BENTUK_SALAH
        if acuan is not None:
            status[np.flatnonzero(sisa)[~masalah]] = NIP_TIDAK_TERDAFTAR
        return status

    if not isinstance(nip.dtype, pd.CategoricalDtype):
        nip = nip.astype("category")
    kode = nip.cat.codes.to_numpy()
    return np.append(_status(pd.Series(nip.cat.categories)), NIP_SAH)[kode]


def _cek_kolom(
    kolom: str, aturan: Kolom, mentah: pd.DataFrame, baku: pd.DataFrame, konteks: dict
) -> list[tuple[str, np.ndarray]]:
    """Pasangan (kunci pemeriksaan, larik boolean ``True`` = sah) untuk satu kolom."""
    s = baku[kolom]
    ada_mentah = mentah[kolom].notna().to_numpy() if kolom in mentah else None
    kosong = s.isna().to_numpy()
    cek: list[tuple[str, np.ndarray]] = []
    if aturan.wajib:
        cek.append(("wajib", ada_mentah if ada_mentah is not None else np.zeros(len(s), bool)))
    if ada_mentah is not None and aturan.jenis in ("periode", "angka", "tanggal", "tahun"):
        # Terisi di berkas tetapi tidak dapat dibakukan: nilai tidak sah sesuai jenisnya.
        cek.append((aturan.jenis, ~kosong | ~ada_mentah))
    if aturan.jenis == "nip":
        acuan = konteks.get("acuan_nip", {}).get(kolom)
        acuan = acuan(baku, konteks) if callable(acuan) else acuan
        status = status_nip(s, acuan)
        cek.append(("nip", status != NIP_BENTUK_SALAH))
        if acuan is not None:
            kunci = "nip_terdaftar" if kolom == "nip" else "atasan_terdaftar"
            cek.append((kunci, status != NIP_TIDAK_TERDAFTAR))
    if aturan.pilihan:
        cek.append(("pilihan", _per_nilai(s, lambda u, p=aturan.pilihan: u.isin(p), True)))
    if aturan.jenis == "sasaran":
        cek.append(("sasaran", _per_nilai(s, lambda u: u.isin(SASARAN), True)))
    angka = s.to_numpy(dtype=float, na_value=np.nan) if aturan.jenis == "angka" else None
    with np.errstate(invalid="ignore"):
        if aturan.lebih_dari is not None:
            cek.append(("lebih_dari", kosong | (angka > aturan.lebih_dari)))
        if aturan.minimum is not None:
            cek.append(("minimum", kosong | (angka >= aturan.minimum)))
        if aturan.bulat_1_5:
            bulat = (angka >= 1) & (angka <= 5) & (angka == np.floor(angka))
            cek.append(("bulat_1_5", kosong | bulat))
    return cek


def _kunci_gabungan(baku: pd.DataFrame, kolom: list[str]) -> np.ndarray:
    """Satu kode bilangan bulat per baris untuk gabungan ``kolom`` (kosong = nilai sendiri,
    seperti ``DataFrame.duplicated``): baris sama kunci, kode sama."""
    gabung, batas = np.zeros(len(baku), dtype=np.int64), 1
    for k in kolom:
        kode = kode_nilai(baku[k])
        n = int(kode.max(initial=-1)) + 2  # kode -1 (kosong) .. terbesar, digeser 1
        if batas * n >= 2**62:  # difaktorkan ulang agar tidak meluap
            gabung, unik = pd.factorize(gabung)
            gabung, batas = gabung.astype(np.int64), len(unik)
        # Di tempat: tanpa larik 64 bit sementara sebesar tabel (60 juta baris perilaku).
        gabung *= n
        gabung += kode
        gabung += 1
        batas *= n
    return gabung


def _muncul_lagi(kunci: np.ndarray) -> np.ndarray:
    """Baris yang kuncinya muncul lebih dari sekali (lewat urutan, tanpa tabel hash: jutaan
    kunci yang hampir semuanya unik).

    Examples
    --------
    >>> _muncul_lagi(np.array([5, 3, 5, 9, 3, 1])).tolist()
    [True, True, True, False, True, False]
    """
    urut = np.sort(kunci)
    ganda = np.unique(urut[1:][urut[1:] == urut[:-1]])
    if len(ganda) == 0:
        return np.zeros(len(kunci), dtype=bool)
    posisi = np.minimum(np.searchsorted(ganda, kunci), len(ganda) - 1)
    return ganda[posisi] == kunci


def sama_kunci(baku: pd.DataFrame, tabel: str) -> np.ndarray:
    """Baris yang kuncinya (:data:`KUNCI_UNIK`) juga dipakai baris lain.

    Examples
    --------
    >>> d = pd.DataFrame({"opd": ["A", "A", "B", None, None], "periode": ["2026"] * 5})
    >>> sama_kunci(d, "organisasi").tolist()
    [True, True, False, True, True]
    """
    return _muncul_lagi(_kunci_gabungan(baku, list(KUNCI_UNIK[tabel])))


def baris_ganda(baku: pd.DataFrame, tabel: str) -> tuple[pd.Series, pd.Series]:
    """Baris yang ditolak karena kuncinya (:data:`KUNCI_UNIK`) muncul lebih dari sekali.

    Baris yang sama persis: yang pertama dipakai, sisanya ditolak. Baris dengan kunci sama tetapi
    isi berbeda (bertentangan): semuanya ditolak, karena kit tidak dapat menebak mana yang
    benar; dengan begitu hasil juga tidak bergantung pada urutan baris di berkas.

    Returns
    -------
    (ditolak, bertentangan)
        Dua ``Series`` boolean sejajar dengan ``baku``.
    """
    kunci = list(KUNCI_UNIK[tabel])
    isi = [k for k in SPESIFIKASI[tabel] if k in baku]
    sama = sama_kunci(baku, tabel)
    kosong = pd.Series(False, index=baku.index)
    if not sama.any():
        return kosong, kosong
    calon = baku.loc[sama, isi]
    sidik = pd.util.hash_pandas_object(calon.astype("str"), index=False)
    ragam = sidik.groupby([calon[k].astype("str") for k in kunci], dropna=False).transform(
        "nunique"
    )
    bertentangan = kosong.copy()
    bertentangan[calon.index] = (ragam > 1).to_numpy()
    salinan = kosong.copy()
    salinan[calon.index] = (~bertentangan[calon.index] & calon.duplicated(keep="first")).to_numpy()
    return bertentangan | salinan, bertentangan


def periksa_tabel(nama: str, mentah: pd.DataFrame, baku: pd.DataFrame, konteks: dict):
    """Semua masalah tabel ``nama`` sekaligus.

    Parameters
    ----------
    nama
        Nama tabel (kunci :data:`SPESIFIKASI`).
    mentah
        Tabel sebelum dibakukan; dipakai untuk membedakan sel kosong dari nilai tidak sah.
    baku
        Tabel sesudah dibakukan (:func:`.baku.bakukan_tabel`), indeksnya sama dengan ``mentah``.
    konteks
        ``acuan_nip``: untuk kolom NIP yang harus merujuk ke NIP lain, ``{kolom: acuan}``;
        acuan berupa ``Index`` NIP atau fungsi ``(tabel baku, konteks) -> Index``.
        ``nip_rusak``: NIP baris yang tidak dapat dipecah menjadi kolom (tetap ada di berkas).

    Returns
    -------
    pandas.DataFrame
        Temuan, satu baris per masalah: ``index`` (label baris ``baku``), ``column``,
        ``check`` (kunci pemeriksaan; ``ganda`` untuk baris ganda, dengan ``column`` kosong).
    """
    bagian = []
    for kolom, aturan in SPESIFIKASI[nama].items():
        for kunci, sah in _cek_kolom(kolom, aturan, mentah, baku, konteks):
            salah = baku.index[~sah]
            bagian.append(pd.DataFrame({"index": salah, "column": kolom, "check": kunci}))
    if nama in KUNCI_UNIK:
        ganda = baku.index[baris_ganda(baku, nama)[0].to_numpy()]
        bagian.append(pd.DataFrame({"index": ganda, "column": None, "check": "ganda"}))
    temuan = pd.concat(bagian, ignore_index=True)
    temuan["index"] = temuan["index"].astype(np.int64)
    return temuan
