"""Bahan data contoh: tabel statis dari ``sumber/contoh.yaml`` dan nama dari ``sumber/nama.yaml``.

Bagian dalam :mod:`asn_analitik.contoh`. Kedua berkas dibaca sekali, saat pertama dibutuhkan
(bukan saat modul diimpor), lalu disimpan. Di sini juga dua alat kecil yang dipakai bersama oleh
modul ``contoh_*``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
import yaml

from ..konfigurasi import ASPEK, BERAKHLAK, JENIS_JABATAN, RATING, SUMBER_CONTOH

__all__ = [
    "BERKAS_CONTOH",
    "BERKAS_NAMA",
    "PERIODE_CONTOH",
    "Indikator",
    "Jabatan",
    "Opd",
    "Rhk",
    "daftar_nama",
    "kategori",
    "pilih",
    "sumber_contoh",
]

PERIODE_CONTOH = ("2025-S2", "2026-S1")
BERKAS_CONTOH = SUMBER_CONTOH / "contoh.yaml"
BERKAS_NAMA = SUMBER_CONTOH / "nama.yaml"


class Opd(NamedTuple):
    """Satu OPD; ``unit`` memetakan nama unit ke bobot besarnya (unit pertama = sekretariat)."""

    nama: str
    bidang: str
    kelompok: str
    porsi: float
    kepala: str
    unit: dict[str, float]


class Jabatan(NamedTuple):
    """Jabatan staf: kelompok, kode jenis (indeks ``JENIS_JABATAN``), nama, pola gelar."""

    kelompok: str
    jenis: int
    nama: str
    gelar: tuple[str, ...]


class Indikator(NamedTuple):
    """Templat indikator; ``aspek`` adalah indeks ``ASPEK``."""

    nama: str
    aspek: int
    satuan: str
    bawah: float
    atas: float
    langkah: float
    desimal: int
    arah: str


class Rhk(NamedTuple):
    """Rencana hasil kerja suatu bidang beserta templat indikatornya."""

    bidang: str
    nama: str
    indikator: tuple[Indikator, ...]


def _per_kunci(isian: dict, kunci: tuple[str, ...], bawaan=None) -> list:
    """Nilai ``isian`` untuk tiap ``kunci`` berurutan; kunci yang tak disebut memakai bawaan."""
    asing = set(isian) - set(kunci) - {"bawaan"}
    if asing:
        raise ValueError(
            f"{BERKAS_CONTOH.name}: kunci {sorted(asing)} tidak dikenal; pilih dari {list(kunci)}."
        )
    return [isian.get(k, isian.get("bawaan", bawaan)) for k in kunci]


def _label_struktural(isian: dict) -> tuple[str, ...]:
    """Label jabatan administrator dan pengawas: administrator, pengawas, lalu kepala unit."""
    label = [*isian["administrator"], isian["pengawas_sekretariat"], isian["pengawas_lain"]]
    return tuple(dict.fromkeys(label + list(isian["kepala_unit"].values())))


def _rhk(isian: dict) -> Rhk:
    """Satu RHK dengan indikator bertipe :class:`Indikator` (aspek sebagai indeks ``ASPEK``)."""
    indikator = tuple(Indikator(i[0], ASPEK.index(i[1]), *i[2:]) for i in isian["indikator"])
    return Rhk(isian["bidang"], isian["nama"], indikator)


def _periksa(s: dict) -> None:
    """Tolak isian yang akan diam-diam menghasilkan data keliru."""
    unit = {u for o in s["opd"] for u in o.unit}
    for nama in s["unit_enggan_melapor"]:
        if nama not in unit:
            raise ValueError(f"{BERKAS_CONTOH.name}: unit enggan melapor {nama!r} tidak ada.")
    for kunci in ("opd_atasan_longgar", "opd_atasan_ketat", "opd_atasan_tengah"):
        if s[kunci] not in [o.nama for o in s["opd"]]:
            raise ValueError(f"{BERKAS_CONTOH.name}: {kunci} tidak ada di daftar OPD.")
    if any(c is None or len(c) != 3 for c in s["catatan_rating"]):
        raise ValueError(f"{BERKAS_CONTOH.name}: tiap rating di 'catatan' butuh tepat 3 catatan.")


@lru_cache(maxsize=1)
def sumber_contoh() -> dict:
    """Isi ``sumber/contoh.yaml``, disusun menjadi tupel dan larik siap pakai.

    Returns
    -------
    dict
        Kunci berkas, dengan ``opd``, ``jabatan``, dan ``rhk`` sebagai tupel :class:`Opd`,
        :class:`Jabatan`, :class:`Rhk`; ``golongan_pns``, ``golongan_pppk``, dan
        ``tahun_lahir`` per kode jenis jabatan; ``catatan`` datar (urut rating, lalu catatan
        atasan longgar); ``pola`` (nama) dan ``peluang_pola``; ditambah ``bidang``,
        ``label_struktural`` (label jabatan administrator dan pengawas), ``rentang_capaian``
        (pola x aspek x [bawah, atas]), dan ``peluang_perilaku`` (pola x BerAKHLAK x nilai 1..5).

    Raises
    ------
    ValueError
        Bila isian berkas tidak konsisten (kunci tak dikenal, unit tak ada, catatan kurang).
    """
    with open(BERKAS_CONTOH, encoding="utf-8") as berkas:
        s = yaml.safe_load(berkas)
    s["opd"] = tuple(Opd(**o) for o in s["opd"])
    s["bidang"] = tuple(s["porsi_perempuan"])
    s["jabatan"] = tuple(
        Jabatan(kelompok, JENIS_JABATAN.index(jenis), nama, tuple(gelar))
        for kelompok, per_jenis in s["jabatan"].items()
        for jenis, daftar in per_jenis.items()
        for nama, gelar in daftar.items()
    )
    s["label_struktural"] = _label_struktural(s["jabatan_struktural"])
    s["golongan_pns"] = tuple(map(tuple, _per_kunci(s["golongan_pns"], JENIS_JABATAN)))
    s["golongan_pppk"] = tuple(map(tuple, _per_kunci(s["golongan_pppk"], JENIS_JABATAN, ())))
    s["tahun_lahir"] = tuple(map(tuple, _per_kunci(s["tahun_lahir_pns"], JENIS_JABATAN)))
    s["rhk"] = tuple(map(_rhk, s["rhk"]))
    s["catatan_rating"] = _per_kunci(s["catatan"], RATING)
    s["catatan"] = tuple(c for daftar in s["catatan_rating"] for c in daftar)
    s["catatan"] += (s["catatan_atasan_longgar"],)
    pola = s.pop("pola")
    s["pola"] = tuple(pola)
    s["peluang_pola"] = tuple(p["peluang"] for p in pola.values())
    s["rentang_capaian"] = np.array(
        [_per_kunci(p["capaian"], ASPEK) for p in pola.values()], dtype=float
    )
    s["peluang_perilaku"] = np.array([_per_kunci(p["perilaku"], BERAKHLAK) for p in pola.values()])
    for larik in (s["rentang_capaian"], s["peluang_perilaku"]):
        larik.setflags(write=False)
    _periksa(s)
    return s


@lru_cache(maxsize=1)
def daftar_nama() -> dict[str, list[str]]:
    """Nama depan laki-laki, perempuan, dan nama belakang dari ``sumber/nama.yaml``."""
    with open(BERKAS_NAMA, encoding="utf-8") as berkas:
        return yaml.safe_load(berkas)


def kategori(kode: np.ndarray, label) -> pd.Categorical:
    """Kolom kategori dari kode bilangan bulat (-1 = kosong) dan daftar ``label``-nya."""
    return pd.Categorical.from_codes(kode, categories=pd.Index(label))


def pilih(rng: np.random.Generator, awal: np.ndarray, jumlah: np.ndarray) -> np.ndarray:
    """Satu indeks acak seragam di ``[awal, awal + jumlah)`` untuk tiap elemen."""
    return awal + (rng.random(len(awal)) * jumlah).astype(np.int64)
