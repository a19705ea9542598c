"""Pegawai data contoh: susunan OPD dan atasan, NIP, golongan, jabatan, dan nama bergelar.

Bagian dalam :mod:`asn_analitik.contoh`. Tiap OPD punya satu kepala (JPT), beberapa
administrator dan pengawas, dan staf fungsional/pelaksana yang tersebar ke unit menurut bobotnya;
atasan staf adalah pengawas unitnya. Bahan (OPD, jabatan, gelar, golongan) dari
``sumber/contoh.yaml``; lihat :func:`~asn_analitik.contoh.bahan.sumber_contoh`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..konfigurasi import JENIS_JABATAN, STATUS_PEGAWAI
from .bahan import Opd, daftar_nama, kategori, pilih, sumber_contoh

__all__ = ["buat_pegawai"]

#: Kode jenis jabatan (indeks ``JENIS_JABATAN``).
_JPT, _ADMINISTRATOR, _PENGAWAS, _FUNGSIONAL, _PELAKSANA = (
    JENIS_JABATAN.index(j) for j in ("JPT", "Administrator", "Pengawas", "Fungsional", "Pelaksana")
)
#: Peluang kumulatif status staf: aktif, pensiun, mutasi, cltn; sisanya meninggal.
_BATAS_STATUS = (0.985, 0.99, 0.995, 0.9975)
#: Bagian staf yang PPPK.
_PELUANG_PPPK = 0.22


def _ukuran_opd(n: int) -> np.ndarray:
    """Banyak pegawai tiap OPD: 4 masing-masing, sisanya menurut porsi (sisa terbesar)."""
    daftar = sumber_contoh()["opd"]
    porsi = np.array([o.porsi for o in daftar]) * (n - 4 * len(daftar))
    ukuran = np.floor(porsi).astype(np.int64)
    ukuran[np.argsort(ukuran - porsi, kind="stable")[: n - 4 * len(daftar) - ukuran.sum()]] += 1
    return ukuran + 4


def _jabatan_pengawas(opd: Opd, unit_peng: np.ndarray) -> np.ndarray:
    """Kode jabatan pengawas (1 + indeks ``label_struktural``); ``unit_peng`` terurut."""
    s = sumber_contoh()
    struktural, label = s["jabatan_struktural"], s["label_struktural"]
    lain = struktural["pengawas_lain"]
    awalan = struktural["kepala_unit"].items()
    kepala = [next((v for k, v in awalan if u.startswith(k)), lain) for u in opd.unit]
    kode_unit = np.array([1 + label.index(j) for j in kepala])
    pertama = np.r_[True, unit_peng[1:] != unit_peng[:-1]]
    kode = np.where(pertama, kode_unit[unit_peng], 1 + label.index(lain))
    return np.where(unit_peng == 0, 1 + label.index(struktural["pengawas_sekretariat"]), kode)


def _struktur_opd(rng: np.random.Generator, n: int, opd: Opd) -> tuple[np.ndarray, ...]:
    """Jenis jabatan, unit, atasan (indeks lokal; -1 kepala), dan kode jabatan satu OPD.

    Kode jabatan: 0 kepala OPD, lalu 1 + indeks ``label_struktural``, -1 staf.
    """
    s = sumber_contoh()
    n_adm, n_peng = max(1, round(0.025 * n)), max(1, round(0.07 * n))
    n_staf = n - 1 - n_adm - n_peng
    bobot = np.array(list(opd.unit.values()), dtype=float)
    bobot /= bobot.sum()
    wajib = min(len(bobot), n_peng)
    unit_peng = np.sort(np.r_[np.arange(wajib), rng.choice(len(bobot), n_peng - wajib, p=bobot)])
    jumlah = np.bincount(unit_peng, minlength=len(bobot))
    bobot_staf = np.where(jumlah > 0, bobot, 0) / bobot[jumlah > 0].sum()
    unit_staf = rng.choice(len(bobot), n_staf, p=bobot_staf)
    peng = pilih(rng, (np.cumsum(jumlah) - jumlah)[unit_staf], jumlah[unit_staf])
    porsi = s["porsi_fungsional"]
    p_fungsional = porsi.get(opd.kelompok, porsi["bawaan"])
    staf = np.where(rng.random(n_staf) < p_fungsional, _FUNGSIONAL, _PELAKSANA)
    jenis = np.r_[_JPT, np.full(n_adm, _ADMINISTRATOR), np.full(n_peng, _PENGAWAS), staf]
    label, adm = s["label_struktural"], s["jabatan_struktural"]["administrator"]
    sekretaris, adm_lain = 1 + label.index(adm[0]), 1 + label.index(adm[1])
    jabatan = np.r_[
        0, sekretaris, np.full(n_adm - 1, adm_lain), _jabatan_pengawas(opd, unit_peng),
        -np.ones_like(staf),
    ]  # fmt: skip
    unit = np.r_[0, np.zeros(n_adm, np.int64), unit_peng, unit_staf]
    atasan = np.r_[
        -1, np.zeros(n_adm, np.int64), 1 + rng.integers(0, n_adm, n_peng), 1 + n_adm + peng
    ]
    return jenis, unit, atasan, jabatan


def _kerangka(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Susunan seluruh OPD: OPD, jenis jabatan, unit global, atasan global, kode jabatan.

    Kode jabatan global: indeks OPD untuk kepalanya, lalu ``len(opd) +`` indeks
    ``label_struktural`` untuk administrator dan pengawas; kode staf diisi oleh
    :func:`_jabatan_gelar`.
    """
    daftar = sumber_contoh()["opd"]
    bagian = {k: [] for k in ("opd", "jenis", "unit", "atasan", "jabatan")}
    awal_pegawai = awal_unit = 0
    for k, (opd, ukuran) in enumerate(zip(daftar, _ukuran_opd(n), strict=True)):
        jenis, unit, atasan, jabatan = _struktur_opd(rng, int(ukuran), opd)
        bagian["opd"].append(np.full(ukuran, k, dtype=np.int8))
        bagian["jenis"].append(jenis.astype(np.int8))
        bagian["unit"].append(unit + awal_unit)
        bagian["atasan"].append(np.where(atasan >= 0, atasan + awal_pegawai, -1))
        bagian["jabatan"].append(np.where(jabatan == 0, k, jabatan + len(daftar) - 1))
        awal_pegawai, awal_unit = awal_pegawai + ukuran, awal_unit + len(opd.unit)
    return {k: np.concatenate(v) for k, v in bagian.items()}


