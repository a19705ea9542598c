"""Kinerja data contoh: pola yang ditanam, indikator, perilaku, evaluasi atasan, organisasi.

Bagian dalam :mod:`asn_analitik.contoh`. Baris pegawai-periode ditunjuk dengan indeks
``ep = 2 x pegawai + periode``. Pola per pegawai-periode menentukan capaian indikator dan nilai
BerAKHLAK; rentang dan peluangnya ada di ``sumber/contoh.yaml``.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import pandas as pd

from ..konfigurasi import ARAH, ARAH_BAWAAN, ASPEK, BERAKHLAK, PREDIKAT_ORGANISASI, RATING
from .bahan import PERIODE_CONTOH, kategori, pilih, sumber_contoh

__all__ = [
    "atasan_ditanam",
    "buat_evaluasi",
    "buat_indikator",
    "buat_organisasi",
    "nilai_perilaku",
    "pola_kinerja",
    "tabel_ep",
    "tabel_perilaku",
]

#: Peluang predikat organisasi tiap OPD-periode.
_PELUANG_PREDIKAT_ORGANISASI = {
    "istimewa": 0.1,
    "baik": 0.7,
    "butuh_perbaikan": 0.15,
    "kurang": 0.05,
    "sangat_kurang": 0,
}


@lru_cache(maxsize=1)
def _templat() -> dict[str, np.ndarray]:
    """Larik per baris templat indikator, dan paket RHK per (bidang, struktural).

    Paket = 1-3 RHK dengan total 3-7 indikator yang mencakup kuantitas, kualitas, dan waktu.
    Paket grup ``2 x bidang + struktural`` berada di ``paket_awal[grup_awal[g]:...]``.
    """
    s = sumber_contoh()
    daftar = [(r, i) for r, rhk in enumerate(s["rhk"]) for i in rhk.indikator]
    satuan = [i.satuan for _, i in daftar]
    t = {
        "rhk": np.array([r for r, _ in daftar]),
        "aspek": np.array([i.aspek for _, i in daftar], dtype=np.int8),
    }
    t["satuan_kode"], t["satuan"] = pd.factorize(pd.Series(satuan))
    for nama in ("bawah", "atas", "langkah", "desimal"):
        t[nama] = np.array([getattr(i, nama) for _, i in daftar], dtype=float)
    t["turun"] = np.array([i.arah for _, i in daftar]) == "turun"
    t["maks100"] = np.isin(np.array(satuan), ["%", "indeks"]) & ~t["turun"]
    batas = np.r_[0, np.cumsum([len(r.indikator) for r in s["rhk"]])]
    paket, grup_awal, grup_jumlah = [], [], []
    for bidang, struktural in itertools.product(s["bidang"], (False, True)):
        kolam = [
            r
            for r, rhk in enumerate(s["rhk"])
            if rhk.bidang == bidang or (struktural and rhk.bidang in s["rhk_struktural"])
        ]
        grup_awal.append(len(paket))
        for k in (1, 2, 3):
            for himpunan in itertools.combinations(kolam, k):
                isi = [i for r in himpunan for i in range(batas[r], batas[r + 1])]
                if 3 <= len(isi) <= 7 and {0, 1, 2} <= set(t["aspek"][isi].tolist()):
                    paket.append(isi)
        grup_jumlah.append(len(paket) - grup_awal[-1])
    t["paket_panjang"] = np.array([len(p) for p in paket])
    t["paket_awal"] = np.cumsum(t["paket_panjang"]) - t["paket_panjang"]
    t["paket_datar"] = np.concatenate(paket).astype(np.int16)
    t["grup_awal"], t["grup_jumlah"] = np.array(grup_awal), np.array(grup_jumlah)
    return t


def pola_kinerja(rng: np.random.Generator, n: int) -> np.ndarray:
    """Kode pola per pegawai-periode (indeks ``2 x pegawai + periode``).

    Di 2026-S1, bagian ``peluang_membaik`` pegawai berpola lemah membaik (sebagian kecil menjadi
    ``unggul``). Arus balik (``biasa`` menjadi lemah, ``unggul`` menjadi ``biasa``) dihitung
    agar proporsi tiap pola di 2026-S1 sama dengan di 2025-S2.
    """
    s = sumber_contoh()
    pola, membaik_unggul = s["pola"], s["peluang_membaik_unggul"]
    peluang = np.array(s["peluang_pola"])
    unggul, biasa = pola.index("unggul"), pola.index("biasa")
    lemah = np.array([i for i in range(len(pola)) if i not in (unggul, biasa)])
    awal = rng.choice(len(pola), size=n, p=peluang)
    u, v = rng.random(n), rng.random(n)
    akhir = awal.copy()
    membaik = np.isin(awal, lemah) & (u < s["peluang_membaik"])
    akhir[membaik] = np.where(v[membaik] < membaik_unggul, unggul, biasa)
    keluar = peluang[lemah].sum() * s["peluang_membaik"]
    menurun = (awal == biasa) & (u < keluar / peluang[biasa])
    batas = np.cumsum(peluang[lemah])[:-1] / peluang[lemah].sum()
    akhir[menurun] = lemah[np.searchsorted(batas, v[menurun], side="right")]
    akhir[(awal == unggul) & (u < keluar * membaik_unggul / peluang[unggul])] = biasa
    return np.stack([awal, akhir], axis=1).ravel().astype(np.int8)


def _bulatkan(nilai: np.ndarray, desimal: np.ndarray) -> np.ndarray:
    """Bulatkan ke 0 atau 1 desimal per baris."""
    return np.where(desimal == 0, np.round(nilai), np.round(nilai, 1))


def _baris_indikator(rng, info) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indeks pegawai-periode, indeks templat, dan urutan dalam paket tiap baris indikator."""
    t = _templat()
    grup = 2 * info["bidang"] + info["struktural"]
    paket = np.repeat(pilih(rng, t["grup_awal"][grup], t["grup_jumlah"][grup]), 2)
    panjang = t["paket_panjang"][paket]
    ep = np.repeat(np.arange(len(paket), dtype=np.int32), panjang)
    dalam = np.arange(len(ep)) - np.repeat(np.cumsum(panjang) - panjang, panjang)
    templat = t["paket_datar"][np.repeat(t["paket_awal"][paket], panjang) + dalam]
    return ep, templat, dalam


