"""Kalibrasi penilai: seberapa jauh rating resmi tiap penilai dari bukti, diuji terhadap peluang.

Penilai seorang pegawai pada satu periode: ``nip_penilai`` di ``evaluasi_atasan``, bila kosong
``nip_atasan`` pegawai itu. Rating pada skala kontrak: di_bawah 1, sesuai 2, di_atas 3.

**Pembanding ``bukti``** (bila paling sedikit separuh pegawai yang dinilai punya bukti). Untuk
tiap pegawai yang dinilai dan tiap dimensi (hasil kerja, perilaku) yang punya rating resmi dan
rating usulan kit (dari capaian dan BerAKHLAK), selisihnya ``d = resmi - usulan``.
``selisih_rata`` adalah rata-rata ``d`` atas semua pasangan penilai itu; ``porsi_lebih_tinggi``
dan ``porsi_lebih_rendah`` porsi pasangan dengan ``d > 0`` dan ``d < 0``.

**Pembanding ``rekan``** (bila kurang dari separuh pegawai yang dinilainya punya bukti, mis.
folder hasil impor e-Kinerja yang hanya berisi rating): rating resmi penilai dibandingkan dengan
rating penilai lain di OPD yang sama pada periode itu. ``selisih_rata`` = rata-rata (rating -
rata-rata rating rekan pada dimensi itu); porsi lebih tinggi/rendah dihitung terhadap median
rating rekan. Ini menunjukkan *perbedaan*, bukan bias: bisa jadi bawahannya memang lebih baik.

**Uji.** Satuan uji adalah pegawai yang dinilai, bukan pasangan, agar dua dimensi satu pegawai
tidak dihitung sebagai dua bukti yang bebas: skor pegawai ``w`` = 2 x rata-rata ``d`` (atau
rating, untuk ``rekan``) atas dimensinya, bilangan bulat. Hipotesis nol: ke-``m`` skor penilai
itu ditarik acak dari sebaran skor penilai lain (seluruh kabupaten untuk ``bukti``, OPD yang
sama untuk ``rekan``). Penilai itu sendiri tidak ikut dalam acuannya, dan tiap nilai skor yang
mungkin diberi tambahan 0,5 pengamatan (koreksi Jeffreys) agar nilai yang belum pernah
diberikan penilai lain tidak dianggap mustahil. Sebaran jumlah ``m`` tarikan dihitung tepat
dengan konvolusi berulang (uji eksak: tanpa hampiran normal, tanpa simulasi), lalu ``p_nilai``
dua sisi = ``min(1, 2 x min(P(S >= s), P(S <= s)))``. ``q_nilai``: Benjamini-Hochberg atas
semua penilai yang diuji pada periode itu. ``status``: ``murah_hati`` atau ``ketat`` bila
``q_nilai <= fdr`` (arah dari rata-rata skor penilai terhadap acuannya), ``wajar`` bila tidak,
``data_kurang`` bila pegawai yang dinilai (atau acuannya) kurang dari ``min_dinilai``.

**Kecenderungan tengah** (kolom sendiri, karena penilai yang menilai semua orang "sesuai"
bisa saja rata-rata selisihnya dekat nol): di antara pasangan yang buktinya ekstrem (usulan
di_atas atau di_bawah), porsi yang diberi ``sesuai`` (``porsi_tengah``). Diuji per sisi dengan
uji binomial eksak satu sisi terhadap porsi penilai lain sekabupaten pada sisi itu (dikoreksi
0,5 agar tidak nol), bila tiap sisi punya paling sedikit ``min_ekstrem`` pasangan; ``p_tengah``
adalah p terbesar dari kedua sisi (uji irisan-gabungan): hanya penilai yang menarik *kedua*
ujung ke tengah yang tertandai, bukan penilai ketat (yang hanya menurunkan di_atas) atau murah
hati. Untuk ``rekan``: porsi rating ``sesuai`` dibanding rekan se-OPD. ``q_tengah``:
Benjamini-Hochberg tersendiri; ``kecenderungan_tengah`` ``ya`` bila ``q_tengah <= fdr``.

Kit tidak menyimpulkan niat: status ini bahan pembicaraan kalibrasi, bukan sanksi.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..konfigurasi import RATING_LABEL
from ..masuk.kunci import faktor, kode_dalam
from ..masuk.periode import kunci_urut_periode

__all__ = ["KOLOM_PENILAI", "HasilPenilai", "kalibrasi_penilai"]

KOLOM_PENILAI = [
    "nip_penilai", "nama_penilai", "opd", "periode", "jumlah_dinilai", "pembanding",
    "selisih_rata", "porsi_lebih_tinggi", "porsi_lebih_rendah", "p_nilai", "q_nilai", "status",
    "porsi_tengah", "p_tengah", "q_tengah", "kecenderungan_tengah",
]  # fmt: skip
_SKALA = {"di_bawah": 1, "sesuai": 2, "di_atas": 3}
_SKALA_LABEL = {RATING_LABEL[k]: v for k, v in _SKALA.items()}
_DIMENSI = ("hasil_kerja", "perilaku")


@dataclass
class HasilPenilai:
    """Hasil :func:`kalibrasi_penilai`.

    ``kalibrasi``: :data:`KOLOM_PENILAI`, satu baris per penilai dan periode. ``cakupan``:
    ``nip_penilai``, ``periode``, ``opd``: OPD pegawai yang dinilai tiap penilai (untuk laporan
    OPD: penilai dari luar OPD ikut tampil, tersamar). ``tanpa_penilai``: banyak penilaian resmi
    yang penilainya tidak diketahui (tanpa ``nip_penilai`` dan tanpa ``nip_atasan``), tidak ikut
    dikalibrasi."""

    kalibrasi: pd.DataFrame
    cakupan: pd.DataFrame
    tanpa_penilai: int


def _kode(nilai: pd.Series, peta: dict) -> np.ndarray:
    """Kode skala (float, NaN bila kosong/tak dikenal), dipetakan lewat nilai unik: murah untuk
    jutaan baris."""
    kode, unik = faktor(nilai)
    per_unik = np.array([peta.get(str(c), np.nan) for c in unik] + [np.nan])
    return per_unik[kode]  # kode -1 (kosong) menunjuk NaN terakhir


@dataclass
class _Satuan:
    """Satu baris per penilaian resmi yang penilainya diketahui (pegawai, periode)."""

    o: np.ndarray  # rating resmi (n x 2), skala 1..3, NaN bila kosong
    u: np.ndarray  # rating usulan (n x 2)
    kunci: np.ndarray  # nomor (penilai, periode) tiap baris, di ``penilai``
    opd: np.ndarray  # nomor OPD pegawai yang dinilai, di ``nama_opd`` (urut abjad)
    nama_opd: np.ndarray
    #: satu baris per (penilai, periode): nip_penilai, periode, opd, nama_penilai, dan _opd
    #: (nomor OPD penilai di ``nama_opd``)
    penilai: pd.DataFrame
    tanpa_penilai: int


def _satuan(skor: pd.DataFrame, evaluasi: pd.DataFrame, pegawai: pd.DataFrame) -> _Satuan:
    """Penilaian resmi dengan penilai, rating resmi dan usulan, dan OPD-nya; semua kunci
    bilangan bulat (NIP dicari sekali di daftar pegawai lewat pyarrow), tanpa gabung teks."""
    o = np.column_stack([_kode(evaluasi[f"rating_{d}"], _SKALA) for d in _DIMENSI])
    i = np.flatnonzero(~np.isnan(o).all(axis=1))
    daftar = pd.Index(pegawai["nip"].astype("str"))
    kode_periode, nama_periode = faktor(skor["periode"])
    p = max(len(nama_periode), 1)
    siapa = kode_dalam(evaluasi["nip"], daftar)[i]
    kapan = kode_dalam(evaluasi["periode"], nama_periode)[i]
    kunci_skor = kode_dalam(skor["nip"], daftar) * p + kode_periode
    letak = pd.Index(kunci_skor).get_indexer(
        np.where((siapa >= 0) & (kapan >= 0), siapa * p + kapan, -1)
    )
    # Penilai: nip_penilai (boleh di luar daftar pegawai), selain itu nip_atasan pegawainya.
    penilai = np.full(len(i), -1, dtype=np.int64)
    luar_nama = pd.Index([], dtype="str")
    if "nip_penilai" in evaluasi:
        isi = evaluasi["nip_penilai"].iloc[i]
        penilai = kode_dalam(isi, daftar)
        luar = (penilai < 0) & isi.notna().to_numpy()
        if luar.any():
            kode_luar, luar_nama = faktor(isi[luar])
            penilai[luar] = len(daftar) + kode_luar
    atasan = np.append(kode_dalam(pegawai["nip_atasan"], daftar), -1)
    penilai = np.where(penilai < 0, atasan[siapa], penilai)
    tanpa = int(((penilai < 0) & (letak >= 0)).sum())
    ambil = (penilai >= 0) & (letak >= 0)
    i, letak, penilai, kapan = i[ambil], letak[ambil], penilai[ambil], kapan[ambil]
    if not len(i):
        kosong = np.empty((0, 2))
        return _Satuan(kosong, kosong, np.empty(0, np.int64), np.empty(0, np.int64),
                       np.empty(0, object), pd.DataFrame(), tanpa)  # fmt: skip
    kunci, gabung = pd.factorize(penilai * p + kapan)
    siapa_penilai = gabung // p
    dalam = siapa_penilai < len(daftar)
    nip_penilai = np.empty(len(gabung), dtype=object)
    nip_penilai[dalam] = np.asarray(daftar[siapa_penilai[dalam]], dtype=object)
    nip_penilai[~dalam] = np.asarray(luar_nama[siapa_penilai[~dalam] - len(daftar)], dtype=object)
    kode_opd, nama_opd = faktor(skor["opd"])
    opd = kode_opd[letak]
    tabel = pd.DataFrame(
        {
            "nip_penilai": pd.array(nip_penilai, dtype="str"),
            "periode": pd.array(np.asarray(nama_periode, dtype=object)[gabung % p], dtype="str"),
        }
    )
    # OPD penilai: OPD-nya sendiri; bila tidak terdaftar, OPD terbanyak pegawai yang ia nilai
    # (seri: menurut abjad). Nama: daftar pegawai, lalu nama_penilai di evaluasi_atasan.
    n_opd = max(len(nama_opd), 1)
    pasangan, hitung = np.unique(kunci.astype(np.int64) * n_opd + opd, return_counts=True)
    urut = np.lexsort((pasangan % n_opd, -hitung, pasangan // n_opd))
    pertama = urut[np.r_[True, np.diff(pasangan[urut] // n_opd) != 0]]
    opd_penilai = pasangan[pertama] % n_opd
    baris = siapa_penilai[dalam]
    sendiri = kode_dalam(pegawai["opd"].iloc[baris], nama_opd)
    opd_penilai[np.flatnonzero(dalam)[sendiri >= 0]] = sendiri[sendiri >= 0]
    tabel["_opd"] = opd_penilai
    tabel["opd"] = pd.array(np.asarray(nama_opd, dtype=object)[opd_penilai], dtype="str")
    nama = np.full(len(tabel), None, dtype=object)
    nama[dalam] = pegawai["nama"].iloc[baris].to_numpy(dtype=object, na_value=None)
    if "nama_penilai" in evaluasi:
        dari_ev = evaluasi["nama_penilai"].iloc[i].to_numpy(dtype=object, na_value=None)
        ada = ~pd.isna(dari_ev)
        pertama_ev = pd.Series(dari_ev[ada]).groupby(kunci[ada]).first()
        kosong = pd.isna(nama)
        nama[kosong] = pertama_ev.reindex(np.flatnonzero(kosong)).to_numpy(dtype=object)
    tabel["nama_penilai"] = pd.array(nama, dtype="str")
    usulan = np.column_stack(
        [_kode(skor[f"rating_{d}_usulan"], _SKALA_LABEL)[letak] for d in _DIMENSI]
    )
    return _Satuan(o[i], usulan, kunci, opd, np.asarray(nama_opd, dtype=object), tabel, tanpa)


def _jumlah(kunci: np.ndarray, n: int, bobot=None) -> np.ndarray:
    return np.bincount(kunci, weights=bobot, minlength=n)


def _sebaran_jumlah(peluang: np.ndarray, m: int) -> np.ndarray:
    """Sebaran jumlah ``m`` tarikan bebas; tiap baris ``peluang`` satu sebaran atas
    ``0..V-1``. Konvolusi langsung (semua suku positif, jadi ekor kecil tetap teliti)."""
    baris, v = peluang.shape
    hasil = np.ones((baris, 1))
    for _ in range(m):
        baru = np.zeros((baris, hasil.shape[1] + v - 1))
        for j in range(v):
            baru[:, j : j + hasil.shape[1]] += hasil * peluang[:, j : j + 1]
        hasil = baru
    return hasil


def _p_eksak(m: np.ndarray, s: np.ndarray, acuan: np.ndarray) -> np.ndarray:
    """p dua sisi untuk jumlah ``s`` (skor digeser ke ``0..V-1``) dari ``m`` tarikan
    sebaran acuan per baris (hitungan per nilai, belum dinormalkan; tiap nilai diberi tambahan
    0,5)."""
    p = np.full(len(m), np.nan)
    acuan = acuan + 0.5  # koreksi Jeffreys: nilai yang belum muncul tidak dianggap mustahil
    peluang = acuan / acuan.sum(axis=1, keepdims=True)
    for mm in np.unique(m):
        semua = np.flatnonzero(m == mm)
        for awal in range(0, len(semua), 20_000):
            i = semua[awal : awal + 20_000]
            sebaran = _sebaran_jumlah(peluang[i], int(mm))
            baris = np.arange(len(i))
            bawah = np.cumsum(sebaran, axis=1)[baris, s[i]]
            atas = np.cumsum(sebaran[:, ::-1], axis=1)[:, ::-1][baris, s[i]]
            p[i] = np.minimum(1.0, 2 * np.minimum(bawah, atas))
    return p


def _bh(p: np.ndarray, kelompok: np.ndarray) -> np.ndarray:
    """q Benjamini-Hochberg per kelompok (periode); NaN tetap NaN."""
    from scipy.stats import false_discovery_control

    q = np.full(len(p), np.nan)
    for g in np.unique(kelompok):
        i = np.flatnonzero((kelompok == g) & ~np.isnan(p))
        if len(i):
            q[i] = false_discovery_control(p[i], method="bh")
    return q


def _median_hitungan(hitung: np.ndarray) -> np.ndarray:
    """Median dari hitungan per kode 1, 2, 3 (kolom); NaN bila kosong."""
    n = hitung.sum(axis=1)
    kum = np.cumsum(hitung, axis=1)

    def nilai(posisi):
        return 1 + (posisi[:, None] >= kum).sum(axis=1)

    med = (nilai((n - 1) // 2) + nilai(n // 2)) / 2
    return np.where(n > 0, med, np.nan)


def _uji_tengah(x, n, x_acuan, n_acuan, diuji) -> tuple[np.ndarray, np.ndarray]:
    """Porsi "sesuai" dan p satu sisi (binomial eksak, porsi lebih besar dari acuan) terhadap
    porsi acuan terkoreksi 0,5."""
    from scipy.stats import binom

    porsi = np.where(n > 0, x / np.maximum(n, 1), np.nan)
    p0 = (x_acuan + 0.5) / (n_acuan + 1)
    p = np.where(diuji, binom.sf(x - 1, n, p0), np.nan)
    return porsi, p


def _kosong() -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype="str") for k in KOLOM_PENILAI}).astype(
        {k: "float64" for k in KOLOM_PENILAI[6:11] + KOLOM_PENILAI[12:15]}
        | {"jumlah_dinilai": "int64"}
    )


def _cakupan_kosong() -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype="str") for k in ("nip_penilai", "periode", "opd")})


def kalibrasi_penilai(
    skor_pegawai: pd.DataFrame,
    evaluasi_atasan: pd.DataFrame | None,
    pegawai: pd.DataFrame,
    aturan: dict,
) -> HasilPenilai:
    """Kalibrasi tiap penilai per periode (metode: docstring modul).

    Parameters
    ----------
    skor_pegawai
        Keluaran ``skor`` (``nip``, ``periode``, ``opd``, rating usulan).
    evaluasi_atasan
        Tabel ``evaluasi_atasan`` yang sudah dimuat (rating bentuk pendek), atau ``None``.
    pegawai
        Tabel ``pegawai`` (``nip``, ``nama``, ``opd``, ``nip_atasan``).
    aturan
        Aturan kit; dipakai bagian ``kalibrasi_penilai``.

    Returns
    -------
    HasilPenilai
    """
    atur = aturan["kalibrasi_penilai"]
    minimum, fdr, min_ekstrem = atur["min_dinilai"], atur["fdr"], atur["min_ekstrem"]
    if evaluasi_atasan is None or evaluasi_atasan.empty:
        return HasilPenilai(_kosong(), _cakupan_kosong(), 0)
    sat = _satuan(skor_pegawai, evaluasi_atasan, pegawai)
    tanpa, kunci, o, u = sat.tanpa_penilai, sat.kunci, sat.o, sat.u
    if not len(kunci):
        return HasilPenilai(_kosong(), _cakupan_kosong(), tanpa)
    ada_o, bukti = ~np.isnan(o), ~np.isnan(o) & ~np.isnan(u)
    d = np.where(bukti, o - u, 0.0)
    k_b, k_o = bukti.sum(axis=1), ada_o.sum(axis=1)
    w_b = np.where(k_b > 0, np.rint(2 * d.sum(axis=1) / np.maximum(k_b, 1)), 0).astype(np.int64)
    w_o = np.rint(2 * np.where(ada_o, o, 0).sum(axis=1) / np.maximum(k_o, 1)).astype(np.int64)

    tabel = sat.penilai
    r = len(tabel)
    n_opd = max(len(sat.nama_opd), 1)
    periode, periode_kode = np.unique(tabel["periode"].to_numpy(dtype=str), return_inverse=True)
    ev_periode = periode_kode[kunci]

    jumlah = _jumlah(kunci, r).astype(np.int64)
    unit_bukti = _jumlah(kunci, r, k_b > 0).astype(np.int64)
    # Bukti dipakai bila paling sedikit separuh pegawai yang dinilai punya bukti; rekan hanya
    # untuk data (hampir) tanpa bukti, mis. hasil impor e-Kinerja.
    pakai_bukti = 2 * unit_bukti >= jumlah
    # Kelompok rekan: OPD penilai dan periode.
    rekan_kunci, _ = pd.factorize(tabel["_opd"].to_numpy() * len(periode) + periode_kode)
    g = int(rekan_kunci.max()) + 1
    ev_rekan = rekan_kunci[kunci]

    hasil = {}
    # --- pembanding bukti --------------------------------------------------------------------
    pasangan_b = _jumlah(kunci, r, k_b)
    sel_b = _jumlah(kunci, r, d.sum(axis=1)) / np.maximum(pasangan_b, 1)
    tinggi_b = _jumlah(kunci, r, (bukti & (d > 0)).sum(axis=1)) / np.maximum(pasangan_b, 1)
    rendah_b = _jumlah(kunci, r, (bukti & (d < 0)).sum(axis=1)) / np.maximum(pasangan_b, 1)
    # --- pembanding rekan --------------------------------------------------------------------
    sel_r = np.zeros(r)
    tinggi_r = np.zeros(r)
    rendah_r = np.zeros(r)
    n_o = _jumlah(kunci, r, k_o)
    for j in range(len(_DIMENSI)):
        isi = ada_o[:, j]
        kode = np.where(isi, o[:, j], 0).astype(np.int64)
        sendiri = np.stack([_jumlah(kunci, r, isi & (kode == c)) for c in (1, 2, 3)], axis=1)
        grup = np.stack([_jumlah(ev_rekan, g, isi & (kode == c)) for c in (1, 2, 3)], axis=1)
        rekan = grup[rekan_kunci] - sendiri
        n_rekan = rekan.sum(axis=1)
        rata = (rekan * [1, 2, 3]).sum(axis=1) / np.maximum(n_rekan, 1)
        med = _median_hitungan(rekan)
        sel_r += np.where(
            n_rekan > 0, (sendiri * [1, 2, 3]).sum(axis=1) - sendiri.sum(axis=1) * rata, 0
        )
        tinggi_r += np.where(n_rekan > 0, (sendiri * ([1, 2, 3] > med[:, None])).sum(axis=1), 0)
        rendah_r += np.where(n_rekan > 0, (sendiri * ([1, 2, 3] < med[:, None])).sum(axis=1), 0)
    sel_r, tinggi_r, rendah_r = (x / np.maximum(n_o, 1) for x in (sel_r, tinggi_r, rendah_r))

    # --- uji eksak ---------------------------------------------------------------------------
    # bukti: skor -4..4 (geser +4); rekan: skor 2..6 (geser -2).
    diuji_unit_b = k_b > 0
    sendiri_b = np.stack(
        [_jumlah(kunci, r, diuji_unit_b & (w_b == v)) for v in range(-4, 5)], axis=1
    )
    periode_b = np.stack(
        [_jumlah(ev_periode, len(periode), diuji_unit_b & (w_b == v)) for v in range(-4, 5)],
        axis=1,
    )
    acuan_b = periode_b[periode_kode] - sendiri_b
    sendiri_r = np.stack([_jumlah(kunci, r, w_o == v) for v in range(2, 7)], axis=1)
    grup_r = np.stack([_jumlah(ev_rekan, g, w_o == v) for v in range(2, 7)], axis=1)
    acuan_r = grup_r[rekan_kunci] - sendiri_r
    m = np.where(pakai_bukti, sendiri_b.sum(axis=1), sendiri_r.sum(axis=1)).astype(np.int64)
    s_b = (sendiri_b * np.arange(9)).sum(axis=1).astype(np.int64)
    s_r = (sendiri_r * np.arange(5)).sum(axis=1).astype(np.int64)
    n_acuan = np.where(pakai_bukti, acuan_b.sum(axis=1), acuan_r.sum(axis=1))
    diuji = (m >= minimum) & (n_acuan >= minimum)
    p = np.full(r, np.nan)
    for pilih, acuan, s, geser in (
        (pakai_bukti, acuan_b, s_b, -4),
        (~pakai_bukti, acuan_r, s_r, 2),
    ):
        i = np.flatnonzero(diuji & pilih)
        if len(i):
            p[i] = _p_eksak(m[i], s[i], acuan[i])
        nilai = np.arange(acuan.shape[1]) + geser
        rata_acuan = (acuan * nilai).sum(axis=1) / np.maximum(acuan.sum(axis=1), 1)
        hasil.setdefault("arah", np.zeros(r))
        rata_sendiri = (s / np.maximum(m, 1)) + geser
        hasil["arah"] = np.where(pilih, np.sign(rata_sendiri - rata_acuan), hasil["arah"])
    q = _bh(p, periode_kode)
    status = np.where(
        ~diuji, "data_kurang",
        np.where(q <= fdr, np.where(hasil["arah"] > 0, "murah_hati", "ketat"), "wajar"),
    )  # fmt: skip

    # --- kecenderungan tengah ------------------------------------------------------------------
    def per_penilai(tanda):
        return _jumlah(kunci, r, tanda.sum(axis=1))

    def acuan_periode(tanda, sendiri):
        return _jumlah(ev_periode, len(periode), tanda.sum(axis=1))[periode_kode] - sendiri

    def acuan_rekan(tanda, sendiri):
        return _jumlah(ev_rekan, g, tanda.sum(axis=1))[rekan_kunci] - sendiri

    # bukti: kedua sisi (usulan di_atas, usulan di_bawah) harus sama-sama ditarik ke "sesuai";
    # p = maksimum kedua p satu sisi (uji irisan-gabungan), agar penilai ketat (yang hanya
    # menurunkan di_atas) atau murah hati tidak ikut tertandai.
    p_sisi, cukup = [], diuji.copy()
    for usulan in (3, 1):
        ekstrem = bukti & (u == usulan)
        n_sisi, x_sisi = per_penilai(ekstrem), per_penilai(ekstrem & (o == 2))
        n_ac, x_ac = acuan_periode(ekstrem, n_sisi), acuan_periode(ekstrem & (o == 2), x_sisi)
        cukup &= (n_sisi >= min_ekstrem) & (n_ac >= min_ekstrem)
        p_sisi.append(_uji_tengah(x_sisi, n_sisi, x_ac, n_ac, np.ones(r, bool))[1])
    ekstrem = bukti & ((u == 1) | (u == 3))
    e_n, e_x = per_penilai(ekstrem), per_penilai(ekstrem & (o == 2))
    p_bukti = np.where(cukup, np.maximum(*p_sisi), np.nan)
    # rekan: porsi rating "sesuai" dibanding rekan se-OPD.
    t_n, t_x = n_o, per_penilai(ada_o & (o == 2))
    t_n_ac, t_x_ac = acuan_rekan(ada_o, t_n), acuan_rekan(ada_o & (o == 2), t_x)
    diuji_rekan = diuji & (t_n >= min_ekstrem) & (t_n_ac >= min_ekstrem)
    porsi_rekan, p_rekan = _uji_tengah(t_x, t_n, t_x_ac, t_n_ac, diuji_rekan)
    porsi_tengah = np.where(pakai_bukti, np.where(e_n > 0, e_x / np.maximum(e_n, 1), np.nan),
                            porsi_rekan)  # fmt: skip
    p_tengah = np.where(pakai_bukti, p_bukti, np.where(diuji_rekan, p_rekan, np.nan))
    q_tengah = _bh(p_tengah, periode_kode)
    tengah = np.where(np.isnan(p_tengah), "", np.where(q_tengah <= fdr, "ya", "tidak"))

    tabel = tabel.assign(
        jumlah_dinilai=jumlah,
        pembanding=np.where(pakai_bukti, "bukti", "rekan"),
        selisih_rata=np.where(pakai_bukti, sel_b, sel_r),
        porsi_lebih_tinggi=np.where(pakai_bukti, tinggi_b, tinggi_r),
        porsi_lebih_rendah=np.where(pakai_bukti, rendah_b, rendah_r),
        p_nilai=p,
        q_nilai=q,
        status=status,
        porsi_tengah=porsi_tengah,
        p_tengah=p_tengah,
        q_tengah=q_tengah,
        kecenderungan_tengah=pd.Series(tengah, dtype="str").replace("", np.nan).to_numpy(),
    )
    for kolom in ("selisih_rata", "porsi_lebih_tinggi", "porsi_lebih_rendah", "porsi_tengah"):
        tabel[kolom] = tabel[kolom].round(6)
    for kolom in ("p_nilai", "q_nilai", "p_tengah", "q_tengah"):
        tabel[kolom] = _bulat_p(tabel[kolom].to_numpy())
    tabel["_urut"] = kunci_urut_periode(tabel["periode"]).to_numpy()
    tabel = tabel.sort_values(["_urut", "opd", "nip_penilai"], kind="stable")
    cakupan = np.unique(kunci.astype(np.int64) * n_opd + sat.opd)
    cakupan = pd.DataFrame(
        {
            "nip_penilai": tabel["nip_penilai"].to_numpy()[cakupan // n_opd],
            "periode": tabel["periode"].to_numpy()[cakupan // n_opd],
            "opd": pd.array(sat.nama_opd[cakupan % n_opd], dtype="str"),
        }
    ).astype({"nip_penilai": "str", "periode": "str"})
    cakupan = cakupan.sort_values(["periode", "nip_penilai", "opd"]).reset_index(drop=True)
    return HasilPenilai(tabel[KOLOM_PENILAI].reset_index(drop=True), cakupan, tanpa)


def _bulat_p(p: np.ndarray) -> np.ndarray:
    """p yang lebih kecil dari 1e-300 (di bawah ketelitian angka) ditulis 1e-300, bukan 0."""
    return np.where(np.isnan(p), np.nan, np.maximum(p, 1e-300))