def _urutan(awalan: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Nomor urut NIP (001-999) yang unik di antara NIP dengan 15 digit awal yang sama."""
    urut = np.argsort(awalan, kind="stable")
    terurut = awalan[urut]
    baru = np.r_[True, terurut[1:] != terurut[:-1]]
    awal = np.flatnonzero(baru)[np.cumsum(baru) - 1]
    hasil = np.empty_like(awalan)
    hasil[urut] = 1 + basis[urut][awal] + np.arange(len(awalan)) - awal
    if hasil.max(initial=0) > 999:
        raise RuntimeError("Nomor urut NIP melebihi 999; gunakan seed lain.")
    return hasil


def _nip(rng, jenis, pppk, pensiun, perempuan) -> np.ndarray:
    """NIP 18 digit (int64) yang sah dan unik untuk PNS dan PPPK."""
    s = sumber_contoh()
    n, tahun_pns, tahun_pppk = len(jenis), s["tahun_lahir"], s["tahun_lahir_pppk"]
    bawah = np.where(pppk, tahun_pppk[0], np.array([t[0] for t in tahun_pns])[jenis])
    atas = np.where(pppk, tahun_pppk[1], np.array([t[1] for t in tahun_pns])[jenis])
    bawah_pensiun, atas_pensiun = s["tahun_lahir_pensiun"]
    bawah, atas = np.where(pensiun, bawah_pensiun, bawah), np.where(pensiun, atas_pensiun, atas)
    hari_awal = (bawah - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    hari_akhir = (atas - 1969).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    hari = hari_awal + (rng.random(n) * (hari_akhir - hari_awal)).astype(np.int64)
    lahir = hari.astype("datetime64[D]")
    tahun = lahir.astype("datetime64[Y]").astype(np.int64) + 1970
    bulan = lahir.astype("datetime64[M]").astype(np.int64) % 12 + 1
    tanggal = (lahir - lahir.astype("datetime64[M]")).astype(np.int64) + 1
    tmt_pns = np.minimum(2024, tahun + 20 + rng.integers(0, 16, n)) * 100 + rng.integers(1, 13, n)
    tmt_pppk = np.maximum(rng.integers(2019, 2026, n), tahun + 20) * 100 + rng.integers(21, 30, n)
    tmt = np.where(pppk, tmt_pppk, tmt_pns)
    awalan = (tahun * 10_000 + bulan * 100 + tanggal) * 10**7 + tmt * 10 + 1 + perempuan
    basis = np.where(pppk, rng.integers(0, 200, n), rng.geometric(0.7, n) - 1).clip(0, 900)
    return awalan * 1000 + _urutan(awalan, basis)


def _golongan(rng, jenis, pppk) -> tuple[np.ndarray, list[str]]:
    """Kode golongan PNS (II/c..IV/d) atau PPPK (V..X) sesuai jenis jabatan."""
    s = sumber_contoh()
    pns_semua, pppk_semua = s["golongan_pns"], s["golongan_pppk"]
    daftar = sorted({g for gol in pns_semua + pppk_semua for g in gol})
    kode = np.zeros(len(jenis), dtype=np.int8)
    for j, (pns, p3k) in enumerate(zip(pns_semua, pppk_semua, strict=True)):
        for adalah_pppk, pilihan in ((False, pns), (True, p3k)):
            baris = np.flatnonzero((jenis == j) & (pppk == adalah_pppk))
            if pilihan and len(baris):
                peta = np.array([daftar.index(g) for g in pilihan])
                kode[baris] = peta[rng.integers(0, len(pilihan), len(baris))]
    return kode, daftar


def _jabatan_gelar(rng, kerangka) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
    """Kode jabatan (dan daftar labelnya) serta kode pola gelar (dan daftar polanya)."""
    s = sumber_contoh()
    daftar, gelar_struktural = s["jabatan"], s["gelar_struktural"]
    kelompok = np.array([o.kelompok for o in s["opd"]])[kerangka["opd"]]
    jabatan = kerangka["jabatan"].copy()
    sumber = np.full(len(jabatan), -1)  # indeks jabatan staf, atau len(jabatan) + kunci gelar
    kunci = list(gelar_struktural)
    for g in np.unique(kelompok):
        for j in (_FUNGSIONAL, _PELAKSANA):
            khusus = j == _FUNGSIONAL and g in s["fungsional_tanpa_umum"]
            asal = {g} if khusus else {g, "umum"}
            kolam = np.array(
                [i for i, t in enumerate(daftar) if t.jenis == j and t.kelompok in asal]
            )
            baris = np.flatnonzero((kelompok == g) & (kerangka["jenis"] == j))
            sumber[baris] = kolam[rng.integers(0, len(kolam), len(baris))]
        baris = np.flatnonzero((kelompok == g) & (kerangka["jenis"] < _FUNGSIONAL))
        sumber[baris] = len(daftar) + kunci.index(g if g in kunci else "umum")
    staf = kerangka["jenis"] >= _FUNGSIONAL
    label = [o.kepala for o in s["opd"]] + list(s["label_struktural"])
    jabatan[staf] = len(label) + sumber[staf]
    label += [t.nama for t in daftar]
    pola = [list(t.gelar) for t in daftar] + [list(gelar_struktural[k]) for k in kunci]
    semua = sorted({p for d in pola for p in d})
    datar = np.array([semua.index(p) for d in pola for p in d])
    panjang = np.array([len(d) for d in pola])
    gelar = datar[pilih(rng, (np.cumsum(panjang) - panjang)[sumber], panjang[sumber])]
    return jabatan, label, gelar, semua


def _nama(rng, perempuan, gelar, pola_gelar) -> pa.Array:
    """Nama lengkap: nama depan, kadang nama kedua, dan gelar sesuai jabatan."""
    daftar = daftar_nama()
    laki, wanita, belakang = daftar["laki_laki"], daftar["perempuan"], daftar["nama_belakang"]
    n, nl, nw = len(perempuan), len(laki), len(wanita)
    depan = np.where(perempuan, nl + rng.integers(0, nw, n), rng.integers(0, nl, n))
    u = rng.random(n)
    dari_depan = np.where(perempuan, nl + rng.integers(0, nw, n), rng.integers(0, nl, n))
    dari_belakang = nl + nw + rng.integers(0, len(belakang), n)
    batas_depan, batas_belakang = np.where(perempuan, 0.35, 0.2), np.where(perempuan, 0.8, 0.75)
    kedua = np.where(u < batas_depan, dari_depan, np.where(u < batas_belakang, dari_belakang, -1))
    kedua[kedua == depan] = -1
    semua = pa.array(laki + wanita + belakang)
    dasar = pc.binary_join_element_wise(
        semua.take(depan), semua.take(pa.array(kedua, mask=kedua < 0)), " ", null_handling="skip"
    )
    awal = pa.array([p.split("{}")[0] for p in pola_gelar]).take(gelar)
    akhir = pa.array([p.split("{}")[1] for p in pola_gelar]).take(gelar)
    return pc.binary_join_element_wise(awal, dasar, akhir, "")


def buat_pegawai(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Tabel ``pegawai`` terurut menurut OPD lalu NIP, dan larik bantu per pegawai.

    Returns
    -------
    tuple[pandas.DataFrame, dict[str, numpy.ndarray]]
        Tabel ``pegawai`` (kolom kontrak) dan, sejajar barisnya: ``atasan`` (indeks baris
        atasan, -1 bila tidak ada), ``bidang`` (kode bidang), ``struktural`` (bukan staf), dan
        ``enggan`` (di unit yang enggan melapor).
    """
    s = sumber_contoh()
    daftar_opd = s["opd"]
    kr = _kerangka(rng, n)
    staf = kr["jenis"] >= _FUNGSIONAL
    status = np.where(staf, np.searchsorted(_BATAS_STATUS, rng.random(n)), 0)
    pppk = staf & (rng.random(n) < _PELUANG_PPPK)
    bidang = np.array([s["bidang"].index(o.bidang) for o in daftar_opd])[kr["opd"]]
    jabatan, label_jabatan, gelar, pola_gelar = _jabatan_gelar(rng, kr)
    wanita = np.isin(jabatan, [label_jabatan.index(j) for j in s["selalu_perempuan"]])
    porsi_perempuan = np.array(list(s["porsi_perempuan"].values()))
    perempuan = (rng.random(n) < porsi_perempuan[bidang]) | wanita
    pensiun = status == STATUS_PEGAWAI.index("pensiun")
    nip = _nip(rng, kr["jenis"], pppk, pensiun, perempuan.astype(np.int64))
    golongan, daftar_golongan = _golongan(rng, kr["jenis"], pppk)
    nama = _nama(rng, perempuan, gelar, pola_gelar)
    peringkat_opd = np.argsort(np.argsort([o.nama for o in daftar_opd], kind="stable"))
    urut = np.lexsort((nip, peringkat_opd[kr["opd"]]))
    posisi_baru = np.empty_like(urut)
    posisi_baru[urut] = np.arange(n)
    atasan = np.where(kr["atasan"][urut] >= 0, posisi_baru[kr["atasan"][urut]], -1)
    nip_teks = pa.array(nip[urut]).cast(pa.string())
    unit = [u for o in daftar_opd for u in o.unit]
    pegawai = pd.DataFrame(
        {
            "nip": pd.array(nip_teks, dtype="str"),
            "nama": pd.array(nama.take(urut), dtype="str"),
            "opd": kategori(kr["opd"][urut], [o.nama for o in daftar_opd]),
            "unit_kerja": kategori(kr["unit"][urut], unit),
            "jabatan": kategori(jabatan[urut], label_jabatan),
            "jenis_jabatan": kategori(kr["jenis"][urut], JENIS_JABATAN),
            "golongan": kategori(golongan[urut], daftar_golongan),
            "nip_atasan": pd.array(nip_teks.take(pa.array(atasan, mask=atasan < 0)), dtype="str"),
            "bidang": kategori(bidang[urut], s["bidang"]),
            "status": kategori(status[urut], STATUS_PEGAWAI),
        }
    )
    info = {
        "atasan": atasan,
        "bidang": bidang[urut],
        "struktural": ~staf[urut],
        "enggan": np.isin(np.array(unit, dtype=object), s["unit_enggan_melapor"])[kr["unit"][urut]],
    }
    return pegawai, info
