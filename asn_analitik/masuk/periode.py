"""Periode penilaian: bentuk yang diterima, bentuk baku, dan urutan waktu.

Bentuk baku (kontrak v1): ``YYYY`` (tahunan), ``YYYY-S1``/``YYYY-S2`` (semester),
``YYYY-TW1`` .. ``YYYY-TW4`` (triwulan), ``YYYY-MM`` (bulanan). Tulisan lain yang artinya
tunggal juga diterima lalu dibakukan: huruf kecil dan pemisah spasi, garis bawah, titik atau
garis miring (``2026 s1``, ``2026/S1``), tahun di belakang (``S1-2026``, ``Semester 1 2026``,
``Semester II 2026``, ``Triwulan 3 2026``, ``TW IV 2026``), nama bulan (``Januari 2026``,
``Jan 2026``), bulan dua digit dengan tahun (``03/2026``), dan ``Tahun 2026``. Yang maknanya
tidak pasti (``2026-1``: semester, triwulan atau bulan?; ``S1`` tanpa tahun) ditolak.

Urutan waktu: menurut bulan terakhir periode; bila sama, periode yang lebih panjang di
belakang (``2026-S2`` sebelum ``2026``, karena penilaian tahunan merangkum semester).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = [
    "BULAN",
    "JENIS_PERIODE",
    "POLA_PERIODE",
    "akhir_periode",
    "bakukan_periode",
    "jenis_periode",
    "kunci_urut_periode",
    "urutkan_periode",
]

POLA_PERIODE = r"^([0-9]{4})(?:-(S[12]|TW[1-4]|0[1-9]|1[0-2]))?$"

#: Nama bulan (Indonesia, dan singkatan Inggris yang lazim di Excel) -> nomor bulan.
BULAN = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nop": 11, "desember": 12,
    "des": 12, "dec": 12,
}  # fmt: skip
_ROMAWI = {"I": "1", "II": "2", "III": "3", "IV": "4"}
_JENIS = {"S": "S", "SEM": "S", "SMT": "S", "SEMESTER": "S", "TW": "TW", "TRIWULAN": "TW",
          "KUARTAL": "TW"}  # fmt: skip
_BATAS = {"S": 2, "TW": 4}


def _satu_periode(teks: str) -> str | None:
    """Bentuk baku satu tulisan periode; ``None`` bila tidak sah atau bermakna ganda."""
    t = re.sub(r"[\s_/.,]+", "-", teks.strip().upper()).strip("-")
    t = re.sub(r"^TAHUN(AN)?-", "", t)
    if re.fullmatch(POLA_PERIODE, t):
        return t
    bagian = t.split("-")
    tahun = [b for b in bagian if re.fullmatch(r"[0-9]{4}", b)]
    lain = [b for b in bagian if not re.fullmatch(r"[0-9]{4}", b) and b != "TAHUN"]
    if len(tahun) != 1:
        return None
    if len(lain) == 1 and lain[0].lower() in BULAN:
        return f"{tahun[0]}-{BULAN[lain[0].lower()]:02d}"
    if len(lain) == 1 and re.fullmatch(r"0[1-9]|1[0-2]", lain[0]):
        return f"{tahun[0]}-{lain[0]}"
    kode = "".join(lain)
    cocok = re.fullmatch(r"(SEMESTER|SEM|SMT|S|TRIWULAN|TW|KUARTAL)(IV|I{1,3}|[1-4])", kode)
    if cocok is None:
        return None
    jenis = _JENIS[cocok.group(1)]
    nomor = _ROMAWI.get(cocok.group(2), cocok.group(2))
    if int(nomor) > _BATAS[jenis]:
        return None
    return f"{tahun[0]}-{jenis}{nomor}"


def bakukan_periode(nilai: pd.Series) -> pd.Series:
    """Bakukan tulisan periode; yang tidak sah atau bermakna ganda menjadi kosong (``NA``).

    Dikerjakan sekali per nilai unik (periode hanya segelintir di jutaan baris).

    Examples
    --------
    >>> bakukan_periode(pd.Series(["2026 s1", "2025-TW4", "2026-13", "2026", "S1-2026",
    ...     "Semester II 2026", "2026/S1", "Januari 2026", "03/2026", "2026-1", "S1"])).tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    ['2026-S1', '2025-TW4', nan, '2026', '2026-S1', '2026-S2', '2026-S1', '2026-01',
     '2026-03', nan, nan]
    """
    posisi, unik = pd.factorize(nilai.astype("str"))
    baku = pd.Series([_satu_periode(u) for u in unik], dtype="str")
    hasil = pd.concat([baku, pd.Series([None], dtype="str")], ignore_index=True)
    return pd.Series(hasil.to_numpy()[posisi], index=nilai.index, dtype="str")


def kunci_urut_periode(periode: pd.Series) -> pd.Series:
    """Kunci bilangan bulat yang mengurutkan periode baku menurut waktu.

    Dihitung sekali per nilai unik (satu per satu) lalu disebar menurut kodenya. Nilai unik
    periode baku hanya sedikit (puluhan; jumlahnya tidak tumbuh dengan jumlah pegawai); dengan
    operasi teks pandas setiap panggilan ± 7 ms walau hanya untuk dua periode, dan ``laporan``
    memanggilnya belasan kali tepat di jalur induk yang ditunggu pekerja.

    Examples
    --------
    >>> s = pd.Series(["2026", "2026-S2", "2026-S1", "2025-12", "2026-TW2"])
    >>> s[kunci_urut_periode(s).argsort()].tolist()
    ['2025-12', '2026-TW2', '2026-S1', '2026-S2', '2026']
    """
    posisi, unik = pd.factorize(periode.astype("str"))
    kunci = pd.array([*map(_kunci_satu, unik), None], dtype="Int64")  # -1 (nilai hilang): None
    return pd.Series(kunci[posisi], index=periode.index, dtype="Int64")


_POLA = re.compile(POLA_PERIODE)


def _kunci_satu(teks: str) -> int | None:
    """Kunci satu periode (lihat :func:`kunci_urut_periode`); ``None`` bila bukan periode baku:
    tahun x 10.000 + bulan terakhir x 100 + panjang periode dalam bulan."""
    cocok = _POLA.search(teks)
    if cocok is None:
        return None
    sub = cocok[2] or ""
    if sub.startswith("S"):
        akhir, panjang = int(sub[1:]) * 6, 6
    elif sub.startswith("TW"):
        akhir, panjang = int(sub[2:]) * 3, 3
    elif sub:
        akhir, panjang = int(sub), 1
    else:
        akhir, panjang = 12, 12
    return int(cocok[1]) * 10_000 + akhir * 100 + panjang


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


#: Jenis periode baku dan nama yang dibaca pengguna.
JENIS_PERIODE = {"tahun": "tahunan", "semester": "semester", "triwulan": "triwulan",
                 "bulan": "bulanan"}  # fmt: skip


def jenis_periode(periode: str) -> str:
    """Jenis satu periode baku: ``tahun``, ``semester``, ``triwulan`` atau ``bulan``.

    Examples
    --------
    >>> [jenis_periode(p) for p in ["2026", "2026-S1", "2026-TW2", "2026-03"]]
    ['tahun', 'semester', 'triwulan', 'bulan']
    """
    cocok = re.fullmatch(POLA_PERIODE, str(periode))
    if cocok is None:
        raise ValueError(f"bukan periode baku: {periode!r}")
    sub = cocok.group(2) or ""
    if not sub:
        return "tahun"
    return "semester" if sub[0] == "S" else "triwulan" if sub[0] == "T" else "bulan"


def akhir_periode(periode: str) -> pd.Timestamp:
    """Hari terakhir satu periode baku (kontrak v2 bagian 8): ``S1`` 30 Juni, ``S2`` dan tahun
    31 Desember, triwulan akhir bulan ketiganya, bulan akhir bulannya.

    Examples
    --------
    >>> [str(akhir_periode(p).date()) for p in ["2026", "2026-S1", "2026-TW1", "2024-02"]]
    ['2026-12-31', '2026-06-30', '2026-03-31', '2024-02-29']
    """
    kunci = int(kunci_urut_periode(pd.Series([str(periode)], dtype="str")).iloc[0])
    tahun, bulan = kunci // 10_000, kunci // 100 % 100
    return pd.Timestamp(year=tahun, month=bulan, day=1) + pd.offsets.MonthEnd(0)
