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
    # Kelas karakter eksplisit (bukan \s) agar pandas memakai regex pyarrow yang cepat.
    teks = nilai.astype("str").str.replace("[ \t\r\n\xa0\u2007\u202f\u200b\ufeff]+", "", regex=True)
    rumus = teks.str.fullmatch('="[^"]*"').fillna(False).astype(bool)
    teks = teks.mask(rumus, teks.str.slice(2, -1))  # ="198..." : NIP dilindungi sebagai teks
    teks = teks.str.removeprefix("'")  # tanda teks Excel yang ikut terketik
    berkelompok = teks.str.fullmatch(_NIP_BERKELOMPOK).fillna(False).astype(bool)
    tanpa_pemisah = teks.str.replace("[.\\-/]", "", regex=True)
    teks = teks.mask(berkelompok & (tanpa_pemisah.str.len() == 18), tanpa_pemisah)
    return teks.where(teks != "")


def _masalah_unik(nip: pd.Series) -> np.ndarray:
    """Kode masalah untuk NIP yang sudah unik; ``None`` berarti sah."""
    kode = np.full(len(nip), None, dtype=object)
    angka = nip.str.fullmatch(_POLA_ANGKA).to_numpy(dtype=bool, na_value=False)
    digit = nip.str.fullmatch(r"[0-9]{18}").to_numpy(dtype=bool, na_value=False)
    kode[~digit] = "panjang"
    kode[angka] = "angka"

    lahir = pd.to_datetime(nip.str[:8], format="%Y%m%d", errors="coerce")
    tahun_lahir = lahir.dt.year.to_numpy(dtype=float, na_value=np.nan)
    lahir_sah = (tahun_lahir >= 1900) & digit
    kode[digit & ~lahir_sah] = "tanggal_lahir"

    tahun_tmt = pd.to_numeric(nip.str[8:12], errors="coerce").to_numpy(dtype=float)
    d13 = nip.str[12].to_numpy(dtype=object, na_value="")
    d14 = pd.to_numeric(nip.str[13], errors="coerce").to_numpy(dtype=float)
    bulan = pd.to_numeric(nip.str[12:14], errors="coerce").to_numpy(dtype=float)
    pppk = d13 == "2"
    tmt_sah = np.where(pppk, (d14 >= 1) & (d14 <= 9), (bulan >= 1) & (bulan <= 12))
    tmt_sah &= tahun_tmt > tahun_lahir
    cek = lahir_sah & (kode == None)  # noqa: E711 (perbandingan elemen larik objek)
    kode[cek & ~tmt_sah] = "tmt"

    cek &= tmt_sah
    jk = nip.str[14].to_numpy(dtype=object, na_value="")
    kode[cek & ~np.isin(jk, ["1", "2"])] = "jenis_kelamin"
    cek &= np.isin(jk, ["1", "2"])
    kode[cek & (nip.str[15:18].to_numpy(dtype=object, na_value="") == "000")] = "urutan"
    return kode


def masalah_nip(nip: pd.Series) -> pd.Series:
    """Kode masalah tiap NIP (``NaN`` bila sah); NIP kosong juga ``NaN``.

    Kode: ``angka``, ``panjang``, ``tanggal_lahir``, ``tmt``, ``jenis_kelamin``, ``urutan``.

    Examples
    --------
    >>> masalah_nip(pd.Series(["198609262015051001", "198304232025211097",
    ...     "1.98609E+17", "19860926201505100", "198609262015131001"])).tolist()
    [nan, nan, 'angka', 'panjang', 'tmt']
    """
    posisi, unik = pd.factorize(nip)
    kode_unik = _masalah_unik(pd.Series(unik, dtype="str"))
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