def _realisasi(rng, tpl, target, pola_ep, ep, bolos, tambahan=None) -> np.ndarray:
    """Realisasi = target x faktor dari capaian yang diinginkan pola; kosong = tidak dilaporkan.

    Untuk arah ``turun``, realisasi = target x (2 - capaian/100), sehingga rumus capaian
    mengembalikan capaian yang diinginkan. Pegawai-periode ``bolos`` (di unit enggan melapor)
    tidak mengisi realisasi sama sekali; di tempat lain sesekali satu baris terlewat.
    """
    t = _templat()
    rentang = sumber_contoh()["rentang_capaian"][pola_ep[ep], t["aspek"][tpl]]
    capaian = rentang[:, 0] + rng.random(len(ep)) * (rentang[:, 1] - rentang[:, 0])
    del rentang
    if tambahan is not None:  # efek pelatihan yang ditanam
        capaian = capaian + tambahan[ep, t["aspek"][tpl]]
    faktor = np.where(t["turun"][tpl], 2 - capaian / 100, capaian / 100)
    realisasi = target * faktor
    realisasi = np.where(t["maks100"][tpl], np.minimum(realisasi, 100), realisasi)
    realisasi = _bulatkan(realisasi, t["desimal"][tpl])
    terlewat = rng.random(len(ep)) < sumber_contoh()["peluang_terlewat"]
    realisasi[bolos[ep] | terlewat] = np.nan
    return realisasi


def _nilai_hasil_kerja(ep, turun, target, realisasi, bobot, jumlah_ep) -> np.ndarray:
    """Nilai hasil kerja per pegawai-periode (rumus kontrak), dasar rating atasan."""
    rasio = realisasi / target
    capaian = np.nan_to_num(np.clip(100 * np.where(turun, 2 - rasio, rasio), 0, 120))
    berat = np.nan_to_num(bobot, nan=1.0)
    return np.bincount(ep, berat * capaian, jumlah_ep) / np.bincount(ep, berat, jumlah_ep)


