"""Riwayat pelatihan data contoh, efek pelatihan yang ditanam, dan perubahan susunan pegawai.

Bagian dalam :mod:`asn_analitik.contoh`. Semua undian di sini memakai aliran acak sendiri
(``np.random.default_rng([seed, 8])``), jadi tabel lain tetap sama seperti tanpa bagian ini,
kecuali bukti peserta pelatihan yang berefek di 2026-S1 dan baris pegawai yang masuk/keluar.

- Peserta pelatihan ditanam (``pelatihan_ditanam`` di ``sumber/contoh.yaml``): pegawai yang
  lemah pada sasarannya di 2025-S2 *menurut buktinya* (:func:`lemah_terukur`, seperti BKPSDM
  memilih peserta dari data, bukan dari pola tersembunyi) mengikuti pelatihan itu dengan
  peluang tertentu, di dalam jendela pelatihan. Memilih dari pola tersembunyi akan membuat
  peserta dan pembanding berbeda di luar bukti yang terukur, dan perbandingan mana pun jadi
  bias. Efeknya di 2026-S1: tambahan capaian yang diinginkan pada indikator aspek
  sasarannya, atau tambahan nilai BerAKHLAK sasarannya (paling tinggi 5).
- Pelatihan lain tanpa efek: sebagian pegawai mengikutinya di jendela, sebagian sebelumnya
  (2025: tidak boleh ikut dihitung).
- Masuk/keluar/pindah: sebagian pegawai staf tanpa baris apa pun di 2025-S2 (masuk) atau di
  2026-S1 (keluar); sebagian tercatat di OPD lain pada evaluasi atasan 2025-S2 (pindah).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..konfigurasi import ARAH_BAWAAN, ASPEK, BERAKHLAK
from .bahan import sumber_contoh

__all__ = ["Tanaman", "lemah_terukur", "tanam_pelatihan"]


@dataclass
class Tanaman:
    """Hasil :func:`tanam_pelatihan`."""

    #: Tabel ``riwayat_pelatihan`` (nomor pegawai, kode, tanggal, jp), urut pegawai lalu tanggal.
    riwayat: pd.DataFrame
    #: Tambahan capaian yang diinginkan per (pegawai-periode, aspek).
    tambah_capaian: np.ndarray
    #: Tambahan nilai BerAKHLAK per (pegawai-periode, nilai).
    tambah_perilaku: np.ndarray
    #: Pegawai-periode tanpa baris sama sekali (masuk: 2025-S2, keluar: 2026-S1).
    absen_ep: np.ndarray
    #: Nomor pegawai yang pindah, dan nomor OPD lamanya (kode kategori ``pegawai.opd``).
    pindah: np.ndarray
    opd_lama: np.ndarray
    #: Kebenaran untuk pengujian: ``nomor``, ``jenis`` (``peserta``, ``masuk``, ``keluar``,
    #: ``pindah_opd``), ``kode_pelatihan``.
    kebenaran: pd.DataFrame


def _tanggal(rng, rentang, n) -> np.ndarray:
    awal, akhir = (np.datetime64(t, "D") for t in rentang)
    hari = (akhir - awal).astype(int) + 1
    return awal + rng.integers(0, hari, n)


def lemah_terukur(indikator: pd.DataFrame, perilaku: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Pegawai yang lemah di 2025-S2 menurut buktinya, per sasaran (aspek, atau nama nilai
    BerAKHLAK): capaian aspek dari indikator yang dilaporkan (rumus kontrak, tertimbang bobot)
    < ``ambang_lemah_capaian``; nilai BerAKHLAK <= ``ambang_lemah_perilaku``."""
    s = sumber_contoh()
    ep = (
        2 * indikator["nip"].cat.codes.to_numpy(np.int64)
        + indikator["periode"].cat.codes.to_numpy()
    )
    aspek = indikator["aspek"].cat.codes.to_numpy()
    arah = indikator["arah"].astype("str").to_numpy(dtype=object)
    bawaan_turun = np.array([ARAH_BAWAAN[a] == "turun" for a in ASPEK])[aspek]
    turun = np.where(pd.isna(arah), bawaan_turun, arah == "turun")
    rasio = indikator["realisasi"].to_numpy(float) / indikator["target"].to_numpy(float)
    capaian = np.clip(100 * np.where(turun, 2 - rasio, rasio), 0, 120)
    bobot = np.nan_to_num(indikator["bobot"].to_numpy(float), nan=1.0)
    pakai = (ep % 2 == 0) & ~np.isnan(capaian)
    kunci = (ep[pakai] // 2) * len(ASPEK) + aspek[pakai]
    jumlah = np.bincount(kunci, bobot[pakai] * capaian[pakai], n * len(ASPEK))
    berat = np.bincount(kunci, bobot[pakai], n * len(ASPEK))
    with np.errstate(invalid="ignore"):
        rerata = (jumlah / berat).reshape(n, len(ASPEK))
    hasil = {a: rerata[:, i] < s["ambang_lemah_capaian"] for i, a in enumerate(ASPEK)}
    for i, b in enumerate(BERAKHLAK):
        hasil[b] = perilaku[0::2, i] <= s["ambang_lemah_perilaku"]
    return hasil


def tanam_pelatihan(seed: int, pegawai: pd.DataFrame, info: dict,
                    lemah: dict[str, np.ndarray]) -> Tanaman:  # fmt: skip
    """Undi peserta pelatihan (dari ``lemah``, :func:`lemah_terukur`), pelatihan lain, dan
    pegawai masuk/keluar/pindah."""
    s = sumber_contoh()
    rng = np.random.default_rng([seed, 8])
    n = len(pegawai)
    tambah_capaian = np.zeros((2 * n, len(ASPEK)))
    tambah_perilaku = np.zeros((2 * n, len(BERAKHLAK)), dtype=np.int8)
    bagian, benar = [], []
    peserta_semua = np.zeros(n, dtype=bool)
    for t in s["pelatihan_ditanam"]:
        calon = lemah[t["sasaran"]]
        ikut = calon & (rng.random(n) < t["peluang"])
        nomor = np.flatnonzero(ikut)
        peserta_semua |= ikut
        bagian.append((nomor, t["kode"], _tanggal(rng, s["jendela_pelatihan"], len(nomor)),
                       t["jp"]))  # fmt: skip
        benar.append(
            pd.DataFrame({"nomor": nomor, "jenis": "peserta", "kode_pelatihan": t["kode"]})
        )
        if t.get("capaian"):
            tambah_capaian[2 * nomor + 1, ASPEK.index(t["sasaran"])] += t["capaian"]
        if t.get("perilaku"):
            tambah_perilaku[2 * nomor + 1, BERAKHLAK.index(t["sasaran"])] += t["perilaku"]
    lain = s["pelatihan_lain"]
    kode_lain, jp_lain = list(lain["kode"]), list(lain["kode"].values())
    for peluang, rentang in ((lain["peluang_di_jendela"], s["jendela_pelatihan"]),
                             (lain["peluang_sebelum"], lain["sebelum"])):  # fmt: skip
        nomor = np.flatnonzero(rng.random(n) < peluang)
        pilihan = rng.integers(0, len(kode_lain), len(nomor))
        tanggal = _tanggal(rng, rentang, len(nomor))
        for i, (kode, jp) in enumerate(zip(kode_lain, jp_lain, strict=True)):
            pilih = pilihan == i
            bagian.append((nomor[pilih], kode, tanggal[pilih], jp))
    riwayat = pd.DataFrame(
        {
            "nomor": np.concatenate([b[0] for b in bagian]),
            "kode_pelatihan": np.concatenate(
                [np.full(len(b[0]), b[1], dtype=object) for b in bagian]
            ),
            "tanggal": np.concatenate([b[2] for b in bagian]),
            "jp": np.concatenate([np.full(len(b[0]), b[3], dtype=float) for b in bagian]),
        }
    ).sort_values(["nomor", "tanggal", "kode_pelatihan"], kind="stable", ignore_index=True)

    # Masuk, keluar, pindah: hanya staf biasa, agar penilai dan pola yang ditanam tetap utuh.
    atasan = info["atasan"]
    punya_bawahan = np.bincount(atasan[atasan >= 0], minlength=n) > 0
    staf = (atasan >= 0) & ~punya_bawahan & ~peserta_semua
    u = rng.random(n)
    masuk = staf & (u < s["peluang_masuk"])
    keluar = staf & (u >= s["peluang_masuk"]) & (u < s["peluang_masuk"] + s["peluang_keluar"])
    batas = s["peluang_masuk"] + s["peluang_keluar"]
    pindah = np.flatnonzero(staf & (u >= batas) & (u < batas + s["peluang_pindah"]))
    kode_opd = pegawai["opd"].cat.codes.to_numpy()
    jumlah_opd = len(pegawai["opd"].cat.categories)
    opd_lama = (kode_opd[pindah] + rng.integers(1, jumlah_opd, len(pindah))) % jumlah_opd
    absen_ep = np.zeros(2 * n, dtype=bool)
    absen_ep[2 * np.flatnonzero(masuk)] = True
    absen_ep[2 * np.flatnonzero(keluar) + 1] = True
    for jenis, nomor in (("masuk", np.flatnonzero(masuk)), ("keluar", np.flatnonzero(keluar)),
                         ("pindah_opd", pindah)):  # fmt: skip
        benar.append(pd.DataFrame({"nomor": nomor, "jenis": jenis, "kode_pelatihan": None}))
    return Tanaman(
        riwayat, tambah_capaian, tambah_perilaku, absen_ep, pindah, opd_lama,
        pd.concat(benar, ignore_index=True),
    )  # fmt: skip
