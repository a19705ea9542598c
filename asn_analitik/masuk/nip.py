"""Pemeriksaan NIP (Nomor Induk Pegawai), 18 digit, selalu teks.

Susunan PNS: tanggal lahir ``TTTTBBHH`` + TMT CPNS ``TTTTBB`` + jenis kelamin (1/2) + nomor
urut 3 digit. Susunan PPPK (dari pengurai publik, belum dikonfirmasi BKN): tanggal lahir +
tahun TMT ``TTTT`` + ``2`` + satu digit 1-9 + jenis kelamin + nomor urut, sehingga digit 13-14
terbaca 21-29, tidak pernah bulan. Semua pemeriksaan tervektorisasi dan dikerjakan pada NIP
unik saja, karena satu NIP muncul di banyak baris indikator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .kunci import matriks_digit, teks_arrow

__all__ = ["bakukan_nip", "jelaskan_nip", "masalah_nip"]

_POLA_ANGKA = r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+|[0-9]+[.,]0+"

PESAN_NIP = {
    "angka": (
        "NIP terbaca sebagai angka oleh spreadsheet sehingga digit terakhirnya hilang dan tidak "
        "bisa dipulihkan. Format kolom NIP sebagai Teks, ketik ulang NIP lengkap 18 digit, lalu "
        "simpan lagi."
    ),
    "panjang": (
        "NIP harus terdiri dari 18 digit angka tanpa huruf atau tanda baca; periksa lagi NIP ini."
    ),
    "tanggal_lahir": (
        "8 digit pertama NIP harus tanggal lahir yang sah (TTTTBBHH, mis. 19860926); "
        "periksa lagi NIP ini."
    ),
    "tmt": (
        "Digit 9-14 NIP harus TMT CPNS yang sah (TTTTBB, bulan 01-12, setelah tahun lahir), "
        "atau untuk PPPK tahun TMT diikuti 21-29; periksa lagi NIP ini."
    ),
    "jenis_kelamin": (
        "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan); periksa lagi NIP ini."
    ),
    "urutan": (
        "Tiga digit terakhir NIP (nomor urut) tidak boleh 000. NIP berakhiran 000 biasanya "
        "pernah tersimpan sebagai angka di spreadsheet sehingga digit terakhirnya hilang: format "
        "kolom NIP sebagai Teks dan ketik ulang NIP lengkap 18 digit."
    ),
}


#: NIP yang ditulis berkelompok: 8-6-1-3 digit (PNS) atau kelompok lain, dipisah titik atau
#: garis (``19860926.201505.1.001``, ``19860926-201505-1-001``). Satu titik saja tidak termasuk:
#: ``198609262015051000.0`` adalah NIP yang sudah menjadi angka.
_NIP_BERKELOMPOK = r"[0-9]+(?:[.\-/][0-9]+){2,}"


def bakukan_nip(nilai: pd.Series) -> pd.Series:
    """Ubah NIP menjadi teks 18 digit tanpa pemisah.

    Spasi (termasuk spasi tak putus dan spasi lebar nol), tanda ``'`` teks Excel di depan,
    bungkus rumus teks Excel ``="..."`` (CSV ``--csv excel-id``), dan titik atau garis di antara
    kelompok digit dibuang.

    Examples
    --------
    >>> bakukan_nip(pd.Series([" 19860926 201505 1 001 ", None, "19860926.201505.1.001",
    ...     "19860926-201505-1-001", "19860926\u00a0201505\u00a01\u00a0001", "1.98609E+17",
    ...     "198609262015051000.0", '="198609262015051001"'])).tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    ['198609262015051001', nan, '198609262015051001', '198609262015051001',
     '198609262015051001', '1.98609E+17', '198609262015051000.0', '198609262015051001']
    """
    teks = nilai.astype("str")
    # Jalur cepat: NIP yang sudah 18 digit tidak berubah; hanya sisanya yang dibersihkan.
    lain = ~teks.str.fullmatch("[0-9]{18}").to_numpy(dtype=bool, na_value=True)
    if not lain.any():
        return teks
    hasil = teks.copy()
    hasil[lain] = _bersihkan_nip(teks[lain])
    return hasil


def _bersihkan_nip(teks: pd.Series) -> pd.Series:
    # Kelas karakter eksplisit (bukan \s) agar pandas memakai regex pyarrow yang cepat.
    teks = teks.str.replace("[ \t\r\n\xa0\u2007\u202f\u200b\ufeff]+", "", regex=True)
    rumus = teks.str.fullmatch('="[^"]*"').fillna(False).astype(bool)
    teks = teks.mask(rumus, teks.str.slice(2, -1))  # ="198..." : NIP dilindungi sebagai teks
    teks = teks.str.removeprefix("'")  # tanda teks Excel yang ikut terketik
    berkelompok = teks.str.fullmatch(_NIP_BERKELOMPOK).fillna(False).astype(bool)
    tanpa_pemisah = teks.str.replace("[.\\-/]", "", regex=True)
    teks = teks.mask(berkelompok & (tanpa_pemisah.str.len() == 18), tanpa_pemisah)
    return teks.where(teks != "")


def _digit(nip: pd.Series) -> np.ndarray:
    """NIP 18 digit (sudah dipastikan) sebagai matriks bilangan (n, 18), dari bita teksnya."""
    return matriks_digit(teks_arrow(nip), 18)


def _angka_dari(digit: np.ndarray) -> np.ndarray:
    """Digit berurutan (kolom matriks) menjadi satu bilangan per baris."""
    return digit @ (10 ** np.arange(digit.shape[1] - 1, -1, -1))


def _tanggal_sah(tahun: np.ndarray, bulan: np.ndarray, hari: np.ndarray) -> np.ndarray:
    """Tanggal kalender yang ada (tahun kabisat diperhitungkan)."""
    kabisat = (tahun % 4 == 0) & ((tahun % 100 != 0) | (tahun % 400 == 0))
    hari_bulan = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    maks = hari_bulan[np.clip(bulan, 0, 12)] + ((bulan == 2) & kabisat)
    return (tahun >= 1) & (bulan >= 1) & (bulan <= 12) & (hari >= 1) & (hari <= maks)


def _masalah_unik(nip: pd.Series) -> np.ndarray:
    """Kode masalah untuk NIP yang sudah unik; ``None`` berarti sah. NIP 18 digit diperiksa
    sebagai matriks digit (tanpa mengurai teks per NIP)."""
    kode = np.full(len(nip), None, dtype=object)
    angka = nip.str.fullmatch(_POLA_ANGKA).to_numpy(dtype=bool, na_value=False)
    digit = nip.str.fullmatch(r"[0-9]{18}").to_numpy(dtype=bool, na_value=False)
    kode[~digit] = "panjang"
    kode[angka] = "angka"
    if not digit.any():
        return kode
    d = _digit(nip[digit])
    tahun_lahir = _angka_dari(d[:, 0:4])
    lahir_sah = _tanggal_sah(tahun_lahir, _angka_dari(d[:, 4:6]), _angka_dari(d[:, 6:8]))
    lahir_sah &= tahun_lahir >= 1900
    # PNS: TMT CPNS TTTTBB; PPPK: tahun TMT + "2" + satu digit 1-9 (digit 13-14 = 21..29).
    pppk = d[:, 12] == 2
    tmt_sah = np.where(pppk, d[:, 13] >= 1, (_angka_dari(d[:, 12:14]) >= 1))
    tmt_sah &= np.where(pppk, True, _angka_dari(d[:, 12:14]) <= 12)
    tmt_sah &= _angka_dari(d[:, 8:12]) > tahun_lahir
    jk_sah = (d[:, 14] == 1) | (d[:, 14] == 2)
    urut_nol = (d[:, 15:18] == 0).all(axis=1)
    kode_digit = np.full(len(d), None, dtype=object)
    kode_digit[~lahir_sah] = "tanggal_lahir"
    kode_digit[lahir_sah & ~tmt_sah] = "tmt"
    kode_digit[lahir_sah & tmt_sah & ~jk_sah] = "jenis_kelamin"
    kode_digit[lahir_sah & tmt_sah & jk_sah & urut_nol] = "urutan"
    kode[digit] = kode_digit
    return kode


def masalah_nip(nip: pd.Series, unik: bool = False) -> pd.Series:
    """Kode masalah tiap NIP (``NaN`` bila sah); NIP kosong juga ``NaN``.

    Kode: ``angka``, ``panjang``, ``tanggal_lahir``, ``tmt``, ``jenis_kelamin``, ``urutan``.
    ``unik``: ``nip`` sudah tanpa nilai ganda dan tanpa sel kosong (mis. kategori), jadi tidak
    perlu difaktorkan dulu.

    Examples
    --------
    >>> masalah_nip(pd.Series(["198609262015051001", "198304232025211097",
    ...     "1.98609E+17", "19860926201505100", "198609262015131001"])).tolist()
    [nan, nan, 'angka', 'panjang', 'tmt']
    """
    if unik:
        return pd.Series(_masalah_unik(nip.astype("str")), index=nip.index, dtype="str")
    posisi, nilai_unik = pd.factorize(nip)
    kode_unik = _masalah_unik(pd.Series(nilai_unik, dtype="str"))
    kode = np.append(kode_unik, None)[posisi]  # posisi -1 (kosong) mengambil None
    return pd.Series(kode, index=nip.index, dtype="str")


def jelaskan_nip(nilai: str) -> str:
    """Alasan penolakan yang dapat ditindaklanjuti untuk satu NIP (kosong bila sah).

    Examples
    --------
    >>> jelaskan_nip("198609262015051001")
    ''
    >>> jelaskan_nip("198609262015051000")[:44]
    'Tiga digit terakhir NIP (nomor urut) tidak b'
    """
    kode = masalah_nip(pd.Series([nilai])).iloc[0]
    return "" if pd.isna(kode) else PESAN_NIP[kode]