def buat_indikator(
    rng, pegawai, info, pola_ep, bolos, tambahan=None
) -> tuple[pd.DataFrame, np.ndarray]:
    """Tabel ``indikator`` dan nilai hasil kerja per pegawai-periode; ``tambahan`` (pegawai-periode
    x aspek) ditambahkan pada capaian yang diinginkan (efek pelatihan yang ditanam)."""
    t, rhk = _templat(), sumber_contoh()["rhk"]
    ep, tpl, dalam = _baris_indikator(rng, info)
    r = len(ep)
    langkah = t["langkah"][tpl]
    banyak = (t["atas"][tpl] - t["bawah"][tpl]) / langkah + 1
    target = t["bawah"][tpl] + langkah * np.floor(rng.random(r) * banyak)
    realisasi = _realisasi(rng, tpl, target, pola_ep, ep, bolos, tambahan)
    aspek, turun = t["aspek"][tpl], t["turun"][tpl]
    bawaan_turun = np.array([ARAH_BAWAAN[a] == "turun" for a in ASPEK])
    bawaan = turun == bawaan_turun[aspek]
    arah = np.where(bawaan & (rng.random(r) < 0.15), -1, turun.astype(np.int8))
    u = rng.random(r)
    bobot = np.where(dalam == 0, np.where(u < 0.3, 2.0, np.nan), np.where(u < 0.35, 1.0, np.nan))
    del u, dalam
    nilai_hk = _nilai_hasil_kerja(ep, turun, target, realisasi, bobot, 2 * len(pegawai))
    tabel = tabel_ep(
        pegawai,
        ep,
        rhk=kategori(t["rhk"][tpl], [x.nama for x in rhk]),
        indikator=kategori(tpl, [i.nama for x in rhk for i in x.indikator]),
        aspek=kategori(aspek, ASPEK),
        satuan=kategori(t["satuan_kode"][tpl], t["satuan"]),
        target=target,
        realisasi=realisasi,
        arah=kategori(arah, ARAH),
        bobot=bobot,
    )
    return tabel, nilai_hk


def nilai_perilaku(rng: np.random.Generator, pola_ep: np.ndarray) -> np.ndarray:
    """Nilai 1..5 per (pegawai-periode, aspek BerAKHLAK) sesuai pola."""
    peluang = sumber_contoh()["peluang_perilaku"]
    u = rng.random((len(pola_ep), len(BERAKHLAK)))
    nilai = np.empty(u.shape, dtype=np.int8)
    kumulatif = np.cumsum(peluang, axis=2)[:, :, :4]
    for p in range(len(peluang)):
        baris = pola_ep == p
        nilai[baris] = 1 + (u[baris][:, :, None] >= kumulatif[p][None]).sum(axis=2)
    return nilai


