"""Aturan kurva distribusi predikat (SE MenPANRB 3/2023) sebagai data.

Bagian ``kurva_distribusi`` di ``aturan.yaml`` memuat, untuk tiap predikat organisasi, daftar
batas porsi atau jumlah pegawai per predikat. Modul ini membaca dan memeriksa bagian itu, lalu
menerjemahkan tiap batas menjadi batas jumlah pegawai untuk OPD dengan ``n`` pegawai
berpredikat. Yang menilai OPD ada di :mod:`asn_analitik.analisis.kurva`.

Pembulatan: "paling banyak 70 %" dari ``n`` pegawai berarti paling banyak
``floor(0,7 n)`` orang (tepat 70 % masih boleh); "paling sedikit 60 %" berarti paling sedikit
``ceil(0,6 n)`` orang.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..galat import KonfigurasiTidakValid
from ..konfigurasi import EJAAN_PREDIKAT, PREDIKAT, PREDIKAT_ORGANISASI, PREDIKAT_RESMI
from ..masuk.kolom import kunci_kolom

__all__ = ["BatasKurva", "aturan_kurva", "label_predikat_organisasi"]

_BATAS = ("maks_persen", "min_persen", "maks_jumlah", "min_jumlah")
_EPS = 1e-9


@dataclass(frozen=True)
class BatasKurva:
    """Satu aturan kurva: batas jumlah pegawai pada satu predikat atau gabungan predikat.

    ``predikat`` berisi nomor predikat di :data:`~asn_analitik.konfigurasi.PREDIKAT`
    (0 Sangat Baik ... 4 Sangat Kurang), terurut. Batas yang tidak diberikan bernilai ``None``.
    """

    predikat: tuple[int, ...]
    maks_persen: float | None = None
    min_persen: float | None = None
    maks_jumlah: int | None = None
    min_jumlah: int | None = None

    @property
    def label(self) -> str:
        """Nama predikatnya untuk pesan, mis. ``Butuh Perbaikan atau Kurang/Misconduct``."""
        return " atau ".join(PREDIKAT[i] for i in self.predikat)

    def batas_bawah(self, n: np.ndarray) -> np.ndarray:
        """Jumlah pegawai paling sedikit pada predikat ini untuk OPD dengan ``n`` pegawai."""
        n = np.asarray(n)
        bawah = np.zeros(n.shape, dtype=np.int64)
        if self.min_persen is not None:
            bawah = np.maximum(bawah, np.ceil(self.min_persen * n / 100 - _EPS).astype(np.int64))
        if self.min_jumlah is not None:
            bawah = np.maximum(bawah, self.min_jumlah)
        return bawah

    def batas_atas(self, n: np.ndarray) -> np.ndarray:
        """Jumlah pegawai paling banyak pada predikat ini untuk OPD dengan ``n`` pegawai."""
        n = np.asarray(n)
        atas = n.astype(np.int64, copy=True)
        if self.maks_persen is not None:
            atas = np.minimum(atas, np.floor(self.maks_persen * n / 100 + _EPS).astype(np.int64))
        if self.maks_jumlah is not None:
            atas = np.minimum(atas, self.maks_jumlah)
        return atas


def label_predikat_organisasi(kode: str) -> str:
    """``butuh_perbaikan`` menjadi ``Butuh Perbaikan``."""
    return kode.replace("_", " ").title()


def _nomor_predikat(nama, letak: str) -> int:
    kunci = EJAAN_PREDIKAT.get(kunci_kolom(str(nama)))
    if kunci is None:
        raise KonfigurasiTidakValid(
            f"Konfigurasi: {letak}: predikat {nama!r} tidak dikenal; pilih dari: "
            f"{', '.join(PREDIKAT)}."
        )
    return PREDIKAT.index(PREDIKAT_RESMI[kunci])


def _batas(isi, letak: str) -> BatasKurva:
    if not isinstance(isi, dict) or "predikat" not in isi:
        raise KonfigurasiTidakValid(
            f"Konfigurasi: {letak} harus berupa peta dengan 'predikat' dan salah satu dari "
            f"{', '.join(_BATAS)}, mis. {{predikat: Baik, maks_persen: 70}}."
        )
    asing = sorted(set(isi) - {"predikat", *_BATAS})
    if asing:
        raise KonfigurasiTidakValid(
            f"Konfigurasi: {letak}: kunci {', '.join(asing)} tidak dikenal; yang ada: "
            f"predikat, {', '.join(_BATAS)}."
        )
    daftar = isi["predikat"] if isinstance(isi["predikat"], list) else [isi["predikat"]]
    nomor = tuple(sorted({_nomor_predikat(p, letak) for p in daftar}))
    if not nomor:
        raise KonfigurasiTidakValid(f"Konfigurasi: {letak}: daftar predikat kosong.")
    angka = {}
    for kunci in _BATAS:
        if kunci not in isi:
            continue
        nilai = isi[kunci]
        persen = kunci.endswith("persen")
        sah = isinstance(nilai, int | float) and not isinstance(nilai, bool) and nilai >= 0
        sah = sah and (nilai <= 100 if persen else float(nilai).is_integer())
        if not sah:
            syarat = "angka 0 sampai 100" if persen else "bilangan bulat 0 atau lebih"
            raise KonfigurasiTidakValid(
                f"Konfigurasi: {letak}.{kunci} harus {syarat}, bukan {nilai!r}."
            )
        angka[kunci] = float(nilai) if persen else int(nilai)
    if not angka:
        raise KonfigurasiTidakValid(
            f"Konfigurasi: {letak} tidak punya batas; beri salah satu dari {', '.join(_BATAS)}."
        )
    return BatasKurva(nomor, **angka)


def aturan_kurva(aturan: dict) -> dict[str, tuple[BatasKurva, ...]]:
    """Aturan kurva per predikat organisasi dari ``aturan["kurva_distribusi"]``.

    Raises
    ------
    KonfigurasiTidakValid
        Predikat organisasi atau predikat pegawai tidak dikenal, batas bukan angka, atau
        aturan tanpa batas.

    Examples
    --------
    >>> from asn_analitik.nilai.aturan import muat_aturan
    >>> baik = aturan_kurva(muat_aturan())["baik"]
    >>> [(b.label, b.maks_persen, b.min_jumlah) for b in baik]
    [('Baik', 70.0, None), ('Butuh Perbaikan atau Kurang/Misconduct', None, 1)]
    >>> int(baik[0].batas_atas(10)), int(baik[0].batas_atas(9))
    (7, 6)
    """
    bagian = aturan.get("kurva_distribusi") or {}
    hasil = {}
    for organisasi in PREDIKAT_ORGANISASI:
        daftar = bagian.get(organisasi) or []
        if not isinstance(daftar, list):
            raise KonfigurasiTidakValid(
                f"Konfigurasi: kurva_distribusi.{organisasi} harus berupa daftar aturan."
            )
        hasil[organisasi] = tuple(
            _batas(isi, f"kurva_distribusi.{organisasi}[{i + 1}]") for i, isi in enumerate(daftar)
        )
    return hasil
