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
from ..masuk.kunci import faktor, kode_dalam
from ..masuk.periode import (
    JENIS_PERIODE,
    akhir_periode,
    jenis_periode,
    kunci_urut_periode,
    urutkan_periode,
)
from ..teks import angka_id
from .pelatihan import rerata_aspek

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
_PERINGKAT_PREDIKAT = {p: i for i, p in enumerate(PREDIKAT)}  # 0 = terbaik


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


def _opd_periode(skor: pd.DataFrame, evaluasi: pd.DataFrame | None) -> np.ndarray:
    """OPD tiap baris skor pada periodenya: kolom ``opd`` evaluasi atasan bila terisi, selain itu
    OPD di tabel pegawai."""
    opd = skor["opd"].astype("str").to_numpy(dtype=object)
    if evaluasi is None or "opd" not in evaluasi or not len(evaluasi):
        return opd
    ev = evaluasi.loc[evaluasi["opd"].notna(), ["nip", "periode", "opd"]]
    if ev.empty:
        return opd
    kunci = pd.MultiIndex.from_arrays([ev["nip"].astype("str"), ev["periode"].astype("str")])
    letak = kunci.get_indexer(
        pd.MultiIndex.from_arrays([skor["nip"].astype("str"), skor["periode"].astype("str")])
    )
    ganti = ev["opd"].astype("str").str.strip().to_numpy(dtype=object)
    return np.where(letak >= 0, ganti[np.maximum(letak, 0)], opd)


def _dasar(skor, capaian_indikator, perilaku, evaluasi, periode, aturan) -> pd.DataFrame:
    """Satu baris per (nip, periode) terpilih: identitas, nilai, predikat, dan nilai serta tanda
    lemah tiap sasaran (``nilai:<sasaran>``, ``lemah:<sasaran>``), urut nip lalu waktu."""
    pilih = skor["periode"].astype("str").isin(periode).to_numpy()
    s = skor.loc[pilih].reset_index(drop=True)
    dasar = pd.DataFrame(
        {
            "nip": s["nip"].astype("str"),
            "nama": s["nama"].astype("str"),
            "periode": s["periode"].astype("str"),
            "opd": pd.Series(_opd_periode(s, evaluasi), dtype="str"),
            "nilai_hasil_kerja": s["nilai_hasil_kerja"].astype(float),
            "predikat": s["predikat"].astype("str"),
            "_ind": s["jumlah_indikator"].fillna(0).to_numpy(float),
            "_kosong": s["indikator_tidak_dilaporkan"].fillna(0).to_numpy(float),
        }
    )
    n = len(dasar)
    kode_nip, nip_unik = faktor(dasar["nip"])
    kode_periode = pd.Index(periode).get_indexer(dasar["periode"])
    # Baris dasar tiap (nip, periode) lewat larik padat: tanpa tabel hash untuk jutaan baris.
    baris_dari = np.full(len(nip_unik) * len(periode), -1, dtype=np.int64)
    baris_dari[kode_nip * len(periode) + kode_periode] = np.arange(n)

    def letakkan(nip, per):
        kn = kode_dalam(nip, nip_unik)
        kp = kode_dalam(per, pd.Index(periode, dtype="str"))
        ok = (kn >= 0) & (kp >= 0)
        return np.where(ok, baris_dari[np.where(ok, kn * len(periode) + kp, 0)], -1)

    ambang_c, ambang_p = (
        aturan["pelatihan"]["ambang_capaian"],
        aturan["pelatihan"]["ambang_perilaku"],
    )
    aspek = rerata_aspek(capaian_indikator, kategori=True)
    aspek = aspek[aspek["periode"].isin(periode).to_numpy()]
    baris_aspek = letakkan(aspek["nip"], aspek["periode"])
    kolom = {}
    for a in ASPEK:
        nilai = np.full(n, np.nan)
        pilih_a = ((aspek["aspek"] == a).to_numpy()) & (baris_aspek >= 0)
        nilai[baris_aspek[pilih_a]] = aspek["nilai"].to_numpy()[pilih_a]
        kolom[f"nilai:{a}"], kolom[f"lemah:{a}"] = nilai, nilai < ambang_c
    matriks = np.full((n, len(BERAKHLAK)), np.nan)
    if perilaku is not None and len(perilaku):
        baris_p = letakkan(perilaku["nip"], perilaku["periode"])
        kol_p = pd.Index(BERAKHLAK).get_indexer(perilaku["aspek"].astype("str"))
        ok = (baris_p >= 0) & (kol_p >= 0)
        matriks[baris_p[ok], kol_p[ok]] = perilaku["nilai"].to_numpy(float)[ok]
    for i, b in enumerate(BERAKHLAK):
        kolom[f"nilai:perilaku:{b}"] = matriks[:, i]
        kolom[f"lemah:perilaku:{b}"] = matriks[:, i] <= ambang_p
    for dimensi, nilai in (("hasil_kerja", "nilai_hasil_kerja"), ("perilaku", "nilai_perilaku")):
        tanpa_rincian = s[f"rating_{dimensi}_usulan"].isna().to_numpy()
        kolom[f"nilai:{dimensi}"] = s[nilai].astype(float).to_numpy()
        kolom[f"lemah:{dimensi}"] = (s[f"rating_{dimensi}"] == _DI_BAWAH).to_numpy()
        kolom[f"rinci:{dimensi}"] = ~tanpa_rincian
    dasar = pd.concat([dasar, pd.DataFrame(kolom)], axis=1)
    dasar["_kode_periode"] = kode_periode
    dasar["_kode_nip"] = kode_nip
    urut = np.lexsort((kode_periode, kode_nip))
    dasar = dasar.iloc[urut].reset_index(drop=True)
    dasar.attrs["nip_unik"] = nip_unik
    return dasar


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