def tabel_ep(pegawai: pd.DataFrame, ep: np.ndarray, **kolom) -> pd.DataFrame:
    """Tabel dengan ``nip`` dan ``periode`` dari indeks pegawai-periode ``ep``."""
    return pd.DataFrame(
        {
            "nip": kategori(ep // 2, pegawai["nip"]),
            "periode": kategori(ep % 2, PERIODE_CONTOH),
            **kolom,
        }
    )


def tabel_perilaku(rng, pegawai, nilai, bolos) -> pd.DataFrame:
    """Tabel ``perilaku``: 7 baris per pegawai-periode.

    Sekitar 2 % pegawai-periode tanpa baris: yang ``bolos`` (juga tanpa realisasi), dan sesekali
    yang terlewat di tempat lain.
    """
    ada = ~bolos & (rng.random(len(nilai)) >= sumber_contoh()["peluang_terlewat"])
    k = len(BERAKHLAK)
    ep = np.repeat(np.flatnonzero(ada), k)
    aspek = kategori(np.tile(np.arange(k, dtype=np.int8), int(ada.sum())), BERAKHLAK)
    return tabel_ep(pegawai, ep, aspek=aspek, nilai=nilai[ada].ravel())


def atasan_ditanam(pegawai: pd.DataFrame, atasan: np.ndarray) -> dict[str, int]:
    """Nomor pegawai penilai yang ditanam (``longgar``, ``ketat``, ``tengah``): pengawas dengan
    bawahan terbanyak di ``opd_atasan_<jenis>`` (``sumber/contoh.yaml``)."""
    bawahan = np.bincount(atasan[atasan >= 0], minlength=len(pegawai))
    pengawas = (pegawai["jenis_jabatan"] == "Pengawas").to_numpy()
    hasil = {}
    for jenis in ("longgar", "ketat", "tengah"):
        calon = pengawas & (pegawai["opd"] == sumber_contoh()[f"opd_atasan_{jenis}"]).to_numpy()
        calon[list(hasil.values())] = False
        hasil[jenis] = int(np.argmax(np.where(calon, bawahan, -1)))
    return hasil


def _rating(nilai: np.ndarray, ambang: tuple[float, float]) -> np.ndarray:
    """Kode rating usulan (0 di_atas, 1 sesuai, 2 di_bawah)."""
    return np.where(nilai >= ambang[0], 0, np.where(nilai >= ambang[1], 1, 2))


def _geser(rng: np.random.Generator, kode: np.ndarray) -> np.ndarray:
    """Sekitar 8 % penilaian atasan berbeda satu tingkat dari usulan."""
    arah = rng.choice([-1, 1], size=len(kode)) * (rng.random(len(kode)) < 0.08)
    return np.clip(kode + arah, 0, 2)


def buat_evaluasi(rng, pegawai, atasan, nilai_hk, perilaku, wajib=None) -> pd.DataFrame:
    """Tabel ``evaluasi_atasan``: ~40 % pegawai-periode, semua bawahan penilai ditanam, dan
    pegawai-periode ``wajib`` (mis. 2025-S2 pegawai yang pindah OPD)."""
    catatan_semua = sumber_contoh()["catatan"]
    atasan_ep = np.repeat(atasan, 2)
    tanam = atasan_ditanam(pegawai, atasan)
    jenis = {k: atasan_ep == v for k, v in tanam.items()}
    ditanam = jenis["longgar"] | jenis["ketat"] | jenis["tengah"]
    dipilih = (rng.random(len(atasan_ep)) < 0.4) | ditanam
    if wajib is not None:
        dipilih[wajib] = True
    ep = np.flatnonzero((atasan_ep >= 0) & dipilih)
    bukti_hasil = _rating(nilai_hk[ep], (110, 90))
    bukti_sikap = _rating(perilaku[ep].mean(axis=1), (3.5, 2.5))
    hasil, sikap = _geser(rng, bukti_hasil), _geser(rng, bukti_sikap)
    catatan = np.where(rng.random(len(ep)) < 0.3, 3 * hasil + rng.integers(0, 3, len(ep)), -1)
    lunak, keras, tengah = (jenis[k][ep] for k in ("longgar", "ketat", "tengah"))
    hasil[lunak], sikap[lunak], catatan[lunak] = 0, 0, len(catatan_semua) - 1
    # Kode 0 di_atas, 1 sesuai, 2 di_bawah: ketat = satu tingkat lebih rendah dari bukti.
    hasil[keras] = np.minimum(bukti_hasil[keras] + 1, 2)
    sikap[keras] = np.minimum(bukti_sikap[keras] + 1, 2)
    hasil[tengah], sikap[tengah] = 1, 1
    u = rng.random(len(ep))
    sisa = ~ditanam[ep]
    hasil[(u < 0.04) & sisa], sikap[(u > 0.96) & sisa] = -1, -1
    return tabel_ep(
        pegawai,
        ep,
        opd=pegawai["opd"].to_numpy()[ep // 2],
        rating_hasil_kerja=kategori(hasil, RATING),
        rating_perilaku=kategori(sikap, RATING),
        nip_penilai=kategori(atasan_ep[ep], pegawai["nip"]),
        catatan=kategori(catatan, catatan_semua),
    )


def buat_organisasi(rng: np.random.Generator) -> pd.DataFrame:
    """Satu baris per OPD dan periode; predikat organisasi kebanyakan ``baik``."""
    opd = np.repeat(sorted(o.nama for o in sumber_contoh()["opd"]), 2)
    peluang = [_PELUANG_PREDIKAT_ORGANISASI[p] for p in PREDIKAT_ORGANISASI]
    kode = rng.choice(len(PREDIKAT_ORGANISASI), size=len(opd), p=peluang)
    return pd.DataFrame(
        {
            "opd": pd.array(opd, dtype="str"),
            "periode": kategori(np.arange(len(opd)) % 2, PERIODE_CONTOH),
            "predikat_organisasi": kategori(kode, PREDIKAT_ORGANISASI),
        }
    )
