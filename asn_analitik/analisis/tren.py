"""Perbandingan antarperiode: tren OPD, perubahan tiap pegawai, dan efek pelatihan.

Kontrak v2 bagian 8. Hanya periode **sejenis** yang dibandingkan (semester dengan semester,
bulan dengan bulan, triwulan dengan triwulan; tahunan jenisnya sendiri), menurut urutan
waktu. Pasangan periode ``(awal, akhir)`` adalah dua periode sejenis yang berurutan.

**Tren OPD** (``tren_opd``): per OPD dan periode, jumlah pegawai yang dinilai, rata-rata
nilai hasil kerja, porsi predikat Baik ke atas (di antara yang berpredikat), dan porsi
indikator yang dilaporkan (realisasinya diisi).

**Tren pegawai** (``tren_pegawai``): pegawai yang dinilai pada kedua periode sepasang.
``selisih`` = nilai hasil kerja akhir - awal (dibulatkan 6 desimal); ``arah`` ``naik`` bila
``selisih >= ambang_arah``, ``turun`` bila ``<= -ambang_arah``, ``tetap`` di antaranya (bagian
``tren`` di ``aturan.yaml``, bawaan 5 poin). Tanpa nilai hasil kerja (folder rating saja),
``arah`` dari urutan predikat (lebih baik = naik). ``lemah_berulang``: sasaran yang lemah di
kedua periode menurut ambang bagian ``pelatihan`` (aspek dengan capaian < ``ambang_capaian``
dari indikator yang dilaporkan, nilai BerAKHLAK <= ``ambang_perilaku``; tanpa bukti rinci,
rating resmi Di Bawah Ekspektasi pada dimensinya), dipisah ``;``, memakai kode sasaran
katalog (``kualitas``, ``perilaku:akuntabel``) sehingga bisa langsung dicocokkan dengan
katalog pelatihan. Kolom tambahan ``opd_awal``: OPD pada periode awal.

**Perpindahan** (``perpindahan_pegawai``): pegawai yang ``masuk`` (dinilai di periode akhir,
tidak di awal), ``keluar`` (sebaliknya), ``pindah_opd`` (dinilai di kedua periode di OPD yang
berbeda), dan ``tidak_aktif`` (status pensiun, mutasi, cltn, meninggal di tabel pegawai: tidak
dinilai sama sekali). OPD per periode diambil dari kolom opsional ``opd`` di
``evaluasi_atasan`` (OPD tempat pegawai dinilai pada periode itu) bila terisi, selain itu dari
tabel ``pegawai``. Tidak ada pegawai yang hilang diam-diam dari perbandingan: setiap NIP yang
dinilai pada salah satu periode sepasang ada di ``tren_pegawai`` atau di tabel ini.

**Efek pelatihan** (``efek_pelatihan``), per pelatihan katalog dan pasangan periode:

- *peserta*: lemah pada ``sasaran`` pelatihan itu di periode awal, mengikuti pelatihan itu
  (``riwayat_pelatihan``) sesudah akhir periode awal dan tidak sesudah akhir periode akhir
  (S1 30 Juni, S2 dan tahunan 31 Desember, triwulan dan bulan akhir bulannya);
- *pembanding*: sama lemahnya pada sasaran itu di periode awal, tidak mengikuti pelatihan
  apa pun untuk sasaran itu di jendela yang sama.

Keduanya harus punya nilai sasaran itu di kedua periode. ``perubahan_*`` = rata-rata
(nilai akhir - nilai awal): capaian aspek dalam poin persen, nilai BerAKHLAK pada skala 1-5,
nilai hasil kerja atau rata-rata perilaku untuk sasaran ``hasil_kerja``/``perilaku``.
``efek`` = perubahan peserta - perubahan pembanding. Orang yang lemah cenderung membaik
dengan sendirinya (regresi ke rata-rata); kelompok pembanding yang sama lemahnya membuat
perbaikan itu tidak dihitung sebagai jasa pelatihan.

Interval ``tingkat_keyakinan`` (bawaan 95 %): bootstrap persentil, ``ulang_bootstrap`` kali
(bawaan 2.000), kedua kelompok ditarik ulang terpisah dengan benih tetap yang diturunkan dari
``benih``, kode pelatihan (untuk peserta) atau sasaran (untuk pembanding) dan pasangan
periode, atas nilai yang diurutkan menurut NIP: hasilnya tidak bergantung pada urutan baris,
nama OPD, atau pelatihan lain di katalog. Kelompok lebih besar dari ``maks_unit_bootstrap``
dibagi acak menjadi sebanyak itu satuan sama besar dan jumlah tiap satuan yang ditarik ulang
(ragam rata-ratanya sama dengan bootstrap biasa; tetap cepat untuk ratusan ribu pegawai).
``kesimpulan``: ``membantu`` bila batas bawah > 0, ``merugikan`` bila batas atas < 0,
``tidak_terbukti`` bila interval mencakup 0, ``data_kurang`` bila salah satu kelompok kurang
dari ``min_kelompok`` (bawaan 10): perubahan rata-ratanya tetap ditulis, tetapi tanpa interval
dan tanpa kesimpulan. Kolom tambahan: ``jumlah_ikut`` dan ``total_jp`` (semua yang mengikuti
pelatihan itu di jendela, lemah atau tidak), ``keterangan`` (kesimpulan dalam kalimat).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..galat import ArgumenTidakValid
from ..konfigurasi import ASPEK, BERAKHLAK, PREDIKAT
from ..masuk.kunci import faktor, kode_dalam, pemeta_kode, potongan
from ..masuk.periode import (
    akhir_periode,
    jenis_periode,
    kunci_urut_periode,
    urutkan_periode,
)
from ..teks import angka_id
from .pelatihan import jumlah_aspek

__all__ = [
    "KOLOM_EFEK",
    "KOLOM_PERPINDAHAN",
    "KOLOM_TREN_OPD",
    "KOLOM_TREN_PEGAWAI",
    "HasilTren",
    "analisis_tren",
    "pilih_periode_tren",
]

KOLOM_TREN_OPD = ["opd", "periode", "jumlah_pegawai", "rata_nilai_hasil_kerja",
                  "porsi_baik_ke_atas", "porsi_dilaporkan"]  # fmt: skip
KOLOM_TREN_PEGAWAI = [
    "nip", "nama", "opd", "periode_awal", "periode_akhir", "nilai_hasil_kerja_awal",
    "nilai_hasil_kerja_akhir", "selisih", "predikat_awal", "predikat_akhir", "arah",
    "lemah_berulang", "opd_awal",
]  # fmt: skip
KOLOM_PERPINDAHAN = ["nip", "nama", "periode_awal", "periode_akhir", "jenis", "opd_awal",
                     "opd_akhir", "keterangan"]  # fmt: skip
KOLOM_EFEK = [
    "kode_pelatihan", "nama_pelatihan", "sasaran", "periode_awal", "periode_akhir",
    "jumlah_peserta", "jumlah_pembanding", "perubahan_peserta", "perubahan_pembanding", "efek",
    "batas_bawah", "batas_atas", "kesimpulan", "jumlah_ikut", "total_jp", "keterangan",
]  # fmt: skip

#: Sasaran yang diukur, urutan tetap untuk ``lemah_berulang``.
_SASARAN = [*ASPEK, *(f"perilaku:{b}" for b in BERAKHLAK), "hasil_kerja", "perilaku"]
_DI_BAWAH = "Di Bawah Ekspektasi"
_BAIK_KE_ATAS = ("Sangat Baik", "Baik")
_J = {s: i for i, s in enumerate(_SASARAN)}


@dataclass
class HasilTren:
    """Tabel ``tren`` (kontrak v2 bagian 8) dan periode yang dibandingkan."""

    tren_opd: pd.DataFrame
    tren_pegawai: pd.DataFrame
    efek_pelatihan: pd.DataFrame
    perpindahan_pegawai: pd.DataFrame
    jenis: str | None = None
    periode: list[str] = field(default_factory=list)
    pasangan: list[tuple[str, str]] = field(default_factory=list)

    def tabel(self) -> dict[str, pd.DataFrame]:
        """Nama berkas (tanpa akhiran) -> tabel, dalam urutan penulisan."""
        return {
            "tren_opd": self.tren_opd,
            "tren_pegawai": self.tren_pegawai,
            "efek_pelatihan": self.efek_pelatihan,
            "perpindahan_pegawai": self.perpindahan_pegawai,
        }


def _kosong(kolom: list[str]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype="str") for k in kolom})


def pilih_periode_tren(
    ada: list[str], diminta: list[str] | None = None
) -> tuple[str | None, list[str], list[tuple[str, str]]]:
    """Jenis periode, periode yang ditampilkan, dan pasangan ``(awal, akhir)`` yang dibandingkan.

    Tanpa ``diminta``: jenis periode terakhir di data, semua periode jenis itu untuk tren OPD,
    dan dua periode terakhirnya sebagai satu pasangan. Dengan ``diminta``: periode itu saja
    (semuanya harus sejenis), tiap dua yang berurutan menjadi satu pasangan.

    Raises
    ------
    ArgumenTidakValid
        Periode yang diminta tidak sejenis, atau kurang dari dua.

    Examples
    --------
    >>> pilih_periode_tren(["2025", "2025-S2", "2026-S1"])
    ('semester', ['2025-S2', '2026-S1'], [('2025-S2', '2026-S1')])
    >>> pilih_periode_tren(["2026-01", "2026-02", "2026-03"], ["2026-03", "2026-01"])
    ('bulan', ['2026-01', '2026-03'], [('2026-01', '2026-03')])
    """
    ada = urutkan_periode(ada)
    if not ada:
        return None, [], []
    if diminta:
        pilihan = urutkan_periode(diminta)
        jenis = {jenis_periode(p) for p in pilihan}
        if len(jenis) > 1:
            raise ArgumenTidakValid(
                "Periode yang dibandingkan harus sejenis (semester dengan semester, bulan dengan "
                f"bulan, tahunan dengan tahunan), bukan {', '.join(pilihan)}."
            )
        if len(pilihan) < 2:
            raise ArgumenTidakValid(
                f"Perlu paling sedikit dua periode sejenis untuk dibandingkan, bukan hanya "
                f"{pilihan[0]}. Periode yang ada: {', '.join(ada)}."
            )
        jenis_dipilih = jenis.pop()
    else:
        jenis_dipilih = jenis_periode(ada[-1])
        pilihan = [p for p in ada if jenis_periode(p) == jenis_dipilih]
    pasangan = list(zip(pilihan[:-1], pilihan[1:], strict=True))
    if not diminta:
        pasangan = pasangan[-1:]
    return jenis_dipilih, pilihan, pasangan


def _opd_periode(skor: pd.DataFrame, evaluasi: pd.DataFrame | None) -> np.ndarray | pd.Series:
    """OPD tiap baris skor pada periodenya: kolom ``opd`` evaluasi atasan bila terisi, selain itu
    OPD di tabel pegawai."""
    if evaluasi is None or "opd" not in evaluasi or not evaluasi["opd"].notna().any():
        return skor["opd"].astype("str").reset_index(drop=True)
    opd = skor["opd"].astype("str").to_numpy(dtype=object)
    ev = evaluasi.loc[evaluasi["opd"].notna(), ["nip", "periode", "opd"]]
    kunci = pd.MultiIndex.from_arrays([ev["nip"].astype("str"), ev["periode"].astype("str")])
    letak = kunci.get_indexer(
        pd.MultiIndex.from_arrays([skor["nip"].astype("str"), skor["periode"].astype("str")])
    )
    ganti = ev["opd"].astype("str").str.strip().to_numpy(dtype=object)
    return np.where(letak >= 0, ganti[np.maximum(letak, 0)], opd)


@dataclass
class _Bukti:
    """Nilai dan tanda lemah tiap sasaran (kolom :data:`_SASARAN`) per baris dasar, sebagai
    larik (bukan kolom DataFrame: disalin tiap kali baris dipilih)."""

    nilai: np.ndarray
    lemah: np.ndarray
    #: Ada bukti rinci (rating usulan) untuk hasil kerja, perilaku.
    rinci: np.ndarray
    nip_unik: pd.Index

    def sasaran(self, s: str, baris: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        j = _J[s]
        return self.nilai[baris, j], self.lemah[baris, j]


def _dasar(skor, capaian_indikator, perilaku, evaluasi, periode, aturan):
    """Satu baris per (nip, periode) terpilih: identitas, nilai, predikat, dan nilai serta tanda
    lemah tiap sasaran (``nilai:<sasaran>``, ``lemah:<sasaran>``), dengan kode NIP
    (``_kode_nip``, urutannya = urutan teks NIP) dan periode (``_kode_periode``)."""
    pilih = skor["periode"].astype("str").isin(periode).to_numpy()
    rating = [f"rating_{d}{u}" for d in ("hasil_kerja", "perilaku") for u in ("", "_usulan")]
    kolom_skor = [
        "nip",
        "nama",
        "periode",
        "opd",
        "nilai_hasil_kerja",
        "nilai_perilaku",
        "predikat",
        "jumlah_indikator",
        "indikator_tidak_dilaporkan",
        *rating,
    ]
    # Semua baris terpilih (kasus biasa): tanpa salinan (copy-on-write pandas).
    s = skor[kolom_skor] if pilih.all() else skor.loc[pilih, kolom_skor]
    s = s.reset_index(drop=True)
    opd = _opd_periode(s, evaluasi)
    # Kolom berulang sebagai kategori (kode bilangan bulat, kategori urut teks): memilih dan
    # mengurutkan jutaan baris tanpa menyalin teks.
    kode_opd, opd_unik = faktor(opd if isinstance(opd, pd.Series) else pd.Series(opd, dtype="str"))
    kode_nip, nip_unik = faktor(s["nip"])
    dasar = pd.DataFrame(
        {
            "nip": pd.Categorical.from_codes(kode_nip, categories=nip_unik),
            "nama": s["nama"].astype("str"),
            "periode": s["periode"].astype("str"),
            "opd": pd.Categorical.from_codes(kode_opd, categories=opd_unik),
            "nilai_hasil_kerja": s["nilai_hasil_kerja"].astype(float),
            "predikat": pd.Categorical.from_codes(
                kode_dalam(s["predikat"], pd.Index(PREDIKAT, dtype="str")),
                categories=pd.Index(PREDIKAT, dtype="str"),
            ),
            "_ind": s["jumlah_indikator"].fillna(0).to_numpy(float),
            "_kosong": s["indikator_tidak_dilaporkan"].fillna(0).to_numpy(float),
        }
    )
    n = len(dasar)
    kode_periode = pd.Index(periode).get_indexer(dasar["periode"])
    # Baris dasar tiap (nip, periode) lewat larik padat: tanpa tabel hash untuk jutaan baris.
    baris_dari = np.full(len(nip_unik) * len(periode), -1, dtype=np.int64)
    baris_dari[kode_nip * len(periode) + kode_periode] = np.arange(n)

    acuan = pd.Index(periode, dtype="str")
    ambang_c = aturan["pelatihan"]["ambang_capaian"]
    ambang_p = aturan["pelatihan"]["ambang_perilaku"]
    nilai = np.full((n, len(_SASARAN)), np.nan, order="F")  # satu kolom per sasaran, bersambung
    # Capaian aspek (definisi titik lemah pelatihan) langsung ke larik padat (nip, periode, aspek).
    berat, jumlah = jumlah_aspek(
        capaian_indikator,
        {"nip": nip_unik, "periode": acuan, "aspek": pd.Index(ASPEK, dtype="str")},
    )
    dasar_kunci = (kode_nip * len(periode) + kode_periode) * len(ASPEK)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i, _ in enumerate(ASPEK):
            k = dasar_kunci + i
            nilai[:, i] = np.where(berat[k] > 0, jumlah[k] / np.where(berat[k] > 0, berat[k], 1),
                                   np.nan)  # fmt: skip
    del berat, jumlah
    if perilaku is not None and len(perilaku):
        kode_p = pemeta_kode(perilaku, {"nip": nip_unik, "periode": acuan,
                                    "aspek": pd.Index(BERAKHLAK, dtype="str")})  # fmt: skip
        for t in potongan(perilaku):
            kn, kp, kb = kode_p(t)
            ok = (kn >= 0) & (kp >= 0) & (kb >= 0)
            baris = baris_dari[kn[ok] * len(periode) + kp[ok]]
            ada = baris >= 0
            nilai[baris[ada], len(ASPEK) + kb[ok][ada]] = t["nilai"].to_numpy(float)[ok][ada]
    lemah = np.zeros((n, len(_SASARAN)), dtype=bool, order="F")
    with np.errstate(invalid="ignore"):
        lemah[:, : len(ASPEK)] = nilai[:, : len(ASPEK)] < ambang_c
        lemah[:, len(ASPEK) : len(ASPEK) + len(BERAKHLAK)] = (
            nilai[:, len(ASPEK) : len(ASPEK) + len(BERAKHLAK)] <= ambang_p
        )
    rinci = np.zeros((n, 2), dtype=bool)
    for i, (dimensi, kolom) in enumerate((("hasil_kerja", "nilai_hasil_kerja"),
                                          ("perilaku", "nilai_perilaku"))):  # fmt: skip
        j = _J[dimensi]
        nilai[:, j] = s[kolom].astype(float).to_numpy()
        lemah[:, j] = (s[f"rating_{dimensi}"] == _DI_BAWAH).to_numpy()
        rinci[:, i] = s[f"rating_{dimensi}_usulan"].notna().to_numpy()
    dasar = dasar.drop(columns="periode")  # cukup kodenya
    dasar["_kode_periode"] = kode_periode
    dasar["_kode_nip"] = kode_nip
    return dasar, _Bukti(nilai, lemah, rinci, nip_unik)


def _tren_opd(dasar: pd.DataFrame, periode: list[str]) -> pd.DataFrame:
    if dasar.empty:
        return _kosong(KOLOM_TREN_OPD)
    t = dasar[["nip", "opd", "nilai_hasil_kerja", "_kode_periode", "_ind", "_kosong"]].assign(
        _baik=dasar["predikat"].isin(_BAIK_KE_ATAS), _berpredikat=dasar["predikat"].notna()
    )
    g = t.groupby(["opd", "_kode_periode"], sort=True)
    hasil = g.agg(
        jumlah_pegawai=("nip", "size"),
        rata_nilai_hasil_kerja=("nilai_hasil_kerja", "mean"),
        _baik=("_baik", "sum"),
        _berpredikat=("_berpredikat", "sum"),
        _ind=("_ind", "sum"),
        _kosong=("_kosong", "sum"),
    ).reset_index()
    hasil["periode"] = np.asarray(periode, dtype=object)[hasil["_kode_periode"]]
    hasil["porsi_baik_ke_atas"] = np.where(
        hasil["_berpredikat"] > 0, hasil["_baik"] / hasil["_berpredikat"].clip(lower=1), np.nan
    )
    hasil["porsi_dilaporkan"] = np.where(
        hasil["_ind"] > 0, (hasil["_ind"] - hasil["_kosong"]) / hasil["_ind"].clip(lower=1), np.nan
    )
    for k in ("rata_nilai_hasil_kerja", "porsi_baik_ke_atas", "porsi_dilaporkan"):
        hasil[k] = hasil[k].round(6)
    hasil["jumlah_pegawai"] = hasil["jumlah_pegawai"].astype("int64")
    return hasil[KOLOM_TREN_OPD].astype({"opd": "str", "periode": "str"})


def _lemah_berulang(bukti: _Bukti, pa: np.ndarray, pb: np.ndarray) -> pd.Categorical:
    """Teks ``;``-gabungan sasaran yang lemah di kedua periode (baris dasar ``pa``, ``pb``)."""
    tanpa = [~bukti.rinci[pa, i] & ~bukti.rinci[pb, i] for i in range(2)]
    bit = np.zeros(len(pa), dtype=np.int64)
    for j, s in enumerate(_SASARAN):
        lemah = bukti.lemah[pa, j] & bukti.lemah[pb, j]
        if s in ("hasil_kerja", "perilaku"):  # umum: hanya bila tanpa bukti rinci di keduanya
            lemah &= tanpa[0 if s == "hasil_kerja" else 1]
        bit |= lemah.astype(np.int64) << j
    ada = np.flatnonzero(np.bincount(bit, minlength=1))  # kombinasi yang muncul, urut
    teks = [";".join(s for j, s in enumerate(_SASARAN) if u >> j & 1) for u in ada]
    posisi = np.full(int(ada.max()) + 1 if len(ada) else 1, -1, dtype=np.int64)
    posisi[ada] = np.arange(len(ada))
    kode = posisi[bit]
    if len(ada) and ada[0] == 0:  # tanpa kelemahan berulang: kosong
        kode = kode - 1
        teks = teks[1:]
    urut = np.argsort(teks, kind="stable")
    ganti = np.empty(len(teks) + 1, dtype=np.int64)
    ganti[urut] = np.arange(len(teks))
    ganti[-1] = -1
    return pd.Categorical.from_codes(ganti[kode], categories=pd.Index(np.asarray(teks)[urut],
                                                                         dtype="str"))  # fmt: skip


def _arah(selisih: np.ndarray, predikat_a, predikat_b, ambang: float) -> pd.Categorical:
    """``naik``/``turun``/``tetap`` dari selisih; tanpa selisih, dari urutan predikat."""
    kode = np.where(selisih >= ambang, 0, np.where(selisih <= -ambang, 1, 2))
    pa = kode_dalam(pd.Series(predikat_a), pd.Index(PREDIKAT, dtype="str"))  # 0 = terbaik
    pb = kode_dalam(pd.Series(predikat_b), pd.Index(PREDIKAT, dtype="str"))
    dari_predikat = np.where(pb < pa, 0, np.where(pb > pa, 1, 2))
    dari_predikat = np.where((pa < 0) | (pb < 0), -1, dari_predikat)
    kode = np.where(np.isnan(selisih), dari_predikat, kode)
    return pd.Categorical.from_codes(kode, categories=pd.Index(["naik", "turun", "tetap"],
                                                               dtype="str"))  # fmt: skip


def _pasangan(dasar: pd.DataFrame, periode: list[str], awal: str, akhir: str):
    """Baris ``awal`` dan ``akhir`` pegawai yang ada di keduanya (sejajar, urut OPD akhir lalu
    NIP), baris yang hanya ada di salah satunya (urut NIP), dan letak baris bersama di dasar."""
    ka, kb = periode.index(awal), periode.index(akhir)
    kode = dasar["_kode_periode"].to_numpy()
    baris_a, baris_b = np.flatnonzero(kode == ka), np.flatnonzero(kode == kb)
    a, b = dasar.iloc[baris_a], dasar.iloc[baris_b]
    # Baris bersama urut OPD akhir lalu NIP (kode = urutan teks): urutan tabel tren_pegawai,
    # tidak bergantung pada urutan baris masukan.
    _, ia, ib = np.intersect1d(a["_kode_nip"].to_numpy(), b["_kode_nip"].to_numpy(),
                               assume_unique=True, return_indices=True)  # fmt: skip
    kode_opd = b["opd"].cat.codes.to_numpy()[ib]  # kategori urut teks
    urut = np.lexsort((a["_kode_nip"].to_numpy()[ia], kode_opd))
    ia, ib = ia[urut], ib[urut]
    hanya_a = np.ones(len(a), bool)
    hanya_a[ia] = False
    hanya_b = np.ones(len(b), bool)
    hanya_b[ib] = False

    def urut_nip(t: pd.DataFrame) -> pd.DataFrame:
        return t.iloc[np.argsort(t["_kode_nip"].to_numpy(), kind="stable")].reset_index(drop=True)

    return (a.iloc[ia].reset_index(drop=True), b.iloc[ib].reset_index(drop=True),
            urut_nip(a[hanya_a]), urut_nip(b[hanya_b]), baris_a[ia], baris_b[ib])  # fmt: skip


def _tren_pegawai(a, b, pa, pb, bukti, awal, akhir, ambang) -> pd.DataFrame:
    selisih = (b["nilai_hasil_kerja"].to_numpy() - a["nilai_hasil_kerja"].to_numpy()).round(6)
    return pd.DataFrame(
        {
            "nip": a["nip"],
            "nama": b["nama"],
            "opd": b["opd"],
            "periode_awal": pd.Categorical.from_codes(np.zeros(len(a), np.int8), [awal]),
            "periode_akhir": pd.Categorical.from_codes(np.zeros(len(a), np.int8), [akhir]),
            "nilai_hasil_kerja_awal": a["nilai_hasil_kerja"],
            "nilai_hasil_kerja_akhir": b["nilai_hasil_kerja"],
            "selisih": selisih,
            "predikat_awal": a["predikat"],
            "predikat_akhir": b["predikat"],
            "arah": _arah(selisih, a["predikat"], b["predikat"], ambang),
            "lemah_berulang": _lemah_berulang(bukti, pa, pb),
            "opd_awal": a["opd"],
        }
    )


def _perpindahan(a, b, hanya_a, hanya_b, awal, akhir) -> pd.DataFrame:
    def susun(t, jenis, opd_awal, opd_akhir, keterangan):
        return pd.DataFrame({
            "nip": t["nip"].to_numpy(), "nama": t["nama"].to_numpy(), "periode_awal": awal,
            "periode_akhir": akhir, "jenis": jenis, "opd_awal": opd_awal, "opd_akhir": opd_akhir,
            "keterangan": keterangan,
        })  # fmt: skip

    pindah = a["opd"].cat.codes.to_numpy() != b["opd"].cat.codes.to_numpy()  # kategori sama
    bagian = [
        susun(hanya_b, "masuk", None, hanya_b["opd"].to_numpy(),
              f"dinilai pada {akhir}, tidak pada {awal}"),
        susun(hanya_a, "keluar", hanya_a["opd"].to_numpy(), None,
              f"dinilai pada {awal}, tidak pada {akhir}"),
        susun(b[pindah], "pindah_opd", a["opd"].to_numpy()[pindah], b["opd"].to_numpy()[pindah],
              "OPD berbeda pada kedua periode"),
    ]  # fmt: skip
    return pd.concat([t for t in bagian if len(t)] or [_kosong(KOLOM_PERPINDAHAN)],
                     ignore_index=True)  # fmt: skip


def _benih(benih: int, *bagian: str) -> np.random.Generator:
    return np.random.default_rng([benih, *(zlib.crc32(b.encode()) for b in bagian)])


def _rerata_bootstrap(nilai: np.ndarray, rng, ulang: int, maks_unit: int) -> np.ndarray:
    """``ulang`` rata-rata bootstrap ``nilai`` (urutan tetap dari pemanggil)."""
    n = len(nilai)
    if n > maks_unit:
        label = rng.permutation(n) % maks_unit
        jumlah = np.bincount(label, weights=nilai, minlength=maks_unit)
        banyak = np.bincount(label, minlength=maks_unit).astype(float)
    else:
        jumlah, banyak = nilai.astype(float), np.ones(n)
    m = len(jumlah)
    hasil = np.empty(ulang)
    potong = max(1, 2_000_000 // m)
    for mulai in range(0, ulang, potong):
        k = min(potong, ulang - mulai)
        ambil = rng.integers(0, m, size=(k, m))
        hasil[mulai : mulai + k] = jumlah[ambil].sum(axis=1) / banyak[ambil].sum(axis=1)
    return hasil


def _satuan(sasaran: str) -> tuple[str, int]:
    if sasaran in ASPEK:
        return "poin capaian", 1
    if sasaran == "hasil_kerja":
        return "poin nilai hasil kerja", 1
    return "poin skala 1-5", 2


def _angka_bertanda(x: float, desimal: int) -> str:
    teks = angka_id(abs(x), desimal)
    return ("+" if x > 0 else "-" if x < 0 else "") + teks


def _keterangan(r: dict, min_kelompok: int, tingkat: float) -> str:
    satuan, d = _satuan(r["sasaran"])
    if r["jumlah_peserta"] < min_kelompok or r["jumlah_pembanding"] < min_kelompok:
        kurang = []
        if r["jumlah_peserta"] < min_kelompok:
            kurang.append(f"peserta {angka_id(r['jumlah_peserta'])} orang")
        if r["jumlah_pembanding"] < min_kelompok:
            kurang.append(f"pembanding {angka_id(r['jumlah_pembanding'])} orang")
        return (f"{' dan '.join(kurang).capitalize()} (perlu paling sedikit {min_kelompok}): "
                "terlalu sedikit untuk menyimpulkan apa pun tentang pelatihan ini.")  # fmt: skip
    awal = (
        f"Peserta ({angka_id(r['jumlah_peserta'])} orang) berubah "
        f"{_angka_bertanda(r['perubahan_peserta'], d)} {satuan}, pembanding yang sama lemahnya "
        f"({angka_id(r['jumlah_pembanding'])} orang) "
        f"{_angka_bertanda(r['perubahan_pembanding'], d)}: efek "
        f"{_angka_bertanda(r['efek'], d)} (interval {angka_id(tingkat * 100)}%: "
        f"{_angka_bertanda(r['batas_bawah'], d)} s.d. {_angka_bertanda(r['batas_atas'], d)})."
    )
    akhir = {
        "membantu": " Pelatihan ini membantu: perbaikan peserta melebihi perbaikan pembanding.",
        "merugikan": " Peserta justru tertinggal dari pembanding.",
        "tidak_terbukti": " Interval mencakup nol: belum terbukti membantu.",
    }[r["kesimpulan"]]
    return awal + akhir


def _riwayat_katalog(riwayat, katalog):
    kat = katalog.assign(
        kode=katalog["kode"].astype("str"), sasaran=katalog["sasaran"].astype("str")
    ).sort_values("kode", kind="stable")
    riw = (
        pd.DataFrame({"nip": riwayat["nip"].astype("str"), "kode": riwayat["kode_pelatihan"]
                      .astype("str"), "tanggal": riwayat["tanggal"], "jp": riwayat["jp"]})
        if riwayat is not None and len(riwayat)
        else pd.DataFrame({"nip": pd.Series(dtype="str"), "kode": pd.Series(dtype="str"),
                           "tanggal": pd.Series(dtype="datetime64[ns]"), "jp": []})
    )  # fmt: skip
    return kat, riw.merge(kat[["kode", "sasaran"]], on="kode", how="left")


def _efek(a, pa, pb, bukti, awal, akhir, kat, riw, aturan) -> list[dict]:
    """Baris ``efek_pelatihan`` satu pasangan periode; ``a``, ``pa``, ``pb`` dari
    :func:`_pasangan`."""
    nip_unik = bukti.nip_unik
    atur = aturan["tren"]
    minimum = atur["min_kelompok"]
    ulang, maks_unit, benih = atur["ulang_bootstrap"], atur["maks_unit_bootstrap"], atur["benih"]
    # Nilai kelompok diurutkan menurut NIP sebelum bootstrap: taksiran tidak bergantung pada
    # urutan baris atau nama OPD.
    urut = np.argsort(a["_kode_nip"].to_numpy(), kind="stable")
    t0, t1 = akhir_periode(awal), akhir_periode(akhir)
    jendela = riw[((riw["tanggal"] > t0) & (riw["tanggal"] <= t1)).to_numpy()]
    # Letak tiap pengikut di baris pasangan (urut NIP; -1: tidak dinilai di kedua periode).
    posisi = np.full(len(nip_unik) + 1, -1, dtype=np.int64)
    posisi[a["_kode_nip"].to_numpy()[urut]] = np.arange(len(a))
    letak = posisi[kode_dalam(jendela["nip"], nip_unik)]  # kode -1 mengambil -1 terakhir
    kode_j = jendela["kode"].to_numpy(dtype=object)
    sasaran_j = jendela["sasaran"].to_numpy(dtype=object)
    ikut = jendela.groupby("kode", sort=True).agg(orang=("nip", "nunique"), jp=("jp", "sum"))

    def tanda(pos: np.ndarray, n: int = len(a)) -> np.ndarray:
        hasil = np.zeros(n, dtype=bool)
        hasil[pos[pos >= 0]] = True
        return hasil

    baris = []
    # Per sasaran (larik jutaan baris dihitung sekali, dilepas sebelum sasaran berikutnya),
    # lalu urut kode pelatihan seperti katalog.
    for s, kelompok in kat.groupby("sasaran", sort=True):
        va, lemah_a = bukti.sasaran(s, pa[urut])
        vb, _ = bukti.sasaran(s, pb[urut])
        lemah = lemah_a & ~np.isnan(vb) & ~np.isnan(va)
        if s in ("hasil_kerja", "perilaku"):
            lemah &= bukti.rinci[pa[urut], 0 if s == "hasil_kerja" else 1] == 0
        perubahan = vb - va
        del va, vb, lemah_a
        nilai_p = perubahan[lemah & ~tanda(letak[sasaran_j == s])]
        boot_p = (
            _rerata_bootstrap(nilai_p, _benih(benih, "pembanding", s, awal, akhir), ulang,
                              maks_unit)
            if len(nilai_p) >= minimum else None
        )  # fmt: skip
        for k in kelompok.itertuples(index=False):
            baris.append(_baris_efek(k, s, awal, akhir, lemah, perubahan, nilai_p, boot_p,
                                     letak[kode_j == k.kode], ikut, atur))  # fmt: skip
    urutan = {k: i for i, k in enumerate(kat["kode"])}
    return sorted(baris, key=lambda r: urutan[r["kode_pelatihan"]])


def _baris_efek(k, s, awal, akhir, lemah, perubahan, nilai_p, boot_p, letak_k, ikut, atur):
    """Satu baris ``efek_pelatihan``: pelatihan ``k`` (sasaran ``s``) pada satu pasangan."""
    minimum, tingkat = atur["min_kelompok"], atur["tingkat_keyakinan"]
    ulang, maks_unit, benih = atur["ulang_bootstrap"], atur["maks_unit_bootstrap"], atur["benih"]
    q = (1 - tingkat) / 2
    ikut_k = np.zeros(len(lemah), dtype=bool)
    ikut_k[letak_k[letak_k >= 0]] = True
    nilai_k = perubahan[lemah & ikut_k]
    r = {
        "kode_pelatihan": k.kode, "nama_pelatihan": str(k.nama), "sasaran": s,
        "periode_awal": awal, "periode_akhir": akhir,
        "jumlah_peserta": int(len(nilai_k)), "jumlah_pembanding": int(len(nilai_p)),
        "perubahan_peserta": nilai_k.mean() if len(nilai_k) else np.nan,
        "perubahan_pembanding": nilai_p.mean() if len(nilai_p) else np.nan,
        "jumlah_ikut": int(ikut["orang"].get(k.kode, 0)),
        "total_jp": float(ikut["jp"].get(k.kode, 0.0)),
    }  # fmt: skip
    r["efek"] = r["perubahan_peserta"] - r["perubahan_pembanding"]
    r["batas_bawah"] = r["batas_atas"] = np.nan
    if len(nilai_k) >= minimum and boot_p is not None:
        boot_k = _rerata_bootstrap(
            nilai_k, _benih(benih, "peserta", k.kode, awal, akhir), ulang, maks_unit
        )
        r["batas_bawah"], r["batas_atas"] = np.quantile(boot_k - boot_p, [q, 1 - q])
        for kunci in ("perubahan_peserta", "perubahan_pembanding", "efek", "batas_bawah",
                      "batas_atas"):  # fmt: skip
            r[kunci] = round(float(r[kunci]), 6)
        r["kesimpulan"] = (
            "membantu" if r["batas_bawah"] > 0
            else "merugikan" if r["batas_atas"] < 0 else "tidak_terbukti"
        )  # fmt: skip
    else:
        r["kesimpulan"] = "data_kurang"
    r["keterangan"] = _keterangan(r, minimum, tingkat)
    return r


def _tabel_efek(baris: list[dict]) -> pd.DataFrame:
    if not baris:
        return _kosong(KOLOM_EFEK)
    hasil = pd.DataFrame(baris, columns=KOLOM_EFEK)
    for k in ("perubahan_peserta", "perubahan_pembanding", "efek", "batas_bawah", "batas_atas"):
        hasil[k] = hasil[k].astype(float).round(6)
    return hasil.astype({k: "str" for k in ("kode_pelatihan", "nama_pelatihan", "sasaran",
                                            "periode_awal", "periode_akhir", "kesimpulan",
                                            "keterangan")})  # fmt: skip


def analisis_tren(
    skor_pegawai: pd.DataFrame,
    capaian_indikator: pd.DataFrame,
    perilaku: pd.DataFrame | None,
    evaluasi_atasan: pd.DataFrame | None,
    riwayat_pelatihan: pd.DataFrame | None,
    katalog: pd.DataFrame | None,
    tidak_aktif: pd.DataFrame | None,
    aturan: dict,
    periode: list[str] | None = None,
    pasangan: list[tuple[str, str]] | None = None,
) -> HasilTren:
    """Tren OPD, tren pegawai, perpindahan, dan efek pelatihan (kontrak v2 bagian 8).

    Parameters
    ----------
    skor_pegawai, capaian_indikator
        Hasil :func:`asn_analitik.skor` (metode ``permenpanrb_6_2022``) untuk semua periode
        yang dibandingkan.
    perilaku, evaluasi_atasan, riwayat_pelatihan, katalog, tidak_aktif
        Tabel sah dari :func:`asn_analitik.muat` (boleh ``None``); ``tidak_aktif`` dari
        ``DataMasuk.tidak_aktif``.
    aturan
        Aturan kit (bagian ``tren`` dan ``pelatihan``).
    periode, pasangan
        Dari :func:`pilih_periode_tren`; bawaan: pilihan bawaannya atas periode di
        ``skor_pegawai``.

    Returns
    -------
    HasilTren
    """
    if periode is None:
        jenis, periode, pasangan_bawaan = pilih_periode_tren(
            skor_pegawai["periode"].astype("str").unique().tolist()
        )
        pasangan = pasangan_bawaan if pasangan is None else pasangan
    else:
        jenis = jenis_periode(periode[0]) if periode else None
        pasangan = pasangan or []
    periode = list(periode)
    dasar, bukti = _dasar(skor_pegawai, capaian_indikator, perilaku, evaluasi_atasan, periode,
                          aturan)  # fmt: skip
    ambang = aturan["tren"]["ambang_arah"]
    tren, pindah, efek = [], [], []
    ada_katalog = katalog is not None and len(katalog) > 0
    if ada_katalog:
        kat, riw = _riwayat_katalog(riwayat_pelatihan, katalog)
    for awal, akhir in pasangan:
        a, b, hanya_a, hanya_b, pa, pb = _pasangan(dasar, periode, awal, akhir)
        tren.append(_tren_pegawai(a, b, pa, pb, bukti, awal, akhir, ambang))
        pindah.append(_perpindahan(a, b, hanya_a, hanya_b, awal, akhir))
        if ada_katalog:
            efek += _efek(a, pa, pb, bukti, awal, akhir, kat, riw, aturan)
        del a, b, hanya_a, hanya_b
    # Tiap pasangan sudah urut OPD lalu NIP; pasangan urut waktu.
    tren_pegawai = pd.concat(tren, ignore_index=True) if tren else _kosong(KOLOM_TREN_PEGAWAI)
    perpindahan = pd.concat(pindah, ignore_index=True) if pindah else _kosong(KOLOM_PERPINDAHAN)
    if tidak_aktif is not None and len(tidak_aktif) and pasangan:
        ta = tidak_aktif.astype({"nip": "str", "nama": "str", "opd": "str", "status": "str"})
        ta = ta.sort_values("nip", kind="stable")
        perpindahan = pd.concat([perpindahan, pd.DataFrame({
            "nip": ta["nip"].to_numpy(), "nama": ta["nama"].to_numpy(),
            "periode_awal": pasangan[-1][0], "periode_akhir": pasangan[-1][1],
            "jenis": "tidak_aktif", "opd_awal": ta["opd"].to_numpy(),
            "opd_akhir": None,
            "keterangan": "status " + ta["status"].to_numpy(dtype=object)
            + " di tabel pegawai: tidak dinilai pada kedua periode",
        })], ignore_index=True)  # fmt: skip
    if len(perpindahan):
        urut_jenis = {"masuk": 0, "keluar": 1, "pindah_opd": 2, "tidak_aktif": 3}
        perpindahan = (
            perpindahan.assign(
                _p=kunci_urut_periode(perpindahan["periode_akhir"].astype("str")).to_numpy(),
                _j=perpindahan["jenis"].map(urut_jenis).to_numpy(),
            )
            .sort_values(["_p", "_j", "nip"], kind="stable")
            .drop(columns=["_p", "_j"])
        )
    hasil = HasilTren(
        _tren_opd(dasar, periode),
        tren_pegawai[KOLOM_TREN_PEGAWAI].reset_index(drop=True),
        _tabel_efek(efek),
        perpindahan[KOLOM_PERPINDAHAN].reset_index(drop=True).astype("str"),
        jenis,
        periode,
        list(pasangan),
    )
    return hasil