def _lemah_berulang(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Teks ``;``-gabungan sasaran yang lemah di kedua periode (``a``, ``b`` sejajar)."""
    bit = np.zeros(len(a), dtype=np.int64)
    for i, s in enumerate(_SASARAN):
        lemah = a[f"lemah:{s}"].to_numpy(bool) & b[f"lemah:{s}"].to_numpy(bool)
        if s in ("hasil_kerja", "perilaku"):  # hanya bila tanpa bukti rinci di kedua periode
            lemah &= ~a[f"rinci:{s}"].to_numpy(bool) & ~b[f"rinci:{s}"].to_numpy(bool)
        bit |= lemah.astype(np.int64) << i
    unik, posisi = np.unique(bit, return_inverse=True)
    teks = np.array(
        [";".join(s for i, s in enumerate(_SASARAN) if u >> i & 1) or None for u in unik],
        dtype=object,
    )
    return teks[posisi]


def _arah(selisih: np.ndarray, predikat_a, predikat_b, ambang: float) -> np.ndarray:
    arah = np.where(selisih >= ambang, "naik", np.where(selisih <= -ambang, "turun", "tetap"))
    pa = pd.Series(predikat_a).map(_PERINGKAT_PREDIKAT).to_numpy(float)
    pb = pd.Series(predikat_b).map(_PERINGKAT_PREDIKAT).to_numpy(float)
    dari_predikat = np.where(pb < pa, "naik", np.where(pb > pa, "turun", "tetap"))
    dari_predikat = np.where(np.isnan(pa) | np.isnan(pb), None, dari_predikat)
    return np.where(np.isnan(selisih), dari_predikat, arah).astype(object)


def _pasangan(dasar: pd.DataFrame, periode: list[str], awal: str, akhir: str):
    """Baris ``awal`` dan ``akhir`` pegawai yang ada di keduanya (sejajar, urut nip), serta
    baris yang hanya ada di salah satunya."""
    ka, kb = periode.index(awal), periode.index(akhir)
    kode = dasar["_kode_periode"].to_numpy()
    a, b = dasar[kode == ka], dasar[kode == kb]  # urut nip (dasar urut nip lalu periode)
    _, ia, ib = np.intersect1d(a["_kode_nip"].to_numpy(), b["_kode_nip"].to_numpy(),
                               assume_unique=True, return_indices=True)  # fmt: skip
    hanya_a = np.ones(len(a), bool)
    hanya_a[ia] = False
    hanya_b = np.ones(len(b), bool)
    hanya_b[ib] = False
    return (a.iloc[ia].reset_index(drop=True), b.iloc[ib].reset_index(drop=True),
            a[hanya_a].reset_index(drop=True), b[hanya_b].reset_index(drop=True))  # fmt: skip


def _tren_pegawai(a, b, awal, akhir, ambang) -> pd.DataFrame:
    selisih = (b["nilai_hasil_kerja"].to_numpy() - a["nilai_hasil_kerja"].to_numpy()).round(6)
    return pd.DataFrame(
        {
            "nip": a["nip"].to_numpy(),
            "nama": b["nama"].to_numpy(),
            "opd": b["opd"].to_numpy(),
            "periode_awal": awal,
            "periode_akhir": akhir,
            "nilai_hasil_kerja_awal": a["nilai_hasil_kerja"].to_numpy(),
            "nilai_hasil_kerja_akhir": b["nilai_hasil_kerja"].to_numpy(),
            "selisih": selisih,
            "predikat_awal": a["predikat"].to_numpy(),
            "predikat_akhir": b["predikat"].to_numpy(),
            "arah": _arah(selisih, a["predikat"], b["predikat"], ambang),
            "lemah_berulang": _lemah_berulang(a, b),
            "opd_awal": a["opd"].to_numpy(),
        }
    )


def _perpindahan(a, b, hanya_a, hanya_b, awal, akhir) -> pd.DataFrame:
    def susun(t, jenis, opd_awal, opd_akhir, keterangan):
        return pd.DataFrame({
            "nip": t["nip"].to_numpy(), "nama": t["nama"].to_numpy(), "periode_awal": awal,
            "periode_akhir": akhir, "jenis": jenis, "opd_awal": opd_awal, "opd_akhir": opd_akhir,
            "keterangan": keterangan,
        })  # fmt: skip

    pindah = a["opd"].to_numpy() != b["opd"].to_numpy()
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


def _efek(dasar, periode, pasangan, riwayat, katalog, aturan) -> pd.DataFrame:
    atur = aturan["tren"]
    minimum, tingkat = atur["min_kelompok"], atur["tingkat_keyakinan"]
    ulang, maks_unit, benih = atur["ulang_bootstrap"], atur["maks_unit_bootstrap"], atur["benih"]
    if katalog is None or not len(katalog) or not pasangan:
        return _kosong(KOLOM_EFEK)
    kat = katalog.assign(
        kode=katalog["kode"].astype("str"), sasaran=katalog["sasaran"].astype("str")
    ).sort_values("kode", kind="stable")
    riw = (
        pd.DataFrame({"nip": riwayat["nip"].astype("str"), "kode": riwayat["kode_pelatihan"]
                      .astype("str"), "tanggal": riwayat["tanggal"], "jp": riwayat["jp"]})
        if riwayat is not None and len(riwayat)
        else pd.DataFrame({"nip": [], "kode": [], "tanggal": pd.Series(dtype="datetime64[ns]"),
                           "jp": []})
    )  # fmt: skip
    riw = riw.merge(kat[["kode", "sasaran"]], on="kode", how="left")
    baris = []
    q = (1 - tingkat) / 2
    for awal, akhir in pasangan:
        a, b, _, _ = _pasangan(dasar, periode, awal, akhir)
        t0, t1 = akhir_periode(awal), akhir_periode(akhir)
        jendela = riw[(riw["tanggal"] > t0) & (riw["tanggal"] <= t1)]
        # Letak tiap pengikut di baris pasangan (-1: tidak dinilai di kedua periode).
        nip_unik = dasar.attrs["nip_unik"]
        posisi = np.full(len(nip_unik) + 1, -1, dtype=np.int64)
        posisi[a["_kode_nip"].to_numpy()] = np.arange(len(a))
        letak = posisi[kode_dalam(jendela["nip"], nip_unik)]  # kode -1 mengambil -1 terakhir
        kode_j = jendela["kode"].to_numpy(dtype=object)
        sasaran_j = jendela["sasaran"].to_numpy(dtype=object)
        per_kode = {k: letak[kode_j == k] for k in pd.unique(kode_j)}

        def tanda(pos: np.ndarray, n: int = len(a)) -> np.ndarray:
            hasil = np.zeros(n, dtype=bool)
            hasil[pos[pos >= 0]] = True
            return hasil

        cache_pembanding = {}
        for k in kat.itertuples(index=False):
            s = k.sasaran
            va, vb = a[f"nilai:{s}"].to_numpy(float), b[f"nilai:{s}"].to_numpy(float)
            lemah = a[f"lemah:{s}"].to_numpy(bool) & ~np.isnan(vb) & ~np.isnan(va)
            if s in ("hasil_kerja", "perilaku"):
                lemah &= ~a[f"rinci:{s}"].to_numpy(bool)
            perubahan = vb - va
            ikut_k = jendela[kode_j == k.kode]
            peserta = lemah & tanda(per_kode.get(k.kode, np.array([], dtype=np.int64)))
            if s not in cache_pembanding:
                bukan = lemah & ~tanda(letak[sasaran_j == s])
                nilai_p = perubahan[bukan]
                boot_p = (
                    _rerata_bootstrap(nilai_p, _benih(benih, "pembanding", s, awal, akhir),
                                      ulang, maks_unit)
                    if len(nilai_p) >= minimum else None
                )  # fmt: skip
                cache_pembanding[s] = (nilai_p, boot_p)
            nilai_p, boot_p = cache_pembanding[s]
            nilai_k = perubahan[peserta]
            r = {
                "kode_pelatihan": k.kode, "nama_pelatihan": str(k.nama), "sasaran": s,
                "periode_awal": awal, "periode_akhir": akhir,
                "jumlah_peserta": int(len(nilai_k)), "jumlah_pembanding": int(len(nilai_p)),
                "perubahan_peserta": nilai_k.mean() if len(nilai_k) else np.nan,
                "perubahan_pembanding": nilai_p.mean() if len(nilai_p) else np.nan,
                "jumlah_ikut": int(ikut_k["nip"].nunique()),
                "total_jp": float(ikut_k["jp"].sum()),
            }  # fmt: skip
            r["efek"] = r["perubahan_peserta"] - r["perubahan_pembanding"]
            r["batas_bawah"] = r["batas_atas"] = np.nan
            if len(nilai_k) >= minimum and boot_p is not None:
                boot_k = _rerata_bootstrap(
                    nilai_k, _benih(benih, "peserta", k.kode, awal, akhir), ulang, maks_unit
                )
                r["batas_bawah"], r["batas_atas"] = np.quantile(boot_k - boot_p, [q, 1 - q])
                for kunci in ("perubahan_peserta", "perubahan_pembanding", "efek",
                              "batas_bawah", "batas_atas"):  # fmt: skip
                    r[kunci] = round(float(r[kunci]), 6)
                r["kesimpulan"] = (
                    "membantu" if r["batas_bawah"] > 0
                    else "merugikan" if r["batas_atas"] < 0 else "tidak_terbukti"
                )  # fmt: skip
            else:
                r["kesimpulan"] = "data_kurang"
            r["keterangan"] = _keterangan(r, minimum, tingkat)
            baris.append(r)
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
    dasar = _dasar(skor_pegawai, capaian_indikator, perilaku, evaluasi_atasan, periode, aturan)
    ambang = aturan["tren"]["ambang_arah"]
    tren, pindah = [], []
    for awal, akhir in pasangan:
        a, b, hanya_a, hanya_b = _pasangan(dasar, periode, awal, akhir)
        tren.append(_tren_pegawai(a, b, awal, akhir, ambang))
        pindah.append(_perpindahan(a, b, hanya_a, hanya_b, awal, akhir))
    tren_pegawai = pd.concat(tren, ignore_index=True) if tren else _kosong(KOLOM_TREN_PEGAWAI)
    tren_pegawai = tren_pegawai.sort_values(
        ["periode_akhir", "opd", "nip"], kind="stable",
        key=lambda k: kunci_urut_periode(k) if k.name == "periode_akhir" else k,
    )  # fmt: skip
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
        _efek(dasar, periode, pasangan, riwayat_pelatihan, katalog, aturan),
        perpindahan[KOLOM_PERPINDAHAN].reset_index(drop=True).astype("str"),
        jenis,
        periode,
        list(pasangan),
    )
    return hasil


def nama_jenis(jenis: str | None) -> str:
    """Nama jenis periode untuk dibaca (``semester``, ``bulanan``, ...)."""
    return JENIS_PERIODE.get(jenis or "", "-")
